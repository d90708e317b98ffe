// The sweep view's model; see sweep_workspace.h.
#include "viz/core/sweep_workspace.h"

#include "io/errors.h"
#include "sim/check.h"
#include "viz/core/sweep_view.h"

namespace drsim::viz {

SweepWorkspace::SweepWorkspace(std::unique_ptr<SweepSession> results)
    : results_(std::move(results)) {
  DRSIM_CHECK(results_ != nullptr, "SweepWorkspace: needs results");
}

SweepWorkspace::SweepWorkspace(std::unique_ptr<SweepJob> job) : job_(std::move(job)) {
  DRSIM_CHECK(job_ != nullptr, "SweepWorkspace: needs a sweep");
}

bool SweepWorkspace::poll() {
  if (results_ != nullptr) return true;
  results_ = job_->take();
  if (results_ == nullptr) return false;
  job_.reset();
  return true;
}

const SweepJob& SweepWorkspace::job() const {
  DRSIM_CHECK(job_ != nullptr, "SweepWorkspace::job: the sweep has ended (check is_busy())");
  return *job_;
}

const SweepSession& SweepWorkspace::results() const {
  DRSIM_CHECK(results_ != nullptr,
              "SweepWorkspace::results: the sweep still runs (check is_busy())");
  return *results_;
}

const std::string& SweepWorkspace::title() const {
  static const std::string kRunning = "sweep running";
  return results_ != nullptr ? results_->title() : kRunning;
}

bool SweepWorkspace::replay_worst(int measure, int rank) {
  if (results_ == nullptr || measure < 0 || measure >= kWorstMeasureCount) return false;
  const std::vector<WorstRow> rows = worst_rows(results_->digest(), measure);
  if (rank < 0 || rank >= static_cast<int>(rows.size())) {
    replay_error_ = "no worst replication number " + std::to_string(rank + 1) + " by " +
                    kWorstMeasureTitles[measure];
    return false;
  }
  const uint64_t replication = rows[static_cast<size_t>(rank)].replication;
  if (!results_->has_scenario()) {
    replay_error_ =
        "cannot replay replication " + std::to_string(replication) + ": no scenario (see above)";
    return false;
  }
  try {
    std::unique_ptr<Run> run = results_->replay(replication);
    replay_incident_ = worst_incident(run->report, run->timeline, measure);
    replay_.emplace(std::move(run));
  } catch (const InputError& e) {
    replay_error_ = std::string("replay failed: ") + e.what();
    return false;
  }
  replayed_ = replication;
  ++replay_version_;
  replay_error_.clear();
  return true;
}

}  // namespace drsim::viz
