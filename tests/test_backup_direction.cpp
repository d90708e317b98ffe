// The Backup Service direction: cycle arithmetic by hand, and the analytic shortcut against
// stepping every cycle under random disturbances.
#include <catch2/catch.hpp>
#include <vector>

#include "sim/model/backup_direction.h"
#include "sim/random.h"
#include "test_util.h"

using namespace drsim;

namespace {
Instant at(double s) { return Instant::origin() + Duration::micros(static_cast<int64_t>(s * 1e6)); }

BackupConfig config(bool always_step) {
  BackupConfig c;
  c.interval = Duration::seconds(120);
  c.overhead = Duration::seconds(5);
  c.latency = Duration::millis(10);
  c.bandwidth_bits_per_s = 8e6;  // 1 MB/s
  c.always_step = always_step;
  return c;
}

// Drives a direction's own events up to `t`.
void advance(BackupDirection& d, Instant t) {
  for (int guard = 0; guard < 1'000'000 && d.next_event() <= t; ++guard) d.on_event(d.next_event());
}
}  // namespace

TEST_CASE("backup direction: steady cycles make the RPO a matter of phase", "[backup]") {
  // Phase 30 s, interval 120 s, 10 kB/s: a cycle carries 1.2 MB, takes 5 + 0.01 + 1.2 = 6.21 s.
  BackupDirection d(config(false), Duration::seconds(30), Instant::origin(), 10'000);
  CHECK(d.cycle_duration(1'200'000) == Duration::micros(6'210'000));
  // At t = 1000 s: cycles start at 30 + 120k; cycle 8 started at 990 s and its import
  // completed at 996.21 s. A disaster at 1000 s loses 10 s; one at 996.2 s loses 126.2 s.
  CHECK(d.durable_snapshot_at(at(1000)) == at(990));
  CHECK(d.durable_snapshot_at(at(996.2)) == at(870));
  CHECK(d.durable_snapshot_at(at(996.21)) == at(990));
  CHECK(d.is_analytic());
  CHECK(d.next_event() == Instant::never());
  CHECK(d.status_at(at(1000)) == BackupStatus::kSteady);
}

TEST_CASE("backup direction: a path outage builds a backlog that drains cycle by cycle",
          "[backup]") {
  BackupDirection d(config(false), Duration::seconds(30), Instant::origin(), 10'000);
  d.set_path_up(at(1000), false);  // link lost at 1000 s; cycle 8 (990 s) is durable
  CHECK(d.durable_snapshot_at(at(5000)) == at(990));
  CHECK(d.status_at(at(5000)) == BackupStatus::kLagging);
  CHECK(d.backlog_bytes_at(at(5000)) == Approx(10'000 * (5000 - 990)));
  d.set_path_up(at(5000), true);
  // The next tick after 5000 s is 5070 s; it carries 4080 s of changes = 40.8 MB, which
  // take 5.01 + 40.8 s: its import completes at 5115.81 s.
  advance(d, at(5070));
  CHECK(d.last_cycle_bytes() == Approx(10'000 * 4080.0));
  advance(d, at(5115.8));
  CHECK(d.durable_snapshot_at(at(5115.8)) == at(990));
  advance(d, at(5150));
  CHECK(d.durable_snapshot_at(at(5150)) == at(5070));
  // That cycle did not delay the next tick (5190 s): the direction is steady and analytic
  // again, and the 5190 s cycle completes at 5196.21 s.
  advance(d, at(6000));
  CHECK(d.is_analytic());
  CHECK(d.durable_snapshot_at(at(5196.21)) == at(5190));
  CHECK(d.durable_snapshot_at(at(6000)) == at(5910));
}

TEST_CASE("backup direction: a cycle longer than the interval delays the next one", "[backup]") {
  BackupDirection d(config(false), Duration::seconds(0), Instant::origin(), 10'000);
  d.set_path_up(at(10), false);    // the cycle of 0 s was imported at 6.21 s
  d.set_path_up(at(12000), true);  // 12000 s of changes = 120 MB
  advance(d, at(12000));           // the 12000 s tick starts a cycle of 5.01 + 120 s
  CHECK(d.last_cycle_duration() == Duration::micros(125'010'000));
  CHECK(d.status_at(at(12100)) == BackupStatus::kLagging);
  advance(d, at(12125.01));
  CHECK(d.durable_snapshot_at(at(12125.01)) == at(12000));
  // The next cycle starts as the late one ends, not on the 12120 s tick.
  CHECK(d.last_cycle_start() == at(12125.01));
  CHECK_FALSE(d.is_analytic());
}

TEST_CASE("backup direction: the analytic shortcut and stepping every cycle agree", "[backup]") {
  Rng rng = RandomStreams(11, 0).stream("test.backup");
  uint64_t fast_cycles = 0, slow_cycles = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const Duration phase = Duration::micros(static_cast<int64_t>(rng() % 120'000'000));
    const double rate = 1000.0 * static_cast<double>(1 + rng() % 200);
    BackupDirection fast(config(false), phase, Instant::origin(), rate);
    BackupDirection slow(config(true), phase, Instant::origin(), rate);
    Instant t = Instant::origin();
    bool up = true;
    for (int step = 0; step < 60; ++step) {
      // Disturbances every 0 to 3 hours: mostly quiet time, as in a real deployment.
      t += Duration::micros(static_cast<int64_t>(rng() % 10'800'000'000));
      advance(fast, t);
      advance(slow, t);
      INFO("trial " << trial << " step " << step << " fast analytic " << fast.is_analytic());
      REQUIRE(fast.durable_snapshot_at(t) == slow.durable_snapshot_at(t));
      REQUIRE(fast.backlog_bytes_at(t) == Approx(slow.backlog_bytes_at(t)).margin(1));
      switch (rng() % 4) {
        case 0:
          up = !up;
          fast.set_path_up(t, up);
          slow.set_path_up(t, up);
          break;
        case 1: {
          const double r = 1000.0 * static_cast<double>(rng() % 300);
          fast.set_rate(t, r);
          slow.set_rate(t, r);
          break;
        }
        case 2:
          fast.force_sync(t);
          slow.force_sync(t);
          break;
        default:
          break;
      }
    }
    CHECK(fast.cycles_stepped() <= slow.cycles_stepped());
    fast_cycles += fast.cycles_stepped();
    slow_cycles += slow.cycles_stepped();
  }
  // The shortcut saves events: it stepped far fewer cycles overall.
  CHECK(fast_cycles * 5 < slow_cycles);
}
