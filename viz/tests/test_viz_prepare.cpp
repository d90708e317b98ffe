// Unit tests of the visualiser's pure steps: series, view arithmetic and lane prepares.
// No window and no ImGui: what would be drawn is checked as plain rectangles and labels.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viz/core/prepare_lane.h"
#include "viz/core/series.h"
#include "viz/core/time_view.h"

using namespace drsim::viz;

namespace {
constexpr int64_t kS = 1'000'000;

StepSeries steps(std::initializer_list<std::pair<int64_t, State>> changes) {
  StepSeries s;
  for (const auto& [t, state] : changes) s.set(t, state);
  return s;
}

size_t count_color(const DrawList& out, uint32_t color) {
  return static_cast<size_t>(std::count_if(
      out.rects.begin(), out.rects.end(), [color](const DrawRect& r) { return r.color == color; }));
}
}  // namespace

TEST_CASE("viz colours: lightening moves toward white and keeps the alpha") {
  const uint32_t c = rgba(100, 0, 200, 128);
  CHECK(lighten(c, 0) == c);
  CHECK(lighten(c, 1) == rgba(255, 255, 255, 128));
  CHECK(lighten(c, 0.5f) == rgba(178, 128, 228, 128));
  CHECK(with_alpha(rgba(1, 2, 3), 0.5f) == rgba(1, 2, 3, 128));
}

TEST_CASE(
    "viz series: a change at the same instant replaces the last, and a change back vanishes") {
  StepSeries s = steps({{0, State::kUp}, {10, State::kDown}});
  s.set(10, State::kStopped);
  REQUIRE(s.size() == 2);
  CHECK(s.at(10) == State::kStopped);
  s.set(10, State::kUp);  // back to the state before: the change is undone
  REQUIRE(s.size() == 1);
  s.set(20, State::kUp);  // no change at all
  CHECK(s.size() == 1);
  CHECK(s.at(-5) == State::kUp);
}

TEST_CASE("viz series: the step in force is the last one at or before the instant") {
  const StepSeries s = steps({{0, State::kFull}, {100, State::kSignedOut}, {200, State::kFull}});
  CHECK(s.at(99) == State::kFull);
  CHECK(s.at(100) == State::kSignedOut);
  CHECK(s.at(199) == State::kSignedOut);
  CHECK(s.at(1000) == State::kFull);
  CHECK(s.max_severity() == state_severity(State::kSignedOut));
}

TEST_CASE("viz series: a group shows its worst member at every instant") {
  const StepSeries a = steps({{0, State::kUp}, {10, State::kDown}, {30, State::kUp}});
  const StepSeries b = steps({{0, State::kUp}, {20, State::kStopped}, {40, State::kUp}});
  const StepSeries g = merge_worst({&a, &b}, State::kUp);
  CHECK(g.at(5) == State::kUp);
  CHECK(g.at(15) == State::kDown);
  CHECK(g.at(25) == State::kDown);     // down is worse than stopped
  CHECK(g.at(35) == State::kStopped);  // a is back up, b still stopped
  CHECK(g.at(45) == State::kUp);
}

TEST_CASE("viz series: pools' users add up over time") {
  MixSeries p1, p2;
  p1.set(0, UserMix{{100, 0, 0, 0}});
  p2.set(0, UserMix{{50, 0, 0, 0}});
  p1.set(10, UserMix{{0, 0, 0, 100}});
  p1.set(20, UserMix{{0, 100, 0, 0}});
  const MixSeries sum = merge_sum({&p1, &p2});
  CHECK(sum.at(5).users == std::array<int64_t, 4>{150, 0, 0, 0});
  CHECK(sum.at(15).users == std::array<int64_t, 4>{50, 0, 0, 100});
  CHECK(sum.at(25).users == std::array<int64_t, 4>{50, 100, 0, 0});
}

TEST_CASE("viz view: zooming keeps the instant under the mouse in place") {
  const int64_t end = 86'400 * kS;
  const TimeView v{0, end, 1000};
  const float anchor = 250;
  const int64_t before = v.t_of(anchor);
  const TimeView z = zoom_view(v, anchor, 0.5, end);
  CHECK(z.span_us() == end / 2);
  CHECK(std::llabs(z.t_of(anchor) - before) <= z.span_us() / 1000);
  // Zooming out beyond the whole run stops at the whole run.
  const TimeView out = zoom_view(z, anchor, 10, end);
  CHECK(out.t0_us == 0);
  CHECK(out.t1_us == end);
  // Zooming in stops at a millisecond across the view.
  CHECK(zoom_view(v, anchor, 1e-12, end).span_us() == kMinSpanUs);
}

TEST_CASE("viz view: dragging pans by the pixels moved and stops at the run's ends") {
  const int64_t end = 1000 * kS;
  const TimeView v{100 * kS, 200 * kS, 1000};
  CHECK(pan_view(v, 100, end).t0_us == 90 * kS);  // dragging right shows earlier times
  CHECK(pan_view(v, -100, end).t0_us == 110 * kS);
  CHECK(pan_view(v, 1e6f, end).t0_us == 0);
  CHECK(pan_view(v, -1e6f, end).t1_us == end);
}

TEST_CASE("viz view: axis ticks fall on round instants with labels at the step's precision") {
  const TimeView v{10 * 3600 * kS, 11 * 3600 * kS, 1200};  // 10:00 to 11:00 on 1200 px
  const std::vector<Tick> ticks = axis_ticks(v, 90);
  REQUIRE(ticks.size() >= 2);
  CHECK(tick_step_us(v, 90) == 5 * 60 * kS);  // 100 px per 5 minutes
  CHECK(ticks[0].label == "10:00");
  CHECK(ticks[1].label == "10:05");
  CHECK(ticks[1].x == Approx(100).margin(0.01));
  const TimeView day2{86'400 * kS + 6 * 3600 * kS, 86'400 * kS + 6 * 3600 * kS + 10 * kS, 1000};
  CHECK(axis_ticks(day2, 90)[0].label == "d+1 06:00:00");
}

TEST_CASE("viz lane: wide steps become one rectangle each, at their pixels, with a label") {
  const StepSeries s = steps({{0, State::kUp}, {40 * kS, State::kDown}, {60 * kS, State::kUp}});
  const TimeView v{0, 100 * kS, 1000};
  DrawList out;
  const TextMetrics text;
  prepare_state_band(s, 100 * kS, v, 0, 18, 1.0f, &text, out);
  REQUIRE(out.rects.size() == 3);
  CHECK(out.rects[1].x0 == Approx(400));
  CHECK(out.rects[1].x1 == Approx(600));
  CHECK(out.rects[1].color == state_color(State::kDown));
  REQUIRE(out.texts.size() == 3);
  CHECK(out.texts[1].text == "down");
}

TEST_CASE("viz lane: steps narrower than a pixel merge, the worst state showing") {
  // One second of "down" in a day of "up", on 1000 pixels: far less than a pixel.
  const int64_t end = 86'400 * kS;
  const StepSeries s =
      steps({{0, State::kUp}, {50'000 * kS, State::kDown}, {50'001 * kS, State::kUp}});
  DrawList out;
  prepare_state_band(s, end, TimeView{0, end, 1000}, 0, 10, 1.0f, nullptr, out);
  REQUIRE(count_color(out, state_color(State::kDown)) == 1);
  const DrawRect& blip = *std::find_if(out.rects.begin(), out.rects.end(), [](const DrawRect& r) {
    return r.color == state_color(State::kDown);
  });
  CHECK(blip.x1 - blip.x0 >= 0.99f);  // still a visible pixel
  CHECK(blip.x1 - blip.x0 <= 1.01f);
}

TEST_CASE("viz lane: a million steps in view cost about two rectangles per pixel") {
  StepSeries s;
  for (int64_t i = 0; i < 1'000'000; ++i) s.set(i * kS, i % 2 == 0 ? State::kUp : State::kDown);
  const int64_t end = 1'000'000 * kS;
  DrawList out;
  prepare_state_band(s, end, TimeView{0, end, 1600}, 0, 10, 1.0f, nullptr, out);
  CHECK(out.rects.size() <= 2 * 1600);
  CHECK(out.rects.size() >= 1);
  // Every merged pixel holds a "down" step, so the whole lane reads as down.
  CHECK(count_color(out, state_color(State::kUp)) == 0);
}

TEST_CASE("viz lane: nothing outside the visible range is prepared") {
  const StepSeries s = steps({{0, State::kUp}, {10 * kS, State::kDown}, {20 * kS, State::kUp}});
  DrawList out;
  prepare_state_band(s, 100 * kS, TimeView{30 * kS, 40 * kS, 500}, 0, 10, 1.0f, nullptr, out);
  REQUIRE(out.rects.size() == 1);
  CHECK(out.rects[0].x0 == Approx(0));
  CHECK(out.rects[0].x1 == Approx(500));
  CHECK(out.rects[0].color == state_color(State::kUp));
}

TEST_CASE("viz lane: a ghost band has the same shapes at reduced alpha") {
  const StepSeries s = steps({{0, State::kFull}, {50 * kS, State::kSignedOut}});
  DrawList out;
  prepare_state_band(s, 100 * kS, TimeView{0, 100 * kS, 100}, 0, 4, 0.5f, nullptr, out);
  REQUIRE(out.rects.size() == 2);
  CHECK((out.rects[1].color & 0x00FFFFFFu) == (state_color(State::kSignedOut) & 0x00FFFFFFu));
  CHECK((out.rects[1].color >> 24) == 128);
}

TEST_CASE("viz lane: users stack by service level, full at the bottom, in proportion") {
  MixSeries m;
  m.set(0, UserMix{{750, 250, 0, 0}});
  DrawList out;
  prepare_mix_band(m, 100 * kS, TimeView{0, 100 * kS, 100}, 0, 100, 0, 1.0f, out);
  REQUIRE(out.rects.size() == 2);
  CHECK(out.rects[0].color == state_color(State::kFull));
  CHECK(out.rects[0].y0 == Approx(25));
  CHECK(out.rects[0].y1 == Approx(100));
  CHECK(out.rects[1].color == state_color(State::kResiliency));
  CHECK(out.rects[1].y0 == Approx(0));
}

TEST_CASE("viz plot: a step line rises and falls with the values, scaled to its maximum") {
  ValueSeries s;
  s.add(0, 10);
  s.add(50 * kS, 5);
  DrawList out;
  prepare_step_line(s, 100 * kS, TimeView{0, 100 * kS, 100}, 0, 100, 10, 0xFFFFFFFF, 1, out);
  REQUIRE(out.lines.size() == 3);  // top, the drop, half height
  CHECK(out.lines[0].y0 == Approx(0));
  CHECK(out.lines[2].y0 == Approx(50));
  CHECK(out.lines[1].x0 == Approx(50));
}
