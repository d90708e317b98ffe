// The what-if comparison as a page (docs/reports.md): compare.html, standalone, and the same
// as compare.md. Per metric: the base and what-if means, their paired difference with its
// 95 % interval, whether the interval excludes zero, and whether the change is better or
// worse for that metric. Pure functions of a CompareResult; cli/ writes the files.
#pragma once

#include <string>
#include <vector>

#include "analysis/compare_text.h"
#include "analysis/report_markup.h"

namespace drsim {

// What the comparison was run on, for the stamp.
struct CompareReportInfo {
  uint64_t seed = 0;
  std::string base_name, whatif_name;
  std::string base_sha256, whatif_sha256;
  std::vector<std::string> sets;         // --set, both scenarios
  std::vector<std::string> whatif_sets;  // --whatif-set, the what-if only
};

struct CompareTables {
  Stamp stamp;
  Table metrics;
  Table policy;  // the share of judged incidents meeting each target, base and what-if
};
CompareTables compare_tables(const CompareResult& r, const CompareReportInfo& info);

// "better", "worse" or "no significant change" for one metric.
std::string compare_effect(const PairedMetric& m);

std::string compare_html(const CompareResult& r, const CompareReportInfo& info);
std::string compare_markdown(const CompareResult& r, const CompareReportInfo& info);
// compare.html and compare.md.
std::vector<ReportFile> compare_report_files(const CompareResult& r, const CompareReportInfo& info);

}  // namespace drsim
