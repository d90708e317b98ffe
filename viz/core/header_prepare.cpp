// The timeline header's frame prepare; see header_prepare.h.
#include "viz/core/header_prepare.h"

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
// Narrower than this, a bracket is only its two ticks: the stage bar below says it all.
constexpr float kMinBracketPx = 3;

// The first label among `candidates` that fits in `width`, or nullptr.
const std::string* fitting(const std::vector<std::string>& candidates, float width,
                           const TextMetrics& text) {
  for (const std::string& c : candidates) {
    if (text.width(c) + 6 <= width) return &c;
  }
  return nullptr;
}

// Level of detail along one row of items in time order: an item that ends within a pixel
// of what the row has already drawn adds nothing visible.
struct RowCull {
  float drawn_x1 = -1e9f;
  bool adds(float x1) const { return x1 > drawn_x1 + 1; }
  void add(float x1) { drawn_x1 = std::max(drawn_x1, x1); }
};

bool is_off_view(float x0, float x1, const TimeView& v) { return x1 < 0 || x0 > v.width_px; }

// A bracket over [x0, x1] in a level `top`..`top + h`: a horizontal line near the bottom of
// the level and a tick down to its bottom at each end.
void bracket(float x0, float x1, float inset, float top, float h, uint32_t color, DrawList& out) {
  const float yb = top + h - 5;
  out.lines.push_back({x0 + inset, yb, x1 - inset, yb, color, 1.5f});
  out.lines.push_back({x0 + inset, yb, x0 + inset, top + h, color, 1.5f});
  out.lines.push_back({x1 - inset, yb, x1 - inset, top + h, color, 1.5f});
}

void prepare_overview(const TimelineModel& m, const TimeView& v, const HeaderLayout& l,
                      DrawList& out) {
  const TimeView all{0, m.end_us, v.width_px};
  const float y0 = l.overview_y, y1 = l.overview_y + l.overview_h;
  out.rects.push_back({0, y0, v.width_px, y1, palette::kLaneBackground});
  prepare_mix_band(m.total_users, m.end_us, all, y0 + 1, y1 - 1, 0, 1.0f, out);
  // One marker per two pixels at most: a year's thousands of incidents are a row of them.
  float last_x = -1e9f;
  for (const IncidentSpan& s : m.incidents) {
    const float x = all.x_of(s.start_us);
    if (x - last_x < 2) continue;
    last_x = x;
    out.tris.push_back({x - 4, y0, x + 4, y0, x, y0 + 6, palette::kIncident});
  }
  // Dim what lies outside the visible range and frame the range itself.
  const float a = all.x_of(v.t0_us), b = std::max(all.x_of(v.t1_us), a + 3);
  const uint32_t dim = rgba(0, 0, 0, 120);
  out.rects.push_back({0, y0, a, y1, dim});
  out.rects.push_back({b, y0, v.width_px, y1, dim});
  out.rects.push_back({a, y0, b, y1, palette::kViewWindow, true});
}

// The axis ticks, leaving out the labels the cursor's time label would cover.
void prepare_axis(const TimeView& v, const HeaderLayout& l, const TextMetrics& text,
                  int64_t cursor_us, DrawList& out) {
  float cursor_x0 = 1e9f, cursor_x1 = -1e9f;
  if (cursor_us >= v.t0_us && cursor_us <= v.t1_us) {
    const float x = v.x_of(cursor_us);
    const float w = text.width(format_clock(cursor_us, 1'000'000)) + 8;
    cursor_x0 = std::clamp(x - w / 2, 0.0f, std::max(v.width_px - w, 0.0f));
    cursor_x1 = cursor_x0 + w;
  }
  const float axis_bottom = l.axis_y + l.axis_h;
  for (const Tick& t : axis_ticks(v, 90)) {
    out.lines.push_back({t.x, axis_bottom - 5, t.x, axis_bottom, palette::kAxisText});
    const float x0 = t.x + 3, x1 = x0 + text.width(t.label);
    if (x1 + 2 < cursor_x0 || x0 - 2 > cursor_x1)
      out.texts.push_back({x0, l.axis_y + 2, palette::kAxisText, t.label});
  }
  out.lines.push_back({0, axis_bottom, v.width_px, axis_bottom, palette::kGrid});
}

void prepare_incidents(const TimelineModel& m, const Ghost& ghost, const TimelineState& st,
                       const TimeView& v, const HeaderLayout& l, const TextMetrics& text,
                       DrawList& out) {
  const int rows = l.incident_rows;
  auto row_of = [rows](const IncidentSpan& s) { return std::clamp(s.row, 0, rows - 1); };
  if (ghost.model != nullptr) {
    // The previous run's incidents: a strip along the bottom of their sub-row.
    std::array<RowCull, kMaxIncidentRows> cull;
    for (const IncidentSpan& s : ghost.model->incidents) {
      const float x0 = v.x_of(s.start_us),
                  x1 = std::max(v.x_of(incident_bar_end_us(*ghost.model, s)), x0 + 1);
      const int row = row_of(s);
      if (is_off_view(x0, x1, v) || !cull[static_cast<size_t>(row)].adds(x1)) continue;
      cull[static_cast<size_t>(row)].add(x1);
      const float y1 = l.incident_row_y(row) + l.incident_row_h;
      out.rects.push_back(
          {x0, y1 - 3, x1, y1, with_alpha(palette::kIncident, palette::kGhostAlpha)});
    }
  }
  std::array<RowCull, kMaxIncidentRows> cull, marker;
  auto draw = [&](size_t k) {
    const IncidentSpan& s = m.incidents[k];
    const float x0 = v.x_of(s.start_us), x1 = std::max(v.x_of(incident_bar_end_us(m, s)), x0 + 2);
    const bool is_selected = static_cast<int>(k) == st.selected_incident;
    const auto row = static_cast<size_t>(row_of(s));
    if (is_off_view(x0, x1, v)) return;
    if (!is_selected && !cull[row].adds(x1)) return;  // inside pixels already drawn
    cull[row].add(x1);
    const uint32_t color = is_selected ? palette::kIncidentSelected : palette::kIncident;
    const float y0 = l.incident_row_y(static_cast<int>(row)), y1 = y0 + l.incident_row_h;
    out.rects.push_back({x0, y0 + 2, x1, y1 - 4, color});
    // The start marker, one per few pixels (selected always).
    if (is_selected || marker[row].adds(x0 + 2)) {
      marker[row].add(x0 + 2);
      out.tris.push_back({x0 - 5, y0, x0 + 5, y0, x0, y0 + 8, color});
    }
    if (x1 - x0 < kMinLabelPx) return;  // no label fits: build none (a long log has many)
    const std::vector<std::string> labels = {
        "incident " + std::to_string(s.id) + ": " + s.disruption + " " + s.cause,
        "#" + std::to_string(s.id)};
    if (const std::string* label = fitting(labels, x1 - x0, text)) {
      out.texts.push_back({std::max(x0, 0.0f) + 4, y0 + 2 + (y1 - y0 - 6 - text.line_h_px) / 2,
                           rgba(20, 22, 26), *label, x1});
    }
  };
  for (size_t k = 0; k < m.incidents.size(); ++k) {
    if (static_cast<int>(k) != st.selected_incident) draw(k);
  }
  // The selected incident last, on top of whatever shares its pixels.
  if (st.selected_incident >= 0 && st.selected_incident < static_cast<int>(m.incidents.size())) {
    draw(static_cast<size_t>(st.selected_incident));
  }
}

// Calls each(k) for the incidents with stages whose span is in view and adds something
// visible, the selected one last.
template <class Each>
void for_staged_incidents(const TimelineModel& m, const TimeView& v, int selected, Each each) {
  RowCull cull;
  for (size_t k = 0; k < m.incidents.size(); ++k) {
    const IncidentSpan& s = m.incidents[k];
    if (!s.has_stages || static_cast<int>(k) == selected) continue;
    const float x0 = v.x_of(s.stage_us[0]), x1 = v.x_of(s.stage_us[kStageCount]);
    if (x1 <= x0 || is_off_view(x0, x1, v) || !cull.adds(x1)) continue;
    cull.add(x1);
    each(s);
  }
  if (selected >= 0 && selected < static_cast<int>(m.incidents.size()) &&
      m.incidents[static_cast<size_t>(selected)].has_stages) {
    each(m.incidents[static_cast<size_t>(selected)]);
  }
}

// Level 0 of the runbook lane: what the admin and the runbook did in each stage, one bracket
// exactly over each stage's bar.
void prepare_stage_brackets(const TimelineModel& m, const TimelineState& st, const TimeView& v,
                            const HeaderLayout& l, const TextMetrics& text, DrawList& out) {
  const float top = l.runbook_level_y(0), h = l.runbook_level_h;
  for_staged_incidents(m, v, st.selected_incident, [&](const IncidentSpan& s) {
    for (size_t k = 0; k < kStageCount; ++k) {
      const float x0 = v.x_of(s.stage_us[k]), x1 = v.x_of(s.stage_us[k + 1]);
      if (x1 - x0 < kMinBracketPx || is_off_view(x0, x1, v)) continue;
      // The ticks sit on the stage's ends; the line stops short of them so that touching
      // brackets read as separate.
      out.lines.push_back({x0 + 2, top + h - 5, x1 - 2, top + h - 5, palette::kStageBracket, 1.5f});
      out.lines.push_back({x0, top + h - 5, x0, top + h, palette::kStageBracket, 1.5f});
      out.lines.push_back({x1, top + h - 5, x1, top + h, palette::kStageBracket, 1.5f});
      if (x1 - x0 < kMinLabelPx) continue;
      const std::vector<std::string> labels =
          stage_action_labels(static_cast<int>(k), s.cmdlet_count);
      if (const std::string* label = fitting(labels, x1 - x0, text)) {
        out.texts.push_back({std::max(x0, 0.0f) + 3, top + h - 5 - text.line_h_px + 1,
                             palette::kStageBracket, *label, x1});
      }
    }
  });
}

// Levels 1 and 2 of the runbook lane: one bracket per cmdlet, overlapping ones on separate
// levels; a cross where a cmdlet failed.
void prepare_cmdlets(const TimelineModel& m, const TimeView& v, const HeaderLayout& l,
                     const TextMetrics& text, DrawList& out) {
  const float h = l.runbook_level_h;
  float level_end[2] = {-1e9f, -1e9f};
  for (const CmdletSpan& c : m.cmdlets) {
    const float x0 = v.x_of(c.start_us);
    const float x1 = std::max(v.x_of(c.end_us >= 0 ? c.end_us : m.end_us), x0 + 3);
    if (is_off_view(x0, x1, v)) continue;
    if (x1 <= std::min(level_end[0], level_end[1]) + 1) continue;  // inside drawn brackets
    const int level = x0 >= level_end[0] - 0.5f ? 0 : 1;
    level_end[level] = x1;
    // Touching brackets (one cmdlet right after another) are inset so that each keeps its
    // own ends.
    const float top = l.runbook_level_y(1 + level);
    bracket(x0, x1, x1 - x0 > 8 ? 2.0f : 0.0f, top, h, palette::kBracket, out);
    if (x1 - x0 < kMinLabelPx) continue;
    const std::string pool = c.pool.empty() ? "" : " " + c.pool.substr(0, c.pool.find('.'));
    const std::string action = cmdlet_action(c.cmdlet);
    const std::string span =
        "  " + format_seconds(
                   static_cast<double>((c.end_us >= 0 ? c.end_us : m.end_us) - c.start_us) / 1e6);
    const std::vector<std::string> labels = {
        c.cmdlet + pool + (c.is_disaster_mode ? " -DisasterMode" : "") + span,
        c.cmdlet + pool + span,
        c.cmdlet + pool,
        action + pool + span,
        action + pool,
        action,
        action.substr(0, action.find(' '))};
    if (const std::string* label = fitting(labels, x1 - x0, text)) {
      out.texts.push_back({std::max(x0, 0.0f) + 3, top + h - 5 - text.line_h_px + 1,
                           palette::kBracket, *label, x1});
    }
  }
  RowCull cull;
  const float y = l.runbook_level_y(1) + h - 8;
  for (const CmdletError& e : m.cmdlet_errors) {
    const float x = v.x_of(e.t_us);
    if (is_off_view(x - 4, x + 4, v) || !cull.adds(x + 4)) continue;
    cull.add(x + 2);  // crosses may overlap by half
    out.lines.push_back({x - 4, y - 4, x + 4, y + 4, palette::kCmdletError, 2});
    out.lines.push_back({x - 4, y + 4, x + 4, y - 4, palette::kCmdletError, 2});
  }
}

void prepare_stages(const TimelineModel& m, const Ghost& ghost, const TimelineState& st,
                    const TimeView& v, const HeaderLayout& l, const TextMetrics& text,
                    DrawList& out) {
  const float y0 = l.stages_y, y1 = l.stages_y + l.stages_h;
  const float ghost_h = ghost.model != nullptr ? 4 : 0;
  for_staged_incidents(m, v, st.selected_incident, [&](const IncidentSpan& s) {
    for (int k = 0; k < kStageCount; ++k) {
      const float x0 = v.x_of(s.stage_us[static_cast<size_t>(k)]);
      const float x1 = v.x_of(s.stage_us[static_cast<size_t>(k) + 1]);
      if (x1 <= x0 || is_off_view(x0, x1, v)) continue;
      out.rects.push_back({x0, y0, x1, y1 - ghost_h, kStageColors[k]});
      if (x1 - x0 < kMinLabelPx) continue;
      const std::string name = stage_name(k);
      const std::string with_time =
          name + " " +
          format_seconds(static_cast<double>(s.stage_us[static_cast<size_t>(k) + 1] -
                                             s.stage_us[static_cast<size_t>(k)]) /
                         1e6);
      const std::vector<std::string> labels = {with_time, name};
      if (const std::string* label = fitting(labels, x1 - x0, text)) {
        out.texts.push_back({std::max(x0, 0.0f) + 3, y0 + (y1 - ghost_h - y0 - text.line_h_px) / 2,
                             rgba(20, 22, 26), *label, x1});
      }
    }
  });
  if (ghost.model == nullptr) return;
  for_staged_incidents(*ghost.model, v, -1, [&](const IncidentSpan& s) {
    for (size_t k = 0; k < kStageCount; ++k) {
      const float x0 = v.x_of(s.stage_us[k]), x1 = v.x_of(s.stage_us[k + 1]);
      if (x1 <= x0) continue;
      out.rects.push_back(
          {x0, y1 - ghost_h + 1, x1, y1, with_alpha(kStageColors[k], palette::kGhostAlpha)});
    }
  });
}
}  // namespace

HeaderLayout::HeaderLayout(int rows) {
  DRSIM_CHECK(rows >= 1 && rows <= kMaxIncidentRows,
              "HeaderLayout: 1 to kMaxIncidentRows incident rows");
  incident_rows = rows;
  incidents_h = incident_row_h * static_cast<float>(rows);
  runbook_y = incidents_y + incidents_h + 2;
  runbook_h = 3 * runbook_level_h;
  stages_y = runbook_y + runbook_h + 2;
}

int HeaderLayout::incident_row_at(float y) const {
  if (y < incidents_y || y >= incidents_y + incidents_h) return -1;
  return std::min(static_cast<int>((y - incidents_y) / incident_row_h), incident_rows - 1);
}

float HeaderLayout::runbook_level_y(int level) const {
  DRSIM_CHECK(level >= 0 && level < 3, "runbook_level_y: levels 0 to 2");
  return runbook_y + static_cast<float>(2 - level) * runbook_level_h;
}

std::vector<std::string> stage_action_labels(int stage, int cmdlets) {
  switch (stage) {
    case kStageDetect:
      return {"the admin notices", "admin notices", "notices"};
    case kStageDecide:
      return {"the admin decides", "admin decides", "decides"};
    case kStageExecute: {
      const std::string n = std::to_string(cmdlets) + (cmdlets == 1 ? " cmdlet" : " cmdlets");
      return {"the runbook runs: " + n, "runbook: " + n, "runbook"};
    }
    case kStageClientsBack:
      return {"the clients reconnect", "clients reconnect", "clients"};
    default:
      DRSIM_CHECK(false, "stage_action_labels: not an RTO stage");
      return {};
  }
}

void prepare_header(const TimelineModel& m, const Ghost& ghost, const TimelineState& state,
                    const TimeView& v, const HeaderLayout& l, const TextMetrics& text,
                    DrawList& out) {
  prepare_overview(m, v, l, out);
  prepare_axis(v, l, text, state.cursor_us, out);
  const Ghost none;
  const Ghost& shown = state.show_ghost ? ghost : none;
  prepare_incidents(m, shown, state, v, l, text, out);
  prepare_stage_brackets(m, state, v, l, text, out);
  prepare_cmdlets(m, v, l, text, out);
  prepare_stages(m, shown, state, v, l, text, out);
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

int incident_at(const TimelineModel& m, const TimeView& v, float x, int row, float slack_px) {
  for (size_t k = m.incidents.size(); k-- > 0;) {
    const IncidentSpan& s = m.incidents[k];
    if (row >= 0 && s.row != row) continue;
    const float x0 = v.x_of(s.start_us), x1 = std::max(v.x_of(incident_bar_end_us(m, s)), x0 + 2);
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
