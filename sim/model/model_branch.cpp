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
  const bool local = is_up(info.component) &&
                     (info.gateway < 0 ||
                      is_up(topology_.gateways()[static_cast<size_t>(info.gateway)].component));
  if (!s.on_backup && local) {
    path.outbound = path.inbound = path.signed_in;
    path.out_trunk = path.in_trunk = kApplianceGateway;
    return path;
  }
  // The first PSTN usage (the appliance's gateway) does not answer: the central routes next.
  if (!params().enable_fast_failover_timer()) return path;
  const int site =
      s.on_backup ? topology_.pools()[static_cast<size_t>(info.backup_pool)].site : info.site;
  int tried = 1;
  for (int r : info.routes) {
    for (int t : topology_.routes()[static_cast<size_t>(r)]) {
      if (trunk_works(t, site)) {
        path.out_trunk = t;
        break;
      }
      ++tried;
    }
    if (path.out_trunk >= 0) break;
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
    s.level = level;
    const PstnPath pstn = branch_pstn(a);
    const bool pstn_changed = !(pstn == s.pstn);
    s.pstn = pstn;
    if (level_changed || pstn_changed) log_branch(now, a, level_changed, pstn_changed);
    DRSIM_CHECK(!s.on_backup || s.detected,
                "branch users move to the backup Registrar only after it detected the loss");
    all_full = all_full && level == ServiceLevel::kFull;
  }
  return all_full;
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
