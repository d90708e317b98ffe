// The incident timeline as an SVG Gantt chart; see report_charts.h.
//
// Two passes, as the visualiser's lanes do: plan the rows (sections, lanes, notes) and the
// marker labels to know the height, then draw. Healthy spans are drawn pale so that the eye
// goes to what went wrong; every span has a tooltip with its times.
#include <algorithm>
#include <cmath>

#include "analysis/report_charts.h"
#include "analysis/report_format.h"
#include "analysis/report_style.h"
#include "analysis/svg.h"
#include "sim/check.h"

namespace drsim {

namespace {

constexpr double kLeft = 12;     // page margin
constexpr double kLabelW = 240;  // lane-name column
constexpr double kRight = 24;
constexpr double kLaneH = 15, kLaneGap = 4;
constexpr double kGroupH = 8, kGroupGap = 2;  // routing groups: many, so thin
constexpr double kSectionH = 22;
constexpr double kMarkerRowH = 13;
constexpr size_t kMaxMarkerRows = 4;
constexpr size_t kMaxMarkerLines = 24;

struct Row {
  enum Kind { kSection, kLane, kNote } kind;
  double y = 0, h = 0;
  const Lane* lane = nullptr;
  std::string text;
};

// Whether a lane shows anything but its healthy state within [start_us, end_us).
bool lane_active(const Lane& lane, const TimeWindow& w) {
  for (const LaneSpan& s : lane.spans) {
    if (s.end_us > w.start_us && s.start_us < w.end_us && s.state != lane.nominal) return true;
  }
  for (const UsersSpan& u : lane.users) {
    if (u.end_us > w.start_us && u.start_us < w.end_us && u.users[1] + u.users[2] + u.users[3] > 0)
      return true;
  }
  return false;
}

struct MarkerLabel {
  const TimelineMarker* marker;
  size_t row;
};

class TimelineDrawer {
 public:
  TimelineDrawer(const ReportTimeline& t, const TimelineChart& c) : t_(t), c_(c) {
    DRSIM_CHECK(c.window.end_us > c.window.start_us, "timeline window is empty or reversed");
    x0_ = kLeft + kLabelW;
    x1_ = c.width_px - kRight;
  }
  std::string draw();

 private:
  double x(int64_t t) const {
    const double f = static_cast<double>(t - c_.window.start_us) /
                     static_cast<double>(c_.window.end_us - c_.window.start_us);
    return x0_ + std::clamp(f, 0.0, 1.0) * (x1_ - x0_);
  }
  double legend(double y, bool draw);
  void plan_rows(double y);
  void plan_marker_labels();
  void draw_axis(double y_label, double top, double bottom);
  void draw_lane(const Row& row);
  void draw_users(const Row& row);

  const ReportTimeline& t_;
  const TimelineChart& c_;
  double x0_, x1_;
  SvgWriter w_;
  std::vector<Row> rows_;
  std::vector<MarkerLabel> marker_labels_;
  size_t marker_rows_ = 0;
  bool dense_markers_ = false;
};

double TimelineDrawer::legend(double y, bool draw) {
  // One row per group: the title in a fixed column, then its states; the first pass measures.
  constexpr double kTitleW = 128, kRowH = 17;
  for (const LegendGroup& g : legend_groups()) {
    if (draw) w_.text(kLeft, y + 10, g.title, "tb");
    double xx = kLeft + kTitleW;
    for (const char* s : g.states) {
      const StateStyle& st = state_style(s);
      if (draw) {
        w_.rect(xx, y + 1, 12, 11, st.fill, "sw");
        w_.text(xx + 17, y + 10, st.label, "t");
      }
      xx += 17 + text_width_px(st.label, 11) + 22;
    }
    y += kRowH;
  }
  const std::pair<const char*, const char*> markers[] = {{"m-fault", "fault"},
                                                         {"m-repair", "repair"},
                                                         {"m-detect", "admin notices / decides"},
                                                         {"m-restored", "full service again"}};
  if (draw) w_.text(kLeft, y + 10, "Markers", "tb");
  double xx = kLeft + kTitleW;
  for (const auto& [cls, label] : markers) {
    if (draw) {
      w_.line(xx + 2, y, xx + 2, y + 13, cls).line(xx + 8, y, xx + 8, y + 13, cls);
      w_.text(xx + 17, y + 10, label, "t");
    }
    xx += 17 + text_width_px(label, 11) + 22;
  }
  return y + kRowH + 6;
}

void TimelineDrawer::plan_rows(double y) {
  std::string section;
  size_t groups = 0, groups_hidden = 0, quiet = 0, groups_folded = 0;
  for (const Lane& lane : t_.lanes) {
    const bool active = lane_active(lane, c_.window);
    if (c_.only_active_lanes && !active) {
      ++quiet;
      continue;
    }
    if (lane.kind == LaneKind::kRoutingGroup && c_.fold_healthy_routing_groups && !active) {
      ++groups_folded;
      continue;
    }
    if (lane.kind == LaneKind::kRoutingGroup && ++groups > c_.max_routing_group_lanes) {
      ++groups_hidden;
      continue;
    }
    if (lane.section != section) {
      section = lane.section;
      rows_.push_back({Row::kSection, y, kSectionH, nullptr, section});
      y += kSectionH + 3;
    }
    const bool thin = lane.kind == LaneKind::kRoutingGroup;
    rows_.push_back({Row::kLane, y, thin ? kGroupH : kLaneH, &lane, ""});
    y += thin ? kGroupH + kGroupGap : kLaneH + kLaneGap;
  }
  if (groups_folded > 0) {
    rows_.push_back(
        {Row::kNote, y + 4, kLaneH, nullptr,
         std::to_string(groups_folded) +
             " routing groups keep full service throughout and are folded into this line; "
             "service_levels.csv and trace.json have every one."});
    y += kLaneH + 6;
  }
  if (groups_hidden > 0) {
    rows_.push_back({Row::kNote, y + 4, kLaneH, nullptr,
                     std::to_string(groups_hidden) +
                         " more routing groups are not drawn; service_levels.csv "
                         "and trace.json have every one."});
    y += kLaneH + 6;
  }
  if (quiet > 0) {
    rows_.push_back(
        {Row::kNote, y + 4, kLaneH, nullptr,
         std::to_string(quiet) + " lanes that stay healthy throughout this window are not drawn."});
  }
}

void TimelineDrawer::plan_marker_labels() {
  size_t in_window = 0;
  for (const TimelineMarker& m : t_.markers)
    in_window += m.time_us >= c_.window.start_us && m.time_us <= c_.window.end_us ? 1 : 0;
  // Past a few dozen, lines across every lane would hide the lanes: ticks on the axis instead.
  dense_markers_ = in_window > kMaxMarkerLines;
  if (dense_markers_) {
    marker_rows_ = 2;  // a row of ticks, a row for the note
    return;
  }
  std::vector<double> row_end;
  for (const TimelineMarker& m : t_.markers) {
    if (m.time_us < c_.window.start_us || m.time_us > c_.window.end_us) continue;
    const double at = x(m.time_us) + 3;
    const double end = at + text_width_px(m.label, 9);
    size_t r = 0;
    while (r < row_end.size() && row_end[r] > at - 4) ++r;
    if (r == row_end.size()) {
      if (row_end.size() == kMaxMarkerRows) continue;  // too crowded: the line stays, unlabelled
      row_end.push_back(0);
    }
    row_end[r] = end;
    marker_labels_.push_back({&m, r});
  }
  marker_rows_ = row_end.size();
}

void TimelineDrawer::draw_axis(double y_label, double top, double bottom) {
  static constexpr int64_t kSteps_s[] = {
      60,    120,   300,    600,    900,     1800,    3600,    7200,     10800,    21600,
      43200, 86400, 172800, 604800, 1209600, 2592000, 7776000, 31536000, 315360000};
  const int64_t span_us = c_.window.end_us - c_.window.start_us;
  const double max_ticks = std::max(2.0, (x1_ - x0_) / 80);
  int64_t step_us = Duration::seconds(kSteps_s[std::size(kSteps_s) - 1]).us();
  for (int64_t s : kSteps_s) {
    if (static_cast<double>(span_us) / static_cast<double>(Duration::seconds(s).us()) <=
        max_ticks) {
      step_us = Duration::seconds(s).us();
      break;
    }
  }
  const bool with_day =
      c_.window.end_us > Duration::days(1).us() || step_us >= Duration::days(1).us();
  for (int64_t tick = (c_.window.start_us + step_us - 1) / step_us * step_us;
       tick <= c_.window.end_us; tick += step_us) {
    const double xx = x(tick);
    w_.line(xx, top, xx, bottom, "grid");
    // A label centred on a tick near the right edge would be cut off: it ends at the tick.
    const std::string label = clock_minutes(tick, with_day);
    const bool at_edge = xx + text_width_px(label, 9) / 2 > c_.width_px - 2;
    w_.text(xx, y_label, label, "ts", at_edge ? "end" : "middle");
    w_.text(xx, bottom + 12, label, "ts", at_edge ? "end" : "middle");
  }
  w_.line(x0_, top, x1_, top, "axis").line(x0_, bottom, x1_, bottom, "axis");
}

void TimelineDrawer::draw_users(const Row& row) {
  double drawn_to = -1;
  for (const UsersSpan& u : row.lane->users) {
    if (u.end_us <= c_.window.start_us || u.start_us >= c_.window.end_us) continue;
    int64_t total = 0;
    for (int64_t n : u.users) total += n;
    const double xa = x(u.start_us), wd = std::max(1.0, x(u.end_us) - xa);
    if (xa + wd <= drawn_to) continue;  // hidden under the previous bar (see draw_lane)
    drawn_to = xa + wd;
    std::string tip = "users of " + row.lane->subject + ", " + clock_s(u.start_us) + " to " +
                      clock_s(u.end_us) + ":";
    for (size_t l = 0; l < kServiceLevels.size(); ++l)
      tip += std::string(l == 0 ? " " : ", ") + kServiceLevels[l] + " " + grouped(u.users[l]);
    if (total == 0) {
      w_.rect(xa, row.y, wd, row.h, state_style("").fill, "", tip);
      continue;
    }
    // Full service at the bottom, signed out on top, each as high as its share of users.
    double yb = row.y + row.h;
    for (size_t l = 0; l < kServiceLevels.size(); ++l) {
      if (u.users[l] == 0) continue;
      const double hh = row.h * static_cast<double>(u.users[l]) / static_cast<double>(total);
      w_.rect(xa, yb - hh, wd, hh, state_style(kServiceLevels[l]).fill, "", tip);
      yb -= hh;
    }
  }
}

void TimelineDrawer::draw_lane(const Row& row) {
  const Lane& lane = *row.lane;
  const bool thin = lane.kind == LaneKind::kRoutingGroup;
  w_.text(kLeft + kLabelW - 8, row.y + row.h - (thin ? 0.5 : 3.5),
          fit_text(lane.name, thin ? 9 : 11, kLabelW - 24), thin ? "ts" : "t", "end");
  if (lane.kind == LaneKind::kPoolUsers) return draw_users(row);
  // The healthy state is the lane's background; only departures from it are drawn, and one
  // hidden under an earlier one is skipped, so a chart has at most a few bars per pixel
  // column however many spans a long run has.
  if (!lane.nominal.empty()) {
    w_.rect(x0_, row.y, x1_ - x0_, row.h, state_style(lane.nominal).fill, "",
            lane.name + ": " + state_style(lane.nominal).label + " except where marked");
  }
  double drawn_to = -1;
  for (const LaneSpan& s : lane.spans) {
    if (s.end_us <= c_.window.start_us || s.start_us >= c_.window.end_us) continue;
    if (s.state == lane.nominal) continue;
    const StateStyle& st = state_style(s.state);
    double xa = x(s.start_us), wd = x(s.end_us) - xa;
    // Short outages must stay visible in a day-long chart.
    wd = std::max(wd, 2.0);
    if (xa + wd <= drawn_to) continue;
    drawn_to = xa + wd;
    // Back-to-back cmdlets and stages share a colour family: a 1 px gap keeps them apart.
    const bool steps = lane.kind == LaneKind::kRunbook || lane.kind == LaneKind::kIncident;
    if (steps && wd > 3) wd -= 1;
    std::string tip =
        lane.name +
        (lane.subject.empty() || lane.subject == lane.name ? "" : " (" + lane.subject + ")") +
        ": " + (s.detail.empty() ? std::string(st.label) : s.detail) + ", " + clock_s(s.start_us) +
        " to " + clock_s(s.end_us) + " (" +
        human_s(static_cast<double>(s.end_us - s.start_us) / 1e6) + ")";
    if (s.users > 0) tip += ", " + grouped(s.users) + " users";
    w_.rect(xa, row.y, wd, row.h, st.fill, "", tip);
    // Red already says "down" on every component lane: a word on each bar would be noise.
    if (!thin && s.state != "down") {
      // State keys ("FailedOver") read better as their legend words.
      const std::string full = s.label == s.state ? st.label : s.label;
      const std::string label = fit_text(full, 10, wd - 6);
      // A label cut to a stub ("do…") says nothing: at least four characters or none.
      if (label == full || label.size() >= 4 + 3)
        w_.text(xa + wd / 2, row.y + row.h - 4, label, st.dark ? "tw" : "tk", "middle");
    }
  }
}

std::string TimelineDrawer::draw() {
  double y = 10;
  w_.text(kLeft, y + 15, c_.title, "th");
  y += 26;
  const double legend_end = legend(y, false);
  legend(y, true);
  y = legend_end + 4;
  plan_marker_labels();
  const double marker_top = y;
  y += static_cast<double>(marker_rows_) * kMarkerRowH + 14;  // marker labels, then the axis labels
  const double axis_label_y = y - 3;
  const double top = y + 2;
  plan_rows(top + 4);
  const double bottom = rows_.empty() ? top + 10 : rows_.back().y + rows_.back().h + 4;

  for (const Row& r : rows_) {
    if (r.kind == Row::kSection) {
      w_.rect(kLeft, r.y, c_.width_px - kLeft - kRight, r.h, "", "sec");
      w_.text(kLeft + 6, r.y + 15, r.text, "tb");
    }
  }
  draw_axis(axis_label_y, top, bottom);
  for (const Row& r : rows_) {
    if (r.kind == Row::kLane) draw_lane(r);
  }
  for (const TimelineMarker& m : t_.markers) {
    if (m.time_us < c_.window.start_us || m.time_us > c_.window.end_us) continue;
    if (dense_markers_)
      w_.line(x(m.time_us), marker_top, x(m.time_us), marker_top + kMarkerRowH - 2, "m-" + m.kind);
    else
      w_.line(x(m.time_us), top, x(m.time_us), bottom, "m-" + m.kind);
  }
  if (dense_markers_) {
    w_.text(x0_, marker_top + 2 * kMarkerRowH - 3,
            "Too many faults, repairs and admin actions to draw as lines: "
            "they are ticks on the axis. The incident charts show them.",
            "ts");
  }
  for (const MarkerLabel& l : marker_labels_) {
    const double yy = marker_top + static_cast<double>(l.row + 1) * kMarkerRowH - 3;
    w_.line(x(l.marker->time_us), yy - 9, x(l.marker->time_us), top, "m-" + l.marker->kind);
    w_.text(x(l.marker->time_us) + 3, yy, l.marker->label, "ts");
  }
  for (const Row& r : rows_) {
    if (r.kind != Row::kNote) continue;
    // Last and on a white ground, so that no marker line runs through the words.
    w_.rect(x0_, r.y, text_width_px(r.text, 11) + 8, r.h, "#ffffff");
    w_.text(x0_ + 4, r.y + 11, r.text, "t");
  }
  return svg_element(c_.width_px, bottom + 22, c_.title, chart_css(), w_.str());
}

}  // namespace

std::string timeline_svg(const ReportTimeline& timeline, const TimelineChart& chart) {
  TimelineDrawer d(timeline, chart);
  return d.draw();
}

}  // namespace drsim
