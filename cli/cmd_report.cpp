// `drsim report LOG --out DIR [--scenario FILE] [--runbook FILE]` (or a sweep's JSON in place
// of the log), and the report writer `drsim run --report` shares (and `sweep --report`,
// `compare --report`): the files come from analysis/; this layer only reads inputs, rebuilds
// the scenario as the run saw it and writes each file atomically.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "analysis/report.h"
#include "analysis/sweep_digest.h"
#include "analysis/sweep_page.h"
#include "cli/commands.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/scenario_file.h"
#include "log/log_file.h"
#include "sim/check.h"

namespace drsim::cli {

namespace {

// The manifest a report directory keeps of the files one kind of report wrote there, one name
// a line, so that a later report of that kind into the same directory removes what it no
// longer writes (an incident-7.svg of an earlier run) and never touches a file drsim did not
// write, nor another kind's (a run report and a sweep report may share a directory).
constexpr size_t kMaxManifestBytes = 1u << 20;

std::string manifest_name(const std::string& kind) { return ".drsim-" + kind + "-report-files"; }

std::set<std::string> read_manifest(const std::string& dir, const std::string& manifest) {
  std::set<std::string> names;
  const std::string path = dir + "/" + manifest;
  if (!std::filesystem::exists(path)) return names;
  const std::string text = read_file(path, kMaxManifestBytes);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string name = text.substr(start, end - start);
    // Only plain names of this directory: a manifest edited by hand cannot reach elsewhere.
    if (!name.empty() && name.find('/') == std::string::npos && name != "." && name != ".." &&
        name.rfind(".drsim-", 0) != 0)
      names.insert(name);
    start = end + 1;
  }
  return names;
}

// A sweep's JSON rather than an event log: no log magic, and a JSON object's opening brace
// first. Anything else goes to the log reader, whose error names what is wrong.
bool looks_like_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[64] = {};
  in.read(head, sizeof head);
  const auto n = static_cast<size_t>(in.gcount());
  if (n >= sizeof kLogMagic && std::equal(kLogMagic, kLogMagic + sizeof kLogMagic, head))
    return false;
  for (size_t i = 0; i < n; ++i) {
    const char c = head[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

int sweep_json_report(const ReportArgs& args) {
  const std::string text = read_file(args.log_path, kMaxSweepJsonBytes);
  // A rare-event estimate (sweep --rare --json) is not a sweep: say so rather than name the
  // first sweep key it lacks. Its first key, as rare_json writes it, is "rare_event".
  if (text.find("\"rare_event\"") < 64)
    throw InputError(
        args.log_path,
        "a rare-event estimate (drsim sweep --rare --json), not a sweep's JSON; its page "
        "is written by drsim sweep SCENARIO --rare pool-unavailable --report DIR");
  SweepDigest digest = read_sweep_json(text, args.log_path);
  SweepReportOptions options;
  options.required_met_share = args.required_met_share;
  // The report's reading of the targets: its --required-share, and its --availability-target
  // when given (else the sweep's).
  digest.required_met_share = args.required_met_share;
  if (args.availability_target) digest.availability_target = args.availability_target;
  if (!args.scenario.empty()) {
    // The replay commands name the scenario; it must be the one the sweep ran.
    const LoadedScenario loaded = load_scenario(args.scenario);
    if (!digest.scenario_sha256.empty() && loaded.sha256 != digest.scenario_sha256) {
      throw InputError(args.scenario, "scenario: this file (SHA-256 " + loaded.sha256 +
                                          ") is not the one " + args.log_path +
                                          " was swept from (SHA-256 " + digest.scenario_sha256 +
                                          "); pass that file, or leave out --scenario");
    }
    options.scenario_path = args.scenario;
  }
  if (!args.runbook.empty()) throw InputError("--runbook", "a sweep's report takes no runbook");
  prepare_output_directory(args.out_dir);
  for (const std::string& path :
       write_report_files(args.out_dir, "sweep", sweep_report_files(digest, options)))
    std::printf("wrote %s\n", path.c_str());
  return kExitOk;
}

}  // namespace

std::vector<std::string> write_report_files(const std::string& dir, const std::string& kind,
                                            const std::vector<ReportFile>& files,
                                            OutputSet* outputs) {
  std::set<std::string> names;
  std::string manifest;
  for (const ReportFile& f : files) {
    DRSIM_CHECK(f.name.find('/') == std::string::npos && f.name.rfind(".drsim-", 0) != 0,
                "a report file outside its directory or named like a manifest");
    names.insert(f.name);
    manifest += f.name + "\n";
  }
  const std::string manifest_path = dir + "/" + manifest_name(kind);
  const std::set<std::string> before = read_manifest(dir, manifest_name(kind));
  // All or nothing: a report whose last file fails keeps the previous report whole.
  OutputSet own;
  OutputSet& set = outputs != nullptr ? *outputs : own;
  for (const ReportFile& f : files) set.add(dir + "/" + f.name, f.content);
  set.after_commit([dir, manifest, manifest_path, names, before] {
    // The new manifest first: if removing an old file fails, the next report still knows it.
    std::string kept = manifest;
    for (const std::string& old : before)
      if (names.count(old) == 0) kept += old + "\n";
    write_file_atomically(manifest_path, kept);
    for (const std::string& old : before) {
      if (names.count(old) > 0) continue;
      std::error_code ec;
      std::filesystem::remove(dir + "/" + old, ec);
      if (ec)
        throw OutputError(dir + "/" + old +
                          ": cannot remove this file of an earlier report: " + ec.message());
    }
    if (kept != manifest) write_file_atomically(manifest_path, manifest);
  });
  return outputs != nullptr ? std::vector<std::string>{} : own.commit();
}

std::vector<std::string> write_report(const std::string& dir, const LogFile& log,
                                      const scenario::Scenario* scenario, OutputSet* outputs) {
  make_directories(dir);
  return write_report_files(dir, "run", report_files(log, scenario), outputs);
}

int report_command(const ReportArgs& args) {
  if (looks_like_json(args.log_path)) return sweep_json_report(args);
  const LogFile log = read_drlog(args.log_path);
  const log::Header& h = log.header;
  std::optional<RunInputs> inputs;
  if (!args.scenario.empty()) {
    const LoadedScenario loaded = load_scenario(args.scenario);
    for (const Diagnostic& d : loaded.warnings) std::fprintf(stderr, "%s\n", d.format().c_str());
    // Another scenario would draw a topology and judge targets the run never had.
    if (!h.scenario_sha256().empty() && loaded.sha256 != h.scenario_sha256()) {
      throw InputError(args.scenario, "scenario: this file (SHA-256 " + loaded.sha256 +
                                          ") is not the one " + args.log_path +
                                          " was produced from (SHA-256 " + h.scenario_sha256() +
                                          "); pass that file, or leave out --scenario");
    }
    // The run's --set overrides and runbook changed the scenario it ran: the same changes
    // give the same report as `drsim run --report`.
    if (h.has_runbook_file() && args.runbook.empty()) {
      throw InputError(args.log_path, "runbook: this log is a rehearsal of " + h.runbook_file() +
                                          " (SHA-256 " + h.runbook_sha256() +
                                          "); pass it with --runbook, or leave out --scenario");
    }
    if (!h.has_runbook_file() && !args.runbook.empty())
      throw InputError("--runbook",
                       args.log_path + " is not a runbook rehearsal; leave out --runbook");
    if (h.has_runbook_file()) {
      const std::string sha = sha256_hex(read_file(args.runbook, kMaxRunbookBytes));
      if (sha != h.runbook_sha256()) {
        throw InputError(args.runbook, "runbook: this script (SHA-256 " + sha +
                                           ") is not the one " + args.log_path + " rehearsed (" +
                                           h.runbook_file() + ", SHA-256 " + h.runbook_sha256() +
                                           ")");
      }
    }
    const std::vector<std::string> sets(h.overrides().begin(), h.overrides().end());
    RehearsalOptions rehearsal;
    rehearsal.seed = h.seed();
    rehearsal.replication = h.replication();
    if (!args.answers.empty()) rehearsal.answers = load_answers(args.answers);
    inputs = apply_run_inputs(loaded, sets, args.runbook, h.runbook_file(), rehearsal);
  } else if (!args.runbook.empty()) {
    throw InputError("--runbook",
                     "needs --scenario: the runbook replaces the scenario's runbook steps");
  }
  prepare_output_directory(args.out_dir);  // before the report is computed
  OutputSet outputs;
  write_report(args.out_dir, log, inputs ? &inputs->scenario : nullptr, &outputs);
  if (inputs && h.has_runbook_file())
    add_rehearsal_files(args.out_dir, inputs->plan, log.records, &outputs);
  for (const std::string& path : outputs.commit()) std::printf("wrote %s\n", path.c_str());
  return kExitOk;
}

}  // namespace drsim::cli
