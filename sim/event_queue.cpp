// Implementation of the 4-ary heap future event set; see event_queue.h.
#include "sim/event_queue.h"

#include "sim/check.h"

namespace drsim {

namespace {
constexpr size_t kArity = 4;
}

EventQueue::EventQueue(uint32_t capacity) : capacity_(capacity) {
  DRSIM_CHECK(capacity > 0, "event queue capacity must be positive");
}

void EventQueue::reserve(uint32_t n) {
  heap_.reserve(n);
  slots_.reserve(n);
  free_slots_.reserve(n);
}

EventId EventQueue::push(Instant time, EventPayload payload) {
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    DRSIM_CHECK(slots_.size() < capacity_,
                "event queue full: the model schedules events without bound");
    slot = static_cast<uint32_t>(slots_.size());
    slots_.push_back(Slot{0, {}});
  }
  const uint64_t seq = next_seq_++;
  slots_[slot] = Slot{seq, payload};
  heap_.push_back(Key{time.us(), seq, slot});
  sift_up(heap_.size() - 1);
  ++live_;
  return EventId{slot, seq};
}

bool EventQueue::cancel(EventId id) {
  if (!id.is_valid() || id.slot >= slots_.size() || slots_[id.slot].seq != id.seq) {
    return false;
  }
  // The slot is freed at once; its heap key stays as a tombstone whose seq no longer
  // matches the slot, whoever owns the slot next.
  slots_[id.slot].seq = 0;
  free_slots_.push_back(id.slot);
  --live_;
  return true;
}

void EventQueue::drop_tombstones() {
  while (!heap_.empty() && slots_[heap_[0].slot].seq != heap_[0].seq) {
    pop_top();
  }
}

Instant EventQueue::next_time() {
  drop_tombstones();
  return heap_.empty() ? Instant::never() : Instant::from_us(heap_[0].time_us);
}

bool EventQueue::pop(Event* out) {
  drop_tombstones();
  if (heap_.empty()) return false;
  const Key top = heap_[0];
  Slot& slot = slots_[top.slot];
  out->time = Instant::from_us(top.time_us);
  out->seq = top.seq;
  out->payload = slot.payload;
  slot.seq = 0;
  free_slots_.push_back(top.slot);
  --live_;
  pop_top();
  return true;
}

void EventQueue::pop_top() {
  heap_[0] = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
}

void EventQueue::sift_up(size_t i) {
  const Key moving = heap_[i];
  while (i > 0) {
    const size_t parent = (i - 1) / kArity;
    if (!before(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void EventQueue::sift_down(size_t i) {
  const size_t n = heap_.size();
  const Key moving = heap_[i];
  for (;;) {
    const size_t first = i * kArity + 1;
    if (first >= n) break;
    size_t best = first;
    const size_t last = first + kArity < n ? first + kArity : n;
    for (size_t c = first + 1; c < last; ++c) {
      if (before(heap_[c], heap_[best])) best = c;
    }
    if (!before(heap_[best], moving)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = moving;
}

}  // namespace drsim
