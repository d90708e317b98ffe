#!/usr/bin/env bash
# ctest: a sweep under `mpirun -np 2` must write byte-identical JSON (and per-replication CSV)
# to a single-process sweep (any thread count), for plain sweeps and grids; a failing rank
# must fail the whole run.
set -euo pipefail
drsim=$1
mpiexec=$2
scenario=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
flags=(--oversubscribe)
[[ $(id -u) -eq 0 ]] && flags+=(--allow-run-as-root)

"$drsim" sweep "$scenario" -n 24 -j 2 --json "$dir/single.json" --replications-csv "$dir/single-rows.csv" > /dev/null 2>&1
"$mpiexec" "${flags[@]}" -np 2 "$drsim" sweep "$scenario" -n 24 -j 1 --json "$dir/mpi.json" \
  --replications-csv "$dir/mpi-rows.csv" > /dev/null 2>&1
cmp "$dir/single.json" "$dir/mpi.json"
# The per-replication rows too: every replication once, gathered to rank 0 in order.
cmp "$dir/single-rows.csv" "$dir/mpi-rows.csv"
[[ $(wc -l < "$dir/mpi-rows.csv") -eq 25 ]]

"$drsim" sweep "$scenario" -n 6 -j 1 --grid backup_service.sync_interval_s=30,300 --csv "$dir/single.csv" > /dev/null 2>&1
"$mpiexec" "${flags[@]}" -np 2 "$drsim" sweep "$scenario" -n 6 -j 1 --grid backup_service.sync_interval_s=30,300 \
  --csv "$dir/mpi.csv" > /dev/null 2>&1
cmp "$dir/single.csv" "$dir/mpi.csv"

# A rank that fails (here: an unreadable output path on every rank's input) fails the job.
if "$mpiexec" "${flags[@]}" -np 2 "$drsim" sweep "$dir/no-such-scenario.pb.txt" -n 4 > "$dir/fail.log" 2>&1; then
  echo "a failing sweep under mpirun exited 0" >&2
  exit 1
fi
grep -q "failed" "$dir/fail.log"
echo "3 passed, 0 failed"
