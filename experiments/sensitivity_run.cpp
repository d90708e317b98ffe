// Running a sensitivity plan; see sensitivity_run.h.
#include "experiments/sensitivity_run.h"

#include <algorithm>

#include "experiments/grid_run.h"
#include "io/overrides.h"
#include "sim/random.h"

namespace drsim {

SensitivityRun run_sensitivity(const SensitivityPlan& plan, const SensitivitySweep& sweep,
                               const std::function<void(const std::string&)>& progress) {
  SensitivityRun run;
  run.skipped = plan.skipped;
  if (progress) progress("base");
  run.base = sweep({});
  if (run.base.interrupted) {
    run.interrupted = true;
    return run;
  }
  for (const ParameterLevels& levels : plan.varied) {
    if (progress) progress(levels.parameter);
    SweepDigest low = row_digest(sweep(levels.low_sets));
    if (low.interrupted) {
      run.interrupted = true;
      break;
    }
    SweepDigest high = row_digest(sweep(levels.high_sets));
    if (high.interrupted) {
      run.interrupted = true;
      break;
    }
    run.points.push_back({levels, std::move(low), std::move(high)});
  }
  return run;
}

void run_morris(const SensitivityPlan& plan, size_t trajectories, uint64_t seed,
                const SensitivitySweep& sweep,
                const std::function<void(const std::string&)>& progress, SensitivityRun* run) {
  const size_t k = plan.varied.size();
  run->morris_parameters.clear();
  for (const ParameterLevels& l : plan.varied) run->morris_parameters.push_back(l.parameter);
  for (size_t t = 0; t < trajectories && !run->interrupted; ++t) {
    Rng rng(derive_stream_seed(seed, "morris", t));
    MorrisTrajectory m;
    for (size_t i = 0; i < k; ++i) m.start.push_back(sample_unit(rng) < 0.5 ? 0.0 : 1.0 / 3.0);
    // A uniform random order (Fisher-Yates with the stream's own draws).
    for (size_t i = 0; i < k; ++i) m.order.push_back(i);
    for (size_t i = k; i > 1; --i) {
      const auto j = static_cast<size_t>(sample_unit(rng) * static_cast<double>(i));
      std::swap(m.order[i - 1], m.order[std::min(j, i - 1)]);
    }
    std::vector<double> x = m.start;
    for (size_t step = 0; step <= k; ++step) {
      if (step > 0) x[m.order[step - 1]] += kMorrisDelta;
      std::vector<std::string> sets;
      for (size_t i = 0; i < k; ++i) {
        const std::vector<std::string> a = sets_at(plan.varied[i], std::min(1.0, x[i]));
        sets.insert(sets.end(), a.begin(), a.end());
      }
      if (progress)
        progress("morris " + std::to_string(t + 1) + "/" + std::to_string(trajectories) +
                 " point " + std::to_string(step + 1) + "/" + std::to_string(k + 1));
      SweepDigest d = row_digest(sweep(sets));
      // Elementary effects are averaged over trajectories, not paired: the rows would only
      // cost memory (trajectories x parameters sweeps).
      d.replication_rows.clear();
      if (d.interrupted) {
        run->interrupted = true;
        return;
      }
      m.points.push_back(std::move(d));
    }
    run->morris.push_back(std::move(m));
  }
}

SensitivitySweep local_sensitivity_sweep(const scenario::Scenario& s, const std::string& origin,
                                         const std::string& scenario_sha256,
                                         const SweepOptions& options,
                                         const std::vector<std::string>& base_sets) {
  return [=](const std::vector<std::string>& sets) {
    scenario::Scenario changed = s;
    apply_overrides(changed, sets);
    if (!sets.empty()) validate_overridden(changed, origin);
    std::vector<std::string> all = base_sets;
    all.insert(all.end(), sets.begin(), sets.end());
    SweepOptions o = options;
    o.replay = {origin, all};
    o.keep_rows = true;  // the paired differences of the swings (analysis/paired.h)
    const SweepResult r = run_sweep(changed, o);
    const SweepReportInfo info{changed.name(),      scenario_sha256, o.seed,
                               o.first_replication, r.interrupted,   all};
    return digest_sweep(changed, r.acc, info, {});
  };
}

}  // namespace drsim
