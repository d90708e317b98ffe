// The timeline's frame prepare; see timeline_prepare.h.
#include "viz/core/timeline_prepare.h"

#include <algorithm>

#include "sim/check.h"
#include "viz/core/format.h"
#include "viz/core/prepare_lane.h"

namespace drsim::viz {

namespace {
constexpr uint32_t kStageColors[kStageCount] = {palette::kStageDetect, palette::kStageDecide,
                                                palette::kStageExecute, palette::kStageClientsBack};

// Narrower than this, no label can fit, and none is built.
constexpr float kMinLabelPx = 24;

int64_t incident_end(const TimelineModel& m, const IncidentSpan& s) {
  if (s.restored_us >= 0) return s.restored_us;
  return s.end_us >= 0 ? s.end_us : m.end_us;
}

// The first label among `candidates` that fits in `width`, or nullptr.
const std::string* fitting(const std::vector<std::string>& candidates, float width,
                           const TextMetrics& text) {
  for (const std::string& c : candidates) {
    if (text.width(c) + 6 <= width) return &c;
  }
  return nullptr;
}

void prepare_overview(const TimelineModel& m, const TimeView& v, const HeaderLayout& l,
                      DrawList& out) {
  const TimeView all{0, m.end_us, v.width_px};
  const float y0 = l.overview_y, y1 = l.overview_y + l.overview_h;
  out.rects.push_back({0, y0, v.width_px, y1, palette::kLaneBackground});
  prepare_mix_band(m.total_users, m.end_us, all, y0 + 1, y1 - 1, 0, 1.0f, out);
  for (const IncidentSpan& s : m.incidents) {
    const float x = all.x_of(s.start_us);
    out.tris.push_back({x - 4, y0, x + 4, y0, x, y0 + 6, palette::kIncident});
  }
  // Dim what lies outside the visible range and frame the range itself.
  const float a = all.x_of(v.t0_us), b = std::max(all.x_of(v.t1_us), a + 3);
  const uint32_t dim = rgba(0, 0, 0, 120);
  out.rects.push_back({0, y0, a, y1, dim});
  out.rects.push_back({b, y0, v.width_px, y1, dim});
  out.rects.push_back({a, y0, b, y1, palette::kViewWindow, true});
}

void prepare_incidents(const TimelineModel& m, const Ghost& ghost, const TimelineState& st,
                       const TimeView& v, const HeaderLayout& l, const TextMetrics& text,
                       DrawList& out) {
  const float y0 = l.incidents_y, y1 = l.incidents_y + l.incidents_h;
  if (ghost.model != nullptr) {
    for (const IncidentSpan& s : ghost.model->incidents) {
      out.rects.push_back({v.x_of(s.start_us), y1 - 3, v.x_of(incident_end(*ghost.model, s)), y1,
                           with_alpha(palette::kIncident, palette::kGhostAlpha)});
    }
  }
  float covered_x = -1e9f;  // incidents ending inside what is already drawn add nothing
  for (size_t k = 0; k < m.incidents.size(); ++k) {
    const IncidentSpan& s = m.incidents[k];
    const float x0 = v.x_of(s.start_us), x1 = std::max(v.x_of(incident_end(m, s)), x0 + 2);
    if (x1 < 0 || x0 > v.width_px) continue;
    const bool is_selected = static_cast<int>(k) == st.selected_incident;
    if (x1 <= covered_x + 1 && !is_selected) continue;
    covered_x = std::max(covered_x, x1);
    const uint32_t color = is_selected ? palette::kIncidentSelected : palette::kIncident;
    out.rects.push_back({x0, y0 + 2, x1, y1 - 4, color});
    out.tris.push_back({x0 - 5, y0, x0 + 5, y0, x0, y0 + 8, color});
    if (x1 - x0 < kMinLabelPx) continue;  // no label fits: build none (a long log has many)
    const std::vector<std::string> labels = {
        "incident " + std::to_string(s.id) + ": " + s.disruption + " " + s.cause,
        "#" + std::to_string(s.id)};
    if (const std::string* label = fitting(labels, x1 - x0, text)) {
      out.texts.push_back({std::max(x0, 0.0f) + 4, y0 + 2 + (y1 - y0 - 6 - text.line_h_px) / 2,
                           rgba(20, 22, 26), *label, x1});
    }
  }
}

// Brackets over the RTO stages: one per cmdlet, on two levels so that overlapping ones stay
// apart; a cross where a cmdlet failed.
void prepare_runbook(const TimelineModel& m, const TimeView& v, const HeaderLayout& l,
                     const TextMetrics& text, DrawList& out) {
  const float level_h = l.runbook_h / 2;
  float level_end[2] = {-1e9f, -1e9f};
  for (const CmdletSpan& c : m.cmdlets) {
    const float x0 = v.x_of(c.start_us);
    const float x1 = std::max(v.x_of(c.end_us >= 0 ? c.end_us : m.end_us), x0 + 3);
    if (x1 < 0 || x0 > v.width_px) continue;
    if (x1 <= std::min(level_end[0], level_end[1]) + 1) continue;  // inside drawn brackets
    const int level = x0 >= level_end[0] - 0.5f ? 0 : 1;
    level_end[level] = x1;
    // Level 0 sits right above the stages; level 1 above it. Touching brackets (one cmdlet
    // right after another) are inset so that each keeps its own ends.
    const float top = l.runbook_y + (level == 0 ? level_h : 0);
    const float yb = top + level_h - 5;
    const float inset = x1 - x0 > 8 ? 2.0f : 0.0f;
    out.lines.push_back({x0 + inset, yb, x1 - inset, yb, palette::kBracket, 1.5f});
    out.lines.push_back({x0 + inset, yb, x0 + inset, top + level_h, palette::kBracket, 1.5f});
    out.lines.push_back({x1 - inset, yb, x1 - inset, top + level_h, palette::kBracket, 1.5f});
    if (x1 - x0 < kMinLabelPx) continue;
    const std::string pool = c.pool.empty() ? "" : " " + c.pool.substr(0, c.pool.find('.'));
    const std::string action = cmdlet_action(c.cmdlet);
    const std::string span = "  " + format_seconds(static_cast<double>((c.end_us >= 0 ? c.end_us : m.end_us) - c.start_us) / 1e6);
    const std::vector<std::string> labels = {
        c.cmdlet + pool + (c.is_disaster_mode ? " -DisasterMode" : "") + span,
        c.cmdlet + pool + span, c.cmdlet + pool, action + pool + span, action + pool, action,
        action.substr(0, action.find(' '))};
    if (const std::string* label = fitting(labels, x1 - x0, text)) {
      out.texts.push_back({std::max(x0, 0.0f) + 3, yb - text.line_h_px - 1, palette::kBracket, *label, x1});
    }
  }
  for (const CmdletError& e : m.cmdlet_errors) {
    const float x = v.x_of(e.t_us), y = l.runbook_y + l.runbook_h - 8;
    out.lines.push_back({x - 4, y - 4, x + 4, y + 4, palette::kCmdletError, 2});
    out.lines.push_back({x - 4, y + 4, x + 4, y - 4, palette::kCmdletError, 2});
  }
}

void prepare_stages(const TimelineModel& m, const Ghost& ghost, const TimeView& v,
                    const HeaderLayout& l, const TextMetrics& text, DrawList& out) {
  const float y0 = l.stages_y, y1 = l.stages_y + l.stages_h;
  const float ghost_h = ghost.model != nullptr ? 4 : 0;
  for (const IncidentSpan& s : m.incidents) {
    if (!s.has_stages) continue;
    for (int k = 0; k < kStageCount; ++k) {
      const float x0 = v.x_of(s.stage_us[static_cast<size_t>(k)]);
      const float x1 = v.x_of(s.stage_us[static_cast<size_t>(k) + 1]);
      if (x1 <= x0 || x1 < 0 || x0 > v.width_px) continue;
      out.rects.push_back({x0, y0, x1, y1 - ghost_h, kStageColors[k]});
      if (x1 - x0 < kMinLabelPx) continue;
      const std::string name = stage_name(k);
      const std::string with_time =
          name + " " + format_seconds(static_cast<double>(s.stage_us[static_cast<size_t>(k) + 1] -
                                                          s.stage_us[static_cast<size_t>(k)]) / 1e6);
      const std::vector<std::string> labels = {with_time, name};
      if (const std::string* label = fitting(labels, x1 - x0, text)) {
        out.texts.push_back({std::max(x0, 0.0f) + 3, y0 + (y1 - ghost_h - y0 - text.line_h_px) / 2,
                             rgba(20, 22, 26), *label, x1});
      }
    }
  }
  if (ghost.model == nullptr) return;
  for (const IncidentSpan& s : ghost.model->incidents) {
    if (!s.has_stages) continue;
    for (size_t k = 0; k < kStageCount; ++k) {
      out.rects.push_back({v.x_of(s.stage_us[k]), y1 - ghost_h + 1, v.x_of(s.stage_us[k + 1]), y1,
                           with_alpha(kStageColors[k], palette::kGhostAlpha)});
    }
  }
}
}  // namespace

std::vector<uint8_t> default_collapsed(const TimelineModel& m) {
  std::vector<uint8_t> collapsed;
  for (const LaneGroup& g : m.groups) collapsed.push_back(g.is_quiet && g.lanes.size() > 4);
  return collapsed;
}

std::vector<Row> layout_rows(const TimelineModel& m, const std::vector<uint8_t>& collapsed,
                             const RowHeights& heights) {
  DRSIM_CHECK(collapsed.size() == m.groups.size(), "layout_rows: one collapsed flag per group");
  std::vector<Row> rows;
  float y = 0;
  for (size_t g = 0; g < m.groups.size(); ++g) {
    rows.push_back({RowKind::kGroup, static_cast<int>(g), y, heights.group});
    y += heights.group;
    if (collapsed[g] != 0) continue;
    const LaneKind kind = m.groups[g].kind;
    const float h = kind == LaneKind::kPool                                                ? heights.pool
                    : kind == LaneKind::kFrontEnd || kind == LaneKind::kRoutingGroup ? heights.member
                                                                                           : heights.lane;
    for (int lane : m.groups[g].lanes) {
      rows.push_back({RowKind::kLane, lane, y, h});
      y += h;
    }
  }
  return rows;
}

int row_at(const std::vector<Row>& rows, float y) {
  auto it = std::upper_bound(rows.begin(), rows.end(), y, [](float v, const Row& r) { return v < r.y; });
  if (it == rows.begin()) return -1;
  --it;
  return y < it->y + it->h ? static_cast<int>(it - rows.begin()) : -1;
}

Ghost map_ghost(const TimelineModel& current, const TimelineModel* previous) {
  Ghost g;
  g.model = previous;
  if (previous == nullptr) return g;
  for (const Lane& l : current.lanes) g.lane_of.push_back(previous->find_lane(l.kind, l.subject));
  return g;
}

void prepare_header(const TimelineModel& m, const Ghost& ghost, const TimelineState& state,
                    const TimeView& v, const HeaderLayout& l, const TextMetrics& text,
                    DrawList& out) {
  prepare_overview(m, v, l, out);
  const float axis_bottom = l.axis_y + l.axis_h;
  for (const Tick& t : axis_ticks(v, 90)) {
    out.lines.push_back({t.x, axis_bottom - 5, t.x, axis_bottom, palette::kAxisText});
    out.texts.push_back({t.x + 3, l.axis_y + 2, palette::kAxisText, t.label});
  }
  out.lines.push_back({0, axis_bottom, v.width_px, axis_bottom, palette::kGrid});
  const Ghost* shown = state.show_ghost ? &ghost : nullptr;
  const Ghost none;
  prepare_incidents(m, shown != nullptr ? *shown : none, state, v, l, text, out);
  prepare_runbook(m, v, l, text, out);
  prepare_stages(m, shown != nullptr ? *shown : none, v, l, text, out);
  if (state.cursor_us >= v.t0_us && state.cursor_us <= v.t1_us) {
    const float x = v.x_of(state.cursor_us);
    out.lines.push_back({x, l.axis_y, x, l.height(), palette::kCursor, 1.5f});
    const std::string label = format_clock(state.cursor_us, 1'000'000);
    const float w = text.width(label) + 8;
    const float bx = std::clamp(x - w / 2, 0.0f, std::max(v.width_px - w, 0.0f));
    out.rects.push_back({bx, l.axis_y, bx + w, l.axis_y + text.line_h_px + 4, palette::kCursor});
    out.texts.push_back({bx + 4, l.axis_y + 2, rgba(20, 22, 26), label});
  }
}

void prepare_lanes(const TimelineModel& m, const Ghost& ghost, const TimelineState& state,
                   const TimeView& v, const std::vector<Row>& rows, const std::vector<Tick>& ticks,
                   float y_min, float y_max, const TextMetrics& text, DrawList& out) {
  const bool has_ghost = state.show_ghost && ghost.model != nullptr;
  auto first = std::upper_bound(rows.begin(), rows.end(), y_min,
                                [](float y, const Row& r) { return y < r.y + r.h; });
  float y_end = y_min;
  for (auto it = first; it != rows.end() && it->y < y_max; ++it) {
    const Row& r = *it;
    y_end = r.y + r.h;
    if (r.kind == RowKind::kGroup) {
      out.rects.push_back({0, r.y, v.width_px, r.y + r.h, palette::kGroupBackground});
      const LaneGroup& g = m.groups[static_cast<size_t>(r.index)];
      if (state.collapsed[static_cast<size_t>(r.index)] != 0) {
        prepare_state_band(g.summary, m.end_us, v, r.y + 6, r.y + r.h - 6, 0.8f, nullptr, out);
      }
      continue;
    }
    const bool is_odd = ((it - rows.begin()) & 1) != 0;
    out.rects.push_back({0, r.y, v.width_px, r.y + r.h,
                         is_odd ? palette::kLaneBackgroundAlt : palette::kLaneBackground});
    const Lane& lane = m.lanes[static_cast<size_t>(r.index)];
    const int ghost_lane = has_ghost ? ghost.lane_of[static_cast<size_t>(r.index)] : -1;
    const float bottom = r.y + r.h - (ghost_lane >= 0 ? 5.0f : 1.0f);
    const TextMetrics* labels = r.h >= 16 ? &text : nullptr;
    if (lane.mix >= 0) {
      // A pool: its state on top, tall enough for a label; its users by service level below.
      const float split = r.y + 1 + std::min(text.line_h_px + 3, (bottom - r.y - 1) / 2);
      prepare_state_band(lane.states, m.end_us, v, r.y + 1, split, 1.0f, &text, out);
      prepare_mix_band(m.pool_mixes[static_cast<size_t>(lane.mix)], m.end_us, v, split + 1, bottom, 0, 1.0f, out);
    } else {
      prepare_state_band(lane.states, m.end_us, v, r.y + 1, bottom, 1.0f, labels, out);
    }
    if (ghost_lane >= 0) {
      const Lane& gl = ghost.model->lanes[static_cast<size_t>(ghost_lane)];
      prepare_state_band(gl.states, ghost.model->end_us, v, bottom + 1, r.y + r.h - 1,
                         palette::kGhostAlpha, nullptr, out);
    }
  }
  for (const Tick& t : ticks) out.lines.push_back({t.x, y_min, t.x, y_end, palette::kGrid});
  if (state.cursor_us >= v.t0_us && state.cursor_us <= v.t1_us) {
    const float x = v.x_of(state.cursor_us);
    out.lines.push_back({x, y_min, x, y_end, palette::kCursor, 1.5f});
  }
}

int incident_at(const TimelineModel& m, const TimeView& v, float x, float slack_px) {
  for (size_t k = m.incidents.size(); k-- > 0;) {
    const IncidentSpan& s = m.incidents[k];
    const float x0 = v.x_of(s.start_us), x1 = std::max(v.x_of(incident_end(m, s)), x0 + 2);
    if (x >= x0 - slack_px && x <= x1 + slack_px) return static_cast<int>(k);
  }
  return -1;
}

int cmdlet_at(const TimelineModel& m, const TimeView& v, float x, float slack_px) {
  for (size_t k = m.cmdlets.size(); k-- > 0;) {
    const CmdletSpan& c = m.cmdlets[k];
    const float x0 = v.x_of(c.start_us), x1 = v.x_of(c.end_us >= 0 ? c.end_us : m.end_us);
    if (x >= x0 - slack_px && x <= x1 + slack_px) return static_cast<int>(k);
  }
  return -1;
}

int cmdlet_error_at(const TimelineModel& m, const TimeView& v, float x, float slack_px) {
  for (size_t k = 0; k < m.cmdlet_errors.size(); ++k) {
    const float ex = v.x_of(m.cmdlet_errors[k].t_us);
    if (x >= ex - slack_px && x <= ex + slack_px) return static_cast<int>(k);
  }
  return -1;
}

}  // namespace drsim::viz
