// Incidents: from the first fault to the moment every fault is repaired, every user has full
// service and the admin's runbook is done. Each incident gets the admin's detect and decide
// delays, its data losses and its RTO stages (docs/glossary.md).
#include <algorithm>
#include <cmath>

#include "sim/check.h"
#include "sim/model/distribution.h"
#include "sim/model/model.h"

namespace drsim {

namespace {
const char* disruption_of(ComponentKind k) {
  switch (k) {
    case ComponentKind::kSite:
      return "site";
    case ComponentKind::kLink:
      return "link";
    case ComponentKind::kPool:
      return "pool";
    case ComponentKind::kFrontEnd:
      return "server";
    case ComponentKind::kSqlServer:
      return "back_end";
    // The voice path: no policy target; the PSTN figures measure it.
    case ComponentKind::kMediationPool:
    case ComponentKind::kMediationServer:
    case ComponentKind::kPstnGateway:
    case ComponentKind::kTrunk:
      return "voice";
    case ComponentKind::kBranchAppliance:
      return "branch";
    // Remote access: no policy target; the access figures measure it.
    case ComponentKind::kEdgePool:
    case ComponentKind::kEdgeServer:
      return "edge";
    case ComponentKind::kDirectorPool:
    case ComponentKind::kDirectorServer:
      return "director";
    // Meeting content: no policy target; the content figures measure it.
    case ComponentKind::kFileStore:
    case ComponentKind::kFileServer:
    case ComponentKind::kOwaFarm:
    case ComponentKind::kOwaServer:
      return "content";
    case ComponentKind::kPersistentChatPool:
    case ComponentKind::kPersistentChatServer:
    case ComponentKind::kPersistentChatSql:
      return "persistent_chat";
  }
  return "?";
}
}  // namespace

void derive_rto(IncidentMetrics& m, Instant until) {
  // Each stage ends at the earlier of its own end and the moment service came back, so the
  // stages always add up to the total.
  auto clamp = [&](Instant t) { return std::min(std::max(t, m.start), until); };
  const Instant detected = clamp(m.detect_at);
  const Instant decided = std::max(detected, clamp(m.decide_at));
  const Instant executed =
      m.last_action_end == Instant::never() ? decided : std::max(decided, clamp(m.last_action_end));
  if (!m.had_impact) until = m.start;
  m.detect = std::min(detected, until) - m.start;
  m.decide = std::min(decided, until) - std::min(detected, until);
  m.execute = std::min(executed, until) - std::min(decided, until);
  m.total = until - m.start;
  const Duration rest = m.total - m.detect - m.decide - m.execute;
  DRSIM_CHECK(rest >= Duration::zero(), "RTO stages must not exceed the total");
  // What the time after the last action (or the decision) was: clients signing back in after
  // the admin's actions, waiting for a repair when no action succeeded and service came back
  // by itself, or nobody acting when it had not come back.
  const bool acted = m.last_action_end != Instant::never() && m.last_action_end <= until;
  const bool back = m.restored != Instant::never() && m.restored <= until;
  m.clients_back = m.awaiting_repair = m.nobody_acted = Duration::zero();
  if (acted || !m.had_impact)
    m.clients_back = rest;
  else if (back)
    m.awaiting_repair = rest;
  else
    m.nobody_acted = rest;
}

IncidentMetrics* Model::current_incident() {
  if (open_incidents_.empty()) return nullptr;
  return &metrics_.incidents[static_cast<size_t>(open_incidents_.back())];
}

IncidentMetrics* Model::attributed_incident() {
  if (impact_incident_ >= 0) return &metrics_.incidents[static_cast<size_t>(impact_incident_)];
  if (IncidentMetrics* m = current_incident()) return m;
  return metrics_.incidents.empty() ? nullptr : &metrics_.incidents.back();
}

void Model::incident_fault_started(Engine& e, int fault, int component) {
  // Every fault opens an incident of its own, except faults at the very same instant, which
  // are one event (a storm taking several servers at once).
  if (IncidentMetrics* m = current_incident(); m != nullptr && m->start == e.now()) {
    ++m->faults_open;
    if (fault >= 0) fault_incident_[static_cast<size_t>(fault)] = m->id;
    return;
  }
  IncidentMetrics m;
  m.id = static_cast<int>(metrics_.incidents.size());
  m.cause = topology_.component(component).name;
  m.disruption = disruption_of(topology_.component(component).kind);
  m.start = e.now();
  m.in_warm_up = e.now() < warm_up_;
  m.faults_open = 1;
  // The on-call admin notices after the detect delay and decides after the decide delay.
  const Duration detect =
      sample_duration(scenario_.admin().detect_delay(), admin_rng_, Duration::zero());
  const Duration decide =
      sample_duration(scenario_.admin().decide_delay(), admin_rng_, Duration::zero());
  m.detect_at = e.now() + detect;
  m.decide_at = m.detect_at + decide;
  if (m.detect_at < e.horizon())
    e.schedule_at(m.detect_at, EventPayload{static_cast<uint32_t>(EventKind::kAdminDetect),
                                            static_cast<uint32_t>(m.id), 0});
  if (m.decide_at < e.horizon())
    e.schedule_at(m.decide_at, EventPayload{static_cast<uint32_t>(EventKind::kAdminDecide),
                                            static_cast<uint32_t>(m.id), 0});
  open_incidents_.push_back(m.id);
  if (fault >= 0) fault_incident_[static_cast<size_t>(fault)] = m.id;
  metrics_.incidents.push_back(m);
  if (log_->enabled())
    log_->append(e.now(), "incident.start", m.cause)
        .i("incident", m.id)
        .s("disruption", m.disruption);
  // One past the limit ends the run after this event, like a full log: memory stays bounded.
  if (is_incident_limit_reached()) [[unlikely]]
    e.stop();
}

void Model::incident_fault_ended(Engine&, int fault) {
  const int i = fault_incident_[static_cast<size_t>(fault)];
  DRSIM_CHECK(i >= 0, "a fault ended that never started");
  IncidentMetrics& m = metrics_.incidents[static_cast<size_t>(i)];
  DRSIM_CHECK(m.faults_open > 0, "an incident's faults ended more often than they started");
  --m.faults_open;
}

void Model::on_admin(Engine& e, int incident, bool is_decide) {
  IncidentMetrics& m = metrics_.incidents[static_cast<size_t>(incident)];
  if (m.end != Instant::never()) return;  // over before the admin noticed
  if (log_->enabled())
    log_->append(e.now(), is_decide ? "admin.decide" : "admin.detect", m.cause).i("incident", m.id);
  if (is_decide && scenario_.admin().standard_response()) plan_standard_response(e);
  if (is_decide && !runbook_started_ && (m.had_impact || !m.pchat.empty())) {
    // The scripted runbook answers the first incident that hurt users: its after_detect
    // steps run one after another from the admin's decision.
    runbook_started_ = true;
    schedule_next_step(e, -1, e.now());
  }
}

void Model::maybe_close_incident(Engine& e) {
  if (open_incidents_.empty() || runbook_pending_ > 0 || !all_users_full_) return;
  for (const PoolState& s : pools_)
    if (s.dr == DrState::kFailingOver || s.dr == DrState::kFailingBack) return;
  // Branch users still on the backup Registrar: their failback (and the load they put on
  // that pool) is part of the recovery.
  for (const ApplianceState& a : appliances_)
    if (a.on_backup) return;
  // Remote users, federation and XMPP back as deployed: remote clients still retrying, or a
  // route the admin has yet to move, are part of the recovery; so is meeting content.
  if (!access_.nominal) return;
  // Persistent Chat users still moving off a failed server, or waiting for the failover.
  if (!pchat_nominal()) return;
  // Incidents close once their faults are repaired and every user has full service.
  std::vector<int> still_open;
  for (int i : open_incidents_) {
    IncidentMetrics& m = metrics_.incidents[static_cast<size_t>(i)];
    if (m.faults_open > 0) {
      still_open.push_back(i);
      continue;
    }
    m.end = e.now();
    // A PSTN outcome still open is over with its incident (its faults are repaired).
    for (PoolState& s : pools_)
      if (s.pstn_incident == m.id) s.pstn_outcome = s.pstn_incident = -1;
    for (size_t a = 0; a < appliances_.size(); ++a)
      if (appliances_[a].outcome_incident == m.id) {
        account_branch(static_cast<int>(a), e.now(), false);
        appliances_[a].outcome_index = appliances_[a].outcome_incident = -1;
      }
    derive_rto(m, m.had_impact ? m.restored : m.start);
    if (log_->enabled()) log_incident(e.now(), m, "incident.end");
  }
  open_incidents_ = std::move(still_open);
}

void Model::record_loss(Engine& e, Category c, Duration window, double writes_per_s,
                        const std::string& what, const std::vector<int>& pools,
                        bool since_deployment, int incident) {
  record_loss_at(e.now(), c, window, writes_per_s, what, pools, since_deployment, incident);
}

PoolDataOutcome& Model::pool_data(IncidentMetrics& m, int p) {
  for (PoolDataOutcome& o : m.pool_data)
    if (o.pool == p) return o;
  m.pool_data.push_back({});
  m.pool_data.back().pool = p;
  return m.pool_data.back();
}

void Model::record_loss_at(Instant now, Category c, Duration window, double writes_per_s,
                           const std::string& what, const std::vector<int>& pools,
                           bool since_deployment, int incident) {
  DRSIM_CHECK(window >= Duration::zero(), "a data-loss window is never negative");
  IncidentMetrics* m = incident == -2  ? attributed_incident()
                       : incident >= 0 ? &metrics_.incidents[static_cast<size_t>(incident)]
                                       : nullptr;
  const double writes = writes_per_s * window.seconds_f();  // expected writes in the window
  if (m != nullptr) {
    const int k = static_cast<int>(c);
    m->lost[static_cast<size_t>(k)] = true;
    m->rpo[static_cast<size_t>(k)] = std::max(m->rpo[static_cast<size_t>(k)], window);
    m->lost_writes[static_cast<size_t>(k)] += writes;
    m->since_deployment[static_cast<size_t>(k)] =
        m->since_deployment[static_cast<size_t>(k)] || since_deployment;
    for (int p : pools) {
      DRSIM_CHECK(p >= 0 && p < scenario_.pools_size(), "a data loss names a pool of the scenario");
      PoolDataOutcome& o = pool_data(*m, p);
      o.lost[static_cast<size_t>(k)] = true;
      o.rpo[static_cast<size_t>(k)] = std::max(o.rpo[static_cast<size_t>(k)], window);
      o.since_deployment[static_cast<size_t>(k)] =
          o.since_deployment[static_cast<size_t>(k)] || since_deployment;
    }
  }
  if (log_->enabled()) {
    auto r = log_->append(now, "data.loss", what)
                 .s("category", category_name(c))
                 .secs("rpo_s", window)
                 .d("lost_writes", writes)
                 .i("incident", m != nullptr ? m->id : -1);
    if (since_deployment) r.i("since_deployment", 1);
    if (pools.size() == 1) r.s("pool", pool_spec(pools.front()).fqdn());
  }
}

void Model::log_incident(Instant t, const IncidentMetrics& m, const char* kind) {
  // One record per pool whose users lost full service, before the incident's own.
  for (const PoolOutcome& o : m.pools) {
    auto r = log_->append(t, "incident.pool", pool_spec(o.pool).fqdn());
    r.i("incident", m.id)
        .i("users_affected", o.users_affected)
        .d("resiliency_user_s", o.user_seconds[static_cast<size_t>(ServiceLevel::kResiliency)])
        .d("voice_only_user_s", o.user_seconds[static_cast<size_t>(ServiceLevel::kVoiceOnly)])
        .d("signed_out_user_s", o.user_seconds[static_cast<size_t>(ServiceLevel::kSignedOut)]);
    if (o.restored != Instant::never()) r.secs("rto_s", o.restored - m.start);
  }
  log_pstn_outcomes(t, m);
  log_access_outcome(t, m);
  if (log_->enabled()) log_pchat_outcomes(t, m);
  log_branch_outcomes(t, m);
  auto r = log_->append(t, kind, m.cause);
  r.i("incident", m.id).s("disruption", m.disruption).d("start_s", m.start.seconds_f());
  if (m.restored != Instant::never()) r.d("restored_s", m.restored.seconds_f());
  r.secs("rto_detect_s", m.detect)
      .secs("rto_decide_s", m.decide)
      .secs("rto_execute_s", m.execute)
      .secs("rto_clients_back_s", m.clients_back)
      .secs("rto_awaiting_repair_s", m.awaiting_repair)
      .secs("rto_nobody_acted_s", m.nobody_acted)
      .secs("rto_total_s", m.total)
      .i("cmdlet_errors", m.cmdlet_errors)
      .secs("admin_time_lost_s", m.admin_time_lost);
  if (!m.nobody_acted_reason.empty()) r.s("nobody_acted", m.nobody_acted_reason);
  if (m.over_capacity_users_max > 0)
    r.secs("over_capacity_s", m.over_capacity)
        .i("over_capacity_users_max", m.over_capacity_users_max);
  const bool branch_pstn = std::any_of(m.branches.begin(), m.branches.end(), [](const auto& b) {
    return b.outbound_lost || b.inbound_lost || b.calls_failed > 0;
  });
  if (!m.pstn.empty() || branch_pstn) {
    // The incident's PSTN figures: calls and minutes over its pools and branch appliances;
    // each direction's RTO is its last pool's or branch's, absent while some users had not
    // got it back.
    double failed = 0, rerouted = 0, minutes = 0;
    Instant out_back = m.start, in_back = m.start;
    bool out_lost = false, in_lost = false;
    for (const PstnOutcome& o : m.pstn) {
      failed += o.calls_failed;
      rerouted += o.calls_rerouted;
      minutes += o.minutes_lost;
      out_lost |= o.outbound_lost;
      in_lost |= o.inbound_lost;
      if (o.outbound_lost) out_back = std::max(out_back, o.outbound_restored);
      if (o.inbound_lost) in_back = std::max(in_back, o.inbound_restored);
    }
    for (const BranchOutcome& b : m.branches) {
      failed += b.calls_failed;
      minutes += b.minutes_lost;
      out_lost |= b.outbound_lost;
      in_lost |= b.inbound_lost;
      if (b.outbound_lost) out_back = std::max(out_back, b.outbound_restored);
      if (b.inbound_lost) in_back = std::max(in_back, b.inbound_restored);
    }
    r.d("pstn_calls_failed", failed)
        .d("pstn_calls_rerouted", rerouted)
        .d("pstn_minutes_lost", minutes);
    if (out_lost && out_back != Instant::never()) r.secs("pstn_outbound_rto_s", out_back - m.start);
    if (in_lost && in_back != Instant::never()) r.secs("pstn_inbound_rto_s", in_back - m.start);
  }
  for (int c = 0; c < kCategoryCount; ++c) {
    const size_t k = static_cast<size_t>(c);
    const std::string name = category_name(static_cast<Category>(c));
    if (m.lost[k]) {
      r.secs("rpo_" + name + "_s", m.rpo[k]);
      r.i("lost_writes_" + name, std::llround(m.lost_writes[k]));
    }
    if (m.stranded[k]) {
      r.secs("stranded_" + name + "_s", m.stranded_window[k]);
      r.d("stranded_writes_" + name, m.stranded_writes[k]);
      r.secs("unreachable_" + name + "_s", m.unreachable[k]);
      if (m.stranded_open[k]) r.i("stranded_open_" + name, 1);
    }
    if (m.since_deployment[k]) r.i("no_backup_" + name, 1);
  }
}

std::string Model::why_nobody_acted(const IncidentMetrics& m, Instant end) const {
  if (m.decide_at >= end) return "the admin had not decided by the horizon";
  if (m.cmdlet_errors > 0) return "every runbook action failed";
  const bool scripted =
      std::any_of(steps_.begin(), steps_.begin() + scenario_.runbook_size(),
                  [](const scenario::RunbookStep& st) { return st.after_detect(); });
  if (!scenario_.admin().standard_response() && scenario_.runbook_size() == 0)
    return "no runbook and no standard response: nobody fails anything over";
  if (scripted && runbook_started_)
    return "the runbook answered an earlier incident, and no standard response is set";
  return "the runbook and the standard response had nothing that could restore this service";
}

void Model::finish(Instant end) {
  // Every incident that started has either ended (before the end) or is open now, and the
  // open list holds exactly the ones without an end.
  size_t without_end = 0;
  for (const IncidentMetrics& m : metrics_.incidents) {
    if (m.end == Instant::never()) {
      ++without_end;
      continue;
    }
    DRSIM_CHECK(m.start <= m.end && m.end <= end, "an incident ends after it starts, by the end");
    DRSIM_CHECK(m.faults_open == 0, "an incident closed with faults still open");
  }
  for (int i : open_incidents_)
    DRSIM_CHECK(metrics_.incidents[static_cast<size_t>(i)].end == Instant::never(),
                "an open incident has no end");
  DRSIM_CHECK(without_end == open_incidents_.size(),
              "every incident that starts either ends or is open at the horizon");
  // The Backup Service ledgers: every write pending, durable or lost, once.
  for (const BackupLink& b : backup_) b.direction.check_ledger(end);
  // Pool outcomes still open: their time up to the end.
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    PoolState& s = ps(p);
    if (s.outcome_index < 0) continue;
    const auto users = s.outcome_users;
    const int incident = s.outcome_incident, index = s.outcome_index;
    account_outcome(p, users, end);
    metrics_.incidents[static_cast<size_t>(incident)].pools[static_cast<size_t>(index)].restored =
        Instant::never();
  }
  // Branch outcomes still open: their time up to the end.
  for (size_t a = 0; a < appliances_.size(); ++a)
    if (appliances_[a].outcome_index >= 0) account_branch(static_cast<int>(a), end, false);
  // PSTN outcomes still open: their demand up to the end.
  for (int p = 0; p < scenario_.pools_size(); ++p)
    if (pstn_modelled(p)) account_pstn(p, end);
  // Remote access, meeting content and Persistent Chat still impaired: their time up to the
  // end, not only to the last change.
  if (access_modelled()) account_access(end);
  for (int k = 0; k < static_cast<int>(pchat_.size()); ++k) account_pchat(k, end);
  // Data still stranded at the end: lost for good under a fault never repaired, else stranded
  // and counting.
  for (int p = 0; p < scenario_.pools_size(); ++p)
    if (ps(p).strand_since != Instant::never()) end_stranding(p, end, true);
  // A capacity breach still on at the end is measured up to it.
  if (capacity_breach_since_ != Instant::never()) {
    if (IncidentMetrics* m = attributed_incident())
      m->over_capacity += end - capacity_breach_since_;
    capacity_breach_since_ = Instant::never();
  }
  // Open incidents: measured up to the horizon.
  for (int i : open_incidents_) {
    IncidentMetrics& m = metrics_.incidents[static_cast<size_t>(i)];
    derive_rto(m, m.restored != Instant::never() ? m.restored : end);
    if (m.nobody_acted > Duration::zero()) m.nobody_acted_reason = why_nobody_acted(m, end);
    if (log_->enabled()) log_incident(end, m, "incident.open");
  }
  double full = 0, total = 0;
  const Instant measured_from = std::min(warm_up_, end);
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    PoolState& s = ps(p);
    PoolMetrics pm;
    pm.fqdn = pool_spec(p).fqdn();
    pm.users = pool_spec(p).users();
    for (RoutingGroup& rg : s.rgs) {
      const Instant from = std::max(rg.level_since, measured_from);
      if (end > from) rg.time_at[static_cast<int>(rg.level)] += end - from;
      rg.level_since = end;
      Duration sum;
      for (int l = 0; l < kServiceLevelCount; ++l) {
        sum += rg.time_at[static_cast<size_t>(l)];
        pm.user_seconds[static_cast<size_t>(l)] +=
            static_cast<double>(rg.users) * rg.time_at[static_cast<size_t>(l)].seconds_f();
      }
      DRSIM_CHECK(sum == end - measured_from,
                  "a routing group's time at all levels must cover the run");
    }
    const double pool_total = static_cast<double>(pm.users) * (end - measured_from).seconds_f();
    if (pm.users > 0 && pool_total > 0) {
      pm.availability = pm.user_seconds[0] / pool_total;
      pm.downtime_s = (pool_total - pm.user_seconds[0]) / static_cast<double>(pm.users);
      pm.resiliency_s = pm.user_seconds[1] / static_cast<double>(pm.users);
    }
    account(s.running_time, s.running_mark, s.running, end);
    account(s.backend_up_time, s.backend_mark, s.be.available, end);
    if (end > measured_from) {
      pm.running_fraction = s.running_time.seconds_f() / (end - measured_from).seconds_f();
      pm.backend_available_fraction =
          s.backend_up_time.seconds_f() / (end - measured_from).seconds_f();
    }
    full += pm.user_seconds[0];
    total += pool_total;
    if (log_->enabled())
      log_->append(end, "pool.summary", pm.fqdn)
          .d("availability", pm.availability)
          .d("downtime_s", pm.downtime_s)
          .d("resiliency_s", pm.resiliency_s)
          .i("users", pm.users);
    metrics_.pools.push_back(pm);
  }
  metrics_.user_availability = total > 0 ? full / total : 1.0;
  metrics_.measured = end - measured_from;
  metrics_.warm_up = measured_from;
}

}  // namespace drsim
