// The prepare step of the timeline's lanes for one frame: the view state the UI holds and
// the indexed model in, draw lists out. The UI's draw step only replays the lists.
//
// Two areas: the header (header_prepare.h: overview of the whole run, time axis, incidents,
// runbook brackets over the RTO stages) stays put; the lanes below scroll, and only rows
// inside the visible y range are prepared. All x are pixels from the left of the time area.
#pragma once

#include <cstdint>
#include <vector>

#include "viz/core/draw_list.h"
#include "viz/core/time_view.h"
#include "viz/core/timeline_model.h"

namespace drsim::viz {

// The view state: all the UI keeps between frames besides widget state.
struct TimelineState {
  int64_t t0_us = 0, t1_us = 0;    // visible range (t1 <= t0: fit the whole run)
  int64_t cursor_us = -1;          // the time cursor; -1 when not set
  int selected_incident = -1;      // index into TimelineModel::incidents
  std::vector<uint8_t> collapsed;  // per group
  bool show_ghost = true;
};

// Groups that are large and quiet start collapsed: nothing happened there.
std::vector<uint8_t> default_collapsed(const TimelineModel& m);

enum class RowKind : uint8_t { kGroup, kLane };
struct Row {
  RowKind kind;
  int index;  // group or lane
  float y, h;
};
struct RowHeights {
  float group = 20, lane = 18, pool = 30, member = 13;  // member: Front Ends, routing groups
};
std::vector<Row> layout_rows(const TimelineModel& m, const std::vector<uint8_t>& collapsed,
                             const RowHeights& heights);
// The row containing y, or -1.
int row_at(const std::vector<Row>& rows, float y);

// A previous run shown ghosted: for each current lane, the previous run's lane or -1.
struct Ghost {
  const TimelineModel* model = nullptr;
  std::vector<int> lane_of;
};
Ghost map_ghost(const TimelineModel& current, const TimelineModel* previous);

// Lanes in rows intersecting [y_min, y_max), with grid lines at `ticks` and the cursor.
void prepare_lanes(const TimelineModel& m, const Ghost& ghost, const TimelineState& state,
                   const TimeView& v, const std::vector<Row>& rows, const std::vector<Tick>& ticks,
                   float y_min, float y_max, const TextMetrics& text, DrawList& out);

}  // namespace drsim::viz
