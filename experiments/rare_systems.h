// The rare events beyond one pool's quorum, built from a scenario as systems of independent
// components (experiments/rare_components.h): a pool's Back End unavailable, and both pools of
// a pair unavailable at once. Each builder checks that the scenario's failure model is one the
// importance-sampling estimator covers and throws InputError naming the rule when not.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
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

// The pieces both Back End estimators (this one and splitting, rare_split_systems.h) share,
// so that they model the same Back End. The failure model of a server in this role (nullptr:
// the scenario gives its class none, so it never fails) and the class's name in `cls`.
const scenario::Stochastic::FailureModel* back_end_failure_model(const scenario::Stochastic& st,
                                                                 scenario::SqlRole role,
                                                                 std::string* cls);
// Refuses (InputError under `flag`) a Back End of more than 12 servers: 2^n masks.
void check_back_end_size(const scenario::Pool& pool, const std::string& flag);
// The pool's Back End down table over its up masks (back_end_down_after_failover); refuses
// one that is down with every server up.
std::vector<uint8_t> back_end_down_table(const scenario::Pool& pool, bool cluster_dynamic_quorum,
                                         const std::string& flag);
// "HA_MODE: server (role), ...; the HA rule in words", and the failover time left out.
std::string back_end_subject(const scenario::Scenario& s, const scenario::BackEnd& be,
                             const std::vector<bool>& has_model);
// Refuses site and common-cause failures, scripted faults, runbooks and the admin's standard
// response, each message ending in `not_covered`.
void refuse_correlated(const scenario::Scenario& s, const std::string& flag,
                       const std::string& not_covered);
// Refuses a scenario whose Back End servers, witnesses and shared storage never fail, then
// what refuse_correlated refuses: the checks both Back End methods make first.
void refuse_back_end_out_of_scope(const scenario::Scenario& s, const std::string& flag,
                                  const std::string& not_covered);

// One case per pool with a back_end. `what` names the option in errors ("--rare ...").
std::vector<RareSystemCase> back_end_cases(const scenario::Scenario& s, const std::string& what);

// The pairs of pools (backup_pool), each once, as indices (the naming pool first).
std::vector<std::pair<int, int>> pool_pairs(const scenario::Scenario& s);

// One case per pair of pools (backup_pool), each pool a quorum part with its hysteresis.
std::vector<RareSystemCase> pair_cases(const scenario::Scenario& s, const std::string& what);

}  // namespace drsim
