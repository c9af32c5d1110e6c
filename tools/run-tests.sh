#!/usr/bin/env bash
# run-tests.sh - the whole test suite: installs what is missing, builds twice
# (optimised, then with AddressSanitizer + UndefinedBehaviorSanitizer) and
# runs every ctest test in both builds; first it runs each fuzz target for a
# few seconds (clang, libFuzzer), so ctest's summary closes the output.
# .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
jobs=$(nproc)
run_suite() {  # $1 build dir, rest: cmake options
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j"$jobs" >/dev/null
  (cd "$dir" && ctest --output-on-failure -j"$jobs" --timeout 900)
}
echo "== build-test/fuzz (libFuzzer smoke: every target for ${QUARRY_FUZZ_SECONDS:-5} s)"
CC=clang CXX=clang++ cmake -S . -B build-test/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DQUARRY_FUZZ=ON -DQUARRY_TESTS=OFF >/dev/null
cmake --build build-test/fuzz -j"$jobs" >/dev/null
sh fuzz/run_all.sh "${QUARRY_FUZZ_SECONDS:-5}" build-test/fuzz
echo "== build-test/release"
run_suite build-test/release
echo "== build-test/sanitize (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-test/sanitize -DQUARRY_SANITIZE=ON
