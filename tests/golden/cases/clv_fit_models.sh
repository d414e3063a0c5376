# The other models on their published data sets:
# Pareto/NBD on CDNOW (lifetimes: r=0.553, alpha=10.578, s=0.606, beta=11.669; LL -9594.98),
# MBG/NBD on CDNOW (r=0.525, alpha=6.183, a=0.891, b=1.614),
# BG/BB on the donations data (alpha=1.204, beta=0.750, gamma=0.657, delta=2.783; LL -33225.58).
$RETAIN import --preset cdnow "$DATA"/cdnow/CDNOW_sample.txt > /dev/null
$RETAIN clv fit --model paretonbd --calibration-end 1997-09-30 | grep -vE "Evaluations"
$RETAIN clv fit --model mbgnbd --calibration-end 1997-09-30 | grep -vE "Evaluations"
$RETAIN clv fit --model bgbb --summary "$DATA"/btyd/donations.csv | grep -vE "Evaluations|^Model"
set +e
$RETAIN clv fit --model bgbb; echo "exit $?"
