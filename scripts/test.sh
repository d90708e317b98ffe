#!/usr/bin/env bash
# The README's second command, and what CI runs: install what is missing, build with
# warnings as errors and run every test, then build with AddressSanitizer and
# UndefinedBehaviorSanitizer and run every test again (both builds replay the saved fuzz
# corpus through the fuzz targets as ctests), then, when clang is installed, run each libFuzzer
# target for DRSIM_FUZZ_SECONDS (default 10) from the saved corpus. DRSIM_SKIP_SANITIZERS=1 and
# DRSIM_SKIP_FUZZ=1 skip those passes locally.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=$(nproc)

echo "== build with -Werror, run all tests"
# Line tables only (-g1): backtraces keep file:line, and the builds take a fifth less time
# than with full debug information.
cmake -S . -B build-werror -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DDRSIM_WERROR=ON >/dev/null
cmake --build build-werror -j "$jobs"
(cd build-werror && ctest --output-on-failure --no-tests=error -j "$jobs")

if [[ "${DRSIM_SKIP_SANITIZERS:-0}" != 1 ]]; then
  echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer, run all tests"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1" -DDRSIM_WERROR=ON \
    -DDRSIM_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure --no-tests=error -j "$jobs")
fi

if [[ "${DRSIM_SKIP_FUZZ:-0}" != 1 ]] && command -v clang++ >/dev/null; then
  echo "== libFuzzer: ${DRSIM_FUZZ_SECONDS:-10} s per target from fuzz/corpus (clang build in build-fuzz)"
  ./scripts/fuzz.sh "${DRSIM_FUZZ_SECONDS:-10}"
fi
