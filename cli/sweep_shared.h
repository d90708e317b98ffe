// What the commands that run sweeps share with `drsim sweep` (defined in cmd_sweep.cpp): a
// sweep on every thread and MPI rank, Ctrl-C handling, and outputs checked before the first
// replication and committed together by rank 0.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "experiments/sweep_run.h"
#include "io/files.h"

namespace drsim::cli {

// A sweep across this process's threads and, under mpirun, every rank; on rank 0 the result
// holds every finished replication.
SweepResult sweep_on_all_ranks(const scenario::Scenario& s, const SweepOptions& o);
// Rank 0 (or no MPI): the process that prints and writes.
bool is_sweep_root();
// `requested` threads, or every core for 0.
int sweep_thread_count(int requested);
// Fails before any sweep when an output cannot be written (rank 0 only).
void check_sweep_outputs(const std::vector<std::string>& files, const std::string& report_dir);
// Commits outputs together and says what was written.
void commit_sweep_outputs(OutputSet& outputs, size_t report_files);
// Runs `body` with SIGINT and SIGTERM setting the flag it is given (running replications
// finish, the rest are skipped).
int run_interruptible(const std::function<int(std::atomic<bool>*)>& body);

}  // namespace drsim::cli
