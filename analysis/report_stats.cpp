// Policy verdicts and service-level times; see report_stats.h.
#include "analysis/report_stats.h"

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

std::string rpo_reading_text(const scenario::Scenario& sc) {
  if (sc.policy().assume_sites_never_return())
    return "RPO targets count data stranded in a site or pool that is down as lost "
           "(policy.assume_sites_never_return: the site is taken not to return)";
  return "RPO targets judge only data written off; data stranded in a site or pool that comes back "
         "is not "
         "lost and is listed apart (set policy.assume_sites_never_return to count it)";
}

VerdictCount count_verdicts(const std::vector<PolicyVerdict>& verdicts) {
  VerdictCount n;
  for (const PolicyVerdict& v : verdicts) {
    for (const std::string* s : {&v.rto_verdict, &v.rpo_verdict}) {
      n.judged += *s == "met" || *s == "missed" ? 1 : 0;
      n.missed += *s == "missed" ? 1 : 0;
    }
  }
  return n;
}

std::vector<PolicyVerdict> policy_verdicts(const RunReport& report, const scenario::Scenario& sc) {
  std::vector<PolicyVerdict> out;
  if (!has_policy_targets(sc)) return out;
  for (const IncidentReport& inc : report.incidents) {
    PolicyVerdict v;
    v.incident = inc.id;
    v.disruption = inc.disruption;
    v.rto_s = inc.total_s;
    const bool stranded_as_lost = sc.policy().assume_sites_never_return();
    v.rpo_policy_max_s = policy_rpo_max_s(inc, sc.backup_service().enable_rgs_backup(),
                                          &v.rpo_policy_max_category, stranded_as_lost);
    const scenario::Policy::Target* t =
        policy_target(sc.policy(), disruption_index(inc.disruption));
    if (t != nullptr && t->has_rto_s()) v.rto_target_s = t->rto_s();
    if (t != nullptr && t->has_rpo_s()) v.rpo_target_s = t->rpo_s();
    // Only incidents that hurt someone are judged: one that took no user's service and put
    // no judged data at risk neither meets nor misses a target.
    const bool impact = had_user_impact(inc);
    const bool data_at_risk = v.rpo_policy_max_s > 0;
    if (!v.rto_target_s) {
      v.rto_verdict = "no target";
    } else if (!impact) {
      v.rto_verdict = kNoUserImpact;
    } else if (v.rto_s > static_cast<double>(*v.rto_target_s)) {
      v.rto_verdict = "missed";
    } else {
      // An open incident's RTO so far is a lower bound: within target is not yet a pass.
      v.rto_verdict = inc.open ? "open" : "met";
    }
    // Data lost is decided at failover time, so an open incident's RPO is already final.
    if (!v.rpo_target_s)
      v.rpo_verdict = "no target";
    else if (!impact && !data_at_risk)
      v.rpo_verdict = kNoUserImpact;
    else
      v.rpo_verdict = v.rpo_policy_max_s > static_cast<double>(*v.rpo_target_s) ? "missed" : "met";
    out.push_back(std::move(v));
  }
  return out;
}

namespace {

bool no_impact(const IncidentReport& inc) { return !had_user_impact(inc) && !lost_data(inc); }

// The first `n` of `all` under `before`, a strict order.
template <typename Before>
std::vector<const IncidentReport*> first_n(std::vector<const IncidentReport*> all, size_t n,
                                           Before before) {
  std::sort(all.begin(), all.end(), before);
  if (all.size() > n) all.resize(n);
  return all;
}

}  // namespace

std::vector<const IncidentReport*> longest_incidents(const RunReport& report, size_t n) {
  std::vector<const IncidentReport*> all;
  for (const IncidentReport& inc : report.incidents) {
    if (had_user_impact(inc)) all.push_back(&inc);
  }
  return first_n(all, n, [](const IncidentReport* a, const IncidentReport* b) {
    return a->total_s != b->total_s ? a->total_s > b->total_s : a->id < b->id;
  });
}

std::vector<const IncidentReport*> worst_rpo_incidents(const RunReport& report, size_t n,
                                                       bool rgs) {
  std::vector<const IncidentReport*> all;
  for (const IncidentReport& inc : report.incidents) {
    if (lost_data(inc)) all.push_back(&inc);
  }
  return first_n(all, n, [rgs](const IncidentReport* a, const IncidentReport* b) {
    const double pa = policy_rpo_max_s(*a, rgs), pb = policy_rpo_max_s(*b, rgs);
    if (pa != pb) return pa > pb;
    const double ma = rpo_max_s(*a), mb = rpo_max_s(*b);
    return ma != mb ? ma > mb : a->id < b->id;
  });
}

std::vector<const IncidentReport*> incidents_to_chart(const RunReport& report, size_t n, bool rgs) {
  std::vector<const IncidentReport*> all;
  for (const IncidentReport& inc : report.incidents) {
    if (!no_impact(inc)) all.push_back(&inc);
  }
  all = first_n(all, n, [rgs](const IncidentReport* a, const IncidentReport* b) {
    if (a->total_s != b->total_s) return a->total_s > b->total_s;
    const double pa = policy_rpo_max_s(*a, rgs), pb = policy_rpo_max_s(*b, rgs);
    if (pa != pb) return pa > pb;
    const double ma = rpo_max_s(*a), mb = rpo_max_s(*b);
    return ma != mb ? ma > mb : a->id < b->id;
  });
  std::sort(all.begin(), all.end(),
            [](const IncidentReport* a, const IncidentReport* b) { return a->id < b->id; });
  return all;
}

size_t no_impact_count(const RunReport& report) {
  return static_cast<size_t>(
      std::count_if(report.incidents.begin(), report.incidents.end(), no_impact));
}

std::string no_impact_summary(const RunReport& report) {
  std::string out;
  std::vector<std::string> kinds(std::begin(kDisruptions), std::end(kDisruptions));
  for (const IncidentReport& inc : report.incidents) {
    if (no_impact(inc) && std::find(kinds.begin(), kinds.end(), inc.disruption) == kinds.end())
      kinds.push_back(inc.disruption);  // a kind this version does not know: still counted
  }
  for (const std::string& kind : kinds) {
    const auto n = std::count_if(
        report.incidents.begin(), report.incidents.end(),
        [&](const IncidentReport& i) { return no_impact(i) && i.disruption == kind; });
    if (n > 0) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
  }
  return out;
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
    for (size_t l = 0; l < user_us.size(); ++l)
      p.per_user_s[l] = users > 0 ? user_us[l] / users / 1e6 : 0;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace drsim
