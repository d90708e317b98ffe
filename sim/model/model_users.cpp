// Service levels of every routing group's users, and the voice registrar's automatic
// failover to the backup pool.
//
// sfb-hadr 4.1-4.2, 2.10, 5.4, 3.5: users of a pool that is down are signed out; after the
// registrar's failure-detection interval they register on the backup registrar (voice
// only); once the admin starts the pool failover they sign in to the backup pool in
// resiliency mode, and get full service when it completes and their clients sign in again.
// A Back End unavailable past BackupStoreUnavailableThreshold puts users in resiliency mode;
// failback passes them through resiliency mode.
#include <algorithm>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

ServiceLevel Model::level_for(int p, int g, Instant now) const {
  const PoolState& s = ps(p);
  const RoutingGroup& rg = s.rgs[static_cast<size_t>(g)];
  const int b = topology_.pools()[static_cast<size_t>(p)].backup;
  switch (s.dr) {
    case DrState::kFailedOver: {
      if (b < 0 || !serving(b)) return ServiceLevel::kSignedOut;
      if (now < s.clients_back_at || ps(b).be.threshold_passed || rg.over_capacity)
        return ServiceLevel::kResiliency;
      return ServiceLevel::kFull;
    }
    case DrState::kFailingOver:
      return b >= 0 && serving(b) ? ServiceLevel::kResiliency : ServiceLevel::kSignedOut;
    case DrState::kFailingBack:
      return serving(p) ? ServiceLevel::kResiliency : ServiceLevel::kSignedOut;
    case DrState::kActive:
    case DrState::kFailedBack:
      break;
  }
  if (!serving(p))
    return s.registrar_on_backup ? ServiceLevel::kVoiceOnly : ServiceLevel::kSignedOut;
  if (s.registrar_on_backup) return ServiceLevel::kVoiceOnly;
  if (rg.quorum_loss) return ServiceLevel::kSignedOut;
  if (s.be.threshold_passed || now < s.clients_back_at || rg.over_capacity)
    return ServiceLevel::kResiliency;
  return ServiceLevel::kFull;
}

void Model::update_users(Engine& e) {
  const Instant now = e.now();
  bool all_full = true;
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    PoolState& s = ps(p);
    const PoolInputs in = pool_inputs(p, now);
    if (s.derived_once && in == s.level_inputs) {
      all_full &= s.all_full;
      continue;
    }
    // The voice registrar: detection and failback timers (sfb-hadr 2.10, Corrections 5).
    const int b = topology_.pools()[static_cast<size_t>(p)].backup;
    const bool voice = params().voice_automatic_failover() && b >= 0 && is_home(s.dr);
    const bool timer_wanted = voice && (serving(p) == s.registrar_on_backup);
    DRSIM_CHECK(voice || !s.registrar_on_backup,
                "the registrar is on the backup pool only by the automatic voice failover of an "
                "active pool (a pool failover must end it)");
    if (timer_wanted && !s.registrar_timer.is_valid()) {
      const Duration d =
          Duration::seconds(s.registrar_on_backup ? params().voice_failback_s()
                                                  : params().voice_failure_detection_s());
      s.registrar_timer =
          e.schedule_after(d, EventPayload{static_cast<uint32_t>(EventKind::kRegistrarTimer),
                                           static_cast<uint32_t>(p), 0});
    } else if (!timer_wanted && s.registrar_timer.is_valid()) {
      e.cancel(s.registrar_timer);
      s.registrar_timer = EventId{};
    }

    std::array<int64_t, kServiceLevelCount> users{};
    bool changed = false;
    for (int g = 0; g < static_cast<int>(s.rgs.size()); ++g) {
      RoutingGroup& rg = s.rgs[static_cast<size_t>(g)];
      const ServiceLevel level = level_for(p, g, now);
      users[static_cast<int>(level)] += rg.users;
      if (level == rg.level) continue;
      // Time before the warm-up ends is not measured.
      const Instant from = std::max(rg.level_since, warm_up_);
      if (now > from) rg.time_at[static_cast<int>(rg.level)] += now - from;
      rg.level = level;
      rg.level_since = now;
      changed = true;
      if (log_->enabled())
        log_->append(now, "service.level", pool_spec(p).fqdn() + "/rg" + std::to_string(g))
            .s("level", service_level_name(level))
            .i("users", rg.users);
    }
    if (changed) account_outcome(p, users, now);
    if (changed && log_->enabled()) {
      log_->append(now, "pool.users", pool_spec(p).fqdn())
          .i("full", users[0])
          .i("resiliency", users[1])
          .i("voice_only", users[2])
          .i("signed_out", users[3]);
    }
    int64_t total = 0;
    for (int64_t u : users) total += u;
    DRSIM_CHECK(total == pool_spec(p).users(), "users must be conserved across service levels");
    s.all_full = users[0] == total;
    s.full_users = users[0];
    s.level_users = users;
    all_full &= s.all_full;
    s.level_inputs = pool_inputs(p, now);  // the registrar state may have just changed
    s.derived_once = true;
  }
  // Branch users (model_branch.cpp) count like the pools' users.
  if (!appliances_.empty()) all_full = update_branches(e) && all_full;
  // The start of user impact belongs to the newest open incident, except a failback's, which
  // belongs to the incident whose failover it reverses; its end restores every open incident
  // that had impact.
  if (all_full != all_users_full_) {
    all_users_full_ = all_full;
    if (!all_full) {
      if (IncidentMetrics* m = impact_owner()) {
        m->had_impact = true;
        impact_incident_ = m->id;
      }
    } else {
      impact_incident_ = -1;
      for (int i : open_incidents_) {
        IncidentMetrics& m = metrics_.incidents[static_cast<size_t>(i)];
        if (!m.had_impact || m.restored != Instant::never()) continue;
        m.restored = now;
        if (log_->enabled()) log_->append(now, "incident.restored", m.cause).i("incident", m.id);
      }
    }
  } else if (!all_full) {
    if (IncidentMetrics* m = current_incident(); m != nullptr && m->restored != Instant::never()) {
      // Impact again after a restoration (a failback, say): the newest incident carries it.
      m->had_impact = true;
      if (impact_incident_ < 0) impact_incident_ = m->id;
    }
  }
}

void Model::account_outcome(int p, const std::array<int64_t, kServiceLevelCount>& users,
                            Instant now) {
  // Per-pool outcomes: the time since the last change at the levels users were at, then the
  // new counts; a pool whose users are all at full service again is restored.
  PoolState& s = ps(p);
  if (s.outcome_index >= 0) {
    PoolOutcome& o = metrics_.incidents[static_cast<size_t>(s.outcome_incident)]
                         .pools[static_cast<size_t>(s.outcome_index)];
    const Instant from = std::max(s.outcome_mark, warm_up_);
    if (now > from)
      for (int l = 1; l < kServiceLevelCount; ++l)
        o.user_seconds[static_cast<size_t>(l)] +=
            static_cast<double>(s.outcome_users[static_cast<size_t>(l)]) * (now - from).seconds_f();
  }
  const int64_t below_full = pool_spec(p).users() - users[0];
  if (below_full > 0 && s.outcome_index < 0) {
    IncidentMetrics* m = impact_owner();
    if (m == nullptr) m = attributed_incident();
    if (m != nullptr) {
      // Again in the same incident: the pool's outcome goes on.
      int index = -1;
      for (size_t k = 0; k < m->pools.size(); ++k)
        if (m->pools[k].pool == p) index = static_cast<int>(k);
      if (index < 0) {
        m->pools.push_back(PoolOutcome{p, 0, {}, Instant::never()});
        index = static_cast<int>(m->pools.size()) - 1;
      }
      s.outcome_incident = m->id;
      s.outcome_index = index;
    }
  }
  if (s.outcome_index < 0) return;
  PoolOutcome& o = metrics_.incidents[static_cast<size_t>(s.outcome_incident)]
                       .pools[static_cast<size_t>(s.outcome_index)];
  o.users_affected = std::max(o.users_affected, below_full);
  o.restored = below_full == 0 ? now : Instant::never();
  s.outcome_users = users;
  s.outcome_mark = now;
  if (below_full == 0) s.outcome_index = s.outcome_incident = -1;
}

IncidentMetrics* Model::impact_owner() {
  for (const PoolState& s : pools_) {
    if (s.dr != DrState::kFailingBack || s.failover_incident < 0) continue;
    IncidentMetrics& m = metrics_.incidents[static_cast<size_t>(s.failover_incident)];
    if (m.end == Instant::never()) return &m;
  }
  return current_incident();
}

void Model::on_registrar_timer(Engine& e, int p) {
  PoolState& s = ps(p);
  s.registrar_timer = EventId{};
  const int b = topology_.pools()[static_cast<size_t>(p)].backup;
  if (!s.registrar_on_backup && !serving(p) && b >= 0 && serving(b)) {
    s.registrar_on_backup = true;
    if (log_->enabled())
      log_->append(e.now(), "registrar.failover", pool_spec(p).fqdn())
          .s("backup", pool_spec(b).fqdn());
  } else if (s.registrar_on_backup && serving(p)) {
    s.registrar_on_backup = false;
    if (log_->enabled())
      log_->append(e.now(), "registrar.failback", pool_spec(p).fqdn()).s("reason", "pool_running");
  }
}

}  // namespace drsim
