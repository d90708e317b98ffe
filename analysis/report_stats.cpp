// Policy verdicts and service-level times; see report_stats.h.
#include "analysis/report_stats.h"

#include "analysis/sweep.h"

#include <algorithm>

#include "sim/check.h"

namespace drsim {

namespace {
bool has_any(const scenario::Policy::Target& t) { return t.has_rto_s() || t.has_rpo_s(); }
}  // namespace

bool has_policy_targets(const scenario::Scenario& sc) {
  if (!sc.has_policy()) return false;
  const scenario::Policy& p = sc.policy();
  return (p.has_server() && has_any(p.server())) || (p.has_back_end() && has_any(p.back_end())) ||
         (p.has_pool() && has_any(p.pool())) || (p.has_site() && has_any(p.site()));
}

std::vector<PolicyVerdict> policy_verdicts(const RunReport& report, const scenario::Scenario& sc) {
  std::vector<PolicyVerdict> out;
  if (!has_policy_targets(sc)) return out;
  for (const IncidentReport& inc : report.incidents) {
    PolicyVerdict v;
    v.incident = inc.id;
    v.disruption = inc.disruption;
    v.rto_s = inc.total_s;
    for (const auto& [category, rpo] : inc.rpo_s) {
      if (!policy_rpo_category(category, sc.backup_service().enable_rgs_backup())) continue;
      if (rpo > v.rpo_max_s) {
        v.rpo_max_s = rpo;
        v.rpo_max_category = category;
      }
    }
    const scenario::Policy::Target* t = policy_target(sc.policy(), disruption_index(inc.disruption));
    if (t != nullptr && t->has_rto_s()) v.rto_target_s = t->rto_s();
    if (t != nullptr && t->has_rpo_s()) v.rpo_target_s = t->rpo_s();
    if (!v.rto_target_s) {
      v.rto_verdict = "no target";
    } else if (v.rto_s > static_cast<double>(*v.rto_target_s)) {
      v.rto_verdict = "missed";
    } else {
      // An open incident's RTO so far is a lower bound: within target is not yet a pass.
      v.rto_verdict = inc.open ? "open" : "met";
    }
    // Data lost is decided at failover time, so an open incident's RPO is already final.
    if (!v.rpo_target_s) v.rpo_verdict = "no target";
    else v.rpo_verdict = v.rpo_max_s > static_cast<double>(*v.rpo_target_s) ? "missed" : "met";
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<const IncidentReport*> longest_incidents(const RunReport& report, size_t n) {
  std::vector<const IncidentReport*> all;
  for (const IncidentReport& inc : report.incidents) all.push_back(&inc);
  std::stable_sort(all.begin(), all.end(), [](const IncidentReport* a, const IncidentReport* b) {
    return a->total_s != b->total_s ? a->total_s > b->total_s : a->id < b->id;
  });
  if (all.size() > n) all.resize(n);
  std::sort(all.begin(), all.end(), [](const IncidentReport* a, const IncidentReport* b) { return a->id < b->id; });
  return all;
}

std::vector<PoolLevelTime> pool_level_times(const ReportTimeline& timeline) {
  std::vector<PoolLevelTime> out;
  for (const Lane& lane : timeline.lanes) {
    if (lane.kind != LaneKind::kPoolUsers) continue;
    PoolLevelTime p;
    p.pool = lane.subject;
    std::array<double, 4> user_us{};
    double users = 0;
    for (const UsersSpan& u : lane.users) {
      DRSIM_CHECK(u.end_us >= u.start_us, "a users span that ends before it starts");
      double total = 0;
      for (size_t l = 0; l < u.users.size(); ++l) {
        user_us[l] += static_cast<double>(u.users[l]) * static_cast<double>(u.end_us - u.start_us);
        total += static_cast<double>(u.users[l]);
      }
      users = std::max(users, total);
    }
    for (size_t l = 0; l < user_us.size(); ++l) p.per_user_s[l] = users > 0 ? user_us[l] / users / 1e6 : 0;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace drsim
