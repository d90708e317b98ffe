// Flow layout; see flow_layout.h.
#include "viz/core/flow_layout.h"

#include <cstddef>

namespace drsim::viz {

std::vector<int> flow_lines(const std::vector<float>& widths, float avail_w, float gap) {
  std::vector<int> lines;
  int line = 0;
  float x = 0;
  for (std::size_t i = 0; i < widths.size(); ++i) {
    if (i > 0) {
      x += gap;
      if (x + widths[i] > avail_w) {
        ++line;
        x = 0;
      }
    }
    lines.push_back(line);
    x += widths[i];
  }
  return lines;
}

int flow_line_count(const std::vector<float>& widths, float avail_w, float gap) {
  const std::vector<int> lines = flow_lines(widths, avail_w, gap);
  return lines.empty() ? 0 : lines.back() + 1;
}

}  // namespace drsim::viz
