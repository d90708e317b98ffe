// CSV exports of a run for spreadsheets and scripts (RFC 4180, one header row, "\n" line
// ends). Every numeric column ends in its unit (`start_s`, `users_count`,
// `availability_fraction`); text and identifier columns (pool, level, verdicts) have none.
// docs/reports.md lists every column.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/report_stats.h"
#include "analysis/report_timeline.h"
#include "analysis/report_topology.h"
#include "analysis/run_report.h"

namespace drsim {

// One row per incident: RTO stages, RPO and lost writes per data category, the worst RPO of
// any category and of the categories a policy judges (empty when `rgs_replicated` is unknown,
// i.e. without the scenario), policy verdicts (empty target and "no target" without a policy).
std::string incidents_csv(const RunReport& report, const std::vector<PolicyVerdict>& verdicts,
                          std::optional<bool> rgs_replicated);

// One row per routing group per interval at one service level, covering [0, horizon].
std::string service_levels_csv(const ReportTimeline& timeline);

// One row per pool: users, availability and per-user time at each service level.
std::string pools_csv(const RunReport& report, const ReportTopology& topology,
                      const std::vector<PoolLevelTime>& level_times);

}  // namespace drsim
