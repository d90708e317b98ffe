#!/usr/bin/env bash
# The README's second command, and what CI runs: install what is missing, build with
# warnings as errors and run every test, then build with AddressSanitizer and
# UndefinedBehaviorSanitizer and run every test again.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=$(nproc)

echo "== build with -Werror, run all tests"
cmake -S . -B build-werror -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRSIM_WERROR=ON >/dev/null
cmake --build build-werror -j "$jobs"
(cd build-werror && ctest --output-on-failure --no-tests=error -j "$jobs")

if [[ "${DRSIM_SKIP_SANITIZERS:-0}" != 1 ]]; then
  echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer, run all tests"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDRSIM_WERROR=ON -DDRSIM_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure --no-tests=error -j "$jobs")
fi
