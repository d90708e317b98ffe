// The run report as text for people (run_report_text); the JSON is in run_report_json.cpp.
#include "analysis/run_report_text.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/report_format.h"
#include "analysis/report_stats.h"
#include "sim/time.h"

namespace drsim {

namespace {
Duration secs(double s) {
  return Duration::micros(static_cast<int64_t>(s * 1e6 + (s >= 0 ? 0.5 : -0.5)));
}
}  // namespace

namespace {

// The RTO line: "no user impact", or the stages in the order they happened; a recovery
// still under way at the horizon is a lower bound ("and counting").
std::string rto_text(const IncidentReport& inc) {
  if (const std::string lost = lost_beyond_service(inc, "PSTN calling");
      !had_user_impact(inc) && !lost.empty()) {
    return std::string("  every user kept full service (sign-in, IM, conferencing), but ") + lost +
           " was lost (below)\n";
  }
  // A gateway lost while another carried every call: calls in progress were cut, or waited
  // out the timer, yet nobody lost PSTN calling.
  if (!had_user_impact(inc) && inc.pstn_calls_failed > 0)
    return "  every user kept full service and PSTN calling, but PSTN calls in progress were cut "
           "(below)\n";
  if (!had_user_impact(inc)) return "  no user impact: every user kept full service\n";
  const bool back = inc.restored_s.has_value();
  const char* counting = back ? "" : " and counting";
  std::string out = "  RTO " + format_duration(secs(inc.total_s)) + counting +
                    (back ? "" : " (no full service by the horizon)") + " = detect " +
                    format_duration(secs(inc.detect_s)) + " + decide " +
                    format_duration(secs(inc.decide_s));
  if (inc.awaiting_repair_s > 0 || inc.nobody_acted_s > 0) {
    if (inc.execute_s > 0) out += " + execute " + format_duration(secs(inc.execute_s));
    if (inc.awaiting_repair_s > 0)
      out += " + awaiting repair " + format_duration(secs(inc.awaiting_repair_s)) +
             " (service came back by repair or automatic recovery, not by the runbook)";
    if (inc.nobody_acted_s > 0)
      out += " + nobody acted " + format_duration(secs(inc.nobody_acted_s)) + counting +
             (inc.nobody_acted_reason.empty() ? "" : " (" + inc.nobody_acted_reason + ")");
    return out + "\n";
  }
  return out + " + execute " + format_duration(secs(inc.execute_s)) + " + clients back " +
         format_duration(secs(inc.clients_back_s)) + counting + "\n";
}

// The PSTN: what the incident cost in calls, when each direction came back, and per pool who
// could not call out or be called, saying so for users who could still call colleagues.
std::string pstn_text(const IncidentReport& inc) {
  if (inc.pstn.empty()) return "  PSTN: every user could place and receive PSTN calls throughout\n";
  auto rto = [](const std::optional<double>& v, bool lost) {
    if (!lost) return std::string("never lost");
    return v ? "back after " + format_duration(secs(*v)) : std::string("not back by the horizon");
  };
  bool out_lost = false, in_lost = false;
  for (const IncidentReport::Pstn& p : inc.pstn) {
    out_lost |= p.outbound_users_lost > 0;
    in_lost |= p.inbound_users_lost > 0;
  }
  std::string out = "  PSTN: " + grouped(std::llround(inc.pstn_calls_failed)) +
                    " calls refused or cut off (" + grouped(std::llround(inc.pstn_minutes_lost)) +
                    " minutes lost), " + grouped(std::llround(inc.pstn_calls_rerouted)) +
                    " connected after the fast-failover timer; outbound " +
                    rto(inc.pstn_outbound_rto_s, out_lost) + ", inbound " +
                    rto(inc.pstn_inbound_rto_s, in_lost) + "\n";
  for (const IncidentReport::Pstn& p : inc.pstn) {
    out += "  PSTN " + p.pool + ": up to " + grouped(p.outbound_users_lost) +
           " users could not call out, " + grouped(p.inbound_users_lost) + " could not be called";
    if (p.colleagues_only_users > 0)
      out += "; " + grouped(p.colleagues_only_users) +
             " signed in (voice only on the backup registrar, or at home) could call colleagues "
             "but not the PSTN";
    out += "\n";
  }
  return out;
}

// Remote access and federation: per modality lost, for how long and when it was back; remote
// users who could not sign in (their pool down, or no Edge or Director to reach it).
std::string access_text(const IncidentReport& inc) {
  if (inc.access.empty())
    return "  remote access and federation: every deployed modality kept throughout\n";
  std::string out;
  for (const IncidentReport::Access& a : inc.access) {
    out += std::string("  ") + access_modality_text(a.modality) + ": ";
    if (a.modality == "remote_sign_in")
      out += "up to " + grouped(a.users_lost) + " remote users could not sign in (" +
             grouped(std::llround(a.user_s / 3600)) + " user-hours); ";
    if (a.modality == "remote_media")
      out += "up to " + grouped(a.users_lost) +
             " remote users without A/V and web conferencing through their pool's Edge; ";
    out += "impaired " + format_duration(secs(a.impaired_s)) + ", " +
           (a.rto_s ? "back after " + format_duration(secs(*a.rto_s))
                    : std::string("not back by the end")) +
           "\n";
  }
  return out;
}

// Meeting content: how long meetings went without content (file store) or PowerPoint (Office
// Web Apps), for how many users, when it was back; content lost to DFS lag, and at risk.
std::string content_text(const IncidentReport& inc) {
  if (!inc.content) return "  conferencing with content: kept throughout, no content lost\n";
  const IncidentReport::Content& c = *inc.content;
  std::string out = "  conferencing with content: ";
  if (c.kept) {
    out += "kept throughout";
  } else {
    out += "up to " + grouped(c.users_lost) + " users in meetings without content or PowerPoint (" +
           grouped(std::llround(c.user_s / 3600)) + " user-hours); impaired " +
           format_duration(secs(c.impaired_s)) + ", " +
           (c.rto_s ? "back after " + format_duration(secs(*c.rto_s))
                    : std::string("not back by the end"));
  }
  if (c.lost_writes > 0)
    out +=
        "; " + grouped(std::llround(c.lost_writes)) + " content writes lost (DFS replication lag)";
  if (c.at_risk_writes > 0)
    out += "; " + grouped(std::llround(c.at_risk_writes)) +
           " content writes at risk (since the last file-store backup, on a store with no "
           "server running)";
  return out + "\n";
}

// Persistent Chat: per pool whose users lost chat, for how long and how many, when it was
// back, and what a failover to the log-shipping secondary lost.
std::string pchat_text(const IncidentReport& inc) {
  if (inc.pchat.empty()) return "  Persistent Chat: every user kept chat throughout\n";
  std::string out;
  for (const IncidentReport::PersistentChat& c : inc.pchat) {
    out += "  Persistent Chat " + c.pool + ": ";
    if (c.users_lost > 0) {
      out += "up to " + grouped(c.users_lost) + " users without chat for " +
             format_duration(secs(c.without_s)) + " (" + grouped(std::llround(c.user_s / 3600)) +
             " user-hours), ";
      // The time to restore chat, then the planned failback's outage apart (rule 9).
      if (c.rto_s)
        out += "chat restored after " + format_duration(secs(*c.rto_s));
      else if (!c.failback_without_s)
        out += "not back by the end";
      else
        out += "lost only to the planned failback";
      if (c.failback_without_s) {
        out += "; the planned failback " + format_duration(secs(*c.failback_start_s)) +
               " into the incident stopped chat for " +
               format_duration(secs(*c.failback_without_s));
        if (!c.failback_end_s) out += ", not back by the end";
      } else if (c.rto_s && !c.back) {
        out += ", down again and not back by the end";
      }
    } else {
      out += "every user kept chat";
    }
    if (c.failed_over)
      out +=
          "; failed over to the log-shipping secondary: " + grouped(std::llround(c.messages_lost)) +
          " chat messages lost (posted in the " + format_duration(secs(c.loss_window_s)) +
          " after the last shipped log backup); compliance data not failed over";
    out += "\n";
  }
  return out;
}

// A branch office the incident touched: who, what they kept and for how long (per user).
std::string branches_text(const IncidentReport& inc) {
  std::string out;
  auto d = [](double s) { return format_duration(secs(s)); };
  for (const IncidentReport::Branch& b : inc.branches) {
    out += "  branch " + b.branch + " (" + b.appliance + ", " + grouped(b.users) + " users):";
    std::string kept;
    auto add = [&](const std::string& part) { kept += (kept.empty() ? " " : "; ") + part; };
    if (b.voice_only_s > 0)
      add("on the appliance with the branch feature set (PSTN, enterprise calls, two-party IM; "
          "no conferencing or presence) for " +
          d(b.voice_only_s));
    if (b.signed_out_s > 0) add("signed out for " + d(b.signed_out_s));
    if (b.on_backup_s > 0) add("on the central backup Registrar for " + d(b.on_backup_s));
    if (b.resiliency_s > 0)
      add("resiliency mode (the central pool down, no DR for branch users) for " +
          d(b.resiliency_s));
    if (b.pstn_outbound_lost_s > 0 || b.pstn_inbound_lost_s > 0) {
      add("could not call the PSTN for " + d(b.pstn_outbound_lost_s) + ", nor be called for " +
          d(b.pstn_inbound_lost_s));
      add(grouped(std::llround(b.pstn_calls_failed)) + " PSTN calls refused or cut off (" +
          grouped(std::llround(b.pstn_minutes_lost)) + " minutes)");
    } else {
      add("kept PSTN calling throughout");
    }
    add(b.rto_s ? "all back after " + d(*b.rto_s) : std::string("not all back by the end"));
    out += kept + "\n";
  }
  return out;
}

// Data per category: lost (with the RPO), stranded (how many and for how long), and in words
// where no backup is configured.
std::string data_text(const IncidentReport& inc) {
  std::string out;
  char buf[512];
  for (size_t c = 0; c < inc.rpo_s.size(); ++c) {
    if (inc.rpo_s[c].second <= 0 && inc.lost_writes[c].second == 0) continue;
    const std::string& name = inc.rpo_s[c].first;
    const double writes = inc.lost_writes_expected[c].second;
    if (has_no_backup(inc, name)) {
      // The run does not know what was written before it began: a lower bound, in words.
      std::snprintf(buf, sizeof buf,
                    "  RPO %-22s no backup configured: every change since deployment is lost "
                    "(%s in this run alone)\n",
                    name.c_str(), writes_count_text(writes).c_str());
    } else {
      std::snprintf(buf, sizeof buf, "  RPO %-22s %12s  (%s)\n", name.c_str(),
                    format_duration(secs(inc.rpo_s[c].second)).c_str(),
                    writes_lost_text(writes).c_str());
    }
    out += buf;
  }
  for (const IncidentReport::Stranded& st : inc.stranded) {
    const std::string made = has_no_backup(inc, st.category)
                                 ? "no backup configured: every change since deployment"
                                 : writes_count_text(st.writes) + " made in the " +
                                       format_duration(secs(st.window_s)) + " before the outage";
    std::snprintf(
        buf, sizeof buf, "  stranded %-22s %s, unreachable for %s%s\n", st.category.c_str(),
        made.c_str(), format_duration(secs(st.unreachable_s)).c_str(),
        st.open ? " and counting (not lost: its site or pool is repaired after the horizon)"
                : " (not lost: the pool came back)");
    out += buf;
  }
  if (out.empty()) out = "  RPO 0 for every data category: nothing lost or stranded\n";
  return out;
}

// One line per pool whose users lost full service: who, for how long at each level, and
// their RTO. Only when more than one pool was hurt or the one pool's RTO differs from the
// incident's: otherwise the RTO line above says it all.
std::string pools_text(const IncidentReport& inc) {
  if (inc.pools.empty()) return "";
  const bool one_same = inc.pools.size() == 1 && inc.pools[0].rto_s && inc.restored_s &&
                        std::fabs(*inc.pools[0].rto_s - inc.total_s) < 0.5;
  if (one_same) return "";
  std::string out;
  for (const IncidentReport::Pool& p : inc.pools) {
    out += "  pool " + p.fqdn + ": " + grouped(p.users_affected) + " users lost full service; ";
    out += p.rto_s ? "all back after " + format_duration(secs(*p.rto_s))
                   : std::string("some still without full service at the end");
    const double users = static_cast<double>(std::max<int64_t>(p.users_affected, 1));
    std::string levels;
    for (const auto& [name, user_s] : {std::pair{"signed out", p.signed_out_user_s},
                                       std::pair{"voice only", p.voice_only_user_s},
                                       std::pair{"resiliency mode", p.resiliency_user_s}}) {
      if (user_s <= 0) continue;
      levels += (levels.empty() ? "" : ", ") + format_duration(secs(user_s / users)) + " " + name;
    }
    if (!levels.empty()) out += " (per affected user: " + levels + ")";
    out += "\n";
  }
  return out;
}

std::string verdict_text(const PolicyVerdict& v) {
  auto one = [](const char* what, const std::optional<int64_t>& target, double value,
                const std::string& verdict) {
    if (!target) return std::string(what) + " no target";
    std::string s = std::string(what) + " " + verdict;
    if (verdict == "met" || verdict == "missed" || verdict == "open")
      s += " (" + format_duration(secs(value)) + (verdict == "missed" ? " > " : " <= ") +
           format_duration(Duration::seconds(*target)) + ")";
    return s;
  };
  return "  policy (" + v.disruption + "): " + one("RTO", v.rto_target_s, v.rto_s, v.rto_verdict) +
         "; " + one("RPO", v.rpo_target_s, v.rpo_policy_max_s, v.rpo_verdict) +
         (v.rpo_verdict == "missed" && !v.rpo_policy_max_category.empty()
              ? " in " + v.rpo_policy_max_category
              : "") +
         "\n";
}

}  // namespace

std::string run_report_text(const RunReport& report, const scenario::Scenario* scenario) {
  std::string out;
  char buf[512];
  std::vector<PolicyVerdict> verdicts;
  if (scenario != nullptr) verdicts = policy_verdicts(report, *scenario);
  for (const IncidentReport& inc : report.incidents) {
    std::snprintf(buf, sizeof buf, "incident %d: %s %s at %s", inc.id, inc.disruption.c_str(),
                  inc.cause.c_str(), format_instant(Instant::origin() + secs(inc.start_s)).c_str());
    out += buf;
    if (inc.restored_s)
      out += ", full service again at " + format_instant(Instant::origin() + secs(*inc.restored_s));
    out += inc.open ? " (still open at the horizon)\n" : "\n";
    out += rto_text(inc);
    if (inc.cmdlet_errors > 0) {
      std::snprintf(buf, sizeof buf, "  %" PRId64 " cmdlet(s) failed, costing the admin %s\n",
                    inc.cmdlet_errors, format_duration(secs(inc.admin_time_lost_s)).c_str());
      out += buf;
    }
    if (inc.over_capacity_users_max > 0) {
      out += "  over capacity for " + format_duration(secs(inc.over_capacity_s)) + ": up to " +
             grouped(inc.over_capacity_users_max) +
             " more active users than a pool's running Front Ends hold (users_per_front_end each, "
             "sfb-hadr 1.8)\n";
    }
    out += pools_text(inc);
    if (report.pstn_modelled) out += pstn_text(inc);
    if (report.access_modelled) out += access_text(inc);
    if (report.content_modelled) out += content_text(inc);
    if (!report.pchat_pools.empty()) out += pchat_text(inc);
    out += branches_text(inc);
    out += data_text(inc);
    for (const PolicyVerdict& v : verdicts)
      if (v.incident == inc.id) out += verdict_text(v);
  }
  if (!verdicts.empty()) out += "policy: " + rpo_reading_text(*scenario) + "\n";
  for (const PoolReport& p : report.pools) {
    std::snprintf(
        buf, sizeof buf,
        "pool %s: availability %.4f %%, per user %s without full service, %s in resiliency mode\n",
        p.fqdn.c_str(), p.availability * 100, format_duration(secs(p.downtime_s)).c_str(),
        format_duration(secs(p.resiliency_s)).c_str());
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "user-weighted availability %.4f %%\n",
                report.user_availability * 100);
  out += buf;
  // The pool figures measure the Front End pool's service to every homed user; a remote user
  // also needs an Edge and a Director, whose losses the access lines count apart.
  if (report.access_modelled && !report.pools.empty())
    out +=
        "(pool and user-weighted figures: the Front End pools' service to all their users; "
        "remote users' sign-in through Edge and Director is counted apart, above)\n";
  if (!report.pstn_modelled) out += "PSTN not modelled: the scenario has no PSTN gateways\n";
  if (!report.content_modelled)
    out += "conferencing with content not modelled: the scenario has no file stores\n";
  if (report.pchat_pools.empty())
    out += "Persistent Chat not deployed: the scenario has no Persistent Chat pools\n";
  if (!report.access_modelled) {
    out += "remote access and federation not modelled: the scenario has no Edge pools\n";
  } else {
    for (const char* m : kAccessModalities)
      if (std::find(report.access_deployed.begin(), report.access_deployed.end(), m) ==
          report.access_deployed.end())
        out += std::string(access_modality_text(m)) +
               " not deployed in the scenario (no figures for it)\n";
  }
  return out;
}

}  // namespace drsim
