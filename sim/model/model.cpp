// Component states, scripted faults and runbook steps; see model.h.
#include "sim/model/model.h"

#include "sim/check.h"
#include "sim/model/distribution.h"

namespace drsim {

namespace {
EventPayload payload(EventKind kind, int target) {
  return EventPayload{static_cast<uint32_t>(kind), static_cast<uint32_t>(target), 0};
}
}  // namespace

Model::Model(const scenario::Scenario& scenario, const RandomStreams& streams, EventLog* log)
    : scenario_(scenario),
      topology_(scenario),
      streams_(streams),
      log_(log),
      down_causes_(topology_.components().size(), 0) {}

void Model::start(Engine& engine) {
  for (int i = 0; i < scenario_.faults_size(); ++i) {
    engine.schedule_at(Instant::origin() + Duration::seconds(scenario_.faults(i).at_s()),
                       payload(EventKind::kFaultStart, i));
  }
  // The admin notices the first scripted fault after the detect delay and decides after
  // the decide delay; runbook steps marked after_detect are anchored there.
  if (scenario_.faults_size() > 0) {
    int64_t first_s = scenario_.faults(0).at_s();
    for (const auto& f : scenario_.faults()) first_s = std::min(first_s, f.at_s());
    Rng admin = streams_.stream("admin.delays");
    const Duration detect = sample_duration(scenario_.admin().detect_delay(), admin, Duration::zero());
    const Duration decide = sample_duration(scenario_.admin().decide_delay(), admin, Duration::zero());
    first_detect_ = Instant::origin() + Duration::seconds(first_s) + detect + decide;
  }
  for (int i = 0; i < scenario_.runbook_size(); ++i) {
    const auto& step = scenario_.runbook(i);
    Instant at;
    if (step.after_detect()) {
      if (first_detect_ == Instant::never()) continue;  // nothing to detect
      at = first_detect_ + Duration::seconds(step.offset_s());
    } else {
      at = Instant::origin() + Duration::seconds(step.at_s());
    }
    if (at < engine.horizon()) engine.schedule_at(at, payload(EventKind::kRunbookStep, i));
  }
}

void Model::handle(Engine& engine, const Event& event) {
  const int target = static_cast<int>(event.payload.target);
  switch (static_cast<EventKind>(event.payload.kind)) {
    case EventKind::kFaultStart: fault_start(engine, target); return;
    case EventKind::kFaultEnd: fault_end(engine, target); return;
    case EventKind::kRunbookStep: runbook_step(engine, target); return;
  }
  DRSIM_CHECK(false, "unknown event kind: the model scheduled an event it cannot handle");
}

void Model::fault_start(Engine& engine, int fault) {
  const auto& f = scenario_.faults(fault);
  const int c = topology_.find(f.component());
  DRSIM_CHECK(c >= 0, "fault on an unknown component: the scenario was not validated");
  ++incidents_;
  if (log_->enabled()) {
    log_->append(engine.now(), "fault.start", f.component())
        .s("component_kind", component_kind_name(topology_.component(c).kind))
        .s("note", f.note());
  }
  change_down_causes(engine, c, +1, "fault");
  if (f.has_repair_after_s()) {
    engine.schedule_after(Duration::seconds(f.repair_after_s()), payload(EventKind::kFaultEnd, fault));
  }
}

void Model::fault_end(Engine& engine, int fault) {
  const auto& f = scenario_.faults(fault);
  const int c = topology_.find(f.component());
  if (log_->enabled()) log_->append(engine.now(), "fault.end", f.component());
  change_down_causes(engine, c, -1, "repair");
}

void Model::change_down_causes(Engine& engine, int component, int delta, const char* cause) {
  const Component& comp = topology_.component(component);
  set_down(engine, component, delta, cause);
  // A lost site takes everything in it; a lost pool takes its Front End servers.
  if (comp.kind == ComponentKind::kSite) {
    for (int c : topology_.in_site(component)) set_down(engine, c, delta, "site");
  } else if (comp.kind == ComponentKind::kPool) {
    for (int c : topology_.pools()[static_cast<size_t>(comp.pool)].front_ends)
      set_down(engine, c, delta, "pool");
  }
}

void Model::set_down(Engine& engine, int component, int delta, const char* cause) {
  int& n = down_causes_[static_cast<size_t>(component)];
  const bool was_up = n == 0;
  n += delta;
  DRSIM_CHECK(n >= 0, "component repaired more often than it failed");
  const bool is_up_now = n == 0;
  if (was_up != is_up_now && log_->enabled()) {
    const Component& comp = topology_.component(component);
    log_->append(engine.now(), is_up_now ? "component.up" : "component.down", comp.name)
        .s("component_kind", component_kind_name(comp.kind))
        .s("cause", cause);
  }
}

void Model::runbook_step(Engine& engine, int step) {
  const auto& st = scenario_.runbook(step);
  if (log_->enabled()) {
    auto r = log_->append(engine.now(), "runbook.step", st.pool_fqdn())
                 .s("cmdlet", scenario::Cmdlet_Name(st.cmdlet()));
    if (st.disaster_mode()) r.i("disaster_mode", 1);
    if (!st.note().empty()) r.s("note", st.note());
  }
}

}  // namespace drsim
