set +e
$RETAIN kpi; echo "exit $?"
$RETAIN init > /dev/null
$RETAIN kpi --from 2024-13-01; echo "exit $?"
$RETAIN kpi --from 2024-03-01 --to 2024-02-01; echo "exit $?"
$RETAIN import --preset nosuch x.csv; echo "exit $?"
$RETAIN import missing.csv; echo "exit $?"
$RETAIN rfm --customer NOBODY; echo "exit $?"
$RETAIN frobnicate > /dev/null 2>&1; echo "exit $?"
$RETAIN import --skip-bad "$DATA"/shop/orders.csv; echo "exit $?"
