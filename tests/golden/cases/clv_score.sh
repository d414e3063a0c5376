# Scores every CDNOW customer from the latest fits of the imported orders.
$RETAIN import --preset cdnow "$DATA"/cdnow/CDNOW_sample.txt > /dev/null
set +e
$RETAIN clv score; echo "exit $?"
set -e
$RETAIN clv fit --model bgnbd > /dev/null
# A fit of a summary file is shown, not stored: scoring still uses the orders' fit.
printf 'x,t_x,T,weight\n0,0,38.86,1411\n1,30.43,38.86,439\n2,15.5,38.86,507\n' > summary.csv
$RETAIN clv fit --model bgnbd --summary summary.csv > /dev/null
$RETAIN clv fit --model gammagamma > /dev/null
$RETAIN clv score --out scores.csv
head -3 scores.csv
$RETAIN --lang de clv score --horizon-months 24 --discount-monthly 0 | head -9
# The stored forecasts are the last saved run's (the 24-month run above);
# --no-save leaves them alone.
$RETAIN clv score --horizon-months 6 --no-save > /dev/null
$RETAIN customer 00004 | grep -E "^(Customer|P\(alive\)|Expected|Predicted)"
$RETAIN customer 00004 --json | grep -A 12 '"clv": {' | grep -v scored_at | sed -E 's/([0-9]+\.[0-9]{9})[0-9]+/\1/g'
# retain kpi shows the predicted CLV of the existing customers.
$RETAIN kpi | grep -E "CLV"
$RETAIN kpi --json | grep -A 6 '"predicted_clv"'
