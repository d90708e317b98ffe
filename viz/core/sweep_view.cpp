// The sweep view's histograms and worst-replication rows; see sweep_view.h.
#include "viz/core/sweep_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "analysis/sweep_page.h"
#include "sim/check.h"
#include "viz/core/format.h"

namespace drsim::viz {

std::string round_duration(double seconds) {
  // "1h 00m 00s" becomes "1h", "30m 00s" becomes "30m".
  std::string text = format_seconds(seconds);
  while (text.size() > 4 && text.compare(text.size() - 4, 3, " 00") == 0)
    text.resize(text.size() - 4);
  return text;
}

float LogAxis::x_of(double value) const {
  if (value <= 0) return 0;
  return static_cast<float>(std::log(value / lo) / std::log(hi / lo) * width_px);
}

double LogAxis::value_at(float x) const {
  return lo * std::pow(hi / lo, static_cast<double>(x) / static_cast<double>(width_px));
}

LogAxis histogram_axis(const std::vector<HistogramBucket>& h, const std::vector<double>& marks,
                       float width_px, double margin) {
  DRSIM_CHECK(width_px > 0 && margin >= 1,
              "histogram_axis: needs a width and a margin of at least 1");
  double lo = INFINITY, hi = 0;
  for (const HistogramBucket& b : h) {
    if (b.high <= 0) continue;
    // A log axis starts above zero, whatever a bucket says.
    lo = std::min(lo, b.low > 0 ? b.low : b.high);
    hi = std::max(hi, b.high);
  }
  for (double m : marks) {
    if (m <= 0) continue;
    lo = std::min(lo, m);
    hi = std::max(hi, m);
  }
  if (hi <= 0) return LogAxis{1 / margin, 10, width_px};
  // One bucket, or one target alone, still gets a readable span.
  if (hi < lo * 2) {
    lo /= 1.5;
    hi *= 1.5;
  }
  return LogAxis{lo / margin, hi * margin, width_px};
}

std::vector<double> rebin(const std::vector<HistogramBucket>& h, const LogAxis& axis, int bins) {
  DRSIM_CHECK(bins > 0, "rebin: needs at least one screen bin");
  std::vector<double> out(static_cast<size_t>(bins), 0.0);
  const double log_lo = std::log(axis.lo), span = std::log(axis.hi) - log_lo;
  for (const HistogramBucket& b : h) {
    if (b.high <= 0 || b.count == 0) continue;
    // The bucket's edges in bins (fractional), clamped to the axis: what lies beyond it
    // lands in the first or the last bin rather than disappearing.
    const double a =
        std::clamp((std::log(b.low) - log_lo) / span * bins, 0.0, static_cast<double>(bins));
    const double z =
        std::clamp((std::log(b.high) - log_lo) / span * bins, 0.0, static_cast<double>(bins));
    const double count = static_cast<double>(b.count);
    if (z - a < 1e-12) {
      out[static_cast<size_t>(std::min<double>(a, bins - 1))] += count;
      continue;
    }
    for (int i = static_cast<int>(a); i < bins && i < z; ++i) {
      const double share = (std::min<double>(z, i + 1) - std::max<double>(a, i)) / (z - a);
      out[static_cast<size_t>(i)] += count * share;
    }
  }
  return out;
}

uint64_t zero_count(const std::vector<HistogramBucket>& h) {
  uint64_t n = 0;
  for (const HistogramBucket& b : h)
    if (b.high <= 0) n += b.count;
  return n;
}

std::vector<ValueTick> log_ticks(const LogAxis& axis, float min_spacing_px) {
  // Round durations: 1-2-5 below a minute, then minutes, hours and days as people count them.
  static constexpr double kSteps[] = {
      0.001,        0.002,        0.005,       0.01,       0.02,        0.05,        0.1,
      0.2,          0.5,          1,           2,          5,           10,          15,
      30,           60,           120,         300,        600,         900,         1800,
      3600,         7200,         3 * 3600,    6 * 3600,   12 * 3600,   86400,       2 * 86400,
      7 * 86400,    14 * 86400,   30 * 86400,  91 * 86400, 182 * 86400, 365 * 86400, 730 * 86400,
      1826 * 86400, 3652 * 86400, 7305 * 86400};
  std::vector<ValueTick> out;
  float last_x = -1e9f;
  for (double v : kSteps) {
    if (v < axis.lo || v > axis.hi) continue;
    const float x = axis.x_of(v);
    if (x - last_x < min_spacing_px) continue;
    out.push_back({v, x, round_duration(v)});
    last_x = x;
  }
  return out;
}

std::vector<TargetMark> policy_marks(const SweepDigest& d, bool is_rto) {
  std::map<int64_t, TargetMark> by_target;
  for (const PolicyDigest& p : d.policy) {
    const std::optional<int64_t>& target = is_rto ? p.rto_target_s : p.rpo_target_s;
    if (!target) continue;
    TargetMark& m = by_target[*target];
    m.target_s = static_cast<double>(*target);
    m.met.emplace_back(p.disruption, is_rto ? p.rto_met : p.rpo_met);
  }
  std::vector<TargetMark> out;
  for (auto& [target, m] : by_target) out.push_back(std::move(m));
  return out;
}

std::string met_text(const std::string& disruption, const ProportionDigest& met) {
  if (met.incidents == 0) return disruption + ": no incidents";
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s: %.2f %% [%.2f, %.2f]", disruption.c_str(), met.fraction * 100,
                met.ci95_low * 100, met.ci95_high * 100);
  return buf;
}

void prepare_sweep_histogram(const DistributionDigest& d, const std::vector<TargetMark>& targets,
                             float w, float h, const HistogramLayout& layout,
                             const TextMetrics& text, DrawList& out) {
  DRSIM_CHECK(layout.bin_px > 0, "prepare_sweep_histogram: a screen bin needs a width");
  const float plot_w = w - layout.label_w_px - layout.zero_bar_px - layout.gap_px;
  const float x0 = layout.zero_bar_px + layout.gap_px;  // the log axis' left end
  if (plot_w < 40) return;                              // too narrow to say anything

  std::vector<double> marks;
  for (const TargetMark& t : targets) marks.push_back(t.target_s);
  const LogAxis axis = histogram_axis(d.histogram, marks, plot_w, layout.margin);

  // Quantile labels above the bars, each on the first line where it overlaps no other:
  // p95 and p99 are often a few pixels apart.
  struct QuantileLabel {
    const char* name;
    float x;
    int line;
  };
  std::vector<QuantileLabel> quantile_labels;
  std::vector<float> line_end;  // per label line, the right end of its last label
  if (d.n > 0) {
    for (const auto& [name, value] :
         {std::pair{"p50", d.p50}, std::pair{"p95", d.p95}, std::pair{"p99", d.p99}}) {
      if (value <= 0) continue;
      const float x = x0 + axis.x_of(value), left = x - text.width(name) / 2;
      size_t line = 0;
      while (line < line_end.size() && left < line_end[line] + 4) ++line;
      if (line == line_end.size()) line_end.push_back(0);
      line_end[line] = left + text.width(name);
      quantile_labels.push_back({name, x, static_cast<int>(line)});
    }
  }
  const float label_lines = std::max<float>(1, static_cast<float>(line_end.size()));
  const float axis_h = text.line_h_px + 4;
  const float bars_top = label_lines * (text.line_h_px + 1) + 3;  // the quantile labels sit above
  const float bars_bottom = h - axis_h;
  if (bars_bottom - bars_top < 20) return;  // too small to say anything

  const int bins = std::max(1, static_cast<int>(plot_w / layout.bin_px));
  const std::vector<double> counts = rebin(d.histogram, axis, bins);
  const uint64_t zeros = zero_count(d.histogram);
  double top = static_cast<double>(zeros);
  for (double c : counts) top = std::max(top, c);

  out.rects.push_back({x0, bars_top, x0 + plot_w, bars_bottom, palette::kLaneBackground});
  std::vector<float> target_xs;
  for (const TargetMark& t : targets) target_xs.push_back(std::round(x0 + axis.x_of(t.target_s)));
  for (const ValueTick& t : log_ticks(axis, 70)) {
    // Targets are often round durations too: lines are drawn after rectangles, so the grid
    // would blend into the target's solid colour. The target marks the place well enough.
    const bool on_target = std::any_of(target_xs.begin(), target_xs.end(),
                                       [&](float x) { return std::fabs(x - (x0 + t.x)) < 3; });
    if (!on_target)
      out.lines.push_back({x0 + t.x, bars_top, x0 + t.x, bars_bottom, palette::kGrid});
    out.texts.push_back({x0 + t.x + 2, bars_bottom + 2, palette::kAxisText, t.label});
  }
  auto bar_y = [&](double c) {
    return bars_bottom - static_cast<float>(c / std::max(top, 1.0)) * (bars_bottom - bars_top);
  };
  if (zeros > 0) {
    out.rects.push_back({0, bar_y(static_cast<double>(zeros)), layout.zero_bar_px, bars_bottom,
                         palette::kHistogramZero});
  }
  out.texts.push_back({2, bars_bottom + 2, palette::kAxisText, "0"});
  const float bin_w = plot_w / static_cast<float>(bins);
  for (int i = 0; i < bins; ++i) {
    const double c = counts[static_cast<size_t>(i)];
    if (c <= 0) continue;
    // At least a pixel high: a lone incident in the tail must stay visible.
    const float y = std::min(bar_y(c), bars_bottom - 1);
    out.rects.push_back({x0 + static_cast<float>(i) * bin_w, y,
                         x0 + static_cast<float>(i + 1) * bin_w - (bin_w > 3 ? 1.0f : 0.0f),
                         bars_bottom, palette::kHistogramBar});
  }

  // Quantiles: short ticks above the bars, named on the lines worked out above.
  for (const QuantileLabel& q : quantile_labels) {
    out.lines.push_back({q.x, bars_top - 3, q.x, bars_bottom, palette::kQuantile, 1.0f});
    out.texts.push_back({q.x - text.width(q.name) / 2,
                         static_cast<float>(q.line) * (text.line_h_px + 1), palette::kQuantile,
                         q.name});
  }
  // Targets: 2-pixel bars, so they are a solid colour (lines are antialiased).
  for (float x : target_xs)
    out.rects.push_back({x - 1, bars_top, x + 1, bars_bottom, palette::kTargetLine});

  // The text column: what the distribution is, its quantiles, and each target's score.
  const float tx = w - layout.label_w_px + 8;
  float ty = bars_top;
  auto line = [&](uint32_t color, const std::string& s) {
    out.texts.push_back({tx, ty, color, s, w});
    ty += text.line_h_px + 3;
  };
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s incidents, mean %s",
                format_count(static_cast<int64_t>(d.n)).c_str(), format_seconds(d.mean).c_str());
  line(palette::kAxisText, buf);
  if (d.n > 0) {
    for (const auto& [name, value] :
         {std::pair{"p50", d.p50}, std::pair{"p95", d.p95}, std::pair{"p99", d.p99}}) {
      std::snprintf(buf, sizeof buf, "%s %s", name, format_seconds(value).c_str());
      line(palette::kQuantile, buf);
    }
    std::snprintf(buf, sizeof buf, "max %s (replication %llu)", format_seconds(d.max).c_str(),
                  static_cast<unsigned long long>(d.max_replication.value_or(0)));
    line(palette::kAxisText, buf);
  }
  if (zeros > 0)
    line(palette::kHistogramZero,
         format_count(static_cast<int64_t>(zeros)) + " at zero (the left bar)");
  for (const TargetMark& t : targets) {
    ty += 4;
    line(palette::kTargetLine, "target " + round_duration(t.target_s) + ", incidents meeting it:");
    for (const auto& [disruption, met] : t.met)
      line(palette::kTargetLine, "  " + met_text(disruption, met));
  }
}

std::vector<WorstRow> worst_rows(const SweepDigest& d, int measure) {
  DRSIM_CHECK(measure >= 0 && measure < kWorstMeasureCount, "worst_rows: measure out of range");
  // Each measure's list as replication -> value.
  std::array<std::map<uint64_t, double>, kWorstMeasureCount> by_measure;
  const std::vector<WorstReplication>* list = nullptr;
  for (const auto& [name, entries] : d.worst_replications) {
    for (int m = 0; m < kWorstMeasureCount; ++m) {
      if (name != kWorstMeasures[m]) continue;
      for (const WorstReplication& e : entries)
        by_measure[static_cast<size_t>(m)][e.replication] = e.value;
      if (m == measure) list = &entries;
    }
  }
  std::vector<WorstRow> out;
  if (list == nullptr) return out;
  for (const WorstReplication& e : *list) {
    WorstRow row;
    row.replication = e.replication;
    for (int m = 0; m < kWorstMeasureCount; ++m) {
      const auto& values = by_measure[static_cast<size_t>(m)];
      const auto it = values.find(e.replication);
      if (it != values.end()) row.values[static_cast<size_t>(m)] = it->second;
    }
    out.push_back(row);
  }
  const auto key = static_cast<size_t>(measure);
  std::stable_sort(out.begin(), out.end(), [key](const WorstRow& a, const WorstRow& b) {
    if (*a.values[key] != *b.values[key]) return *a.values[key] > *b.values[key];
    return a.replication < b.replication;
  });
  return out;
}

int worst_incident(const RunReport& report, const TimelineModel& m, int measure) {
  int best_id = -1;
  double best = -1;
  for (const IncidentReport& r : report.incidents) {
    double value = r.total_s;
    if (measure == 2) {
      value = 0;
      for (const auto& [category, rpo] : r.rpo_s)
        if (category == "user_data") value = rpo;
    }
    if (value > best) {
      best = value;
      best_id = r.id;
    }
  }
  for (size_t i = 0; i < m.incidents.size(); ++i)
    if (m.incidents[i].id == best_id) return static_cast<int>(i);
  return m.incidents.empty() ? -1 : 0;
}

std::vector<TitledTable> sweep_service_tables(const SweepDigest& d) {
  SweepTables t = sweep_tables(d, SweepReportOptions{});
  std::vector<TitledTable> out;
  out.push_back({"PSTN calling", std::move(t.pstn)});
  out.push_back({"Remote access and federation", std::move(t.access)});
  out.push_back({"Persistent Chat", std::move(t.pchat)});
  return out;
}

}  // namespace drsim::viz
