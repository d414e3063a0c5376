#!/usr/bin/env bash
# HTTP API throughput with wrk on loopback (keep-alive, 2 threads, 8 connections):
# GET /api/v1/customers/{id} and durable POST /api/v1/orders on a generated
# shop of CUSTOMERS customers in its own SQLite database.
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
KEY=$("$RETAIN" --db "$DB" apikey create --role admin --name bench 2> /dev/null)
"$RETAIN" --db "$DB" serve --listen 127.0.0.1:0 > "$DIR/serve.out" 2> /dev/null &
pid=$!
trap 'kill $pid 2> /dev/null || true' EXIT
for _ in $(seq 100); do grep -q 'http://' "$DIR/serve.out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$DIR/serve.out")
curl -sf -H "Authorization: Bearer $KEY" "$url/api/v1/customers/C00000001" > /dev/null  # warm the view
export KEY CUSTOMERS RUN=$$
for what in ${BENCH_ROUTES:-get_customer post_order}; do
  echo "== $what ($CUSTOMERS customers, SQLite, ${SECONDS_EACH}s)"
  wrk -t2 -c8 -d"${SECONDS_EACH}s" --latency -s "$HERE/bench/wrk/$what.lua" "$url" |
    grep -E 'Requests/sec|  50%|  99%|Non-2xx'
done
