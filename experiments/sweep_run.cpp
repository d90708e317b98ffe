// Running sweeps; see sweep_run.h.
#include "experiments/sweep_run.h"

#include <algorithm>
#include <chrono>

#include "io/scenario_file.h"
#include "sim/check.h"
#include "sim/simulate.h"

namespace drsim {

RunResult simulate_replication(const scenario::Scenario& scenario, uint64_t seed,
                               uint64_t replication, const ReplayHint& replay) {
  RunOptions o;
  o.seed = seed;
  o.replication = replication;
  o.keep_log = false;
  RunResult result = simulate(scenario, o);
  if (result.stop == StopReason::kBudget || result.stop == StopReason::kLogFull ||
      result.stop == StopReason::kIncidentsFull) {
    const std::string path = replay.scenario_path.empty() ? scenario.name() : replay.scenario_path;
    check_run_within_limits(scenario, result.stop, path,
                            "replication " + std::to_string(replication),
                            replay_command(path, seed, replication, replay.sets));
  }
  return result;
}

void run_replications(const scenario::Scenario& scenario, uint64_t seed, uint64_t begin,
                      uint64_t end, int threads, std::atomic<bool>* stop, SweepAccumulator* acc,
                      uint64_t* done, const ReplayHint& replay) {
  for_replications<SweepAccumulator>(
      begin, end, threads, stop, [&] { return SweepAccumulator(scenario, acc->keep_rows); },
      [&](SweepAccumulator& local, uint64_t r) {
        const RunResult result = simulate_replication(scenario, seed, r, replay);
        local.add(result.metrics, r, result.events_run);
      },
      [&](SweepAccumulator& local) {
        // Integer sums: the merge order does not change a single bit of the result.
        acc->merge(local);
        *done += local.replications;
      });
}

SweepResult run_sweep(const scenario::Scenario& scenario, const SweepOptions& options) {
  SweepResult result{SweepAccumulator(scenario, options.keep_rows), false, false, 0};
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const auto t0 = std::chrono::steady_clock::now();
  uint64_t done = 0;
  const uint64_t batch = options.ci_halfwidth > 0
                             ? std::max<uint64_t>(1, options.batch)
                             : std::max<uint64_t>(1, options.replications / 10);
  uint64_t begin = options.first_replication;
  const uint64_t end = options.first_replication + options.replications;
  while (begin < end) {
    const uint64_t stop_at = std::min(end, begin + batch);
    run_replications(scenario, options.seed, begin, stop_at, threads, options.stop, &result.acc,
                     &done, options.replay);
    begin = stop_at;
    if (options.progress) options.progress(done, options.replications);
    if (options.stop != nullptr && options.stop->load()) {
      result.interrupted = true;
      break;
    }
    if (options.ci_halfwidth > 0) {
      double ci = 0;
      metric_value(result.acc, options.metric, &ci);
      if (ci <= options.ci_halfwidth) {
        result.reached_precision = true;
        break;
      }
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace drsim
