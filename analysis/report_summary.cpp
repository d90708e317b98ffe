// The run report's opening in plain language and its per-pool outcomes; see report_tables.h.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "analysis/report_format.h"
#include "analysis/report_stats.h"
#include "analysis/report_tables.h"
#include "analysis/run_report.h"

namespace drsim {

namespace {

// How many incidents the summary tells one by one; the tables below have every one.
constexpr size_t kSummaryIncidents = 3;

std::string short_name(const std::string& fqdn) { return fqdn.substr(0, fqdn.find('.')); }

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "20,000 users of pool1 lost full service; all back after 47m 49s" per pool, joined.
std::string pools_sentence(const IncidentReport& inc) {
  std::string out;
  for (const IncidentReport::Pool& p : inc.pools) {
    if (!out.empty()) out += "; ";
    out += grouped(p.users_affected) + " users of " + short_name(p.fqdn) + " lost full service, " +
           (p.rto_s ? "all back after " + human_s(*p.rto_s)
                    : std::string("not all back by the end of the run"));
  }
  return out.empty() ? "users lost full service" : out;
}

// Where the time went, in words, by how the incident ended.
std::string stages_sentence(const IncidentReport& inc) {
  const double waiting = inc.detect_s + inc.decide_s;
  std::string out =
      "Detecting took " + human_s(inc.detect_s) + " and deciding " + human_s(inc.decide_s);
  if (inc.nobody_acted_s > 0) {
    return out + "; after that nobody acted for " + human_s(inc.nobody_acted_s) +
           (inc.nobody_acted_reason.empty() ? "" : " (" + inc.nobody_acted_reason + ")") +
           ", so service was not restored by the end of the run.";
  }
  if (inc.awaiting_repair_s > 0) {
    return out +
           (inc.execute_s > 0 ? ", the runbook ran " + human_s(inc.execute_s) : std::string()) +
           ", and service came back only when the failed components were repaired (" +
           human_s(inc.awaiting_repair_s) + " awaiting repair): no runbook action restored it.";
  }
  out += ", the runbook ran " + human_s(inc.execute_s) + " and clients took " +
         human_s(inc.clients_back_s) + " to come back";
  if (inc.total_s > 0 && waiting > inc.total_s / 2)
    out += ": more than half of the outage was spent before anyone acted";
  return out + ".";
}

// PSTN calling lost in an incident, in words; "" when none was.
std::string pstn_sentence(const IncidentReport& inc) {
  if (!lost_pstn(inc)) return "";
  int64_t out_users = 0, in_users = 0;
  for (const IncidentReport::Pstn& p : inc.pstn) {
    out_users += p.outbound_users_lost;
    in_users += p.inbound_users_lost;
  }
  auto back = [](const std::optional<double>& rto, int64_t users) {
    if (users == 0) return std::string("never lost");
    return rto ? "back after " + human_s(*rto) : std::string("not back by the end of the run");
  };
  return " PSTN calling: up to " + grouped(out_users) + " users could not call out (" +
         back(inc.pstn_outbound_rto_s, out_users) + ") and " + grouped(in_users) +
         " could not be called (" + back(inc.pstn_inbound_rto_s, in_users) + "); " +
         grouped(std::llround(inc.pstn_calls_failed)) + " calls refused or cut off, " +
         grouped(std::llround(inc.pstn_minutes_lost)) + " minutes lost.";
}

// Remote access and federation lost in an incident, in words; "" when none was.
std::string access_sentence(const IncidentReport& inc) {
  if (!lost_access(inc)) return "";
  std::string out;
  for (const IncidentReport::Access& a : inc.access) {
    std::string part = access_modality_text(a.modality);
    if (a.modality == "remote_sign_in") part += " (up to " + grouped(a.users_lost) + " users)";
    part += a.rto_s ? " back after " + human_s(*a.rto_s) : " not back by the end of the run";
    out += (out.empty() ? "" : "; ") + part;
  }
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return " Outside the network: " + out + ".";
}

// Meeting content lost in an incident, in words; "" when meetings kept it.
std::string content_sentence(const IncidentReport& inc) {
  if (!lost_content(inc)) return "";
  const IncidentReport::Content& c = *inc.content;
  return " Meetings without content or PowerPoint: up to " + grouped(c.users_lost) + " users, " +
         (c.rto_s ? "back after " + human_s(*c.rto_s) : "not back by the end of the run") + ".";
}

std::string incident_paragraph(const IncidentReport& inc) {
  std::string out = "Incident #" + std::to_string(inc.id) + " (" + inc.disruption + " " +
                    inc.cause + ", " + clock_s(duration_from_s(inc.start_s).us()) +
                    "): " + pools_sentence(inc) + ". ";
  out += stages_sentence(inc);
  out += pstn_sentence(inc);
  out += access_sentence(inc) + content_sentence(inc);
  if (inc.over_capacity_users_max > 0)
    out += " For " + human_s(inc.over_capacity_s) + " a pool carried up to " +
           grouped(inc.over_capacity_users_max) +
           " more active users than its running Front Ends hold.";
  return out;
}

// Data lost, stranded, and the categories with no backup, over every incident.
std::string data_paragraph(const RunReport& r) {
  std::string lost, stranded, no_backup;
  std::vector<std::string> no_backup_seen;
  for (const IncidentReport& inc : r.incidents) {
    for (size_t c = 0; c < inc.rpo_s.size(); ++c) {
      const std::string& cat = inc.rpo_s[c].first;
      if (has_no_backup(inc, cat)) {
        if (std::find(no_backup_seen.begin(), no_backup_seen.end(), cat) == no_backup_seen.end() &&
            (inc.lost_writes_expected[c].second > 0 || inc.rpo_s[c].second > 0))
          no_backup_seen.push_back(cat);
        continue;
      }
      if (inc.rpo_s[c].second <= 0) continue;
      lost += (lost.empty() ? "" : "; ") + category_title(cat) + " " +
              human_s(inc.rpo_s[c].second) + " (" +
              writes_count_text(inc.lost_writes_expected[c].second) + ", incident #" +
              std::to_string(inc.id) + ")";
    }
    for (const IncidentReport::Stranded& st : inc.stranded) {
      if (has_no_backup(inc, st.category)) {
        if (std::find(no_backup_seen.begin(), no_backup_seen.end(), st.category) ==
            no_backup_seen.end())
          no_backup_seen.push_back(st.category);
        continue;
      }
      stranded += (stranded.empty() ? "" : "; ") + category_title(st.category) + ": " +
                  writes_count_text(st.writes) + " unreachable for " + human_s(st.unreachable_s) +
                  (st.open ? " and still at the end" : "");
    }
  }
  for (const std::string& c : no_backup_seen)
    no_backup += (no_backup.empty() ? "" : ", ") + category_title(c);
  std::string out;
  if (!lost.empty()) out += "Data lost for good (RPO, writes lost): " + lost + ". ";
  if (!stranded.empty())
    out +=
        "Data stranded, not lost (its only copy was in a site or pool that was down and came "
        "back): " +
        stranded + ". ";
  if (!no_backup.empty())
    out += "No backup is configured for " + no_backup +
           ": every change since deployment is at risk when its pool is lost (add data_backups to "
           "measure an RPO). ";
  if (out.empty()) out = "No data was lost or stranded. ";
  out.pop_back();
  return out;
}

// The part of the RTO that took longest, for "why a target was missed": the admin's delay
// (detecting and deciding together), the runbook, the clients, the repair or nobody acting.
std::string longest_stage(const IncidentReport& inc) {
  const std::pair<const char*, double> stages[] = {
      {"waiting for the admin (detect + decide)", inc.detect_s + inc.decide_s},
      {"the runbook (execute)", inc.execute_s},
      {"clients coming back", inc.clients_back_s},
      {"awaiting repair", inc.awaiting_repair_s},
      {"nobody acting", inc.nobody_acted_s}};
  const auto* best =
      std::max_element(std::begin(stages), std::end(stages),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  return std::string(best->first) + " " + human_s(best->second);
}

std::string policy_paragraph(const ReportContent& c) {
  if (!c.has_scenario)
    return "Policy verdicts need the scenario: run drsim report with --scenario FILE.";
  if (!c.has_policy)
    return "The scenario sets no policy targets, so nothing is judged (add policy { site { rto_s: "
           "... rpo_s: ... } }).";
  const auto [judged, missed] = count_verdicts(c.verdicts);
  std::string why;
  size_t told = 0;  // missed verdicts explained so far
  for (const PolicyVerdict& v : c.verdicts) {
    told += (v.rto_verdict == "missed" ? 1 : 0) + (v.rpo_verdict == "missed" ? 1 : 0);
    const IncidentReport* inc = nullptr;
    for (const IncidentReport& i : c.report.incidents)
      if (i.id == v.incident) inc = &i;
    if (v.rto_verdict == "missed" && told <= 2 * kSummaryIncidents && inc != nullptr)
      why += " #" + std::to_string(v.incident) + " " + v.disruption + ": RTO " + human_s(v.rto_s) +
             " against " + human_s(static_cast<double>(*v.rto_target_s)) +
             "; the longest part was " + longest_stage(*inc) + ".";
    if (v.rpo_verdict == "missed" && told <= 2 * kSummaryIncidents)
      why += " #" + std::to_string(v.incident) + " " + v.disruption + ": RPO " +
             human_s(v.rpo_policy_max_s) + " in " + category_title(v.rpo_policy_max_category) +
             " against " + human_s(static_cast<double>(*v.rpo_target_s)) + ".";
  }
  if (judged == 0)
    return "No incident cost users service or lost judged data, so no policy target was put to the "
           "test.";
  std::string out =
      missed == 0
          ? "Every policy target judged was met (" + plural(judged, "verdict", "verdicts") + ")."
          : plural(missed, "policy target", "policy targets") + " of " + std::to_string(judged) +
                " judged " + (missed == 1 ? "was" : "were") + " missed." + why;
  return out + " " + c.rpo_reading + ".";
}

}  // namespace

std::vector<std::string> plain_summary(const ReportContent& c) {
  const RunReport& r = c.report;
  std::vector<std::string> out;
  size_t hurt = 0;
  for (const IncidentReport& inc : r.incidents) hurt += had_user_impact(inc) ? 1 : 0;
  if (r.incidents.empty()) {
    out.push_back("Nothing failed in this run: every user kept full service and no data was lost.");
  } else {
    out.push_back(
        plural(r.incidents.size(), "incident", "incidents") + " in " +
        human_s(static_cast<double>(c.timeline.horizon_us) / 1e6) + ": " +
        (hurt == 0 ? std::string("none cost any user full service")
                   : std::to_string(hurt) + " cost users service" +
                         (hurt < r.incidents.size()
                              ? ", " + std::to_string(r.incidents.size() - hurt) + " cost none"
                              : std::string())) +
        ". User-weighted availability over the run: " + fixed(r.user_availability * 100, 3) +
        " %.");
  }
  const std::vector<const IncidentReport*> worst = longest_incidents(r, kSummaryIncidents);
  for (const IncidentReport* inc : worst) out.push_back(incident_paragraph(*inc));
  if (hurt > worst.size())
    out.push_back(plural(hurt - worst.size(), "more incident", "more incidents") +
                  " cost users service: the tables below have every one.");
  // Incidents that left everyone inside at full service but took PSTN calling (a gateway
  // lost) or remote access and federation (an Edge or Director pool lost).
  size_t pstn_only = 0;
  for (const IncidentReport& inc : r.incidents) {
    const std::string lost = lost_beyond_service(inc, "the PSTN");
    if (had_user_impact(inc) || lost.empty()) continue;
    if (++pstn_only > kSummaryIncidents) continue;
    out.push_back("Incident #" + std::to_string(inc.id) + " (" + inc.disruption + " " + inc.cause +
                  ", " + clock_s(duration_from_s(inc.start_s).us()) +
                  "): every user kept full service, but not " + lost + "." + pstn_sentence(inc) +
                  access_sentence(inc) + content_sentence(inc));
  }
  if (pstn_only > kSummaryIncidents)
    out.push_back(plural(pstn_only - kSummaryIncidents, "more incident", "more incidents") +
                  " took only PSTN calling, remote access, federation or meeting content: "
                  "incidents.csv and "
                  "report.json have every one.");
  if (!r.incidents.empty()) out.push_back(data_paragraph(r));
  out.push_back(policy_paragraph(c));
  return out;
}

std::string tile_thresholds(const ReportContent& c) {
  std::string out =
      "Tile colours: availability green at 100 %, amber below; worst user-data RPO red when any "
      "user-data write was "
      "lost for good, green when none; incidents red when one is still open at the end";
  if (c.has_policy)
    out += "; policy targets red when one was missed, green when every judged one was met";
  return out + ". Longest RTO has no colour of its own: the policy verdicts judge it.";
}

Table incident_pools_table(const ReportContent& c) {
  Table t;
  t.head = {"Incident",           "Pool",       "Users affected",
            "Signed out",         "Voice only", "Resiliency mode",
            "RTO for these users"};
  t.note =
      "Per affected pool: its users who lost full service, the mean time each spent at each level "
      "below full, and "
      "when they all had full service again. One pool can recover while another is still down.";
  t.empty_note = "No incident cost any user service.";
  for (const IncidentReport& inc : c.report.incidents) {
    for (const IncidentReport::Pool& p : inc.pools) {
      const double users = static_cast<double>(std::max<int64_t>(p.users_affected, 1));
      t.rows.push_back(
          {{"#" + std::to_string(inc.id), inc.disruption + " " + inc.cause, "", false},
           {p.fqdn, "", "", false},
           {grouped(p.users_affected), "", "", true},
           {human_s(p.signed_out_user_s / users), "", p.signed_out_user_s > 0 ? "bad" : "", true},
           {human_s(p.voice_only_user_s / users), "", p.voice_only_user_s > 0 ? "warn" : "", true},
           {human_s(p.resiliency_user_s / users), "", "", true},
           {p.rto_s ? human_s(*p.rto_s) : "not back by the end", "", p.rto_s ? "" : "bad", true}});
    }
  }
  return t;
}

}  // namespace drsim
