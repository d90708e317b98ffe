// Running a sensitivity plan; see sensitivity_run.h.
#include "experiments/sensitivity_run.h"

#include "experiments/grid_run.h"
#include "io/overrides.h"

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
    const SweepResult r = run_sweep(changed, o);
    const SweepReportInfo info{changed.name(),      scenario_sha256, o.seed,
                               o.first_replication, r.interrupted,   all};
    return digest_sweep(changed, r.acc, info, {});
  };
}

}  // namespace drsim
