// The report's colours and the words for each state, in one table, so that the timeline,
// the topology, the legends and the HTML tables agree. Colours follow one rule: healthy
// states are pale, degraded ones warm, outages red, the admin's actions cool.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace drsim {

struct StateStyle {
  const char* state;  // the state key a LaneSpan carries
  const char* fill;   // CSS colour
  const char* label;  // for legends
  bool dark;          // the fill is dark enough for white text on it
};

// The style of a state; a neutral grey for a state not in the table.
const StateStyle& state_style(std::string_view state);

// Legend rows: a title and the states it explains, in display order.
struct LegendGroup {
  const char* title;
  std::vector<const char*> states;
};
const std::vector<LegendGroup>& legend_groups();

// The CSS shared by the charts (inline in each SVG) and the HTML page.
std::string_view chart_css();

}  // namespace drsim
