// The run report's tables and headline figures as plain data (report_markup.h), so that
// report.html and report.md show exactly the same numbers and differ only in markup.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analysis/report.h"
#include "analysis/report_markup.h"

namespace drsim {

struct ReportTables {
  Stamp stamp;
  // The opening for people, one paragraph each: what happened, who was hurt and for how long,
  // what data is lost or at risk, which policy targets failed and why (plain_summary).
  std::vector<std::string> summary;
  std::vector<Headline> headlines;
  std::string thresholds;  // what the headline tiles' colours mean
  std::string no_impact;   // one line on the incidents with nothing to show; "" when none
  Table rto;               // per incident: RTO stages
  Table rpo;               // per incident: RPO and lost writes per data category
  Table policy;            // per incident: verdicts against the policy targets
  Table incident_pools;    // per incident and affected pool: users, time at each level, RTO
  Table pstn;              // per incident and pool that lost PSTN calling (report_pstn.cpp)
  Table branches;          // per incident and branch appliance whose users it touched
  Table access;            // per incident and remote-access modality lost (report_access.cpp)
  Table content;           // per incident that touched meeting content (report_content.cpp)
  Table pchat;             // per incident and Persistent Chat pool (report_pchat.cpp)
  Table pools;             // per pool: availability and time at each service level
  Table files;             // the report's files and what each holds
};

ReportTables report_tables(const ReportContent& content);

// Parts of report_tables, in report_summary.cpp.
std::vector<std::string> plain_summary(const ReportContent& content);
std::string tile_thresholds(const ReportContent& content);
Table incident_pools_table(const ReportContent& content);
// In report_pstn.cpp: "PSTN not modelled" as its empty note when the scenario has no gateway.
Table incident_pstn_table(const ReportContent& content);
Table incident_branch_table(const ReportContent& content);
// In report_access.cpp: "not modelled" as its empty note when the scenario has no Edge pool.
Table incident_access_table(const ReportContent& content);
// In report_content.cpp: "not modelled" as its empty note when the scenario has no file store.
Table incident_content_table(const ReportContent& content);
// In report_pchat.cpp: "not deployed" as its empty note when the scenario has no chat pool.
Table incident_pchat_table(const ReportContent& content);

}  // namespace drsim
