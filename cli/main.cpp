// drsim: the command-line entry point. Parses arguments with CLI11 and dispatches to the
// subcommands in cli/; every operating error is reported once here with its exit code.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "drsim/version.h"
#include "io/errors.h"

namespace {

int dispatch(int argc, char** argv) {
  using namespace drsim::cli;
  CLI::App app{"drsim: disaster-recovery simulator for Skype for Business Server deployments"};
  app.set_version_flag("--version", std::string("drsim ") + drsim::kVersion + " (commit " +
                                        drsim::kGitCommit + ")");
  app.require_subcommand(1);

  RunArgs run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run one scenario: print its timeline and summary, write its event log");
  run_cmd->add_option("scenario", run.scenario, "Scenario file (.pb.txt or .json)")->required();
  run_cmd->add_option("--seed", run.seed, "Root seed (default: the scenario's seed)");
  run_cmd->add_option("--replication", run.replication, "Replication index, to replay one replication of a sweep");
  run_cmd->add_option("--out", run.out_dir, "Directory for the event log and timeline")->capture_default_str();
  run_cmd->add_option("--json", run.json_path, "Write the run report as JSON to FILE");
  run_cmd->add_flag("--quiet,-q", run.quiet, "Print only the summary");
  run_cmd->add_flag("--all", run.all_records, "Print every record, also per routing group");

  std::string validate_path;
  CLI::App* validate_cmd = app.add_subcommand("validate", "Check a scenario file and report every error");
  validate_cmd->add_option("scenario", validate_path, "Scenario file")->required();

  BenchArgs bench;
  CLI::App* bench_cmd = app.add_subcommand("bench", "Measure the engine: events per second of the hold model");
  bench_cmd->add_option("--events", bench.events, "Events per measurement")->capture_default_str()
      ->check(CLI::Range(uint64_t{1000}, uint64_t{1'000'000'000}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitInvalidInput;
  }
  if (run_cmd->parsed()) return run_command(run);
  if (validate_cmd->parsed()) return validate_command(validate_path);
  if (bench_cmd->parsed()) return bench_command(bench);
  return kExitInvalidInput;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const drsim::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return drsim::cli::kExitInvalidInput;
  } catch (const drsim::OutputError& e) {
    std::fprintf(stderr, "drsim: %s\n", e.what());
    return drsim::cli::kExitInternal;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "drsim: internal error: %s\n", e.what());
    return drsim::cli::kExitInternal;
  }
}
