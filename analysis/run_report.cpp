// The run report from the log; see run_report.h.
#include "analysis/run_report.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "analysis/json_writer.h"
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

namespace {
double num(const log::Record& r, const std::string& key, double fallback = 0) { return field_number(r, key, fallback); }
const std::string& text(const log::Record& r, const char* key) { return field_text(r, key); }

Duration secs(double s) { return Duration::micros(static_cast<int64_t>(s * 1e6 + (s >= 0 ? 0.5 : -0.5))); }
}  // namespace

RunReport summarize_log(const LogFile& log) {
  RunReport report;
  report.header = log.header;
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
      }
      inc.detect_s = num(r, "rto_detect_s");
      inc.decide_s = num(r, "rto_decide_s");
      inc.execute_s = num(r, "rto_execute_s");
      inc.clients_back_s = num(r, "rto_clients_back_s");
      inc.total_s = num(r, "rto_total_s");
      inc.cmdlet_errors = static_cast<int64_t>(num(r, "cmdlet_errors"));
      inc.admin_time_lost_s = num(r, "admin_time_lost_s");
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

std::string run_report_json(const RunReport& report) {
  JsonWriter w;
  w.begin_object();
  w.field("seed", report.header.seed());
  w.field("scenario_sha256", report.header.scenario_sha256());
  w.field("version", report.header.drsim_version());
  w.field("commit", report.header.git_commit());
  w.field("scenario", report.header.scenario_name());
  w.field("replication", report.header.replication());
  w.field("horizon_s", static_cast<double>(report.header.horizon_us()) / 1e6);
  w.key("incidents").begin_array();
  for (const IncidentReport& inc : report.incidents) {
    w.begin_object();
    w.field("id", inc.id).field("cause", inc.cause).field("disruption", inc.disruption);
    w.field("start_s", inc.start_s);
    w.key("restored_s");
    if (inc.restored_s) w.value(*inc.restored_s); else w.null();
    w.field("open", inc.open);
    w.key("rpo_s").begin_object();
    for (const auto& [c, v] : inc.rpo_s) w.field(c, v);
    w.end_object();
    w.key("lost_writes").begin_object();
    for (const auto& [c, v] : inc.lost_writes) w.field(c, v);
    w.end_object();
    w.key("rto_s").begin_object();
    w.field("detect", inc.detect_s).field("decide", inc.decide_s).field("execute", inc.execute_s);
    w.field("clients_back", inc.clients_back_s).field("total", inc.total_s);
    w.end_object();
    w.field("cmdlet_errors", inc.cmdlet_errors).field("admin_time_lost_s", inc.admin_time_lost_s);
    w.end_object();
  }
  w.end_array();
  w.key("pools").begin_array();
  for (const PoolReport& p : report.pools) {
    w.begin_object();
    w.field("fqdn", p.fqdn).field("users", p.users).field("availability", p.availability);
    w.field("downtime_s", p.downtime_s).field("resiliency_s", p.resiliency_s);
    w.end_object();
  }
  w.end_array();
  w.key("totals").begin_object();
  w.field("user_availability", report.user_availability);
  w.field("incidents", static_cast<int64_t>(report.incidents.size()));
  w.end_object();
  w.end_object();
  return w.str();
}

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
    out += "  RTO " + format_duration(secs(inc.total_s)) + " = detect " + format_duration(secs(inc.detect_s)) +
           " + decide " + format_duration(secs(inc.decide_s)) + " + execute " +
           format_duration(secs(inc.execute_s)) + " + clients back " +
           format_duration(secs(inc.clients_back_s)) + "\n";
    if (inc.cmdlet_errors > 0) {
      std::snprintf(buf, sizeof buf, "  %" PRId64 " cmdlet(s) failed, costing the admin %s\n",
                    inc.cmdlet_errors, format_duration(secs(inc.admin_time_lost_s)).c_str());
      out += buf;
    }
    bool any = false;
    for (size_t c = 0; c < inc.rpo_s.size(); ++c) {
      if (inc.rpo_s[c].second <= 0 && inc.lost_writes[c].second == 0) continue;
      std::snprintf(buf, sizeof buf, "  RPO %-22s %12s  (%" PRId64 " writes lost)\n",
                    inc.rpo_s[c].first.c_str(), format_duration(secs(inc.rpo_s[c].second)).c_str(),
                    inc.lost_writes[c].second);
      out += buf;
      any = true;
    }
    if (!any) out += "  RPO 0 for every data category: nothing lost\n";
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
