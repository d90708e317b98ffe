// Opening files and re-running what-ifs; see session.h.
#include "viz/core/session.h"

#include "drsim/version.h"
#include "io/errors.h"
#include "io/scenario_file.h"
#include "sim/check.h"
#include "sim/simulate.h"

namespace drsim::viz {

std::unique_ptr<Run> make_run(std::string title, LogFile log, const scenario::Scenario* topology) {
  auto run = std::make_unique<Run>();
  run->title = std::move(title);
  run->log = std::move(log);
  run->timeline = build_timeline(run->log.records, run->log.header.horizon_us(), topology);
  run->report = summarize_log(run->log);
  return run;
}

std::unique_ptr<Run> run_scenario(const scenario::Scenario& sc, const std::string& title,
                                  const std::string& scenario_sha256) {
  return run_scenario(sc, title, scenario_sha256, sc.seed(), 0);
}

std::unique_ptr<Run> run_scenario(const scenario::Scenario& sc, const std::string& title,
                                  const std::string& scenario_sha256, uint64_t seed,
                                  uint64_t replication) {
  RunOptions options;
  options.seed = seed;
  options.replication = replication;
  RunResult result = simulate(sc, options);
  check_run_within_limits(sc, result.stop, sc.name());
  LogFile log;
  log.header.set_drsim_version(kVersion);
  log.header.set_git_commit(kGitCommit);
  log.header.set_seed(options.seed);
  log.header.set_replication(options.replication);
  log.header.set_scenario_name(sc.name());
  log.header.set_scenario_sha256(scenario_sha256);
  log.header.set_horizon_us(sc.horizon_s() * 1'000'000);
  log.records = std::move(result.log.mutable_records());
  return make_run(title, std::move(log), &sc);
}

Session Session::open(const std::string& path) {
  Session s;
  s.path_ = path;
  const bool is_log = path.size() >= 6 && path.compare(path.size() - 6, 6, ".drlog") == 0;
  if (is_log) {
    LogFile log = read_drlog(path);
    const std::string title =
        log.header.scenario_name() + " (saved log, seed " + std::to_string(log.header.seed()) + ")";
    s.current_ = make_run(title, std::move(log), nullptr);
    s.ghost_ = map_ghost(s.current_->timeline, nullptr);
    return s;
  }
  LoadedScenario loaded = load_scenario(path);
  s.sha256_ = loaded.sha256;
  s.scenario_ = std::move(loaded.scenario);
  s.draft_ = s.scenario_;
  s.current_ = run_scenario(*s.scenario_,
                            s.scenario_->name() + ", seed " + std::to_string(s.scenario_->seed()),
                            s.sha256_);
  s.ghost_ = map_ghost(s.current_->timeline, nullptr);
  return s;
}

Session::Session(std::unique_ptr<Run> run) : current_(std::move(run)) {
  DRSIM_CHECK(current_ != nullptr, "Session: needs a run");
  ghost_ = map_ghost(current_->timeline, nullptr);
}

EditOutcome Session::apply(const WhatIfEdit& edit) {
  DRSIM_CHECK(draft_.has_value(),
              "Session::apply: only a session opened on a scenario has a draft");
  EditOutcome out = apply_edit(&*draft_, edit);
  if (!out.error.empty()) return out;
  ++draft_version_;
  if (!out.notes.empty()) notes_ = out.notes;
  return out;
}

std::string Session::apply_setting(const std::string& setting) {
  DRSIM_CHECK(draft_.has_value(),
              "Session::apply_setting: only a session opened on a scenario has a draft");
  std::string error;
  const std::vector<WhatIfEdit> edits = parse_setting(*draft_, setting, &error);
  for (const WhatIfEdit& e : edits) {
    if (error.empty()) error = apply(e).error;
  }
  return error;
}

void Session::discard_draft() {
  if (!scenario_) return;
  draft_ = scenario_;
  ++draft_version_;
  run_draft_version_ = tried_version_ = draft_version_;
  check_ = {};
  notes_.clear();
}

const ValidationResult& Session::rerun() {
  DRSIM_CHECK(scenario_.has_value(), "Session::rerun: only a session opened on a scenario reruns");
  tried_version_ = draft_version_;
  check_ = check_scenario(*draft_);
  if (!check_.errors.empty()) return check_;
  std::unique_ptr<Run> next;
  try {
    // The what-if is no longer the file's scenario: its hash is left empty.
    next = run_scenario(*draft_, "what-if " + std::to_string(runs_), "");
  } catch (const InputError& e) {
    check_.errors.push_back(e.what());
    return check_;
  }
  ++runs_;
  previous_ = std::move(current_);
  current_ = std::move(next);
  scenario_ = draft_;
  run_draft_version_ = draft_version_;
  ghost_ = map_ghost(current_->timeline, &previous_->timeline);
  comparison_ = compare_runs(previous_->report, current_->report);
  return check_;
}

std::string whatif_state_text(const Session& s) {
  std::string out = "runs=" + std::to_string(s.runs()) +
                    " draft_version=" + std::to_string(s.draft_version()) +
                    " pending=" + (s.needs_rerun() ? "1" : "0") +
                    " changed=" + (s.is_draft_changed() ? "1" : "0") +
                    " errors=" + std::to_string(s.last_check().errors.size());
  if (s.has_scenario()) {
    out += " sync_interval_s=" + std::to_string(s.draft().backup_service().sync_interval_s());
  }
  for (const std::string& e : s.last_check().errors) out += " | error: " + e;
  static constexpr const char* kVerdicts[] = {"better", "same", "worse"};
  for (const MetricDiff& d : s.comparison()) {
    out += " | " + d.name + ": " + d.before_text() + " -> " + d.after_text() + " " +
           (d.delta_text().empty() ? "-" : d.delta_text()) + " " + kVerdicts[d.verdict() + 1];
  }
  return out;
}

}  // namespace drsim::viz
