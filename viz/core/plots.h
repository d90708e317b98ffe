// Prepare steps of the incident panel's charts, drawn with plain rectangles and lines
// (ImPlot is not packaged for Debian): users per service level over time, the Backup
// Service backlog, and the RTO of one incident as a bar of its stages.
// Plots share the timeline's TimeView, so they follow its zoom, pan and cursor.
#pragma once

#include <string>
#include <vector>

#include "viz/core/draw_list.h"
#include "viz/core/time_view.h"
#include "viz/core/timeline_model.h"

namespace drsim::viz {

struct PlotLegendEntry {
  std::string label;
  uint32_t color;
};

// Users of all pools, stacked by service level, in an area h pixels high; with a ghost, the
// previous run's users at full service as a line.
void prepare_users_plot(const TimelineModel& m, const TimelineModel* ghost, const TimeView& v,
                        float h, int64_t cursor_us, const TextMetrics& text, DrawList& out);

// The backlog as a line between y0 (top, vmax) and y1 (bottom, 0). Segments a pixel wide or
// more are straight lines; narrower ones merge into one vertical line per pixel from their
// smallest to their largest value, so a frame draws at most about two lines a pixel.
void prepare_backlog_line(const BacklogSegments& s, int64_t end_us, const TimeView& v, float y0,
                          float y1, double vmax, uint32_t color, float thickness, DrawList& out);

// One line per Backup Service direction: its backlog as the log's rule gives it (log/backlog.h),
// growing while the path is down, falling at exports and imports.
void prepare_backlog_plot(const TimelineModel& m, const TimelineModel* ghost, const TimeView& v,
                          float h, int64_t cursor_us, const TextMetrics& text, DrawList& out,
                          std::vector<PlotLegendEntry>* legend);

// The incident's RTO as one bar, w pixels for the whole RTO, one segment per stage. An
// incident without user impact (RTO 0) gets a grey bar that says so; `lost_beyond_service`
// (analysis/run_report.h: remote access, PSTN calling, ... taken while every user kept full
// service) makes it say that full service was kept, not that nobody was affected.
void prepare_rto_bar(const IncidentSpan& s, float w, float h, const TextMetrics& text,
                     DrawList& out, const std::string& lost_beyond_service = "");

// The incident panel's line on how the incident ended for users.
struct IncidentOutcome {
  std::string text;
  bool is_bad = false;  // users were still without full service at the horizon
};
// `lost_beyond_service` as for prepare_rto_bar: an incident that took remote access or the
// PSTN from users who kept full service inside is not one "without user impact".
IncidentOutcome incident_outcome(const IncidentSpan& s,
                                 const std::string& lost_beyond_service = "");
// True when the incident's closing record says no user lost full service (RTO 0).
bool has_no_user_impact(const IncidentSpan& s);

namespace palette {
inline constexpr uint32_t kNoImpact = rgba(88, 94, 108);
}  // namespace palette

// Colour of the n-th Backup Service direction in the backlog plot.
uint32_t series_color(size_t n);

}  // namespace drsim::viz
