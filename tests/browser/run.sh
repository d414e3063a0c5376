#!/usr/bin/env bash
# Runs browser test files (node's test runner) from this folder:
#   RETAIN_BIN=build/retain tests/browser/run.sh survey.test.mjs
# Exit 77 (skipped) when Debian's chromium or the npm packages are missing,
# except in CI (CI=true), where that is a failure.
set -euo pipefail
cd "$(dirname "$0")"
chromium=${RETAIN_CHROMIUM:-/usr/bin/chromium}
missing=()
[ -x "$chromium" ] || missing+=("$chromium")
command -v node >/dev/null || missing+=("node")
[ -d node_modules/playwright-core ] || missing+=("tests/browser/node_modules (npm ci)")
if [ ${#missing[@]} -gt 0 ]; then
  msg="browser tests need ${missing[*]}: run scripts/install-deps.sh"
  if [ "${CI:-}" = true ]; then
    echo "FAIL: $msg" >&2
    exit 1
  fi
  echo "SKIP: $msg"
  exit 77
fi
[ -n "${RETAIN_BIN:-}" ] || { echo "FAIL: RETAIN_BIN must name the retain binary" >&2; exit 1; }
# Plain error messages in the log (playwright-core colours them otherwise).
export FORCE_COLOR=0
exec node --test "$@"
