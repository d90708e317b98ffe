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

struct SensitivityRun {
  SweepDigest base;  // the scenario as given (with --set), same seed and replications
  std::vector<SensitivityPoint> points;
  std::vector<SkippedParameter> skipped;
  std::string scenario_path;        // as the user gave it, for the reproducing commands
  std::vector<std::string> ranges;  // --range as given
  bool interrupted = false;         // points holds the parameters that finished both sweeps
};

// A parameter's effect on one metric: the metric at the low and at the high value with their
// 95 % half-widths (the digest's, per sweep: with common random numbers the interval of the
// difference is narrower, so "distinguishable" is conservative) and the swing |high - low|;
// nothing where a sweep has no value (no incident measured it).
struct SensitivityEffect {
  std::string parameter;
  std::optional<double> at_low, at_high;
  std::optional<double> ci95_low, ci95_high;
  std::optional<double> swing;
  // The two intervals do not overlap: the effect is surely not noise.
  bool distinguishable = false;
};

// One headline metric (a grid column: availability, downtime, incidents, each RTO stage's and
// each data category's mean, the share of incidents meeting each target) with the parameters
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
// For the terminal: the top `per_metric` parameters of each metric that any parameter moved.
std::string sensitivity_text(const SensitivityRun& run, const std::vector<MetricRanking>& ranked,
                             size_t per_metric);
// sensitivity.html, sensitivity.md (a tornado chart per moved metric), sensitivity.csv and the
// charts as SVG files.
std::vector<ReportFile> sensitivity_report_files(const SensitivityRun& run,
                                                 const std::vector<MetricRanking>& ranked);
// A metric's value in its unit, for people ("99.9981 %", "4 min 10 s").
std::string metric_text(const GridColumn& column, double value);

}  // namespace drsim
