// The report of one run as a set of files (docs/reports.md): a standalone report.html, the
// same as report.md with its charts as .svg files, CSV exports, a Chrome trace and the run
// report JSON. Everything is a pure function of the event log and, optionally, the scenario
// it came from; writing the files is the caller's job (cli/cmd_report.cpp), so the same
// input always gives the same bytes and nothing here touches the file system.
#pragma once

#include <string>
#include <vector>

#include "analysis/report_markup.h"
#include "analysis/report_scenario.h"
#include "analysis/report_stats.h"
#include "analysis/report_timeline.h"
#include "analysis/report_topology.h"
#include "analysis/run_report.h"
#include "log/log_file.h"
#include "proto/scenario.pb.h"

namespace drsim {

// Only the incidents with the longest RTO (or, for data, the worst RPO) get a zoomed chart and
// a row in the HTML and Markdown tables, and incidents with neither user impact nor data lost
// get neither; the overview chart, the CSV files and the trace have them all.
inline constexpr size_t kMaxIncidentCharts = 8;
inline constexpr size_t kMaxTableIncidents = 50;

// Everything the documents show, computed once: statistics first, then the charts.
struct ReportContent {
  log::Header header;
  std::string description;    // the scenario's, when known
  bool has_scenario = false;  // policy verdicts need it
  bool has_policy = false;
  bool rgs_replicated = false;  // the scenario replicates Response Groups (policy RPO covers them)
  RunReport report;
  ScenarioSummary summary;  // empty tables without the scenario
  ReportTopology topology;
  ReportTimeline timeline;
  std::vector<PolicyVerdict> verdicts;
  std::string
      rpo_reading;  // how RPO verdicts read stranded data (rpo_reading_text); "" without policy
  std::vector<PoolLevelTime> level_times;
  std::string topology_svg;
  std::string timeline_svg;
  std::vector<std::pair<int, std::string>> incident_svgs;  // (incident id, chart)
};

// `scenario` may be null: the topology is then inferred from the log and there are no policy
// verdicts. When given, it must be the scenario the log was produced from.
ReportContent prepare_report(const LogFile& log, const scenario::Scenario* scenario);

std::string report_html(const ReportContent& content);
std::string report_markdown(const ReportContent& content);

// "incident-3.svg": the file name of one incident's zoomed chart.
std::string incident_chart_name(int incident);

// Every file of the report, in a fixed order.
std::vector<ReportFile> report_files(const LogFile& log, const scenario::Scenario* scenario);

}  // namespace drsim
