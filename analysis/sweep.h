// Monte Carlo sweeps: independent replications of a scenario, on all cores, into mergeable
// accumulators.
//
// Replication r draws every random stream from (seed, stream name, r), so a replication's
// numbers do not depend on which thread (or MPI rank) ran it, and the merged statistics are
// identical for any thread count. `drsim run --replication r --seed S` replays one exactly.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analysis/run_report.h"
#include "analysis/stats.h"
#include "proto/scenario.pb.h"
#include "sim/simulate.h"
#include "sim/model/metrics.h"

namespace drsim {

inline constexpr const char* kRtoStages[] = {"detect", "decide", "execute", "clients_back", "total"};
inline constexpr int kRtoStageCount = 5;

// How many of the worst replications a sweep names per measure.
inline constexpr size_t kWorstReplications = 20;

// One replication's headline figures, for `sweep --replications-csv` (docs/reports.md).
// Every value is a function of (scenario, seed, replication) alone.
struct ReplicationRow {
  uint64_t replication = 0;
  uint64_t incidents = 0;              // outside the warm-up
  uint64_t incidents_with_impact = 0;  // of which some users lost full service
  double downtime_s = 0;               // per user, over the measured time
  double downtime_s_per_year = 0;
  double user_availability = 1;
  double rto_total_max_s = 0;          // the longest incident's RTO (0 without user impact)
  double rpo_policy_max_s = 0;         // the worst RPO of the data a policy judges
  double rpo_user_data_max_s = 0;
  uint64_t events = 0;
  bool operator==(const ReplicationRow&) const = default;
};

// A sweep keeps its replications' rows only when asked: they cost memory in the number of
// replications (88 bytes each), which nothing else in a sweep does.
inline constexpr uint64_t kMaxReplicationRows = 10'000'000;

// Everything a sweep measures, over all replications so far.
struct SweepAccumulator {
  uint64_t replications = 0;
  double measured_years = 0;  // per replication
  // Over incidents (outside the warm-up) that lost data in the category.
  std::array<Stat, kCategoryCount> rpo_s;
  // Over incidents with user impact.
  std::array<Stat, kRtoStageCount> rto_s;
  // Per replication.
  Stat user_availability{1e12};
  std::vector<Stat> pool_availability;  // per pool
  Stat downtime_s_per_year{1000};       // mean per user
  Stat incidents_per_year{1000};
  Stat events{1};
  // The worst replications, to replay: by downtime per user per year, by the longest incident
  // RTO and by the worst user-data RPO.
  TopReplications worst_downtime{kWorstReplications}, worst_rto{kWorstReplications},
      worst_rpo{kWorstReplications};
  // Per disruption type, the incidents meeting the policy's RTO and RPO targets.
  std::array<Proportion, kDisruptionCount> rto_met{};
  std::array<Proportion, kDisruptionCount> rpo_met{};
  std::array<bool, kDisruptionCount> has_rto_target{};
  std::array<bool, kDisruptionCount> has_rpo_target{};
  // Time fractions for the analytic cross-check, per pool: Windows Fabric running, Back End up.
  std::vector<Stat> pool_running;
  std::vector<Stat> backend_available;

  // With keep_rows: one ReplicationRow per replication, in replication order after any merge.
  bool keep_rows = false;
  std::vector<ReplicationRow> rows;

  explicit SweepAccumulator(const scenario::Scenario& s, bool keep_rows = false);
  void add(const RunMetrics& m, uint64_t replication, uint64_t events);
  void merge(const SweepAccumulator& o);
  // The flat form MPI sends (its length depends on the rows kept); deserialize() adds
  // nothing, it replaces.
  std::vector<uint64_t> serialize() const;
  void deserialize(const std::vector<uint64_t>& words);

 private:
  const scenario::Scenario* scenario_;
};

// Named metrics a sweep can stop on (--ci-halfwidth) and compare.
double metric_value(const SweepAccumulator& a, const std::string& name, double* ci_halfwidth);
std::vector<std::string> metric_names();

// How messages name a replication to replay, for a replication cut short by the scenario's
// limits: the scenario's path as the user gave it (its name when empty) and the --set
// overrides the sweep applied.
struct ReplayHint {
  std::string scenario_path;
  std::vector<std::string> sets;
};

// `drsim run SCENARIO --seed S --replication K [--set p=v]...`, quoted for a POSIX shell.
std::string replay_command(const std::string& scenario_path, uint64_t seed, uint64_t replication,
                           const std::vector<std::string>& sets);

// Runs replication `replication` of `scenario` without its event log, as a sweep does. A run
// cut short by the scenario's own limits (event_budget, max_log_records, max_incidents) is
// bad input: throws InputError naming the replication, the command that replays it and the
// limit to raise, since its numbers would describe only part of the horizon.
RunResult simulate_replication(const scenario::Scenario& scenario, uint64_t seed, uint64_t replication,
                               const ReplayHint& replay);

struct SweepOptions {
  uint64_t replications = 1000;
  uint64_t first_replication = 0;
  int threads = 0;            // 0 = all cores
  uint64_t seed = 1;
  double ci_halfwidth = 0;    // > 0: stop once `metric`'s 95 % half-width is this small
  std::string metric = "user_availability";
  uint64_t batch = 1000;      // replications between --ci-halfwidth checks
  std::atomic<bool>* stop = nullptr;  // set (by SIGINT) to stop after the running replications
  bool keep_rows = false;     // keep a ReplicationRow per replication (--replications-csv)
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
                      const std::function<Local()>& make, const std::function<void(Local&, uint64_t)>& work,
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
