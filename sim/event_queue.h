// The future event set: pending events ordered by (time, insertion sequence), with cancel.
//
// Equal-time events pop in the order they were scheduled, so a run is a total order that
// depends on nothing but the model's own calls. The queue is an implicit 4-ary min-heap of
// small keys plus a slot table holding each event's payload; a cancelled event leaves its
// heap key behind as a tombstone that is skipped when it reaches the top. Storage grows to
// the largest number of pending events and is then reused: scheduling allocates nothing in
// the steady state.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/time.h"

namespace drsim {

// Names an event so that it can be cancelled. A stale id (event already run or cancelled)
// is harmless: cancel() returns false.
struct EventId {
  uint32_t slot = UINT32_MAX;
  uint64_t seq = 0;
  bool is_valid() const { return slot != UINT32_MAX; }
};

// What the model attaches to an event: a kind, a target index and one argument. The engine
// never interprets them.
struct EventPayload {
  uint32_t kind = 0;
  uint32_t target = 0;
  uint64_t arg = 0;
};

struct Event {
  Instant time;
  uint64_t seq = 0;
  EventPayload payload;
};

class EventQueue {
 public:
  // Capacity bounds the number of pending events; scheduling past it is a programmer error
  // (a model that schedules without bound), caught by an always-on check.
  explicit EventQueue(uint32_t capacity = 1u << 26);

  EventId push(Instant time, EventPayload payload);
  // Marks a pending event as cancelled; false if it already ran or was cancelled.
  bool cancel(EventId id);
  // Removes and returns the earliest live event; false when none is pending.
  bool pop(Event* out);
  // Time of the earliest live event, or Instant::never() when none is pending.
  Instant next_time();

  uint64_t live_count() const { return live_; }
  bool empty() const { return live_ == 0; }
  void reserve(uint32_t n);

 private:
  struct Key {
    int64_t time_us;
    uint64_t seq;
    uint32_t slot;
  };
  struct Slot {
    uint64_t seq;  // 0 when the slot is free
    EventPayload payload;
  };
  static bool before(const Key& a, const Key& b) {
    return a.time_us < b.time_us || (a.time_us == b.time_us && a.seq < b.seq);
  }
  void sift_up(size_t i);
  void sift_down(size_t i);
  void pop_top();
  void drop_tombstones();

  std::vector<Key> heap_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_slots_;
  uint64_t next_seq_ = 1;
  uint64_t live_ = 0;
  uint32_t capacity_;
};

}  // namespace drsim
