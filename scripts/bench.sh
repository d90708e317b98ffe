#!/usr/bin/env bash
# Benchmarks: build optimised and print the engine's figures (events per second).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" --target drsim
./build-release/drsim bench --scenario scenarios/mc-two-site-10y.pb.txt "$@"
