// The timeline window: toolbar, fixed header (whole run, axis, incidents, runbook over the
// RTO stages), scrolling lanes with their labels, legend. Every shape comes from the pure
// prepare steps in viz/core; this file places them, handles the mouse and writes labels.
#include <algorithm>
#include <cmath>

#include "viz/core/flow_layout.h"
#include "viz/core/format.h"
#include "viz/ui/app.h"
#include "viz/ui/draw.h"

namespace drsim::viz::ui {

namespace {
ImVec2 add(ImVec2 a, float x, float y) { return ImVec2(a.x + x, a.y + y); }

// The widest name of any state: the lanes' labels show one at the cursor.
float widest_state_name(const ImFont* font, float size) {
  float w = 0;
  for (const StateInfo& info : kStateInfo)
    w = std::max(w, font->CalcTextSizeA(size, 1e9f, 0, info.name).x);
  return w;
}
}  // namespace

float App::label_column_width(float window_w) const {
  // Sized from the content: the widest lane name (in the font it is drawn in) beside the
  // widest state name and its chip, and each group's title; within a share of the window.
  const TimelineModel& m = model();
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  ImFont* small = small_font_ != nullptr ? small_font_ : font;
  const float small_size = small_font_ != nullptr ? small_font_->FontSize : size;
  // The state names measured once a frame in each font, not once a lane.
  const float state_w_small = widest_state_name(small, small_size),
              state_w_font = widest_state_name(font, size);
  float w = 0;
  for (const Lane& lane : m.lanes) {
    const bool is_member = lane.kind == LaneKind::kFrontEnd || lane.kind == LaneKind::kRoutingGroup;
    const float name_w = is_member ? small->CalcTextSizeA(small_size, 1e9f, 0, lane.label.c_str()).x
                                   : font->CalcTextSizeA(size, 1e9f, 0, lane.label.c_str()).x;
    const float state_w = is_member ? state_w_small : state_w_font;
    // Indent, name, gap, state, gap, chip, margin (lane_label's layout).
    w = std::max(w, (is_member ? 28.0f : 14.0f) + name_w + 16 + state_w + 6 + 10 + 8);
  }
  for (const LaneGroup& g : m.groups) {
    const std::string title = g.title + "  (" + std::to_string(g.lanes.size()) + ")";
    w = std::max(w, 22 + ImGui::CalcTextSize(title.c_str()).x + 16 + state_w_font + 10);
  }
  return std::clamp(std::ceil(w), 200.0f, std::max(200.0f, std::floor(window_w * 0.3f)));
}

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
  const float label_w = label_column_width(ImGui::GetContentRegionAvail().x);
  time_w_ = std::max(ImGui::GetContentRegionAvail().x - label_w - ImGui::GetStyle().ScrollbarSize,
                     100.0f);
  timeline_header(label_w, time_w_);
  // The legend's groups flow onto as many lines as the width needs; its height is reserved
  // before the lanes take the rest.
  const std::vector<LegendItem> items = legend_items();
  std::vector<float> widths;
  for (const LegendItem& item : items) widths.push_back(item.width);
  const std::vector<int> lines = flow_lines(widths, ImGui::GetContentRegionAvail().x, kLegendGap);
  const float legend_lines = lines.empty() ? 0.0f : static_cast<float>(lines.back() + 1);
  const float legend_h =
      legend_lines * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y + 2;
  timeline_lanes(label_w, time_w_, ImGui::GetContentRegionAvail().y - legend_h);
  const ImVec2 legend_at = ImGui::GetCursorScreenPos();
  legend(items, lines);
  regions_.set("legend", legend_at.x, legend_at.y, legend_at.x + ImGui::GetContentRegionAvail().x,
               legend_at.y + legend_lines * ImGui::GetTextLineHeightWithSpacing());
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
  const HeaderLayout hl(m.incident_rows);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  struct {
    float y, h;
    const char* name;
  } const kRows[] = {{hl.overview_y, hl.overview_h, "Whole run (all users)"},
                     {hl.axis_y, hl.axis_h, "Time of day"},
                     {hl.incidents_y, hl.incidents_h, "Incidents"},
                     {hl.runbook_level_y(2), 2 * hl.runbook_level_h, "Runbook cmdlets"},
                     {hl.runbook_level_y(0), hl.runbook_level_h, "Admin, per stage"},
                     {hl.stages_y, hl.stages_h, "RTO stages"}};
  for (const auto& r : kRows) {
    dl->AddText(add(p, 8, r.y + (r.h - lh) / 2), palette::kAxisText, r.name);
  }
  const ImVec2 origin = add(p, label_w, 0);
  time_x_ = origin.x;
  incidents_y_ = origin.y + hl.incident_row_y(0) + hl.incident_row_h / 2;
  incident_row_h_ = hl.incident_row_h;
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
  } else if (time_interaction(origin.x, &click_x) && !in_overview) {
    // A click on an incident selects it; anywhere else below the overview it moves the cursor
    // (a click in the overview only moved the window, above).
    const TimeView v = view(time_w);
    const int row = hl.incident_row_at(my);
    const int k = row >= 0 ? incident_at(m, v, click_x, row, 3) : -1;
    if (k >= 0) select_incident(k, false);
    state_.cursor_us = v.t_of(click_x);
  }
  const TimeView v = view(time_w);
  scratch_.clear();
  prepare_header(m, session_.ghost(), state_, v, hl, text_metrics(), scratch_);
  draw(dl, scratch_, origin, origin, add(origin, time_w, hl.height()));
  regions_.set("header", origin.x, origin.y, origin.x + time_w, origin.y + hl.height());
  regions_.set("stages", origin.x, origin.y + hl.stages_y, origin.x + time_w,
               origin.y + hl.stages_y + hl.stages_h);

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
        ImGui::SetTooltip(
            "%s %s%s\n%s to %s", s.cmdlet.c_str(), s.pool.c_str(),
            s.is_disaster_mode ? " -DisasterMode" : "", format_clock(s.start_us, 1'000'000).c_str(),
            s.end_us >= 0 ? format_clock(s.end_us, 1'000'000).c_str() : "(still running)");
      }
    } else if (const int row = hl.incident_row_at(my); row >= 0) {
      const int k = incident_at(m, v, x, row, 3);
      if (k >= 0) {
        const IncidentSpan& s = m.incidents[static_cast<size_t>(k)];
        ImGui::SetTooltip("incident %d: %s %s\nstarted %s\nclick to select", s.id,
                          s.disruption.c_str(), s.cause.c_str(),
                          format_clock(s.start_us, 1'000'000).c_str());
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
      dl->AddTriangleFilled(ImVec2(at.x + 8, cy - 5), ImVec2(at.x + 8, cy + 5),
                            ImVec2(at.x + 15, cy), palette::kAxisText);
    } else {
      dl->AddTriangleFilled(ImVec2(at.x + 6, cy - 3), ImVec2(at.x + 16, cy - 3),
                            ImVec2(at.x + 11, cy + 4), palette::kAxisText);
    }
    const std::string title = g.title + "  (" + std::to_string(g.lanes.size()) + ")";
    dl->AddText(ImVec2(at.x + 22, at.y + (row.h - lh) / 2), IM_COL32(235, 237, 240, 255),
                title.c_str());
    if (is_collapsed) {
      const State s = g.summary.at(t);
      const char* name = state_info(s).name;
      const float w = ImGui::CalcTextSize(name).x;
      dl->AddText(ImVec2(at.x + label_w - w - 10, at.y + (row.h - lh) / 2),
                  lighten(state_color(s), 0.35f), name);
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
  const float size =
      is_member && small_font_ != nullptr ? small_font_->FontSize : ImGui::GetFontSize();
  const State s = lane.states.at(t);
  const std::string state_text = describe_at(m, lane, t);
  const ImU32 name_color = IM_COL32(215, 218, 224, 255);
  // A chip of the state's colour at the right edge, the state's words left of it.
  const float chip = std::min(row.h - 6, 10.0f);
  const float chip_x = at.x + label_w - chip - 8;
  if (lane.mix >= 0) {
    // Pools are taller: the name on one line, where their users are on the next.
    dl->AddText(font, size, ImVec2(at.x + 14, at.y + 1), name_color, lane.label.c_str());
    // Its users can be a long line: it stops short of the chip rather than run into the lane.
    const ImVec4 clip(at.x, at.y, chip_x - 4, at.y + row.h);
    dl->AddText(font, size, ImVec2(at.x + 24, at.y + row.h - size - 3),
                lighten(state_color(s), 0.35f), state_text.c_str(), nullptr, 0.0f, &clip);
  } else {
    const float ty = at.y + (row.h - size) / 2 - 1;
    dl->AddText(font, size, ImVec2(at.x + (is_member ? 28.0f : 14.0f), ty), name_color,
                lane.label.c_str());
    const float w = font->CalcTextSizeA(size, 1e9f, 0, state_text.c_str()).x;
    dl->AddText(font, size, ImVec2(chip_x - w - 6, ty), IM_COL32(175, 180, 190, 255),
                state_text.c_str());
  }
  const float cy = at.y + row.h / 2;
  dl->AddRectFilled(ImVec2(chip_x, cy - chip / 2), ImVec2(chip_x + chip, cy + chip / 2),
                    state_color(s));
}

void App::timeline_lanes(float label_w, float time_w, float height) {
  const TimelineModel& m = model();
  const RowHeights heights{22, 21, 42, 15};
  const std::vector<Row> rows = layout_rows(m, state_.collapsed, heights);
  const float total_h = rows.empty() ? 1 : rows.back().y + rows.back().h;
  ImGui::BeginChild("lanes", ImVec2(0, std::max(height, 50.0f)), false,
                    ImGuiWindowFlags_NoScrollWithMouse);
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
  prepare_lanes(m, session_.ghost(), state_, v, rows, axis_ticks(v, 90), scroll_y,
                scroll_y + visible_h, text_metrics(), scratch_);
  const ImVec2 win = ImGui::GetWindowPos();
  draw(ImGui::GetWindowDrawList(), scratch_, origin, ImVec2(origin.x, win.y),
       ImVec2(origin.x + time_w, win.y + visible_h));
  // The lanes' time area as seen (the rows may end above the window's bottom).
  regions_.set("lanes", origin.x, win.y, origin.x + time_w,
               win.y + std::min(visible_h, total_h - scroll_y));
  regions_.set("lane_labels", p.x, win.y, origin.x,
               win.y + std::min(visible_h, total_h - scroll_y));
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

std::vector<App::LegendItem> App::legend_items() const {
  std::vector<LegendItem> items;
  for (const LegendGroup& g : kLegend) {
    LegendItem item{std::string(g.title) + ":", {}, 0};
    for (int i = 0; i < g.count; ++i)
      item.entries.push_back({state_color(g.states[i]), state_info(g.states[i]).name});
    items.push_back(std::move(item));
  }
  items.push_back({"RTO:",
                   {{palette::kStageDetect, "detect"},
                    {palette::kStageDecide, "decide"},
                    {palette::kStageExecute, "execute"},
                    {palette::kStageClientsBack, "clients back"}},
                   0});
  if (session_.ghost().model != nullptr && state_.show_ghost) {
    items.push_back({"",
                     {{with_alpha(palette::kIncidentSelected, palette::kGhostAlpha),
                       "thin strips: previous run"}},
                     0});
  }
  // As color_chip lays a chip out: a square 1.4 lines wide, 4 pixels, the name.
  const float h = ImGui::GetTextLineHeight();
  const ImGuiStyle& style = ImGui::GetStyle();
  for (LegendItem& item : items) {
    item.width = ImGui::CalcTextSize(item.title.c_str()).x;
    for (const LegendEntry& e : item.entries)
      item.width += style.ItemSpacing.x + h * 1.4f + 4 + ImGui::CalcTextSize(e.name).x;
  }
  return items;
}

void App::legend(const std::vector<LegendItem>& items, const std::vector<int>& lines) {
  for (size_t i = 0; i < items.size(); ++i) {
    // On the same line as the previous group, or (no SameLine) on the next one.
    if (i > 0 && lines[i] == lines[i - 1]) ImGui::SameLine(0, kLegendGap);
    ImGui::TextDisabled("%s", items[i].title.c_str());
    for (const LegendEntry& e : items[i].entries) {
      ImGui::SameLine();
      color_chip(e.color, e.name);
    }
  }
}

}  // namespace drsim::viz::ui
