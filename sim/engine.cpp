// The run loop; see engine.h.
#include "sim/engine.h"

#include "sim/check.h"

namespace drsim {

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::kQueueEmpty:
      return "queue empty";
    case StopReason::kHorizon:
      return "horizon reached";
    case StopReason::kBudget:
      return "event budget spent";
    case StopReason::kStopped:
      return "stopped";
    case StopReason::kLogFull:
      return "event log full";
    case StopReason::kIncidentsFull:
      return "incident limit reached";
  }
  return "?";
}

Engine::Engine(EngineLimits limits) : limits_(limits) {
  DRSIM_CHECK(limits.horizon > Instant::origin(), "horizon must lie after the origin");
  DRSIM_CHECK(limits.event_budget > 0, "event budget must be positive");
}

EventId Engine::schedule_at(Instant time, EventPayload payload) {
  DRSIM_CHECK(time >= now_, "event scheduled in the past: time never goes backwards");
  return queue_.push(time, payload);
}

StopReason Engine::run(EventHandler& handler) {
  stop_requested_ = false;
  Event event;
  for (;;) {
    const Instant next = queue_.next_time();
    if (next == Instant::never()) return StopReason::kQueueEmpty;
    if (next >= limits_.horizon) {
      now_ = limits_.horizon;
      return StopReason::kHorizon;
    }
    if (events_run_ >= limits_.event_budget) return StopReason::kBudget;
    queue_.pop(&event);
    DRSIM_CHECK(event.time >= now_, "event queue returned an event from the past");
    now_ = event.time;
    ++events_run_;
    handler.handle(*this, event);
    if (stop_requested_) return StopReason::kStopped;
  }
}

}  // namespace drsim
