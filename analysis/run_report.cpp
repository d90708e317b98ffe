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
#include "log/record_schema.h"
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

double rpo_max_s(const IncidentReport& inc) {
  double worst = 0;
  for (const auto& [c, rpo] : inc.rpo_s) worst = std::max(worst, rpo);
  return worst;
}

namespace {
Duration secs(double s) { return Duration::micros(static_cast<int64_t>(s * 1e6 + (s >= 0 ? 0.5 : -0.5))); }
}  // namespace

std::string writes_lost_count(double expected) {
  if (!(expected > 0)) return "0";
  if (expected < 1) return "<1";
  return grouped(std::llround(expected));
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
    if (rec::data_loss::kind.is(r))
      expected[{static_cast<int>(rec::get(r, rec::data_loss::incident, -1)), rec::get(r, rec::data_loss::category)}] +=
          rec::get(r, rec::data_loss::lost_writes);
  }
  namespace closing = rec::incident_end;  // incident.open carries the same keys
  for (const log::Record& r : log.records) {
    if (closing::kind.is(r) || rec::incident_open::kind.is(r)) {
      IncidentReport inc;
      inc.id = static_cast<int>(rec::get(r, closing::incident));
      inc.cause = r.subject();
      inc.disruption = rec::get(r, closing::disruption);
      inc.start_s = rec::get(r, closing::start_s);
      if (rec::has(r, closing::restored_s)) inc.restored_s = rec::get(r, closing::restored_s);
      inc.open = rec::incident_open::kind.is(r);
      for (size_t k = 0; k < category_names().size(); ++k) {
        const std::string& c = category_names()[k];
        inc.rpo_s.emplace_back(c, rec::get(r, rec::kIncidentRpoKeys[k]));
        inc.lost_writes.emplace_back(c, rec::get(r, rec::kIncidentLostWritesKeys[k]));
        const auto e = expected.find({inc.id, c});
        // A log without data.loss records (trimmed by hand) still reads: the rounded count.
        inc.lost_writes_expected.emplace_back(c, e != expected.end() ? e->second
                                                                     : static_cast<double>(inc.lost_writes.back().second));
      }
      inc.detect_s = rec::get(r, closing::rto_detect_s);
      inc.decide_s = rec::get(r, closing::rto_decide_s);
      inc.execute_s = rec::get(r, closing::rto_execute_s);
      inc.clients_back_s = rec::get(r, closing::rto_clients_back_s);
      inc.total_s = rec::get(r, closing::rto_total_s);
      inc.cmdlet_errors = rec::get(r, closing::cmdlet_errors);
      inc.admin_time_lost_s = rec::get(r, closing::admin_time_lost_s);
      report.incidents.push_back(std::move(inc));
    } else if (rec::pool_summary::kind.is(r)) {
      PoolReport p;
      p.fqdn = r.subject();
      p.users = rec::get(r, rec::pool_summary::users);
      p.availability = rec::get(r, rec::pool_summary::availability, 1.0);
      p.downtime_s = rec::get(r, rec::pool_summary::downtime_s);
      p.resiliency_s = rec::get(r, rec::pool_summary::resiliency_s);
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
    w.field("clients_back", inc.clients_back_s).field("total", inc.total_s);
    w.end_object();
    w.field("cmdlet_errors_count", inc.cmdlet_errors).field("admin_time_lost_s", inc.admin_time_lost_s);
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
    // Users still without full service at the horizon: the RTO is a lower bound, its last
    // stage not over.
    const char* counting = inc.restored_s ? "" : " and counting";
    out += "  RTO " + format_duration(secs(inc.total_s)) + counting +
           (inc.restored_s ? "" : " (no full service by the horizon)") + " = detect " +
           format_duration(secs(inc.detect_s)) + " + decide " + format_duration(secs(inc.decide_s)) +
           " + execute " + format_duration(secs(inc.execute_s)) + " + clients back " +
           format_duration(secs(inc.clients_back_s)) + counting + "\n";
    if (inc.cmdlet_errors > 0) {
      std::snprintf(buf, sizeof buf, "  %" PRId64 " cmdlet(s) failed, costing the admin %s\n",
                    inc.cmdlet_errors, format_duration(secs(inc.admin_time_lost_s)).c_str());
      out += buf;
    }
    bool any = false;
    for (size_t c = 0; c < inc.rpo_s.size(); ++c) {
      if (inc.rpo_s[c].second <= 0 && inc.lost_writes[c].second == 0) continue;
      std::snprintf(buf, sizeof buf, "  RPO %-22s %12s  (%s)\n", inc.rpo_s[c].first.c_str(),
                    format_duration(secs(inc.rpo_s[c].second)).c_str(),
                    writes_lost_text(inc.lost_writes_expected[c].second).c_str());
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
