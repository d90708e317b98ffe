// The rare-event runner for failure models importance sampling cannot bias: fixed-effort
// multilevel splitting of a pool's first quorum loss within a horizon (a year).
//
// What it simulates, exactly: the n Front End servers of one pool, each failing after a draw
// from the scenario's stochastic.front_end time_to_failure (any distribution: Weibull
// wear-out, lognormal, empirical, ...) counted from its last repair, repaired after a draw
// from time_to_repair, independently of the others; and the scenario's maintenance windows on
// the pool's servers, during which the server does not run (its failure clock keeps running,
// and a server that fails in a window stays down until repaired). The pool loses quorum when
// fewer than the functional count of its seed servers run. Nothing else of the scenario runs.
//
// Since issue 21's last follow-up the pool is one user of the runner over independent
// components (rare_split_system.h), whose distance to the event is here L minus the seed
// servers not running: the same levels, draws and streams as before, so the same figures.
// The importance function is the number of seed servers not running; level k is reached when
// it first attains k, and quorum is lost at level L = seeds - required + 1. Stage k restarts
// `effort` trajectories, round-robin, from the states in which stage k-1's trajectories first
// reached level k-1 (stage 1 starts all of them at time 0, every server new), and runs each
// until it reaches level k or the horizon. Each clone first draws every server's pending
// change afresh from its law given the server's age (redraw in rare_split.cpp), so clones
// share the entrance state but not its future. A replication's estimate is the product of
// the stages' success fractions: unbiased for P(quorum lost before the horizon). Replications are
// independent (streams (seed, "rare.split.<pool>", r)), so their mean has an honest interval,
// and summing them in order makes it the same for any thread count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "experiments/rare_split_system.h"
#include "proto/scenario.pb.h"
#include "sim/time.h"

namespace drsim {

struct SplitPoolModel {
  std::string pool;
  int servers = 0;
  int seeds = 0;     // the first `seeds` servers count for the functional quorum
  int required = 0;  // seed servers that must run
  scenario::Distribution time_to_failure;
  scenario::Distribution time_to_repair;
  struct Window {
    int server = 0;
    Duration start;
    Duration duration;
    Duration period;  // zero: once
  };
  std::vector<Window> windows;
  Duration horizon = Duration::days(365);
  int loss_level() const { return seeds - required + 1; }
};

// The pools of a scenario under the splitting method; throws InputError naming the rule for
// what it does not cover (site and common-cause failures, scripted faults and actions).
std::vector<SplitPoolModel> split_pool_models(const scenario::Scenario& s, const std::string& what);

// The pool as a one-part system of the generalised runner (rare_split_system.h): its servers
// with the Front End laws and its windows, one quorum part without hysteresis (only the first
// loss matters), prepared. The streams are those of the pool: (seed, "rare.split.<pool>", r).
SplitSystem split_pool_system(const SplitPoolModel& m);

SplitResult run_split(const SplitPoolModel& m, const SplitOptions& o);

// Plain Monte Carlo of the same process: `trajectories` independent horizons from time 0, in
// chunks of 4,096 on the streams (seed, "rare.plain-split.<pool>", chunk) run on `threads`
// threads; returns how many lost quorum, the same for any thread count.
uint64_t run_split_plain(const SplitPoolModel& m, uint64_t seed, uint64_t trajectories,
                         int threads = 1);

}  // namespace drsim
