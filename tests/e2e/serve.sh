#!/usr/bin/env bash
# retain serve as a user runs it: start on a free port, use the API with a key
# made by `retain apikey create`, stop with SIGTERM while a request is in
# flight; the request must complete and the server exit 0.
set -euo pipefail
RETAIN=$1
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$dir"
"$RETAIN" gen --customers 300 --out data >/dev/null
"$RETAIN" --db shop.db import --preset generic data/*.csv >/dev/null
key=$("$RETAIN" --db shop.db apikey create --role analyst --name e2e 2>/dev/null)
"$RETAIN" --db shop.db apikey list | grep -q "analyst .* e2e" || { echo "apikey list lacks the key"; exit 1; }
"$RETAIN" --db shop.db serve --listen 127.0.0.1:0 >out.log 2>err.log &
pid=$!
for _ in $(seq 50); do grep -q 'http://' out.log && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' out.log)
[ -n "$url" ] || { echo "server did not start"; cat err.log; exit 1; }
curl -sf "$url/healthz" | grep -q '"status":"ok"'
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/kpis")
[ "$code" = 401 ] || { echo "expected 401 without a key, got $code"; exit 1; }
curl -sf -H "Authorization: Bearer $key" "$url/api/v1/kpis" | grep -q '"retention_rate"'
# The log names the key id, never the key.
grep -q "GET /api/v1/kpis 200 .*key=$(echo "$key" | cut -d_ -f2)" err.log
if grep -qF "$key" err.log out.log; then echo "the key appears in the log"; exit 1; fi
# A request in flight when SIGTERM arrives (its body trickles in for about
# two seconds) still gets its answer.
{ printf '{"rule": "orders >= 1"'; printf ' %.0s' $(seq 4000); printf '}'; } >slow.json
curl -sf -H "Authorization: Bearer $key" --limit-rate 2k --data-binary @slow.json \
  "$url/api/v1/segments/count" -o answer.json &
curl_pid=$!
sleep 0.7
kill -TERM $pid
wait $curl_pid || { echo "the request in flight failed"; exit 1; }
grep -q '"members"' answer.json || { echo "no answer to the request in flight"; exit 1; }
wait $pid
grep -q 'stopped' err.log
echo "serve e2e: ok"
