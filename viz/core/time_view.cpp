// Zoom, pan and ticks; see time_view.h.
#include "viz/core/time_view.h"

#include <algorithm>
#include <cmath>

#include "sim/check.h"
#include "viz/core/format.h"

namespace drsim::viz {

namespace {
// Keeps [t0, t0 + span) inside [0, end_us] without changing the span when it fits.
TimeView clamp_view(int64_t t0, int64_t span, float width_px, int64_t end_us) {
  DRSIM_CHECK(end_us > 0, "time view: the model must end after the origin");
  span = std::clamp<int64_t>(span, std::min(kMinSpanUs, end_us), end_us);
  t0 = std::clamp<int64_t>(t0, 0, end_us - span);
  return TimeView{t0, t0 + span, std::max(width_px, 1.0f)};
}
}  // namespace

int64_t TimeView::t_of(float x) const {
  return t0_us + static_cast<int64_t>(std::floor(static_cast<double>(x) / px_per_us()));
}

TimeView fit_view(int64_t a, int64_t b, float width_px, double pad, int64_t end_us) {
  DRSIM_CHECK(b >= a, "fit_view: the range ends before it starts");
  const int64_t span = std::max<int64_t>(b - a, kMinSpanUs);
  const auto margin = static_cast<int64_t>(static_cast<double>(span) * pad);
  return clamp_view(a - margin, span + 2 * margin, width_px, end_us);
}

TimeView zoom_view(const TimeView& v, float anchor_x, double factor, int64_t end_us) {
  DRSIM_CHECK(factor > 0, "zoom_view: the factor must be positive");
  const int64_t anchor = v.t_of(anchor_x);
  const auto span = static_cast<int64_t>(std::llround(static_cast<double>(v.span_us()) * factor));
  const TimeView bounded = clamp_view(0, span, v.width_px, end_us);
  // Keep the anchor under the same pixel: t0 = anchor - x / px_per_us at the new scale.
  const auto left =
      static_cast<int64_t>(std::llround(static_cast<double>(anchor_x) / bounded.px_per_us()));
  return clamp_view(anchor - left, bounded.span_us(), v.width_px, end_us);
}

TimeView pan_view(const TimeView& v, float dx_px, int64_t end_us) {
  const auto dt = static_cast<int64_t>(std::llround(static_cast<double>(dx_px) / v.px_per_us()));
  return clamp_view(v.t0_us - dt, v.span_us(), v.width_px, end_us);
}

TimeView center_view(const TimeView& v, int64_t t, int64_t end_us) {
  return clamp_view(t - v.span_us() / 2, v.span_us(), v.width_px, end_us);
}

int64_t tick_step_us(const TimeView& v, float min_spacing_px) {
  static constexpr int64_t kMs = 1000, kS = 1000 * kMs, kMin = 60 * kS, kH = 60 * kMin;
  static constexpr int64_t kD = 24 * kH;
  static constexpr int64_t kSteps[] = {
      kMs,       2 * kMs,   5 * kMs,  10 * kMs, 20 * kMs,  50 * kMs,  100 * kMs,
      200 * kMs, 500 * kMs, kS,       2 * kS,   5 * kS,    10 * kS,   15 * kS,
      30 * kS,   kMin,      2 * kMin, 5 * kMin, 10 * kMin, 15 * kMin, 30 * kMin,
      kH,        2 * kH,    3 * kH,   6 * kH,   12 * kH,   kD,        2 * kD,
      7 * kD,    14 * kD,   30 * kD,  91 * kD,  365 * kD};
  const double min_us = static_cast<double>(min_spacing_px) / v.px_per_us();
  for (int64_t step : kSteps) {
    if (static_cast<double>(step) >= min_us) return step;
  }
  // Beyond a year per label: whole multiples of a year.
  return 365 * kD * static_cast<int64_t>(std::ceil(min_us / static_cast<double>(365 * kD)));
}

std::vector<Tick> axis_ticks(const TimeView& v, float min_spacing_px) {
  const int64_t step = tick_step_us(v, min_spacing_px);
  std::vector<Tick> ticks;
  // The first multiple of step at or after t0 (t0 >= 0, so plain division rounds down).
  int64_t t = (v.t0_us + step - 1) / step * step;
  for (; t <= v.t1_us && ticks.size() < 512; t += step) {
    ticks.push_back({t, v.x_of(t), format_clock(t, step)});
  }
  return ticks;
}

}  // namespace drsim::viz
