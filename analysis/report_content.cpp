// The run report's meeting-content table (report_tables.h): per incident that touched
// conferencing with content, how many users met without content or PowerPoint, for how long
// and when it came back, and the content lost to DFS replication lag or at risk since the last
// file-store backup. Read from the incident.access records for conferencing_content alone
// (run_report.h), so report.html and report.md match the JSON.
#include <cmath>

#include "analysis/report_format.h"
#include "analysis/report_tables.h"

namespace drsim {

Table incident_content_table(const ReportContent& c) {
  Table t;
  t.head = {"Incident",   "Users without content (most)", "User-hours",      "Impaired for",
            "Back after", "Content lost (writes)",        "At risk (writes)"};
  if (!c.report.content_modelled) {
    t.empty_note = "Conferencing with content not modelled: the scenario has no file store.";
    return t;
  }
  t.note =
      "Meetings need their serving pool's file store for content and its Office Web Apps farm "
      "for PowerPoint (docs/model.md, conferencing with content). Content lost: written to a "
      "DFS member within the replication lag before it stopped (also counted under conference "
      "content in the data-loss table). At risk: written since the last file-store backup to a "
      "store left with no server running; it is back with the store's disks.";
  t.empty_note = "No incident cost meetings their content.";
  for (const IncidentReport& inc : c.report.incidents) {
    if (!inc.content) continue;
    const IncidentReport::Content& ct = *inc.content;
    const bool impaired = !ct.kept;
    const Cell back = !impaired  ? cell("kept throughout", "", "good", true)
                      : ct.rto_s ? cell(human_s(*ct.rto_s), "", "", true)
                                 : cell("not back by the end", "", "bad", true);
    t.rows.push_back(
        {cell("#" + std::to_string(inc.id), inc.disruption + " " + inc.cause),
         cell(grouped(ct.users_lost), "", ct.users_lost > 0 ? "bad" : "", true),
         cell(fixed(ct.user_s / 3600, 1), "", "", true),
         cell(human_s(ct.impaired_s), "", ct.impaired_s > 0 ? "bad" : "", true), back,
         cell(grouped(std::llround(ct.lost_writes)), "", ct.lost_writes > 0 ? "bad" : "", true),
         cell(grouped(std::llround(ct.at_risk_writes)), "", ct.at_risk_writes > 0 ? "warn" : "",
              true)});
  }
  return t;
}

}  // namespace drsim
