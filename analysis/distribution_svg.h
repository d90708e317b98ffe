// Charts of a sweep's distributions (RTO stages, RPO per data category, downtime): a
// histogram re-binned from the sweep's fine logarithmic buckets, with p50/p95/p99, the mean
// and its 95 % interval and the policy targets marked, and the cumulative distribution with
// the share of values meeting each target. Pure functions from a DistributionDigest to an
// <svg> element (svg.h); the sweep report inlines them in sweep.html and writes them as files
// beside sweep.md.
#pragma once

#include <string>
#include <vector>

#include "analysis/sweep_digest.h"

namespace drsim {

// The x axis turns logarithmic when the largest value is more than this many times the
// smallest positive one: a linear axis would squeeze most bars into its first bin.
inline constexpr double kLogAxisRatio = 30;
// Histogram bins: this many per tick interval on a linear axis, per decade on a log axis.
// The sweep's buckets are 2 % wide, so a bin always spans several of them.
inline constexpr int kLinearBinsPerTick = 5;
inline constexpr int kLogBinsPerDecade = 10;

// A policy target, drawn as a red line across both charts.
struct ChartTarget {
  double value_s = 0;
  std::string label;  // "target 30m"
};

struct DistributionChart {
  std::string title;    // "RTO total"
  std::string counted;  // what one value is: "incidents", "replications"
  std::vector<ChartTarget> targets;
  double width_px = 590;  // two side by side fit the page's 1,204 px column
  double height_px = 300;
};

struct DistributionAxis {
  bool log = false;
  double min_s = 0, max_s = 1;  // the range drawn; min_s > 0 on a log axis
  std::vector<double> ticks_s;
  bool zero_slot = false;  // a log axis with zero values: they get a bar of their own
};
DistributionAxis distribution_axis(const std::vector<HistogramBucket>& histogram,
                                   const std::vector<ChartTarget>& targets);

// One bar: the share (0..1) of all values in [low_s, high_s); the zero slot is [0, 0].
struct HistogramBin {
  double low_s = 0, high_s = 0;
  double share = 0;
};
// The buckets' counts spread over the axis's bins, each bucket read as uniform over its width
// (in log space on a log axis).
std::vector<HistogramBin> rebin_histogram(const std::vector<HistogramBucket>& histogram,
                                          const DistributionAxis& axis);

// The share of values at most x, reading each bucket as uniform: within one bucket (2 %) of
// the exact share.
double share_at_most(const std::vector<HistogramBucket>& histogram, double x_s);

// "30m", "1h 30m", "12s": a duration with its zero parts left out, for axis ticks and tags.
std::string short_duration(double seconds);

// A label above the plot tied to a vertical line at x (a percentile, the mean, a target).
struct ChartTag {
  double x = 0;
  std::string text;
  std::string css;  // "ts" (9 px) or "tt" (bold 10 px, targets)
};
struct PlacedTag {
  double x = 0;                // its line
  double left = 0, width = 0;  // its box, beside or around x
  int row = 0;                 // 0 is the row nearest the plot
  std::string text, css;
};
// The box a tag's text needs at its font.
double tag_width_px(const ChartTag& tag);
// Places tags in rows above the plot so that no two boxes overlap, every box lies within
// [x_min, x_max], and no tag's leader line (from its row down to the plot) crosses a box:
// each box goes beside its line (to the right, or to the left near the right edge and where
// a box on the right would cover such a tag's line) in the lowest row that allows it,
// opening a new row when none does, so there are never more rows than tags. Only a box wider
// than the chart on both sides of its line can have a leader cross it.
std::vector<PlacedTag> layout_tags(std::vector<ChartTag> tags, double x_min, double x_max);
int tag_rows(const std::vector<PlacedTag>& placed);

std::string histogram_svg(const DistributionDigest& d, const DistributionChart& chart);
std::string cdf_svg(const DistributionDigest& d, const DistributionChart& chart);

}  // namespace drsim
