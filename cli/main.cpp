// drsim: the command-line entry point. Parses arguments with CLI11 and dispatches to the
// subcommands in cli/; every operating error is reported once here with its exit code.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "cli/mpi_world.h"
#include "drsim/version.h"
#include "io/errors.h"

namespace {

int dispatch(int argc, char** argv) {
  using namespace drsim::cli;
  CLI::App app{"drsim: disaster-recovery simulator for Skype for Business Server deployments"};
  app.set_version_flag(
      "--version", std::string("drsim ") + drsim::kVersion + " (commit " + drsim::kGitCommit + ")");
  app.require_subcommand(1);

  RunArgs run;
  CLI::App* run_cmd = app.add_subcommand(
      "run", "Run one scenario: print its timeline and summary, write its event log");
  run_cmd->add_option("scenario", run.scenario, "Scenario file (.pb.txt or .json)")->required();
  run_cmd->add_option("--seed", run.seed, "Root seed (default: the scenario's seed)");
  run_cmd->add_option("--replication", run.replication,
                      "Replication index, to replay one replication of a sweep");
  run_cmd->add_option("--out", run.out_dir, "Directory for the event log and timeline")
      ->capture_default_str();
  run_cmd->add_option("--json", run.json_path, "Write the run report as JSON to FILE");
  run_cmd->add_flag("--quiet,-q", run.quiet, "Print only the summary");
  run_cmd->add_flag("--all", run.all_records, "Print every record, also per routing group");
  run_cmd->add_option("--report", run.report_dir,
                      "Write the report (HTML, Markdown, CSV, trace) into DIR");

  run_cmd->add_option("--set", run.sets, "Override a scenario field: path=value (repeatable)");
  run_cmd->add_option("--runbook", run.runbook,
                      "Rehearse a PowerShell runbook (.ps1) instead of the scenario's runbook");
  run_cmd->add_option("--answers", run.answers,
                      "Answers to the runbook's Read-Host prompts, one a line");

  SweepArgs sweep;
  CLI::App* sweep_cmd = app.add_subcommand(
      "sweep", "Monte Carlo: run independent replications on all cores and report statistics");
  sweep_cmd->add_option("scenario", sweep.scenario, "Scenario file")->required();
  sweep_cmd->add_option("--replications,-n", sweep.replications, "Replications")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000}));
  // Bounded so that first + replications cannot wrap round past 2^64.
  sweep_cmd
      ->add_option("--first-replication", sweep.first_replication, "Index of the first replication")
      ->check(CLI::Range(uint64_t{0}, uint64_t{1} << 62));
  sweep_cmd->add_option("--threads,-j", sweep.threads, "Threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  sweep_cmd->add_option("--seed", sweep.seed, "Root seed (default: the scenario's seed)");
  sweep_cmd->add_option(
      "--json", sweep.json_path,
      "Write the sweep report (with --rare: the rare-event estimate) as JSON to FILE");
  sweep_cmd->add_option("--set", sweep.sets, "Override a scenario field: path=value (repeatable)");
  sweep_cmd->add_option(
      "--grid", sweep.grid,
      "Sweep a field over values: path=v1,v2,... (repeatable; one CSV row per point)");
  sweep_cmd->add_option("--csv", sweep.csv_path,
                        "With --grid: write the CSV to FILE instead of stdout");
  sweep_cmd->add_option(
      "--replications-csv", sweep.replications_csv,
      "Write one CSV row per replication to FILE (replication order; not with --grid)");
  sweep_cmd
      ->add_option("--ci-halfwidth", sweep.ci_halfwidth,
                   "Stop once the metric's 95 % half-width is this small")
      ->check(CLI::PositiveNumber);
  sweep_cmd->add_option("--metric", sweep.metric, "Metric for --ci-halfwidth")
      ->capture_default_str();
  sweep_cmd->add_option("--report", sweep.report_dir,
                        "Write the sweep report (HTML, Markdown, SVG charts, CSV; with --rare: "
                        "rare.html and rare.md) into DIR");
  sweep_cmd
      ->add_option(
          "--rare", sweep.rare,
          "Estimate a rare event: pool-unavailable (Windows Fabric quorum lost), "
          "backend-unavailable (the pool's Back End down), pair-unavailable (both pools of a "
          "pair down at once), rto-target-missed or rpo-target-missed (a pool's quorum loss "
          "ending in an incident over the policy's server target) (docs/rare-events.md)")
      ->check(CLI::IsMember({"pool-unavailable", "backend-unavailable", "pair-unavailable",
                             "rto-target-missed", "rpo-target-missed"}));
  sweep_cmd
      ->add_option(
          "--rare-method", sweep.rare_method,
          "With --rare: auto (importance sampling where failures are exponential and independent, "
          "else multilevel splitting), importance or splitting")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "importance", "splitting"}));
  sweep_cmd
      ->add_option("--rare-effort", sweep.rare_effort,
                   "With --rare splitting: trajectories per stage")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{10}, uint64_t{10'000'000}));
  sweep_cmd
      ->add_option("--rare-bias", sweep.rare_bias,
                   "With --rare: probability of a failure where a repair could happen (balanced "
                   "failure biasing)")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 0.99));
  sweep_cmd
      ->add_option("--rare-cycles", sweep.rare_cycles,
                   "With --rare: regenerative cycles per replication")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{10}, uint64_t{100'000'000}));
  sweep_cmd
      ->add_option("--required-share", sweep.required_met_share,
                   "In the report, a policy target passes when the share of incidents meeting it "
                   "is surely at least this")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  sweep_cmd
      ->add_option("--availability-target", sweep.availability_target,
                   "A pool's availability passes when its 95 % interval lies at or above this "
                   "fraction (e.g. 0.999); default: no availability target")
      ->check(CLI::Range(0.0, 1.0));
  sweep_cmd->add_flag("--advise", sweep.advise,
                      "Then run advise on the same scenario and options: what to change to meet "
                      "the policy (its text after the sweep's, advice.* in --report DIR)");
  sweep_cmd->add_option("--advise-json", sweep.advise_json_path,
                        "With --advise: write the ranking as JSON to FILE");
  sweep_cmd->add_option("--cost", sweep.costs,
                        "With --advise: the cost of a change, id=amount (repeatable)");
  sweep_cmd
      ->add_option("--columns", sweep.columns,
                   "With --grid: the figures to report, comma-separated (default: every one; "
                   "docs/reports.md)")
      ->delimiter(',');
  sweep_cmd->add_flag("-q,--quiet", sweep.quiet,
                      "Print nothing but warnings and errors (the files are still written)");

  CompareArgs compare;
  CLI::App* compare_cmd = app.add_subcommand(
      "compare", "What-if: paired differences of two scenarios with common random numbers");
  compare_cmd->add_option("base", compare.base, "Base scenario")->required();
  compare_cmd->add_option("whatif", compare.whatif,
                          "What-if scenario (default: the base, changed by --whatif-set)");
  compare_cmd->add_option("--replications,-n", compare.replications, "Replications")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{2}, uint64_t{1'000'000'000}));
  compare_cmd->add_option("--threads,-j", compare.threads, "Threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  compare_cmd->add_option("--seed", compare.seed, "Root seed (default: the base scenario's seed)");
  compare_cmd->add_option("--json", compare.json_path, "Write the comparison as JSON to FILE");
  compare_cmd->add_option("--set", compare.sets,
                          "Override a field in both scenarios: path=value (repeatable)");
  compare_cmd->add_option("--whatif-set", compare.whatif_sets,
                          "Override a field in the what-if only: path=value (repeatable)");
  compare_cmd->add_option("--report", compare.report_dir,
                          "Write the comparison as HTML and Markdown into DIR");
  compare_cmd->add_option("--runbook", compare.runbooks,
                          "Compare two runbooks on the base scenario: --runbook A.ps1 --runbook "
                          "B.ps1 (-n: across replications)");
  compare_cmd->add_option("--answers", compare.answers,
                          "Read-Host answers for each --runbook, in order");

  std::string validate_path;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "Check a scenario file and report every error");
  validate_cmd->add_option("scenario", validate_path, "Scenario file")->required();
  std::string validate_runbook;
  validate_cmd->add_option(
      "--runbook", validate_runbook,
      "Also check a PowerShell runbook (.ps1) against the scenario, without running it");

  ReportArgs report;
  CLI::App* report_cmd = app.add_subcommand("report",
                                            "Write the report of a saved run (HTML, Markdown, CSV, "
                                            "Chrome trace) or of a saved sweep's JSON");
  report_cmd
      ->add_option("log", report.log_path, "Event log (.drlog), or a sweep's JSON (sweep --json)")
      ->required();
  report_cmd->add_option("--out", report.out_dir, "Directory for the report files")->required();
  report_cmd->add_option(
      "--scenario", report.scenario,
      "The scenario the log (or sweep) came from: full topology, policy verdicts, replay commands");
  report_cmd->add_option("--runbook", report.runbook,
                         "The runbook script the run rehearsed (run --runbook), with --scenario");
  report_cmd->add_option("--answers", report.answers,
                         "The Read-Host answers the rehearsal had (run --answers)");
  report_cmd
      ->add_option("--required-share", report.required_met_share,
                   "Sweep JSON: a policy target passes when the share of incidents meeting it is "
                   "surely at least this")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  report_cmd
      ->add_option("--availability-target", report.availability_target,
                   "Sweep JSON: judge each pool's availability against this fraction instead "
                   "of the sweep's --availability-target")
      ->check(CLI::Range(0.0, 1.0));

  SensitivityArgs sens;
  CLI::App* sens_cmd = app.add_subcommand(
      "sensitivity",
      "Which assumptions matter: sweep each model parameter at its low and high value (common "
      "random numbers) and rank them by effect on every headline figure");
  sens_cmd->add_option("scenario", sens.scenario, "Scenario file")->required();
  sens_cmd->add_option("--replications,-n", sens.replications, "Replications per sweep")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{2}, uint64_t{1'000'000'000}));
  sens_cmd->add_option("--threads,-j", sens.threads, "Threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  sens_cmd->add_option("--seed", sens.seed, "Root seed (default: the scenario's seed)");
  sens_cmd->add_option("--set", sens.sets, "Override a scenario field: path=value (repeatable)");
  sens_cmd->add_option("--range", sens.ranges,
                       "Replace a parameter's range: path=low,high (repeatable; docs/model.md, "
                       "\"Sensitivity ranges\")");
  sens_cmd->add_option("--json", sens.json_path, "Write the ranking as JSON to FILE");
  sens_cmd->add_option("--csv", sens.csv_path, "Write the ranking as CSV to FILE");
  sens_cmd->add_option("--report", sens.report_dir,
                       "Write sensitivity.html, sensitivity.md, sensitivity.csv and the tornado "
                       "charts into DIR");
  sens_cmd->add_option("--top", sens.top, "Parameters per metric in the printed ranking")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1000}));
  sens_cmd
      ->add_option("--morris", sens.morris,
                   "Also screen the parameters together (Morris elementary effects): R "
                   "trajectories of one sweep per parameter, plus one")
      ->check(CLI::Range(size_t{0}, size_t{1000}));
  sens_cmd->add_flag("--list", sens.list,
                     "Print the parameters that would be varied (and those not) and stop");
  sens_cmd->add_flag("-q,--quiet", sens.quiet, "Print nothing but warnings and errors");

  AdviseArgs advise;
  CLI::App* advise_cmd = app.add_subcommand(
      "advise",
      "What to change to meet the policy: sweep each change an administrator can make against "
      "the same failures and rank them by the failing targets they make pass");
  advise_cmd->add_option("scenario", advise.scenario, "Scenario file")->required();
  advise_cmd->add_option("--replications,-n", advise.replications, "Replications per sweep")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{2}, uint64_t{1'000'000'000}));
  advise_cmd->add_option("--threads,-j", advise.threads, "Threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  advise_cmd->add_option("--seed", advise.seed, "Root seed (default: the scenario's seed)");
  advise_cmd->add_option("--set", advise.sets,
                         "Override a scenario field: path=value (repeatable)");
  advise_cmd->add_option("--cost", advise.costs,
                         "The cost of a change, in your unit: id=amount (repeatable; --list "
                         "shows the ids)");
  advise_cmd
      ->add_option("--required-share", advise.required_met_share,
                   "A policy target passes when the share of incidents meeting it is surely at "
                   "least this")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  advise_cmd->add_option("--json", advise.json_path, "Write the ranking as JSON to FILE");
  advise_cmd->add_option("--report", advise.report_dir,
                         "Write advice.html, advice.md, advice.csv and the changed scenarios "
                         "into DIR");
  advise_cmd->add_flag("--list", advise.list, "Print the candidate changes and stop");
  advise_cmd->add_flag("-q,--quiet", advise.quiet, "Print nothing but warnings and errors");

  BenchArgs bench;
  CLI::App* bench_cmd =
      app.add_subcommand("bench", "Measure the engine: events per second of the hold model");
  bench_cmd->add_option("--events", bench.events, "Events per measurement")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1000}, uint64_t{1'000'000'000}));
  bench_cmd->add_option("--scenario", bench.scenario,
                        "Also measure sweeps of this scenario (replications/s at 1 and 2 threads)");
  bench_cmd->add_option("--replications", bench.replications, "Replications per sweep measurement")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{10}, uint64_t{100'000'000}));

  ImportTopologyArgs import_args;
  CLI::App* import_cmd = app.add_subcommand(
      "import-topology",
      "Turn a Topology Builder document (.tbxml or Get-CsTopology -AsXml) into a scenario");
  import_cmd->add_option("document", import_args.document, "Topology document (.tbxml or .xml)")
      ->required();
  import_cmd->add_option("--out", import_args.out_path,
                         "Write the scenario to FILE (default: stdout)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitInvalidInput;
  }
  if (run_cmd->parsed()) return run_command(run);
  if (validate_cmd->parsed()) return validate_command(validate_path, validate_runbook);
  if (sweep_cmd->parsed()) {
    sweep.replications_given = sweep_cmd->count("--replications") > 0;
    return sweep_command(sweep);
  }
  if (compare_cmd->parsed()) {
    compare.replications_given = compare_cmd->count("--replications") > 0;
    return compare.runbooks.empty() ? compare_command(compare) : compare_runbooks_command(compare);
  }
  if (report_cmd->parsed()) return report_command(report);
  if (sens_cmd->parsed()) return sensitivity_command(sens);
  if (advise_cmd->parsed()) return advise_command(advise);
  if (bench_cmd->parsed()) return bench_command(bench);
  if (import_cmd->parsed()) return import_topology_command(import_args);
  return kExitInvalidInput;
}

}  // namespace

int main(int argc, char** argv) {
  drsim::cli::MpiWorld world(&argc, &argv);
  // Under mpirun a failing rank ends the whole job: never a silent partial result.
  auto fail = [&](int code, const std::string& text) {
    if (world.size() > 1) {
      std::fprintf(stderr, "drsim: rank %d of %d failed: %s\n", world.rank(), world.size(),
                   text.c_str());
      world.abort(code);
    }
    std::fprintf(stderr, "%s\n", text.c_str());
    return code;
  };
  try {
    return dispatch(argc, argv);
  } catch (const drsim::InputError& e) {
    return fail(drsim::cli::kExitInvalidInput, e.what());
  } catch (const drsim::OutputError& e) {
    return fail(drsim::cli::kExitInternal, std::string("drsim: ") + e.what());
  } catch (const std::exception& e) {
    return fail(drsim::cli::kExitInternal, std::string("drsim: internal error: ") + e.what());
  }
}
