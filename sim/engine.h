// The discrete-event engine: a clock, the future event set and the run loop.
//
// The engine owns the queue by value and runs events in (time, sequence) order until the
// queue is empty, the horizon is reached or the event budget is spent. Models implement
// EventHandler; the engine calls handle() once per event and never interprets payloads.
// Time never goes backwards: scheduling in the past is a programmer error.
#pragma once

#include <cstdint>

#include "sim/event_queue.h"
#include "sim/time.h"

namespace drsim {

class Engine;

class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void handle(Engine& engine, const Event& event) = 0;
};

struct EngineLimits {
  // Events at or after the horizon are not run; the clock stops at the horizon.
  Instant horizon = Instant::never();
  // The run stops with StopReason::kBudget once this many events have run and more remain.
  uint64_t event_budget = UINT64_MAX;
};

// kLogFull and kIncidentsFull are set by simulate() when the model stopped the engine because
// its event log reached the scenario's max_log_records, or its incidents max_incidents.
enum class StopReason { kQueueEmpty, kHorizon, kBudget, kStopped, kLogFull, kIncidentsFull };
const char* stop_reason_name(StopReason r);

class Engine {
 public:
  explicit Engine(EngineLimits limits);

  Instant now() const { return now_; }
  Instant horizon() const { return limits_.horizon; }
  uint64_t events_run() const { return events_run_; }

  EventId schedule_at(Instant time, EventPayload payload);
  EventId schedule_after(Duration delay, EventPayload payload) {
    return schedule_at(now_ + delay, payload);
  }
  bool cancel(EventId id) { return queue_.cancel(id); }
  // Asks the run loop to return after the current event.
  void stop() { stop_requested_ = true; }

  StopReason run(EventHandler& handler);

  EventQueue& queue() { return queue_; }

 private:
  EventQueue queue_;
  EngineLimits limits_;
  Instant now_ = Instant::origin();
  uint64_t events_run_ = 0;
  bool stop_requested_ = false;
};

}  // namespace drsim
