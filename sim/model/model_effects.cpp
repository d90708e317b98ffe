// What the cmdlets do, and what a disaster failover or failback loses (sfb-hadr 2.5-2.9, 4.3).
//
// A pool failover in disaster mode loses, per category the Backup Service replicates, what
// the source produced after the snapshot of the last import completed on the backup pool:
// RPO = (when the source stopped producing) - (that snapshot's time). Data the service does
// not replicate is lost back to its last backup (data_backups), or entirely.
#include <algorithm>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

namespace {
EventPayload clients_payload(int p) {
  return EventPayload{static_cast<uint32_t>(EventKind::kClientsBack), static_cast<uint32_t>(p), 0};
}
}  // namespace

void Model::cmdlet_begin_effects(Engine& e, int i) {
  const auto& st = steps_[static_cast<size_t>(i)];
  const int p = st.has_pool_fqdn() ? topology_.pool_index(st.pool_fqdn()) : -1;
  const int b = p >= 0 ? topology_.pools()[static_cast<size_t>(p)].backup : -1;
  const Instant now = e.now();
  if (pchat_index(st.pool_fqdn()) >= 0) return pchat_begin_effects(e, st);
  switch (st.cmdlet()) {
    case scenario::INVOKE_CS_POOL_FAILOVER: {
      PoolState& s = ps(p);
      // The source stopped producing when its pool stopped, or now (it turns read-only).
      const Instant loss_end = serving(p) ? now : std::min(now, s.stopped_since);
      s.dr = DrState::kFailingOver;
      if (const IncidentMetrics* m = attributed_incident()) s.failover_incident = m->id;
      if (s.registrar_on_backup) {
        // The users' registration moves to the backup pool with the rest of their services:
        // the automatic voice failover is over.
        s.registrar_on_backup = false;
        if (log_->enabled())
          log_->append(now, "registrar.failback", st.pool_fqdn()).s("reason", "pool_failover");
      }
      if (log_->enabled())
        log_->append(now, "pool.dr", st.pool_fqdn()).s("state", dr_state_name(s.dr));
      if (!st.disaster_mode()) break;  // planned: waits for the final sync, loses nothing
      BackupLink* link = nullptr;
      for (BackupLink& l : backup_)
        if (l.source == p && l.target == b) link = &l;
      DRSIM_CHECK(link != nullptr, "a paired pool has a Backup Service direction");
      // What the backup pool has not imported is gone: the direction writes it off, so that
      // no later import can count it durable.
      const Instant durable = link->direction.abandon_backlog(now, loss_end);
      // The backlog drops to nothing: a record, whatever else changed (readers draw the
      // backlog on from the last one).
      log_backup_status(e, static_cast<int>(link - backup_.data()), true);
      const Duration rpo = loss_end - durable;
      DRSIM_CHECK(
          rpo >= Duration::zero() && rpo <= now - link->direction.durable_snapshot_at(now),
          "RPO is never negative and never exceeds the time since the last import's snapshot");
      const double users = active_users(p);
      const bool rgs_replicated = scenario_.backup_service().enable_rgs_backup();
      // Everything the pool held is written off here: lost, not stranded.
      for (int k = 0; k < kCategoryCount; ++k) write_off_stranding(p, static_cast<Category>(k));
      record_loss(e, Category::kUserData, rpo, users * per_user_rate(p, Category::kUserData),
                  st.pool_fqdn() + " -> " + pool_spec(b).fqdn() + " (Backup Service)", {p});
      record_loss(e, Category::kConferenceContent, rpo,
                  users * per_user_rate(p, Category::kConferenceContent),
                  st.pool_fqdn() + " -> " + pool_spec(b).fqdn() + " (Backup Service)", {p});
      if (rgs_replicated)
        record_loss(e, Category::kResponseGroups, rpo,
                    users * per_user_rate(p, Category::kResponseGroups),
                    st.pool_fqdn() + " -> " + pool_spec(b).fqdn() + " (Backup Service)", {p});
      // Data the Backup Service does not replicate is lost with the pool.
      std::vector<std::pair<Category, double>> unreplicated = {
          {Category::kLis, per_user_rate(p, Category::kLis)},
          {Category::kCallPark, per_user_rate(p, Category::kCallPark)},
          {Category::kAnnouncements, per_user_rate(p, Category::kAnnouncements)},
          {Category::kMonitoringArchiving,
           users * per_user_rate(p, Category::kMonitoringArchiving)}};
      if (!rgs_replicated)
        unreplicated.push_back(
            {Category::kResponseGroups, users * per_user_rate(p, Category::kResponseGroups)});
      for (const auto& [category, rate] : unreplicated) {
        Instant since = Instant::origin();  // never backed up: everything since deployment
        bool deployment = true;
        std::string how = st.pool_fqdn() + " (not replicated, no backup)";
        for (const auto& policy : scenario_.data_backups()) {
          if (policy.category() != static_cast<int>(category) + 1) continue;
          // Periodic backups at k * interval_s from the start of the run.
          const int64_t i_us = Duration::seconds(policy.interval_s()).us();
          since = Instant::from_us((loss_end.us() / i_us) * i_us);
          deployment = false;
          how = st.pool_fqdn() + " (not replicated, backup every " +
                std::to_string(policy.interval_s()) + " s)";
          DRSIM_CHECK(loss_end - since < Duration::seconds(policy.interval_s()),
                      "data backed up every interval_s loses less than one interval");
        }
        DRSIM_CHECK(since <= loss_end,
                    "unreplicated data is lost back to its last backup, never forward");
        record_loss(e, category, loss_end - since, rate, how, {p}, deployment);
      }
      break;
    }
    case scenario::INVOKE_CS_POOL_FAILBACK: {
      PoolState& s = ps(p);
      s.dr = DrState::kFailingBack;
      if (log_->enabled())
        log_->append(now, "pool.dr", st.pool_fqdn()).s("state", dr_state_name(s.dr));
      if (st.disaster_mode() && !serving(b)) {
        // sfb-hadr 2.7: data the failed-over users made on the backup pool, and that had not
        // come back through the Backup Service, is lost.
        const Instant loss_end = std::min(now, ps(b).stopped_since);
        Instant synced = s.failed_over_at;
        // The oldest write the users could lose: none from before their failover, none the
        // Backup Service had already brought back to this pool.
        Instant bound = s.failed_over_at;
        for (BackupLink& l : backup_)
          if (l.source == b && l.target == p) {
            synced = std::max(synced, l.direction.abandon_backlog(now, loss_end));
            log_backup_status(e, static_cast<int>(&l - backup_.data()), true);
            bound = std::max(bound, l.direction.durable_snapshot_at(now));
          }
        const Duration window = loss_end > synced ? loss_end - synced : Duration::zero();
        DRSIM_CHECK(
            window <= (now > bound ? now - bound : Duration::zero()),
            "a disaster-mode failback loses at most what was written on the backup pool since the "
            "failover and since its last import back to this pool");
        const double users = active_users(p);
        // What the backup pool held of these users' writes is lost, not stranded with it.
        PoolState& sb = ps(b);
        for (Category c : {Category::kUserData, Category::kConferenceContent,
                           Category::kResponseGroups, Category::kMonitoringArchiving}) {
          double& r = sb.strand_rate[static_cast<size_t>(c)];
          r = std::max(0.0, r - users * per_user_rate(p, c));
        }
        record_loss(e, Category::kUserData, window, users * per_user_rate(p, Category::kUserData),
                    st.pool_fqdn() + " failback -DisasterMode", {p});
        record_loss(e, Category::kConferenceContent, window,
                    users * per_user_rate(p, Category::kConferenceContent),
                    st.pool_fqdn() + " failback -DisasterMode", {p});
        // Response Group data goes back through the Backup Service too where it is replicated
        // (2019 with enable_rgs_backup): it is lost the same way.
        if (scenario_.backup_service().enable_rgs_backup())
          record_loss(e, Category::kResponseGroups, window,
                      users * per_user_rate(p, Category::kResponseGroups),
                      st.pool_fqdn() + " failback -DisasterMode", {p});
      }
      break;
    }
    case scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER: {
      if (cms_available()) break;  // normal mode waits for replication: nothing lost
      const int standby = topology_.pools()[static_cast<size_t>(cms_pool_)].backup;
      Instant durable = cms_unavailable_since_;
      for (const BackupLink& l : backup_)
        if (l.source == cms_pool_ && l.target == standby) {
          durable = std::min(l.direction.durable_snapshot_at(now), cms_unavailable_since_);
          DRSIM_CHECK(
              cms_unavailable_since_ - durable <= now - l.direction.durable_snapshot_at(now),
              "a CMS failover loses at most what was written since the last import on the standby");
        }
      DRSIM_CHECK(
          durable <= cms_unavailable_since_ && cms_unavailable_since_ <= now,
          "a CMS failover loses the changes from its last import until the CMS became unavailable, "
          "which is in the past: RPO never negative");
      record_loss(e, Category::kCms, cms_unavailable_since_ - durable,
                  per_user_rate(cms_pool_, Category::kCms),
                  "CMS master " + pool_spec(cms_pool_).fqdn() + " (Backup Service)", {cms_pool_});
      write_off_stranding(cms_pool_, Category::kCms);
      break;
    }
    default:
      break;
  }
}

void Model::cmdlet_end_effects(Engine& e, int i) {
  const auto& st = steps_[static_cast<size_t>(i)];
  const int p = st.has_pool_fqdn() ? topology_.pool_index(st.pool_fqdn()) : -1;
  const Instant now = e.now();
  const Duration sign_in = Duration::seconds(params().client_sign_in_s());
  if (pchat_index(st.pool_fqdn()) >= 0) return pchat_end_effects(e, st);
  switch (st.cmdlet()) {
    case scenario::INVOKE_CS_POOL_FAILOVER:
    case scenario::INVOKE_CS_POOL_FAILBACK: {
      PoolState& s = ps(p);
      const bool failover = st.cmdlet() == scenario::INVOKE_CS_POOL_FAILOVER;
      s.dr = failover ? DrState::kFailedOver : DrState::kFailedBack;
      if (failover) s.failed_over_at = now;
      // Users sign in again: resiliency mode until their clients are back.
      s.clients_back_at = now + sign_in;
      e.cancel(s.clients_timer);
      s.clients_timer = e.schedule_at(s.clients_back_at, clients_payload(p));
      if (log_->enabled())
        log_->append(now, "pool.dr", st.pool_fqdn()).s("state", dr_state_name(s.dr));
      break;
    }
    case scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER: {
      const int standby = topology_.pools()[static_cast<size_t>(cms_pool_)].backup;
      cms_pool_ = standby;
      if (log_->enabled()) log_->append(now, "cms.moved", pool_spec(standby).fqdn());
      // The standby's availability is the CMS's from now on (reevaluate logs a change).
      cms_unavailable_since_ = Instant::never();
      update_cms(e);
      break;
    }
    case scenario::INVOKE_CS_DATABASE_FAILOVER: {
      PoolState& s = ps(p);
      const auto& ids = topology_.pools()[static_cast<size_t>(p)].sql_servers;
      for (int k = 0; k < pool_spec(p).back_end().servers_size(); ++k) {
        const auto role = pool_spec(p).back_end().servers(k).role();
        if ((role == scenario::PRIMARY || role == scenario::MIRROR) && k != s.be.principal &&
            is_up(ids[static_cast<size_t>(k)])) {
          s.be.principal = k;
          if (log_->enabled())
            log_->append(now, "backend.failover", st.pool_fqdn())
                .s("principal", pool_spec(p).back_end().servers(k).fqdn())
                .s("how", "Invoke-CsDatabaseFailover");
          break;
        }
      }
      break;
    }
    case scenario::START_CS_POOL:
      if (!st.quorum_loss_recovery()) {
        // A cold start: the pool runs again; groups short of replicas stay in quorum loss.
        if (!ps(p).running && functional_quorum_met(p)) start_pool(e, p, "Start-CsPool");
        break;
      }
      recover_quorum_loss(e, p);
      break;
    case scenario::RESET_CS_POOL_REGISTRAR_STATE:
      recover_quorum_loss(e, p);
      break;
    case scenario::INVOKE_CS_BACKUP_SERVICE_SYNC:
      for (BackupLink& l : backup_)
        if (l.source == p) l.direction.force_sync(now);
      break;
    case scenario::SET_CS_EDGE_SERVER_NEXT_HOP:
      for (int k = 0; k < scenario_.edge_pools_size(); ++k)
        if (scenario_.edge_pools(k).fqdn() == st.edge_pool())
          edges_[static_cast<size_t>(k)].next_hop = topology_.pool_index(st.next_hop_pool());
      if (log_->enabled())
        log_->append(now, "edge.next_hop", st.edge_pool()).s("next_hop", st.next_hop_pool());
      break;
    // The routes move once the change is published and the DNS records have been picked up;
    // the access.modality records that follow show the effect.
    case scenario::SET_CS_SITE_XMPP_ROUTE:
      access_.xmpp_edge = route_edge(st.edge_pool());
      break;
    case scenario::PUBLISH_CS_TOPOLOGY_FEDERATION_ROUTE:
      access_.federation_edge = route_edge(st.edge_pool());
      break;
    case scenario::PUBLISH_CS_TOPOLOGY_EDGE_ASSOCIATION:
      if (!access_.media_edge.empty())
        access_.media_edge[static_cast<size_t>(p)] = route_edge(st.edge_pool());
      break;
    default:
      break;
  }
}

}  // namespace drsim
