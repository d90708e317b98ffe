// The rare-event runner for events over several independent components: a pool's Back End
// (its SQL servers, witness and shared storage) or the two pools of a pair (their Front Ends).
// Importance sampling with balanced failure biasing over regenerative cycles, as
// experiments/rare_pool.h does for one pool's quorum, on a more general state.
//
// What it simulates, exactly: m components (m <= 62), each failing and being repaired on its
// own with exponential rates (a component with failure rate 0 never fails), grouped into
// parts. A part is either a table part, down exactly when its components' up mask is marked
// in `down_when` (a Back End with instantaneous automatic failover, a memoryless rule), or a
// quorum part, a Front End pool whose Windows Fabric stops below the functional count of its
// seed servers and starts again at the first-start count (the hysteresis of
// analysis/markov.h's pool chain). The rare event is every part down at once. A cycle starts
// and ends with every component up and no part down.
//
// Biasing, cycles and streams are those of rare_pool.h: in a state where a repair could
// happen, a failure is chosen with probability `bias`, split evenly over the components up
// that can fail, and a repair with 1 - bias, split as the repair rates; biasing stops at the
// first entry into the event. Replication r draws its biased and unbiased cycles from the
// streams (seed, "rare.biased.<name>", r) and (seed, "rare.plain.<name>", r).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/rare_estimate.h"
#include "experiments/rare_pool.h"

namespace drsim {

struct RarePart {
  std::string name;  // the pool's FQDN (both kinds: a Back End belongs to a pool)
  int first = 0;     // its components are [first, first + count)
  int count = 0;
  // Table part: 2^count entries, bit i of the index set when component first + i is up;
  // 1 marks a mask in which the part is down. Empty for a quorum part.
  std::vector<uint8_t> down_when;
  // Quorum part: its first `seeds` components are the seed servers.
  int seeds = 0;
  int required = 0;
  int first_start = 0;  // 0: it starts again with `required` seeds running
};

struct RareSystem {
  std::string name;  // names the random streams: "backend.<pool>" or "pair.<pool>+<pool>"
  std::vector<std::string> components;  // FQDNs, in bit order
  std::vector<double> failure_per_s;
  std::vector<double> repair_per_s;
  std::vector<RarePart> parts;
};

// Whether part `p` is down after a transition to `up_mask`, given whether it was down before:
// the table for a table part, quorum with hysteresis for a quorum part.
bool rare_part_down(const RarePart& p, bool was_down, uint64_t up_mask);

// The cycles of one replication: `cycles` biased and `cycles` unbiased.
RareSums run_system_replication(const RareSystem& sys, uint64_t seed, uint64_t replication,
                                uint64_t cycles, double bias);

// Replications in batches until -n or the requested relative half-width, as run_rare.
RareResult run_system_rare(const RareSystem& sys, const RareOptions& o);

}  // namespace drsim
