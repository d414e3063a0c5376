#!/usr/bin/env bash
# make bench: generate N customers, import them into a fresh database, then
# run kpi and rfm, fit the lifetime-value models and score every customer
# (stored), timing each step and its peak memory (GNU time); then association
# rules and recommendations on the UCI Online Retail data when ../shared/data
# has it.
set -euo pipefail
RETAIN=$(realpath "$1")
DIR=$2
N=$3
mkdir -p "$DIR"
DB="$DIR/bench.db"
TIME=/usr/bin/time
run() {  # run LABEL CMD...: prints wall seconds and peak RSS
  local label=$1
  shift
  "$TIME" -f "$label: %e s, peak %M KB" "$@" > "$DIR/$label.out" 2> "$DIR/$label.time" || {
    cat "$DIR/$label.time"
    exit 1
  }
  tail -n 1 "$DIR/$label.time"
}
if [ ! -f "$DIR/data/order_lines.csv" ] || [ "$(cat "$DIR/data/.customers" 2>/dev/null)" != "$N" ]; then
  run gen "$RETAIN" gen --customers "$N" --seed 7 --out "$DIR/data"
  echo "$N" > "$DIR/data/.customers"
fi
rows=$(( $(wc -l < "$DIR/data/order_lines.csv") - 1 ))
orders=$(( $(wc -l < "$DIR/data/orders.csv") - 1 ))
echo "data: $N customers, $orders orders, $rows order lines"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal" "$DB.snapshot"
# Let the filesystem finish writing back and discarding the previous run's
# gigabyte-sized database first; otherwise that work is timed as well.
sync
sleep 15
"$RETAIN" --db "$DB" init > /dev/null
run import "$RETAIN" --db "$DB" import "$DIR"/data/*.csv
secs=$(sed -E 's/^import: ([0-9.]+) s.*/\1/' "$DIR/import.time" | tail -n 1)
awk -v r="$rows" -v o="$orders" -v s="$secs" \
  'BEGIN { printf "import: %.0f order lines/s (%.0f orders + lines/s)\n", r / s, (r + o) / s }'
run kpi_cold "$RETAIN" --db "$DB" kpi --json
run rfm_warm "$RETAIN" --db "$DB" rfm --json
run kpi_warm "$RETAIN" --db "$DB" kpi --json
run kpi_rfm_warm sh -c "'$RETAIN' --db '$DB' kpi --json && '$RETAIN' --db '$DB' rfm --json"
run clv_fit_bgnbd "$RETAIN" --db "$DB" clv fit --model bgnbd --json
run clv_fit_gammagamma "$RETAIN" --db "$DB" clv fit --model gammagamma --json
run clv_score "$RETAIN" --db "$DB" clv score --json
run segment_count "$RETAIN" --db "$DB" segment count --rule \
  'country = "DE" and orders >= 2 and days_since_last_order > 90 and p_alive < 0.5 and bought_category("Schuhe")'
cat "$DIR/segment_count.out"
# Associations and recommendations for every customer of the UCI Online
# Retail data (imported once into its own database).
RETAIL=$(cd "$(dirname "$0")/.." && pwd)/../shared/data/validation/online_retail.csv.gz
if [ -f "$RETAIL" ]; then
  RDB="$DIR/online_retail.db"
  if [ ! -f "$RDB" ]; then
    "$RETAIN" --db "$RDB" init > /dev/null
    "$RETAIN" --db "$RDB" import --preset online-retail "$RETAIL" > /dev/null
    "$RETAIN" --db "$RDB" kpi > /dev/null  # builds the snapshot cache
  fi
  run retail_associations "$RETAIN" --db "$RDB" associations --json
  run retail_recommend_all "$RETAIN" --db "$RDB" recommend --all --out "$DIR/recommendations.csv"
  run retail_recommend_evaluate "$RETAIN" --db "$RDB" recommend --evaluate --holdout-from 2011-10-01
  tail -n 3 "$DIR/retail_recommend_evaluate.out"
else
  echo "retail: ../shared/data/validation/online_retail.csv.gz not found; skipping"
fi
