// What the visualiser has open: the scenario (when it opened one), the current run and the
// previous one (kept for the ghosted comparison), and the what-if draft being edited.
//
// This is the visualiser's model side: it runs the simulator and reads logs, and knows
// nothing of ImGui. The UI reads it and calls rerun() when the administrator edits the draft.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/run_report.h"
#include "io/log_file.h"
#include "proto/scenario.pb.h"
#include "viz/core/timeline_model.h"
#include "viz/core/whatif.h"

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
  // A session over an already-indexed run (benchmarks, tests).
  explicit Session(std::unique_ptr<Run> run) : current_(std::move(run)) {}

  const std::string& path() const { return path_; }
  bool has_scenario() const { return scenario_.has_value(); }
  const scenario::Scenario& scenario() const { return *scenario_; }  // the last one run
  scenario::Scenario& draft() { return *draft_; }
  bool is_draft_changed() const;
  void reset_draft() { draft_ = scenario_; }

  const Run& current() const { return *current_; }
  const Run* previous() const { return previous_.get(); }
  int runs() const { return runs_; }

  // Validates the draft and, when it has no errors, runs it: the current run becomes the
  // previous one. Returns the validation result (errors mean nothing ran); a run stopped by
  // the event budget is reported as an error too.
  ValidationResult rerun();

 private:
  Session() = default;
  std::string path_;
  std::string sha256_;
  std::optional<scenario::Scenario> scenario_, draft_;
  std::unique_ptr<Run> current_, previous_;
  int runs_ = 1;
};

}  // namespace drsim::viz
