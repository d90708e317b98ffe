// The run report from the log; see run_report.h.
#include "analysis/run_report.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <map>

#include "analysis/json_writer.h"
#include "analysis/report_format.h"
#include "analysis/report_stats.h"
#include "sim/event_log.h"
#include "sim/time.h"

namespace drsim {

const std::vector<std::string>& category_names() {
  static const std::vector<std::string> names = {
      "user_data", "conference_content", "cms", "response_groups",
      "lis", "call_park", "announcements", "monitoring_archiving"};
  return names;
}

bool policy_rpo_category(const std::string& c, bool rgs_replicated) {
  return c == "user_data" || c == "conference_content" || c == "cms" ||
         (rgs_replicated && c == "response_groups");
}

bool had_user_impact(const IncidentReport& inc) { return inc.restored_s.has_value() || inc.total_s > 0; }

bool lost_data(const IncidentReport& inc) {
  for (size_t c = 0; c < inc.rpo_s.size(); ++c) {
    if (inc.rpo_s[c].second > 0 || inc.lost_writes[c].second > 0) return true;
  }
  return false;
}

double policy_rpo_max_s(const IncidentReport& inc, bool rgs_replicated, std::string* category) {
  double worst = 0;
  if (category != nullptr) category->clear();
  for (const auto& [c, rpo] : inc.rpo_s) {
    if (!policy_rpo_category(c, rgs_replicated) || rpo <= worst) continue;
    worst = rpo;
    if (category != nullptr) *category = c;
  }
  return worst;
}

bool has_no_backup(const IncidentReport& inc, const std::string& category) {
  return std::find(inc.no_backup.begin(), inc.no_backup.end(), category) != inc.no_backup.end();
}

double rpo_max_s(const IncidentReport& inc) {
  // A category with no backup configured has no RPO to speak of (everything since
  // deployment): it is said in words, not counted in the worst RPO.
  double worst = 0;
  for (const auto& [c, rpo] : inc.rpo_s)
    if (!has_no_backup(inc, c)) worst = std::max(worst, rpo);
  return worst;
}

namespace {
double num(const log::Record& r, const std::string& key, double fallback = 0) { return field_number(r, key, fallback); }
const std::string& text(const log::Record& r, const char* key) { return field_text(r, key); }

Duration secs(double s) { return Duration::micros(static_cast<int64_t>(s * 1e6 + (s >= 0 ? 0.5 : -0.5))); }
}  // namespace

std::string writes_lost_count(double expected) {
  if (!(expected > 0)) return "0";
  if (expected < 1) return "<1";
  return grouped(std::llround(expected));
}

std::string writes_count_text(double expected) {
  const std::string n = writes_lost_count(expected);
  return n + (n == "<1" || n == "1" ? " write" : " writes");
}

std::string writes_lost_text(double expected) {
  if (!(expected > 0)) return "no writes lost";
  const std::string n = writes_lost_count(expected);
  return n + (n == "<1" || n == "1" ? " write lost" : " writes lost");
}

RunReport summarize_log(const LogFile& log) {
  RunReport report;
  report.header = log.header;
  // Expected writes lost per (incident, category), from the data.loss records.
  std::map<std::pair<int, std::string>, double> expected;
  for (const log::Record& r : log.records) {
    if (r.kind() == "data.loss")
      expected[{static_cast<int>(num(r, "incident", -1)), text(r, "category")}] += num(r, "lost_writes");
  }
  for (const log::Record& r : log.records) {
    if (r.kind() == "incident.end" || r.kind() == "incident.open") {
      IncidentReport inc;
      inc.id = static_cast<int>(num(r, "incident"));
      inc.cause = r.subject();
      inc.disruption = text(r, "disruption");
      inc.start_s = num(r, "start_s");
      if (find_field(r, "restored_s") != nullptr) inc.restored_s = num(r, "restored_s");
      inc.open = r.kind() == "incident.open";
      for (const std::string& c : category_names()) {
        inc.rpo_s.emplace_back(c, num(r, "rpo_" + c + "_s"));
        inc.lost_writes.emplace_back(c, static_cast<int64_t>(num(r, "lost_writes_" + c)));
        const auto e = expected.find({inc.id, c});
        // A log without data.loss records (trimmed by hand) still reads: the rounded count.
        inc.lost_writes_expected.emplace_back(c, e != expected.end() ? e->second
                                                                     : static_cast<double>(inc.lost_writes.back().second));
      }
      inc.detect_s = num(r, "rto_detect_s");
      inc.decide_s = num(r, "rto_decide_s");
      inc.execute_s = num(r, "rto_execute_s");
      inc.clients_back_s = num(r, "rto_clients_back_s");
      inc.total_s = num(r, "rto_total_s");
      inc.cmdlet_errors = static_cast<int64_t>(num(r, "cmdlet_errors"));
      inc.admin_time_lost_s = num(r, "admin_time_lost_s");
      inc.awaiting_repair_s = num(r, "rto_awaiting_repair_s");
      inc.nobody_acted_s = num(r, "rto_nobody_acted_s");
      inc.nobody_acted_reason = text(r, "nobody_acted");
      for (const std::string& c : category_names()) {
        if (num(r, "no_backup_" + c) != 0) inc.no_backup.push_back(c);
        if (find_field(r, "stranded_" + c + "_s") == nullptr) continue;
        inc.stranded.push_back({c, num(r, "stranded_" + c + "_s"), num(r, "stranded_writes_" + c),
                                num(r, "unreachable_" + c + "_s"), num(r, "stranded_open_" + c) != 0});
      }
      inc.over_capacity_s = num(r, "over_capacity_s");
      inc.over_capacity_users_max = static_cast<int64_t>(num(r, "over_capacity_users_max"));
      report.incidents.push_back(std::move(inc));
    } else if (r.kind() == "pool.summary") {
      PoolReport p;
      p.fqdn = r.subject();
      p.users = static_cast<int64_t>(num(r, "users"));
      p.availability = num(r, "availability", 1);
      p.downtime_s = num(r, "downtime_s");
      p.resiliency_s = num(r, "resiliency_s");
      report.pools.push_back(std::move(p));
    }
  }
  std::stable_sort(report.incidents.begin(), report.incidents.end(),
                   [](const IncidentReport& a, const IncidentReport& b) { return a.id < b.id; });
  double full = 0, users = 0;
  for (const PoolReport& p : report.pools) {
    full += p.availability * static_cast<double>(p.users);
    users += static_cast<double>(p.users);
  }
  report.user_availability = users > 0 ? full / users : 1;
  return report;
}

std::string run_report_json(const RunReport& report, const scenario::Scenario* scenario) {
  const log::Header& h = report.header;
  std::vector<PolicyVerdict> verdicts;
  if (scenario != nullptr) verdicts = policy_verdicts(report, *scenario);
  JsonWriter w;
  w.begin_object();
  w.field("schema_version", kRunReportSchemaVersion);
  w.field("seed", h.seed());
  w.field("scenario_sha256", h.scenario_sha256());
  w.field("version", h.drsim_version());
  w.field("commit", h.git_commit());
  w.field("scenario", h.scenario_name());
  w.field("replication", h.replication());
  w.field("horizon_s", static_cast<double>(h.horizon_us()) / 1e6);
  w.key("overrides").begin_array();
  for (const std::string& o : h.overrides()) w.value(o);
  w.end_array();
  w.key("runbook");
  if (h.has_runbook_file()) {
    w.begin_object().field("file", h.runbook_file()).field("sha256", h.runbook_sha256()).end_object();
  } else {
    w.null();
  }
  w.field("has_policy", !verdicts.empty());
  w.key("incidents").begin_array();
  for (const IncidentReport& inc : report.incidents) {
    w.begin_object();
    w.field("id", inc.id).field("cause", inc.cause).field("disruption", inc.disruption);
    w.field("start_s", inc.start_s);
    w.key("restored_s");
    if (inc.restored_s) w.value(*inc.restored_s); else w.null();
    w.field("open", inc.open).field("user_impact", had_user_impact(inc));
    w.key("rpo_s").begin_object();
    for (const auto& [c, v] : inc.rpo_s) w.field(c, v);
    w.end_object();
    w.key("lost_writes_count").begin_object();
    for (const auto& [c, v] : inc.lost_writes) w.field(c, v);
    w.end_object();
    w.key("rto_s").begin_object();
    w.field("detect", inc.detect_s).field("decide", inc.decide_s).field("execute", inc.execute_s);
    w.field("clients_back", inc.clients_back_s).field("awaiting_repair", inc.awaiting_repair_s);
    w.field("nobody_acted", inc.nobody_acted_s).field("total", inc.total_s);
    w.end_object();
    w.key("nobody_acted_reason");
    if (inc.nobody_acted_reason.empty()) w.null(); else w.value(inc.nobody_acted_reason);
    w.key("stranded").begin_object();
    for (const IncidentReport::Stranded& st : inc.stranded) {
      w.key(st.category).begin_object();
      w.field("window_s", st.window_s).field("writes_count", st.writes).field("unreachable_s", st.unreachable_s);
      w.field("open", st.open).end_object();
    }
    w.end_object();
    w.key("no_backup").begin_array();
    for (const std::string& c : inc.no_backup) w.value(c);
    w.end_array();
    w.field("cmdlet_errors_count", inc.cmdlet_errors).field("admin_time_lost_s", inc.admin_time_lost_s);
    w.key("capacity").begin_object();
    w.field("over_capacity_s", inc.over_capacity_s).field("over_capacity_users_max", inc.over_capacity_users_max);
    w.end_object();
    w.field("rpo_max_s", rpo_max_s(inc));
    w.key("rpo_policy_max_s");
    if (scenario != nullptr) w.value(policy_rpo_max_s(inc, scenario->backup_service().enable_rgs_backup()));
    else w.null();
    // The verdicts, when the scenario sets targets.
    const PolicyVerdict* v = nullptr;
    for (const PolicyVerdict& x : verdicts) {
      if (x.incident == inc.id) v = &x;
    }
    w.key("policy");
    if (v != nullptr) {
      w.begin_object();
      w.key("rto_target_s");
      if (v->rto_target_s) w.value(*v->rto_target_s); else w.null();
      w.key("rpo_target_s");
      if (v->rpo_target_s) w.value(*v->rpo_target_s); else w.null();
      w.field("rto_verdict", v->rto_verdict).field("rpo_verdict", v->rpo_verdict);
      w.end_object();
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
  w.key("pools").begin_array();
  for (const PoolReport& p : report.pools) {
    w.begin_object();
    w.field("fqdn", p.fqdn).field("users_count", p.users).field("availability_fraction", p.availability);
    w.field("downtime_s", p.downtime_s).field("resiliency_s", p.resiliency_s);
    w.end_object();
  }
  w.end_array();
  w.key("totals").begin_object();
  w.field("user_availability_fraction", report.user_availability);
  w.field("incidents_count", static_cast<int64_t>(report.incidents.size()));
  w.end_object();
  w.end_object();
  return w.str();
}

namespace {

// The RTO line: "no user impact", or the stages in the order they happened; a recovery
// still under way at the horizon is a lower bound ("and counting").
std::string rto_text(const IncidentReport& inc) {
  if (!had_user_impact(inc)) return "  no user impact: every user kept full service\n";
  const bool back = inc.restored_s.has_value();
  const char* counting = back ? "" : " and counting";
  std::string out = "  RTO " + format_duration(secs(inc.total_s)) + counting +
                    (back ? "" : " (no full service by the horizon)") + " = detect " +
                    format_duration(secs(inc.detect_s)) + " + decide " + format_duration(secs(inc.decide_s));
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
      std::snprintf(buf, sizeof buf, "  RPO %-22s no backup configured: every change since deployment is lost "
                    "(%s in this run alone)\n", name.c_str(), writes_count_text(writes).c_str());
    } else {
      std::snprintf(buf, sizeof buf, "  RPO %-22s %12s  (%s)\n", name.c_str(),
                    format_duration(secs(inc.rpo_s[c].second)).c_str(), writes_lost_text(writes).c_str());
    }
    out += buf;
  }
  for (const IncidentReport::Stranded& st : inc.stranded) {
    const std::string made = has_no_backup(inc, st.category)
                                 ? "no backup configured: every change since deployment"
                                 : writes_count_text(st.writes) + " made in the " +
                                       format_duration(secs(st.window_s)) + " before the outage";
    std::snprintf(buf, sizeof buf, "  stranded %-22s %s, unreachable for %s%s\n", st.category.c_str(), made.c_str(),
                  format_duration(secs(st.unreachable_s)).c_str(),
                  st.open ? " and counting (not lost: its site or pool is repaired after the horizon)"
                          : " (not lost: the pool came back)");
    out += buf;
  }
  if (out.empty()) out = "  RPO 0 for every data category: nothing lost or stranded\n";
  return out;
}

}  // namespace

std::string run_report_text(const RunReport& report) {
  std::string out;
  char buf[512];
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
             " more active users than a pool's running Front Ends hold (users_per_front_end each, sfb-hadr 1.8)\n";
    }
    out += data_text(inc);
  }
  for (const PoolReport& p : report.pools) {
    std::snprintf(buf, sizeof buf, "pool %s: availability %.4f %%, per user %s without full service, %s in resiliency mode\n",
                  p.fqdn.c_str(), p.availability * 100, format_duration(secs(p.downtime_s)).c_str(),
                  format_duration(secs(p.resiliency_s)).c_str());
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "user-weighted availability %.4f %%\n", report.user_availability * 100);
  out += buf;
  return out;
}

}  // namespace drsim
