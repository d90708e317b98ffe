// The Backup Service backlog rebuilt from the log (log/backlog.h) as the visualiser holds it, and
// its plot.
//
// The default scenario: dc1 is lost at 10:00 and the WAN path with it; pool2->pool1 then
// grows at about 40 kB/s (20 kB/s until 10:28:20, when pool1's users move to pool2) until
// dc1 returns at 18:00, and its first export afterwards carries 1.12 GB.
#include <catch2/catch.hpp>

#include <algorithm>

#include "analysis/backlog_series.h"
#include "sim/event_log.h"
#include "viz/core/plots.h"
#include "viz/core/session.h"
#include "viz/tests/viz_test_sessions.h"

using namespace drsim::viz;
using drsim::viz::testing::default_session;

namespace {
constexpr int64_t kS = 1'000'000, kH = 3600 * kS;

const drsim::BacklogSegments& backlog(const TimelineModel& m, const std::string& direction) {
  const int i = m.find_lane(LaneKind::kBackup, direction);
  REQUIRE(i >= 0);
  return m.backlogs[static_cast<size_t>(m.lanes[static_cast<size_t>(i)].backlog)];
}
}  // namespace

TEST_CASE("viz backlog: it grows by the latest status's rate between records and jumps at them") {
  drsim::BacklogSegments s;
  s.add_status(0, 1000, 0);
  s.add_status(10 * kS, 1000, 50);  // the path goes down: 50 bytes a second
  s.add_cycle(20 * kS, 1500);       // an export: the growth goes on
  s.add_cycle(30 * kS, 100);        // an import leaves 100 bytes
  s.add_status(30 * kS, 100, 0);    // and the status at the same instant stops the growth
  CHECK(s.at(-1) == 0);
  CHECK(s.at(5 * kS) == 1000);
  CHECK(s.at(14 * kS) == Approx(1200));
  CHECK(s.at(25 * kS) == Approx(1750));
  CHECK(s.at(30 * kS - 1) == Approx(2000).epsilon(1e-6));
  CHECK(s.at(30 * kS) == 100);
  CHECK(s.at(100 * kS) == 100);
  CHECK(s.size() == 5);  // records at one instant: each is kept, the last holds
  CHECK(s.max_bytes(100 * kS) == Approx(2000));
}

TEST_CASE("viz backlog: the default scenario's backlog matches what each export carries") {
  const Run& run = default_session().current();
  const TimelineModel& m = run.timeline;
  int exports = 0;
  for (const drsim::log::Record& r : run.log.records) {
    if (!drsim::rec::backup_export::kind.is(r)) continue;
    const drsim::BacklogSegments& b = backlog(m, r.subject());
    // An export ships the backlog that had built up: the rule's value just before it.
    const double shipped = drsim::rec::get(r, drsim::rec::backup_export::bytes, -1.0);
    INFO(r.subject() << " at " << r.time_us());
    CHECK(b.at(r.time_us() - 1) == Approx(shipped).epsilon(1e-4).margin(1));
    CHECK(b.at(r.time_us()) ==
          Approx(drsim::rec::get(r, drsim::rec::backup_export::backlog_bytes, -1.0)).margin(1));
    ++exports;
  }
  CHECK(exports > 4);
  const drsim::BacklogSegments& back = backlog(m, "pool2.contoso.com->pool1.contoso.com");
  // Eight hours of growth, not a flat line. Writes follow the users served at full service:
  // pool2's own 16,000 active users for 8 h, and pool1's from their full service on pool2
  // (10:47:50) to 18:00, 25,930 s, each 20,025.5 B/s (2.2 writes/h x 2,048 B): about 1.097 GB.
  CHECK(back.at(14 * kH) > back.at(11 * kH) + 1e8);
  CHECK(back.at(18 * kH - 1) == Approx(20025.5 * (28800 + 25930)).epsilon(0.01));
  CHECK(m.max_backlog_bytes >= 1.09e9);
  CHECK(describe_at(m,
                    m.lanes[static_cast<size_t>(
                        m.find_lane(LaneKind::kBackup, "pool2.contoso.com->pool1.contoso.com"))],
                    14 * kH)
            .find(" backlog") != std::string::npos);
}

TEST_CASE("viz backlog: the plot draws the growth as a ramp up to the export") {
  const TimelineModel& m = default_session().current().timeline;
  const TimeView v{9 * kH, 19 * kH, 1000};  // 36 s a pixel
  std::vector<PlotLegendEntry> legend;
  DrawList out;
  prepare_backlog_plot(m, nullptr, v, 120, -1, TextMetrics{}, out, &legend);
  REQUIRE(legend.size() == 2);
  const uint32_t color = legend[1].color;
  REQUIRE(legend[1].label == "pool2->pool1");
  // The ramp: one sloping line from 10:28:20 to 18:00 (a segment far wider than a pixel).
  const auto ramp = std::find_if(out.lines.begin(), out.lines.end(), [&](const DrawLine& l) {
    return l.color == color && l.x1 - l.x0 > 300;
  });
  REQUIRE(ramp != out.lines.end());
  CHECK(ramp->y1 < ramp->y0 - 50);  // it rises (y grows downwards)
  CHECK(ramp->x1 == Approx(v.x_of(18 * kH)).margin(1));
  // The plot's scale reaches the peak.
  CHECK(std::any_of(out.texts.begin(), out.texts.end(),
                    [](const DrawText& t) { return t.text == "1.1 GB backlog"; }));
}

TEST_CASE("viz backlog: many records in a pixel merge into one line per pixel") {
  drsim::BacklogSegments s;
  for (int64_t i = 0; i < 200'000; ++i) {
    if (i % 2 == 0)
      s.add_status(i * kS, static_cast<double>(i % 1000), 10);
    else
      s.add_cycle(i * kS, 0);
  }
  const int64_t end = 200'000 * kS;
  DrawList out;
  prepare_backlog_line(s, end, TimeView{0, end, 800}, 0, 100, 1000, 0xFFFFFFFF, 1, out);
  CHECK(out.lines.size() <= 2 * 800);
  CHECK(out.lines.size() >= 700);
  // Each pixel's line spans its values: the tallest reach the top.
  CHECK(std::any_of(out.lines.begin(), out.lines.end(),
                    [](const DrawLine& l) { return std::min(l.y0, l.y1) < 2; }));
}

TEST_CASE(
    "viz backlog: the plot's backlog is the report's and the trace's (analysis/backlog_series.h)") {
  // One derivation of the rule (log/backlog.h), two forms: the visualiser keeps the exact
  // segments for any zoom, the report and the trace sample them. At every sample and half
  // way between, they agree.
  for (const char* name : {"default.pb.txt", "link-then-site-loss.pb.txt", "failback.pb.txt"}) {
    const Run& run = drsim::viz::testing::shared_session(name).current();
    const std::vector<drsim::BacklogSeries> shared =
        drsim::backlog_series(run.log, run.timeline.end_us);
    REQUIRE_FALSE(shared.empty());
    for (const drsim::BacklogSeries& series : shared) {
      const drsim::BacklogSegments& mine = backlog(run.timeline, series.direction);
      INFO(name << ": " << series.direction);
      REQUIRE(series.samples.size() >= 2);
      for (size_t i = 0; i < series.samples.size(); ++i) {
        const int64_t t = series.samples[i].time_us;
        CHECK(mine.at(t) == Approx(drsim::backlog_at(series, t)).epsilon(1e-9).margin(1e-3));
        if (i + 1 < series.samples.size()) {
          const int64_t mid = t + (series.samples[i + 1].time_us - t) / 2;
          CHECK(mine.at(mid) == Approx(drsim::backlog_at(series, mid)).epsilon(1e-6).margin(1));
        }
      }
    }
  }
}
