// Running Monte Carlo sweeps: independent replications of a scenario, on all cores, into
// the mergeable accumulators of analysis/sweep.h. The experiments run the engine; analysis/
// holds only pure functions over what they produce.
//
// Replication r draws every random stream from (seed, stream name, r), so a replication's
// numbers do not depend on which thread (or MPI rank) ran it, and the merged statistics are
// identical for any thread count. `drsim run --replication r --seed S` replays one exactly.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analysis/sweep.h"
#include "proto/scenario.pb.h"
#include "sim/simulate.h"

namespace drsim {

// How messages name a replication to replay, for a replication cut short by the scenario's
// limits: the scenario's path as the user gave it (its name when empty) and the --set
// overrides the sweep applied.
struct ReplayHint {
  std::string scenario_path;
  std::vector<std::string> sets;
};

// Runs replication `replication` of `scenario` without its event log, as a sweep does. A run
// cut short by the scenario's own limits (event_budget, max_log_records, max_incidents) is
// bad input: throws InputError naming the replication, the command that replays it and the
// limit to raise, since its numbers would describe only part of the horizon.
RunResult simulate_replication(const scenario::Scenario& scenario, uint64_t seed,
                               uint64_t replication, const ReplayHint& replay);

struct SweepOptions {
  uint64_t replications = 1000;
  uint64_t first_replication = 0;
  int threads = 0;  // 0 = all cores
  uint64_t seed = 1;
  double ci_halfwidth = 0;  // > 0: stop once `metric`'s 95 % half-width is this small
  std::string metric = "user_availability";
  uint64_t batch = 1000;              // replications between --ci-halfwidth checks
  std::atomic<bool>* stop = nullptr;  // set (by SIGINT) to stop after the running replications
  bool keep_rows = false;             // keep a ReplicationRow per replication (--replications-csv)
  // Called after each batch with (done, target); for progress display.
  std::function<void(uint64_t, uint64_t)> progress;
  ReplayHint replay;  // names a replication cut short in the error
};

struct SweepResult {
  SweepAccumulator acc;
  bool interrupted = false;
  bool reached_precision = false;
  double seconds = 0;  // wall time
};

// Runs replications [first, first + n) of `scenario` and accumulates them. A replication cut
// short by the scenario's limits ends the sweep with its InputError (simulate_replication).
SweepResult run_sweep(const scenario::Scenario& scenario, const SweepOptions& options);

// Runs exactly the replications [begin, end) on `threads` threads into `acc` (merged in).
// An exception in a worker stops the others after their running replication and is
// rethrown here once all have joined; of several cut-short replications, the lowest
// index is reported, so the message does not depend on the thread count.
void run_replications(const scenario::Scenario& scenario, uint64_t seed, uint64_t begin,
                      uint64_t end, int threads, std::atomic<bool>* stop, SweepAccumulator* acc,
                      uint64_t* done, const ReplayHint& replay);

// Runs `work(local, r)` for every r in [begin, end) on `threads` threads, each thread folding
// its replications into its own Local (from `make`), then `merge(local)` under a lock: the
// loop sweeps and comparisons share. An exception in `work` stops the other threads after
// their running replication and is rethrown once all have joined. Replications are taken in
// increasing order, so every one below a failed replication has finished: of several that
// fail, the lowest is the one rethrown, whatever the thread count.
template <typename Local>
void for_replications(uint64_t begin, uint64_t end, int threads, std::atomic<bool>* stop,
                      const std::function<Local()>& make,
                      const std::function<void(Local&, uint64_t)>& work,
                      const std::function<void(Local&)>& merge) {
  std::atomic<uint64_t> next{begin};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  uint64_t failed_at = UINT64_MAX;
  std::exception_ptr failure;
  auto worker = [&]() {
    Local local = make();
    for (;;) {
      if (failed.load() || (stop != nullptr && stop->load())) break;
      const uint64_t r = next.fetch_add(1);
      if (r >= end || r < begin) break;  // r < begin: the counter wrapped past UINT64_MAX
      try {
        work(local, r);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (r < failed_at) {
          failed_at = r;
          failure = std::current_exception();
        }
        failed.store(true);
        break;
      }
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (!failed.load()) merge(local);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace drsim
