// The visualiser's UI: three windows over one Session, redrawn every frame (immediate mode).
//
// The App keeps only view state (visible range, cursor, selection, collapsed groups, where
// the last frame put things) and scratch draw lists reused between frames. The model is the
// Session, owned by main() (or by the sweep view's workspace for a replay): the App reads it
// and sends it edit commands. Each window's code lives in its own file: timeline_ui.cpp,
// incident_ui.cpp, whatif_ui.cpp, and the what-if panel's sensitivity ranking in
// sensitivity_ui.cpp.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "viz/core/header_prepare.h"
#include "viz/core/input_script.h"
#include "viz/core/sensitivity_view.h"
#include "viz/core/session.h"
#include "viz/core/timeline_prepare.h"

namespace drsim::viz::ui {

class App {
 public:
  // small_font (may be null) labels the many thin lanes of Front Ends and routing groups.
  App(Session& session, ImFont* small_font);

  // Lays out and draws every window for one frame of a width x height viewport, below `top`
  // pixels left to another window (the sweep view's bar).
  void frame(float width, float height, float top = 0);
  // The view state and where the time area was drawn, one line, for scripted tests:
  // "t0_us=... t1_us=... span_us=... cursor_us=... incident=... time_x=... time_w=...
  // incidents_y=... incident_row_h=... collapsed=..." (incidents_y: the middle of the first
  // incident sub-row; collapsed: one digit per lane group).
  std::string view_state_text() const;
  const Session& session() const { return session_; }
  // Where the last frame drew its areas, for --layout (scripted tests' PNG checks).
  const ScreenRegions& regions() const { return regions_; }
  // Selects an incident and zooms the timeline to it.
  void focus_incident(int index) { select_incident(index, true); }
  // Shows a sensitivity ranking (drsim-viz --sensitivity) beside the what-if panel's sliders;
  // null: the panel says how to make one. The file outlives the App.
  void set_sensitivity(const SensitivityFile* file);

 private:
  void timeline_window();
  void timeline_toolbar();
  void timeline_header(float label_w, float time_w);
  void timeline_lanes(float label_w, float time_w, float height);
  void lane_label(const Row& row, ImVec2 at, float label_w);
  // The legend's groups, each with its width as drawn.
  struct LegendEntry {
    uint32_t color;
    const char* name;
  };
  struct LegendItem {
    std::string title;
    std::vector<LegendEntry> entries;
    float width;
  };
  static constexpr float kLegendGap = 20;
  std::vector<LegendItem> legend_items() const;
  void legend(const std::vector<LegendItem>& items, const std::vector<int>& lines);
  float label_column_width(float window_w) const;
  // Wheel zoom and drag pan over the last item, which covers the time area from origin_x;
  // true when it was clicked without dragging, with the click's x in *click_x.
  bool time_interaction(float origin_x, float* click_x);
  void incident_window();
  void incident_plots(float width);
  void whatif_window();
  void whatif_faults();
  void whatif_pools();
  void edit(const WhatIfEdit& e);
  void comparison_table();
  void whatif_sliders();
  // "What drives the answer" (sensitivity_ui.cpp): the ranking, or how to get one.
  void sensitivity_section();
  void sensitivity_row(const SensitivityRow& row, float bar_w);
  void sensitivity_hint_text();
  // Keyboard focus on the slider a ranking row asked for, once, before that slider is drawn.
  bool take_slider_focus(const char* label);

  // After a new run: refresh what depends on the model; the view stays where it was.
  void on_new_run();
  void select_incident(int index, bool zoom);
  const TimelineModel& model() const { return session_.current().timeline; }
  TimeView view(float width_px) const { return TimeView{state_.t0_us, state_.t1_us, width_px}; }

  Session& session_;
  uint64_t seen_run_version_ = 0;  // the run the view state was last fitted to
  TimelineState state_;
  float time_w_ = 1000;                 // the timeline's time area width, for plots and zoom
  float time_x_ = 0, incidents_y_ = 0;  // where the last frame put the time area and incidents
  float incident_row_h_ = 0;
  ScreenRegions regions_;
  DrawList scratch_;
  ImFont* small_font_;
  const SensitivityFile* sensitivity_ = nullptr;
  int sensitivity_metric_ = -1;  // the metric the combo shows
  int prepared_metric_ = -1;     // the metric sensitivity_panel_ was prepared for
  SensitivityPanel sensitivity_panel_;
  float sliders_w_ = 0;          // the sliders' width in the what-if panel
  std::string slider_to_focus_;  // a ranking row's slider, focused on the next frame
};

}  // namespace drsim::viz::ui
