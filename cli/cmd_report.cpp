// `drsim report LOG --out DIR [--scenario FILE]`, and the report writer `drsim run --report`
// shares (and `sweep --report`, `compare --report`): the files come from analysis/; this
// layer only reads inputs and writes each file atomically.
#include <cstdio>
#include <optional>

#include "analysis/report.h"
#include "cli/commands.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/log_file.h"
#include "io/scenario_file.h"

namespace drsim::cli {

std::vector<std::string> write_report_files(const std::string& dir, const std::vector<ReportFile>& files,
                                            OutputSet* outputs) {
  // All or nothing: a report whose last file fails keeps the previous report whole.
  OutputSet own;
  OutputSet& set = outputs != nullptr ? *outputs : own;
  for (const ReportFile& f : files) set.add(dir + "/" + f.name, f.content);
  return outputs != nullptr ? std::vector<std::string>{} : own.commit();
}

std::vector<std::string> write_report(const std::string& dir, const LogFile& log,
                                      const scenario::Scenario* scenario, OutputSet* outputs) {
  make_directories(dir);
  return write_report_files(dir, report_files(log, scenario), outputs);
}

int report_command(const ReportArgs& args) {
  const LogFile log = read_drlog(args.log_path);
  std::optional<LoadedScenario> loaded;
  if (!args.scenario.empty()) {
    loaded = load_scenario(args.scenario);
    for (const Diagnostic& d : loaded->warnings) std::fprintf(stderr, "%s\n", d.format().c_str());
    // Another scenario would draw a topology and judge targets the run never had.
    const std::string& logged = log.header.scenario_sha256();
    if (!logged.empty() && loaded->sha256 != logged) {
      throw InputError(args.scenario, "scenario: this file (SHA-256 " + loaded->sha256 +
                                          ") is not the one " + args.log_path + " was produced from (SHA-256 " +
                                          logged + "); pass that file, or leave out --scenario");
    }
  }
  prepare_output_directory(args.out_dir);  // before the report is computed
  for (const std::string& path : write_report(args.out_dir, log, loaded ? &loaded->scenario : nullptr))
    std::printf("wrote %s\n", path.c_str());
  return kExitOk;
}

}  // namespace drsim::cli
