// The text and record of a splitting estimate (cli/cmd_rare.cpp for a pool's quorum,
// cli/cmd_rare_split_systems.cpp for a Back End or a pair): one printer, so that every event
// estimated by splitting reads alike and fills the JSON and report the same way.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "analysis/rare_report.h"
#include "cli/commands.h"
#include "experiments/rare_split_system.h"
#include "proto/scenario.pb.h"

namespace drsim::cli {

// "Weibull, shape 1.5, scale 5539 h", "exponential, mean 1e+04 h", ...
std::string describe_distribution(const scenario::Distribution& d);

// How a splitting block names its event.
struct SplitWords {
  const char* probability;  // "P(quorum lost within a year)"
  const char* reached;      // what a trajectory at the event did: "lost quorum"
  // The levels: true prints "k down" for level k (a pool's seed servers down), false "k to
  // go" for the distance left after level k (the failures still needed to reach the event).
  bool levels_are_servers_down;
};

// Prints the block after the case's heading line (the work done and whether the precision was
// reached, the estimate with its interval, the trajectories reaching each level, the
// replications without a hit, the Markov chain's value or `no_markov` in words, plain Monte
// Carlo over `plain_hits` of r.trajectories one-year trajectories, and the degeneracy warning on
// stderr) and fills `pe`'s work, diagnostics and one quantity, p_loss_within_year.
// The splitting options of a --rare command: at most rare_replications(args), --rare-effort
// trajectories per stage, --ci-halfwidth as the relative precision, on `threads`.
SplitOptions split_options(const SweepArgs& args, uint64_t seed, int threads,
                           std::atomic<bool>* stop);

void print_split_estimate(const SplitResult& r, uint64_t effort, double ci_halfwidth,
                          std::optional<double> markov, const char* no_markov, uint64_t plain_hits,
                          const SplitWords& w, RarePoolEstimate* pe);

}  // namespace drsim::cli
