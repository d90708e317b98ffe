// The run report as JSON (run_report_json, declared in run_report_text.h; docs/report-schema.md):
// the same figures as the text, for programs.
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/json_writer.h"
#include "analysis/report_format.h"
#include "analysis/report_stats.h"
#include "analysis/run_report_text.h"

namespace drsim {

namespace {

void optional_field(JsonWriter& w, const char* key, const std::optional<double>& v) {
  w.key(key);
  if (v)
    w.value(*v);
  else
    w.null();
}

// An incident's remote-access and federation figures (only when the scenario has Edge pools):
// every deployed modality, with null figures where it was not impaired.
void access_json(JsonWriter& w, const RunReport& report, const IncidentReport& inc) {
  w.key("access").begin_object();
  for (const std::string& m : report.access_deployed) {
    const IncidentReport::Access* a = nullptr;
    for (const IncidentReport::Access& x : inc.access)
      if (x.modality == m) a = &x;
    w.key(m).begin_object();
    w.field("impaired_s", a != nullptr ? a->impaired_s : 0.0);
    w.key("rto_s");
    if (a != nullptr && a->rto_s)
      w.value(*a->rto_s);
    else
      w.null();
    w.field("restored", a == nullptr || a->rto_s.has_value());
    if (m == "remote_sign_in")
      w.field("users_lost_count", a != nullptr ? a->users_lost : int64_t{0})
          .field("user_s", a != nullptr ? a->user_s : 0.0);
    w.end_object();
  }
  w.end_object();
}

// An incident's meeting-content figures (only when the scenario has file stores): zeros and a
// null RTO mean it was not impaired; lost and at-risk content in writes.
void content_json(JsonWriter& w, const IncidentReport& inc) {
  const IncidentReport::Content none{};
  const IncidentReport::Content& c = inc.content ? *inc.content : none;
  const bool impaired = inc.content && !c.kept;
  w.key("content").begin_object();
  w.field("impaired", impaired).field("impaired_s", c.impaired_s);
  w.key("rto_s");
  if (impaired && c.rto_s)
    w.value(*c.rto_s);
  else
    w.null();
  w.field("restored", !impaired || c.rto_s.has_value());
  w.field("users_lost_count", c.users_lost).field("user_s", c.user_s);
  w.field("lost_writes_count", c.lost_writes).field("at_risk_writes_count", c.at_risk_writes);
  w.end_object();
}

// An incident's Persistent Chat figures (only when the scenario has Persistent Chat pools):
// every pool, with zero figures where its users kept chat throughout.
void pchat_json(JsonWriter& w, const RunReport& report, const IncidentReport& inc) {
  w.key("persistent_chat").begin_object();
  for (const std::string& pool : report.pchat_pools) {
    const IncidentReport::PersistentChat* c = nullptr;
    for (const IncidentReport::PersistentChat& x : inc.pchat)
      if (x.pool == pool) c = &x;
    w.key(pool).begin_object();
    w.field("without_s", c != nullptr ? c->without_s : 0.0)
        .field("users_lost_count", c != nullptr ? c->users_lost : int64_t{0})
        .field("user_s", c != nullptr ? c->user_s : 0.0);
    w.key("rto_s");
    if (c != nullptr && c->rto_s)
      w.value(*c->rto_s);
    else
      w.null();
    w.field("restored", c == nullptr || c->back);
    // The planned failback's outage, apart from the time to restore chat (rto_s).
    w.key("failback");
    if (c != nullptr && c->failback_without_s) {
      w.begin_object().field("without_s", *c->failback_without_s);
      w.field("start_s", *c->failback_start_s).key("end_s");
      if (c->failback_end_s)
        w.value(*c->failback_end_s);
      else
        w.null();
      w.end_object();
    } else {
      w.null();
    }
    w.field("failed_over", c != nullptr && c->failed_over);
    w.key("messages_lost_count");
    if (c != nullptr && c->failed_over)
      w.value(c->messages_lost);
    else
      w.null();
    w.key("loss_window_s");
    if (c != nullptr && c->failed_over)
      w.value(c->loss_window_s);
    else
      w.null();
    // D-PCMAN: the compliance database (mgccomp) is not failed over.
    w.field("compliance_failed_over", false);
    w.end_object();
  }
  w.end_object();
}

// An incident's PSTN figures (only when the scenario models the PSTN): totals, then per pool.
void pstn_json(JsonWriter& w, const IncidentReport& inc) {
  w.key("pstn").begin_object();
  w.field("calls_failed_count", inc.pstn_calls_failed)
      .field("calls_rerouted_count", inc.pstn_calls_rerouted);
  w.field("minutes_lost", inc.pstn_minutes_lost);
  optional_field(w, "outbound_rto_s", inc.pstn_outbound_rto_s);
  optional_field(w, "inbound_rto_s", inc.pstn_inbound_rto_s);
  w.key("pools").begin_array();
  for (const IncidentReport::Pstn& p : inc.pstn) {
    w.begin_object().field("fqdn", p.pool);
    w.field("outbound_users_lost_count", p.outbound_users_lost)
        .field("inbound_users_lost_count", p.inbound_users_lost);
    w.field("colleagues_only_users_count", p.colleagues_only_users);
    w.field("outbound_user_s", p.outbound_user_s).field("inbound_user_s", p.inbound_user_s);
    w.field("calls_failed_count", p.calls_failed).field("calls_rerouted_count", p.calls_rerouted);
    w.field("minutes_lost", p.minutes_lost);
    optional_field(w, "outbound_rto_s", p.outbound_rto_s);
    optional_field(w, "inbound_rto_s", p.inbound_rto_s);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// Per branch appliance whose users the incident touched (only when some were).
void branches_json(JsonWriter& w, const IncidentReport& inc) {
  w.key("branches").begin_array();
  for (const IncidentReport::Branch& b : inc.branches) {
    w.begin_object().field("appliance", b.appliance).field("branch", b.branch);
    w.field("users_count", b.users);
    w.field("voice_only_s", b.voice_only_s).field("resiliency_s", b.resiliency_s);
    w.field("signed_out_s", b.signed_out_s).field("on_backup_s", b.on_backup_s);
    w.field("pstn_outbound_lost_s", b.pstn_outbound_lost_s)
        .field("pstn_inbound_lost_s", b.pstn_inbound_lost_s);
    w.field("pstn_calls_failed", b.pstn_calls_failed)
        .field("pstn_minutes_lost", b.pstn_minutes_lost);
    optional_field(w, "pstn_outbound_rto_s", b.pstn_outbound_rto_s);
    optional_field(w, "pstn_inbound_rto_s", b.pstn_inbound_rto_s);
    optional_field(w, "rto_s", b.rto_s);
    w.end_object();
  }
  w.end_array();
}

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
    w.begin_object()
        .field("file", h.runbook_file())
        .field("sha256", h.runbook_sha256())
        .end_object();
  } else {
    w.null();
  }
  w.field("has_policy", !verdicts.empty());
  w.key("stranded_counts_as_lost");
  if (scenario != nullptr)
    w.value(scenario->policy().assume_sites_never_return());
  else
    w.null();
  w.field("pstn_modelled", report.pstn_modelled);
  w.field("access_modelled", report.access_modelled);
  w.key("access_deployed").begin_array();
  for (const std::string& m : report.access_deployed) w.value(m);
  w.end_array();
  w.field("content_modelled", report.content_modelled);
  w.key("persistent_chat_pools").begin_array();
  for (const std::string& p : report.pchat_pools) w.value(p);
  w.end_array();
  w.key("incidents").begin_array();
  for (const IncidentReport& inc : report.incidents) {
    w.begin_object();
    w.field("id", inc.id).field("cause", inc.cause).field("disruption", inc.disruption);
    w.field("start_s", inc.start_s);
    w.key("restored_s");
    if (inc.restored_s)
      w.value(*inc.restored_s);
    else
      w.null();
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
    if (inc.nobody_acted_reason.empty())
      w.null();
    else
      w.value(inc.nobody_acted_reason);
    w.key("stranded").begin_object();
    for (const IncidentReport::Stranded& st : inc.stranded) {
      w.key(st.category).begin_object();
      w.field("window_s", st.window_s)
          .field("writes_count", st.writes)
          .field("unreachable_s", st.unreachable_s);
      w.field("open", st.open).end_object();
    }
    w.end_object();
    w.key("no_backup").begin_array();
    for (const std::string& c : inc.no_backup) w.value(c);
    w.end_array();
    w.field("cmdlet_errors_count", inc.cmdlet_errors)
        .field("admin_time_lost_s", inc.admin_time_lost_s);
    w.key("capacity").begin_object();
    w.field("over_capacity_s", inc.over_capacity_s)
        .field("over_capacity_users_max", inc.over_capacity_users_max);
    w.end_object();
    w.key("pools").begin_array();
    for (const IncidentReport::Pool& p : inc.pools) {
      w.begin_object().field("fqdn", p.fqdn).field("users_affected_count", p.users_affected);
      w.field("resiliency_user_s", p.resiliency_user_s)
          .field("voice_only_user_s", p.voice_only_user_s);
      w.field("signed_out_user_s", p.signed_out_user_s).key("rto_s");
      if (p.rto_s)
        w.value(*p.rto_s);
      else
        w.null();
      w.end_object();
    }
    w.end_array();
    if (report.pstn_modelled) pstn_json(w, inc);
    if (report.access_modelled) access_json(w, report, inc);
    if (report.content_modelled) content_json(w, inc);
    if (!report.pchat_pools.empty()) pchat_json(w, report, inc);
    if (!inc.branches.empty()) branches_json(w, inc);
    w.field("rpo_max_s", rpo_max_s(inc));
    w.key("rpo_policy_max_s");
    if (scenario != nullptr)
      w.value(policy_rpo_max_s(inc, scenario->backup_service().enable_rgs_backup(), nullptr,
                               scenario->policy().assume_sites_never_return()));
    else
      w.null();
    // The verdicts, when the scenario sets targets.
    const PolicyVerdict* v = nullptr;
    for (const PolicyVerdict& x : verdicts) {
      if (x.incident == inc.id) v = &x;
    }
    w.key("policy");
    if (v != nullptr) {
      w.begin_object();
      w.key("rto_target_s");
      if (v->rto_target_s)
        w.value(*v->rto_target_s);
      else
        w.null();
      w.key("rpo_target_s");
      if (v->rpo_target_s)
        w.value(*v->rpo_target_s);
      else
        w.null();
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
    w.field("fqdn", p.fqdn)
        .field("users_count", p.users)
        .field("availability_fraction", p.availability);
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

}  // namespace drsim
