// A level-of-detail pyramid over a step series, built once when a log is indexed, so that a
// frame showing a year of a busy lane reads a few summaries per pixel instead of walking
// every step.
//
// Level 0 splits [0, end) into buckets of 2^base_shift microseconds (a fraction of a step
// each); level k into buckets 2^k times as wide. Each bucket holds a summary of the steps in
// force during it: the step that represents them (the most harmful user mix, the largest
// value) or, for lane states, the worst state itself. A view where level 0 is finer than a
// pixel draws the finest level whose buckets are at least a pixel wide, one rectangle per
// run of equal buckets: a brief outage still shows, as its bucket (one or two pixels, at
// its place in time), and the work per lane is a byte compare per bucket in view. The
// buckets sit at fixed instants, so panning moves them without changing them.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/check.h"
#include "viz/core/time_view.h"

namespace drsim::viz {

// Series with fewer steps are walked step by step: a pyramid would save nothing.
inline constexpr size_t kLodMinSteps = 64;

template <class T>
struct Pyramid {
  int base_shift = 0;                  // level 0's buckets are 2^base_shift microseconds wide
  std::vector<std::vector<T>> levels;  // one summary per bucket

  bool empty() const { return levels.empty(); }
  // Powers of two, so that an instant's bucket is a shift, not a division.
  int bucket_shift(int level) const { return base_shift + level; }
  int64_t bucket_us(int level) const { return int64_t{1} << bucket_shift(level); }
  // The finest level whose buckets are at least min_bucket_us wide, when level 0 is finer
  // than that; -1 otherwise (the steps are sparse enough to walk one by one).
  int level_for(double min_bucket_us) const {
    if (empty() || static_cast<double>(bucket_us(0)) >= min_bucket_us) return -1;
    for (int k = 1; k < static_cast<int>(levels.size()); ++k) {
      if (static_cast<double>(bucket_us(k)) >= min_bucket_us) return k;
    }
    return static_cast<int>(levels.size()) - 1;
  }
};
using LodPyramid = Pyramid<uint32_t>;  // the index of the representing step

// Builds the pyramid of steps at t_us (sorted; each lasting until the next, the last until
// end_us), with about buckets_per_step buckets per step at level 0 (a power of two).
// value(i) summarises step i; combine(a, b) two summaries (associative, picking one).
template <class T, class Value, class Combine>
Pyramid<T> build_pyramid(const std::vector<int64_t>& t_us, int64_t end_us, size_t buckets_per_step,
                         Value value, Combine combine) {
  Pyramid<T> lod;
  const size_t n = t_us.size();
  if (n < kLodMinSteps || end_us <= 0) return lod;
  DRSIM_CHECK(n < (size_t{1} << 31), "build_pyramid: a series of more than 2^31 steps");
  // The bucket width: the power of two at or above end / (n * buckets_per_step).
  const auto buckets = static_cast<int64_t>(n * buckets_per_step);
  const auto width =
      std::bit_ceil(static_cast<uint64_t>(std::max<int64_t>(1, (end_us + buckets - 1) / buckets)));
  lod.base_shift = std::countr_zero(width);
  const auto base_us = static_cast<int64_t>(width);
  const auto count = static_cast<size_t>((end_us + base_us - 1) / base_us);
  std::vector<T> level(count);
  size_t i = 0;  // the step in force at the bucket's start
  for (size_t b = 0; b < count; ++b) {
    const int64_t start = static_cast<int64_t>(b) * base_us, end = start + base_us;
    while (i + 1 < n && t_us[i + 1] <= start) ++i;
    T summary = value(i);
    for (size_t j = i + 1; j < n && t_us[j] < end; ++j) summary = combine(summary, value(j));
    level[b] = summary;
  }
  lod.levels.push_back(std::move(level));
  while (lod.levels.back().size() > 1) {
    const std::vector<T>& below = lod.levels.back();
    std::vector<T> up((below.size() + 1) / 2);
    for (size_t b = 0; b < up.size(); ++b) {
      const size_t l = 2 * b, r = 2 * b + 1;
      up[b] = r < below.size() ? combine(below[l], below[r]) : below[l];
    }
    lod.levels.push_back(std::move(up));
  }
  return lod;
}

// Walks the buckets of level k that cover [lo, hi) in view v, calling emit(x0, x1, summary)
// once per run of equal summaries. One compare per bucket in view, and the x arithmetic only
// at the runs' ends: this loop runs over every busy lane in view.
template <class T, class Emit>
void walk_buckets(const Pyramid<T>& lod, int k, int64_t lo, int64_t hi, const TimeView& v,
                  Emit emit) {
  DRSIM_CHECK(k >= 0 && k < static_cast<int>(lod.levels.size()) && lo < hi && lo >= 0,
              "walk_buckets: no such level, or an empty range");
  const std::vector<T>& level = lod.levels[static_cast<size_t>(k)];
  const int shift = lod.bucket_shift(k);
  const double px_per_us = v.px_per_us(), t0 = static_cast<double>(v.t0_us);
  auto x_of = [&](int64_t t) {
    return static_cast<float>((static_cast<double>(t) - t0) * px_per_us);
  };
  const auto first = static_cast<size_t>(lo >> shift),
             last = static_cast<size_t>((hi - 1) >> shift);
  DRSIM_CHECK(last < level.size(), "walk_buckets: the range ends past the pyramid");
  T run = level[first];
  float x0 = x_of(lo);
  for (size_t i = first + 1; i <= last; ++i) {
    if (level[i] == run) continue;
    const float x1 = x_of(static_cast<int64_t>(i) << shift);
    emit(x0, x1, run);
    x0 = x1;
    run = level[i];
  }
  emit(x0, x_of(hi), run);
}

}  // namespace drsim::viz
