// `drsim compare`: a base scenario and a what-if, replication by replication with common
// random numbers (replication r of both draws the same streams, so the same failures strike
// both), into the paired statistics of analysis/compare.h.
#pragma once

#include <atomic>
#include <cstdint>

#include "analysis/compare.h"
#include "experiments/sweep_run.h"
#include "proto/scenario.pb.h"

namespace drsim {

// Replication r of both scenarios, paired; a replication either scenario's limits cut short
// ends the comparison with an InputError naming it (`*_replay`: how to replay it).
CompareResult run_compare(const scenario::Scenario& base, const scenario::Scenario& whatif,
                          uint64_t seed, uint64_t replications, int threads,
                          std::atomic<bool>* stop, const ReplayHint& base_replay,
                          const ReplayHint& whatif_replay);

}  // namespace drsim
