// What the sweep view has open: a sweep's results (read from `drsim sweep --json` or
// computed in the background here), the scenario it swept when it can be found, and the
// replay of one replication as a Run for the timeline.
//
// The visualiser's model side, without ImGui; viz/ui/sweep_ui.cpp shows it.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "analysis/rare_report.h"
#include "analysis/sweep_digest.h"
#include "proto/scenario.pb.h"
#include "viz/core/session.h"

namespace drsim::viz {

// True when `text` is a JSON object with the keys of a sweep's results (rto_s, rpo_s and
// worst_replications): how drsim-viz tells a sweep from a scenario written in JSON.
bool is_sweep_json(const std::string& text);

// Where to look for the swept scenario, in order: `explicit_path` (when not empty), then
// NAME.pb.txt and NAME.json beside the sweep's JSON and in ./scenarios, NAME being the
// scenario's name in the digest.
std::vector<std::string> scenario_candidates(const std::string& json_path,
                                             const std::string& scenario_name,
                                             const std::string& explicit_path);

class SweepSession {
 public:
  // Reads a sweep's JSON (InputError when it is not one) and looks for its scenario; a
  // scenario that cannot be found or loaded is not an error: scenario_note() says why. A
  // rare-event estimate's JSON (`drsim sweep --rare ... --json`) opens too: the session then
  // carries rare() and an empty digest, and has nothing to replay.
  static SweepSession open(const std::string& json_path, const std::string& explicit_scenario);
  // A sweep computed here of an already-loaded scenario.
  SweepSession(SweepDigest digest, scenario::Scenario swept, std::string scenario_path,
               std::string scenario_sha256);

  const SweepDigest& digest() const { return digest_; }
  bool has_rare() const { return rare_.has_value(); }
  const RareReport& rare() const { return *rare_; }  // needs has_rare()
  const std::string& title() const { return title_; }
  bool has_scenario() const { return scenario_.has_value(); }
  const std::string& scenario_path() const { return scenario_path_; }
  // Why there is no scenario, or a warning about the one found (changed since the sweep).
  const std::string& scenario_note() const { return scenario_note_; }

  // Runs replication K of the sweep (the digest's seed, the scenario with the sweep's
  // overrides), as `drsim run --seed S --replication K` does. Needs has_scenario().
  std::unique_ptr<Run> replay(uint64_t replication) const;

 private:
  SweepSession() = default;
  SweepDigest digest_;
  std::optional<RareReport> rare_;
  std::string title_;
  std::optional<scenario::Scenario> scenario_;  // with the sweep's overrides applied
  std::string scenario_path_, scenario_sha256_, scenario_note_;
};

// A sweep running on a background thread, so the window stays responsive; poll done().
class SweepJob {
 public:
  // Starts `replications` replications of a validated scenario with its own seed.
  SweepJob(scenario::Scenario s, std::string scenario_path, std::string scenario_sha256,
           uint64_t replications, int threads);
  SweepJob(const SweepJob&) = delete;
  SweepJob& operator=(const SweepJob&) = delete;
  ~SweepJob();  // stops the sweep after its running replications and joins

  uint64_t done() const { return done_.load(); }
  uint64_t target() const { return target_; }
  bool is_finished() const { return finished_.load(); }
  // The results once finished (moves them out: call once). Null while running, and when
  // the sweep failed.
  std::unique_ptr<SweepSession> take();
  // Once finished: why the sweep failed (a replication cut short by the scenario's limits,
  // as `drsim sweep` reports it), or empty.
  std::string error() const { return finished_.load() ? error_ : std::string(); }

 private:
  scenario::Scenario scenario_;
  std::string path_, sha256_;
  uint64_t target_;
  std::atomic<uint64_t> done_{0};
  std::atomic<bool> finished_{false}, stop_{false};
  std::unique_ptr<SweepSession> result_;
  std::string error_;
  std::thread thread_;
};

}  // namespace drsim::viz
