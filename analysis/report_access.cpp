// The run report's remote-access and federation table (report_tables.h): per incident and per
// modality users outside or federated partners lost (remote sign-in, outbound and inbound
// federation, XMPP), for how long and when it came back; remote sign-in also with the most
// remote users cut off and their user-hours. Read from the incident.access records alone
// (run_report.h), so report.html and report.md match the JSON.
#include <algorithm>
#include <cmath>

#include "analysis/report_format.h"
#include "analysis/report_tables.h"

namespace drsim {

Table incident_access_table(const ReportContent& c) {
  Table t;
  t.head = {"Incident",   "Modality",     "Remote users cut off (most)",
            "User-hours", "Impaired for", "Back after"};
  if (!c.report.access_modelled) {
    t.empty_note = "Remote access and federation not modelled: the scenario has no Edge pool.";
    return t;
  }
  std::string not_deployed;
  for (const char* m : kAccessModalities)
    if (std::find(c.report.access_deployed.begin(), c.report.access_deployed.end(), m) ==
        c.report.access_deployed.end())
      not_deployed += std::string(not_deployed.empty() ? "" : ", ") + access_modality_text(m);
  t.note =
      "Per modality users outside the network or federated partners lost in the incident: how "
      "long it was degraded or down, and when it was back, from the incident's start (its own "
      "RTO). Remote users sign in through an Edge (and a Director) pool and their own pool; "
      "federation and XMPP go through their routes; remote media (A/V and web conferencing "
      "with outside users and federated partners) through the Edge pool their Front End pool "
      "is associated with (docs/model.md, remote access and federation)." +
      (not_deployed.empty()
           ? std::string()
           : " Not deployed in this scenario, so not measured: " + not_deployed + ".");
  t.empty_note = "No incident cost remote users or federated partners anything.";
  for (const IncidentReport& inc : c.report.incidents) {
    for (const IncidentReport::Access& a : inc.access) {
      const bool remote = a.modality == "remote_sign_in";
      t.rows.push_back({{"#" + std::to_string(inc.id), inc.disruption + " " + inc.cause, "", false},
                        {access_modality_text(a.modality), "", "", false},
                        {remote ? grouped(a.users_lost) : "-", "",
                         remote && a.users_lost > 0 ? "bad" : "", true},
                        {remote ? fixed(a.user_s / 3600, 1) : "-", "", "", true},
                        {human_s(a.impaired_s), "", a.impaired_s > 0 ? "bad" : "", true},
                        a.rto_s ? Cell{human_s(*a.rto_s), "", "", true}
                                : Cell{"not back by the end", "", "bad", true}});
    }
  }
  return t;
}

}  // namespace drsim
