// The drsim subcommands. Each returns the process exit code: 0 ok, 2 invalid input,
// 1 internal or output error (docs/cli.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drsim {
struct LogFile;
struct ReportFile;
namespace scenario {
class Scenario;
}
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
  std::string json_path;  // --json FILE: the run report (docs/report-schema.md)
  bool quiet = false;     // no timeline on stdout
  bool all_records = false;  // also print per-routing-group records on stdout
  std::vector<std::string> sets;  // --set path=value
  std::string report_dir;    // --report DIR: the report files (docs/reports.md)
  std::string runbook;       // --runbook FILE.ps1: rehearse this runbook (docs/runbook.md)
};
int run_command(const RunArgs& args);

struct ReportArgs {
  std::string log_path;
  std::string out_dir;
  std::string scenario;  // optional: the scenario the log came from (topology, policy)
};
int report_command(const ReportArgs& args);

// Writes every report file (analysis/report.h) into dir, creating it, each file atomically;
// returns the paths written. `scenario` may be null.
std::vector<std::string> write_report(const std::string& dir, const LogFile& log,
                                      const scenario::Scenario* scenario);
// Writes `files` into dir (which must exist), each atomically; returns the paths written.
std::vector<std::string> write_report_files(const std::string& dir, const std::vector<ReportFile>& files);

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
  double ci_halfwidth = 0;
  std::string metric = "user_availability";
  std::string report_dir;          // --report DIR: sweep.html, sweep.md, charts, CSV (docs/reports.md)
  double required_met_share = 0.99;  // --required-share: a policy target passes above it
};
int sweep_command(const SweepArgs& args);

struct CompareArgs {
  std::string base, whatif;
  uint64_t replications = 1000;
  int threads = 0;
  std::optional<uint64_t> seed;
  std::string json_path;
  std::vector<std::string> sets;         // both scenarios
  std::vector<std::string> whatif_sets;  // the what-if only
  std::string report_dir;                // --report DIR: compare.html, compare.md
};
int compare_command(const CompareArgs& args);

struct BenchArgs {
  uint64_t events = 5'000'000;
  std::string scenario;          // also measure Monte Carlo sweeps of this scenario
  uint64_t replications = 4000;
};
int bench_command(const BenchArgs& args);

struct ImportTopologyArgs {
  std::string document;  // .tbxml or Get-CsTopology -AsXml output
  std::string out_path;  // the scenario; stdout when empty
};
int import_topology_command(const ImportTopologyArgs& args);

}  // namespace drsim::cli
