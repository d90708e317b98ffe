// Flowing items onto lines, as the timeline's legend does: each item stays whole on one line
// and moves to the next line when it would not fit. Pure arithmetic, so that the UI can
// reserve the legend's height before drawing it and tests can check the count.
#pragma once

#include <vector>

namespace drsim::viz {

// The line (0, 1, ...) of each item of the given widths in a line `avail_w` wide, with `gap`
// between items on one line. An item wider than the line gets a line of its own.
std::vector<int> flow_lines(const std::vector<float>& widths, float avail_w, float gap);
// The number of lines flow_lines uses (0 for no items).
int flow_line_count(const std::vector<float>& widths, float avail_w, float gap);

}  // namespace drsim::viz
