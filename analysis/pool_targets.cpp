// Per pool targets against estimates; see pool_targets.h.
#include "analysis/pool_targets.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "analysis/report_format.h"
#include "analysis/verdict.h"
#include "sim/check.h"

namespace drsim {

namespace {

std::string percent2(double fraction) { return fixed(fraction * 100, 2) + " %"; }
// Availability needs more digits than a share of incidents: 99.9 % and 99.99 % differ.
std::string percent4(double fraction) { return fixed(fraction * 100, 4) + " %"; }

bool has_target(const SweepDigest& d, bool rto) {
  return std::any_of(d.policy.begin(), d.policy.end(), [&](const PolicyDigest& p) {
    return rto ? p.rto_target_s.has_value() : p.rpo_target_s.has_value();
  });
}

std::string share_verdict(const SweepDigest& d, bool rto, const ProportionDigest& met) {
  if (!has_target(d, rto)) return "no target";
  return policy_verdict(met, d.required_met_share);
}

std::string availability_verdict(const SweepDigest& d, const DistributionDigest& a) {
  if (!d.availability_target) return "no target";
  if (a.n == 0) return "no replications";
  if (!a.ci95_halfwidth) return "uncertain";  // one replication has no interval
  return interval_verdict(a.mean - *a.ci95_halfwidth, a.mean + *a.ci95_halfwidth,
                          *d.availability_target);
}

const DistributionDigest& pool_availability(const SweepDigest& d, size_t i) {
  DRSIM_CHECK(
      i < d.pool_availability.size() && d.pool_availability[i].first == d.pool_targets[i].fqdn,
      "a sweep digest lists its pools' targets and availability in the same order");
  return d.pool_availability[i].second;
}

std::string share_words(const ProportionDigest& m) {
  return percent2(m.fraction) + " of " + grouped(static_cast<int64_t>(m.incidents)) +
         " incidents [" + fixed(m.ci95_low * 100, 2) + ", " + fixed(m.ci95_high * 100, 2) + "] %";
}

std::string availability_words(const DistributionDigest& a) {
  if (a.n == 0) return "no replications";
  std::string s = percent4(a.mean);
  if (a.ci95_halfwidth) s += " ± " + fixed(*a.ci95_halfwidth * 100, 4);
  return s;
}

std::string stranded_words(uint64_t n) {
  return grouped(static_cast<int64_t>(n)) +
         " of them stranded data whose RPO is unknown until its site returns (judged as not "
         "lost; policy.assume_sites_never_return counts it lost)";
}

}  // namespace

std::string policy_targets_words(const SweepDigest& d, bool rto) {
  std::string out;
  for (const PolicyDigest& p : d.policy) {
    const std::optional<int64_t>& t = rto ? p.rto_target_s : p.rpo_target_s;
    if (!t) continue;
    out += (out.empty() ? "" : ", ") + p.disruption + " " + human_s(static_cast<double>(*t));
  }
  return out;
}

std::vector<PoolVerdicts> pool_verdicts(const SweepDigest& d) {
  std::vector<PoolVerdicts> out;
  for (size_t i = 0; i < d.pool_targets.size(); ++i) {
    const PoolTargetDigest& p = d.pool_targets[i];
    out.push_back({p.fqdn, share_verdict(d, true, p.rto_met), share_verdict(d, false, p.rpo_met),
                   availability_verdict(d, pool_availability(d, i))});
  }
  return out;
}

std::string pool_targets_text(const SweepDigest& d) {
  std::string out =
      "\ntargets per pool (pass: the 95 % interval lies at or above the target; "
      "fail: below it; uncertain: it straddles it):\n";
  const std::string rto_targets = policy_targets_words(d, true);
  const std::string rpo_targets = policy_targets_words(d, false);
  out += "  RTO: " +
         (rto_targets.empty() ? std::string("no target in the policy")
                              : "the time until the pool's users had full service again, "
                                "against " +
                                    rto_targets + "; passes when " +
                                    percent2(d.required_met_share) + " of incidents meet it") +
         "\n";
  out += "  RPO: " +
         (rpo_targets.empty() ? std::string("no target in the policy")
                              : "the judged data the pool's own users lost (not another "
                                "pool's) in the incidents that cost them service or data, "
                                "against " +
                                    rpo_targets) +
         "\n";
  out += "  availability: " +
         (d.availability_target ? "target " + percent4(*d.availability_target)
                                : std::string("no target (--availability-target)")) +
         "\n";
  const std::vector<PoolVerdicts> verdicts = pool_verdicts(d);
  for (size_t i = 0; i < d.pool_targets.size(); ++i) {
    const PoolTargetDigest& p = d.pool_targets[i];
    const PoolVerdicts& v = verdicts[i];
    out += "  " + p.fqdn + "\n";
    auto share = [&](const char* what, const std::string& verdict, const ProportionDigest& m) {
      out += std::string("    ").append(what).append(": ");
      if (verdict == "no target" || verdict == "no incidents")
        out += verdict == "no target"       ? "no target"
               : std::string(what) == "RPO" ? "no incident cost its users service or data"
                                            : "no incident cost its users service";
      else
        out += share_words(m) + " met - " + verdict;
      out += "\n";
    };
    share("RTO", v.rto, p.rto_met);
    share("RPO", v.rpo, p.rpo_met);
    if (v.rpo != "no target" && p.rpo_stranded_incidents > 0)
      out += "      " + stranded_words(p.rpo_stranded_incidents) + "\n";
    out += "    availability: " + availability_words(pool_availability(d, i)) +
           (d.availability_target ? " - " + v.availability : std::string(" - no target")) + "\n";
  }
  return out;
}

void pool_targets_json(JsonWriter& w, const SweepDigest& d) {
  w.key("targets_by_pool").begin_object();
  w.field("required_met_share", d.required_met_share).key("availability_target");
  if (d.availability_target)
    w.value(*d.availability_target);
  else
    w.null();
  w.key("pools").begin_array();
  const std::vector<PoolVerdicts> verdicts = pool_verdicts(d);
  auto share = [&](const char* key, const ProportionDigest& m, const std::string& verdict) {
    w.key(key).begin_object();
    w.field("incidents", m.incidents).field("met", m.met).field("fraction", m.fraction);
    w.field("ci95_low", m.ci95_low).field("ci95_high", m.ci95_high).field("verdict", verdict);
  };
  for (size_t i = 0; i < d.pool_targets.size(); ++i) {
    const PoolTargetDigest& p = d.pool_targets[i];
    w.begin_object().field("fqdn", p.fqdn);
    share("rto", p.rto_met, verdicts[i].rto);
    w.end_object();
    share("rpo", p.rpo_met, verdicts[i].rpo);
    w.field("stranded_incidents", p.rpo_stranded_incidents).end_object();
    w.key("availability").begin_object().field("verdict", verdicts[i].availability).end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

Table pool_targets_table(const SweepDigest& d) {
  Table t;
  t.head = {"Pool", "Measure", "Target", "Estimate", "95 % interval", "Verdict"};
  t.empty_note = "The scenario has no pools.";
  t.note =
      "Per pool: of the incidents that cost its users full service, the share in which they "
      "had it back within the RTO target of the incident's kind; of the incidents that cost its "
      "users service or judged data, the share in which the data its own users lost (not "
      "another pool's; a shared file store's content counts for each pool meeting on it, the "
      "CMS for the pool hosting it) met the RPO target; and the pool's availability. Pass: the "
      "95 % interval lies at or above the "
      "required share (" +
      percent2(d.required_met_share) +
      " of incidents) or the availability target; fail: below it; uncertain: it "
      "straddles it, and more replications settle it.";
  const std::vector<PoolVerdicts> verdicts = pool_verdicts(d);
  auto tone = [](const std::string& v) {
    return v == "pass" ? "good" : v == "fail" ? "bad" : v == "uncertain" ? "warn" : "";
  };
  for (size_t i = 0; i < d.pool_targets.size(); ++i) {
    const PoolTargetDigest& p = d.pool_targets[i];
    auto share = [&](const char* measure, const std::string& targets, const ProportionDigest& m,
                     const std::string& v, const std::string& note) {
      const bool judged = v != "no target" && v != "no incidents";
      t.rows.push_back(
          {cell(p.fqdn), cell(measure), cell(targets.empty() ? "no target" : targets),
           cell(judged ? percent2(m.fraction) + " met" : "-",
                judged ? grouped(static_cast<int64_t>(m.incidents)) + " incidents" : "", "", true),
           cell(judged
                    ? "[" + fixed(m.ci95_low * 100, 2) + ", " + fixed(m.ci95_high * 100, 2) + "] %"
                    : "-",
                "", "", true),
           cell(v != "no incidents"             ? v
                : std::string(measure) == "RPO" ? "no incident cost its users service or data"
                                                : "no incident cost its users service",
                note, tone(v))});
    };
    share("RTO", policy_targets_words(d, true), p.rto_met, verdicts[i].rto, "");
    share("RPO", policy_targets_words(d, false), p.rpo_met, verdicts[i].rpo,
          verdicts[i].rpo != "no target" && p.rpo_stranded_incidents > 0
              ? stranded_words(p.rpo_stranded_incidents)
              : "");
    const DistributionDigest& a = pool_availability(d, i);
    const double h = a.ci95_halfwidth.value_or(0);
    t.rows.push_back({cell(p.fqdn), cell("Availability"),
                      cell(d.availability_target ? percent4(*d.availability_target) : "no target"),
                      cell(a.n > 0 ? percent4(a.mean) : "no replications", "", "", true),
                      cell(a.ci95_halfwidth ? "[" + fixed((a.mean - h) * 100, 4) + ", " +
                                                  fixed(std::min(1.0, a.mean + h) * 100, 4) + "] %"
                                            : "-",
                           "", "", true),
                      cell(verdicts[i].availability, "", tone(verdicts[i].availability))});
  }
  return t;
}

std::string pool_targets_csv(const SweepDigest& d) {
  std::string out =
      "pool,measure,target,incidents_count,estimate_fraction,ci95_low_fraction,ci95_high_"
      "fraction,stranded_incidents_count,verdict\n";
  const std::vector<PoolVerdicts> verdicts = pool_verdicts(d);
  for (size_t i = 0; i < d.pool_targets.size(); ++i) {
    const PoolTargetDigest& p = d.pool_targets[i];
    // Figures that do not exist (no target, no incident) are empty cells, never 0.
    auto share = [&](const char* measure, const std::string& targets, const ProportionDigest& m,
                     const std::string& v, const std::string& stranded) {
      const bool judged = v != "no target" && v != "no incidents";
      out += csv_field(p.fqdn) + "," + measure + "," + csv_field(targets) + "," +
             (v == "no target" ? "" : std::to_string(m.incidents)) + "," +
             (judged ? number(m.fraction) + "," + number(m.ci95_low) + "," + number(m.ci95_high)
                     : ",,") +
             "," + stranded + "," + v + "\n";
    };
    share("rto", policy_targets_words(d, true), p.rto_met, verdicts[i].rto, "");
    share("rpo", policy_targets_words(d, false), p.rpo_met, verdicts[i].rpo,
          verdicts[i].rpo == "no target" ? "" : std::to_string(p.rpo_stranded_incidents));
    const DistributionDigest& a = pool_availability(d, i);
    const double h = a.ci95_halfwidth.value_or(0);
    out += csv_field(p.fqdn) + ",availability," +
           (d.availability_target ? number(*d.availability_target) : "") + ",," +
           (a.n > 0 ? number(a.mean) : "") + "," +
           (a.ci95_halfwidth ? number(a.mean - h) + "," + number(std::min(1.0, a.mean + h)) : ",") +
           ",," + verdicts[i].availability + "\n";
  }
  return out;
}

}  // namespace drsim
