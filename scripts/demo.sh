#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run the default scenario
# (a two-site deployment through a site loss and its runbook).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
./build/drsim run scenarios/default.pb.txt --out drsim-out --report drsim-out/report
