// The report's colours and the words for each state, from the one table the visualiser uses
// too (log/states.h), so that the timeline, the topology, the legends, the HTML tables and
// the visualiser agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "log/states.h"

namespace drsim {

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
