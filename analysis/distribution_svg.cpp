// Histogram and cumulative-distribution charts; see distribution_svg.h.
#include "analysis/distribution_svg.h"

#include <algorithm>
#include <cmath>

#include "analysis/report_format.h"
#include "analysis/report_style.h"
#include "analysis/svg.h"
#include "sim/check.h"

namespace drsim {

namespace {

// Chart geometry, in pixels.
constexpr double kLeft = 54, kRight = 18, kTop = 64, kBottom = 42;
constexpr double kZeroSlot = 30;  // the zero bar's slot left of a log axis
constexpr int kMaxLinearTicks = 6;
constexpr double kMinTickGap = 36;  // labels closer than this to the previous one are left out

// Styles of this chart's own marks, added to the shared chart style.
constexpr const char* kCss =
    ".bar{fill:#6baed6}.bar0{fill:#9ecae1}.ci{fill:#c7d2fe;opacity:.55}"
    ".m-q{stroke:#374151;stroke-width:1.2;stroke-dasharray:4 3}"
    ".m-mean{stroke:#1d4ed8;stroke-width:1.8}.m-target{stroke:#dc2626;stroke-width:2.2}"
    ".cdf{fill:none;stroke:#1d4ed8;stroke-width:2}.guide{stroke:#dc2626;stroke-width:1;stroke-"
    "dasharray:3 3}"
    ".dot{fill:#dc2626}.tt{font:bold 10px 'DejaVu Sans',Verdana,sans-serif;fill:#b91c1c}";

// Tick steps that read well as durations: 1-2-5 below a minute, then whole minutes, hours and
// days people count in.
std::vector<double> nice_steps() {
  std::vector<double> steps;
  for (double decade = 1e-3; decade < 10; decade *= 10)
    for (double m : {1.0, 2.0, 5.0}) steps.push_back(m * decade);
  for (double s : {10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0,
                   10800.0, 21600.0, 43200.0, 86400.0, 172800.0, 432000.0, 864000.0})
    steps.push_back(s);
  for (double s = 1.728e6; s < 1e12; s *= 10) steps.push_back(s);
  return steps;
}

// Log-axis ticks: about one per decade, at 1 min, 10 min, 1 h and 1 d rather than 100 s.
constexpr double kLogTicks[] = {1e-3, 1e-2,  0.1,   1,      10,     60,     600,
                                3600, 36000, 86400, 864000, 8.64e6, 8.64e7, 8.64e8};

double positive_min(const std::vector<HistogramBucket>& h) {
  for (const HistogramBucket& b : h)
    if (b.high > 0) return b.low;
  return 0;
}

uint64_t total_count(const std::vector<HistogramBucket>& h) {
  uint64_t n = 0;
  for (const HistogramBucket& b : h) n += b.count;
  return n;
}

struct Frame {
  DistributionAxis axis;
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;  // the plot area; y0 is the top
  double zero_x = 0;                      // the zero slot's centre, when there is one

  double x(double v) const {
    double f = 0;
    if (axis.log)
      f = v <= axis.min_s ? 0 : std::log(v / axis.min_s) / std::log(axis.max_s / axis.min_s);
    else
      f = (v - axis.min_s) / (axis.max_s - axis.min_s);
    return x0 + std::clamp(f, 0.0, 1.0) * (x1 - x0);
  }
  double y(double share, double top_share) const {
    return y1 - std::clamp(share / top_share, 0.0, 1.0) * (y1 - y0);
  }
};

Frame frame_for(const DistributionAxis& axis, const DistributionChart& c) {
  Frame f;
  f.axis = axis;
  f.x0 = kLeft + (axis.zero_slot ? kZeroSlot : 0);
  f.x1 = c.width_px - kRight;
  f.y0 = kTop;
  f.y1 = c.height_px - kBottom;
  f.zero_x = kLeft + kZeroSlot / 2;
  return f;
}

// Title, x axis with ticks and its label, and the y axis with `y_ticks` (share, label).
void draw_axes(SvgWriter& w, const Frame& f, const DistributionChart& c, const std::string& title,
               const std::vector<std::pair<double, std::string>>& y_ticks, double top_share,
               const std::string& y_label) {
  w.text(kLeft - 44, 16, title, "tb");
  for (const auto& [share, label] : y_ticks) {
    const double y = f.y(share, top_share);
    w.line(kLeft, y, f.x1, y, "grid");
    w.text(kLeft - 4, y + 3, label, "ts", "end");
  }
  w.line(kLeft, f.y1, f.x1, f.y1, "axis");
  double last_label = -1e9;
  for (double t : f.axis.ticks_s) {
    const double x = f.x(t);
    w.line(x, f.y1, x, f.y1 + 4, "axis");
    if (x - last_label < kMinTickGap) continue;  // 10 h beside 1 d on a long log axis
    w.text(x, f.y1 + 15, short_duration(t), "ts", "middle");
    last_label = x;
  }
  if (f.axis.zero_slot) w.text(f.zero_x, f.y1 + 15, "0", "ts", "middle");
  w.text((f.x0 + f.x1) / 2, c.height_px - 8, c.title + (f.axis.log ? " (log scale)" : ""), "t",
         "middle");
  w.open("g", {{"transform", "translate(12," + svg_num((f.y0 + f.y1) / 2) + ") rotate(-90)"}});
  w.text(0, 0, y_label, "ts", "middle");
  w.close();
}

// The tags' rows sit above the plot, row 0 lowest; the plot's top moves down to make room.
constexpr double kTagRowPx = 12;
constexpr double kTagsTopPx = 23;  // below the title

double tags_plot_top(int rows) { return std::max(kTop, kTagsTopPx + kTagRowPx * rows); }

void draw_tags(SvgWriter& w, const Frame& f, const std::vector<PlacedTag>& placed) {
  for (const PlacedTag& t : placed) {
    const double y = f.y0 - 4 - kTagRowPx * t.row;  // the text's baseline
    w.line(t.x, y + 2, t.x, f.y0, "grid");
    if (t.left > t.x) w.line(t.x, y + 2, t.left, y + 2, "grid");
    if (t.left + t.width < t.x) w.line(t.left + t.width, y + 2, t.x, y + 2, "grid");
    w.text(t.left + 3, y, t.text, t.css);
  }
}

std::string percent_label(double share) {
  const double p = share * 100;
  return fixed(p, std::fabs(p - std::round(p)) < 1e-9 ? 0 : 1) + " %";
}

std::string empty_chart(const DistributionChart& c, const std::string& title) {
  SvgWriter w;
  w.text(10, 16, title, "tb");
  w.text(c.width_px / 2, c.height_px / 2, "no " + c.counted + ": nothing to draw", "t", "middle");
  return svg_element(c.width_px, c.height_px, title, std::string(chart_css()) + kCss, w.str());
}

}  // namespace

std::string short_duration(double seconds) {
  const std::string full = human_s(seconds);
  std::string out;
  size_t start = 0;
  while (start <= full.size()) {
    size_t end = full.find(' ', start);
    if (end == std::string::npos) end = full.size();
    const std::string part = full.substr(start, end - start);
    if (part.rfind("00", 0) != 0) out += (out.empty() ? "" : " ") + part;
    start = end + 1;
  }
  return out.empty() ? full : out;
}

double tag_width_px(const ChartTag& t) {
  // .ts is 9 px, .tt bold 10 px (wider per character); 6 px of padding.
  return t.css == "tt" ? text_width_px(t.text, 10) * 1.1 + 6 : text_width_px(t.text, 9) + 6;
}

std::vector<PlacedTag> layout_tags(std::vector<ChartTag> tags, double x_min, double x_max) {
  // Tags on one line (p95 and p99 in one bucket) read as one: "p95 1h 02m, p99 1h 02m".
  std::stable_sort(tags.begin(), tags.end(),
                   [](const ChartTag& a, const ChartTag& b) { return a.x < b.x; });
  std::vector<ChartTag> merged;
  for (const ChartTag& t : tags) {
    if (!merged.empty() && t.x - merged.back().x < 1 && t.css == merged.back().css)
      merged.back().text += ", " + t.text;
    else
      merged.push_back(t);
  }
  const size_t n = merged.size();
  std::vector<double> width(n);
  for (size_t i = 0; i < n; ++i) width[i] = std::min(tag_width_px(merged[i]), x_max - x_min);
  // Two groups. Most boxes start at their line and go right; the rest end at their line:
  // those too near the chart's right edge, and those whose box on the right would cover the
  // line of one of them (their leader would cross it). Until nothing changes; at most n rounds.
  std::vector<bool> leftward(n);
  for (size_t i = 0; i < n; ++i)
    leftward[i] = merged[i].x + width[i] > x_max && merged[i].x - width[i] >= x_min;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < n; ++i) {
      if (leftward[i] || merged[i].x - width[i] < x_min) continue;
      for (size_t j = 0; j < n; ++j) {
        if (leftward[j] && merged[j].x > merged[i].x && merged[j].x < merged[i].x + width[i] + 1) {
          leftward[i] = changed = true;
          break;
        }
      }
    }
  }
  std::vector<PlacedTag> placed;
  constexpr double kGap = 4;          // between two boxes of a row
  constexpr double kLeaderGap = 0.5;  // between a leader line and a box it passes
  const int max_rows = static_cast<int>(n);
  auto place = [&](size_t i) {
    const ChartTag& t = merged[i];
    const double w = width[i];
    const double left = std::clamp(leftward[i] ? t.x - w : t.x, x_min, x_max - w), right = left + w;
    // The lowest row where the box meets no box of its row, its leader (from its row down to
    // the plot) crosses no box below, and no leader from above crosses the box.
    auto fits = [&](int row, bool leaders) {
      for (const PlacedTag& p : placed) {
        if (p.row == row && left < p.left + p.width + kGap && p.left < right + kGap) return false;
        if (!leaders) continue;
        if (p.row < row && t.x > p.left - kLeaderGap && t.x < p.left + p.width + kLeaderGap)
          return false;
        if (p.row > row && p.x > left - kLeaderGap && p.x < right + kLeaderGap) return false;
      }
      return true;
    };
    int row = 0;
    while (row < max_rows && !fits(row, true)) ++row;
    // Only a box wider than either side of its line, clamped over it, can fail that: then
    // the lowest row where it meets no other box (a row holds at most every tag placed before).
    if (row == max_rows) {
      row = 0;
      while (!fits(row, false)) ++row;
    }
    DRSIM_CHECK(row <= max_rows, "a tag row past the number of tags");
    placed.push_back({t.x, left, w, row, t.text, t.css});
  };
  // Rightward boxes right to left: a tag further left, whose leader runs down through the
  // rows below it, passes left of the boxes already there. Leftward ones left to right, the
  // mirror image; they cover no rightward tag's line that is below them, and no rightward box
  // covers theirs, so the two groups never cross either.
  for (size_t i = n; i-- > 0;) {
    if (!leftward[i]) place(i);
  }
  for (size_t i = 0; i < n; ++i) {
    if (leftward[i]) place(i);
  }
  return placed;
}

int tag_rows(const std::vector<PlacedTag>& placed) {
  int rows = 0;
  for (const PlacedTag& p : placed) rows = std::max(rows, p.row + 1);
  return rows;
}

DistributionAxis distribution_axis(const std::vector<HistogramBucket>& h,
                                   const std::vector<ChartTarget>& targets) {
  DistributionAxis a;
  double lo = positive_min(h), hi = h.empty() ? 0 : h.back().high;
  for (const ChartTarget& t : targets) {
    if (t.value_s <= 0) continue;
    lo = lo > 0 ? std::min(lo, t.value_s) : t.value_s;
    hi = std::max(hi, t.value_s);
  }
  const bool zeros = !h.empty() && h.front().high <= 0 && h.front().count > 0;
  if (lo > 0 && hi / lo > kLogAxisRatio) {
    a.log = true;
    a.min_s = lo;
    a.max_s = hi;
    for (double t : kLogTicks)
      if (t <= lo) a.min_s = t;
    for (double t : kLogTicks)
      if (t >= hi) {
        a.max_s = t;
        break;
      }
    for (double t : kLogTicks)
      if (t >= a.min_s && t <= a.max_s) a.ticks_s.push_back(t);
    a.zero_slot = zeros;
    return a;
  }
  hi = std::max(hi, 1e-3);
  double step = 0;
  for (double s : nice_steps()) {
    step = s;
    if (std::ceil(hi / s - 1e-9) <= kMaxLinearTicks) break;
  }
  a.min_s = 0;
  a.max_s = std::ceil(hi / step - 1e-9) * step;
  for (int i = 0; i * step <= a.max_s + step * 1e-9; ++i) a.ticks_s.push_back(i * step);
  return a;
}

std::vector<HistogramBin> rebin_histogram(const std::vector<HistogramBucket>& h,
                                          const DistributionAxis& axis) {
  DRSIM_CHECK(axis.max_s > axis.min_s && (!axis.log || axis.min_s > 0),
              "rebin_histogram: an empty or bad axis");
  std::vector<HistogramBin> bins;
  const uint64_t total = total_count(h);
  if (axis.zero_slot) bins.push_back({0, 0, 0});
  const size_t first = bins.size();
  // Position of a value along the axis, 0 at min_s and 1 at max_s.
  auto pos = [&](double v) {
    if (axis.log)
      return v <= axis.min_s ? 0.0 : std::log(v / axis.min_s) / std::log(axis.max_s / axis.min_s);
    return (v - axis.min_s) / (axis.max_s - axis.min_s);
  };
  const int count =
      axis.log ? std::max(1, static_cast<int>(std::ceil(
                                 std::log10(axis.max_s / axis.min_s) * kLogBinsPerDecade - 1e-9)))
               : static_cast<int>(axis.ticks_s.size() - 1) * kLinearBinsPerTick;
  for (int i = 0; i < count; ++i) {
    const double f0 = static_cast<double>(i) / count, f1 = static_cast<double>(i + 1) / count;
    const double low = axis.log ? axis.min_s * std::pow(axis.max_s / axis.min_s, f0)
                                : axis.min_s + f0 * (axis.max_s - axis.min_s);
    const double high = axis.log ? axis.min_s * std::pow(axis.max_s / axis.min_s, f1)
                                 : axis.min_s + f1 * (axis.max_s - axis.min_s);
    bins.push_back({low, high, 0});
  }
  if (total == 0) return bins;
  const double n = static_cast<double>(total), nb = static_cast<double>(count);
  for (const HistogramBucket& b : h) {
    const double share = static_cast<double>(b.count) / n;
    if (b.high <= 0) {  // zeros: their own slot on a log axis, the first bin on a linear one
      bins[axis.zero_slot ? 0 : first].share += share;
      continue;
    }
    const double p0 = std::clamp(pos(b.low), 0.0, 1.0) * nb,
                 p1 = std::clamp(pos(b.high), 0.0, 1.0) * nb;
    if (p1 <= p0) {  // at or beyond an end of the axis
      bins[first + static_cast<size_t>(std::min(nb - 1, std::floor(p0)))].share += share;
      continue;
    }
    for (int i = static_cast<int>(std::floor(p0)); i < count && i < p1; ++i) {
      const double overlap = std::min<double>(i + 1, p1) - std::max<double>(i, p0);
      if (overlap > 0) bins[first + static_cast<size_t>(i)].share += share * overlap / (p1 - p0);
    }
  }
  return bins;
}

double share_at_most(const std::vector<HistogramBucket>& h, double x) {
  const uint64_t total = total_count(h);
  if (total == 0) return 0;
  double below = 0;
  for (const HistogramBucket& b : h) {
    if (b.high <= x)
      below += static_cast<double>(b.count);
    else if (b.low < x)
      below += static_cast<double>(b.count) * (x - b.low) / (b.high - b.low);
  }
  return below / static_cast<double>(total);
}

std::string histogram_svg(const DistributionDigest& d, const DistributionChart& c) {
  const std::string title =
      c.title + ": histogram of " + grouped(static_cast<int64_t>(d.n)) + " " + c.counted;
  if (d.n == 0 || d.histogram.empty()) return empty_chart(c, title);
  Frame f = frame_for(distribution_axis(d.histogram, c.targets), c);
  // The tags first: their rows decide where the plot's top is.
  std::vector<ChartTag> tags;
  const std::pair<const char*, double> quantiles[] = {
      {"p50", d.p50}, {"p95", d.p95}, {"p99", d.p99}};
  for (const auto& [name, v] : quantiles) {
    if (v <= 0 && f.axis.log) continue;
    tags.push_back({f.x(v), std::string(name) + " " + short_duration(v), "ts"});
  }
  tags.push_back({f.x(d.mean),
                  "mean " + short_duration(d.mean) +
                      (d.ci95_halfwidth ? " \xC2\xB1 " + short_duration(*d.ci95_halfwidth) : ""),
                  "ts"});
  for (const ChartTarget& t : c.targets) tags.push_back({f.x(t.value_s), t.label, "tt"});
  const std::vector<PlacedTag> placed = layout_tags(tags, 2, c.width_px - 2);
  f.y0 = tags_plot_top(tag_rows(placed));

  const std::vector<HistogramBin> bins = rebin_histogram(d.histogram, f.axis);
  double top = 0;
  for (const HistogramBin& b : bins) top = std::max(top, b.share);
  // Up to five steps of a round share.
  double step = 0.25;
  for (double s : {0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25})
    if (std::ceil(top / s - 1e-9) <= 5) {
      step = s;
      break;
    }
  const int steps = std::max(1, static_cast<int>(std::ceil(top / step - 1e-9)));
  const double top_share = step * steps;
  std::vector<std::pair<double, std::string>> y_ticks;
  for (int i = 0; i <= steps; ++i) y_ticks.emplace_back(step * i, percent_label(step * i));

  SvgWriter w;
  draw_axes(w, f, c, title, y_ticks, top_share, "share of " + c.counted);
  // The mean's interval first, under the bars.
  if (d.ci95_halfwidth) {
    const double l = f.x(std::max(d.mean - *d.ci95_halfwidth, f.axis.min_s)),
                 r = f.x(d.mean + *d.ci95_halfwidth);
    w.rect(l, f.y0, std::max(r - l, 1.0), f.y1 - f.y0, "", "ci", "mean \xC2\xB1 95 % interval");
  }
  for (const HistogramBin& b : bins) {
    if (b.share <= 0) continue;
    const bool zero = b.high_s <= 0;
    const double l = zero ? f.zero_x - kZeroSlot / 2 + 4 : f.x(b.low_s);
    const double r = zero ? f.zero_x + kZeroSlot / 2 - 4 : f.x(b.high_s);
    const double y = f.y(b.share, top_share);
    const std::string tip =
        (zero ? std::string("0") : short_duration(b.low_s) + " to " + short_duration(b.high_s)) +
        ": " + fixed(b.share * 100, 2) + " % of " + c.counted;
    w.rect(l + 0.5, y, std::max(r - l - 1, 1.0), f.y1 - y, "", zero ? "bar0" : "bar", tip);
  }
  for (const auto& [name, v] : quantiles) {
    if (v <= 0 && f.axis.log) continue;
    w.line(f.x(v), f.y0, f.x(v), f.y1, "m-q");
  }
  w.line(f.x(d.mean), f.y0, f.x(d.mean), f.y1, "m-mean");
  for (const ChartTarget& t : c.targets)
    w.line(f.x(t.value_s), f.y0, f.x(t.value_s), f.y1, "m-target");
  draw_tags(w, f, placed);
  return svg_element(c.width_px, c.height_px, title, std::string(chart_css()) + kCss, w.str());
}

std::string cdf_svg(const DistributionDigest& d, const DistributionChart& c) {
  const std::string title = c.title + ": cumulative distribution";
  if (d.n == 0 || d.histogram.empty()) return empty_chart(c, title);
  Frame f = frame_for(distribution_axis(d.histogram, c.targets), c);
  std::vector<ChartTag> tags;
  std::vector<double> shares;
  for (const ChartTarget& t : c.targets) {
    shares.push_back(share_at_most(d.histogram, t.value_s));
    tags.push_back(
        {f.x(t.value_s),
         t.label + ": " + fixed(shares.back() * 100, 2) + " % of " + c.counted + " meet it", "tt"});
  }
  const std::vector<PlacedTag> placed = layout_tags(tags, 2, c.width_px - 2);
  f.y0 = tags_plot_top(tag_rows(placed));
  std::vector<std::pair<double, std::string>> y_ticks;
  for (double s : {0.0, 0.25, 0.5, 0.75, 1.0}) y_ticks.emplace_back(s, percent_label(s));

  SvgWriter w;
  draw_axes(w, f, c, title, y_ticks, 1.0, "share of " + c.counted + " at most x");
  const double n = static_cast<double>(total_count(d.histogram));
  double cum = 0;
  std::string points;
  auto point = [&](double x, double share) {
    points += svg_num(x) + "," + svg_num(f.y(share, 1.0)) + " ";
  };
  for (const HistogramBucket& b : d.histogram) {
    const double next = cum + static_cast<double>(b.count) / n;
    if (b.high <= 0) {  // zeros: a step at 0 (or across the zero slot)
      point(f.axis.zero_slot ? f.zero_x - kZeroSlot / 2 : f.x(0), 0);
      point(f.axis.zero_slot ? f.zero_x - kZeroSlot / 2 : f.x(0), next);
      if (f.axis.zero_slot) point(f.x0, next);
    } else {
      point(f.x(b.low), cum);
      point(f.x(b.high), next);
    }
    cum = next;
  }
  point(f.x1, cum);
  w.leaf("polyline", {{"points", points.substr(0, points.size() - 1)}, {"class", "cdf"}});
  for (size_t i = 0; i < c.targets.size(); ++i) {
    const double x = f.x(c.targets[i].value_s), y = f.y(shares[i], 1.0);
    w.line(x, f.y0, x, f.y1, "m-target");
    w.line(kLeft, y, x, y, "guide");
    w.leaf("circle", {{"cx", svg_num(x)}, {"cy", svg_num(y)}, {"r", "4"}, {"class", "dot"}});
  }
  draw_tags(w, f, placed);
  return svg_element(c.width_px, c.height_px, title, std::string(chart_css()) + kCss, w.str());
}

}  // namespace drsim
