// Fixed-effort multilevel splitting over a set of independent components: the runner behind
// `--rare-method splitting` for a pool's quorum (experiments/rare_split.h builds its one-part
// system), a pool's Back End and both pools of a pair (experiments/rare_split_systems.h).
//
// What it simulates, exactly: m components (servers), each failing after a draw from its own
// time-to-failure law (any distribution) counted from its last repair and repaired after a
// draw from its time-to-repair law, independently of the others; a component without a
// failure model never fails. Maintenance windows take a component out of service on a
// schedule (its failure clock keeps running; one that fails in a window stays down until
// repaired). The running mask (bit i: component i neither failed nor in a window) decides the
// parts' states, exactly as the importance-sampling runner's (rare_components.h, RarePart):
// a table part is down in the masks its table marks, a quorum part stops below the functional
// count of its seeds and starts again at its first-start count. The event is every part down
// at once, and the estimate is P(the event within the horizon), all components new at time 0.
//
// The importance function is the distance to the event: the sum over the parts not down of
// the fewest further component failures that bring each down (a table part's fewest is found
// once, by a search over its up masks; a quorum part's is its running seeds minus the required
// plus one). From the start's distance D, level k (k = 1..D) is reached when the distance
// first falls to D - k; stage k restarts `effort` trajectories, round-robin, from the states in
// which stage k-1's reached level k-1, each clone drawing its components' pending changes
// afresh given their ages (so clones share an entrance state, not its future), and runs each
// until level k or the horizon. A replication's estimate, the product of the stages' success
// fractions, is unbiased whatever the distance (the distance only decides where to clone).
// Replication r draws from (seed, "rare.split.<name>", r); replications are summed in order,
// so the figures are the same for any thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "experiments/rare_components.h"
#include "proto/scenario.pb.h"
#include "sim/time.h"

namespace drsim {

struct SplitWindow {
  int component = 0;
  Duration start;
  Duration duration;
  Duration period;  // zero: once
};

struct SplitComponent {
  std::string name;
  bool can_fail = true;  // false: no failure model, never fails (its laws are unused)
  scenario::Distribution time_to_failure;
  scenario::Distribution time_to_repair;
};

struct SplitSystem {
  std::string name;  // names the streams: "<pool>", "backend.<pool>", "pair.<pool>+<pool>"
  std::vector<SplitComponent> components;  // at most 62, in bit order
  std::vector<SplitWindow> windows;
  std::vector<RarePart> parts;  // as rare_components.h: table parts and quorum parts
  Duration horizon = Duration::days(365);
  // Per part: for a table part, the fewest further failures from each of its up masks to a
  // mask its table marks down (kSplitUnreachable when none); empty for a quorum part. Filled
  // by prepare_split_system.
  std::vector<std::vector<uint8_t>> distance_tables;
};

// A distance that no sequence of failures reaches.
inline constexpr uint8_t kSplitUnreachable = 255;

// Fills `distance_tables` (a search over each table part's up masks, failures only of the
// components that can fail or have a window) and checks the system's shape.
void prepare_split_system(SplitSystem* sys);

// The distance to the event from this running mask, with these parts already down (bit p).
int split_distance(const SplitSystem& sys, uint64_t running_mask, uint64_t parts_down);

// The distance with every component running and no part down: the number of levels.
int split_start_distance(const SplitSystem& sys);

struct SplitOptions {
  uint64_t replications = 200;  // at most this many
  uint64_t effort = 1000;       // trajectories per stage
  int threads = 1;
  uint64_t seed = 1;
  double relative_halfwidth = 0;  // > 0: stop once the estimate's is this small
  uint64_t batch = 20;
  // Clones draw their components' pending changes afresh given their ages (the default);
  // false copies the parent's draws, the method before issue 21's follow-up, kept for
  // comparison.
  bool redraw_residuals = true;
  std::atomic<bool>* stop = nullptr;
};

struct SplitResult {
  uint64_t replications = 0;
  double sum = 0, sum_sq = 0;      // of the replications' estimates
  std::vector<double> stage_hits;  // per stage, summed over replications
  uint64_t zero_replications = 0;  // replications in which some stage had no success
  uint64_t trajectories = 0;
  bool reached_precision = false;
  bool interrupted = false;
  double seconds = 0;
  double mean() const { return replications > 0 ? sum / static_cast<double>(replications) : 0; }
  double ci95() const;
};

// One replication's estimate of P(the event before the horizon); `stage_hits` gets each
// stage's successes added.
double run_split_system_replication(const SplitSystem& sys, uint64_t seed, uint64_t replication,
                                    uint64_t effort, std::vector<double>* stage_hits,
                                    bool redraw_residuals = true);

SplitResult run_split_system(const SplitSystem& sys, const SplitOptions& o);

// Plain Monte Carlo of the same process: `trajectories` independent horizons from time 0, in
// chunks of 4,096 on the streams (seed, "rare.plain-split.<name>", chunk) run on `threads`
// threads; returns how many reached the event, the same for any thread count.
uint64_t run_split_system_plain(const SplitSystem& sys, uint64_t seed, uint64_t trajectories,
                                int threads = 1);

}  // namespace drsim
