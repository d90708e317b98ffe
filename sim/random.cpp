// Seed derivation and basic draws; see random.h.
#include "sim/random.h"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>

#include "sim/check.h"

namespace drsim {

uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t hash_name(std::string_view name) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t derive_stream_seed(uint64_t root_seed, std::string_view name, uint64_t replication) {
  // Three rounds of mixing so that nearby roots, names and replication indices give
  // unrelated seeds.
  uint64_t s = mix64(root_seed);
  s = mix64(s ^ hash_name(name));
  s = mix64(s ^ mix64(replication + 0x632be59bd9b4e019ULL));
  return s;
}

Duration sample_exponential(Rng& rng, Duration mean) {
  DRSIM_CHECK(mean > Duration::zero(), "exponential mean must be positive");
  boost::random::exponential_distribution<double> dist(1.0);
  const double us = dist(rng) * static_cast<double>(mean.us());
  // Round half away from zero (as std::round), at least 1 us. One rounding, not two: this
  // sits on the engine's hot path (every hold-model event draws one).
  const int64_t rounded = std::llround(us);
  return Duration::micros(rounded < 1 ? 1 : rounded);
}

double sample_unit(Rng& rng) {
  boost::random::uniform_01<double> dist;
  return dist(rng);
}

}  // namespace drsim
