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

inline constexpr const char* kNoUserImpact = "no user impact";

// Whether a policy counts data stranded in a site that comes back against its RPO targets
// (policy.assume_sites_never_return), in words for a report's reader.
std::string rpo_reading_text(const scenario::Scenario& scenario);

struct PolicyVerdict {
  int incident = 0;
  std::string disruption;
  std::optional<int64_t> rto_target_s;  // absent: the policy sets none for this disruption
  std::optional<int64_t> rpo_target_s;
  double rto_s = 0;
  // The worst RPO over the categories the target covers (policy_rpo_category), which is what
  // the RPO verdict judges; data the Backup Service never replicates is not held to it.
  double rpo_policy_max_s = 0;
  std::string rpo_policy_max_category;  // the category behind it ("" when none lost)
  // "met", "missed", "no target", kNoUserImpact (an incident that cost no user service and, for
  // the RPO, put no judged data at risk: not judged), or for the RTO of an incident still
  // open at the horizon and still within its target, "open".
  std::string rto_verdict;
  std::string rpo_verdict;
};

// True when the scenario sets at least one RTO or RPO target.
bool has_policy_targets(const scenario::Scenario& scenario);

// One verdict per incident, in the report's order; empty without policy targets.
// How many RTO and RPO verdicts were judged (met or missed) and how many of those were missed.
struct VerdictCount {
  size_t judged = 0, missed = 0;
};
VerdictCount count_verdicts(const std::vector<PolicyVerdict>& verdicts);

std::vector<PolicyVerdict> policy_verdicts(const RunReport& report,
                                           const scenario::Scenario& scenario);

// The incidents with user impact (had_user_impact), at most `n`, longest total RTO first
// (ties: lower id first): the rows of the RTO table.
std::vector<const IncidentReport*> longest_incidents(const RunReport& report, size_t n);

// The incidents that lost data (lost_data), at most `n`, worst first: by the RPO the policy
// judges (policy_rpo_max_s), then the worst RPO of any category, then lower id: the rows of
// the RPO table.
std::vector<const IncidentReport*> worst_rpo_incidents(const RunReport& report, size_t n,
                                                       bool rgs_replicated);

// The incidents worth a zoomed chart: those with user impact or lost data, at most `n`, chosen
// by the longest RTO, then the worst policy RPO, then the worst RPO of any category; in id
// order, as they happened.
std::vector<const IncidentReport*> incidents_to_chart(const RunReport& report, size_t n,
                                                      bool rgs_replicated);

// The incidents with neither user impact nor lost data, counted per kind of disruption in
// kDisruptions order: "3 server, 1 link"; "" when there are none.
std::string no_impact_summary(const RunReport& report);
size_t no_impact_count(const RunReport& report);

// Per-user seconds a pool's users spent at each service level (kServiceLevels order), from
// the pool's users lane: the sum over time of users at the level, divided by the pool's users.
struct PoolLevelTime {
  std::string pool;
  std::array<double, 4> per_user_s{};
};
std::vector<PoolLevelTime> pool_level_times(const ReportTimeline& timeline);

}  // namespace drsim
