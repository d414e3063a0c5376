$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN kpi --from 2024-01-01 --to 2024-03-31
$RETAIN kpi --from 2024-01-01 --to 2024-03-31 --json
