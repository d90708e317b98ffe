#!/usr/bin/env bash
# Fuzzing: build the libFuzzer targets with clang in build-fuzz and run each for SECONDS
# (default 60) over its saved corpus in fuzz/corpus/ (fuzz/README.md). New inputs that add
# coverage are kept in build-fuzz/corpus/ (the saved corpus is only read); a crash, an
# out-of-memory or a timeout leaves build-fuzz/crash-* (oom-*, timeout-*) and makes the
# script fail.
#   scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: scenario drlog topology runbook sweep_json sensitivity_json)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(scenario drlog topology runbook sweep_json sensitivity_json)
build=build-fuzz

# The longest input each target is given: beyond what its seeds reach, so that the fuzzer
# can grow inputs (libFuzzer's default is the largest seed), short enough to stay fast.
declare -A max_len=([scenario]=65536 [drlog]=131072 [topology]=65536 [runbook]=16384 [sweep_json]=65536 [sensitivity_json]=131072)

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DDRSIM_FUZZ=ON -DBUILD_TESTING=OFF \
  -DDRSIM_VIZ=ON -DDRSIM_MPI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1" >/dev/null  # line tables: reports keep file:line
ninja -C "$build" "${targets[@]/#/fuzz_}"

status=0
for target in "${targets[@]}"; do
  work="$build/corpus/$target"
  mkdir -p "$work"
  echo "== fuzz_$target for ${seconds}s"
  # -rss_limit_mb: an input that makes a reader allocate without bound fails here.
  dict=(); [[ -f "fuzz/$target.dict" ]] && dict=(-dict="fuzz/$target.dict")
  "$build/fuzz/fuzz_$target" "$work" "fuzz/corpus/$target" "${dict[@]}" -max_total_time="$seconds" \
    -max_len="${max_len[$target]}" -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$build/" \
    -print_final_stats=1 || status=1
done
exit "$status"
