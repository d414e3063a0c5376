# Calibration/holdout validation on the CDNOW sample (Fader, Hardie & Lee 2005 split).
$RETAIN import --preset cdnow "$DATA"/cdnow/CDNOW_sample.txt > /dev/null
$RETAIN clv validate --calibration-end 1997-09-30 --holdout-end 1998-06-30
$RETAIN --lang de clv validate --model paretonbd --calibration-end 1997-09-30 --holdout-end 1998-06-30 | head -22
$RETAIN clv validate --calibration-end 1997-09-30 --holdout-end 1998-06-30 --json | head -12 | sed -E 's/([0-9]+\.[0-9]{9})[0-9]+/\1/g'
set +e
$RETAIN clv validate --calibration-end 1998-06-30 --holdout-end 1997-09-30; echo "exit $?"
$RETAIN clv validate --model mbgnbd --calibration-end 1997-09-30 --holdout-end 1998-06-30 2>&1; echo "exit $?"
$RETAIN clv validate --calibration-end 1990-01-01 --holdout-end 1998-06-30; echo "exit $?"
set -e
