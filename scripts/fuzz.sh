#!/usr/bin/env bash
# Builds the libFuzzer target of the segment rule language with clang
# (AddressSanitizer and UndefinedBehaviorSanitizer) and runs it for a while.
# Inputs it finds go to BUILD_DIR/fuzz/corpus; the seeds in fuzz/corpus stay
# untouched. Exits non-zero on a crash, a hang (5 s per input) or a broken
# invariant, leaving the input as BUILD_DIR/fuzz/crash-*.
# Usage: scripts/fuzz.sh BUILD_DIR [SECONDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(realpath "$1")/fuzz
SECONDS_TO_RUN=${2:-30}
CXX=${FUZZ_CXX:-clang++-16}
if ! command -v "$CXX" > /dev/null; then
  echo "fuzz: $CXX not found; install clang-16 and libclang-rt-16-dev (make deps does)" >&2
  exit 1
fi
mkdir -p "$OUT/corpus"
BIN="$OUT/segment_rule_fuzz"
SRCS=(fuzz/segment_rule_fuzz.cc src/retain/analytics/segment_rule.cc
  src/retain/analytics/customer_table.cc src/retain/analytics/text_column.cc
  src/retain/analytics/snapshot.cc src/retain/model/customer.cc src/retain/core/parallel.cc
  src/retain/core/date.cc)
cd "$ROOT"
stale=0
for s in "${SRCS[@]}" src/retain/*/*.h; do
  [ "$s" -nt "$BIN" ] && stale=1
done
if [ ! -x "$BIN" ] || [ $stale = 1 ]; then
  # Clang 16 implements what libstdc++'s <expected> needs (conditionally
  # trivial destructors) but still reports the older __cpp_concepts value
  # that <expected> checks for, hence the override.
  "$CXX" -std=c++2b -U__cpp_concepts -D__cpp_concepts=202002L -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Isrc "${SRCS[@]}" -pthread -o "$BIN"
fi
cd "$OUT"
"$BIN" -max_total_time="$SECONDS_TO_RUN" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
  "$OUT/corpus" "$ROOT/fuzz/corpus/segment_rule" 2>&1 | tail -n 12
