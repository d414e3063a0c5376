$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN rfm
$RETAIN --lang de rfm --as-of 2024-03-31
$RETAIN rfm --customer C005 --json
$RETAIN rfm --customer C001
