// `drsim sensitivity`: which assumptions matter. Plans the parameters the scenario gives a
// meaning to (experiments/sensitivity_params.h), checks every low and high scenario before
// the first sweep, runs the sweeps on every core and MPI rank, and writes the ranking as
// text, CSV, JSON and a report with tornado charts (analysis/sensitivity.h).
#include <cstdio>

#include "analysis/sensitivity.h"
#include "cli/commands.h"
#include "cli/sweep_shared.h"
#include "experiments/grid_run.h"
#include "experiments/sensitivity_params.h"
#include "experiments/sensitivity_run.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/overrides.h"
#include "io/scenario_file.h"

namespace drsim::cli {

namespace {

bool range_given(const std::vector<std::string>& ranges, const std::string& parameter) {
  for (const std::string& r : ranges)
    if (r.compare(0, parameter.size() + 1, parameter + "=") == 0) return true;
  return false;
}

// Every low and high scenario is validated before the first sweep. A registered range the
// scenario refuses is left out with the rule it breaks; a range the user gave is bad input.
void check_levels(const LoadedScenario& loaded, const scenario::Scenario& base,
                  const std::vector<std::string>& ranges, SensitivityPlan* plan) {
  std::vector<ParameterLevels> kept;
  for (ParameterLevels& l : plan->varied) {
    try {
      for (const auto* sets : {&l.low_sets, &l.high_sets}) {
        scenario::Scenario s = base;
        apply_overrides(s, *sets);
        validate_overridden(s, loaded.path);
      }
      kept.push_back(std::move(l));
    } catch (const InputError& e) {
      if (range_given(ranges, l.parameter)) throw;
      plan->skipped.push_back(
          {l.parameter, std::string("the scenario refuses the range: ") + e.what()});
    }
  }
  plan->varied = std::move(kept);
}

std::string plan_text(const SensitivityPlan& plan) {
  std::string out = "varied (low .. high; the scenario's value):\n";
  for (const ParameterLevels& l : plan.varied)
    out +=
        "  " + l.parameter + ": " + l.low_text + " .. " + l.high_text + "; " + l.base_text + "\n";
  out += "not varied:\n";
  for (const SkippedParameter& s : plan.skipped) out += "  " + s.parameter + ": " + s.reason + "\n";
  return out;
}

}  // namespace

int sensitivity_command(const SensitivityArgs& args) {
  const LoadedScenario loaded = load_scenario(args.scenario);
  if (is_sweep_root())
    for (const Diagnostic& d : loaded.warnings) std::fprintf(stderr, "%s\n", d.format().c_str());
  scenario::Scenario base = loaded.scenario;
  apply_overrides(base, args.sets);
  if (!args.sets.empty()) validate_overridden(base, loaded.path);
  SensitivityPlan plan = plan_sensitivity(base, args.ranges);
  check_levels(loaded, base, args.ranges, &plan);
  if (args.list) {
    if (is_sweep_root()) std::fputs(plan_text(plan).c_str(), stdout);
    return kExitOk;
  }
  if (plan.varied.empty())
    throw InputError(args.scenario, "no registered parameter means anything in this scenario:\n" +
                                        plan_text(plan));
  check_sweep_outputs({args.json_path, args.csv_path}, args.report_dir);
  const uint64_t seed = args.seed.value_or(loaded.scenario.seed());
  return run_interruptible([&](std::atomic<bool>* stop) {
    SweepOptions o;
    o.replications = args.replications;
    o.threads = sweep_thread_count(args.threads);
    o.seed = seed;
    o.stop = stop;
    o.keep_rows = true;  // the paired differences of the swings (analysis/paired.h)
    const SensitivitySweep sweep = [&](const std::vector<std::string>& sets) {
      scenario::Scenario changed = base;
      apply_overrides(changed, sets);
      // The low and high settings were checked before the first sweep; a Morris point sets
      // every parameter at once, between them.
      if (!sets.empty()) validate_overridden(changed, loaded.path);
      std::vector<std::string> all = args.sets;
      all.insert(all.end(), sets.begin(), sets.end());
      SweepOptions point = o;
      point.replay = {args.scenario, all};
      const SweepResult r = sweep_on_all_ranks(changed, point);
      const SweepReportInfo info{changed.name(), loaded.sha256, seed, 0, r.interrupted, all};
      return digest_sweep(changed, r.acc, info, {});
    };
    size_t started = 0;
    const size_t total = plan.varied.size() + 1 + args.morris * (plan.varied.size() + 1);
    auto progress = [&](const std::string& name) {
      ++started;
      if (is_sweep_root() && !args.quiet)
        std::fprintf(stderr, "[%zu/%zu] %s\n", started, total, name.c_str());
    };
    SensitivityRun run = run_sensitivity(plan, sweep, progress);
    if (args.morris > 0 && !run.interrupted)
      run_morris(plan, args.morris, seed, sweep, progress, &run);
    if (!is_sweep_root()) return run.interrupted ? kExitInternal : kExitOk;
    run.scenario_path = args.scenario;
    run.ranges = args.ranges;
    const std::vector<MetricRanking> ranked = rank_sensitivity(run);
    if (!args.quiet) std::fputs(sensitivity_text(run, ranked, args.top).c_str(), stdout);
    OutputSet outputs;
    if (!args.json_path.empty()) outputs.add(args.json_path, sensitivity_json(run, ranked));
    if (!args.csv_path.empty()) outputs.add(args.csv_path, sensitivity_csv(run, ranked));
    std::vector<ReportFile> report;
    if (!args.report_dir.empty()) {
      report = sensitivity_report_files(run, ranked);
      write_report_files(args.report_dir, "sensitivity", report, &outputs);
    }
    if (!args.quiet)
      commit_sweep_outputs(outputs, report.size());
    else
      outputs.commit();
    if (run.interrupted)
      std::fprintf(stderr, "interrupted: the ranking covers the parameters that finished\n");
    return run.interrupted ? kExitInternal : kExitOk;
  });
}

}  // namespace drsim::cli
