// Statistics the report adds to RunReport, as pure functions: policy verdicts (each
// incident's RTO and worst RPO against the scenario's target for its kind of disruption) and
// the time each pool's users spent at each service level.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analysis/report_timeline.h"
#include "analysis/run_report.h"
#include "proto/scenario.pb.h"

namespace drsim {

struct PolicyVerdict {
  int incident = 0;
  std::string disruption;
  std::optional<int64_t> rto_target_s;  // absent: the policy sets none for this disruption
  std::optional<int64_t> rpo_target_s;
  double rto_s = 0;
  double rpo_max_s = 0;
  std::string rpo_max_category;  // the data category with the worst RPO ("" when none lost)
  // "met", "missed", "no target", or for the RTO of an incident still open at the horizon
  // and still within its target, "open".
  std::string rto_verdict;
  std::string rpo_verdict;
};

// True when the scenario sets at least one RTO or RPO target.
bool has_policy_targets(const scenario::Scenario& scenario);

// One verdict per incident, in the report's order; empty without policy targets.
std::vector<PolicyVerdict> policy_verdicts(const RunReport& report, const scenario::Scenario& scenario);

// The `n` incidents with the longest total RTO (ties: lower id first), in id order: what the
// report details when a long run has more incidents than a page can hold.
std::vector<const IncidentReport*> longest_incidents(const RunReport& report, size_t n);

// Per-user seconds a pool's users spent at each service level (kServiceLevels order), from
// the pool's users lane: the sum over time of users at the level, divided by the pool's users.
struct PoolLevelTime {
  std::string pool;
  std::array<double, 4> per_user_s{};
};
std::vector<PoolLevelTime> pool_level_times(const ReportTimeline& timeline);

}  // namespace drsim
