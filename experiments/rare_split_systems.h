// The Back End and pair events under multilevel splitting: a scenario's pools built as systems
// of independent components (experiments/rare_split_system.h) with any failure and repair
// distributions and maintenance windows. The same Back Ends and pairs the importance-sampling
// builders make (experiments/rare_systems.h), whose down rule, server classes and pairs they
// reuse; each builder throws InputError naming the rule for what splitting does not cover.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "experiments/rare_split_system.h"
#include "proto/scenario.pb.h"

namespace drsim {

struct SplitSystemCase {
  SplitSystem system;   // prepared
  std::string label;    // the pool's FQDN, or "pool1 + pool2"
  std::string subject;  // what is modelled, in a sentence a planner can check
  // The failure-model classes the components use, in order of first use ("stochastic.witness"
  // and its laws), for the output to describe.
  std::vector<std::pair<std::string, scenario::Stochastic::FailureModel>> laws;
};

// One case per pool with a back_end whose servers can fail: its servers with their classes'
// laws (a class without a failure model never fails) and the maintenance windows on them, one
// table part with the importance-sampling estimator's down rule (back_end_down_after_failover).
std::vector<SplitSystemCase> split_back_end_cases(const scenario::Scenario& s,
                                                  const std::string& what);

// One case per pair of pools (backup_pool): both pools' Front Ends with the front_end laws and
// their windows, each pool a quorum part with its hysteresis (first-start count, or never
// starting again when parameters.stopped_pool_restarts_automatically is false). As in
// importance sampling, the pools' Back Ends are not part of the pair's event.
std::vector<SplitSystemCase> split_pair_cases(const scenario::Scenario& s, const std::string& what);

}  // namespace drsim
