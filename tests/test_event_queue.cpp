// Unit tests of the future event set and the engine's run loop.
#include <catch2/catch.hpp>
#include <map>
#include <utility>
#include <vector>

#include "sim/engine.h"
#include "sim/event_queue.h"
#include "sim/random.h"

using namespace drsim;

namespace {
Instant at_s(int64_t s) { return Instant::origin() + Duration::seconds(s); }
EventPayload tag(uint32_t t) { return EventPayload{1, t, 0}; }
}  // namespace

TEST_CASE("event queue: events pop in time order", "[engine]") {
  EventQueue q;
  q.push(at_s(5), tag(5));
  q.push(at_s(1), tag(1));
  q.push(at_s(3), tag(3));
  std::vector<uint32_t> order;
  Event e;
  while (q.pop(&e)) order.push_back(e.payload.target);
  CHECK(order == std::vector<uint32_t>{1, 3, 5});
}

TEST_CASE("event queue: equal-time events pop in insertion order", "[engine]") {
  EventQueue q;
  for (uint32_t i = 0; i < 100; ++i) q.push(at_s(7), tag(i));
  Event e;
  for (uint32_t i = 0; i < 100; ++i) {
    REQUIRE(q.pop(&e));
    CHECK(e.payload.target == i);
  }
  CHECK_FALSE(q.pop(&e));
}

TEST_CASE("event queue: a cancelled event never pops and a stale id cancels nothing", "[engine]") {
  EventQueue q;
  const EventId a = q.push(at_s(1), tag(1));
  const EventId b = q.push(at_s(2), tag(2));
  q.push(at_s(3), tag(3));
  CHECK(q.cancel(b));
  CHECK_FALSE(q.cancel(b));
  CHECK(q.live_count() == 2);
  Event e;
  REQUIRE(q.pop(&e));
  CHECK(e.payload.target == 1);
  CHECK_FALSE(q.cancel(a));  // already ran
  // The freed slot is reused; the old id must not cancel the new event.
  q.push(at_s(4), tag(4));
  CHECK_FALSE(q.cancel(b));
  REQUIRE(q.pop(&e));
  CHECK(e.payload.target == 3);
  REQUIRE(q.pop(&e));
  CHECK(e.payload.target == 4);
  CHECK(q.empty());
}

TEST_CASE("event queue: random pushes and cancels pop sorted by (time, seq)", "[engine]") {
  EventQueue q;
  Rng rng = RandomStreams(7, 0).stream("test.queue");
  std::vector<EventId> ids;
  for (int i = 0; i < 5000; ++i) {
    ids.push_back(q.push(Instant::from_us(static_cast<int64_t>(rng() % 1000)),
                         tag(static_cast<uint32_t>(i))));
    if (i % 7 == 0) q.cancel(ids[static_cast<size_t>(rng() % ids.size())]);
  }
  Event e;
  Instant last = Instant::origin();
  uint64_t last_seq = 0;
  uint64_t popped = 0;
  const uint64_t live = q.live_count();
  while (q.pop(&e)) {
    REQUIRE((e.time > last || (e.time == last && e.seq > last_seq)));
    last = e.time;
    last_seq = e.seq;
    ++popped;
  }
  CHECK(popped == live);
}

namespace {
// The reference ordering: a sorted map from (time, insertion number) to the tag.
using Reference = std::map<std::pair<int64_t, uint64_t>, uint32_t>;

// Drives the queue and the reference through the same random mix of pushes (many at equal
// times, some after a peek and before the peeked time), pops, peeks and cancels (live,
// already-run and already-cancelled ids) and requires the same answer at every step.
void run_differential(uint64_t seed, int64_t time_spread_us, int steps) {
  EventQueue q;
  Reference ref;
  Rng rng = RandomStreams(seed, 0).stream("test.queue.differential");
  struct Issued {
    EventId id;
    std::pair<int64_t, uint64_t> key;
  };
  std::vector<Issued> issued;
  int64_t now_us = 0;
  uint64_t pushes = 0;
  for (int step = 0; step < steps; ++step) {
    const uint64_t op = rng() % 100;
    if (op < 45) {
      const int64_t t =
          now_us + static_cast<int64_t>(rng() % static_cast<uint64_t>(time_spread_us));
      const uint32_t tag = static_cast<uint32_t>(pushes);
      issued.push_back({q.push(Instant::from_us(t), EventPayload{2, tag, 0}), {t, pushes}});
      ref[{t, pushes}] = tag;
      ++pushes;
    } else if (op < 80) {
      Event e;
      const bool got = q.pop(&e);
      REQUIRE(got == !ref.empty());
      if (!got) continue;
      const auto front = ref.begin();
      REQUIRE(e.time.us() == front->first.first);
      REQUIRE(e.payload.target == front->second);
      now_us = e.time.us();
      ref.erase(front);
    } else if (op < 88) {
      const Instant next = q.next_time();
      REQUIRE(next ==
              (ref.empty() ? Instant::never() : Instant::from_us(ref.begin()->first.first)));
      // A push between now and the peeked time: below the radix heap's base.
      if (!ref.empty() && next.us() > now_us && rng() % 2 == 0) {
        const int64_t t =
            now_us + static_cast<int64_t>(rng() % static_cast<uint64_t>(next.us() - now_us));
        const uint32_t tag = static_cast<uint32_t>(pushes);
        issued.push_back({q.push(Instant::from_us(t), EventPayload{2, tag, 0}), {t, pushes}});
        ref[{t, pushes}] = tag;
        ++pushes;
      }
    } else if (!issued.empty()) {
      const Issued& victim = issued[static_cast<size_t>(rng() % issued.size())];
      const bool expected = ref.erase(victim.key) == 1;
      REQUIRE(q.cancel(victim.id) == expected);
    }
    REQUIRE(q.live_count() == ref.size());
  }
  Event e;
  while (q.pop(&e)) {
    REQUIRE(!ref.empty());
    REQUIRE(e.time.us() == ref.begin()->first.first);
    REQUIRE(e.payload.target == ref.begin()->second);
    ref.erase(ref.begin());
  }
  CHECK(ref.empty());
}
}  // namespace

TEST_CASE("event queue: random pushes, pops, peeks and cancels match a sorted reference",
          "[engine]") {
  // Narrow spreads make many equal times (insertion order decides); wide ones exercise the
  // high buckets of the radix heap.
  for (uint64_t seed : {1u, 2u, 3u}) {
    for (int64_t spread_us : {int64_t{3}, int64_t{1000}, int64_t{1} << 40}) {
      INFO("seed " << seed << ", spread " << spread_us << " us");
      run_differential(seed, spread_us, 20000);
    }
  }
}

TEST_CASE("event queue: a push before the peeked time after a stop still pops first", "[engine]") {
  EventQueue q;
  q.push(at_s(10), tag(10));
  q.push(at_s(10), tag(11));
  CHECK(q.next_time() == at_s(10));
  // As a caller may do after a run stopped at the horizon: schedule before the pending event.
  q.push(at_s(4), tag(4));
  q.push(at_s(10), tag(12));
  std::vector<uint32_t> order;
  Event e;
  while (q.pop(&e)) order.push_back(e.payload.target);
  CHECK(order == std::vector<uint32_t>{4, 10, 11, 12});
}

TEST_CASE("event queue: negative and far-apart times keep their order", "[engine]") {
  EventQueue q;
  q.push(Instant::from_us(INT64_MAX - 1), tag(3));
  q.push(Instant::from_us(-5), tag(0));
  q.push(Instant::from_us(0), tag(1));
  q.push(Instant::from_us(1) + Duration::days(365 * 100), tag(2));
  std::vector<uint32_t> order;
  Event e;
  while (q.pop(&e)) order.push_back(e.payload.target);
  CHECK(order == std::vector<uint32_t>{0, 1, 2, 3});
}

namespace {
struct Recorder : EventHandler {
  std::vector<Instant> times;
  int reschedule = 0;
  void handle(Engine& engine, const Event& event) override {
    times.push_back(engine.now());
    if (reschedule-- > 0) engine.schedule_after(Duration::seconds(10), event.payload);
  }
};
}  // namespace

TEST_CASE("engine: time never goes backwards and the horizon stops the run", "[engine]") {
  EngineLimits limits;
  limits.horizon = at_s(100);
  Engine engine(limits);
  engine.schedule_at(at_s(5), tag(0));
  Recorder r;
  r.reschedule = 1000;
  CHECK(engine.run(r) == StopReason::kHorizon);
  CHECK(engine.now() == at_s(100));
  REQUIRE(r.times.size() == 10);  // 5, 15, ..., 95
  for (size_t i = 1; i < r.times.size(); ++i) CHECK(r.times[i] > r.times[i - 1]);
}

TEST_CASE("engine: the event budget stops a run that would go on", "[engine]") {
  EngineLimits limits;
  limits.event_budget = 25;
  Engine engine(limits);
  engine.schedule_at(at_s(1), tag(0));
  Recorder r;
  r.reschedule = 1'000'000;
  CHECK(engine.run(r) == StopReason::kBudget);
  CHECK(engine.events_run() == 25);
}

TEST_CASE("engine: an empty queue ends the run", "[engine]") {
  Engine engine(EngineLimits{});
  engine.schedule_at(at_s(1), tag(0));
  Recorder r;
  CHECK(engine.run(r) == StopReason::kQueueEmpty);
  CHECK(r.times.size() == 1);
}

TEST_CASE("time: instants and durations format for people", "[time]") {
  CHECK(format_duration(Duration::seconds(45)) == "45s");
  CHECK(format_duration(Duration::seconds(125)) == "2m 05s");
  CHECK(format_duration(Duration::seconds(3723)) == "1h 02m 03s");
  CHECK(format_duration(Duration::days(3) + Duration::hours(4) + Duration::minutes(5)) ==
        "3d 04h 05m");
  CHECK(format_duration(Duration::millis(1250)) == "1.250s");
  CHECK(format_duration(Duration::seconds(-90)) == "-1m 30s");
  CHECK(format_instant(at_s(36000)) == "d+0 10:00:00.000");
  CHECK(format_instant(at_s(86400 + 61)) == "d+1 00:01:01.000");
  CHECK((at_s(10) - at_s(4)) == Duration::seconds(6));
}

TEST_CASE("time: every int64 formats, the extremes included, without overflow", "[time]") {
  // Corrupt logs and sweep files carry values no scenario produces; -INT64_MIN overflows.
  CHECK(format_duration(Duration::micros(INT64_MIN)) == "-106751991d 04h 00m");
  CHECK(format_duration(Duration::micros(INT64_MAX)) == "106751991d 04h 00m");
  CHECK(format_duration(Duration::micros(-1)) == "-0.000s");
  CHECK(format_instant(Instant::from_us(INT64_MAX)) == "d+106751991 04:00:54.775");
  CHECK(format_instant(Instant::from_us(INT64_MIN)) == "-d+106751991 04:00:54.775");
  CHECK(format_instant(Instant::from_us(-1'500'000)) == "-d+0 00:00:01.500");
}
