// Branch offices with a Survivable Branch Appliance or Server (sfb-hadr 5.5, 4.1;
// sfb-other-roles 4.1-4.3): where the branch users are registered, their service level and
// their PSTN calling.
//
// With the appliance and the WAN up, branch users have full service (their User Services
// pool is the central backup pool). On WAN loss they stay on the appliance with the branch
// feature set (PSTN through its gateway, enterprise calls, two-party IM: drsim's voice_only
// level) and no administrator acts; they return to full service when the WAN does. With the
// central pool down they have no DR: resiliency mode (sfb-hadr 4.1). When the appliance
// fails they are signed out until the backup Registrar has missed its heartbeats for
// branch_failure_detection_s (Topology Builder's 120 s), then register there by DNS SRV
// (needing the WAN and the pool) and count against its capacity; they go back
// branch_failback_s (240 s) after the appliance runs again. Their PSTN calls go through the
// appliance's own gateway first (an SBA's is built in, an SBS names the branch's), then the
// branch's central routes, with the fast-failover timer as for pools; inbound calls to
// branch numbers arrive at the branch gateway, or through the central routes when the
// carrier fails over.
#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

namespace {
// PstnPath::out_trunk / in_trunk for calls through the appliance's own gateway.
constexpr int kApplianceGateway = -2;
EventPayload branch_payload(int a) {
  return EventPayload{static_cast<uint32_t>(EventKind::kBranchTimer), static_cast<uint32_t>(a), 0};
}
}  // namespace

ServiceLevel Model::branch_level(int a) const {
  const ApplianceInfo& info = topology_.appliances()[static_cast<size_t>(a)];
  const ApplianceState& s = appliances_[static_cast<size_t>(a)];
  const bool wan = is_up(info.wan_link);
  const bool central = serving(info.backup_pool);
  if (s.on_backup) return wan && central ? ServiceLevel::kFull : ServiceLevel::kSignedOut;
  if (!is_up(info.component)) return ServiceLevel::kSignedOut;  // until the backup takes them
  if (!wan) return ServiceLevel::kVoiceOnly;       // the branch feature set, on the appliance
  if (!central) return ServiceLevel::kResiliency;  // no DR for branch users
  return ServiceLevel::kFull;
}

PstnPath Model::branch_pstn(int a) const {
  const ApplianceInfo& info = topology_.appliances()[static_cast<size_t>(a)];
  const ApplianceState& s = appliances_[static_cast<size_t>(a)];
  PstnPath path;
  path.signed_in = s.level == ServiceLevel::kSignedOut ? 0 : info.users;
  if (path.signed_in == 0) return path;
  path.registrar = s.on_backup ? info.backup_pool : -1;  // -1: the appliance itself
  // The appliance's gateway carries the branch's calls whenever it runs, also for users still
  // on the backup Registrar (after its repair, before their failback): its Mediation routes
  // them over the WAN, which their registration there already needs.
  const bool local = appliance_gateway_works(a);
  if (local) {
    path.outbound = path.inbound = path.signed_in;
    path.out_trunk = path.in_trunk = kApplianceGateway;
    return path;
  }
  // The first PSTN usage (the appliance's gateway) does not answer: the central routes next,
  // after the timer, or at once when the Mediation has marked that gateway down.
  const bool moves_on = params().enable_fast_failover_timer();
  const bool local_marked =
      trunk_marks_[topology_.trunks().size() + static_cast<size_t>(a)].marked_down;
  if (!moves_on && !local_marked) return path;
  const int site =
      s.on_backup ? topology_.pools()[static_cast<size_t>(info.backup_pool)].site : info.site;
  int tried = local_marked ? 0 : 1;
  for (int r : info.routes) {
    for (int t : topology_.routes()[static_cast<size_t>(r)]) {
      if (trunk_marked_down(t)) continue;
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
  // Branch numbers ring at the branch gateway; elsewhere only if the carrier fails over.
  if (params().carrier_inbound_failover() && path.out_trunk >= 0) {
    path.in_trunk = path.out_trunk;
    path.inbound = path.signed_in;
  }
  return path;
}

void Model::log_branch(Instant now, int a, bool level_changed, bool pstn_changed) {
  if (!log_->enabled()) return;
  const ApplianceInfo& info = topology_.appliances()[static_cast<size_t>(a)];
  const ApplianceState& s = appliances_[static_cast<size_t>(a)];
  const std::string& fqdn = topology_.component(info.component).name;
  if (level_changed)
    log_->append(now, "service.level", topology_.component(info.site).name + "/" + fqdn)
        .s("level", service_level_name(s.level))
        .i("users", info.users);
  if (!pstn_changed) return;
  auto trunk_name = [&](int t) {
    return t == kApplianceGateway ? fqdn + " (its own gateway)" : scenario_.trunks(t).name();
  };
  auto r = log_->append(now, "pstn.users", fqdn);
  r.i("signed_in", s.pstn.signed_in)
      .i("outbound", s.pstn.outbound)
      .i("inbound", s.pstn.inbound)
      .secs("post_dial_delay_s", Duration::seconds(params().fast_failover_s()) * s.pstn.unanswered);
  if (s.pstn.signed_in > 0)
    r.s("registrar", s.on_backup ? pool_spec(info.backup_pool).fqdn() : fqdn);
  if (s.pstn.out_trunk != -1) r.s("trunk", trunk_name(s.pstn.out_trunk));
  if (s.pstn.in_trunk != -1) r.s("inbound_trunk", trunk_name(s.pstn.in_trunk));
}

bool Model::update_branches(Engine& e) {
  bool all_full = true;
  const Instant now = e.now();
  for (int a = 0; a < static_cast<int>(appliances_.size()); ++a) {
    const ApplianceInfo& info = topology_.appliances()[static_cast<size_t>(a)];
    ApplianceState& s = appliances_[static_cast<size_t>(a)];
    const bool up = is_up(info.component);
    if (up && s.detected && !s.on_backup) s.detected = false;  // back before its users moved
    if (!s.on_backup && s.detected && !up && is_up(info.wan_link) && serving(info.backup_pool)) {
      // DNS SRV: the clients find the backup Registrar, which accepts them once it has
      // missed the appliance's heartbeats for the interval.
      s.on_backup = true;
      ++branch_version_;
      if (log_->enabled())
        log_->append(now, "registrar.failover", topology_.component(info.component).name)
            .s("backup", pool_spec(info.backup_pool).fqdn());
    }
    const bool timer_wanted = (!up && !s.detected) || (s.on_backup && up);
    if (timer_wanted && !s.timer.is_valid()) {
      const int64_t d = up ? params().branch_failback_s() : params().branch_failure_detection_s();
      s.timer = e.schedule_after(Duration::seconds(d), branch_payload(a));
    } else if (!timer_wanted && s.timer.is_valid()) {
      e.cancel(s.timer);
      s.timer = EventId{};
    }
    const ServiceLevel level = branch_level(a);
    const bool level_changed = level != s.level;
    const ServiceLevel old_level = s.level;
    s.level = level;
    const PstnPath pstn = branch_pstn(a);
    const bool pstn_changed = !(pstn == s.pstn);
    const PstnPath old_pstn = s.pstn;
    if (level_changed || pstn_changed) {
      // Account the time since the last change at the state the users were in.
      s.level = old_level;
      s.pstn = old_pstn;
      account_branch(
          a, now,
          level == ServiceLevel::kFull && pstn.outbound == info.users && pstn.inbound == info.users,
          pstn_changed ? &pstn : nullptr);
      s.level = level;
    }
    s.pstn = pstn;
    if (level_changed || pstn_changed) log_branch(now, a, level_changed, pstn_changed);
    DRSIM_CHECK(!s.on_backup || s.detected,
                "branch users move to the backup Registrar only after it detected the loss");
    all_full = all_full && level == ServiceLevel::kFull;
  }
  return all_full;
}

void Model::account_branch(int a, Instant now, bool nominal, const PstnPath* next) {
  const ApplianceInfo& info = topology_.appliances()[static_cast<size_t>(a)];
  ApplianceState& s = appliances_[static_cast<size_t>(a)];
  if (s.outcome_index >= 0) {
    BranchOutcome& o = metrics_.incidents[static_cast<size_t>(s.outcome_incident)]
                           .branches[static_cast<size_t>(s.outcome_index)];
    const Instant from = std::max(s.outcome_mark, warm_up_);
    if (now > from) {
      const double dt = (now - from).seconds_f();
      const double users = static_cast<double>(info.users);
      if (s.level != ServiceLevel::kFull)
        o.user_seconds[static_cast<size_t>(s.level)] += users * dt;
      const double no_out = users - static_cast<double>(s.pstn.outbound);
      const double no_in = users - static_cast<double>(s.pstn.inbound);
      o.pstn_outbound_user_s += no_out * dt;
      o.pstn_inbound_user_s += no_in * dt;
      // Attempts that could not be placed or received: each loses a whole call.
      const double failed = branch_active_share(a) *
                            (no_out * params().pstn_outbound_calls_per_user_per_hour() +
                             no_in * params().pstn_inbound_calls_per_user_per_hour()) /
                            3600 * dt;
      o.calls_failed += failed;
      o.minutes_lost += failed * params().pstn_call_duration_s() / 60;
      if (s.outcome_on_backup && s.level != ServiceLevel::kSignedOut)
        o.on_backup_user_s += users * dt;
    }
  }
  if (!nominal && s.outcome_index < 0) {
    IncidentMetrics* m = impact_owner();
    if (m == nullptr) m = attributed_incident();
    if (m != nullptr) {
      int index = -1;
      for (size_t k = 0; k < m->branches.size(); ++k)
        if (m->branches[k].appliance == a) index = static_cast<int>(k);
      if (index < 0) {
        m->branches.push_back(BranchOutcome{});
        m->branches.back().appliance = a;
        m->branches.back().users = info.users;
        index = static_cast<int>(m->branches.size()) - 1;
      }
      s.outcome_incident = m->id;
      s.outcome_index = index;
    }
  }
  s.outcome_mark = now;
  s.outcome_on_backup = s.on_backup;
  if (s.outcome_index < 0) return;
  BranchOutcome& o = metrics_.incidents[static_cast<size_t>(s.outcome_incident)]
                         .branches[static_cast<size_t>(s.outcome_index)];
  if (next != nullptr) branch_pstn_changed(a, o, *next, now);
  o.restored = nominal ? now : Instant::never();
  DRSIM_CHECK(o.pstn_outbound_user_s >= 0 && o.pstn_inbound_user_s >= 0 && o.calls_failed >= 0,
              "branch users never call the PSTN more than they are");
  if (nominal) s.outcome_index = s.outcome_incident = -1;
}

double Model::branch_active_share(int a) const {
  // Branch users call at the rates of every user (ModelParameters), with the concurrently
  // active share of their central backup pool, where their User Services live (an assumption:
  // a branch has no active-user count of its own).
  const scenario::Pool& spec =
      pool_spec(topology_.appliances()[static_cast<size_t>(a)].backup_pool);
  return spec.users() > 0
             ? active_users(topology_.appliances()[static_cast<size_t>(a)].backup_pool) /
                   static_cast<double>(spec.users())
             : 1.0;
}

void Model::branch_pstn_changed(int a, BranchOutcome& o, const PstnPath& next, Instant now) {
  const PstnPath& old = appliances_[static_cast<size_t>(a)].pstn;
  const ApplianceInfo& info = topology_.appliances()[static_cast<size_t>(a)];
  // Calls in progress on a path that stopped are cut off (model_pstn.cpp): a call keeps going
  // while its trunk (or the appliance's own gateway) still works and its user stays signed
  // in. Unlike a pool's users, branch users change registrar without signing out (to the
  // appliance again after its repair), which does not cut their calls.
  auto kept = [&](int old_trunk, int64_t old_users, int64_t new_users) -> int64_t {
    if (old_trunk == -1 || next.signed_in == 0) return 0;
    const int site =
        old.registrar >= 0 ? topology_.pools()[static_cast<size_t>(old.registrar)].site : info.site;
    const bool works =
        old_trunk == kApplianceGateway ? appliance_gateway_works(a) : trunk_works(old_trunk, site);
    return works ? std::min(old_users, new_users) : 0;
  };
  const double duration_s = params().pstn_call_duration_s();
  const double cut =
      branch_active_share(a) * duration_s *
      (static_cast<double>(old.outbound - kept(old.out_trunk, old.outbound, next.outbound)) *
           params().pstn_outbound_calls_per_user_per_hour() / 3600 +
       static_cast<double>(old.inbound - kept(old.in_trunk, old.inbound, next.inbound)) *
           params().pstn_inbound_calls_per_user_per_hour() / 3600);
  if (now >= warm_up_) {
    o.calls_failed += cut;
    o.minutes_lost += cut * duration_s / 60;
  }
  if (next.outbound < info.users) {
    o.outbound_lost = true;
    o.outbound_restored = Instant::never();
  } else if (o.outbound_lost && o.outbound_restored == Instant::never()) {
    // The first call placed now connects after the unanswered trunks' timers.
    o.outbound_restored = now + Duration::seconds(params().fast_failover_s()) * next.unanswered;
  }
  if (next.inbound < info.users) {
    o.inbound_lost = true;
    o.inbound_restored = Instant::never();
  } else if (o.inbound_lost && o.inbound_restored == Instant::never()) {
    o.inbound_restored = now;
  }
}

void Model::log_branch_outcomes(Instant t, const IncidentMetrics& m) {
  for (const BranchOutcome& o : m.branches) {
    const ApplianceInfo& info = topology_.appliances()[static_cast<size_t>(o.appliance)];
    auto r = log_->append(t, "incident.branch", topology_.component(info.component).name);
    r.i("incident", m.id)
        .s("branch", topology_.component(info.site).name)
        .i("users", o.users)
        .d("voice_only_user_s", o.user_seconds[static_cast<size_t>(ServiceLevel::kVoiceOnly)])
        .d("resiliency_user_s", o.user_seconds[static_cast<size_t>(ServiceLevel::kResiliency)])
        .d("signed_out_user_s", o.user_seconds[static_cast<size_t>(ServiceLevel::kSignedOut)])
        .d("on_backup_user_s", o.on_backup_user_s)
        .d("pstn_outbound_user_s", o.pstn_outbound_user_s)
        .d("pstn_inbound_user_s", o.pstn_inbound_user_s)
        .d("pstn_calls_failed", o.calls_failed)
        .d("pstn_minutes_lost", o.minutes_lost);
    if (o.outbound_lost && o.outbound_restored != Instant::never())
      r.secs("pstn_outbound_rto_s", o.outbound_restored - m.start);
    if (o.inbound_lost && o.inbound_restored != Instant::never())
      r.secs("pstn_inbound_rto_s", o.inbound_restored - m.start);
    if (o.restored != Instant::never()) r.secs("rto_s", o.restored - m.start);
  }
}

void Model::on_branch_timer(Engine& e, int a) {
  ApplianceState& s = appliances_[static_cast<size_t>(a)];
  s.timer = EventId{};
  const ApplianceInfo& info = topology_.appliances()[static_cast<size_t>(a)];
  if (!is_up(info.component)) {
    s.detected = true;  // the backup Registrar missed its heartbeats for the interval
  } else if (s.on_backup) {
    // Failback is automatic only: the backup redirects the clients home.
    s.on_backup = s.detected = false;
    ++branch_version_;
    if (log_->enabled())
      log_->append(e.now(), "registrar.failback", topology_.component(info.component).name)
          .s("reason", "appliance_running");
  }
}

}  // namespace drsim
