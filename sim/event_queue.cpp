// Implementation of the radix-heap future event set; see event_queue.h.
#include "sim/event_queue.h"

#include <algorithm>

#include "sim/check.h"

namespace drsim {

EventQueue::EventQueue(uint32_t capacity) : capacity_(capacity) {
  DRSIM_CHECK(capacity > 0, "event queue capacity must be positive");
}

void EventQueue::reserve(uint32_t n) {
  // Bucket 0 and the low buckets take most entries; the others grow on demand.
  buckets_[0].reserve(n);
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
    slots_.push_back(Slot{0, false, {}});
  }
  const uint64_t seq = next_seq_++;
  slots_[slot] = Slot{seq, false, payload};
  const uint64_t key = key_of(time);
  if (key < last_) rebuild_below(key);
  append(bucket_of(key), Entry{key, slot});
  ++live_;
  return EventId{slot, seq};
}

bool EventQueue::cancel(EventId id) {
  if (!id.is_valid() || id.slot >= slots_.size()) return false;
  Slot& s = slots_[id.slot];
  if (s.seq != id.seq || s.is_cancelled) return false;
  // The entry stays in its bucket as a tombstone; the slot is freed when it reaches the
  // front, so no later event can be mistaken for it.
  s.is_cancelled = true;
  --live_;
  ++tombstones_;
  return true;
}

void EventQueue::free_slot(uint32_t slot) {
  slots_[slot].seq = 0;
  slots_[slot].is_cancelled = false;
  free_slots_.push_back(slot);
}

bool EventQueue::refill() {
  std::vector<Entry>& zero = buckets_[0];
  zero.clear();
  front_ = 0;
  if (nonempty_ == 0) return false;
  const int b = __builtin_ctzll(nonempty_) + 1;
  std::vector<Entry>& from = buckets_[static_cast<size_t>(b)];
  nonempty_ &= ~(1ull << (b - 1));
  DRSIM_CHECK(!from.empty(), "radix heap: a bucket marked non-empty was empty");
  uint64_t least = from[0].key;
  for (const Entry& e : from) least = std::min(least, e.key);
  DRSIM_CHECK(least >= last_, "radix heap: an entry lies before the bucket base");
  last_ = least;
  // In order, so that equal times keep their scheduling order.
  for (const Entry& e : from) {
    const int to = bucket_of(e.key);
    // Entries of bucket b agree with the new base above bit b-1, so they all move down.
    DRSIM_CHECK(to < b, "radix heap: a split moved an entry into its own bucket");
    // The events now at the front are popped next: start fetching their slots.
    if (to == 0) __builtin_prefetch(&slots_[e.slot]);
    append(to, e);
  }
  from.clear();
  return true;
}

bool EventQueue::settle_front() {
  for (;;) {
    std::vector<Entry>& zero = buckets_[0];
    while (front_ < zero.size()) {
      if (tombstones_ == 0) return true;
      const uint32_t slot = zero[front_].slot;
      if (!slots_[slot].is_cancelled) return true;
      free_slot(slot);
      --tombstones_;
      ++front_;
    }
    if (!refill()) return false;
  }
}

Instant EventQueue::next_time() { return settle_front() ? time_of(last_) : Instant::never(); }

bool EventQueue::pop(Event* out) {
  if (!settle_front()) return false;
  const uint32_t slot = buckets_[0][front_++].slot;
  const Slot& s = slots_[slot];
  out->time = time_of(last_);
  out->seq = s.seq;
  out->payload = s.payload;
  free_slot(slot);
  --live_;
  return true;
}

void EventQueue::rebuild_below(uint64_t key) {
  // Gather every entry still pending (tombstones included: they free their slot when they
  // reach the front), order by (time, seq) and re-append around the new, lower base.
  std::vector<Entry> all;
  all.reserve(live_ + 16);
  for (size_t i = front_; i < buckets_[0].size(); ++i) all.push_back(buckets_[0][i]);
  for (int b = 1; b < kBuckets; ++b) {
    std::vector<Entry>& v = buckets_[static_cast<size_t>(b)];
    all.insert(all.end(), v.begin(), v.end());
    v.clear();
  }
  buckets_[0].clear();
  front_ = 0;
  nonempty_ = 0;
  std::sort(all.begin(), all.end(), [this](const Entry& a, const Entry& b) {
    return a.key < b.key || (a.key == b.key && slots_[a.slot].seq < slots_[b.slot].seq);
  });
  last_ = key;
  for (const Entry& e : all) append(bucket_of(e.key), e);
}

}  // namespace drsim
