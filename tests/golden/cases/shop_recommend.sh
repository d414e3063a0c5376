# Association rules and recommendations on the small invented shop.
$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN associations --min-support 0.05 --min-confidence 0.3
$RETAIN associations --level category --min-support 0.1 --json | head -12
$RETAIN recommend C002 --k 3
$RETAIN --lang de recommend C001 --k 2 --json
$RETAIN recommend --evaluate --holdout-from 2024-01-01 --k 3
$RETAIN recommend --all --out all.csv --k 2
head -3 all.csv
set +e
$RETAIN recommend nobody; echo "exit $?"
$RETAIN recommend; echo "exit $?"
$RETAIN recommend --evaluate; echo "exit $?"
$RETAIN associations --level brand; echo "exit $?"
