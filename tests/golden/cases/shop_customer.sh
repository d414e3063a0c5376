$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN customer C001
$RETAIN --lang de customer C005 --as-of 2024-06-30
$RETAIN customer C007 --json
