#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run the default scenario
# (a two-site deployment through a site loss and its runbook).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# Only what the demo runs: the drsim program, not the tests and the visualiser (the second
# command, ./scripts/test.sh, builds and runs those).
cmake --build build -j "$(nproc)" --target drsim
./build/drsim run scenarios/default.pb.txt --out drsim-out --report drsim-out/report
