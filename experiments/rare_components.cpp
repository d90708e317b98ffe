// Importance sampling of an event over independent components; see rare_components.h.
#include "experiments/rare_components.h"

#include <algorithm>
#include <bit>

#include "sim/check.h"
#include "sim/random.h"

namespace drsim {

namespace {
uint64_t low_bits(int n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

// A cycle longer than this many transitions means a broken chain, not bad luck: from any
// state the all-up state is a few repairs away.
constexpr uint64_t kMaxCycleSteps = 100'000'000;

RareCycle run_cycle(const RareSystem& sys, Rng& rng, bool biased, double bias) {
  const size_t m = sys.components.size();
  const uint64_t all_up = low_bits(static_cast<int>(m));
  uint64_t up = all_up;
  // Bit k set: part k is down. At most 64 parts (checked by the caller).
  uint64_t parts_down = 0;
  const uint64_t all_parts = low_bits(static_cast<int>(sys.parts.size()));
  RareCycle out;
  bool biasing = biased;
  for (uint64_t step = 0;; ++step) {
    DRSIM_CHECK(step < kMaxCycleSteps, "rare-event cycle never returned to all components up");
    double fail = 0, repair = 0;
    int can_fail = 0;
    for (size_t i = 0; i < m; ++i) {
      if ((up >> i) & 1) {
        fail += sys.failure_per_s[i];
        can_fail += sys.failure_per_s[i] > 0 ? 1 : 0;
      } else {
        repair += sys.repair_per_s[i];
      }
    }
    const double total = fail + repair;
    DRSIM_CHECK(total > 0, "a component state with no transition");
    const double hold_s = 1 / total;
    out.length_s += hold_s;
    if (parts_down == all_parts) out.down_s += hold_s;
    // Balanced failure biasing: every component up that can fail is equally likely to fail
    // next; failures get `bias` of the probability where a repair could happen instead.
    const bool is_biased_step = biasing && can_fail > 0;
    const double fail_share = repair > 0 ? bias : 1.0;
    auto probability = [&](size_t i) {
      const bool is_up = (up >> i) & 1;
      const double rate = is_up ? sys.failure_per_s[i] : sys.repair_per_s[i];
      if (!is_biased_step || rate <= 0) return rate / total;
      return is_up ? fail_share / can_fail : (1 - fail_share) * rate / repair;
    };
    const double u = sample_unit(rng);
    // The last possible transition takes any u that rounding leaves above the sum.
    size_t k = m;
    double acc = 0;
    for (size_t i = 0; i < m; ++i) {
      const double p = probability(i);
      if (p <= 0) continue;
      k = i;
      acc += p;
      if (u < acc) break;
    }
    DRSIM_CHECK(k < m, "picked no transition");
    if (is_biased_step) {
      const bool is_up = (up >> k) & 1;
      const double rate = is_up ? sys.failure_per_s[k] : sys.repair_per_s[k];
      out.ratio *= (rate / total) / probability(k);
    }
    up ^= uint64_t{1} << k;
    const bool was_in = parts_down == all_parts;
    uint64_t next_down = 0;
    for (size_t p = 0; p < sys.parts.size(); ++p)
      if (rare_part_down(sys.parts[p], ((parts_down >> p) & 1) != 0, up))
        next_down |= uint64_t{1} << p;
    parts_down = next_down;
    if (!was_in && parts_down == all_parts) {
      out.entries += 1;
      out.is_hit = true;
      biasing = false;  // the ratio is frozen from here to the end of the cycle
    }
    if (up == all_up && parts_down == 0) return out;
  }
}
}  // namespace

bool rare_part_down(const RarePart& p, bool was_down, uint64_t up_mask) {
  const uint64_t bits = (up_mask >> p.first) & low_bits(p.count);
  if (!p.down_when.empty()) return p.down_when[bits] != 0;
  // sfb-hadr 1.2-1.3: a running pool stops below the functional count of its seeds; a
  // stopped one starts again only with the first-start count running.
  const int seeds_up = std::popcount(bits & low_bits(p.seeds));
  if (seeds_up < p.required) return true;
  return was_down && std::popcount(bits) < p.first_start;
}

RareSums run_system_replication(const RareSystem& sys, uint64_t seed, uint64_t replication,
                                uint64_t cycles, double bias) {
  DRSIM_CHECK(bias > 0 && bias < 1, "the failure bias is a probability strictly between 0 and 1");
  DRSIM_CHECK(!sys.components.empty() && sys.components.size() <= 62 && !sys.parts.empty() &&
                  sys.parts.size() <= 64 && sys.failure_per_s.size() == sys.components.size() &&
                  sys.repair_per_s.size() == sys.components.size(),
              "a rare-event system has 1 to 62 components with a rate each and 1 to 64 parts");
  for (const RarePart& p : sys.parts)
    DRSIM_CHECK(p.down_when.empty() || p.down_when.size() == (size_t{1} << p.count),
                "a table part has one entry per up mask of its components");
  const RandomStreams streams(seed, replication);
  Rng biased = streams.stream("rare.biased." + sys.name);
  Rng plain = streams.stream("rare.plain." + sys.name);
  RareSums s;
  for (uint64_t c = 0; c < cycles; ++c) s.add_biased(run_cycle(sys, biased, true, bias));
  for (uint64_t c = 0; c < cycles; ++c) s.add_plain(run_cycle(sys, plain, false, bias));
  return s;
}

RareResult run_system_rare(const RareSystem& sys, const RareOptions& o) {
  return run_rare_batches(o, [&](uint64_t r) {
    return run_system_replication(sys, o.seed, r, o.cycles_per_replication, o.bias);
  });
}

}  // namespace drsim
