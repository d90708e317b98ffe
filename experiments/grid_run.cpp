// Grids of sweeps; see grid_run.h.
#include "experiments/grid_run.h"

#include <algorithm>

#include "io/errors.h"

namespace drsim {

GridSpec parse_grid(const std::vector<std::string>& options) {
  GridSpec g;
  size_t points = 1;
  std::string shape;
  for (const std::string& option : options) {
    const size_t eq = option.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError("--grid " + option, "expected path=v1,v2,...");
    g.paths.push_back(option.substr(0, eq));
    std::vector<std::string>& values = g.values.emplace_back();
    for (size_t pos = eq + 1;;) {
      const size_t comma = option.find(',', pos);
      values.push_back(
          option.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
      if (comma == std::string::npos) break;
      pos = comma + 1;
      // Checked as the values are split: a million commas must not become a million strings.
      if (values.size() > kMaxGridPoints) break;
    }
    shape += (shape.empty() ? "" : " x ") + std::to_string(values.size());
    points = values.size() > kMaxGridPoints ? kMaxGridPoints + 1
                                            : std::min(points * values.size(), kMaxGridPoints + 1);
  }
  if (points > kMaxGridPoints)
    throw InputError("--grid", "more than " + std::to_string(kMaxGridPoints) + " points (" + shape +
                                   " values): each point is a full sweep; sweep fewer values");
  return g;
}

void for_grid_points(const GridSpec& spec,
                     const std::function<bool(const std::vector<std::string>&)>& run) {
  std::vector<size_t> at(spec.paths.size(), 0);
  // Each turn advances the odometer `at` by one: at most kMaxGridPoints turns.
  for (;;) {
    std::vector<std::string> point;
    for (size_t i = 0; i < spec.paths.size(); ++i) point.push_back(spec.values[i][at[i]]);
    if (!run(point)) return;
    size_t i = 0;
    while (i < at.size() && ++at[i] == spec.values[i].size()) at[i++] = 0;
    if (i == at.size()) return;
  }
}

SweepDigest row_digest(SweepDigest d) {
  for (auto* named : {&d.rpo_s, &d.rto_s, &d.rto_total_s_by_disruption, &d.stranded_unreachable_s})
    for (auto& entry : *named) entry.second.histogram.clear();
  d.downtime_s_per_year.histogram.clear();
  d.worst_replications.clear();
  d.analytic.clear();
  return d;
}

}  // namespace drsim
