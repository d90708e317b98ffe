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
  std::vector<Headline> headlines;
  std::string no_impact;  // one line on the incidents with nothing to show; "" when none
  Table rto;     // per incident: RTO stages
  Table rpo;     // per incident: RPO and lost writes per data category
  Table policy;  // per incident: verdicts against the policy targets
  Table pools;   // per pool: availability and time at each service level
  Table files;   // the report's files and what each holds
};

ReportTables report_tables(const ReportContent& content);

}  // namespace drsim
