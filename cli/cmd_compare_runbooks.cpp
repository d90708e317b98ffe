// `drsim compare SCENARIO --runbook A.ps1 --runbook B.ps1 [-n N]`: two runbooks rehearsed
// against the same disaster with common random numbers (the same seed and replication for
// both); see analysis/runbook_compare.h.
#include <cstdio>

#include "analysis/runbook_compare.h"
#include "cli/commands.h"
#include "io/errors.h"
#include "io/overrides.h"
#include "io/scenario_file.h"
#include "sim/simulate.h"

namespace drsim::cli {

namespace {
RehearsalFigures rehearse(const LoadedScenario& loaded, const CompareArgs& args,
                          const std::string& runbook, const std::vector<std::string>& answers,
                          uint64_t seed, uint64_t replication, RunbookPlan* plan) {
  RehearsalOptions ro;
  ro.seed = seed;
  ro.replication = replication;
  ro.answers = answers;
  const RunInputs in = apply_run_inputs(loaded, args.sets, runbook, "", ro);
  RunOptions o;
  o.seed = seed;
  o.replication = replication;
  const RunResult r = simulate(in.scenario, o);
  check_run_within_limits(in.scenario, r.stop, args.base);
  RehearsalFigures f;
  if (!r.metrics.incidents.empty()) {
    f.has_incident = true;
    f.incident = r.metrics.incidents[0];
  }
  for (const PoolMetrics& p : r.metrics.pools)
    f.user_hours_lost += static_cast<double>(p.users) * p.downtime_s / 3600;
  f.steps = rehearsal_steps(in.plan, r.log.records());
  if (plan != nullptr) *plan = in.plan;
  return f;
}
}  // namespace

int compare_runbooks_command(const CompareArgs& args) {
  if (args.runbooks.size() != 2)
    throw InputError("--runbook", "compare takes two runbooks: --runbook A.ps1 --runbook B.ps1");
  if (!args.whatif.empty() || !args.whatif_sets.empty())
    throw InputError("--runbook", "compares two runbooks on one scenario: leave out the what-if");
  const LoadedScenario loaded = load_scenario(args.base);
  scenario::Scenario s = loaded.scenario;
  apply_overrides(s, args.sets);
  const uint64_t seed = args.seed.value_or(s.seed());
  std::vector<std::vector<std::string>> answers(2);
  for (size_t k = 0; k < args.answers.size() && k < 2; ++k)
    answers[k] = load_answers(args.answers[k]);
  const uint64_t n = args.replications_given ? args.replications : 1;
  RunbookComparison c;
  c.scenario = s.name();
  c.path_a = args.runbooks[0];
  c.path_b = args.runbooks[1];
  c.seed = seed;
  for (uint64_t r = 0; r < n; ++r) {
    c.a.push_back(rehearse(loaded, args, args.runbooks[0], answers[0], seed, r,
                           r == 0 ? &c.plan_a : nullptr));
    c.b.push_back(rehearse(loaded, args, args.runbooks[1], answers[1], seed, r,
                           r == 0 ? &c.plan_b : nullptr));
  }
  std::fputs(runbook_comparison_text(c).c_str(), stdout);
  return kExitOk;
}

}  // namespace drsim::cli
