// Chart prepare steps; see plots.h.
#include "viz/core/plots.h"

#include <algorithm>
#include <cmath>

#include "sim/check.h"
#include "viz/core/format.h"
#include "viz/core/prepare_lane.h"

namespace drsim::viz {

namespace {
constexpr uint32_t kStageColors[kStageCount] = {palette::kStageDetect, palette::kStageDecide,
                                                palette::kStageExecute, palette::kStageClientsBack};

// A faint frame, a mid line and the scale's top value at the top left.
void prepare_frame(const TimeView& v, float h, const std::string& top_label,
                   const TextMetrics& text, DrawList& out) {
  out.rects.push_back({0, 0, v.width_px, h, palette::kLaneBackground});
  out.lines.push_back({0, h / 2, v.width_px, h / 2, palette::kGrid});
  for (const Tick& t : axis_ticks(v, 110)) {
    out.lines.push_back({t.x, 0, t.x, h, palette::kGrid});
    out.texts.push_back({t.x + 3, h - text.line_h_px - 1, palette::kAxisText, t.label});
  }
  out.texts.push_back({4, 2, palette::kAxisText, top_label});
}

void prepare_cursor(const TimeView& v, float h, int64_t cursor_us, DrawList& out) {
  if (cursor_us < v.t0_us || cursor_us > v.t1_us) return;
  const float x = v.x_of(cursor_us);
  out.lines.push_back({x, 0, x, h, palette::kCursor, 1.5f});
}
}  // namespace

uint32_t series_color(size_t n) {
  static constexpr uint32_t kColors[] = {rgba(110, 180, 255), rgba(255, 150, 90),
                                         rgba(190, 130, 255), rgba(120, 220, 160)};
  return kColors[n % 4];
}

void prepare_users_plot(const TimelineModel& m, const TimelineModel* ghost, const TimeView& v,
                        float h, int64_t cursor_us, const TextMetrics& text, DrawList& out) {
  DRSIM_CHECK(h > 0, "prepare_users_plot: the plot needs some height");
  int64_t scale = m.max_users;
  if (ghost != nullptr) scale = std::max(scale, ghost->max_users);
  prepare_frame(v, h, format_count(scale) + " users", text, out);
  // Leave the bottom line of the plot to the axis labels.
  const float bottom = h - text.line_h_px - 2;
  prepare_mix_band(m.total_users, m.end_us, v, 0, bottom, std::max<int64_t>(scale, 1), 1.0f, out);
  if (ghost != nullptr) {
    prepare_step_line(ghost->full_users, ghost->end_us, v, 0, bottom,
                      static_cast<double>(std::max<int64_t>(scale, 1)), rgba(255, 255, 255, 170),
                      2.0f, out);
  }
  prepare_cursor(v, h, cursor_us, out);
}

void prepare_backlog_line(const BacklogSegments& s, int64_t end_us, const TimeView& v, float y0,
                          float y1, double vmax, uint32_t color, float thickness, DrawList& out) {
  DRSIM_CHECK(y1 >= y0, "prepare_backlog_line: the plot's bottom lies above its top");
  if (s.empty()) return;
  if (vmax <= 0) vmax = 1;
  const int64_t lo = std::max(v.t0_us, s.t_us.front()), hi = std::min(v.t1_us, end_us);
  if (lo >= hi) return;
  auto y_of = [&](double bytes) {
    return y1 - (y1 - y0) * static_cast<float>(std::clamp(bytes / vmax, 0.0, 1.0));
  };
  // One pixel's column of narrow segments, waiting to be drawn.
  struct Column {
    int px = 0;
    float y_top = 0, y_bottom = 0, y_last = 0;
    bool is_open = false;
  } column;
  bool has_previous = false;
  float previous_y = 0;  // where the line drawn so far ends
  auto flush = [&] {
    if (!column.is_open) return;
    // From the previous end through everything in the pixel: the line stays connected.
    float top = column.y_top, bottom = column.y_bottom;
    if (has_previous) {
      top = std::min(top, previous_y);
      bottom = std::max(bottom, previous_y);
    }
    const auto x = static_cast<float>(column.px) + 0.5f;
    out.lines.push_back({x, top, x, std::max(bottom, top + 1), color, thickness});
    has_previous = true;
    previous_y = column.y_last;
    column.is_open = false;
  };
  const size_t n = s.size();
  // Each turn moves to a later segment: bounded by the segments in view.
  for (size_t i = step_index_at(s.t_us, lo); i < n && s.t_us[i] < hi; ++i) {
    const int64_t a = std::max(s.t_us[i], lo), b = std::min(i + 1 < n ? s.t_us[i + 1] : end_us, hi);
    if (b <= a) continue;
    const float ya = y_of(s.value(i, a)), yb = y_of(s.value(i, b));
    const float xa = v.x_of(a), xb = v.x_of(b);
    if (xb - xa >= 1) {
      flush();
      if (has_previous && previous_y != ya)
        out.lines.push_back({xa, previous_y, xa, ya, color, thickness});
      out.lines.push_back({xa, ya, xb, yb, color, thickness});
      has_previous = true;
      previous_y = yb;
      continue;
    }
    const auto px = static_cast<int>(std::floor(xa));
    if (column.is_open && column.px != px) flush();
    if (!column.is_open) column = {px, std::min(ya, yb), std::max(ya, yb), yb, true};
    column.y_top = std::min({column.y_top, ya, yb});
    column.y_bottom = std::max({column.y_bottom, ya, yb});
    column.y_last = yb;
    // A column already spanning the whole plot can take nothing more: skip to the
    // segments of the next pixel.
    if (column.y_top <= y0 && column.y_bottom >= y1) {
      const int64_t pixel_end = v.t0_us + static_cast<int64_t>(std::ceil((px + 1) / v.px_per_us()));
      const size_t next = first_at_or_after(s.t_us, i + 1, pixel_end);
      if (next > i + 1) i = next - 2;  // ++i lands on the last segment starting inside the pixel
    }
  }
  flush();
}

void prepare_backlog_plot(const TimelineModel& m, const TimelineModel* ghost, const TimeView& v,
                          float h, int64_t cursor_us, const TextMetrics& text, DrawList& out,
                          std::vector<PlotLegendEntry>* legend) {
  DRSIM_CHECK(h > 0, "prepare_backlog_plot: the plot needs some height");
  double vmax = m.max_backlog_bytes;
  if (ghost != nullptr) vmax = std::max(vmax, ghost->max_backlog_bytes);
  vmax = std::max(vmax, 1.0);
  prepare_frame(v, h, format_bytes(vmax) + " backlog", text, out);
  const float bottom = h - text.line_h_px - 2;
  size_t n = 0;
  for (const Lane& l : m.lanes) {
    if (l.backlog < 0) continue;
    const uint32_t color = series_color(n++);
    const BacklogSegments& b = m.backlogs[static_cast<size_t>(l.backlog)];
    if (ghost != nullptr) {
      const int g = ghost->find_lane(l.kind, l.subject);
      if (g >= 0 && ghost->lanes[static_cast<size_t>(g)].backlog >= 0) {
        const BacklogSegments& gb =
            ghost->backlogs[static_cast<size_t>(ghost->lanes[static_cast<size_t>(g)].backlog)];
        prepare_backlog_line(gb, ghost->end_us, v, 4, bottom, vmax,
                             with_alpha(color, palette::kGhostAlpha), 1.0f, out);
      }
    }
    prepare_backlog_line(b, m.end_us, v, 4, bottom, vmax, color, 2.0f, out);
    if (legend != nullptr) legend->push_back({l.label, color});
  }
  prepare_cursor(v, h, cursor_us, out);
}

bool has_no_user_impact(const IncidentSpan& s) {
  return s.has_stages && s.stage_us[kStageCount] == s.stage_us[0];
}

IncidentOutcome incident_outcome(const IncidentSpan& s, const std::string& lost_beyond_service) {
  if (s.restored_us >= 0) {
    return {"Full service again at " + format_clock(s.restored_us, 1'000'000) + ", " +
                format_seconds(static_cast<double>(s.restored_us - s.start_us) / 1e6) +
                " after it started.",
            false};
  }
  if (has_no_user_impact(s) && !lost_beyond_service.empty()) {
    std::string text = "Every user kept full service, but not " + lost_beyond_service;
    if (s.end_us >= 0)
      text.append(" (the incident ended at ")
          .append(format_clock(s.end_us, 1'000'000))
          .append(").");
    else
      text.append(" (the incident was still open at the horizon).");
    return {std::move(text), false};
  }
  if (has_no_user_impact(s)) {
    if (s.end_us >= 0) {
      return {"No user impact: every user kept full service (the incident ended at " +
                  format_clock(s.end_us, 1'000'000) + ").",
              false};
    }
    return {"No user impact so far: the incident was still open at the horizon.", false};
  }
  return {"Users never got full service back before the horizon.", true};
}

void prepare_rto_bar(const IncidentSpan& s, float w, float h, const TextMetrics& text,
                     DrawList& out, const std::string& lost_beyond_service) {
  if (!s.has_stages) return;
  const int64_t total = s.stage_us[kStageCount] - s.stage_us[0];
  if (total <= 0) {
    out.rects.push_back({0, 0, w, h, palette::kNoImpact});
    const std::string label = lost_beyond_service.empty()
                                  ? "no user impact: RTO 0s"
                                  : "full service kept: RTO 0s (other services lost)";
    if (text.width(label) + 6 <= w) {
      out.texts.push_back({4, (h - text.line_h_px) / 2, rgba(225, 228, 234), label, w});
    }
    return;
  }
  float x = 0;
  for (size_t k = 0; k < kStageCount; ++k) {
    const int64_t d = s.stage_us[k + 1] - s.stage_us[k];
    const float sw = w * static_cast<float>(d) / static_cast<float>(total);
    out.rects.push_back({x, 0, x + sw, h, kStageColors[k]});
    const std::string label = format_seconds(static_cast<double>(d) / 1e6);
    if (text.width(label) + 6 <= sw) {
      out.texts.push_back({x + 3, (h - text.line_h_px) / 2, rgba(20, 22, 26), label, x + sw});
    }
    x += sw;
  }
}

}  // namespace drsim::viz
