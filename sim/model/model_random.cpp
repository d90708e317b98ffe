// Random failures and repairs (Monte Carlo), common-cause failures, planned maintenance and
// the admin's standard response to whatever they cause.
//
// Each component of a class with a failure model alternates up times (time_to_failure) and
// repairs (time_to_repair) drawn from its own stream "failure/<name>", so that adding a
// component or changing one class's rates leaves every other component's failures unchanged
// (common random numbers for what-if comparisons).
#include <algorithm>

#include "sim/check.h"
#include "sim/model/distribution.h"
#include "sim/model/model.h"

namespace drsim {

namespace {
EventPayload ev(EventKind k, int target, uint64_t arg = 0) {
  return EventPayload{static_cast<uint32_t>(k), static_cast<uint32_t>(target), arg};
}
}  // namespace

const scenario::Stochastic::FailureModel* Model::failure_model(int component) const {
  if (!scenario_.has_stochastic()) return nullptr;
  const auto& st = scenario_.stochastic();
  const Component& c = topology_.component(component);
  const scenario::Stochastic::FailureModel* m = nullptr;
  switch (c.kind) {
    case ComponentKind::kSite:
      m = st.has_site() ? &st.site() : nullptr;
      break;
    case ComponentKind::kLink:
      m = st.has_link() ? &st.link() : nullptr;
      break;
    case ComponentKind::kFrontEnd:
      m = st.has_front_end() ? &st.front_end() : nullptr;
      break;
    case ComponentKind::kPool:
      break;
    // A stand-alone Mediation pool listed without servers fails as one.
    case ComponentKind::kMediationPool:
      if (topology_.mediation_pools()[static_cast<size_t>(c.pool)].servers.empty())
        m = st.has_mediation_server() ? &st.mediation_server() : nullptr;
      break;
    case ComponentKind::kMediationServer:
      m = st.has_mediation_server() ? &st.mediation_server() : nullptr;
      break;
    case ComponentKind::kPstnGateway:
      m = st.has_pstn_gateway() ? &st.pstn_gateway() : nullptr;
      break;
    case ComponentKind::kTrunk:
      m = st.has_trunk() ? &st.trunk() : nullptr;
      break;
    case ComponentKind::kBranchAppliance:
      m = st.has_branch_appliance() ? &st.branch_appliance() : nullptr;
      break;
    case ComponentKind::kEdgeServer:
      m = st.has_edge_server() ? &st.edge_server() : nullptr;
      break;
    case ComponentKind::kDirectorServer:
      m = st.has_director_server() ? &st.director_server() : nullptr;
      break;
    case ComponentKind::kFileServer:
      m = st.has_file_server() ? &st.file_server() : nullptr;
      break;
    case ComponentKind::kOwaServer:
      m = st.has_owa_server() ? &st.owa_server() : nullptr;
      break;
    case ComponentKind::kPersistentChatServer:
      m = st.has_persistent_chat_server() ? &st.persistent_chat_server() : nullptr;
      break;
    // Its SQL stores fail like Back End servers; the witness like a witness.
    case ComponentKind::kPersistentChatSql:
      if (c.index == kPchatWitnessIndex)
        m = st.has_witness() ? &st.witness() : nullptr;
      else
        m = st.has_back_end_server() ? &st.back_end_server() : nullptr;
      break;
    case ComponentKind::kEdgePool:
    case ComponentKind::kDirectorPool:
    case ComponentKind::kFileStore:
    case ComponentKind::kOwaFarm:
    case ComponentKind::kPersistentChatPool:
      break;
    case ComponentKind::kSqlServer:
      switch (pool_spec(c.pool).back_end().servers(c.index).role()) {
        case scenario::PRIMARY:
        case scenario::MIRROR:
          m = st.has_back_end_server() ? &st.back_end_server() : nullptr;
          break;
        case scenario::WITNESS:
        case scenario::FILE_SHARE_WITNESS:
          m = st.has_witness() ? &st.witness() : nullptr;
          break;
        case scenario::SHARED_STORAGE:
          m = st.has_shared_storage() ? &st.shared_storage() : nullptr;
          break;
        default:
          break;
      }
      break;
  }
  return m;
}

void Model::init_random(Engine& e) {
  const size_t n = topology_.components().size();
  next_random_.assign(n, EventId{});
  random_incident_.assign(n, -1);
  component_rng_.clear();
  component_rng_.reserve(n);
  for (size_t c = 0; c < n; ++c) {
    const auto* m = failure_model(static_cast<int>(c));
    component_rng_.push_back(
        m != nullptr ? streams_.stream("failure/" + topology_.component(static_cast<int>(c)).name)
                     : Rng());
    if (m == nullptr) continue;
    const Instant first =
        Instant::origin() +
        sample_duration(m->time_to_failure(), component_rng_.back(), Duration::max());
    if (first < e.horizon())
      next_random_[c] = e.schedule_at(first, ev(EventKind::kRandomFail, static_cast<int>(c)));
  }
  if (!scenario_.has_stochastic()) return;
  for (int w = 0; w < scenario_.stochastic().maintenance_size(); ++w) {
    const Instant at =
        Instant::origin() + Duration::seconds(scenario_.stochastic().maintenance(w).start_s());
    if (at < e.horizon()) e.schedule_at(at, ev(EventKind::kMaintenanceStart, w));
  }
}

void Model::on_random_fail(Engine& e, int c, bool common_cause) {
  const auto* m = failure_model(c);
  next_random_[static_cast<size_t>(c)] = EventId{};
  if (random_incident_[static_cast<size_t>(c)] >= 0) return;  // already down by a random fault
  if (log_->enabled())
    log_->append(e.now(), "fault.start", topology_.component(c).name)
        .s("component_kind", component_kind_name(topology_.component(c).kind))
        .s("note", common_cause ? "random (common cause)" : "random");
  incident_fault_started(e, -1, c);
  random_incident_[static_cast<size_t>(c)] = current_incident()->id;
  change_down_causes(e, c, +1, "fault");
  Rng& rng = component_rng_[static_cast<size_t>(c)];
  const Duration repair = m != nullptr
                              ? sample_duration(m->time_to_repair(), rng, Duration::hours(1))
                              : Duration::hours(1);
  e.schedule_after(repair < Duration::micros(1) ? Duration::micros(1) : repair,
                   ev(EventKind::kRandomRepair, c));
  if (common_cause) return;
  // sfb-hadr has no failure rates; the beta-factor model is the usual way to add common
  // causes (shared rack, storage or power) to independent failures.
  for (const auto& group : scenario_.stochastic().common_cause()) {
    bool member = false;
    for (const auto& name : group.members()) member |= topology_.find(name) == c;
    if (!member || sample_unit(common_cause_rng_) >= group.beta()) continue;
    for (const auto& name : group.members()) {
      const int other = topology_.find(name);
      if (other == c || random_incident_[static_cast<size_t>(other)] >= 0) continue;
      e.cancel(next_random_[static_cast<size_t>(other)]);
      on_random_fail(e, other, true);
    }
  }
}

void Model::on_random_repair(Engine& e, int c) {
  const int incident = random_incident_[static_cast<size_t>(c)];
  DRSIM_CHECK(incident >= 0, "a random repair without its failure");
  random_incident_[static_cast<size_t>(c)] = -1;
  if (log_->enabled()) log_->append(e.now(), "fault.end", topology_.component(c).name);
  change_down_causes(e, c, -1, "repair");
  IncidentMetrics& m = metrics_.incidents[static_cast<size_t>(incident)];
  DRSIM_CHECK(m.faults_open > 0, "an incident's faults ended more often than they started");
  --m.faults_open;
  if (const auto* fm = failure_model(c)) {
    const Instant next =
        e.now() + sample_duration(fm->time_to_failure(), component_rng_[static_cast<size_t>(c)],
                                  Duration::max() / 4);
    if (next < e.horizon())
      next_random_[static_cast<size_t>(c)] = e.schedule_at(next, ev(EventKind::kRandomFail, c));
  }
}

void Model::move_replicas_off(Engine& e, int p, int fe) {
  PoolState& s = ps(p);
  const int n = static_cast<int>(s.fe_up.size());
  for (size_t g = 0; g < s.rgs.size(); ++g) {
    RoutingGroup& rg = s.rgs[g];
    auto it = std::find(rg.replicas.begin(), rg.replicas.end(), fe);
    if (it == rg.replicas.end()) continue;
    rg.replicas.erase(it);
    ++s.rg_version;
    for (int k = 0; k < n; ++k) {
      const int cand = (static_cast<int>(g) + k) % n;
      if (cand != fe && s.fe_up[static_cast<size_t>(cand)] &&
          std::find(rg.replicas.begin(), rg.replicas.end(), cand) == rg.replicas.end()) {
        rg.replicas.push_back(cand);
        break;
      }
    }
  }
  if (log_->enabled())
    log_->append(
            e.now(), "server.drained",
            topology_
                .component(
                    topology_.pools()[static_cast<size_t>(p)].front_ends[static_cast<size_t>(fe)])
                .name)
        .s("how", "Invoke-CsComputerFailOver");
}

void Model::on_maintenance(Engine& e, int w, bool start) {
  const auto& win = scenario_.stochastic().maintenance(w);
  const int c = topology_.find(win.server());
  const Component& comp = topology_.component(c);
  if (start) {
    if (comp.kind == ComponentKind::kFrontEnd) move_replicas_off(e, comp.pool, comp.index);
    set_down(e, c, +1, "maintenance");
    e.schedule_after(Duration::seconds(win.duration_s()), ev(EventKind::kMaintenanceEnd, w));
  } else {
    set_down(e, c, -1, "maintenance");
    if (win.has_period_s()) {
      const Instant next =
          e.now() - Duration::seconds(win.duration_s()) + Duration::seconds(win.period_s());
      if (next < e.horizon() && next > e.now())
        e.schedule_at(next, ev(EventKind::kMaintenanceStart, w));
    }
  }
}

int Model::add_generated_step(scenario::RunbookStep step, int plan) {
  const std::pair<int, std::string> key{step.cmdlet(), step.pool_fqdn()};
  if (planned_.count(key) > 0) return -1;  // the same action is already under way
  planned_.insert(key);
  steps_.push_back(std::move(step));
  step_plan_.push_back(plan);
  return static_cast<int>(steps_.size()) - 1;
}

void Model::plan_standard_response(Engine& e) {
  const int plan = plans_++;
  int first = -1;
  auto add = [&](scenario::Cmdlet c, int p) -> scenario::RunbookStep {
    scenario::RunbookStep st;
    st.set_cmdlet(c);
    st.set_after_detect(true);
    if (p >= 0) st.set_pool_fqdn(pool_spec(p).fqdn());
    return st;
  };
  auto push = [&](scenario::RunbookStep st) {
    const int i = add_generated_step(std::move(st), plan);
    if (first < 0) first = i;
  };
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    const PoolState& s = ps(p);
    const int b = topology_.pools()[static_cast<size_t>(p)].backup;
    if (is_home(s.dr) && b >= 0 && serving(b) && is_home(ps(b).dr) &&
        (!serving(p) || s.be.threshold_passed)) {
      if (!cms_available() && cms_pool_ >= 0) {
        const int standby = topology_.pools()[static_cast<size_t>(cms_pool_)].backup;
        if (standby >= 0 && ps(standby).be.principal >= 0) {
          auto st = add(scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER, -1);
          st.set_backup_sql_server_fqdn(
              pool_spec(standby).back_end().servers(ps(standby).be.principal).fqdn());
          st.set_force(true);
          push(std::move(st));
        }
      }
      for (size_t k = 0; k < edges_.size(); ++k) {
        if (edges_[k].next_hop != p || !is_up(edges_[k].site)) continue;
        auto st = add(scenario::SET_CS_EDGE_SERVER_NEXT_HOP, -1);
        st.set_edge_pool(scenario_.edge_pools(static_cast<int>(k)).fqdn());
        st.set_next_hop_pool(pool_spec(b).fqdn());
        st.set_pool_fqdn(scenario_.edge_pools(static_cast<int>(k)).fqdn());  // dedup key only
        push(std::move(st));
      }
      auto st = add(scenario::INVOKE_CS_POOL_FAILOVER, p);
      st.set_disaster_mode(true);
      push(std::move(st));
      continue;
    }
    bool quorum_loss = s.awaiting_recovery;
    for (const RoutingGroup& rg : s.rgs) quorum_loss |= rg.quorum_loss;
    if (quorum_loss && functional_quorum_met(p) && s.be.available)
      push(add(scenario::RESET_CS_POOL_REGISTRAR_STATE, p));
    if (!s.be.available && pool_spec(p).back_end().ha_mode() == scenario::MIRRORING_WITHOUT_WITNESS)
      push(add(scenario::INVOKE_CS_DATABASE_FAILOVER, p));
  }
  // A federation or XMPP route through an Edge pool with no server running moves to the first
  // Edge pool in DNS SRV order that has one (sfb-hadr 5.2).
  auto move_route = [&](int route, scenario::Cmdlet c) {
    if (route < 0 || edge_running(route)) return;
    for (int k : topology_.edge_order()) {
      if (k == route || !edge_running(k)) continue;
      auto st = add(c, -1);
      st.set_edge_pool(scenario_.edge_pools(k).fqdn());
      st.set_pool_fqdn(scenario_.edge_pools(k).fqdn());  // dedup key only
      push(std::move(st));
      return;
    }
  };
  move_route(access_.federation_edge, scenario::PUBLISH_CS_TOPOLOGY_FEDERATION_ROUTE);
  move_route(access_.xmpp_edge, scenario::SET_CS_SITE_XMPP_ROUTE);
  // A Front End pool that survives the Edge pool it is associated with for media is
  // reassociated with the first Edge pool in DNS SRV order with a running server (sfb-hadr
  // 5.2); a pool that is down meets on its backup pool after the failover instead.
  for (int p = 0; p < scenario_.pools_size() && !access_.media_edge.empty(); ++p) {
    const int edge = access_.media_edge[static_cast<size_t>(p)];
    if (edge < 0 || edge_running(edge) || !is_home(ps(p).dr) || !serving(p)) continue;
    for (int k : topology_.edge_order()) {
      if (k == edge || !edge_running(k)) continue;
      auto st = add(scenario::PUBLISH_CS_TOPOLOGY_EDGE_ASSOCIATION, p);
      st.set_edge_pool(scenario_.edge_pools(k).fqdn());
      push(std::move(st));
      break;
    }
  }
  // A Persistent Chat pool whose database in use is down, with no automatic mirror failover
  // coming, fails over to its log-shipping secondary as D-PCMAN documents, and its standby
  // servers become active when none of the active ones runs. Failback is left to the admin.
  for (size_t k = 0; k < pchat_.size(); ++k) {
    const PersistentChatState& s = pchat_[k];
    const PersistentChatInfo& info = topology_.persistent_chat()[k];
    const int pool = static_cast<int>(k);
    if (s.failed_over || s.secondary_restored || info.secondary_sql < 0 ||
        !is_up(info.secondary_sql) || is_up(pchat_db(pool)) || s.mirror_timer.is_valid())
      continue;
    auto step = [&](scenario::Cmdlet c) {
      auto st = add(c, -1);
      st.set_pool_fqdn(scenario_.persistent_chat_pools(pool).fqdn());
      return st;
    };
    push(step(scenario::RESTORE_PERSISTENT_CHAT_SECONDARY));
    push(step(scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER));
    push(step(scenario::INSTALL_CS_MIRROR_DATABASE));
    const auto& active = pchat_active(pool);
    if (!info.standby.empty() &&
        std::none_of(active.begin(), active.end(), [&](int c) { return is_up(c); }))
      push(step(scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER));
  }
  if (first >= 0) {
    e.schedule_at(e.now(), ev(EventKind::kRunbookStep, first));
    ++runbook_pending_;
  }
}

void Model::plan_failbacks(Engine& e) {
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    const PoolState& s = ps(p);
    if (s.dr != DrState::kFailedOver || !serving(p)) continue;
    scenario::RunbookStep st;
    st.set_cmdlet(scenario::INVOKE_CS_POOL_FAILBACK);
    st.set_pool_fqdn(pool_spec(p).fqdn());
    const int i = add_generated_step(std::move(st), plans_++);
    if (i < 0) continue;
    e.schedule_after(Duration::seconds(scenario_.admin().failback_after_s()),
                     ev(EventKind::kRunbookStep, i));
    ++runbook_pending_;
  }
}

}  // namespace drsim
