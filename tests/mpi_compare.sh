#!/usr/bin/env bash
# ctest: a sweep under `mpirun -np 2` must write byte-identical JSON (and per-replication CSV)
# to a single-process sweep (any thread count), for plain sweeps, grids, sensitivity,
# advice and a rare-event estimate; a failing rank
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

# drsim sensitivity and drsim advise run each of their sweeps across the ranks: the same
# ranking, the same bytes (one year of the scenario, to stay fast).
for cmd in "sensitivity --morris 1" advise; do
  name=${cmd%% *}
  "$drsim" $cmd "$scenario" --set horizon_s=31536000 -n 8 -j 2 -q --json "$dir/$name-single.json" > /dev/null 2>&1
  "$mpiexec" "${flags[@]}" -np 2 "$drsim" $cmd "$scenario" --set horizon_s=31536000 -n 8 -j 1 -q \
    --json "$dir/$name-mpi.json" > /dev/null 2>&1
  cmp "$dir/$name-single.json" "$dir/$name-mpi.json"
done

# A rare-event estimate (the Back End of rare-backend, beside the sweep's scenario): rank 0 runs
# every replication, so the JSON is the same bytes as one process with any thread count.
rare=$(dirname "$scenario")/rare-backend.pb.txt
"$drsim" sweep "$rare" --rare backend-unavailable -n 4 --rare-cycles 200 -j 2 \
  --json "$dir/rare-single.json" > /dev/null 2>&1
"$mpiexec" "${flags[@]}" -np 2 "$drsim" sweep "$rare" --rare backend-unavailable -n 4 \
  --rare-cycles 200 -j 1 --json "$dir/rare-mpi.json" > /dev/null 2>&1
cmp "$dir/rare-single.json" "$dir/rare-mpi.json"

# A rank that fails (here: an unreadable output path on every rank's input) fails the job.
if "$mpiexec" "${flags[@]}" -np 2 "$drsim" sweep "$dir/no-such-scenario.pb.txt" -n 4 > "$dir/fail.log" 2>&1; then
  echo "a failing sweep under mpirun exited 0" >&2
  exit 1
fi
grep -q "failed" "$dir/fail.log"

# A replication cut short by the scenario's event budget, on any rank, ends the whole job
# with the input error naming it and how to replay it: exit 2, not an abort.
set +e
"$mpiexec" "${flags[@]}" -np 2 "$drsim" sweep "$scenario" -n 4 -j 1 --set event_budget=1000 \
  > "$dir/budget.log" 2>&1
code=$?
set -e
if [[ $code -ne 2 ]]; then
  echo "a replication cut short under mpirun exited $code, not 2" >&2
  cat "$dir/budget.log" >&2
  exit 1
fi
grep -q "event_budget: replication [0-9]* needed more than 1000 events" "$dir/budget.log"
grep -q "drsim run $scenario --seed [0-9]* --replication [0-9]* --set event_budget=1000" "$dir/budget.log"
echo "6 passed, 0 failed"
