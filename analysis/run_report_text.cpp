// The run report's writers: JSON for programs, text for people; see run_report_text.h.
#include "analysis/run_report_text.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/json_writer.h"
#include "analysis/report_format.h"
#include "analysis/report_stats.h"
#include "sim/time.h"

namespace drsim {

namespace {
Duration secs(double s) { return Duration::micros(static_cast<int64_t>(s * 1e6 + (s >= 0 ? 0.5 : -0.5))); }
}  // namespace

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
