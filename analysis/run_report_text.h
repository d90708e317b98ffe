// The run report's writers: the JSON `drsim run --json` and the report write
// (docs/report-schema.md), and the summary `drsim run` prints. They take the finished numbers
// of summarize_log (run_report.h) and the policy verdicts (report_stats.h); nothing here
// computes a statistic.
#pragma once

#include <string>

#include "analysis/run_report.h"
#include "proto/scenario.pb.h"

namespace drsim {

// Bumped when a key of the run report's JSON is renamed or removed (docs/report-schema.md).
inline constexpr int kRunReportSchemaVersion = 2;

// The run report as JSON (docs/report-schema.md). With the scenario the run saw (overrides
// and runbook applied), each incident also carries its policy verdicts and the RPO they judge.
std::string run_report_json(const RunReport& report, const scenario::Scenario* scenario);
// For people: one block per incident (RTO stages, each affected pool's outcome, data lost or
// stranded, and with the scenario its policy verdicts and the reading they use) and one line
// per pool.
std::string run_report_text(const RunReport& report, const scenario::Scenario* scenario = nullptr);

}  // namespace drsim
