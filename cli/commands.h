// The drsim subcommands. Each returns the process exit code: 0 ok, 2 invalid input,
// 1 internal or output error (docs/cli.md).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/runbook_ps1.h"
#include "proto/scenario.pb.h"

namespace drsim {
struct LogFile;
struct LoadedScenario;
struct ReportFile;
struct RareReport;
struct SweepDigest;
class OutputSet;
}  // namespace drsim

namespace drsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitInvalidInput = 2;

struct RunArgs {
  std::string scenario;
  std::optional<uint64_t> seed;
  uint64_t replication = 0;
  std::string out_dir = "drsim-out";
  std::string json_path;          // --json FILE: the run report (docs/report-schema.md)
  bool quiet = false;             // no timeline on stdout
  bool all_records = false;       // also print per-routing-group records on stdout
  std::vector<std::string> sets;  // --set path=value
  std::string report_dir;         // --report DIR: the report files (docs/reports.md)
  std::string runbook;            // --runbook FILE.ps1: rehearse this runbook (docs/runbook.md)
  std::string answers;            // --answers FILE: the runbook's Read-Host answers, one a line
};
int run_command(const RunArgs& args);

// The scenario as a run sees it: the file's, with the --set overrides applied in order and,
// with a runbook script, its steps in place of the scenario's; validated when anything
// changed. `drsim run` uses it, and `drsim report --scenario` to rebuild the same scenario
// from what the log's header recorded. The script is read from `runbook` and named
// `runbook_named_as` (the path `drsim run` was given, which the steps' notes cite), or
// `runbook` when that is empty.
struct RunInputs {
  scenario::Scenario scenario;
  RunbookPlan plan;            // empty without a runbook
  std::string runbook_file;    // the script's path as drsim run was given it
  std::string runbook_sha256;  // of the script's bytes
};
// `rehearsal` holds the run's seed and replication (the script is rehearsed against the
// model as it is read, and must see the run it will be) and the Read-Host answers.
RunInputs apply_run_inputs(const LoadedScenario& loaded, const std::vector<std::string>& sets,
                           const std::string& runbook, const std::string& runbook_named_as,
                           const RehearsalOptions& rehearsal = {});

struct ReportArgs {
  std::string log_path;  // a .drlog, or a sweep's JSON (drsim sweep --json)
  std::string out_dir;
  std::string scenario;  // optional: the scenario the log came from (topology, policy)
  std::string runbook;   // the runbook script, when the log is of a rehearsal (drsim run --runbook)
  std::string answers;   // its Read-Host answers, as drsim run --answers had them
  double required_met_share = 0.99;           // sweep JSON only: as sweep --required-share
  std::optional<double> availability_target;  // sweep JSON only: replaces the sweep's
};
int report_command(const ReportArgs& args);

// Writes every report file (analysis/report.h) into dir, creating it, all replaced together;
// returns the paths written. `scenario` may be null. With `outputs`, the files are added to
// that set instead (the caller commits it with its other outputs) and nothing is returned.
std::vector<std::string> write_report(const std::string& dir, const LogFile& log,
                                      const scenario::Scenario* scenario,
                                      OutputSet* outputs = nullptr);
// Writes `files` into dir (which must exist), all replaced together, and removes the files an
// earlier report of the same `kind` ("run", "sweep", "grid", "compare", "rare") wrote there and
// this one does not (a manifest in the directory lists them; no other file is touched). With
// `outputs`, the files go into that set (removal follows its commit) and nothing is returned;
// else returns the paths written.
std::vector<std::string> write_report_files(const std::string& dir, const std::string& kind,
                                            const std::vector<ReportFile>& files,
                                            OutputSet* outputs = nullptr);

// A rehearsal's files beside its report (docs/runbook.md, "Results"): the per-step outcome
// table (runbook-steps.csv, runbook-steps.md) and the transcript, named as the script's
// Start-Transcript named it, else transcript.txt.
void add_rehearsal_files(const std::string& dir, const RunbookPlan& plan,
                         const std::vector<log::Record>& records, OutputSet* outputs);

// Checks a scenario; with `runbook`, also lints the runbook against it: every syntax error,
// unsupported construct and statement error at file:line:col, exit 2 if there is any.
int validate_command(const std::string& scenario, const std::string& runbook);

struct SweepArgs {
  std::string scenario;
  uint64_t replications = 1000;
  uint64_t first_replication = 0;
  int threads = 0;  // all cores
  std::optional<uint64_t> seed;
  std::string json_path;
  std::vector<std::string> sets;  // --set path=value
  std::vector<std::string> grid;  // --grid path=v1,v2
  std::string csv_path;
  std::string replications_csv;  // --replications-csv FILE: one row per replication
  double ci_halfwidth = 0;
  std::string metric = "user_availability";
  std::string report_dir;  // --report DIR: sweep.html, sweep.md, charts, CSV (docs/reports.md)
  double required_met_share = 0.99;  // --required-share: a policy target passes above it
  // --availability-target: a pool's availability passes when surely at least this.
  std::optional<double> availability_target;
  // --advise: then advise on the same scenario and options (AdviseArgs), its outputs beside
  // the sweep's: the text after the sweep's, advice.* in --report DIR, --advise-json FILE.
  bool advise = false;
  std::string advise_json_path;
  std::vector<std::string> costs;    // --cost id=amount, as advise's
  std::vector<std::string> columns;  // --columns: the grid's figures (default: all)
  bool quiet = false;  // -q: no text report, progress or grid lines; files still written
  // --rare EVENT: a rare-event estimate instead of plain replications (docs/rare-events.md);
  // -n is then the most replications of rare_cycles cycles each, --ci-halfwidth a relative one.
  std::string rare;
  std::string rare_method = "auto";  // auto | importance | splitting
  double rare_bias = 0.5;
  uint64_t rare_cycles = 1000;  // importance sampling: cycles per replication
  // Splitting: trajectories per stage. 1,000 needed the least work to 10 % on
  // rare-pool7-weibull of 500, 1,000 and 2,000 (docs/rare-events.md, "Measured").
  uint64_t rare_effort = 1000;
  bool replications_given = false;  // -n given (with --rare and --ci-halfwidth: else no cap)
};
// With --rare and --ci-halfwidth but no -n, the most replications to run before giving up on
// the requested precision: far more than any bundled scenario needs, so the half-width, not
// -n's sweep default, decides when to stop (a count, not a time budget, so that the figures
// stay the same on any machine).
inline constexpr uint64_t kRareReplicationsToPrecision = 1'000'000;
// The replications a --rare estimate may run: -n, or with --ci-halfwidth and no -n the cap.
inline uint64_t rare_replications(const SweepArgs& a) {
  return a.ci_halfwidth > 0 && !a.replications_given ? kRareReplicationsToPrecision
                                                     : a.replications;
}
int sweep_command(const SweepArgs& args);
// The --rare part of sweep: the estimate for each pool the method covers (cli/cmd_rare.cpp).
// Prints the estimate and fills `out` (the record --json and --report write).
int rare_sweep_command(const SweepArgs& args, const scenario::Scenario& s, uint64_t seed,
                       int threads, std::atomic<bool>* stop, RareReport* out);
// --rare backend-unavailable and pair-unavailable (cli/cmd_rare_systems.cpp): importance
// sampling over the Back End's servers or the two pools' Front Ends, or multilevel splitting
// where the laws are not exponential (or --rare-method splitting asks for it).
int rare_system_command(const SweepArgs& args, const scenario::Scenario& s, uint64_t seed,
                        int threads, std::atomic<bool>* stop, RareReport* out);
// The splitting half of rare_system_command (cli/cmd_rare_split_systems.cpp); `why` says why
// splitting was chosen.
int rare_system_splitting(const SweepArgs& args, const scenario::Scenario& s, uint64_t seed,
                          int threads, std::atomic<bool>* stop, const std::string& why,
                          RareReport* out);
// Why importance sampling does not apply to a pool's Front Ends (non-exponential laws,
// maintenance windows), or empty when it does: how --rare-method auto chooses for
// pool-unavailable and pair-unavailable.
std::string rare_pool_why_not_importance(const scenario::Scenario& s);
// --rare rto-target-missed and rpo-target-missed (cli/cmd_rare_target.cpp): each pool's
// quorum-loss rate by importance sampling times P(target missed | the loss) from the whole
// engine run from a scripted loss.
int rare_target_command(const SweepArgs& args, const scenario::Scenario& s, uint64_t seed,
                        int threads, std::atomic<bool>* stop, RareReport* out);
// With --ci-halfwidth and no -n, the most triggered engine runs per pool for
// rto-target-missed and rpo-target-missed: each is a year of the whole deployment, and a
// P(miss | trigger) of 0 never reaches a relative half-width (a count, for the same figures
// on any machine).
inline constexpr uint64_t kRareTriggeredRunsToPrecision = 20'000;

struct CompareArgs {
  std::string base, whatif;
  uint64_t replications = 1000;
  int threads = 0;
  std::optional<uint64_t> seed;
  std::string json_path;
  std::vector<std::string> sets;         // both scenarios
  std::vector<std::string> whatif_sets;  // the what-if only
  std::string report_dir;                // --report DIR: compare.html, compare.md
  std::vector<std::string> runbooks;     // --runbook A.ps1 --runbook B.ps1: compare two runbooks
  std::vector<std::string> answers;      // --answers FILE per runbook, in the same order
  bool replications_given = false;       // -n given: with runbooks, rehearse across replications
};
int compare_command(const CompareArgs& args);
// compare with two --runbook: the two rehearsed against the same disaster
// (analysis/runbook_compare.h).
int compare_runbooks_command(const CompareArgs& args);

// `drsim sensitivity`: each registered parameter swept at its low and high value with common
// random numbers, ranked by effect on each headline metric (analysis/sensitivity.h).
struct SensitivityArgs {
  std::string scenario;
  uint64_t replications = 200;
  int threads = 0;
  std::optional<uint64_t> seed;
  std::vector<std::string> sets;    // --set path=value: the base scenario
  std::vector<std::string> ranges;  // --range path=low,high: replaces a registered range
  std::string json_path, csv_path;
  std::string report_dir;  // sensitivity.html, .md, .csv and the tornado charts
  size_t top = 5;          // parameters per metric in the text
  size_t morris = 0;       // --morris R: also a Morris screening of R trajectories
  bool list = false;       // print what would be varied and stop
  bool quiet = false;
};
int sensitivity_command(const SensitivityArgs& args);

// `drsim advise`: candidate changes swept against the same failures and ranked by what they
// do for the policy targets the scenario fails (analysis/advise.h).
struct AdviseArgs {
  std::string scenario;
  uint64_t replications = 200;
  int threads = 0;
  std::optional<uint64_t> seed;
  std::vector<std::string> sets;   // --set path=value: the base scenario
  std::vector<std::string> costs;  // --cost id=amount
  double required_met_share = 0.99;
  std::string json_path;
  std::string report_dir;  // advice.html, .md, .csv and the changed scenarios
  bool list = false;       // print the candidates and stop
  bool quiet = false;
};
int advise_command(const AdviseArgs& args);
// The body of advise once its outputs are checked, shared with `sweep --advise`: sweeps the
// base (or takes `known_base`, a digest_sweep of the same scenario, seed and replications
// made as advise makes it) and every candidate, prints the ranking (unless quiet) and adds
// its JSON and report files (kind "advice") to `outputs`, counting the latter in
// `report_files`. Rank 0 alone adds outputs; every rank must call it. Returns the exit code.
// With `top`, also the top recommendations as (plain-language line, reproducing command).
int advise_into(const AdviseArgs& args, const LoadedScenario& loaded, std::atomic<bool>* stop,
                const SweepDigest* known_base, OutputSet* outputs, size_t* report_files,
                std::vector<std::pair<std::string, std::string>>* top = nullptr);

struct BenchArgs {
  uint64_t events = 5'000'000;
  std::string scenario;  // also measure Monte Carlo sweeps of this scenario
  uint64_t replications = 4000;
};
int bench_command(const BenchArgs& args);

struct ImportTopologyArgs {
  std::string document;  // .tbxml or Get-CsTopology -AsXml output
  std::string out_path;  // the scenario; stdout when empty
};
int import_topology_command(const ImportTopologyArgs& args);

}  // namespace drsim::cli
