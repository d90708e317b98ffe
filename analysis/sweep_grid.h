// A grid of sweeps (`drsim sweep --grid path=v1,v2 ...`): one full sweep per combination of
// values, as CSV (one row per point) and, with --report, as a page (grid.html, grid.md) with
// the same columns for people. Pure functions of the points' digests; cli/ runs the sweeps
// and writes the files.
#pragma once

#include <string>
#include <vector>

#include "analysis/report_markup.h"
#include "analysis/sweep_digest.h"

namespace drsim {

struct GridPoint {
  std::vector<std::string> values;  // one per grid path, as given
  SweepDigest digest;
};

struct Grid {
  std::vector<std::string> paths;  // the fields swept, in the order given
  std::vector<GridPoint> points;   // first path varies fastest
};

// The unit is the last word of every numeric column; docs/reports.md lists them.
std::string grid_csv_header(const std::vector<std::string>& paths);
std::string grid_csv_row(const GridPoint& point);

// The table of grid.html and grid.md: the CSV's columns, for people.
Table grid_table(const Grid& grid);
// grid.html, grid.md and grid.csv; the first point stamps the page (seed, scenario, version,
// commit). Only grid.csv when no point finished.
std::vector<ReportFile> grid_report_files(const Grid& grid);

}  // namespace drsim
