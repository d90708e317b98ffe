// The timeline window: toolbar, fixed header (whole run, axis, incidents, runbook over the
// RTO stages), scrolling lanes with their labels, legend. Every shape comes from the pure
// prepare steps in viz/core; this file places them, handles the mouse and writes labels.
#include <algorithm>
#include <cmath>

#include "viz/core/format.h"
#include "viz/ui/app.h"
#include "viz/ui/draw.h"

namespace drsim::viz::ui {

namespace {
constexpr float kLabelWidth = 330;

ImVec2 add(ImVec2 a, float x, float y) { return ImVec2(a.x + x, a.y + y); }
}  // namespace

bool App::time_interaction(float origin_x, float* click_x) {
  const ImGuiIO& io = ImGui::GetIO();
  const TimeView v = view(time_w_);
  const int64_t end = model().end_us;
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
    const TimeView z = zoom_view(v, io.MousePos.x - origin_x, std::pow(0.8, io.MouseWheel), end);
    state_.t0_us = z.t0_us;
    state_.t1_us = z.t1_us;
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    const TimeView p = pan_view(v, io.MouseDelta.x, end);
    state_.t0_us = p.t0_us;
    state_.t1_us = p.t1_us;
  }
  if (ImGui::IsItemDeactivated() && io.MouseDragMaxDistanceSqr[0] < 4.0f * 4.0f) {
    *click_x = io.MousePos.x - origin_x;
    return true;
  }
  return false;
}

void App::timeline_window() {
  timeline_toolbar();
  // The lanes below scroll: their scrollbar is kept out of the time area, so that the
  // header and the lanes end at the same instant on the same pixel.
  time_w_ = std::max(ImGui::GetContentRegionAvail().x - kLabelWidth - ImGui::GetStyle().ScrollbarSize, 100.0f);
  timeline_header(kLabelWidth, time_w_);
  // The legend wraps to a second line in narrow windows.
  const float legend_lines = ImGui::GetContentRegionAvail().x < 1900 ? 2.0f : 1.0f;
  const float legend_h = legend_lines * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y + 2;
  timeline_lanes(kLabelWidth, time_w_, ImGui::GetContentRegionAvail().y - legend_h);
  legend();
}

void App::timeline_toolbar() {
  const TimelineModel& m = model();
  if (ImGui::Button("Whole run")) {
    state_.t0_us = 0;
    state_.t1_us = m.end_us;
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(state_.selected_incident < 0);
  if (ImGui::Button("Zoom to incident")) select_incident(state_.selected_incident, true);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Expand all")) std::fill(state_.collapsed.begin(), state_.collapsed.end(), 0);
  ImGui::SameLine();
  if (ImGui::Button("Collapse quiet")) state_.collapsed = default_collapsed(m);
  if (session_.previous() != nullptr) {
    ImGui::SameLine();
    ImGui::Checkbox("Ghost of previous run", &state_.show_ghost);
  }
  ImGui::SameLine(0, 24);
  ImGui::Text("%s  \xC2\xB7  %s records", session_.current().title.c_str(),
              format_count(static_cast<int64_t>(m.record_count)).c_str());
  ImGui::SameLine(0, 24);
  ImGui::TextDisabled("wheel: zoom   drag: pan   click: set cursor, select incident");
}

void App::timeline_header(float label_w, float time_w) {
  const TimelineModel& m = model();
  const HeaderLayout hl;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  struct {
    float y, h;
    const char* name;
  } const kRows[] = {{hl.overview_y, hl.overview_h, "Whole run (all users)"},
                     {hl.axis_y, hl.axis_h, "Time of day"},
                     {hl.incidents_y, hl.incidents_h, "Incidents"},
                     {hl.runbook_y, hl.runbook_h, "Runbook cmdlets"},
                     {hl.stages_y, hl.stages_h, "RTO stages"}};
  for (const auto& r : kRows) {
    dl->AddText(add(p, 8, r.y + (r.h - lh) / 2), palette::kAxisText, r.name);
  }
  const ImVec2 origin = add(p, label_w, 0);
  time_x_ = origin.x;
  incidents_y_ = origin.y + hl.incidents_y + hl.incidents_h / 2;
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("header", ImVec2(time_w, hl.height()));
  float click_x = 0;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const float my = mouse.y - origin.y;
  const bool in_overview = my < hl.overview_y + hl.overview_h + 2;
  const TimeView whole{0, m.end_us, time_w};
  if (ImGui::IsItemActive() && in_overview && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    // Dragging in the overview moves the visible window over the whole run.
    const TimeView c = center_view(view(time_w), whole.t_of(mouse.x - origin.x), m.end_us);
    state_.t0_us = c.t0_us;
    state_.t1_us = c.t1_us;
  } else if (time_interaction(origin.x, &click_x)) {
    // A click on an incident selects it; anywhere else below the overview it moves the cursor.
    const TimeView v = view(time_w);
    const bool in_incidents = my >= hl.incidents_y && my < hl.incidents_y + hl.incidents_h;
    const int k = in_incidents ? incident_at(m, v, click_x, 3) : -1;
    if (k >= 0) select_incident(k, false);
    state_.cursor_us = v.t_of(click_x);
  }
  const TimeView v = view(time_w);
  scratch_.clear();
  prepare_header(m, session_.ghost(), state_, v, hl, text_metrics(), scratch_);
  draw(dl, scratch_, origin, origin, add(origin, time_w, hl.height()));

  if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) {
    const float x = mouse.x - origin.x;
    if (my >= hl.runbook_y && my < hl.runbook_y + hl.runbook_h) {
      const int e = cmdlet_error_at(m, v, x, 5);
      const int c = cmdlet_at(m, v, x, 2);
      if (e >= 0) {
        const CmdletError& err = m.cmdlet_errors[static_cast<size_t>(e)];
        ImGui::SetTooltip("%s %s failed at %s\n%s\ncost %s", err.cmdlet.c_str(), err.pool.c_str(),
                          format_clock(err.t_us, 1'000'000).c_str(), err.error.c_str(),
                          format_seconds(err.cost_s).c_str());
      } else if (c >= 0) {
        const CmdletSpan& s = m.cmdlets[static_cast<size_t>(c)];
        ImGui::SetTooltip("%s %s%s\n%s to %s", s.cmdlet.c_str(), s.pool.c_str(),
                          s.is_disaster_mode ? " -DisasterMode" : "",
                          format_clock(s.start_us, 1'000'000).c_str(),
                          s.end_us >= 0 ? format_clock(s.end_us, 1'000'000).c_str() : "(still running)");
      }
    } else if (my >= hl.incidents_y && my < hl.incidents_y + hl.incidents_h) {
      const int k = incident_at(m, v, x, 3);
      if (k >= 0) {
        const IncidentSpan& s = m.incidents[static_cast<size_t>(k)];
        ImGui::SetTooltip("incident %d: %s %s\nstarted %s\nclick to select", s.id, s.disruption.c_str(),
                          s.cause.c_str(), format_clock(s.start_us, 1'000'000).c_str());
      }
    }
  }
  ImGui::SetCursorScreenPos(add(p, 0, hl.height()));
}

void App::lane_label(const Row& row, ImVec2 at, float label_w) {
  const TimelineModel& m = model();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  const int64_t t = state_.cursor_us >= 0 ? state_.cursor_us : state_.t0_us;
  if (row.kind == RowKind::kGroup) {
    const LaneGroup& g = m.groups[static_cast<size_t>(row.index)];
    const bool is_collapsed = state_.collapsed[static_cast<size_t>(row.index)] != 0;
    const float cy = at.y + row.h / 2;
    if (is_collapsed) {
      dl->AddTriangleFilled(ImVec2(at.x + 8, cy - 5), ImVec2(at.x + 8, cy + 5), ImVec2(at.x + 15, cy), palette::kAxisText);
    } else {
      dl->AddTriangleFilled(ImVec2(at.x + 6, cy - 3), ImVec2(at.x + 16, cy - 3), ImVec2(at.x + 11, cy + 4), palette::kAxisText);
    }
    const std::string title = g.title + "  (" + std::to_string(g.lanes.size()) + ")";
    dl->AddText(ImVec2(at.x + 22, at.y + (row.h - lh) / 2), IM_COL32(235, 237, 240, 255), title.c_str());
    if (is_collapsed) {
      const State s = g.summary.at(t);
      const char* name = state_info(s).name;
      const float w = ImGui::CalcTextSize(name).x;
      dl->AddText(ImVec2(at.x + label_w - w - 10, at.y + (row.h - lh) / 2), lighten(state_color(s), 0.35f), name);
    }
    ImGui::SetCursorScreenPos(at);
    ImGui::PushID(row.index);
    if (ImGui::InvisibleButton("group", ImVec2(label_w, row.h))) {
      state_.collapsed[static_cast<size_t>(row.index)] ^= 1;
    }
    ImGui::PopID();
    return;
  }
  const Lane& lane = m.lanes[static_cast<size_t>(row.index)];
  const bool is_member = lane.kind == LaneKind::kFrontEnd || lane.kind == LaneKind::kRoutingGroup;
  ImFont* font = is_member && small_font_ != nullptr ? small_font_ : ImGui::GetFont();
  const float size = is_member && small_font_ != nullptr ? small_font_->FontSize : ImGui::GetFontSize();
  const State s = lane.states.at(t);
  const std::string state_text = describe_at(m, lane, t);
  const ImU32 name_color = IM_COL32(215, 218, 224, 255);
  // A chip of the state's colour at the right edge, the state's words left of it.
  const float chip = std::min(row.h - 6, 10.0f);
  const float chip_x = at.x + label_w - chip - 8;
  if (lane.mix >= 0) {
    // Pools are taller: the name on one line, where their users are on the next.
    dl->AddText(font, size, ImVec2(at.x + 14, at.y + 1), name_color, lane.label.c_str());
    dl->AddText(font, size, ImVec2(at.x + 24, at.y + row.h - size - 3), lighten(state_color(s), 0.35f),
                state_text.c_str());
  } else {
    const float ty = at.y + (row.h - size) / 2 - 1;
    dl->AddText(font, size, ImVec2(at.x + (is_member ? 28.0f : 14.0f), ty), name_color, lane.label.c_str());
    const float w = font->CalcTextSizeA(size, 1e9f, 0, state_text.c_str()).x;
    dl->AddText(font, size, ImVec2(chip_x - w - 6, ty), IM_COL32(175, 180, 190, 255), state_text.c_str());
  }
  const float cy = at.y + row.h / 2;
  dl->AddRectFilled(ImVec2(chip_x, cy - chip / 2), ImVec2(chip_x + chip, cy + chip / 2), state_color(s));
}

void App::timeline_lanes(float label_w, float time_w, float height) {
  const TimelineModel& m = model();
  const RowHeights heights{22, 21, 42, 15};
  const std::vector<Row> rows = layout_rows(m, state_.collapsed, heights);
  const float total_h = rows.empty() ? 1 : rows.back().y + rows.back().h;
  ImGui::BeginChild("lanes", ImVec2(0, std::max(height, 50.0f)), false, ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 p = ImGui::GetCursorScreenPos();  // content origin, scrolled
  const float scroll_y = ImGui::GetScrollY();
  const float visible_h = ImGui::GetWindowHeight();
  const ImVec2 origin = add(p, label_w, 0);
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("lanes_area", ImVec2(time_w, total_h));
  float click_x = 0;
  if (time_interaction(origin.x, &click_x)) state_.cursor_us = view(time_w).t_of(click_x);
  const bool is_area_hovered = ImGui::IsItemHovered();
  // The wheel zooms time over the lanes; over the labels it scrolls, as usual.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (ImGui::IsWindowHovered() && mouse.x < origin.x && ImGui::GetIO().MouseWheel != 0) {
    ImGui::SetScrollY(scroll_y - ImGui::GetIO().MouseWheel * 3 * heights.lane);
  }

  const TimeView v = view(time_w);
  scratch_.clear();
  prepare_lanes(m, session_.ghost(), state_, v, rows, axis_ticks(v, 90), scroll_y, scroll_y + visible_h,
                text_metrics(), scratch_);
  const ImVec2 win = ImGui::GetWindowPos();
  draw(ImGui::GetWindowDrawList(), scratch_, origin, ImVec2(origin.x, win.y),
       ImVec2(origin.x + time_w, win.y + visible_h));
  for (const Row& r : rows) {
    if (r.y + r.h < scroll_y || r.y > scroll_y + visible_h) continue;
    lane_label(r, add(p, 0, r.y), label_w);
  }
  if (is_area_hovered && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    const int r = row_at(rows, mouse.y - p.y);
    if (r >= 0 && rows[static_cast<size_t>(r)].kind == RowKind::kLane) {
      const Lane& lane = m.lanes[static_cast<size_t>(rows[static_cast<size_t>(r)].index)];
      const int64_t t = v.t_of(mouse.x - origin.x);
      ImGui::SetTooltip("%s\n%s  %s", lane.subject.c_str(), format_clock(t, 1'000'000).c_str(),
                        describe_at(m, lane, t).c_str());
    }
  }
  ImGui::EndChild();
}

void App::legend() {
  struct Entry {
    uint32_t color;
    const char* name;
  };
  // Each group stays on one line: it moves to the next line whole when it would not fit.
  auto group = [](const char* title, const std::vector<Entry>& entries, bool is_first) {
    const float h = ImGui::GetTextLineHeight();
    const ImGuiStyle& style = ImGui::GetStyle();
    float w = ImGui::CalcTextSize(title).x;
    for (const Entry& e : entries) w += style.ItemSpacing.x + h * 1.4f + 4 + ImGui::CalcTextSize(e.name).x;
    if (!is_first) {
      ImGui::SameLine(0, 20);
      const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
      if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    }
    ImGui::TextDisabled("%s", title);
    for (const Entry& e : entries) {
      ImGui::SameLine();
      color_chip(e.color, e.name);
    }
  };
  bool is_first = true;
  for (const LegendGroup& g : kLegend) {
    std::vector<Entry> entries;
    for (int i = 0; i < g.count; ++i) entries.push_back({state_color(g.states[i]), state_info(g.states[i]).name});
    group((std::string(g.title) + ":").c_str(), entries, is_first);
    is_first = false;
  }
  group("RTO:", {{palette::kStageDetect, "detect"}, {palette::kStageDecide, "decide"},
                 {palette::kStageExecute, "execute"}, {palette::kStageClientsBack, "clients back"}},
        false);
  if (session_.ghost().model != nullptr && state_.show_ghost) {
    group("", {{with_alpha(palette::kIncidentSelected, palette::kGhostAlpha), "thin strips: previous run"}}, false);
  }
}

}  // namespace drsim::viz::ui
