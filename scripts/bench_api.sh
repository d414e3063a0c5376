#!/usr/bin/env bash
# HTTP API throughput with wrk on loopback (keep-alive, 2 threads, 8 connections):
# GET /api/v1/customers/{id} and durable POST /api/v1/orders on a generated
# shop of CUSTOMERS customers, first in its own SQLite database, then (when
# PostgreSQL 15 is installed) in a throw-away PostgreSQL server.
# Usage: scripts/bench_api.sh RETAIN DIR [CUSTOMERS] [SECONDS]
set -euo pipefail
RETAIN=$(realpath "$1")
DIR=$2
CUSTOMERS=${3:-20000}
SECONDS_EACH=${4:-10}
HERE=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v wrk > /dev/null; then
  echo "api bench: wrk not installed (apt-get install wrk); skipping"
  exit 0
fi
mkdir -p "$DIR"
DB="$DIR/api_bench.db"
if [ ! -f "$DB" ]; then
  "$RETAIN" gen --customers "$CUSTOMERS" --out "$DIR/api_shop" > /dev/null
  "$RETAIN" --db "$DB" import --preset generic "$DIR"/api_shop/*.csv > /dev/null
fi
# Runs both routes against a fresh server on database $1 (label $2).
bench_db() {
  local db=$1 label=$2
  KEY=$("$RETAIN" --db "$db" apikey create --role admin --name bench 2> /dev/null)
  "$RETAIN" --db "$db" serve --listen 127.0.0.1:0 > "$DIR/serve.out" 2> /dev/null &
  pid=$!
  for _ in $(seq 100); do grep -q 'http://' "$DIR/serve.out" && break; sleep 0.1; done
  url=$(grep -o 'http://[0-9.:]*' "$DIR/serve.out")
  curl -sf -H "Authorization: Bearer $KEY" "$url/api/v1/customers/C00000001" > /dev/null  # warm the view
  export KEY CUSTOMERS RUN=$$$label
  for what in ${BENCH_ROUTES:-get_customer post_order}; do
    echo "== $what ($CUSTOMERS customers, $label, ${SECONDS_EACH}s)"
    wrk -t2 -c8 -d"${SECONDS_EACH}s" --latency -s "$HERE/bench/wrk/$what.lua" "$url" |
      grep -E 'Requests/sec|  50%|  99%|Non-2xx'
  done
  kill $pid 2> /dev/null || true
  wait $pid 2> /dev/null || true
}
cleanup() {
  if [ -n "${pid:-}" ]; then kill "$pid" 2> /dev/null || true; fi
  "$HERE/tests/postgres/stop.sh" "$DIR/postgres" > /dev/null 2>&1 || true
}
trap cleanup EXIT
bench_db "$DB" SQLite

# The benchmark's server keeps PostgreSQL's durable defaults (fsync on).
RETAIN_PG_DURABLE=1 "$HERE/tests/postgres/start.sh" "$DIR/postgres" | tail -n 1
if [ -f "$DIR/postgres/url" ]; then
  server=$(cat "$DIR/postgres/url")
  bindir=$(cat "$DIR/postgres/bindir")
  run=()
  if [ "$(id -u)" -eq 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$bindir/psql" -q "$server" -c "CREATE DATABASE api_bench" > /dev/null
  pg="${server%/*}/api_bench"
  "$RETAIN" --db "$pg" init > /dev/null
  "$RETAIN" --db "$pg" import --preset generic "$DIR"/api_shop/*.csv > /dev/null
  bench_db "$pg" PostgreSQL
fi
