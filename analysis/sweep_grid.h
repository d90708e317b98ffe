// A grid of sweeps (`drsim sweep --grid path=v1,v2 ...`): one full sweep per combination of
// values, as CSV (one row per point) and, with --report, as a page (grid.html, grid.md) with
// the same columns for people. Pure functions of the points' digests; cli/ runs the sweeps
// and writes the files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/report_markup.h"
#include "analysis/sweep_digest.h"

namespace drsim {

struct GridPoint {
  std::vector<std::string> values;  // one per grid path, as given
  SweepDigest digest;
};

// One figure a grid reports per point: its CSV name (the unit is its last word), the head of
// its column for people, and how to read it from a point's digest (nothing when the sweep
// has no such figure: no incident of the kind, no target; the cell is then left empty).
struct GridColumn {
  std::string name;
  std::string head;
  enum class Unit { kCount, kFraction, kSeconds, kMinutes, kHours } unit = Unit::kSeconds;
  std::optional<double> (*read)(const SweepDigest&, const std::string& which) = nullptr;
  std::string which;  // the stage, category or disruption the column reads
};

// Every figure a grid computes, in a fixed order: replications, availability and its
// interval, downtime and incidents per year; mean and p95 of each RTO stage; mean, p99 and max
// of each data category's RPO; the share of incidents meeting each kind of disruption's RTO
// and RPO targets; the PSTN's share of incidents losing it, time to PSTN restored (mean, p95)
// and minutes lost per year, empty without a gateway; per remote access modality the share of
// incidents impairing it and time to restored (mean, p95), and remote user-hours lost per year,
// empty without Edge pools or the modality; Persistent Chat's share of incidents losing chat,
// time to restore chat (mean, p95), messages lost per failover, chat user-hours lost per year
// and chat availability, empty without a Persistent Chat pool (docs/reports.md, "Grid").
const std::vector<GridColumn>& grid_columns();
// The columns a grid shows when none are asked for on its page (the CSV has them all).
std::vector<std::string> grid_headline_columns();
// The columns named, in the order given; InputError naming --columns and the valid names when
// one is not a grid column.
std::vector<GridColumn> select_grid_columns(const std::vector<std::string>& names);

struct Grid {
  std::vector<std::string> paths;  // the fields swept, in the order given
  std::vector<GridPoint> points;   // first path varies fastest
  std::vector<GridColumn> columns =
      {};  // empty: every column in the CSV, the headline ones on the page
};

// The unit is the last word of every numeric column; docs/reports.md lists them.
std::string grid_csv_header(const std::vector<std::string>& paths,
                            const std::vector<GridColumn>& columns);
std::string grid_csv_row(const GridPoint& point, const std::vector<GridColumn>& columns);
// One line for people per point: its values and each column in human units.
std::string grid_point_text(const std::vector<std::string>& paths, const GridPoint& point,
                            const std::vector<GridColumn>& columns);

// The table of grid.html and grid.md: the CSV's columns, for people.
Table grid_table(const Grid& grid);
// grid.html, grid.md and grid.csv; the first point stamps the page (seed, scenario, version,
// commit). Only grid.csv when no point finished.
std::vector<ReportFile> grid_report_files(const Grid& grid);

}  // namespace drsim
