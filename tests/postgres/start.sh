#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server for the test run: a new cluster in a
# temporary folder, on a free port of 127.0.0.1, run as the `postgres` user
# when we are root (PostgreSQL refuses to run as root). Writes its URL to
# STATE_DIR/url for the tests; tests/postgres/stop.sh stops it and removes it.
#
# Usage: start.sh STATE_DIR
# Tests trade durability for speed (fsync off); RETAIN_PG_DURABLE=1 keeps
# PostgreSQL's durable defaults (for benchmarks).
# Without PostgreSQL's server programs it prints a loud notice and exits 0
# without a URL: the PostgreSQL tests then skip, saying why.
set -euo pipefail
state=${1:?usage: start.sh STATE_DIR}
mkdir -p "$state"
rm -f "$state/url"
bindir=""
for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir=$d; break; fi
done
if [ -z "$bindir" ]; then
  echo "######################################################################"
  echo "## PostgreSQL server programs not found (Debian package postgresql-15)."
  echo "## The PostgreSQL half of the storage and API tests will be SKIPPED."
  echo "## Install with: apt-get install postgresql-15"
  echo "######################################################################"
  exit 0
fi
data=$(mktemp -d /tmp/retain-pg.XXXXXX)
echo "$data" > "$state/dir"
run=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres > /dev/null 2>&1; then
    echo "start.sh: running as root, and there is no 'postgres' user to run PostgreSQL as" >&2
    exit 1
  fi
  chown postgres: "$data"
  run=(runuser -u postgres --)
fi
"${run[@]}" "$bindir/initdb" -D "$data/cluster" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 > "$data/initdb.log" 2>&1 || {
  cat "$data/initdb.log" >&2
  exit 1
}
fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if [ "${RETAIN_PG_DURABLE:-0}" = 1 ]; then fast=""; fi
# A free port: try random ones until the server starts on one.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  port=$((20000 + RANDOM % 40000))
  if "${run[@]}" "$bindir/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w -t 30 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 $fast -c max_connections=200" \
    start > /dev/null 2>&1; then
    echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$state/url"
    echo "$bindir" > "$state/bindir"
    echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$port ($data)"
    exit 0
  fi
  echo "port $port: PostgreSQL did not start (attempt $attempt)" >&2
done
cat "$data/server.log" >&2
exit 1
