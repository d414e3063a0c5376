#!/usr/bin/env bash
# Import failure tests through the real CLI: every malformed file must be
# refused with file:line:column and leave the database byte-for-byte unchanged
# (compared as an SQL dump); --skip-bad must import the good rows and write
# the bad ones to the rejects file.
set -u
RETAIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
failures=0
passed=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { passed=$((passed + 1)); }
dump() { sqlite3 retain.db .dump | sha256sum; }

"$RETAIN" init > /dev/null
"$RETAIN" import "$HERE/../data/shop/customers.csv" "$HERE/../data/shop/orders.csv" > /dev/null \
  || fail "baseline import"
before=$(dump)

# expect_refused NAME FILE PATTERN [extra args]: the import fails with exit 2,
# prints PATTERN (a location) and leaves the database as it was.
expect_refused() {
  local name=$1 file=$2 pattern=$3
  shift 3
  local err
  err=$("$RETAIN" import "$@" "$file" 2>&1 >/dev/null)
  local rc=$?
  if [ $rc -ne 2 ]; then fail "$name: exit code $rc, expected 2 ($err)"; return; fi
  if ! grep -qiE "$pattern" <<<"$err"; then fail "$name: message '$err' lacks '$pattern'"; return; fi
  if [ "$(dump)" != "$before" ]; then fail "$name: database changed"; return; fi
  ok
}

printf 'order_id,customer_id,ordered_at,total\nX1,C001,2024-01-01,10.00,5\n' > orders_cols.csv
expect_refused "wrong column count" orders_cols.csv 'orders_cols.csv:2:5: expected 4 fields, found 5'

printf 'order_id,customer_id,ordered_at,total\nX1,C001,2024-01-01,10.00\nX2,C001,2024-02-30,5.00\n' > orders_date.csv
expect_refused "bad date" orders_date.csv 'orders_date.csv:3:3 \(ordered_at\):.*not a date'

printf 'order_id,quantity,unit_price\nO1001,-2,5.00\n' > order_lines_neg.csv
expect_refused "negative quantity" order_lines_neg.csv 'order_lines_neg.csv:2:2 \(quantity\)'

printf 'customer_id,last_name\nZ1,M\xc3\xbcller\nZ2,M\x81ller\n' > customers_enc.csv
expect_refused "unknown encoding bytes" customers_enc.csv 'customers_enc.csv:3:5: invalid UTF-8'

printf 'customer_id,last_name\nZ1,M\x81ller\n' > customers_undef.csv
expect_refused "byte undefined in Windows-1252" customers_undef.csv 'customers_undef.csv:2:5: byte 0x81'

: > orders_empty.csv
expect_refused "empty file" orders_empty.csv 'orders_empty.csv: the file is empty'

printf 'order_id,customer_id,ordered_at,total\n' > orders_header.csv
err=$("$RETAIN" import orders_header.csv --json 2>&1)
if [ $? -eq 0 ] && grep -q '"orders_added": 0' <<<"$err" && [ "$(dump)" = "$before" ]; then ok; else
  fail "header only: should import nothing without error ($err)"; fi

printf 'customer_id;ordered_at;total\nC001;2024-01-01;1,00\n' > orders_nocol.csv
expect_refused "missing required column" orders_nocol.csv "orders_nocol.csv:1:1: the header has no column 'order_id'"

printf 'order_id,customer_id,ordered_at,total\nX1,NOBODY,2024-01-01,10.00\n' > orders_ref.csv
expect_refused "unknown customer" orders_ref.csv "orders_ref.csv:2:2 \(customer_id\): unknown customer 'NOBODY'"

printf 'order_id,customer_id,ordered_at,total\nX1,C001,2024-01-01,12.345\n' > orders_money.csv
expect_refused "three decimals" orders_money.csv 'orders_money.csv:2:4 \(total\): .*more than 2 decimals'

# A good file before a bad one: still nothing lands.
printf 'customer_id,last_name\nNEW1,Neu\n' > customers_good.csv
expect_refused "good file then bad file" orders_date.csv 'orders_date.csv:3:3' customers_good.csv

# --skip-bad imports the good rows and writes the bad ones with reasons.
printf 'order_id,customer_id,ordered_at,total\nS1,C001,2024-01-01,10.00\nS2,C001,31.02.2024,5.00\nS3,C002,2024-03-01,7.50\nS4,C001,2024-03-01\n' > orders_mixed.csv
out=$("$RETAIN" import --skip-bad --rejects rejects.csv orders_mixed.csv --json)
if grep -q '"orders_added": 2' <<<"$out" && grep -q '"rows_rejected": 2' <<<"$out" \
  && [ "$(wc -l < rejects.csv)" -eq 3 ] && grep -q 'not a date' rejects.csv \
  && grep -q 'expected 4 fields' rejects.csv; then ok; else
  fail "--skip-bad: $out / $(cat rejects.csv 2>/dev/null)"; fi

# Re-importing the same files changes nothing.
after_skip=$(dump)
out=$("$RETAIN" import "$HERE/../data/shop/customers.csv" "$HERE/../data/shop/orders.csv" --json)
if grep -q '"customers_added": 0' <<<"$out" && grep -q '"orders_updated": 0' <<<"$out" \
  && [ "$(dump)" = "$after_skip" ]; then ok; else fail "re-import changed data: $out"; fi

# The other presets refuse bad rows the same way and change nothing.
before=$(dump)
printf ' 00004 0001 19970101  2   29.33\n 00004 0001 19971301  1   14.96\n' > cdnow_bad.txt
expect_refused "cdnow bad date" cdnow_bad.txt 'cdnow_bad.txt:2:3' --preset cdnow
head -3 "$HERE/../data/ingest/online_retail_small.csv" > retail_bad.csv
echo '536366,22633,HAND WARMER UNION JACK,-6,12/1/2010 8:28,1.85,17850.0,United Kingdom' >> retail_bad.csv
expect_refused "online-retail negative quantity" retail_bad.csv 'retail_bad.csv:4:4 \(quantity\)' --preset online-retail
{ head -2 "$HERE/../data/ingest/shopify_orders_export.csv"; sed -n 2p "$HERE/../data/ingest/shopify_orders_export.csv" | sed 's/^#1006/#9999/; s/2024-02-01 18:11:40 +0100/2024-02-31 18:11:40 +0100/'; } > shopify_bad.csv
expect_refused "shopify bad date" shopify_bad.csv 'shopify_bad.csv:3:[0-9]+ \(created at\)' --preset shopify
after=$(dump)
if "$RETAIN" import --preset cdnow "$HERE/../data/cdnow/CDNOW_sample.txt" > cdnow.out 2>&1 \
  && [ "$(sqlite3 retain.db "select count(*) from orders where currency = 'USD'")" = 6919 ]; then ok; else
  fail "cdnow sample import: $(cat cdnow.out)"; fi
before=$(dump)
expect_refused "cdnow after a good import" cdnow_bad.txt 'cdnow_bad.txt:2:3' --preset cdnow

echo "malformed imports: $passed passed, $failures failed"
[ $failures -eq 0 ]
