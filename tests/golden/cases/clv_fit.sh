# Lifetime-value models on the CDNOW sample, calibration to 1997-09-30 in weeks:
# BG/NBD r=0.243, alpha=4.414, a=0.793, b=2.426, LL -9582.43 (Fader, Hardie & Lee 2005);
# Gamma-Gamma p=6.25, q=3.74, gamma=15.44, LL -4055.92 (Fader & Hardie 2013).
$RETAIN import --preset cdnow "$DATA"/cdnow/CDNOW_sample.txt > /dev/null
$RETAIN clv fit --model bgnbd --calibration-end 1997-09-30
$RETAIN --lang de clv fit --model gammagamma --calibration-end 30.09.1997
# A summary file instead of the transactions.
printf 'x,t_x,T,weight\n0,0,38.86,1411\n1,30.43,38.86,439\n2,15.5,38.86,507\n' > summary.csv
$RETAIN clv fit --model bgnbd --summary summary.csv | grep -E "Customers|Converged"
set +e
printf 'x,t_x,T\n2,40,38.86\n' > bad.csv
$RETAIN clv fit --model bgnbd --summary bad.csv; echo "exit $?"
$RETAIN clv fit --model gammagamma --summary summary.csv; echo "exit $?"
$RETAIN clv fit --model nosuch; echo "exit $?"
