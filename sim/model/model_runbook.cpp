// The admin's runbook: cmdlets named and parameterised like the real ones, with their
// documented durations and preconditions (sfb-hadr 2.6-2.9, 3.4, 1.7). A cmdlet whose
// precondition fails errors as the real one would, is logged, and costs failed_cmdlet_s; so
// does a STATEMENT_ERROR step (a script line PowerShell could not bind), with its own text.
// Steps marked after_detect run one after another from the admin's decision; timed steps
// run at their time; after_previous steps run when the step before them ends (a runbook
// script, line after line). Read-only Get-* queries log what they read (model_queries.cpp).
#include <algorithm>
#include <cmath>

#include "sim/check.h"
#include "sim/model/model.h"
#include "sim/model/product.h"

namespace drsim {

namespace {
EventPayload done_payload(int step, bool ok) {
  return EventPayload{static_cast<uint32_t>(EventKind::kCmdletDone), static_cast<uint32_t>(step),
                      ok ? 1u : 0u};
}
}  // namespace

// sfb-hadr 2.6, 2.9: the CMS must be failed over first when it "was running on the pool that
// has failed": it needs its pool's services (a pool stopped for any reason, or lost with its
// site, takes it down) as well as the pool's Back End, where its database lives.
bool Model::cms_available() const {
  return cms_pool_ < 0 || (serving(cms_pool_) && ps(cms_pool_).be.available);
}

void Model::update_cms(Engine& e) {
  if (cms_pool_ < 0) return;
  const bool available = cms_available();
  if (available == (cms_unavailable_since_ == Instant::never())) return;
  cms_unavailable_since_ = available ? Instant::never() : e.now();
  if (log_->enabled()) {
    const PoolState& s = ps(cms_pool_);
    const char* why =
        !s.be.available ? "its pool's Back End is unavailable" : "its pool's services are down";
    auto r = log_->append(e.now(), available ? "cms.available" : "cms.unavailable",
                          pool_spec(cms_pool_).fqdn());
    if (!available) r.s("reason", why);
  }
}

void Model::schedule_next_step(Engine& e, int after_step, Instant at) {
  // Steps chain within their plan: the scenario's runbook is plan 0, each standard response
  // a plan of its own.
  const int plan = after_step >= 0 ? step_plan_[static_cast<size_t>(after_step)] : 0;
  for (int i = after_step + 1; i < static_cast<int>(steps_.size()); ++i) {
    const auto& step = steps_[static_cast<size_t>(i)];
    if (!step.after_detect() || step_plan_[static_cast<size_t>(i)] != plan) continue;
    const Instant when =
        at + Duration::seconds(step.offset_s()) + Duration::millis(step.offset_ms());
    if (when >= e.horizon()) return;
    e.schedule_at(when, EventPayload{static_cast<uint32_t>(EventKind::kRunbookStep),
                                     static_cast<uint32_t>(i), 0});
    ++runbook_pending_;
    return;
  }
}

std::string Model::cmdlet_precondition(int i) const {
  const auto& st = steps_[static_cast<size_t>(i)];
  const int p = st.has_pool_fqdn() ? topology_.pool_index(st.pool_fqdn()) : -1;
  const int b = p >= 0 ? topology_.pools()[static_cast<size_t>(p)].backup : -1;
  auto name = [&](int q) { return pool_spec(q).fqdn(); };
  switch (st.cmdlet()) {
    case scenario::INVOKE_CS_POOL_FAILOVER: {
      if (b < 0) return "Pool " + name(p) + " has no backup pool.";
      if (!is_home(ps(p).dr))
        return "Pool " + name(p) + " is not Active (PoolState " + dr_state_name(ps(p).dr) + ").";
      if (!is_home(ps(b).dr))
        return "The users of " + name(b) + " are failed over to " + name(p) +
               ": fail them back first (Invoke-CsPoolFailback -PoolFqdn " + name(b) + ").";
      if (!serving(b)) return "The backup pool " + name(b) + " is unavailable.";
      if (!cms_available())
        return "The Central Management Store is unavailable: fail it over first "
               "(Invoke-CsManagementServerFailover).";
      for (size_t k = 0; k < edges_.size(); ++k)
        if (edges_[k].next_hop == p && is_up(edges_[k].site))
          return "Edge pool " + scenario_.edge_pools(static_cast<int>(k)).fqdn() + " uses " +
                 name(p) + " as its next hop: change the next hop first.";
      if (!(serving(p) && ps(p).be.available) && !st.disaster_mode())
        return "Pool " + name(p) + " is unreachable: use -DisasterMode.";
      return "";
    }
    case scenario::INVOKE_CS_POOL_FAILBACK:
      if (b < 0) return "Pool " + name(p) + " has no backup pool.";
      if (ps(p).dr != DrState::kFailedOver) return "Pool " + name(p) + " is not failed over.";
      if (!serving(p))
        return "Pool " + name(p) + " is not running: it must be back before failback.";
      if (!serving(b) && !st.disaster_mode())
        return "The backup pool " + name(b) +
               " is unavailable: use -DisasterMode (data made there is lost).";
      return "";
    case scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER: {
      if (cms_pool_ < 0) return "The topology has no Central Management Store.";
      const int standby = topology_.pools()[static_cast<size_t>(cms_pool_)].backup;
      if (standby < 0)
        return "The CMS pool " + name(cms_pool_) + " is not paired: there is no standby CMS.";
      if (!ps(standby).be.available || !serving(standby))
        return "The standby CMS in " + name(standby) + " is unreachable.";
      if (!cms_available() && (!st.has_backup_sql_server_fqdn() || !st.force()))
        return "The Central Management Store is unavailable: DisasterRecovery mode needs "
               "-BackupSqlServerFqdn and -Force.";
      if (st.has_backup_sql_server_fqdn()) {
        const int c = topology_.find(st.backup_sql_server_fqdn());
        if (c < 0 || topology_.component(c).kind != ComponentKind::kSqlServer ||
            topology_.component(c).pool != standby)
          return st.backup_sql_server_fqdn() + " is not a SQL server of " + name(standby) +
                 "'s Back End.";
        if (!is_up(c)) return st.backup_sql_server_fqdn() + " is not reachable.";
        // sfb-hadr 2.9 (D-FO): the standby CMS database is on the Back End's principal (check
        // Get-CsDatabaseMirrorState): a witness, a file-share witness, shared storage or the
        // current mirror holds no database to fail over to.
        const int principal = ps(standby).be.principal;
        if (topology_.component(c).index != principal) {
          const std::string holder = principal >= 0
                                         ? pool_spec(standby).back_end().servers(principal).fqdn()
                                         : std::string("none");
          return st.backup_sql_server_fqdn() + " does not hold the principal of " + name(standby) +
                 "'s Back End (the principal is " + holder + "): fail over to the principal.";
        }
      }
      return "";
    }
    case scenario::INVOKE_CS_DATABASE_FAILOVER: {
      // sfb-hadr 3.4: the cmdlet fails databases over to the *mirror*; an AlwaysOn group or a
      // cluster fails over in SQL Server and Windows clustering, not through this cmdlet.
      const auto mode = pool_spec(p).back_end().ha_mode();
      if (mode == scenario::ALWAYSON_AVAILABILITY_GROUP)
        return name(p) +
               "'s Back End is an AlwaysOn Availability Group: fail the group over in SQL Server "
               "(Invoke-CsDatabaseFailover works on database mirroring only).";
      if (mode != scenario::MIRRORING_WITH_WITNESS && mode != scenario::MIRRORING_WITHOUT_WITNESS)
        return "No mirror is configured for " + name(p) + "'s Back End.";
      const auto& ids = topology_.pools()[static_cast<size_t>(p)].sql_servers;
      for (int k = 0; k < pool_spec(p).back_end().servers_size(); ++k) {
        const auto role = pool_spec(p).back_end().servers(k).role();
        if ((role == scenario::PRIMARY || role == scenario::MIRROR) && k != ps(p).be.principal &&
            is_up(ids[static_cast<size_t>(k)]))
          return "";
      }
      return "The mirror of " + name(p) + "'s Back End is not reachable.";
    }
    case scenario::START_CS_POOL:
      // sfb-hadr Corrections 8: Start-CsPool is the cold start of a whole pool and checks the
      // minimum servers needed; only -QuorumLossRecovery starts it with fewer.
      if (!st.quorum_loss_recovery()) {
        if (!first_start_met(p))
          return "Pool " + name(p) + " needs " +
                 std::to_string(product::first_start_quorum(static_cast<int>(ps(p).fe_up.size()))) +
                 " Front End servers running to start (" + std::to_string(ps(p).fe_running) +
                 " are): add -QuorumLossRecovery to start with fewer.";
        return "";
      }
      [[fallthrough]];
    case scenario::RESET_CS_POOL_REGISTRAR_STATE:
      if (!functional_quorum_met(p))
        return "Pool " + name(p) +
               " is in pool-level quorum loss: start more Front End servers first.";
      if (!ps(p).be.available)
        return "The Back End of " + name(p) + " is unavailable: routing groups cannot reload.";
      return "";
    case scenario::INVOKE_CS_BACKUP_SERVICE_SYNC:
      if (b < 0) return "Pool " + name(p) + " has no backup pool.";
      if (!serving(p)) return "Pool " + name(p) + " is unreachable.";
      return "";
    case scenario::SET_CS_EDGE_SERVER_NEXT_HOP:
      if (!cms_available())
        return "Publishing the topology needs the Central Management Store, which is unavailable.";
      return "";
    case scenario::SET_CS_SITE_XMPP_ROUTE:
      if (!cms_available())
        return "Set-CsSite writes to the Central Management Store, which is unavailable.";
      return "";
    case scenario::PUBLISH_CS_TOPOLOGY_FEDERATION_ROUTE: {
      if (!cms_available())
        return "Publishing the topology needs the Central Management Store, which is unavailable.";
      // Edge setup runs on the new route's servers (sfb-hadr 5.2).
      const int k = route_edge(st.edge_pool());
      const auto& servers = topology_.edges()[static_cast<size_t>(k)].servers;
      if (!std::any_of(servers.begin(), servers.end(), [&](int c) { return is_up(c); }))
        return "No server of Edge pool " + st.edge_pool() + " runs: Edge setup cannot run there.";
      return "";
    }
    case scenario::PUBLISH_CS_TOPOLOGY_EDGE_ASSOCIATION: {
      if (!cms_available())
        return "Publishing the topology needs the Central Management Store, which is unavailable.";
      const int k = route_edge(st.edge_pool());
      if (!edge_running(k))
        return "No server of Edge pool " + st.edge_pool() + " runs: it cannot relay media.";
      return "";
    }
    case scenario::GET_CS_BACKUP_SERVICE_STATUS:
      // The Backup Service answers from the pool's own Front Ends.
      if (b < 0) return "Pool " + name(p) + " has no backup pool.";
      if (!serving(p)) return "Unable to contact the Backup Service on pool " + name(p) + ".";
      return "";
    case scenario::GET_CS_POOL_BACKUP_RELATIONSHIP:
    case scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS:
      return "";  // they read the topology and the CMS status, whatever their state
    case scenario::RESTORE_PERSISTENT_CHAT_SECONDARY:
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER:
    case scenario::INSTALL_CS_MIRROR_DATABASE:
    case scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER:
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL:
      return pchat_precondition(st);
    default:
      return "Unsupported cmdlet.";
  }
}

Duration Model::cmdlet_duration(int i) const {
  const auto& st = steps_[static_cast<size_t>(i)];
  switch (st.cmdlet()) {
    case scenario::INVOKE_CS_POOL_FAILOVER:
      return Duration::seconds(params().pool_failover_s());
    case scenario::INVOKE_CS_POOL_FAILBACK:
      return failback_duration(topology_.pool_index(st.pool_fqdn()));
    case scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER:
      return Duration::seconds(params().cms_failover_s());
    case scenario::INVOKE_CS_DATABASE_FAILOVER:
      return Duration::seconds(params().database_failover_s());
    case scenario::RESET_CS_POOL_REGISTRAR_STATE:
    case scenario::START_CS_POOL:
      return Duration::seconds(params().quorum_loss_recovery_s());
    case scenario::SET_CS_EDGE_SERVER_NEXT_HOP:
      return Duration::seconds(params().edge_next_hop_change_s());
    case scenario::SET_CS_SITE_XMPP_ROUTE:
      return Duration::seconds(params().xmpp_route_change_s());
    case scenario::PUBLISH_CS_TOPOLOGY_FEDERATION_ROUTE:
      return Duration::seconds(params().federation_route_change_s());
    case scenario::PUBLISH_CS_TOPOLOGY_EDGE_ASSOCIATION:
      return Duration::seconds(params().edge_association_change_s());
    case scenario::GET_CS_BACKUP_SERVICE_STATUS:
    case scenario::GET_CS_POOL_BACKUP_RELATIONSHIP:
    case scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS:
      return Duration::seconds(params().query_cmdlet_s());
    case scenario::RESTORE_PERSISTENT_CHAT_SECONDARY:
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER:
    case scenario::INSTALL_CS_MIRROR_DATABASE:
    case scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER:
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL:
      return pchat_duration(st);
    default:
      return Duration::zero();
  }
}

Duration Model::failback_duration(int p) const {
  // sfb-hadr 2.5: failback's RTO is the documented 15-20 min (pool_failback_s), measured with
  // 40,000 concurrently active users; a pool with more active users takes proportionally
  // longer (an assumption: the documents give one load). sfb-hadr 2.7's "up to 60 minutes
  // for a 20,000-user pool" is the upper bound, scaled by the pool's users; no failback takes
  // less than pool_failback_min_s.
  const double reference = static_cast<double>(params().pool_failback_reference_active_users());
  const double load = std::max(1.0, active_users(p) / reference);
  const double expected_s = static_cast<double>(params().pool_failback_s()) * load;
  const double bound_s = static_cast<double>(params().pool_failback_s_per_20000_users()) *
                         static_cast<double>(pool_spec(p).users()) / 20000.0;
  const double s =
      std::max(std::min(expected_s, bound_s), static_cast<double>(params().pool_failback_min_s()));
  return Duration::seconds(std::llround(s));
}

void Model::on_runbook_step(Engine& e, int i) {
  const auto& st = steps_[static_cast<size_t>(i)];
  // A script line PowerShell could not bind fails as it starts, whatever the state.
  const bool statement = st.cmdlet() == scenario::STATEMENT_ERROR;
  const std::string err = statement ? st.statement_error() : cmdlet_precondition(i);
  DRSIM_CHECK(!statement || !err.empty(), "a STATEMENT_ERROR step carries its error (validated)");
  IncidentMetrics* m = attributed_incident();
  if (!err.empty()) {
    const Duration cost = Duration::seconds(params().failed_cmdlet_s());
    if (m != nullptr) {
      ++m->cmdlet_errors;
      m->admin_time_lost += cost;
    }
    if (log_->enabled())
      log_->append(e.now(), "cmdlet.error", st.pool_fqdn())
          .s("cmdlet", statement ? st.command() : std::string(product::cmdlet_name(st.cmdlet())))
          .i("step", i)
          .s("error", err)
          .secs("cost_s", cost);
    e.schedule_after(cost, done_payload(i, false));
    return;
  }
  const Duration d = cmdlet_duration(i);
  if (log_->enabled()) {
    auto r = log_->append(e.now(), "cmdlet.start", st.pool_fqdn())
                 .s("cmdlet", product::cmdlet_name(st.cmdlet()))
                 .i("step", i)
                 .secs("duration_s", d);
    if (st.disaster_mode()) r.i("disaster_mode", 1);
  }
  if (is_query(st.cmdlet())) log_query(e, i);
  cmdlet_begin_effects(e, i);
  e.schedule_after(d, done_payload(i, true));
}

void Model::on_cmdlet_done(Engine& e, int i, bool ok) {
  const auto& st = steps_[static_cast<size_t>(i)];
  if (ok) {
    cmdlet_end_effects(e, i);
    if (log_->enabled())
      log_->append(e.now(), "cmdlet.end", st.pool_fqdn())
          .s("cmdlet", product::cmdlet_name(st.cmdlet()))
          .i("step", i);
    IncidentMetrics* m = attributed_incident();
    // The execute stage ends with the last action before service came back; a query is
    // not an action.
    if (m != nullptr && m->restored == Instant::never() && !is_query(st.cmdlet()))
      m->last_action_end = e.now();
  }
  --runbook_pending_;
  DRSIM_CHECK(runbook_pending_ >= 0, "runbook bookkeeping: more steps ended than started");
  planned_.erase({st.cmdlet(), st.pool_fqdn()});
  if (!ok && st.stop_on_error()) {
    // $ErrorActionPreference = 'Stop': the error ends the script.
    if (log_->enabled()) log_->append(e.now(), "runbook.stopped", st.pool_fqdn()).i("step", i);
    return;
  }
  if (st.after_detect()) schedule_next_step(e, i, e.now());
  const size_t next = static_cast<size_t>(i) + 1;
  if (next < steps_.size() && steps_[next].after_previous()) {
    const Instant when = e.now() + Duration::seconds(steps_[next].offset_s()) +
                         Duration::millis(steps_[next].offset_ms());
    if (when >= e.horizon()) return;
    e.schedule_at(when, EventPayload{static_cast<uint32_t>(EventKind::kRunbookStep),
                                     static_cast<uint32_t>(next), 0});
    ++runbook_pending_;
  }
}

}  // namespace drsim
