// The prepare step of the timeline's fixed header, one frame at a time: the overview of the
// whole run, the time axis with the cursor's time, the incidents (stacked on sub-rows when
// they overlap), the runbook lane and the RTO stages. Pure: model and view state in, a
// DrawList out; hit tests for clicks and tooltips beside it.
//
// The runbook lane brackets what the on-call admin and the runbook did over the stages they
// make up: right above the stage bars one bracket per stage (the admin notices, decides, the
// runbook runs, the clients reconnect), each exactly as wide as its stage's bar; above those
// one bracket per cmdlet, inside the execute stage's bracket when the runbook ran it.
//
// Level of detail: an item that would land inside the pixels already drawn on its row is
// skipped (a year holds thousands of incidents and cmdlets), never the selected incident;
// skipped items stay clickable, since hit tests read the model, not the draw list.
#pragma once

#include "viz/core/draw_list.h"
#include "viz/core/time_view.h"
#include "viz/core/timeline_model.h"
#include "viz/core/timeline_prepare.h"

namespace drsim::viz {

// The header's rows, top to bottom, in pixels from the header's top. The incidents lane has
// one sub-row per level of overlap in the model (TimelineModel::incident_rows).
struct HeaderLayout {
  explicit HeaderLayout(int incident_rows = 1);

  float overview_y = 0, overview_h = 16;
  float axis_y = 20, axis_h = 20;
  float incidents_y = 42, incident_row_h = 18, incidents_h = 18;
  int incident_rows = 1;
  // Three levels: the stage brackets at the bottom, the cmdlets on the two above.
  float runbook_y = 0, runbook_level_h = 20, runbook_h = 60;
  float stages_y = 0, stages_h = 20;

  float height() const { return stages_y + stages_h + 4; }
  float incident_row_y(int row) const {
    return incidents_y + static_cast<float>(row) * incident_row_h;
  }
  // The incidents sub-row at y, or -1 outside the lane.
  int incident_row_at(float y) const;
  // The top of runbook level 0 (the stage brackets), 1 or 2 (cmdlets).
  float runbook_level_y(int level) const;
};

// Colours of the runbook lane's brackets.
namespace palette {
inline constexpr uint32_t kStageBracket = rgba(170, 176, 188);
}  // namespace palette

// What the stage bracket of `stage` says the admin or the runbook did, longest first:
// {"admin notices", "notices"}; for execute, the incident's cmdlet count.
std::vector<std::string> stage_action_labels(int stage, int cmdlets);

void prepare_header(const TimelineModel& m, const Ghost& ghost, const TimelineState& state,
                    const TimeView& v, const HeaderLayout& layout, const TextMetrics& text,
                    DrawList& out);

// Hit tests: the incident whose bar on sub-row `row` (-1: any row) covers x within slack_px,
// the cmdlet bracket or error marker at x; -1 when none; the latest wins where bars overlap.
int incident_at(const TimelineModel& m, const TimeView& v, float x, int row, float slack_px);
int cmdlet_at(const TimelineModel& m, const TimeView& v, float x, float slack_px);
int cmdlet_error_at(const TimelineModel& m, const TimeView& v, float x, float slack_px);

}  // namespace drsim::viz
