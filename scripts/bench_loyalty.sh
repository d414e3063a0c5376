#!/usr/bin/env bash
# Kunden-Club throughput: durable POST /api/v1/loyalty/purchases over HTTP
# with 32 concurrent clients (wrk, keep-alive) for MEMBERS members, on SQLite
# and (when PostgreSQL 15 is installed) on a throw-away PostgreSQL server,
# whose yardstick is pgbench's built-in TPC-B-like run with the same 32
# clients and the same server settings. Ends with `retain loyalty check`.
# Usage: scripts/bench_loyalty.sh RETAIN DIR [MEMBERS] [SECONDS]
set -euo pipefail
RETAIN=$(realpath "$1")
DIR=$2
MEMBERS=${3:-20000}
SECONDS_EACH=${4:-10}
HERE=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v wrk > /dev/null; then
  echo "loyalty bench: wrk not installed (apt-get install wrk); skipping"
  exit 0
fi
mkdir -p "$DIR"
if [ ! -d "$DIR/loyalty_shop" ]; then
  "$RETAIN" gen --customers "$MEMBERS" --out "$DIR/loyalty_shop" > /dev/null
fi
# A fresh database $1 (label $2): the customers, all of them members, then the run.
bench_db() {
  local db=$1 label=$2
  "$RETAIN" --db "$db" import --preset generic "$DIR/loyalty_shop/customers.csv" > /dev/null
  "$RETAIN" --db "$db" loyalty enroll --all --date 2026-01-01 > /dev/null
  KEY=$("$RETAIN" --db "$db" apikey create --role shop --name bench 2> /dev/null)
  "$RETAIN" --db "$db" serve --listen 127.0.0.1:0 --threads 32 > "$DIR/serve.out" 2> /dev/null &
  pid=$!
  for _ in $(seq 100); do grep -q 'http://' "$DIR/serve.out" && break; sleep 0.1; done
  url=$(grep -o 'http://[0-9.:]*' "$DIR/serve.out")
  export KEY MEMBERS RUN=$$$label
  echo "== loyalty purchases ($MEMBERS members, $label, 32 clients, ${SECONDS_EACH}s)"
  wrk -t2 -c32 -d"${SECONDS_EACH}s" --latency -s "$HERE/bench/wrk/loyalty_purchase.lua" "$url" |
    grep -E 'Requests/sec|  50%|  99%|Non-2xx'
  kill $pid 2> /dev/null || true
  wait $pid 2> /dev/null || true
  "$RETAIN" --db "$db" loyalty check --json | grep -E '"ok"|"purchases"|"entries"'
}
cleanup() {
  if [ -n "${pid:-}" ]; then kill "$pid" 2> /dev/null || true; fi
  "$HERE/tests/postgres/stop.sh" "$DIR/loyalty_pg" > /dev/null 2>&1 || true
}
trap cleanup EXIT
rm -f "$DIR/loyalty_bench.db"*
"$RETAIN" --db "$DIR/loyalty_bench.db" init > /dev/null
bench_db "$DIR/loyalty_bench.db" SQLite

# The server keeps PostgreSQL's durable defaults (fsync on).
RETAIN_PG_DURABLE=1 "$HERE/tests/postgres/start.sh" "$DIR/loyalty_pg" | tail -n 1
if [ -f "$DIR/loyalty_pg/url" ]; then
  server=$(cat "$DIR/loyalty_pg/url")
  bindir=$(cat "$DIR/loyalty_pg/bindir")
  run=()
  if [ "$(id -u)" -eq 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$bindir/psql" -q "$server" -c "CREATE DATABASE loyalty_bench" > /dev/null
  "${run[@]}" "$bindir/psql" -q "$server" -c "CREATE DATABASE pgbench" > /dev/null
  pg="${server%/*}/loyalty_bench"
  "$RETAIN" --db "$pg" init > /dev/null
  bench_db "$pg" PostgreSQL
  echo "== pgbench TPC-B-like (scale 10, 32 clients, 2 threads, ${SECONDS_EACH}s), the yardstick"
  "${run[@]}" "$bindir/pgbench" -q -i -s 10 "${server%/*}/pgbench" > /dev/null 2>&1
  "${run[@]}" "$bindir/pgbench" -c 32 -j 2 -T "$SECONDS_EACH" "${server%/*}/pgbench" 2>&1 |
    grep -E '^tps|latency average'
fi
