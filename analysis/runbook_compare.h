// Two runbooks rehearsed against the same disaster (`drsim compare SCENARIO --runbook A.ps1
// --runbook B.ps1`): the same scenario, seed and replication for both, so that the disaster,
// its timing and every random draw are common and only the scripts differ. Reports the
// difference in the RTO and its stages, the RPO per data category, the users affected
// (user-hours without full service) and the admin time lost, then the two scripts step by
// step; with replications, the mean paired differences across them.
//
// Pure formatting of finished numbers: the runs are made by cli/cmd_compare_runbooks.cpp.
#pragma once

#include <string>
#include <vector>

#include "analysis/runbook_steps.h"
#include "io/runbook_ps1.h"
#include "sim/model/metrics.h"

namespace drsim {

// One rehearsal's figures: the incident the script answered (the first), the users affected.
struct RehearsalFigures {
  bool has_incident = false;
  IncidentMetrics incident;
  double user_hours_lost = 0;  // summed over pools: users x mean time without full service
  std::vector<RehearsalStep> steps;
};

struct RunbookComparison {
  std::string scenario, path_a, path_b;
  uint64_t seed = 0;
  RunbookPlan plan_a, plan_b;          // of replication 0, for the step table
  std::vector<RehearsalFigures> a, b;  // one per replication, paired by index
};

std::string runbook_comparison_text(const RunbookComparison& c);

}  // namespace drsim
