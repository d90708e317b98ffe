// The prepare step of one lane: a step series and a view in, rectangles and labels out.
//
// Level of detail: steps wider than a pixel become one rectangle each; steps narrower than
// a pixel are merged up to the next pixel boundary and shown in the worst state among them,
// so a brief outage never disappears when zoomed out and a frame never draws more than about
// two rectangles per pixel per lane, however many records the log holds. Where many steps
// share each pixel, the series' pyramid (lod.h) gives each pixel's worst in a few reads.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "viz/core/draw_list.h"
#include "viz/core/lod.h"
#include "viz/core/series.h"
#include "viz/core/time_view.h"

namespace drsim::viz {

// The index of the first instant >= t at or after index `from`, by galloping from `from`:
// cheap when it is near, as it is when a pixel's few steps are skipped.
inline size_t first_at_or_after(const std::vector<int64_t>& t_us, size_t from, int64_t t) {
  size_t lo = from, step = 1;
  size_t hi = from;
  while (hi < t_us.size() && t_us[hi] < t) {
    lo = hi + 1;
    hi = from + step;
    step *= 2;
  }
  hi = std::min(hi, t_us.size());
  return static_cast<size_t>(std::lower_bound(t_us.begin() + static_cast<std::ptrdiff_t>(lo),
                                              t_us.begin() + static_cast<std::ptrdiff_t>(hi), t) -
                             t_us.begin());
}

// Walks the steps of a series visible in `v` (which ends at end_us), calling
// emit(x0, x1, i) for each run to draw, i being the step whose value the run shows.
// pick(a, b) returns whichever of steps a and b represents a merged run; is_worst(i) says
// no later step can beat i, so the rest of the pixel is skipped.
//
// Where steps are dense (the pyramid's finest level is narrower than a pixel), the runs are
// the pyramid's buckets of at least a pixel (lod.h). Elsewhere steps wider than a pixel
// become one run each and narrower ones merge up to the next pixel boundary, shown by their
// pick.
template <class Pick, class IsWorst, class Emit>
void walk_steps(const std::vector<int64_t>& t_us, int64_t end_us, const TimeView& v,
                const LodPyramid& lod, Pick pick, IsWorst is_worst, Emit emit) {
  const size_t n = t_us.size();
  if (n == 0) return;
  const int64_t lo = std::max(v.t0_us, t_us[0]);
  const int64_t hi = std::min(v.t1_us, end_us);
  if (lo >= hi) return;
  // The scale once per lane, not per step: this loop runs for every visible step.
  const double px_per_us = v.px_per_us(), us_per_px = 1.0 / px_per_us;
  const double t0 = static_cast<double>(v.t0_us);
  auto x_of = [&](int64_t t) {
    return static_cast<float>((static_cast<double>(t) - t0) * px_per_us);
  };

  if (const int k = lod.level_for(us_per_px); k >= 0) {
    walk_buckets(lod, k, lo, hi, v,
                 [&emit](float x0, float x1, uint32_t i) { emit(x0, x1, static_cast<size_t>(i)); });
    return;
  }

  size_t i = step_index_at(t_us, lo);
  int64_t t = lo;
  float x0 = x_of(t);
  // Each turn advances t, and t only takes values of t_us or pixel boundaries: bounded by
  // n + 2 * width_px turns.
  while (t < hi) {
    while (i + 1 < n && t_us[i + 1] <= t) ++i;
    const int64_t step_end = i + 1 < n ? std::min(t_us[i + 1], hi) : hi;
    const float x_end = x_of(step_end);
    if (x_end - x0 >= 1.0f) {
      emit(x0, x_end, i);
      t = step_end;
      x0 = x_end;
      continue;
    }
    // Narrower than a pixel: everything up to the next pixel boundary becomes one run.
    const double next_px = std::floor(static_cast<double>(x0)) + 1.0;
    int64_t boundary = v.t0_us + static_cast<int64_t>(std::ceil(next_px * us_per_px));
    boundary = std::min(std::max(boundary, t + 1), hi);
    size_t rep = i;
    size_t j = i;
    while (j + 1 < n && t_us[j + 1] < boundary) {
      if (is_worst(rep)) {
        j = first_at_or_after(t_us, j + 1, boundary) - 1;
        break;
      }
      ++j;
      rep = pick(rep, j);
    }
    // The merged run takes the whole pixel, covering the end of the run before it, so that
    // the worst state in the pixel is always a full pixel wide.
    const float x_boundary = x_of(boundary);
    const auto px = static_cast<float>(next_px - 1.0);
    emit(px, std::max(x_boundary, px + 1.0f), rep);
    t = boundary;
    x0 = x_boundary;
    i = j;
  }
}

// A state band between y0 and y1. With `labels`, runs wide enough carry their state's name.
// alpha < 1 draws a ghost (a previous run, shown for comparison).
void prepare_state_band(const StepSeries& s, int64_t end_us, const TimeView& v, float y0, float y1,
                        float alpha, const TextMetrics* labels, DrawList& out);

// Users by service level as stacked rectangles between y0 (top) and y1 (bottom), full at the
// bottom. scale_users 0 stacks proportions of each instant's total (a lane); otherwise
// heights are users / scale_users of the band (a plot with a fixed axis).
void prepare_mix_band(const MixSeries& s, int64_t end_us, const TimeView& v, float y0, float y1,
                      int64_t scale_users, float alpha, DrawList& out);

// A step line of values between y0 (top, value vmax) and y1 (bottom, 0); merged pixels show
// their largest value.
void prepare_step_line(const ValueSeries& s, int64_t end_us, const TimeView& v, float y0, float y1,
                       double vmax, uint32_t color, float thickness, DrawList& out);

}  // namespace drsim::viz
