// `drsim run` and `drsim validate`.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "analysis/run_report.h"
#include "analysis/runbook_console.h"
#include "cli/commands.h"
#include "drsim/version.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/log_file.h"
#include "io/overrides.h"
#include "io/runbook_ps1.h"
#include "io/scenario_file.h"
#include "sim/simulate.h"

namespace drsim::cli {

namespace {
void print_warnings(const LoadedScenario& loaded) {
  for (const Diagnostic& d : loaded.warnings) std::fprintf(stderr, "%s\n", d.format().c_str());
}
}  // namespace

int validate_command(const std::string& path, const std::string& runbook) {
  const LoadedScenario loaded = load_scenario(path);
  print_warnings(loaded);
  if (runbook.empty()) {
    std::printf("%s: valid (%d sites, %d pools, %d faults, %d runbook steps)\n", path.c_str(),
                loaded.scenario.sites_size(), loaded.scenario.pools_size(),
                loaded.scenario.faults_size(), loaded.scenario.runbook_size());
    return kExitOk;
  }
  // Lint: what `run --runbook` would refuse, and every line that would fail when run.
  const RunbookReading reading =
      read_runbook(runbook, read_file(runbook, kMaxRunbookBytes), loaded.scenario);
  std::vector<Diagnostic> problems = reading.fatal;
  for (const Diagnostic& d : statement_errors(reading.plan)) problems.push_back(d);
  if (reading.fatal.empty()) {
    scenario::Scenario applied = loaded.scenario;
    apply_runbook(reading.plan, applied);
    for (const Diagnostic& d : runbook_findings(reading.plan, applied, path)) problems.push_back(d);
  }
  std::stable_sort(problems.begin(), problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.file != b.file ? a.file < b.file : a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  if (!problems.empty()) throw InputError(std::move(problems));
  std::printf("%s: valid against %s (%zu commands, %zu runbook steps)\n", runbook.c_str(),
              path.c_str(), reading.plan.lines.size(), reading.plan.steps.size());
  return kExitOk;
}

int run_command(const RunArgs& args) {
  const LoadedScenario loaded = load_scenario(args.scenario);
  print_warnings(loaded);
  scenario::Scenario overridden = loaded.scenario;
  apply_overrides(overridden, args.sets);
  // A runbook script replaces the scenario's runbook steps (docs/runbook.md).
  RunbookPlan plan;
  if (!args.runbook.empty()) {
    plan = load_runbook(args.runbook, overridden);
    apply_runbook(plan, overridden);
    // Findings about the script's steps are placed on its lines, the rest on the scenario.
    std::vector<Diagnostic> errors = runbook_findings(
        plan, overridden, args.scenario + (args.sets.empty() ? "" : " (after --set)"));
    if (!errors.empty()) throw InputError(std::move(errors));
  } else if (!args.sets.empty()) {
    validate_overridden(overridden, args.scenario);
  }
  const scenario::Scenario& sc = overridden;
  RunOptions options;
  options.seed = args.seed.value_or(sc.seed());
  options.replication = args.replication;
  std::printf("drsim %s  scenario %s  seed %" PRIu64 "  replication %" PRIu64 "\n", kVersion,
              sc.name().c_str(), options.seed, options.replication);

  const RunResult result = simulate(sc, options);
  check_run_within_limits(sc, result.stop, args.scenario);

  const std::string timeline = format_timeline(result.log.records());
  if (!args.quiet) {
    // Per-routing-group records are summarised by pool.users; the files keep them all.
    size_t hidden = 0;
    for (const log::Record& r : result.log.records()) {
      if (!args.all_records && r.kind() == "service.level") {
        ++hidden;
        continue;
      }
      std::printf("%s\n", format_record(r).c_str());
    }
    if (hidden > 0)
      std::printf("(%zu per-routing-group service.level records not shown: --all shows them)\n", hidden);
  }

  log::Header header;
  header.set_drsim_version(kVersion);
  header.set_git_commit(kGitCommit);
  header.set_seed(options.seed);
  header.set_replication(options.replication);
  header.set_scenario_name(sc.name());
  header.set_scenario_sha256(loaded.sha256);
  header.set_horizon_us(Duration::seconds(sc.horizon_s()).us());

  make_directories(args.out_dir);
  const std::string stem = std::filesystem::path(args.scenario).stem().stem().string();
  const std::string log_path = args.out_dir + "/" + stem + ".drlog";
  const std::string timeline_path = args.out_dir + "/" + stem + ".timeline.txt";
  const LogFile log_file{header, result.log.records()};
  const RunReport report = summarize_log(log_file);
  write_drlog(log_path, header, result.log.records());
  write_file_atomically(timeline_path, timeline);
  if (!args.json_path.empty()) write_file_atomically(args.json_path, run_report_json(report));
  std::string rehearsal_path;
  if (!args.runbook.empty()) {
    // The console session of the rehearsal, also kept beside the log.
    const std::string rehearsal = format_rehearsal(plan, result.log.records());
    rehearsal_path = args.out_dir + "/" + stem + ".rehearsal.txt";
    write_file_atomically(rehearsal_path, rehearsal);
    std::printf("\n%s", rehearsal.c_str());
  }

  std::printf("\n%s", run_report_text(report).c_str());
  std::printf("run: %d incidents, %zu records, %" PRIu64 " events to the horizon %s\n",
              result.incidents, result.log.size(), result.events_run,
              format_instant(result.end).c_str());
  std::printf("wrote %s\nwrote %s\n", log_path.c_str(), timeline_path.c_str());
  if (!rehearsal_path.empty()) std::printf("wrote %s\n", rehearsal_path.c_str());
  if (!args.json_path.empty()) std::printf("wrote %s\n", args.json_path.c_str());
  if (!args.report_dir.empty()) {
    for (const std::string& path : write_report(args.report_dir, log_file, &sc))
      std::printf("wrote %s\n", path.c_str());
  }
  return kExitOk;
}

}  // namespace drsim::cli
