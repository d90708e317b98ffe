// The sweep results view: RPO and RTO histograms with the policy targets, availability, and
// the worst replications; selecting one replays it in the timeline (an App over its Run).
//
// Holds view state only (which stage, category and worst list are shown, whether the replay
// is in front, and the replay's timeline view); the results, the background sweep and the
// replayed run are the SweepWorkspace, which main() owns. Shapes come from
// viz/core/sweep_view.h.
#pragma once

#include <memory>
#include <string>

#include "imgui.h"
#include "viz/core/sweep_workspace.h"
#include "viz/ui/app.h"

namespace drsim::viz::ui {

class SweepApp {
 public:
  SweepApp(SweepWorkspace& workspace, ImFont* small_font);

  void frame(float width, float height);
  // True while a background sweep runs (a screenshot waits for it).
  bool is_busy() const { return workspace_.is_busy() && failure().empty(); }
  // Why the background sweep failed (shown in the window), or empty.
  std::string failure() const { return workspace_.job_error(); }
  // Replays the rank-th worst replication by kWorstMeasures[measure]; false (with a message
  // in the view) when there is no such row or no scenario.
  bool select_worst(int measure, int rank);
  // The replay's timeline, when one is shown (for scripted input).
  App* replay() { return show_replay_ ? replay_view_.get() : nullptr; }
  // Where the last frame drew its areas (the replay's when it is in front), for --layout.
  const ScreenRegions& regions() const {
    return show_replay_ && replay_view_ ? replay_view_->regions() : regions_;
  }

 private:
  void progress_window(float width, float height);
  void results_window();
  void rare_window();  // a rare-event estimate's JSON: its rows beside plain MC and the chain
  void summary();
  void histogram(const char* id, const DistributionDigest& d,
                 const std::vector<TargetMark>& targets, float h);
  void worst_table();
  void policy_table();
  // A fresh timeline view when the workspace has a new replay.
  void sync_replay_view();

  SweepWorkspace& workspace_;
  std::unique_ptr<App> replay_view_;  // view state of the replay's timeline
  uint64_t seen_replay_version_ = 0;
  bool show_replay_ = false;
  int measure_ = 0;       // kWorstMeasures index of the worst list shown
  int rto_stage_ = -1;    // index into digest().rto_s; -1 until first shown: "total"
  int rpo_category_ = 0;  // index into digest().rpo_s
  ScreenRegions regions_;
  DrawList scratch_;
  ImFont* small_font_;
};

}  // namespace drsim::viz::ui
