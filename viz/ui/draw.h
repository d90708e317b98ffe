// The draw step shared by every lane and plot: replays a prepared DrawList into ImGui's
// draw list at an origin, clipped to an area. Nothing here decides what to draw.
#pragma once

#include "imgui.h"
#include "viz/core/draw_list.h"

namespace drsim::viz::ui {

void draw(ImDrawList* dl, const DrawList& list, ImVec2 origin, ImVec2 clip_min, ImVec2 clip_max);

// The current font's measures, for prepare steps deciding whether a label fits.
TextMetrics text_metrics();

// A small filled square of `color` followed by `label` on the current line: legends.
void color_chip(uint32_t color, const char* label);
// The same after the previous item on this line, or on the next line when it would not fit.
void flow_chip(uint32_t color, const char* label, float spacing = 8);

}  // namespace drsim::viz::ui
