#!/usr/bin/env bash
# Golden tests of the CLI: each cases/NAME.sh runs in a fresh temporary folder
# with $RETAIN (the program) and $DATA (tests/data); its stdout and exit code
# must equal cases/NAME.out. Set UPDATE_GOLDEN=1 to rewrite the .out files
# (then review the diff).
set -u
export RETAIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
export DATA=$(cd "$HERE/../data" && pwd)
export LANG=C RETAIN_LANG=en RETAIN_DB=
unset RETAIN_DB
passed=0
failed=0
for case in "$HERE"/cases/*.sh; do
  name=$(basename "$case" .sh)
  work=$(mktemp -d)
  actual=$(cd "$work" && bash -e "$case" 2>&1; echo "[exit $?]")
  rm -rf "$work"
  expected_file="$HERE/cases/$name.out"
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    printf '%s\n' "$actual" > "$expected_file"
  fi
  if [ -f "$expected_file" ] && [ "$actual" = "$(cat "$expected_file")" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
    diff <(printf '%s\n' "$actual") "$expected_file" | head -40
  fi
done
echo "golden: $passed passed, $failed failed"
[ $failed -eq 0 ]
