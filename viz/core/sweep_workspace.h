// What the sweep view has open, as one object main() owns: the sweep's results (or the
// background sweep computing them) and the replay of one replication for the timeline.
//
// The sweep view's UI (viz/ui/sweep_app.h) holds a reference and only view state (which
// histogram and list are shown, whether the replay is in front); replaying is a command here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "viz/core/session.h"
#include "viz/core/sweep_session.h"

namespace drsim::viz {

class SweepWorkspace {
 public:
  explicit SweepWorkspace(std::unique_ptr<SweepSession> results);
  explicit SweepWorkspace(std::unique_ptr<SweepJob> job);

  // Takes a finished background sweep's results; call once a frame. False while it runs.
  bool poll();
  bool is_busy() const { return results_ == nullptr; }
  const SweepJob& job() const;  // while busy
  // Why the background sweep failed (bad input found while sweeping), or empty.
  std::string job_error() const { return job_ != nullptr ? job_->error() : std::string(); }
  const SweepSession& results() const;  // once not busy
  const std::string& title() const;

  // Replays the rank-th worst replication by kWorstMeasures[measure] (0 the worst). False,
  // with replay_error() saying why, when there is no such row, no scenario, or the run
  // fails; the previous replay, if any, stays.
  bool replay_worst(int measure, int rank);
  const std::string& replay_error() const { return replay_error_; }
  Session* replay() { return replay_ ? &*replay_ : nullptr; }
  bool has_replay() const { return replay_.has_value(); }
  uint64_t replayed() const { return replayed_; }
  // The incident that put the replayed replication in its list: index into its timeline's
  // incidents, or -1.
  int replay_incident() const { return replay_incident_; }
  // Counts replays: the UI makes a fresh timeline view when it changes.
  uint64_t replay_version() const { return replay_version_; }

 private:
  std::unique_ptr<SweepSession> results_;
  std::unique_ptr<SweepJob> job_;
  std::optional<Session> replay_;
  uint64_t replayed_ = 0, replay_version_ = 0;
  int replay_incident_ = -1;
  std::string replay_error_;
};

}  // namespace drsim::viz
