// What the visualiser has open: the scenario (when it opened one), the current run and the
// previous one (kept for the ghosted comparison), and the what-if draft being edited.
//
// This is the visualiser's model side: it runs the simulator and reads logs, and knows
// nothing of ImGui. main() owns the Session; the UI holds a reference, reads it, sends edit
// commands (apply) and calls rerun() once an edit is complete. Version counters tell the UI
// what changed without comparing scenarios.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/run_report.h"
#include "log/log_file.h"
#include "proto/scenario.pb.h"
#include "viz/core/timeline_model.h"
#include "viz/core/timeline_prepare.h"
#include "viz/core/whatif.h"
#include "viz/core/whatif_edit.h"

namespace drsim::viz {

struct Run {
  std::string title;  // "default, seed 20261124" or "what-if 2"
  LogFile log;
  TimelineModel timeline;
  RunReport report;
};

// Indexes a log into a Run. `topology` may be null (a .drlog opened on its own).
std::unique_ptr<Run> make_run(std::string title, LogFile log, const scenario::Scenario* topology);

// Runs a validated scenario with its own seed; InputError when the event budget runs out.
std::unique_ptr<Run> run_scenario(const scenario::Scenario& sc, const std::string& title,
                                  const std::string& scenario_sha256);
// The same with a given seed and replication, as `drsim run --seed S --replication K` runs
// one replication of a sweep.
std::unique_ptr<Run> run_scenario(const scenario::Scenario& sc, const std::string& title,
                                  const std::string& scenario_sha256, uint64_t seed,
                                  uint64_t replication);

class Session {
 public:
  // Opens a scenario (.pb.txt, .json: loaded, validated and run) or a saved .drlog.
  // Throws InputError for bad input.
  static Session open(const std::string& path);
  // A session over an already-indexed run (a replayed replication, benchmarks, tests): no
  // scenario, so no what-ifs.
  explicit Session(std::unique_ptr<Run> run);

  const std::string& path() const { return path_; }
  // The opened scenario file's SHA-256 (reports stamp it); "" for a saved log.
  const std::string& sha256() const { return sha256_; }
  bool has_scenario() const { return scenario_.has_value(); }
  const scenario::Scenario& scenario() const { return *scenario_; }  // the last one run
  // The what-if draft: the last scenario run plus the edits made since. Read-only: edits go
  // through apply().
  const scenario::Scenario& draft() const { return *draft_; }

  // Edits the draft (needs has_scenario()). Notes and errors are kept for the panel.
  EditOutcome apply(const WhatIfEdit& edit);
  // Parses and applies one `--what-if KEY=VALUE` setting; "" or what was wrong.
  std::string apply_setting(const std::string& setting);
  // Drops the edits since the last run.
  void discard_draft();
  // Counts edits: the UI asks these instead of comparing scenarios every frame.
  uint64_t draft_version() const { return draft_version_; }
  // The draft has edits the current run does not have.
  bool is_draft_changed() const { return draft_version_ != run_draft_version_; }
  // The draft has edits not yet validated or run: a re-run is due once editing pauses.
  bool needs_rerun() const { return draft_version_ != tried_version_; }

  // Validates the draft and, when it has no errors, runs it: the current run becomes the
  // previous one. Returns the validation result (errors mean nothing ran); a run stopped by
  // the event budget is reported as an error too.
  const ValidationResult& rerun();
  // What the last rerun's validation said, and what the last edit with side effects changed.
  const ValidationResult& last_check() const { return check_; }
  const std::vector<std::string>& notes() const { return notes_; }

  const Run& current() const { return *current_; }
  const Run* previous() const { return previous_.get(); }
  // The previous run's lanes matched to the current run's, for the ghosted comparison.
  const Ghost& ghost() const { return ghost_; }
  // The previous run against the current one (empty without a previous run).
  const std::vector<MetricDiff>& comparison() const { return comparison_; }
  int runs() const { return runs_; }
  // Counts runs: the UI refreshes what it derives from the model when this changes.
  uint64_t run_version() const { return static_cast<uint64_t>(runs_); }

 private:
  Session() = default;
  std::string path_;
  std::string sha256_;
  std::optional<scenario::Scenario> scenario_, draft_;
  std::unique_ptr<Run> current_, previous_;
  Ghost ghost_;
  std::vector<MetricDiff> comparison_;
  ValidationResult check_;
  std::vector<std::string> notes_;
  uint64_t draft_version_ = 0, run_draft_version_ = 0, tried_version_ = 0;
  int runs_ = 1;
};

// The what-if state in one line for scripted tests (`--script "... whatif"`): runs, draft
// version, pending re-run, the validator's errors, then one "| metric: before -> after
// change verdict" part per comparison row.
std::string whatif_state_text(const Session& s);

}  // namespace drsim::viz
