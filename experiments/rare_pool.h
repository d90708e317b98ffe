// The rare-event runner for a pool's quorum loss: importance sampling with balanced failure
// biasing over the regenerative cycles of the pool's Front End failure/repair process.
//
// What it simulates, exactly: the n Front End servers of one pool, each failing and being
// repaired on its own with the scenario's exponential front_end rates, and the pool's
// Windows Fabric state (stopped below the functional count of its seed servers, started
// again at the first-start count, or at the functional count with GROUPS_IN_QUORUM_LOSS):
// the process analysis/markov.h solves. Nothing else of the scenario runs: no Back End, no
// users, no admin. A cycle starts and ends with every server up and the pool running.
//
// Cycles are simulated as the embedded jump chain with expected holding times (1/q per state
// visited), which is unbiased for every time integral and removes the holding-time noise.
// Under biasing, in a state where both failures and repairs can happen, a failure is chosen
// with probability `bias`, split evenly over the servers that are up (balanced), and a repair
// with 1 - bias, split as the repair rates; biasing stops at the first quorum loss, so the
// likelihood ratio is frozen from then until the cycle ends. Independent unbiased cycles
// estimate the mean cycle length (analysis/rare_estimate.h).
//
// Replication r runs a fixed number of biased and of unbiased cycles on the streams
// (seed, "rare.biased.<pool>", r) and (seed, "rare.plain.<pool>", r), and replications are
// summed in order, so the figures are identical for any thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/rare_estimate.h"
#include "proto/scenario.pb.h"

namespace drsim {

struct RarePoolModel {
  std::string pool;  // the pool's FQDN
  int servers = 0;
  int seeds = 0;             // the first `seeds` servers count for the functional quorum
  int required = 0;          // seed servers that must run
  int first_start = 0;       // servers that must run to start again (0: `required` seeds)
  double failure_per_s = 0;  // lambda of each server
  double repair_per_s = 0;   // mu of each server
};

// The pools whose quorum loss this method estimates. Throws InputError naming the rule when
// the scenario's failure model is outside what it covers (not exponential, correlated
// failures, maintenance, scripted faults or actions, no automatic restart), or when no pool
// qualifies.
std::vector<RarePoolModel> rare_pool_models(const scenario::Scenario& s, const std::string& what);

// The cycles of one replication: `cycles` biased and `cycles` unbiased.
RareSums run_rare_replication(const RarePoolModel& m, uint64_t seed, uint64_t replication,
                              uint64_t cycles, double bias);

struct RareOptions {
  uint64_t replications = 1000;  // at most this many
  uint64_t cycles_per_replication = 1000;
  int threads = 1;
  uint64_t seed = 1;
  double bias = 0.5;              // probability of a failure where a repair could happen
  double relative_halfwidth = 0;  // > 0: stop once the unavailability's is this small
  uint64_t batch = 50;            // replications between precision checks
  std::atomic<bool>* stop = nullptr;
};

struct RareResult {
  RareSums sums;
  uint64_t replications = 0;
  bool reached_precision = false;
  bool interrupted = false;
  double seconds = 0;
};

RareResult run_rare(const RarePoolModel& m, const RareOptions& o);

// The batch loop every importance-sampling runner shares: replications in batches of
// `o.batch` on `o.threads` threads, replication r's sums from `one(r)`, summed in replication
// order, stopping at -n, at the requested relative half-width or at an interrupt.
RareResult run_rare_batches(const RareOptions& o, const std::function<RareSums(uint64_t)>& one);

}  // namespace drsim
