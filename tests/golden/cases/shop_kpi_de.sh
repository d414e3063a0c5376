$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN --lang de kpi --from 01.01.2024 --to 31.03.2024 --window-days 180 --existing-min-orders 1
