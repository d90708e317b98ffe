// The backlog series and its plot; see backlog.h.
#include "viz/core/backlog.h"

#include <algorithm>
#include <cmath>

#include "sim/check.h"
#include "viz/core/prepare_lane.h"
#include "viz/core/series.h"

namespace drsim::viz {

void BacklogSeries::add(int64_t t, double backlog_bytes, double growth) {
  DRSIM_CHECK(t_us.empty() || t >= t_us.back(), "BacklogSeries: records must be in time order");
  DRSIM_CHECK(std::isfinite(backlog_bytes) && std::isfinite(growth), "BacklogSeries: a backlog is a finite number");
  // Records at one instant: the last is the one in force from then on.
  if (!t_us.empty() && t_us.back() == t) {
    bytes.back() = backlog_bytes;
    growth_bytes_per_s.back() = growth;
    return;
  }
  t_us.push_back(t);
  bytes.push_back(backlog_bytes);
  growth_bytes_per_s.push_back(growth);
}

void BacklogSeries::add_status(int64_t t, double backlog_bytes, double growth) { add(t, backlog_bytes, growth); }

void BacklogSeries::add_cycle(int64_t t, double backlog_bytes) {
  add(t, backlog_bytes, growth_bytes_per_s.empty() ? 0.0 : growth_bytes_per_s.back());
}

double BacklogSeries::at(int64_t t) const {
  if (t_us.empty() || t < t_us.front()) return 0;
  return value(step_index_at(t_us, t), t);
}

double BacklogSeries::max_bytes(int64_t end_us) const {
  double m = 0;
  for (size_t i = 0; i < size(); ++i) {
    const int64_t end = i + 1 < size() ? t_us[i + 1] : std::max(end_us, t_us[i]);
    m = std::max({m, bytes[i], value(i, end)});
  }
  return m;
}

void prepare_backlog_line(const BacklogSeries& s, int64_t end_us, const TimeView& v, float y0,
                          float y1, double vmax, uint32_t color, float thickness, DrawList& out) {
  DRSIM_CHECK(y1 >= y0, "prepare_backlog_line: the plot's bottom lies above its top");
  if (s.empty()) return;
  if (vmax <= 0) vmax = 1;
  const int64_t lo = std::max(v.t0_us, s.t_us.front()), hi = std::min(v.t1_us, end_us);
  if (lo >= hi) return;
  auto y_of = [&](double bytes) { return y1 - (y1 - y0) * static_cast<float>(std::clamp(bytes / vmax, 0.0, 1.0)); };
  // One pixel's column of narrow segments, waiting to be drawn.
  struct Column {
    int px = 0;
    float y_top = 0, y_bottom = 0, y_last = 0;
    bool is_open = false;
  } column;
  bool has_previous = false;
  float previous_y = 0;  // where the line drawn so far ends
  auto flush = [&] {
    if (!column.is_open) return;
    // From the previous end through everything in the pixel: the line stays connected.
    float top = column.y_top, bottom = column.y_bottom;
    if (has_previous) {
      top = std::min(top, previous_y);
      bottom = std::max(bottom, previous_y);
    }
    const auto x = static_cast<float>(column.px) + 0.5f;
    out.lines.push_back({x, top, x, std::max(bottom, top + 1), color, thickness});
    has_previous = true;
    previous_y = column.y_last;
    column.is_open = false;
  };
  const size_t n = s.size();
  // Each turn moves to a later segment: bounded by the segments in view.
  for (size_t i = step_index_at(s.t_us, lo); i < n && s.t_us[i] < hi; ++i) {
    const int64_t a = std::max(s.t_us[i], lo), b = std::min(i + 1 < n ? s.t_us[i + 1] : end_us, hi);
    if (b <= a) continue;
    const float ya = y_of(s.value(i, a)), yb = y_of(s.value(i, b));
    const float xa = v.x_of(a), xb = v.x_of(b);
    if (xb - xa >= 1) {
      flush();
      if (has_previous && previous_y != ya) out.lines.push_back({xa, previous_y, xa, ya, color, thickness});
      out.lines.push_back({xa, ya, xb, yb, color, thickness});
      has_previous = true;
      previous_y = yb;
      continue;
    }
    const auto px = static_cast<int>(std::floor(xa));
    if (column.is_open && column.px != px) flush();
    if (!column.is_open) column = {px, std::min(ya, yb), std::max(ya, yb), yb, true};
    column.y_top = std::min({column.y_top, ya, yb});
    column.y_bottom = std::max({column.y_bottom, ya, yb});
    column.y_last = yb;
    // A column already spanning the whole plot can take nothing more: skip to the
    // segments of the next pixel.
    if (column.y_top <= y0 && column.y_bottom >= y1) {
      const int64_t pixel_end = v.t0_us + static_cast<int64_t>(std::ceil((px + 1) / v.px_per_us()));
      const size_t next = first_at_or_after(s.t_us, i + 1, pixel_end);
      if (next > i + 1) i = next - 2;  // ++i lands on the last segment starting inside the pixel
    }
  }
  flush();
}

}  // namespace drsim::viz
