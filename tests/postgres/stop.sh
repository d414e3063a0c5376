#!/usr/bin/env bash
# Stops the test server started by tests/postgres/start.sh and removes its files.
# Usage: stop.sh STATE_DIR
set -uo pipefail
state=${1:?usage: stop.sh STATE_DIR}
[ -f "$state/dir" ] || exit 0
data=$(cat "$state/dir")
if [ -f "$state/bindir" ] && [ -d "$data/cluster" ]; then
  run=()
  if [ "$(id -u)" -eq 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$(cat "$state/bindir")/pg_ctl" -D "$data/cluster" -m fast -w stop > /dev/null 2>&1
fi
rm -rf "$data"
rm -f "$state/url" "$state/dir" "$state/bindir"
