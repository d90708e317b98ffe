// The report's tables and headline figures as plain data, so that report.html and report.md
// show exactly the same numbers and differ only in markup.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analysis/report.h"

namespace drsim {

struct Cell {
  std::string text;
  std::string note;  // a second, smaller line ("1,033 writes lost"); may be empty
  std::string tone;  // "", "good", "warn" or "bad": verdicts and outages stand out
  bool numeric = false;  // right-aligned
};

struct Table {
  std::vector<std::string> head;
  std::vector<std::vector<Cell>> rows;
  std::string empty_note;  // shown instead of the table when there are no rows
  std::string note;        // shown above the table, e.g. when rows were left out
};

struct Headline {
  std::string label;
  std::string value;
  std::string note;
  std::string tone;
};

struct ReportTables {
  std::vector<std::pair<std::string, std::string>> stamp;  // label, value
  std::vector<Headline> headlines;
  Table rto;     // per incident: RTO stages
  Table rpo;     // per incident: RPO and lost writes per data category
  Table policy;  // per incident: verdicts against the policy targets
  Table pools;   // per pool: availability and time at each service level
  Table files;   // the report's files and what each holds
};

ReportTables report_tables(const ReportContent& content);

}  // namespace drsim
