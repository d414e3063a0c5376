$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN cohorts --months 6
$RETAIN cohorts --as-of 2023-06-30 --json
