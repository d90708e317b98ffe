// What-if comparison with common random numbers, as paired statistics (experiments/compare_run.h
// runs the replications; compare_text.h and compare_page.h write them): replication r of the base
// and of the what-if draw every random stream from the same (seed, name, r), so the same components
// fail at the same times in both, and paired differences isolate the change.
#pragma once

#include <array>
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "analysis/stats.h"
#include "analysis/sweep.h"
#include "proto/scenario.pb.h"

namespace drsim {

struct PairedMetric {
  std::string name;               // unit last: "user_availability_fraction", "rto_total_s", ...
  bool higher_is_better = false;  // availability; every other metric is better lower
  Stat base{1e9}, whatif{1e9}, difference{1e9};  // difference = what-if minus base
};

// Whether the paired difference's 95 % interval excludes zero (two pairs at least).
bool is_significant(const PairedMetric& m);

// The share of incidents meeting a kind of disruption's policy targets, in the base and the
// what-if (each judged by its own scenario's targets: judge_incident in sweep.h).
struct PolicyShareChange {
  std::string disruption;
  std::optional<int64_t> base_target_s, whatif_target_s;  // none: no target in that scenario
  Proportion base, whatif;
};

struct CompareResult {
  uint64_t replications = 0;
  std::vector<PairedMetric> metrics;
  // Per kind of disruption with a target in either scenario: RTO, then RPO.
  std::vector<PolicyShareChange> rto_met, rpo_met;
  bool interrupted = false;
};

// The policy shares of a comparison from each side's per-disruption counts.
void set_policy_shares(CompareResult* r, const scenario::Scenario& base,
                       const scenario::Scenario& whatif,
                       const std::array<Proportion, kDisruptionCount> (&counts)[4]);

}  // namespace drsim
