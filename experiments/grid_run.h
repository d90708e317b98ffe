// `drsim sweep --grid path=v1,v2,...`: a sweep at every combination of the values, each point
// a full sweep. What a grid is (its paths and values, capped), in what order its points run,
// and what a point keeps; the command line runs each point's sweep (on every MPI rank) and
// writes the rows (cli/cmd_sweep.cpp, analysis/sweep_grid.h).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "analysis/sweep_digest.h"

namespace drsim {

// A grid's points are one full sweep each: past this many it would run for days and its
// table would be unreadable (docs/scenarios.md, "Limits").
inline constexpr size_t kMaxGridPoints = 10'000;

// The paths and values of --grid path=v1,v2,... options.
struct GridSpec {
  std::vector<std::string> paths;
  std::vector<std::vector<std::string>> values;
};

// Parses --grid options; InputError for one without '=' or past kMaxGridPoints in all.
GridSpec parse_grid(const std::vector<std::string>& options);

// Calls `run` with every combination of the grid's values, one per path, the first path
// varying fastest; stops early when `run` returns false (the sweep was interrupted).
void for_grid_points(const GridSpec& spec,
                     const std::function<bool(const std::vector<std::string>&)>& run);

// What a grid keeps of each point for its page: the figures of its row, not the histograms
// and worst lists, so that memory per point stays a few kilobytes.
SweepDigest row_digest(SweepDigest d);

}  // namespace drsim
