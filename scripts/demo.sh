#!/usr/bin/env bash
# make demo: generates a realistic German demo shop, loads it into a fresh
# database and prints the main reports.
set -euo pipefail
RETAIN=$1
DB=$2
DIR=$3
CUSTOMERS=$4
echo "== Generating a demo shop with $CUSTOMERS customers in $DIR/"
"$RETAIN" gen --customers "$CUSTOMERS" --seed 42 --out "$DIR"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.snapshot"
echo "== Loading it into $DB"
"$RETAIN" --db "$DB" init
"$RETAIN" --db "$DB" import --preset generic "$DIR"/*.csv
echo
echo "== Fitting the lifetime-value models (BG/NBD for purchases, Gamma-Gamma for spend)"
"$RETAIN" --db "$DB" clv fit --model bgnbd | tail -n 1
"$RETAIN" --db "$DB" clv fit --model gammagamma | tail -n 1
echo
"$RETAIN" --db "$DB" kpi
echo
"$RETAIN" --db "$DB" rfm
echo
"$RETAIN" --db "$DB" cohorts --months 12
echo
"$RETAIN" --db "$DB" clv score
echo
first=$(awk -F, 'NR == 2 { print $1; exit }' "$DIR/customers.csv")
"$RETAIN" --db "$DB" customer "$first"
echo
echo "The demo database is $DB. Try: build/retain --db $DB --lang de kpi --help"
