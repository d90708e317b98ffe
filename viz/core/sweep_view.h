// The sweep results view's arithmetic and prepare steps: a distribution's log-histogram
// buckets re-binned to screen bins on a logarithmic axis, the policy targets and quantiles
// marked on it, and the worst replications as rows. Pure functions of a SweepDigest and the
// view's size, tested without a window (viz/tests/test_viz_sweep.cpp); viz/ui/sweep_ui.cpp
// draws what they prepare.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analysis/report_markup.h"
#include "analysis/run_report.h"
#include "analysis/sweep_digest.h"
#include "viz/core/draw_list.h"
#include "viz/core/states.h"
#include "viz/core/timeline_model.h"

namespace drsim::viz {

namespace palette {
inline constexpr uint32_t kHistogramBar = rgba(92, 160, 235);
inline constexpr uint32_t kHistogramZero = rgba(120, 130, 150);
inline constexpr uint32_t kTargetLine = rgba(255, 72, 160);
inline constexpr uint32_t kQuantile = rgba(250, 220, 120);
}  // namespace palette

// How a histogram is laid out; named so that nothing on screen is a hidden constant.
struct HistogramLayout {
  float bin_px = 4;        // the width of one screen bin
  float zero_bar_px = 28;  // the bar of incidents with a value of zero, left of the axis
  float gap_px = 10;       // between the zero bar and the axis
  double margin = 1.15;    // the axis reaches this factor beyond the data and the targets
  float label_w_px = 300;  // the targets' and quantiles' text column, right of the plot
};

// A logarithmic axis of positive values over width_px pixels.
struct LogAxis {
  double lo = 1, hi = 10;  // 0 < lo < hi
  float width_px = 1;
  float x_of(double value) const;  // pixels from the axis' left end; values <= 0 map to 0
  double value_at(float x) const;
};

// The axis covering the histogram's non-zero buckets and the marks (targets) that are > 0,
// widened by `margin` on both sides. A histogram of zeros only gets [1 s / margin, 10 s].
LogAxis histogram_axis(const std::vector<HistogramBucket>& h, const std::vector<double>& marks,
                       float width_px, double margin);

// The counts of the non-zero buckets spread over `bins` equal screen bins of the axis, each
// bucket in proportion to the share of its (logarithmic) width inside each bin. The counts
// are preserved: the bins sum to the non-zero buckets' total when the axis covers them.
std::vector<double> rebin(const std::vector<HistogramBucket>& h, const LogAxis& axis, int bins);
uint64_t zero_count(const std::vector<HistogramBucket>& h);

struct ValueTick {
  double value;
  float x;
  std::string label;
};
// Ticks at round durations (1-2-5 seconds, 1, 2, 5, 10, 15, 30 minutes, 1, 2, 3, 6, 12 hours,
// days, weeks, years), at least min_spacing_px apart.
std::vector<ValueTick> log_ticks(const LogAxis& axis, float min_spacing_px);

// A policy target on a histogram and, for each kind of disruption it applies to, how often
// its incidents met it (the Wilson interval from the digest). The proportions count every
// incident of the kind, also those without user impact, as `drsim sweep` does.
struct TargetMark {
  double target_s = 0;
  std::vector<std::pair<std::string, ProportionDigest>> met;  // by disruption, policy order
};
// The RTO (is_rto) or RPO targets of the policy, one mark per distinct target value, ascending.
std::vector<TargetMark> policy_marks(const SweepDigest& d, bool is_rto);
// "site: 0.24 % [0.04, 1.36]", or "pool: no incidents".
std::string met_text(const std::string& disruption, const ProportionDigest& met);
// An axis label for a round duration: format_duration without its zero parts ("1h", "30m").
std::string round_duration(double seconds);

// The histogram of one distribution with its targets and its p50, p95 and p99, in a w x h
// area: the plot on the left, a text column of layout.label_w_px on the right.
void prepare_sweep_histogram(const DistributionDigest& d, const std::vector<TargetMark>& targets,
                             float w, float h, const HistogramLayout& layout,
                             const TextMetrics& text, DrawList& out);

// The worst replications by one measure, with their values under the other measures where
// they appear in those lists too.
inline constexpr int kWorstMeasureCount = 3;
inline constexpr const char* kWorstMeasures[kWorstMeasureCount] = {
    "downtime_s_per_year", "rto_total_s", "rpo_user_data_s"};
inline constexpr const char* kWorstMeasureTitles[kWorstMeasureCount] = {
    "downtime per user per year", "longest incident RTO", "worst user-data RPO"};
struct WorstRow {
  uint64_t replication = 0;
  std::array<std::optional<double>, kWorstMeasureCount> values;  // by kWorstMeasures
};
// Rows worst first (the larger value first, the lower replication on ties).
std::vector<WorstRow> worst_rows(const SweepDigest& d, int measure);

// The incident of a replayed replication that made it one of the worst by `measure`: the
// largest user-data RPO for rpo_user_data_s, the longest RTO otherwise (the first on ties).
// An index into m.incidents, or -1 when the run has no incident.
int worst_incident(const RunReport& report, const TimelineModel& m, int measure);

// The sweep page's tables the view shows beside the policy, under their page titles: PSTN
// calling, remote access and Persistent Chat (each says "not modelled" in its note when the
// scenario has no gateway, no Edge pool or no Persistent Chat pool). The same rows as sweep.html
// (analysis/sweep_page.h), not a copy.
struct TitledTable {
  std::string title;
  Table table;
};
std::vector<TitledTable> sweep_service_tables(const SweepDigest& d);

}  // namespace drsim::viz
