// The App's frame layout and the state changes shared by its windows; see app.h.
#include "viz/ui/app.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

namespace drsim::viz::ui {

App::App(Session& session, ImFont* small_font) : session_(session), small_font_(small_font) {
  on_new_run();
  const TimelineModel& m = model();
  state_.t0_us = 0;
  state_.t1_us = m.end_us;
  // Open on what the administrator came for: the first incident, its middle at the cursor.
  if (!m.incidents.empty()) select_incident(0, true);
}

void App::set_sensitivity(const SensitivityFile* file) {
  sensitivity_ = file;
  sensitivity_metric_ = file != nullptr ? default_sensitivity_metric(*file) : -1;
  prepared_metric_ = -1;
}

void App::on_new_run() {
  seen_run_version_ = session_.run_version();
  const TimelineModel& m = model();
  // Keep the administrator's collapsed groups when the lanes are the same ones.
  if (state_.collapsed.size() != m.groups.size()) state_.collapsed = default_collapsed(m);
  if (state_.selected_incident >= static_cast<int>(m.incidents.size())) {
    state_.selected_incident = m.incidents.empty() ? -1 : 0;
  }
  if (state_.t1_us <= state_.t0_us || state_.t1_us > m.end_us) {
    state_.t0_us = 0;
    state_.t1_us = m.end_us;
  }
}

void App::select_incident(int index, bool zoom) {
  const TimelineModel& m = model();
  state_.selected_incident = index;
  if (index < 0 || index >= static_cast<int>(m.incidents.size())) return;
  const IncidentSpan& s = m.incidents[static_cast<size_t>(index)];
  int64_t end = s.has_stages ? s.stage_us[kStageCount] : -1;
  // An incident without user impact has an RTO of zero: zooming to it alone would zoom to a
  // millisecond. Show it until service was restored or it ended instead.
  if (end <= s.start_us) {
    end = s.restored_us > s.start_us ? s.restored_us : s.end_us > s.start_us ? s.end_us : m.end_us;
  }
  if (zoom) {
    const TimeView v = fit_view(s.start_us, end, time_w_, 0.25, m.end_us);
    state_.t0_us = v.t0_us;
    state_.t1_us = v.t1_us;
  }
  // The cursor lands in the middle of the execute stage: users are moving, the
  // runbook is running; the lanes' labels show where everything stands.
  state_.cursor_us =
      s.has_stages ? (s.stage_us[kStageExecute] + s.stage_us[kStageExecute + 1]) / 2 : s.start_us;
}

std::string App::view_state_text() const {
  char buf[320];
  std::snprintf(
      buf, sizeof buf,
      "t0_us=%" PRId64 " t1_us=%" PRId64 " span_us=%" PRId64 " cursor_us=%" PRId64
      " incident=%d time_x=%.0f time_w=%.0f incidents_y=%.0f incident_row_h=%.0f collapsed=",
      state_.t0_us, state_.t1_us, state_.t1_us - state_.t0_us, state_.cursor_us,
      state_.selected_incident, time_x_, time_w_, incidents_y_, incident_row_h_);
  std::string out = buf;
  for (uint8_t c : state_.collapsed) out += c != 0 ? '1' : '0';
  return out;
}

void App::frame(float width, float height, float top) {
  // A fixed dashboard: the timeline across the top, the incident and what-if panels below.
  if (session_.run_version() != seen_run_version_) on_new_run();
  height -= top;
  const float timeline_h = std::floor(height * 0.63f);
  // With a sensitivity ranking, the what-if panel widens by its "What drives the answer"
  // column, beside the sliders, which keep their width; the column takes a little less than
  // a third, so that the incident panel keeps room for its RPO table.
  sliders_w_ = std::clamp(std::floor(width * 0.36f), 380.0f, 620.0f);
  const float whatif_w =
      sliders_w_ +
      (sensitivity_ != nullptr ? std::clamp(std::floor(width * 0.28f), 360.0f, 600.0f) : 0.0f);
  constexpr ImGuiWindowFlags kFixed =
      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;

  ImGui::SetNextWindowPos(ImVec2(0, top));
  ImGui::SetNextWindowSize(ImVec2(width, timeline_h));
  if (ImGui::Begin("Timeline", nullptr, kFixed | ImGuiWindowFlags_NoScrollbar)) timeline_window();
  ImGui::End();

  ImGui::SetNextWindowPos(ImVec2(0, top + timeline_h));
  ImGui::SetNextWindowSize(ImVec2(width - whatif_w, height - timeline_h));
  if (ImGui::Begin("Incident", nullptr, kFixed)) incident_window();
  regions_.set("incident_panel", 0, top + timeline_h, width - whatif_w, height + top);
  ImGui::End();

  ImGui::SetNextWindowPos(ImVec2(width - whatif_w, top + timeline_h));
  ImGui::SetNextWindowSize(ImVec2(whatif_w, height - timeline_h));
  if (ImGui::Begin("What if", nullptr, kFixed)) whatif_window();
  regions_.set("whatif_panel", width - whatif_w, top + timeline_h, width, height + top);
  ImGui::End();
}

}  // namespace drsim::viz::ui
