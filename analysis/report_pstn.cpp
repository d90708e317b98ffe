// The run report's PSTN table (report_tables.h): per incident and per pool whose users lost
// some PSTN calling, how many could still place and receive PSTN calls at the worst moment,
// the calls refused or cut off, the PSTN minutes lost and when calling came back. Read from
// the incident.pstn records alone (run_report.h), so report.html and report.md match the JSON.
#include <algorithm>
#include <cmath>

#include "analysis/report_format.h"
#include "analysis/report_tables.h"

namespace drsim {

namespace {
// An expected count of calls for people: "<1" for a fraction of a call, never a bare 0 beside
// a loss, and whole calls from one up.
std::string calls_text(double expected) {
  if (expected <= 0) return "0";
  if (expected < 0.5) return "<1";
  return grouped(std::llround(expected));
}

std::string minutes_text(double minutes) {
  if (minutes <= 0) return "0";
  if (minutes < 0.05) return "<0.1";
  return minutes < 100 ? fixed(minutes, 1) : grouped(std::llround(minutes));
}

// A direction's RTO: "-" when it was not lost, "not back by the end" when it did not return.
Cell rto_cell(int64_t users_lost, const std::optional<double>& rto_s) {
  if (users_lost == 0) return {"-", "", "", true};
  if (!rto_s) return {"not back by the end", "", "bad", true};
  return {human_s(*rto_s), "", "", true};
}
}  // namespace

Table incident_pstn_table(const ReportContent& c) {
  Table t;
  t.head = {"Incident",
            "Pool",
            "Users",
            "Able to call out",
            "Able to receive",
            "Colleagues only",
            "Calls refused or cut off",
            "Calls moved by the timer",
            "PSTN minutes lost",
            "Outbound PSTN back after",
            "Inbound PSTN back after"};
  if (!c.report.pstn_modelled) {
    t.empty_note = "PSTN not modelled: the scenario has no PSTN gateway.";
    return t;
  }
  t.note =
      "Per pool whose users lost some PSTN calling: how many could still place and receive PSTN "
      "calls at the worst moment, how many could call colleagues but not the PSTN, the expected "
      "calls refused or cut off (from the call rates per user), the PSTN minutes lost (those "
      "calls x the mean call duration) and when every user could place (receive) PSTN calls "
      "again, from the incident's start.";
  t.empty_note = "No incident cost any user PSTN calling.";
  for (const IncidentReport& inc : c.report.incidents) {
    for (const IncidentReport::Pstn& p : inc.pstn) {
      const auto pool = std::find_if(c.report.pools.begin(), c.report.pools.end(),
                                     [&](const PoolReport& r) { return r.fqdn == p.pool; });
      const bool known = pool != c.report.pools.end();
      const int64_t users = known ? pool->users : 0;
      auto able = [&](int64_t lost) -> Cell {
        if (!known) return {"unknown", grouped(lost) + " could not", "", true};
        return {grouped(users - lost), "", lost > 0 ? "bad" : "", true};
      };
      t.rows.push_back(
          {{"#" + std::to_string(inc.id), inc.disruption + " " + inc.cause, "", false},
           {p.pool, "", "", false},
           {known ? grouped(users) : "unknown", "", "", true},
           able(p.outbound_users_lost),
           able(p.inbound_users_lost),
           {grouped(p.colleagues_only_users), "", p.colleagues_only_users > 0 ? "warn" : "", true},
           {calls_text(p.calls_failed), "", p.calls_failed > 0 ? "bad" : "", true},
           {calls_text(p.calls_rerouted), "", "", true},
           {minutes_text(p.minutes_lost), "", "", true},
           rto_cell(p.outbound_users_lost, p.outbound_rto_s),
           rto_cell(p.inbound_users_lost, p.inbound_rto_s)});
    }
  }
  return t;
}

Table incident_branch_table(const ReportContent& c) {
  Table t;
  t.head = {"Incident",
            "Branch",
            "Appliance",
            "Users",
            "On the appliance (branch feature set)",
            "Signed out",
            "On the backup Registrar",
            "Resiliency mode",
            "Unable to call the PSTN",
            "Unable to be called",
            "PSTN minutes lost",
            "RTO"};
  t.note =
      "Per branch appliance whose users lost full service or PSTN calling, the mean time per "
      "user: on the appliance with the branch feature set (a WAN loss: PSTN, enterprise calls "
      "and two-party IM kept, no administrator action), signed out until the backup Registrar "
      "took them (an appliance loss), on the central backup Registrar, in resiliency mode (the "
      "central pool down: no DR for branch users), unable to place or receive PSTN calls; the "
      "PSTN minutes lost (calls refused or cut off, at the call demand of the scenario's "
      "parameters and the backup pool's active share); and when they all had full service and "
      "PSTN calling again.";
  t.empty_note = "No incident touched a branch office.";
  for (const IncidentReport& inc : c.report.incidents)
    for (const IncidentReport::Branch& b : inc.branches) {
      auto time = [](double s, const char* tone) -> Cell {
        return {s > 0 ? human_s(s) : "-", "", s > 0 ? tone : "", true};
      };
      t.rows.push_back(
          {{"#" + std::to_string(inc.id), inc.disruption + " " + inc.cause, "", false},
           {b.branch, "", "", false},
           {b.appliance, "", "", false},
           {grouped(b.users), "", "", true},
           time(b.voice_only_s, "warn"),
           time(b.signed_out_s, "bad"),
           time(b.on_backup_s, ""),
           time(b.resiliency_s, "warn"),
           time(b.pstn_outbound_lost_s, "bad"),
           time(b.pstn_inbound_lost_s, "bad"),
           {minutes_text(b.pstn_minutes_lost), "", "", true},
           {b.rto_s ? human_s(*b.rto_s) : "not back by the end", "", b.rto_s ? "" : "bad", true}});
    }
  return t;
}

}  // namespace drsim
