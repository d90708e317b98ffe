// The rare events beyond one pool's quorum, built from a scenario as systems of independent
// components (experiments/rare_components.h): a pool's Back End unavailable, and both pools of
// a pair unavailable at once. Each builder checks that the scenario's failure model is one the
// importance-sampling estimator covers and throws InputError naming the rule when not.
#pragma once

#include <string>
#include <vector>

#include "experiments/rare_components.h"
#include "proto/scenario.pb.h"

namespace drsim {

struct RareSystemCase {
  RareSystem system;
  std::string label;    // what the estimate is of: the pool's FQDN, or "pool1 + pool2"
  std::string subject;  // what is modelled, in a sentence a planner can check
};

// Whether a Back End with these servers up (bit i: be.servers(i) up) is unavailable once
// automatic failover, where its HA mode has it, has happened: the rule of
// sim/model/model_back_end.cpp with a failover time of zero (sfb-hadr 3.2-3.5).
bool back_end_down_after_failover(const scenario::BackEnd& be, uint32_t up_mask,
                                  bool cluster_dynamic_quorum);

// One case per pool with a back_end. `what` names the option in errors ("--rare ...").
std::vector<RareSystemCase> back_end_cases(const scenario::Scenario& s, const std::string& what);

// One case per pair of pools (backup_pool), each pool a quorum part with its hysteresis.
std::vector<RareSystemCase> pair_cases(const scenario::Scenario& s, const std::string& what);

}  // namespace drsim
