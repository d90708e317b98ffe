// The visible time range and its mapping to pixels, with the zoom, pan and tick arithmetic
// the timeline needs. Pure functions of numbers, so the interaction is testable without a
// window. Time stays int64 microseconds; only the pixel side is floating point.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace drsim::viz {

inline constexpr int64_t kMinSpanUs = 1000;  // zooming stops at a millisecond across the view

struct TimeView {
  int64_t t0_us = 0;
  int64_t t1_us = 1;
  float width_px = 1;

  double px_per_us() const {
    return static_cast<double>(width_px) / static_cast<double>(t1_us - t0_us);
  }
  // Pixels from the left edge; outside [0, width_px] for instants outside the view.
  float x_of(int64_t t) const {
    return static_cast<float>(static_cast<double>(t - t0_us) * px_per_us());
  }
  // The instant at pixel x, rounded down.
  int64_t t_of(float x) const;
  int64_t span_us() const { return t1_us - t0_us; }
};

// The view of [a, b] with `pad` of the span added on each side, kept within [0, end_us].
TimeView fit_view(int64_t a, int64_t b, float width_px, double pad, int64_t end_us);
// Zooms by `factor` (< 1 zooms in) keeping the instant under pixel `anchor_x` where it is;
// the span stays between kMinSpanUs and end_us and the view within [0, end_us].
TimeView zoom_view(const TimeView& v, float anchor_x, double factor, int64_t end_us);
// Moves the view by dx_px pixels (dragging right shows earlier times), within [0, end_us].
TimeView pan_view(const TimeView& v, float dx_px, int64_t end_us);
// Moves the view so that it is centred on t, within [0, end_us].
TimeView center_view(const TimeView& v, int64_t t, int64_t end_us);

struct Tick {
  int64_t t_us;
  float x;
  std::string label;
};
// Ticks at a round step (1 s, 5 min, 1 h, 1 d, ...) at least min_spacing_px apart.
std::vector<Tick> axis_ticks(const TimeView& v, float min_spacing_px);
// The step axis_ticks chooses.
int64_t tick_step_us(const TimeView& v, float min_spacing_px);

}  // namespace drsim::viz
