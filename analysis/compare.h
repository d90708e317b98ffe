// What-if comparison with common random numbers, as paired statistics and their writers
// (experiments/compare_run.h runs the replications): replication r of the base and of the
// what-if draw every random stream from the same (seed, name, r), so the same components
// fail at the same times in both, and paired differences isolate the change.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "analysis/stats.h"
#include "analysis/sweep.h"
#include "proto/scenario.pb.h"

namespace drsim {

struct PairedMetric {
  std::string name;  // unit last: "user_availability_fraction", "rto_total_s", ...
  bool higher_is_better = false;  // availability; every other metric is better lower
  Stat base{1e9}, whatif{1e9}, difference{1e9};  // difference = what-if minus base
};

// Whether the paired difference's 95 % interval excludes zero (two pairs at least).
bool is_significant(const PairedMetric& m);

struct CompareResult {
  uint64_t replications = 0;
  std::vector<PairedMetric> metrics;
  bool interrupted = false;
};


std::string compare_report_text(const CompareResult& r);
std::string compare_report_json(const CompareResult& r, uint64_t seed, const std::string& base_name,
                                const std::string& whatif_name);

}  // namespace drsim
