// The run report's Persistent Chat table (report_tables.h): per incident and per Persistent
// Chat pool whose users lost chat or that failed over: the most users without chat, their
// user-hours, for how long, when all were back, and for a failover to the log-shipping
// secondary the chat messages lost and the compliance database left behind. Read from the
// incident.pchat records alone (run_report.h), so report.html and report.md match the JSON.
#include <cmath>

#include "analysis/report_format.h"
#include "analysis/report_tables.h"

namespace drsim {

namespace {
Cell restored_cell(const IncidentReport::PersistentChat& p) {
  if (p.rto_s) return {human_s(*p.rto_s), "", "", true};
  if (p.failback_without_s) return {"only the failback stopped chat", "", "", true};
  return {"not back by the end", "", "bad", true};
}

Cell failback_cell(const IncidentReport::PersistentChat& p) {
  if (!p.failback_without_s) return {"-", "", "", true};
  std::string text = human_s(*p.failback_without_s) + ", from " + human_s(*p.failback_start_s);
  if (!p.failback_end_s) text += ", not back by the end";
  return {text, "", p.failback_end_s ? "" : "bad", true};
}
}  // namespace

Table incident_pchat_table(const ReportContent& c) {
  Table t;
  t.head = {"Incident",        "Persistent Chat pool", "Users without chat (most)",
            "User-hours",      "Without for",          "Chat restored after",
            "Failback outage", "Messages lost",        "Compliance data"};
  if (c.report.pchat_pools.empty()) {
    t.empty_note = "Persistent Chat not deployed: the scenario has no Persistent Chat pool.";
    return t;
  }
  t.note =
      "Per Persistent Chat pool whose users lost chat in the incident: the most at once, for how "
      "long, and when every user had chat again after the loss, from the incident's start (the "
      "time "
      "to restore chat). The planned failback's outage, later, is its own column. A failover "
      "to the log-shipping secondary loses the messages posted after the last shipped log "
      "backup; the compliance database is not failed over (D-PCMAN; docs/model.md, Persistent "
      "Chat).";
  t.empty_note = "No incident cost Persistent Chat users anything.";
  for (const IncidentReport& inc : c.report.incidents) {
    for (const IncidentReport::PersistentChat& p : inc.pchat) {
      t.rows.push_back(
          {{"#" + std::to_string(inc.id), inc.disruption + " " + inc.cause, "", false},
           {p.pool, "", "", false},
           {grouped(p.users_lost), "", p.users_lost > 0 ? "bad" : "", true},
           {fixed(p.user_s / 3600, 1), "", "", true},
           {human_s(p.without_s), "", p.without_s > 0 ? "bad" : "", true},
           restored_cell(p),
           failback_cell(p),
           p.failed_over ? Cell{grouped(std::llround(p.messages_lost)), "", "bad", true}
                         : Cell{"none (no failover)", "", "", true},
           {p.failed_over ? "not failed over" : "-", "", p.failed_over ? "bad" : "", false}});
    }
  }
  return t;
}

}  // namespace drsim
