// The Skype for Business HA/DR model as an event handler on the engine.
//
// The model keeps the state of every component (up or down, and why), applies scripted
// faults and the admin's runbook, and writes every state change and action to the event
// log. Handlers compute follow-up events and records; the engine owns the control flow.
#pragma once

#include <cstdint>
#include <vector>

#include "proto/scenario.pb.h"
#include "sim/engine.h"
#include "sim/event_log.h"
#include "sim/model/topology.h"
#include "sim/random.h"

namespace drsim {

// Event kinds the model schedules (EventPayload::kind).
enum class EventKind : uint32_t {
  kFaultStart = 1,   // target = fault index
  kFaultEnd = 2,     // target = fault index
  kRunbookStep = 3,  // target = runbook step index
};

class Model : public EventHandler {
 public:
  Model(const scenario::Scenario& scenario, const RandomStreams& streams, EventLog* log);

  // Schedules the scenario's scripted faults and runbook steps.
  void start(Engine& engine);
  void handle(Engine& engine, const Event& event) override;

  const Topology& topology() const { return topology_; }
  bool is_up(int component) const { return down_causes_[static_cast<size_t>(component)] == 0; }
  int incidents() const { return incidents_; }

 private:
  void fault_start(Engine& engine, int fault);
  void fault_end(Engine& engine, int fault);
  void runbook_step(Engine& engine, int step);
  // Adds (+1) or removes (-1) one reason for a component to be down, cascading from a site
  // to everything in it; logs up/down transitions.
  void change_down_causes(Engine& engine, int component, int delta, const char* cause);
  void set_down(Engine& engine, int component, int delta, const char* cause);

  const scenario::Scenario& scenario_;
  Topology topology_;
  RandomStreams streams_;
  EventLog* log_;
  std::vector<int> down_causes_;
  int incidents_ = 0;
  Instant first_detect_ = Instant::never();
};

}  // namespace drsim
