#!/usr/bin/env bash
# make demo: generates a realistic German demo shop whose history ends
# yesterday, loads it into a fresh database, prints the main reports and
# starts the dashboard and API on it.
#   scripts/demo.sh RETAIN DB DIR CUSTOMERS [LISTEN]
# LISTEN is HOST:PORT (default 127.0.0.1:8080); DEMO_SERVE=0 stops after
# loading (the browser tests start their own server on the same data).
set -euo pipefail
RETAIN=$1
DB=$2
DIR=$3
CUSTOMERS=$4
LISTEN=${5:-127.0.0.1:8080}
export TZ=${TZ:-Europe/Berlin}
END=$(date -d yesterday +%F)
day() { date -d "$END $1 days" +%F; }
echo "== Generating a demo shop with $CUSTOMERS customers in $DIR/ (three years up to $END)"
"$RETAIN" gen --customers "$CUSTOMERS" --seed 42 --end "$END" --out "$DIR"
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
# Survey answers for about one order in four of the last quarter, a week
# after the order (returned orders fare worse), and a few service
# conversations: what the shop heard, for `retain nps` and the task list.
mkdir -p "$DIR/listening"
awk -F, -v OFS=';' -v quarter="$(day -91)" -v end="$END" '
  FNR == 1 { next }
  FILENAME ~ /returns.csv$/ { returned[$2] = 1; next }
  substr($3, 1, 10) < quarter { next }
  {
    n = substr($1, 2) + 0
    if (n % 4 != 0) next
    r = (n * 7919) % 100
    if ($1 in returned) score = 3 + r % 5
    else if (r < 50) score = 9 + r % 2
    else if (r < 78) score = 7 + r % 2
    else score = r % 7
    split("Schnelle Lieferung, alles bestens.|Gute Beratung in der Filiale.|Passt perfekt, gerne wieder.|Lieferung hat zu lange gedauert.|Größe fiel kleiner aus als angegeben.|Qualität nicht wie erwartet.|", texts, "|")
    comment = (n % 3 == 0) ? texts[1 + (score >= 9 ? r % 3 : (score <= 6 ? 3 + r % 3 : 6))] : ""
    split(substr($3, 1, 10), d, "-")
    t = mktime(d[1] " " d[2] " " d[3] " 12 00 00") + 8 * 86400
    day = strftime("%Y-%m-%d", t)
    if (day > end) day = end
    print "A" n, $2, $1, day, score, comment
  }' "$DIR/returns.csv" "$DIR/orders.csv" |
  { echo "id;customer_id;order_id;date;score;comment"; cat; } > "$DIR/listening/answers.csv"
"$RETAIN" --db "$DB" feedback import "$DIR/listening/answers.csv"
awk -F, 'FNR > 1 && FNR <= 6 { print $1 }' "$DIR/customers.csv" | {
  i=0
  while read -r customer; do
    i=$((i + 1))
    topic=delivery
    if [ $((i % 2)) -eq 0 ]; then topic=complaint; fi
    opened=$(day $((i - 12)))
    id=$("$RETAIN" --db "$DB" conversation open "$customer" --channel phone --topic "$topic" \
      --at "$(date -d "$opened 09:30" +%FT%T%:z)" --json |
      awk -F': ' '/"id"/ { gsub(/,/, "", $2); print $2; exit }')
    "$RETAIN" --db "$DB" conversation update "$id" --responded \
      --at "$(date -d "$opened 1$i:00" +%FT%T%:z)" > /dev/null
    if [ "$i" -le 3 ]; then
      "$RETAIN" --db "$DB" conversation update "$id" --status closed \
        --at "$(date -d "$opened 16:00 tomorrow" +%FT%T%:z)" > /dev/null
    fi
  done
}
echo
"$RETAIN" --db "$DB" nps --to "$END" --by channel
echo
"$RETAIN" --db "$DB" tasks list | sed -n "1,12p"
echo
first=$(awk -F, 'NR == 2 { print $1; exit }' "$DIR/customers.csv")
"$RETAIN" --db "$DB" customer "$first"
echo
echo "== Kunden-Club: the card holders (tag kundenkarte) join with their purchases since $(day -364)"
"$RETAIN" --db "$DB" loyalty backfill --tag kundenkarte --since "$(day -364)"
"$RETAIN" --db "$DB" loyalty recalc > /dev/null
"$RETAIN" --db "$DB" loyalty expire > /dev/null
# Some card holders turned 500 points into a voucher (those who have them).
awk -F, 'FNR > 1 && /kundenkarte/ { print $1 }' "$DIR/customers.csv" | sed -n "1,150p" |
  while read -r customer; do
    "$RETAIN" --db "$DB" loyalty redeem --request "demo-$customer" --customer "$customer" \
      --points 500 > /dev/null 2>&1 || true
  done
"$RETAIN" --db "$DB" loyalty liability | sed -n "1,8p"
echo
echo "The demo database is $DB. Try: $RETAIN --db $DB --lang de kpi --help"
if [ "${DEMO_SERVE:-1}" = 0 ]; then exit 0; fi
key=$("$RETAIN" --db "$DB" apikey create --role admin --name "make demo" | head -n 1)
echo
echo "== Dashboard: open http://$LISTEN/ and log in with this key (role admin):"
echo "   $key"
echo "   (stop the server with Ctrl+C; the data stays in $DB)"
exec "$RETAIN" --db "$DB" serve --listen "$LISTEN"
