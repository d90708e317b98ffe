#!/usr/bin/env bash
# Fuzzing: build the libFuzzer targets with clang in build-fuzz and run each for SECONDS
# (default 60) over its saved corpus in fuzz/corpus/. New inputs that add coverage are kept
# in build-fuzz/corpus/ (the saved corpus is only read); a crash leaves
# build-fuzz/crash-* and makes the script fail.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build=build-fuzz

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DDRSIM_FUZZ=ON -DBUILD_TESTING=OFF \
  -DDRSIM_VIZ=OFF -DDRSIM_MPI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$build" fuzz_scenario fuzz_drlog fuzz_topology

status=0
for target in scenario drlog topology; do
  work="$build/corpus/$target"
  mkdir -p "$work"
  echo "== fuzz_$target for ${seconds}s"
  # -rss_limit_mb: an input that makes the loader allocate without bound fails here.
  dict=(); [[ -f "fuzz/$target.dict" ]] && dict=(-dict="fuzz/$target.dict")
  "$build/fuzz/fuzz_$target" "$work" "fuzz/corpus/$target" "${dict[@]}" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$build/" -print_final_stats=1 || status=1
done
exit "$status"
