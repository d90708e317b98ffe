// Named random streams: every consumer of randomness draws from its own stream.
//
// A stream's seed is derived from (root seed, stream name, replication index) by hashing, so
// adding a stream, reordering draws in another stream, or running replications on other
// threads or ranks changes no number in any other stream. Engines and distributions come
// from Boost.Random, whose algorithms are the same on every platform (std:: distributions
// are not). Nothing here reads a clock or the operating system's entropy.
#pragma once

#include <boost/random/mersenne_twister.hpp>
#include <cstdint>
#include <string_view>

#include "sim/time.h"

namespace drsim {

using Rng = boost::random::mt19937_64;

// SplitMix64 finaliser: a bijective 64-bit mix used to derive seeds.
uint64_t mix64(uint64_t x);
// FNV-1a 64-bit hash of a stream name.
uint64_t hash_name(std::string_view name);

uint64_t derive_stream_seed(uint64_t root_seed, std::string_view name, uint64_t replication);

class RandomStreams {
 public:
  RandomStreams(uint64_t root_seed, uint64_t replication)
      : root_seed_(root_seed), replication_(replication) {}

  Rng stream(std::string_view name) const {
    return Rng(derive_stream_seed(root_seed_, name, replication_));
  }
  uint64_t root_seed() const { return root_seed_; }
  uint64_t replication() const { return replication_; }

 private:
  uint64_t root_seed_;
  uint64_t replication_;
};

// Draws an exponentially distributed duration with the given mean, rounded to the
// microsecond (at least 1 us, so that a draw never schedules at the current instant).
Duration sample_exponential(Rng& rng, Duration mean);
// A uniform real in [0, 1).
double sample_unit(Rng& rng);

}  // namespace drsim
