// The report's tables; see report_tables.h.
#include "analysis/report_tables.h"

#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cstdio>

#include "analysis/report_format.h"

namespace drsim {

namespace {

std::string percent(double fraction) { return fixed(fraction * 100, 3) + " %"; }

Cell duration_cell(double s) { return {human_s(s), "", "", true}; }

std::string verdict_tone(const std::string& v) {
  if (v == "met") return "good";
  if (v == "missed") return "bad";
  return v == "open" ? "warn" : "";
}

// The notes above a table of `shown` of the `eligible` incidents: what was cut, and what was
// left out as having nothing to show.
std::string table_note(size_t shown, size_t eligible, const std::string& ranked_by, size_t left_out,
                       const std::string& left_out_why) {
  std::string note;
  if (eligible > shown)
    note = "The " + std::to_string(shown) + " of " + std::to_string(eligible) +
           " incidents with the " + ranked_by + "; incidents.csv has every one.";
  if (left_out > 0)
    note += (note.empty() ? "" : " ") + std::to_string(left_out) +
            (left_out == 1 ? " incident " : " incidents ") + left_out_why + " not listed.";
  return note;
}

size_t count_if_incident(const RunReport& r, bool (*pred)(const IncidentReport&)) {
  return static_cast<size_t>(std::count_if(r.incidents.begin(), r.incidents.end(), pred));
}

Table rto_table(const ReportContent& c) {
  Table t;
  t.head = {"Incident",           "Disruption", "Cause",          "Start",
            "Full service again", "Detect",     "Decide",         "Execute",
            "Clients back",       "Total RTO",  "Failed cmdlets", "Over capacity"};
  t.empty_note = c.report.incidents.empty() ? "No incidents: nothing failed during the run."
                                            : "No incident cost users any service.";
  const std::vector<const IncidentReport*> shown = longest_incidents(c.report, kMaxTableIncidents);
  const size_t impact = count_if_incident(c.report, had_user_impact);
  t.note = table_note(shown.size(), impact, "longest RTO, longest first",
                      c.report.incidents.size() - impact, "without user impact (RTO 0) are");
  for (const IncidentReport* worst : shown) {
    const IncidentReport& inc = *worst;
    std::vector<Cell> row;
    row.push_back({"#" + std::to_string(inc.id), inc.open ? "still open at the horizon" : "",
                   inc.open ? "warn" : "", false});
    row.push_back({inc.disruption, "", "", false});
    row.push_back({inc.cause, "", "", false});
    row.push_back({clock_s(duration_from_s(inc.start_s).us()), "", "", false});
    if (inc.restored_s)
      row.push_back({clock_s(duration_from_s(*inc.restored_s).us()), "", "", false});
    else
      row.push_back(
          {"not by the horizon", "", "bad", false});  // the table lists incidents with user impact
    for (double s : {inc.detect_s, inc.decide_s, inc.execute_s, inc.clients_back_s})
      row.push_back(duration_cell(s));
    row.push_back({human_s(inc.total_s), "", "", true});
    row.push_back({std::to_string(inc.cmdlet_errors),
                   inc.cmdlet_errors > 0 ? human_s(inc.admin_time_lost_s) + " lost" : "",
                   inc.cmdlet_errors > 0 ? "warn" : "", true});
    // sfb-hadr 1.8: users above what the running Front Ends hold, and for how long.
    if (inc.over_capacity_users_max > 0)
      row.push_back({grouped(inc.over_capacity_users_max) + " users",
                     "for " + human_s(inc.over_capacity_s), "warn", true});
    else
      row.push_back({"none", "", "", true});
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table rpo_table(const ReportContent& c) {
  Table t;
  t.head = {"Incident"};
  for (const std::string& cat : category_names()) t.head.push_back(category_title(cat));
  t.empty_note =
      c.report.incidents.empty() ? "No incidents: no data lost." : "No incident lost data.";
  const std::vector<const IncidentReport*> shown =
      worst_rpo_incidents(c.report, kMaxTableIncidents, c.rgs_replicated);
  const size_t losing = count_if_incident(c.report, lost_data);
  t.note = table_note(shown.size(), losing,
                      "worst RPO, worst first (the replicated data the policy judges, then any)",
                      c.report.incidents.size() - losing, "that lost no data are");
  for (const IncidentReport* worst : shown) {
    const IncidentReport& inc = *worst;
    std::vector<Cell> row;
    row.push_back({"#" + std::to_string(inc.id), inc.disruption + " " + inc.cause, "", false});
    for (size_t i = 0; i < inc.rpo_s.size(); ++i) {
      const double rpo = inc.rpo_s[i].second;
      const double lost = inc.lost_writes_expected[i].second;
      if (rpo <= 0 && lost <= 0) {
        row.push_back({"0", "nothing lost", "good", true});
        continue;
      }
      row.push_back({human_s(rpo), writes_lost_text(lost), lost >= 1 ? "bad" : "warn", true});
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table policy_table(const ReportContent& c) {
  Table t;
  t.head = {"Incident",   "Disruption",  "RTO",
            "RTO target", "RTO verdict", "Worst RPO (replicated data)",
            "RPO target", "RPO verdict"};
  if (!c.has_scenario) {
    t.empty_note = "Policy verdicts need the scenario: run drsim report with --scenario FILE.";
  } else if (!c.has_policy) {
    t.empty_note =
        "The scenario sets no policy targets (policy { site { rto_s: ... rpo_s: ... } }).";
  } else {
    t.empty_note = "No incidents to judge.";
  }
  // The verdicts of the incidents the other tables show, and every missed one besides.
  std::vector<int> shown;
  for (const IncidentReport* inc : longest_incidents(c.report, kMaxTableIncidents))
    shown.push_back(inc->id);
  for (const IncidentReport* inc :
       worst_rpo_incidents(c.report, kMaxTableIncidents, c.rgs_replicated))
    shown.push_back(inc->id);
  size_t left_out = 0;
  for (const PolicyVerdict& v : c.verdicts) {
    const bool missed = v.rto_verdict == "missed" || v.rpo_verdict == "missed";
    if (!missed && std::find(shown.begin(), shown.end(), v.incident) == shown.end()) {
      ++left_out;
      continue;
    }
    std::vector<Cell> row;
    row.push_back({"#" + std::to_string(v.incident), "", "", false});
    row.push_back({v.disruption, "", "", false});
    row.push_back(duration_cell(v.rto_s));
    row.push_back(
        {v.rto_target_s ? human_s(static_cast<double>(*v.rto_target_s)) : "none", "", "", true});
    row.push_back({v.rto_verdict, "", verdict_tone(v.rto_verdict), false});
    row.push_back(
        {human_s(v.rpo_policy_max_s),
         v.rpo_policy_max_category.empty() ? "" : category_title(v.rpo_policy_max_category), "",
         true});
    row.push_back(
        {v.rpo_target_s ? human_s(static_cast<double>(*v.rpo_target_s)) : "none", "", "", true});
    row.push_back({v.rpo_verdict, "", verdict_tone(v.rpo_verdict), false});
    t.rows.push_back(std::move(row));
  }
  if (left_out > 0)
    t.note = std::to_string(left_out) +
             " verdicts of incidents not shown above were met (or had no target) and are "
             "left out; incidents.csv has every one.";
  if (!c.rpo_reading.empty()) {
    std::string reading = c.rpo_reading;
    reading[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(reading[0])));
    t.note = reading +
             ". Incidents that cost no user service and lost no judged data are not judged (\"" +
             kNoUserImpact + "\")." + (t.note.empty() ? "" : " " + t.note);
  }
  return t;
}

Table pools_table(const ReportContent& c) {
  Table t;
  t.head = {"Pool",
            "Site",
            "Paired with",
            "Users",
            "Availability",
            "Without full service",
            "Resiliency mode",
            "Voice only",
            "Signed out"};
  t.empty_note = "The log has no pool summaries.";
  if (c.report.access_modelled)
    t.note =
        "These are the Front End pools' service to all their users; remote users' sign-in "
        "through Edge and Director is counted apart, in the remote access table.";
  for (const PoolReport& p : c.report.pools) {
    const TopologyPool* tp = find_pool(c.topology, p.fqdn);
    std::array<double, 4> level{};
    for (const PoolLevelTime& l : c.level_times) {
      if (l.pool == p.fqdn) level = l.per_user_s;
    }
    std::vector<Cell> row;
    row.push_back({p.fqdn, "", "", false});
    row.push_back({tp != nullptr ? tp->site : "", "", "", false});
    row.push_back({tp != nullptr ? tp->backup_pool : "", "", "", false});
    row.push_back({grouped(p.users), "", "", true});
    row.push_back({percent(p.availability), "", p.availability < 1 ? "warn" : "good", true});
    row.push_back({human_s(p.downtime_s), "per user", "", true});
    for (size_t l = 1; l < level.size(); ++l) row.push_back(duration_cell(level[l]));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table files_table(const ReportContent& c) {
  Table t;
  t.head = {"File", "What it holds"};
  auto add = [&](const std::string& name, const std::string& what) {
    t.rows.push_back({{name, "", "", false}, {what, "", "", false}});
  };
  add("report.html", "this report, standalone");
  add("report.md", "this report as Markdown, with the charts as .svg files");
  add("topology.svg, timeline.svg", "the charts");
  for (const auto& [id, svg] : c.incident_svgs)
    add(incident_chart_name(id), "incident #" + std::to_string(id) + " in detail");
  add("incidents.csv",
      "one row per incident: RTO stages, RPO and lost writes per data category, verdicts");
  add("service_levels.csv", "one row per routing group per interval at a service level");
  add("pools.csv", "one row per pool: availability and time at each service level");
  add("trace.json", "Chrome trace events: open in ui.perfetto.dev or chrome://tracing");
  add("report.json", "the run report as JSON (docs/report-schema.md)");
  return t;
}

}  // namespace

ReportTables report_tables(const ReportContent& c) {
  ReportTables t;
  const log::Header& h = c.header;
  t.stamp.push_back({"Scenario", h.scenario_name()});
  if (!c.description.empty()) t.stamp.push_back({"Description", c.description});
  std::string sets;
  for (const std::string& o : h.overrides()) sets += (sets.empty() ? "--set " : " --set ") + o;
  t.stamp.push_back({"Overrides", sets.empty() ? "none" : sets});
  if (h.has_runbook_file())
    t.stamp.push_back(
        {"Runbook rehearsed", h.runbook_file() + " (SHA-256 " + h.runbook_sha256() + ")"});
  char buf[64];
  std::snprintf(buf, sizeof buf, "%" PRIu64, h.seed());
  t.stamp.push_back({"Seed", buf});
  std::snprintf(buf, sizeof buf, "%" PRIu64, h.replication());
  t.stamp.push_back({"Replication", buf});
  t.stamp.push_back({"Scenario SHA-256", h.scenario_sha256()});
  t.stamp.push_back({"drsim version", h.drsim_version()});
  t.stamp.push_back({"Commit", h.git_commit()});
  t.stamp.push_back({"Horizon", human_s(static_cast<double>(c.timeline.horizon_us) / 1e6) +
                                    " (to " + clock_s(c.timeline.horizon_us) + ")"});
  t.stamp.push_back({"Topology from", c.topology.from_scenario
                                          ? "the scenario file"
                                          : "the event log (partial: pass --scenario)"});

  const RunReport& r = c.report;
  const auto open = std::count_if(r.incidents.begin(), r.incidents.end(),
                                  [](const IncidentReport& i) { return i.open; });
  t.headlines.push_back(
      {"Incidents", std::to_string(r.incidents.size()),
       open > 0 ? std::to_string(open) + " still open at the horizon" : "all closed",
       open > 0 ? "bad" : ""});
  t.headlines.push_back({"User-weighted availability", percent(r.user_availability),
                         "full service, over the horizon",
                         r.user_availability < 1 ? "warn" : "good"});
  const IncidentReport* worst = nullptr;
  const IncidentReport* worst_rpo = nullptr;
  for (const IncidentReport& inc : r.incidents) {
    if (worst == nullptr || inc.total_s > worst->total_s) worst = &inc;
    if (worst_rpo == nullptr || inc.rpo_s[0].second > worst_rpo->rpo_s[0].second) worst_rpo = &inc;
  }
  if (worst != nullptr) {
    t.headlines.push_back(
        {"Longest RTO", human_s(worst->total_s),
         "#" + std::to_string(worst->id) + " " + worst->disruption + " " + worst->cause, ""});
    t.headlines.push_back({"Worst user-data RPO", human_s(worst_rpo->rpo_s[0].second),
                           writes_lost_text(worst_rpo->lost_writes_expected[0].second),
                           worst_rpo->lost_writes_expected[0].second > 0 ? "bad" : "good"});
  }
  if (c.has_policy) {
    const auto [judged, missed] = count_verdicts(c.verdicts);
    t.headlines.push_back({"Policy targets",
                           missed > 0 ? std::to_string(missed) + " missed" : "all met",
                           std::to_string(judged) + " verdicts", missed > 0 ? "bad" : "good"});
  }
  if (const size_t n = no_impact_count(r); n > 0) {
    t.no_impact = std::to_string(n) + (n == 1 ? " incident" : " incidents") +
                  " with no user impact and no data lost (" + no_impact_summary(r) +
                  ") have no chart and no table row; incidents.csv lists every incident.";
  }
  t.summary = plain_summary(c);
  t.thresholds = tile_thresholds(c);
  t.incident_pools = incident_pools_table(c);
  t.pstn = incident_pstn_table(c);
  t.access = incident_access_table(c);
  t.content = incident_content_table(c);
  t.pchat = incident_pchat_table(c);
  t.branches = incident_branch_table(c);
  t.rto = rto_table(c);
  t.rpo = rpo_table(c);
  t.policy = policy_table(c);
  t.pools = pools_table(c);
  t.files = files_table(c);
  return t;
}

}  // namespace drsim
