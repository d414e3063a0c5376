$RETAIN init
$RETAIN import "$DATA"/shop/*.csv --json
# A second import of the same files changes nothing.
$RETAIN import "$DATA"/shop/*.csv
