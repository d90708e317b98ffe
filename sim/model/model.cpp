// The model's frame: construction, event dispatch, faults and component states; the
// features live in model_*.cpp. See model.h.
#include "sim/model/model.h"

#include <algorithm>

#include "sim/check.h"
#include "sim/model/distribution.h"

namespace drsim {

const char* service_level_name(ServiceLevel l) {
  switch (l) {
    case ServiceLevel::kFull:
      return "full";
    case ServiceLevel::kResiliency:
      return "resiliency";
    case ServiceLevel::kVoiceOnly:
      return "voice_only";
    case ServiceLevel::kSignedOut:
      return "signed_out";
  }
  return "?";
}

const char* dr_state_name(DrState s) {
  switch (s) {
    case DrState::kActive:
      return "Active";
    case DrState::kFailingOver:
      return "FailingOver";
    case DrState::kFailedOver:
      return "FailedOver";
    case DrState::kFailingBack:
      return "FailingBack";
    case DrState::kFailedBack:
      return "FailedBack";
  }
  return "?";
}

const char* category_name(Category c) {
  static const char* names[kCategoryCount] = {
      "user_data", "conference_content", "cms",           "response_groups",
      "lis",       "call_park",          "announcements", "monitoring_archiving"};
  return names[static_cast<int>(c)];
}

namespace {
EventPayload payload(EventKind kind, int target, uint64_t arg = 0) {
  return EventPayload{static_cast<uint32_t>(kind), static_cast<uint32_t>(target), arg};
}
}  // namespace

Model::Model(const scenario::Scenario& scenario, const RandomStreams& streams, EventLog* log,
             ModelOptions options)
    : scenario_(scenario),
      topology_(scenario),
      streams_(streams),
      log_(log),
      options_(options),
      admin_rng_(streams.stream("admin.delays")),
      down_causes_(topology_.components().size(), 0),
      pools_(static_cast<size_t>(scenario.pools_size())) {
  fault_incident_.assign(static_cast<size_t>(scenario.faults_size()), -1);
  steps_.assign(scenario.runbook().begin(), scenario.runbook().end());
  step_plan_.assign(steps_.size(), 0);
  common_cause_rng_ = streams.stream("common_cause");
  warm_up_ = Instant::origin() + Duration::seconds(scenario.stochastic().warm_up_s());
  for (int p = 0; p < scenario.pools_size(); ++p) init_fabric(p);
  if (scenario.has_cms()) cms_pool_ = topology_.pool_index(scenario.cms().pool());
  for (const auto& edge : scenario.edge_pools())
    edges_.push_back({topology_.find(edge.site()), topology_.pool_index(edge.next_hop_pool())});
  init_backup();
  appliances_.resize(topology_.appliances().size());
  trunk_marks_.resize(topology_.trunks().size() + topology_.appliances().size());
  metrics_.horizon = Duration::seconds(scenario.horizon_s());
  max_incidents_ = static_cast<size_t>(scenario.max_incidents());
}

void Model::start(Engine& engine) {
  for (int i = 0; i < scenario_.faults_size(); ++i) {
    engine.schedule_at(Instant::origin() + Duration::seconds(scenario_.faults(i).at_s()),
                       payload(EventKind::kFaultStart, i));
  }
  for (int i = 0; i < static_cast<int>(steps_.size()); ++i) {
    const auto& step = steps_[static_cast<size_t>(i)];
    // Anchored at the first incident's decision, or at the end of the step before.
    if (step.after_detect() || step.after_previous()) continue;
    engine.schedule_at(Instant::origin() + Duration::seconds(step.at_s()),
                       payload(EventKind::kRunbookStep, i));
    ++runbook_pending_;
  }
  if (log_->enabled()) {
    for (int p = 0; p < scenario_.pools_size(); ++p) {
      log_->append(engine.now(), "pool.users", pool_spec(p).fqdn())
          .i("full", pool_spec(p).users())
          .i("resiliency", 0)
          .i("voice_only", 0)
          .i("signed_out", 0);
    }
  }
  start_pstn(engine);
  start_access(engine);
  start_persistent_chat(engine);
  for (size_t l = 0; l < backup_.size(); ++l) {
    reschedule_backup(engine, static_cast<int>(l));
    log_backup_status(engine, static_cast<int>(l), true);
  }
  init_random(engine);
}

void Model::handle(Engine& e, const Event& event) {
  const int target = static_cast<int>(event.payload.target);
  switch (static_cast<EventKind>(event.payload.kind)) {
    case EventKind::kFaultStart:
      fault_start(e, target);
      break;
    case EventKind::kFaultEnd:
      fault_end(e, target);
      break;
    case EventKind::kRunbookStep:
      on_runbook_step(e, target);
      break;
    case EventKind::kCmdletDone:
      on_cmdlet_done(e, target, event.payload.arg != 0);
      break;
    case EventKind::kRebuild:
      on_rebuild(e, target, static_cast<int>(event.payload.arg));
      break;
    case EventKind::kBackEndThreshold:
      on_back_end_threshold(e, target);
      break;
    case EventKind::kBackEndFailover:
      on_back_end_failover(e, target);
      break;
    case EventKind::kRegistrarTimer:
      on_registrar_timer(e, target);
      break;
    case EventKind::kClientsBack:
      ps(target).clients_timer = EventId{};
      break;
    case EventKind::kBackupCycle:
      on_backup_cycle(e, target);
      break;
    case EventKind::kAdminDetect:
      on_admin(e, target, false);
      break;
    case EventKind::kAdminDecide:
      on_admin(e, target, true);
      break;
    case EventKind::kRandomFail:
      on_random_fail(e, target, false);
      break;
    case EventKind::kRandomRepair:
      on_random_repair(e, target);
      break;
    case EventKind::kMaintenanceStart:
      on_maintenance(e, target, true);
      break;
    case EventKind::kMaintenanceEnd:
      on_maintenance(e, target, false);
      break;
    case EventKind::kBranchTimer:
      on_branch_timer(e, target);
      break;
    case EventKind::kAccessRetry:
      on_access_retry();
      break;
    case EventKind::kPchatTimer:
      on_pchat_timer(e, target, static_cast<uint32_t>(event.payload.arg));
      break;
    case EventKind::kTrunkMarkDown:
      // The timer is cancelled whenever the trunk carries calls again: it is still dead.
      trunk_marks_[static_cast<size_t>(target)].timer = EventId{};
      trunk_marks_[static_cast<size_t>(target)].marked_down = true;
      break;
    default:
      DRSIM_CHECK(false, "unknown event kind: the model scheduled an event it cannot handle");
  }
  reevaluate(e);
  // A full log ends the run: memory stays bounded whatever the failure rates.
  if (log_->is_full()) [[unlikely]]
    e.stop();
}

void Model::reevaluate(Engine& e) {
  DRSIM_CHECK(!in_reevaluate_, "reevaluate must not recurse");
  in_reevaluate_ = true;
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    update_back_end(e, p);
    update_fabric(e, p);
    PoolState& s = ps(p);
    const PoolInputs in = pool_inputs(p, e.now());
    if (!s.derived_once || !(in == s.rg_inputs)) {
      update_routing_groups(e, p);
      s.rg_inputs = pool_inputs(p, e.now());  // the groups may have changed their own version
    }
  }
  update_cms(e);
  update_trunk_marks(e);
  update_users(e);
  // Marking groups over capacity changes their level, not who carries them: one more
  // derivation settles it.
  if (update_capacity(e)) {
    update_users(e);
    update_capacity(e);
  }
  update_pstn(e);
  update_access(e);
  update_persistent_chat(e);
  update_backup(e);
  update_strandings(e);
  if (scenario_.admin().standard_response()) plan_failbacks(e);
  maybe_close_incident(e);
  in_reevaluate_ = false;
}

void Model::fault_start(Engine& e, int fault) {
  const auto& f = scenario_.faults(fault);
  const int c = topology_.find(f.component());
  DRSIM_CHECK(c >= 0, "fault on an unknown component: the scenario was not validated");
  if (log_->enabled()) {
    auto r = log_->append(e.now(), "fault.start", f.component())
                 .s("component_kind", component_kind_name(topology_.component(c).kind));
    if (!f.note().empty()) r.s("note", f.note());
  }
  incident_fault_started(e, fault, c);
  change_down_causes(e, c, +1, "fault");
  if (f.has_repair_after_s())
    e.schedule_after(Duration::seconds(f.repair_after_s()), payload(EventKind::kFaultEnd, fault));
}

void Model::fault_end(Engine& e, int fault) {
  const auto& f = scenario_.faults(fault);
  const int c = topology_.find(f.component());
  if (log_->enabled()) log_->append(e.now(), "fault.end", f.component());
  change_down_causes(e, c, -1, "repair");
  incident_fault_ended(e, fault);
}

void Model::change_down_causes(Engine& e, int component, int delta, const char* cause) {
  const Component& comp = topology_.component(component);
  set_down(e, component, delta, cause);
  // A lost site takes everything in it; a lost pool takes its Front End (or Mediation) servers.
  if (comp.kind == ComponentKind::kSite) {
    for (int c : topology_.in_site(component)) set_down(e, c, delta, "site");
  } else if (comp.kind == ComponentKind::kPool) {
    for (int c : topology_.pools()[static_cast<size_t>(comp.pool)].front_ends)
      set_down(e, c, delta, "pool");
  } else if (comp.kind == ComponentKind::kMediationPool) {
    for (int c : topology_.mediation_pools()[static_cast<size_t>(comp.pool)].servers)
      set_down(e, c, delta, "pool");
  } else if (comp.kind == ComponentKind::kPersistentChatPool) {
    const PersistentChatInfo& pc = topology_.persistent_chat()[static_cast<size_t>(comp.index)];
    for (int c : pc.active) set_down(e, c, delta, "pool");
    for (int c : pc.standby) set_down(e, c, delta, "pool");
  } else if (comp.kind == ComponentKind::kEdgePool || comp.kind == ComponentKind::kDirectorPool) {
    const auto& pools =
        comp.kind == ComponentKind::kEdgePool ? topology_.edges() : topology_.directors();
    for (int c : pools[static_cast<size_t>(comp.index)].servers) set_down(e, c, delta, "pool");
  } else if (comp.kind == ComponentKind::kFileStore || comp.kind == ComponentKind::kOwaFarm) {
    const auto& stores =
        comp.kind == ComponentKind::kFileStore ? topology_.file_stores() : topology_.owa_farms();
    for (int c : stores[static_cast<size_t>(comp.index)].servers) set_down(e, c, delta, "pool");
  }
}

void Model::set_down(Engine& e, int component, int delta, const char* cause) {
  int& n = down_causes_[static_cast<size_t>(component)];
  const bool was_up = n == 0;
  n += delta;
  DRSIM_CHECK(n >= 0, "component repaired more often than it failed");
  const bool up_now = n == 0;
  if (was_up == up_now) return;
  const Component& comp = topology_.component(component);
  if (comp.kind == ComponentKind::kFrontEnd) {
    PoolState& p = ps(comp.pool);
    p.fe_up[static_cast<size_t>(comp.index)] = up_now;
    p.fe_up_bits ^= uint64_t{1} << comp.index;
    p.fe_running += up_now ? 1 : -1;
  }
  if (log_->enabled()) {
    log_->append(e.now(), up_now ? "component.up" : "component.down", comp.name)
        .s("component_kind", component_kind_name(comp.kind))
        .s("cause", cause);
  }
}

void Model::account(Duration& total, Instant& mark, bool was_on, Instant now) const {
  const Instant from = std::max(mark, warm_up_);
  if (was_on && now > from) total += now - from;
  mark = now;
}

PoolInputs Model::pool_inputs(int p, Instant now) const {
  const PoolState& s = ps(p);
  PoolInputs in;
  in.fe_up_bits = s.fe_up_bits;
  in.rg_version = s.rg_version;
  const int b = topology_.pools()[static_cast<size_t>(p)].backup;
  const bool flags[] = {s.running,
                        serving(p),
                        s.registrar_on_backup,
                        s.be.threshold_passed,
                        b >= 0 && serving(b),
                        b >= 0 && ps(b).be.threshold_passed,
                        now < s.clients_back_at};
  for (size_t i = 0; i < std::size(flags); ++i)
    in.flags |= static_cast<uint8_t>(flags[i] ? 1u << i : 0u);
  in.dr = s.dr;
  return in;
}

bool Model::serving(int p) const { return ps(p).running && ps(p).fe_running > 0; }

uint64_t Model::backup_cycles_stepped() const {
  uint64_t n = 0;
  for (const BackupLink& b : backup_) n += b.direction.cycles_stepped();
  return n;
}

}  // namespace drsim
