// One-at-a-time sensitivity (`drsim sensitivity`): which model assumptions move the headline
// figures. Each parameter is swept at its low and at its high value with the base scenario's
// seed, so every sweep sees the same failures (common random numbers) and the difference
// between the two is the parameter's effect. This file holds the results as plain data, the
// ranking per metric, and the CSV and JSON; sensitivity_page.cpp draws the tornado charts.
// Pure functions: experiments/sensitivity_run.h runs the sweeps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/report_markup.h"
#include "analysis/sweep_digest.h"
#include "analysis/sweep_grid.h"

namespace drsim {

// A parameter as varied: its name (the registry's path), unit, the reason for its range, the
// scenario's value and the two values swept, as people read them, and the --set assignments
// that make the low and the high scenario (what the reproducing commands print).
struct ParameterLevels {
  std::string parameter;
  std::string unit;
  std::string why;
  std::string base_text, low_text, high_text;
  std::vector<std::string> low_sets, high_sets;
  // What sets the parameter anywhere in its range (the Morris screening's levels): the field
  // paths, the range, and the scale a factor multiplies (1 for a plain field).
  std::vector<std::string> paths;
  double low = 0, high = 0, scale = 1;
  bool is_integer = false;
};

// A registered parameter the scenario gives no meaning to, and why it was not varied.
struct SkippedParameter {
  std::string parameter;
  std::string reason;
};

struct SensitivityPoint {
  ParameterLevels levels;
  SweepDigest low, high;  // row digests (sweep_grid.h row_digest): figures, no histograms
};

// The Morris screening (elementary effects): `trajectories` paths through the parameters'
// ranges scaled to [0, 1] on a grid of 4 levels. Each starts at a random corner of the lower
// levels (0 or 1/3 for each parameter) and moves the parameters up by 2/3 one at a time in a
// random order; the change in a metric over one move, divided by 2/3, is that parameter's
// elementary effect there (in the metric's unit per the parameter's whole range). Effects
// measured at many points of the others' ranges show interactions and non-linearity (sigma)
// that the one-at-a-time sweeps cannot.
struct MorrisTrajectory {
  std::vector<double> start;        // per varied parameter, in plan order: 0 or 1/3
  std::vector<size_t> order;        // the parameter moved at each step
  std::vector<SweepDigest> points;  // order.size() + 1 row digests: the start, then each move
};
inline constexpr double kMorrisDelta = 2.0 / 3.0;

struct SensitivityRun {
  SweepDigest base;  // the scenario as given (with --set), same seed and replications
  std::vector<SensitivityPoint> points;
  std::vector<SkippedParameter> skipped;
  std::string scenario_path;        // as the user gave it, for the reproducing commands
  std::vector<std::string> ranges;  // --range as given
  bool interrupted = false;         // points holds the parameters that finished both sweeps
  std::vector<std::string> morris_parameters;  // the plan's varied parameters, in order
  std::vector<MorrisTrajectory> morris;        // empty: no screening asked for (--morris)
};

// A parameter's elementary effects on one metric: mu* (the mean absolute effect, the ranking
// measure) with a 95 % half-width (1.96 standard errors over the effects), mu (the mean:
// |mu| well below mu* means effects of both signs) and sigma (their spread: interactions or
// non-linearity); `n` effects measured (a metric no incident measured gives none).
struct MorrisEffect {
  std::string parameter;
  size_t n = 0;
  double mu_star = 0, mu_star_ci95 = 0, mu = 0, sigma = 0;
};
struct MorrisRanking {
  GridColumn column;
  std::vector<MorrisEffect> effects;  // by mu*, largest first; parameters with n == 0 last
};
std::vector<MorrisRanking> rank_morris(const SensitivityRun& run);
// One row per metric and parameter: metric, rank, parameter, effects_count, mu_star,
// mu_star_ci95, mu, sigma (values in the metric's unit per the parameter's whole range).
std::string morris_csv(const std::vector<MorrisRanking>& ranked);

// A parameter's effect on one metric: the metric at the low and at the high value with their
// 95 % half-widths (the digest's, per sweep) and the swing |high - low|; nothing where a sweep
// has no value (no incident measured it). The swing's own 95 % half-width: for a figure
// measured once per replication (availability, downtime, incidents, PSTN minutes, remote
// and chat user-hours per year) that of the paired per-replication differences (analysis/paired.h: the
// two sweeps share their failures, which cancel); for a figure over incidents (RTO, RPO,
// shares of incidents), whose incidents do not pair one to one, the two half-widths added
// (the intervals do not overlap exactly when the swing exceeds it: conservative).
struct SensitivityEffect {
  std::string parameter;
  std::optional<double> at_low, at_high;
  std::optional<double> ci95_low, ci95_high;
  std::optional<double> swing;
  std::optional<double> swing_ci95;
  bool paired = false;  // swing_ci95 is the paired differences' half-width
  // The swing exceeds its half-width: the effect is surely not noise.
  bool distinguishable = false;
};

// One headline metric (a grid column: availability, downtime, incidents, each RTO stage's and
// each data category's mean, the PSTN's share of incidents, time to restore and minutes lost,
// the share of incidents meeting each target) with the parameters
// ranked by swing, largest first (ties and unknowns by registry order, unknowns last).
struct MetricRanking {
  GridColumn column;
  std::optional<double> base;
  std::vector<SensitivityEffect> effects;
};

// The metrics a sensitivity ranks, in grid column order.
std::vector<GridColumn> sensitivity_metrics();
std::vector<MetricRanking> rank_sensitivity(const SensitivityRun& run);
// The 95 % half-width the digest gives for a metric's value, if any.
std::optional<double> metric_ci95(const SweepDigest& d, const GridColumn& column);

// One row per (metric, parameter), metrics in order and parameters ranked; the unit is the
// last word of each numeric column (docs/reports.md, "Sensitivity").
std::string sensitivity_csv(const SensitivityRun& run, const std::vector<MetricRanking>& ranked);
std::string sensitivity_json(const SensitivityRun& run, const std::vector<MetricRanking>& ranked);
// A sensitivity JSON read back (analysis/sensitivity_read.cpp), for the visualiser: the stamp,
// what was varied (the texts and --set assignments the JSON holds: `paths`, `low`, `high` and
// `scale` stay unset), what was not and why, and the rankings. Each metric's `column` is the
// grid column of its name; `paired` is true where the JSON's swing_interval is "paired".
struct SensitivityFile {
  std::string method, scenario, scenario_sha256, version, commit;
  uint64_t seed = 0, replications = 0;
  bool interrupted = false;
  std::vector<std::string> overrides, ranges;
  std::vector<ParameterLevels> varied;
  std::vector<SkippedParameter> skipped;
  std::vector<MetricRanking> metrics;
  uint64_t morris_trajectories = 0;  // 0: no Morris screening in the file
  std::vector<MorrisRanking> morris;
};
// InputError at the member's line and column, with the rule broken: a missing or mistyped
// member, a metric that is not one a sensitivity ranks, a metric with no rows or not one row
// per varied parameter, rows not ranked by swing, an interval kind other than paired,
// unpaired or none.
SensitivityFile read_sensitivity_json(const std::string& text, const std::string& path);
// Whether `text` looks like a sensitivity JSON (its "kind" is "sensitivity"), without checks.
bool is_sensitivity_json(const std::string& text);

// For the terminal: the top `per_metric` parameters of each metric that any parameter moved.
std::string sensitivity_text(const SensitivityRun& run, const std::vector<MetricRanking>& ranked,
                             size_t per_metric);
// sensitivity.html, sensitivity.md (a tornado chart per moved metric), sensitivity.csv and the
// charts as SVG files.
std::vector<ReportFile> sensitivity_report_files(const SensitivityRun& run,
                                                 const std::vector<MetricRanking>& ranked);
// A metric's value in its unit, for people ("99.9981 %", "4 min 10 s").
std::string metric_text(const GridColumn& column, double value);
// A difference of a metric (a swing, an effect, a half-width): fractions in percentage points
// ("0.0020 points"), so that a change of a share is not read as a share.
std::string difference_text(const GridColumn& column, double value);

}  // namespace drsim
