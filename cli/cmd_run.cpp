// `drsim run` and `drsim validate`.
#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "analysis/run_report.h"
#include "analysis/run_report_text.h"
#include "analysis/runbook_console.h"
#include "analysis/runbook_steps.h"
#include "cli/commands.h"
#include "drsim/version.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/overrides.h"
#include "io/runbook_ps1.h"
#include "io/scenario_file.h"
#include "log/log_file.h"
#include "log/record_schema.h"
#include "sim/simulate.h"
#include "sim/validate.h"

namespace drsim::cli {

namespace {
// A runbook given on the command line answers the faults the scenario alone leaves
// unanswered: that warning is left out.
void print_warnings(const LoadedScenario& loaded, bool has_runbook) {
  for (const Diagnostic& d : loaded.warnings)
    if (!(has_runbook && is_unanswered_faults_warning(d.message)))
      std::fprintf(stderr, "%s\n", d.format().c_str());
}

}  // namespace

// The transcript's file name in the report directory: the one Start-Transcript named (its
// last path component, C:\DR\Logs\x.log -> x.log), else transcript.txt.
std::string transcript_file_name(const RunbookPlan& plan) {
  std::string name = plan.transcript_path.substr(plan.transcript_path.find_last_of("/\\") + 1);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  if (name.empty() || name[0] == '.' || name == "runbook-steps.csv" || name == "runbook-steps.md")
    name = "transcript.txt";
  return name;
}

void add_rehearsal_files(const std::string& dir, const RunbookPlan& plan,
                         const std::vector<log::Record>& records, OutputSet* outputs) {
  const std::vector<RehearsalStep> steps = rehearsal_steps(plan, records);
  outputs->add(dir + "/runbook-steps.csv", rehearsal_steps_csv(steps));
  outputs->add(dir + "/runbook-steps.md", rehearsal_steps_markdown(plan, steps));
  outputs->add(dir + "/" + transcript_file_name(plan), format_rehearsal(plan, records));
}

namespace {}  // namespace

int validate_command(const std::string& path, const std::string& runbook) {
  const LoadedScenario loaded = load_scenario(path);
  print_warnings(loaded, !runbook.empty());
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
  for (const Diagnostic& d : reading.plan.not_rehearsed) problems.push_back(d);
  if (reading.fatal.empty()) {
    scenario::Scenario applied = loaded.scenario;
    apply_runbook(reading.plan, applied);
    for (const Diagnostic& d : runbook_findings(reading.plan, applied, path)) problems.push_back(d);
  }
  std::stable_sort(problems.begin(), problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.file != b.file   ? a.file < b.file
           : a.line != b.line ? a.line < b.line
                              : a.column < b.column;
  });
  if (!problems.empty()) throw InputError(std::move(problems));
  std::printf("%s: valid against %s (%zu commands, %zu runbook steps)\n", runbook.c_str(),
              path.c_str(), reading.plan.lines.size(), reading.plan.steps.size());
  return kExitOk;
}

RunInputs apply_run_inputs(const LoadedScenario& loaded, const std::vector<std::string>& sets,
                           const std::string& runbook, const std::string& runbook_named_as,
                           const RehearsalOptions& rehearsal) {
  RunInputs in;
  in.scenario = loaded.scenario;
  apply_overrides(in.scenario, sets);
  // A runbook script replaces the scenario's runbook steps (docs/runbook.md). Its bytes are
  // read once, so the SHA-256 in the log is of the script that ran.
  if (!runbook.empty()) {
    const std::string text = read_file(runbook, kMaxRunbookBytes);
    in.runbook_file = runbook_named_as.empty() ? runbook : runbook_named_as;
    in.plan = parse_runbook(in.runbook_file, text, in.scenario, rehearsal);
    apply_runbook(in.plan, in.scenario);
    in.runbook_sha256 = sha256_hex(text);
    // Findings about the script's steps are placed on its lines, the rest on the scenario.
    std::vector<Diagnostic> errors = runbook_findings(
        in.plan, in.scenario, loaded.path + (sets.empty() ? "" : " (after --set)"));
    if (!errors.empty()) throw InputError(std::move(errors));
  } else if (!sets.empty()) {
    validate_overridden(in.scenario, loaded.path);
  }
  return in;
}

int run_command(const RunArgs& args) {
  const LoadedScenario loaded = load_scenario(args.scenario);
  print_warnings(loaded, !args.runbook.empty());
  if (!args.answers.empty() && args.runbook.empty())
    throw InputError("--answers", "answers the prompts of a --runbook");
  // The rehearsal reads the model as the script runs: it must see this run's seed.
  RehearsalOptions rehearse;
  rehearse.seed = args.seed;
  rehearse.replication = args.replication;
  if (!args.answers.empty()) rehearse.answers = load_answers(args.answers);
  const RunInputs inputs = apply_run_inputs(loaded, args.sets, args.runbook, "", rehearse);
  const RunbookPlan& plan = inputs.plan;
  const scenario::Scenario& sc = inputs.scenario;
  // Every output is checked before the run: an unwritable path fails now, not after it.
  // The directories first: made with their parents, they may hold the --json file.
  prepare_output_directory(args.out_dir);
  if (!args.report_dir.empty()) prepare_output_directory(args.report_dir);
  if (!args.json_path.empty()) check_writable(args.json_path);
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
      if (!args.all_records && rec::service_level::kind.is(r)) {
        ++hidden;
        continue;
      }
      std::printf("%s\n", format_record(r).c_str());
    }
    if (hidden > 0)
      std::printf("(%zu per-routing-group service.level records not shown: --all shows them)\n",
                  hidden);
  }

  log::Header header;
  header.set_drsim_version(kVersion);
  header.set_git_commit(kGitCommit);
  header.set_seed(options.seed);
  header.set_replication(options.replication);
  header.set_scenario_name(sc.name());
  header.set_scenario_sha256(loaded.sha256);
  header.set_horizon_us(Duration::seconds(sc.horizon_s()).us());
  for (const std::string& o : args.sets) header.add_overrides(o);
  if (!args.runbook.empty()) {
    header.set_runbook_file(inputs.runbook_file);
    header.set_runbook_sha256(inputs.runbook_sha256);
  }

  const std::string stem = std::filesystem::path(args.scenario).stem().stem().string();
  const std::string log_path = args.out_dir + "/" + stem + ".drlog";
  const std::string timeline_path = args.out_dir + "/" + stem + ".timeline.txt";
  const LogFile log_file{header, result.log.records()};
  const RunReport report = summarize_log(log_file);
  // The log, timeline, report and rehearsal are one set: replaced together or not at all.
  OutputSet outputs;
  outputs.add(log_path,
              [&](const ByteSink& sink) { stream_drlog(header, result.log.records(), sink); });
  outputs.add(timeline_path, timeline);
  if (!args.json_path.empty()) outputs.add(args.json_path, run_report_json(report, &sc));
  std::string rehearsal_path, rehearsal;
  if (!args.runbook.empty()) {
    // The console session of the rehearsal, also kept beside the log.
    rehearsal = format_rehearsal(plan, result.log.records());
    rehearsal_path = args.out_dir + "/" + stem + ".rehearsal.txt";
    outputs.add(rehearsal_path, rehearsal);
  }
  if (!args.report_dir.empty()) write_report(args.report_dir, log_file, &sc, &outputs);
  if (!args.report_dir.empty() && !args.runbook.empty())
    add_rehearsal_files(args.report_dir, plan, result.log.records(), &outputs);
  const std::vector<std::string> written = outputs.commit();
  if (!rehearsal.empty()) std::printf("\n%s", rehearsal.c_str());

  std::printf("\n%s", run_report_text(report, &sc).c_str());
  std::printf("run: %d %s, %zu records, %" PRIu64 " events to the horizon %s\n", result.incidents,
              result.incidents == 1 ? "incident" : "incidents", result.log.size(),
              result.events_run, format_instant(result.end).c_str());
  for (const std::string& path : written) std::printf("wrote %s\n", path.c_str());
  return kExitOk;
}

}  // namespace drsim::cli
