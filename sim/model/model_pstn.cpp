// The voice path to the PSTN (sfb-hadr 5.4; sfb-other-roles 3.1-3.5): which users of a pool
// can place and receive PSTN calls now, and what an incident costs in PSTN calls.
//
// A pool's users call through the voice routes of their voice policy's PSTN usages, in order
// (Pool.pstn_routes), each route's trunks in the order listed. A trunk carries a call when
// the trunk, its gateway and its Mediation pool run (a collocated Mediation runs while its
// Front End pool serves; a stand-alone pool while any of its servers runs) and the WAN links
// from the users' registrar site to the Mediation and on to the gateway are up. An outbound
// call the gateway does not answer moves to the next trunk after the fast-failover timer
// (EnableFastFailoverTimer, 10 s), and fails when no trunk is left; with the timer off it
// stays on its first trunk. Inbound calls arrive at the gateways of the first route, or of
// later routes when the carrier fails over (carrier_inbound_failover). Users signed out have
// no PSTN; users on the backup registrar (voice only) call from the backup pool's site.
#include <algorithm>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

bool Model::sites_connected(int a, int b) const {
  if (a == b) return true;
  // No link declared between two sites: an unconstrained network, as for the Backup Service.
  const int link = topology_.link_between(a, b);
  return link < 0 || is_up(link);
}

bool Model::trunk_works(int t, int registrar_site) const {
  const TrunkInfo& tr = topology_.trunks()[static_cast<size_t>(t)];
  const GatewayInfo& g = topology_.gateways()[static_cast<size_t>(tr.gateway)];
  if (!is_up(tr.component) || !is_up(g.component)) return false;
  if (tr.fe_pool >= 0) {
    if (!serving(tr.fe_pool)) return false;
  } else {
    const MediationInfo& m = topology_.mediation_pools()[static_cast<size_t>(tr.mediation)];
    if (!is_up(m.component)) return false;
    // DNS load balancing: the pool carries calls while any of its servers runs.
    if (!m.servers.empty() &&
        std::none_of(m.servers.begin(), m.servers.end(), [this](int c) { return is_up(c); }))
      return false;
  }
  return sites_connected(registrar_site, tr.mediation_site) &&
         sites_connected(tr.mediation_site, g.site);
}

PstnPath Model::pstn_path(int p) const {
  const PoolState& s = ps(p);
  PstnPath path;
  path.signed_in =
      pool_spec(p).users() - s.level_users[static_cast<size_t>(ServiceLevel::kSignedOut)];
  if (path.signed_in == 0) return path;
  // Users on the backup registrar, or signing in to the backup pool, register there.
  const int b = topology_.pools()[static_cast<size_t>(p)].backup;
  const bool on_backup =
      s.registrar_on_backup || s.dr == DrState::kFailingOver || s.dr == DrState::kFailedOver;
  path.registrar = on_backup ? b : p;
  DRSIM_CHECK(path.registrar >= 0, "users signed in away from home are on the backup pool");
  const int site = topology_.pools()[static_cast<size_t>(path.registrar)].site;
  const auto& routes = topology_.pool_routes()[static_cast<size_t>(p)];
  const bool moves_on = params().enable_fast_failover_timer();
  int tried = 0;
  for (int r : routes) {
    for (int t : topology_.routes()[static_cast<size_t>(r)]) {
      if (trunk_marked_down(t)) continue;  // the Mediation no longer routes there
      if (trunk_works(t, site)) {
        path.out_trunk = t;
        break;
      }
      ++tried;
      if (!moves_on) break;
    }
    if (path.out_trunk >= 0 || !moves_on) break;
  }
  if (path.out_trunk >= 0) {
    path.outbound = path.signed_in;
    path.unanswered = tried;
  }
  // Inbound: the carrier sends the users' numbers to the gateways of the first route; to
  // those of later routes only if it can fail over. A gateway passes a call on through any
  // of its trunks that works.
  const auto& trunks = topology_.trunks();
  for (size_t k = 0; k < routes.size() && path.in_trunk < 0; ++k) {
    if (k > 0 && !params().carrier_inbound_failover()) break;
    for (int t : topology_.routes()[static_cast<size_t>(routes[k])]) {
      const int g = trunks[static_cast<size_t>(t)].gateway;
      for (size_t u = 0; u < trunks.size() && path.in_trunk < 0; ++u)
        if (trunks[u].gateway == g && trunk_works(static_cast<int>(u), site))
          path.in_trunk = static_cast<int>(u);
      if (path.in_trunk >= 0) break;
    }
  }
  if (path.in_trunk >= 0) path.inbound = path.signed_in;
  DRSIM_CHECK(
      path.outbound <= path.signed_in && path.inbound <= path.signed_in &&
          path.signed_in <= pool_spec(p).users(),
      "only signed-in users can call the PSTN, and no more users sign in than the pool has");
  return path;
}

bool Model::appliance_gateway_works(int a) const {
  const ApplianceInfo& info = topology_.appliances()[static_cast<size_t>(a)];
  return is_up(info.component) &&
         (info.gateway < 0 ||
          is_up(topology_.gateways()[static_cast<size_t>(info.gateway)].component));
}

void Model::update_trunk_marks(Engine& e) {
  const size_t trunks = topology_.trunks().size();
  for (size_t k = 0; k < trunk_marks_.size(); ++k) {
    TrunkMark& m = trunk_marks_[k];
    // The Mediation's own view: its keep-alives reach the gateway (the users' registrar site
    // does not matter).
    const bool alive = k < trunks
                           ? trunk_works(static_cast<int>(k), topology_.trunks()[k].mediation_site)
                           : appliance_gateway_works(static_cast<int>(k - trunks));
    if (alive) {
      if (m.timer.is_valid()) e.cancel(m.timer);
      m = TrunkMark{};
      continue;
    }
    if (m.dead_since != Instant::never()) continue;
    m.dead_since = e.now();
    m.timer = e.schedule_after(Duration::seconds(params().trunk_down_detection_s()),
                               EventPayload{static_cast<uint32_t>(EventKind::kTrunkMarkDown),
                                            static_cast<uint32_t>(k), 0});
  }
}

void Model::log_pstn(Instant now, int p) {
  if (!log_->enabled()) return;
  const PstnPath& path = ps(p).pstn;
  auto r = log_->append(now, "pstn.users", pool_spec(p).fqdn());
  r.i("signed_in", path.signed_in)
      .i("outbound", path.outbound)
      .i("inbound", path.inbound)
      .secs("post_dial_delay_s", Duration::seconds(params().fast_failover_s()) * path.unanswered);
  if (path.registrar >= 0) r.s("registrar", pool_spec(path.registrar).fqdn());
  if (path.out_trunk >= 0) r.s("trunk", scenario_.trunks(path.out_trunk).name());
  if (path.in_trunk >= 0) r.s("inbound_trunk", scenario_.trunks(path.in_trunk).name());
}

void Model::start_pstn(Engine& e) {
  update_trunk_marks(e);
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    PoolState& s = ps(p);
    s.level_users = {pool_spec(p).users(), 0, 0, 0};
    if (!pstn_modelled(p)) continue;
    s.pstn = pstn_path(p);
    s.pstn_mark = e.now();
    log_pstn(e.now(), p);
  }
  // Branch users: on their appliances, calling through its gateway (model_branch.cpp).
  for (int a = 0; a < static_cast<int>(appliances_.size()); ++a) {
    ApplianceState& s = appliances_[static_cast<size_t>(a)];
    s.level = branch_level(a);
    s.pstn = branch_pstn(a);
    log_branch(e.now(), a, false, true);
  }
}

void Model::account_pstn(int p, Instant now) {
  PoolState& s = ps(p);
  const Instant from = std::max(s.pstn_mark, warm_up_);
  s.pstn_mark = now;
  if (s.pstn_outcome < 0 || now <= from) return;
  PstnOutcome& o = metrics_.incidents[static_cast<size_t>(s.pstn_incident)]
                       .pstn[static_cast<size_t>(s.pstn_outcome)];
  const double users = static_cast<double>(pool_spec(p).users());
  const double dt = (now - from).seconds_f();
  const double active = users > 0 ? active_users(p) / users : 0;
  const double out_per_s = params().pstn_outbound_calls_per_user_per_hour() / 3600;
  const double in_per_s = params().pstn_inbound_calls_per_user_per_hour() / 3600;
  const double no_out = users - static_cast<double>(s.pstn.outbound);
  const double no_in = users - static_cast<double>(s.pstn.inbound);
  o.outbound_user_s += no_out * dt;
  o.inbound_user_s += no_in * dt;
  // Attempts that could not be placed or received: each loses a whole call.
  const double failed = active * (no_out * out_per_s + no_in * in_per_s) * dt;
  o.calls_failed += failed;
  o.minutes_lost += failed * params().pstn_call_duration_s() / 60;
  if (s.pstn.unanswered > 0)
    o.calls_rerouted += active * static_cast<double>(s.pstn.outbound) * out_per_s * dt;
  DRSIM_CHECK(o.calls_failed >= 0 && o.outbound_user_s >= 0 && o.inbound_user_s >= 0,
              "PSTN calls and user-seconds lost are never negative");
}

void Model::update_pstn(Engine& e) {
  if (!topology_.has_pstn()) return;
  const Instant now = e.now();
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    if (!pstn_modelled(p)) continue;
    PoolState& s = ps(p);
    account_pstn(p, now);
    const PstnPath next = pstn_path(p);
    if (next == s.pstn) continue;
    const PstnPath old = s.pstn;
    const int64_t users = pool_spec(p).users();
    const bool nominal = next.outbound == users && next.inbound == users && next.unanswered == 0;
    if (!nominal && s.pstn_outcome < 0) {
      IncidentMetrics* m = impact_owner();
      if (m == nullptr) m = attributed_incident();
      if (m != nullptr) {
        s.pstn_incident = m->id;
        s.pstn_outcome = -1;
        for (size_t k = 0; k < m->pstn.size(); ++k)
          if (m->pstn[k].pool == p) s.pstn_outcome = static_cast<int>(k);
        if (s.pstn_outcome < 0) {
          m->pstn.push_back(PstnOutcome{});
          m->pstn.back().pool = p;
          s.pstn_outcome = static_cast<int>(m->pstn.size()) - 1;
        }
      }
    }
    if (s.pstn_outcome >= 0) {
      PstnOutcome& o = metrics_.incidents[static_cast<size_t>(s.pstn_incident)]
                           .pstn[static_cast<size_t>(s.pstn_outcome)];
      // Calls in progress on a path that failed are cut off (sfb-other-roles 3.5: calls on a
      // failed Mediation Server or gateway drop; users signed out lose theirs, sfb-hadr 4.1).
      // Calls in progress per user = arrival rate x mean duration; a call cut off loses on
      // average a whole mean duration (memoryless).
      auto kept = [&](int old_trunk, int64_t old_users, int64_t new_users) -> int64_t {
        if (old_trunk < 0 || old.registrar != next.registrar) return 0;
        const int site = topology_.pools()[static_cast<size_t>(old.registrar)].site;
        return trunk_works(old_trunk, site) ? std::min(old_users, new_users) : 0;
      };
      const double active = users > 0 ? active_users(p) / static_cast<double>(users) : 0;
      const double duration_s = params().pstn_call_duration_s();
      const double cut =
          active * duration_s *
          (static_cast<double>(old.outbound - kept(old.out_trunk, old.outbound, next.outbound)) *
               params().pstn_outbound_calls_per_user_per_hour() / 3600 +
           static_cast<double>(old.inbound - kept(old.in_trunk, old.inbound, next.inbound)) *
               params().pstn_inbound_calls_per_user_per_hour() / 3600);
      if (now >= warm_up_) {
        o.calls_failed += cut;
        o.minutes_lost += cut * duration_s / 60;
      }
      o.outbound_users_lost = std::max(o.outbound_users_lost, users - next.outbound);
      o.inbound_users_lost = std::max(o.inbound_users_lost, users - next.inbound);
      o.colleagues_only_users = std::max(o.colleagues_only_users, next.signed_in - next.outbound);
      if (next.outbound < users) {
        o.outbound_lost = true;
        o.outbound_restored = Instant::never();
      } else if (o.outbound_lost && o.outbound_restored == Instant::never()) {
        // The first call placed now connects after the unanswered trunks' timers.
        o.outbound_restored = now + Duration::seconds(params().fast_failover_s()) * next.unanswered;
      }
      if (next.inbound < users) {
        o.inbound_lost = true;
        o.inbound_restored = Instant::never();
      } else if (o.inbound_lost && o.inbound_restored == Instant::never()) {
        o.inbound_restored = now;
      }
      DRSIM_CHECK(!nominal || (o.outbound_restored != Instant::never() || !o.outbound_lost),
                  "a pool whose users all call the PSTN again has its outbound restoration time");
      if (nominal) s.pstn_outcome = s.pstn_incident = -1;
    }
    s.pstn = next;
    log_pstn(now, p);
  }
}

void Model::log_pstn_outcomes(Instant t, const IncidentMetrics& m) {
  for (const PstnOutcome& o : m.pstn) {
    auto r = log_->append(t, "incident.pstn", pool_spec(o.pool).fqdn());
    r.i("incident", m.id)
        .i("outbound_users_lost", o.outbound_users_lost)
        .i("inbound_users_lost", o.inbound_users_lost)
        .i("colleagues_only_users", o.colleagues_only_users)
        .d("outbound_user_s", o.outbound_user_s)
        .d("inbound_user_s", o.inbound_user_s)
        .d("calls_failed", o.calls_failed)
        .d("calls_rerouted", o.calls_rerouted)
        .d("minutes_lost", o.minutes_lost);
    if (o.outbound_lost && o.outbound_restored != Instant::never())
      r.secs("outbound_rto_s", o.outbound_restored - m.start);
    if (o.inbound_lost && o.inbound_restored != Instant::never())
      r.secs("inbound_rto_s", o.inbound_restored - m.start);
  }
}

}  // namespace drsim
