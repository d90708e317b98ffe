// The level-of-detail pyramid (viz/core/lod.h) and the lane prepare that draws from it when
// a lane's steps are denser than its pixels: each run shows the worst state in force over
// its span, brief outages stay visible, and the rectangles stay at most one per pixel.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "viz/core/prepare_lane.h"
#include "viz/core/series.h"

using namespace drsim::viz;

namespace {
constexpr int64_t kS = 1'000'000;

// The worst severity among the steps in force during [a, b).
int worst_between(const StepSeries& s, int64_t a, int64_t b) {
  int worst = 0;
  for (size_t i = step_index_at(s.t_us, a); i < s.size() && s.t_us[i] < b; ++i) {
    worst = std::max(worst, state_severity(s.states[i]));
  }
  return worst;
}

StepSeries random_series(size_t n, int64_t end_us, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int64_t> at(1, end_us - 1);
  std::vector<int64_t> times(n);
  for (int64_t& t : times) t = at(rng);
  std::sort(times.begin(), times.end());
  static constexpr State kStates[] = {State::kUp, State::kDown, State::kStopped,
                                      State::kFailingOver};
  StepSeries s;
  s.set(0, State::kUp);
  for (int64_t t : times) s.set(t, kStates[rng() % 4]);
  return s;
}
}  // namespace

TEST_CASE("viz lod: each bucket holds the worst state in force during it, at every level") {
  const int64_t end = 100'000 * kS;
  StepSeries s = random_series(5000, end, 1);
  s.build_lod(end);
  REQUIRE_FALSE(s.lod.empty());
  for (int k = 0; k < static_cast<int>(s.lod.levels.size()); k += 3) {
    const std::vector<uint8_t>& level = s.lod.levels[static_cast<size_t>(k)];
    const int64_t w = s.lod.bucket_us(k);
    for (size_t b = 0; b < level.size(); b += 7) {
      const int64_t a = static_cast<int64_t>(b) * w;
      INFO("level " << k << " bucket " << b);
      CHECK(state_severity(state_of_code(level[b])) == worst_between(s, a, std::min(a + w, end)));
    }
  }
  // The top holds the worst state of the whole run.
  CHECK(s.lod.levels.back().size() == 1);
  CHECK(state_severity(state_of_code(s.lod.levels.back()[0])) == s.max_severity());
}

TEST_CASE(
    "viz lod: a busy lane zoomed out draws runs of at least a pixel, each its span's worst state") {
  const int64_t end = 365 * 86'400 * kS;
  StepSeries s = random_series(5000, end, 2);  // about four steps a pixel
  s.build_lod(end);
  const TimeView v{0, end, 1270};
  DrawList out;
  prepare_state_band(s, end, v, 0, 10, 1.0f, nullptr, out);
  CHECK(out.rects.size() <= 1270);
  float x = 0;
  for (const DrawRect& r : out.rects) {
    CHECK(r.x0 == Approx(x).margin(1e-3));  // contiguous, left to right
    x = r.x1;
    CHECK(r.x1 - r.x0 >= 0.999f);
    // The run's colour is the worst state in force across it.
    const int64_t a = v.t_of(r.x0) + 1, b = v.t_of(r.x1);
    // States of different lanes may share a colour (log/states.h): one of them is it.
    const int worst = worst_between(s, a, b);
    CHECK(std::any_of(std::begin(kStateInfo), std::end(kStateInfo), [&](const StateInfo& i) {
      return i.color == r.color && i.severity == worst;
    }));
  }
  CHECK(x == Approx(1270).margin(1e-3));
}

TEST_CASE("viz lod: a one-second outage in a year of busy steps shows where it happened") {
  const int64_t end = 365 * 86'400 * kS;
  StepSeries s;
  s.set(0, State::kUp);
  // A stopped/up flicker every ten minutes all year, and one second down in the middle.
  const int64_t outage = 200 * 86'400 * kS + 3;
  for (int64_t t = 600 * kS; t < end; t += 600 * kS) {
    if (t > outage && s.t_us.back() < outage) {
      s.set(outage, State::kDown);
      s.set(outage + kS, State::kUp);
    }
    s.set(t, (t / (600 * kS)) % 2 == 0 ? State::kUp : State::kStopped);
  }
  s.build_lod(end);
  const TimeView v{0, end, 1000};
  REQUIRE(s.lod.level_for(1.0 / v.px_per_us()) >= 0);  // the pyramid draws this view
  DrawList out;
  prepare_state_band(s, end, v, 0, 10, 1.0f, nullptr, out);
  const auto down = std::find_if(out.rects.begin(), out.rects.end(), [](const DrawRect& r) {
    return r.color == state_color(State::kDown);
  });
  REQUIRE(down != out.rects.end());
  CHECK(down->x0 <= v.x_of(outage));
  CHECK(down->x1 >= v.x_of(outage + kS));
  CHECK(down->x1 - down->x0 <= 2.01f);  // one bucket: one or two pixels
  CHECK(std::count_if(out.rects.begin(), out.rects.end(),
                      [](const DrawRect& r) { return r.color == state_color(State::kDown); }) == 1);
}

TEST_CASE("viz lod: sparse steps are walked exactly; few steps build no pyramid") {
  StepSeries s;
  s.set(0, State::kUp);
  s.set(40 * kS, State::kDown);
  s.set(60 * kS, State::kUp);
  s.build_lod(100 * kS);
  CHECK(s.lod.empty());
  const int64_t end = 86'400 * kS;
  StepSeries busy = random_series(1000, end, 3);
  busy.build_lod(end);
  // Zoomed in to a minute, level 0 is wider than a pixel: the exact walk runs instead.
  CHECK(busy.lod.level_for(60.0 * kS / 1000) == -1);
  CHECK(busy.lod.level_for(static_cast<double>(end) / 1000) >= 0);
}
