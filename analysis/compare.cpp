// Paired what-if comparison; see compare.h.
#include "analysis/compare.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <utility>

#include "analysis/run_report.h"

namespace drsim {

bool is_significant(const PairedMetric& m) {
  return m.difference.n() >= 2 && std::fabs(m.difference.mean()) > m.difference.ci95_halfwidth();
}

void set_policy_shares(CompareResult* r, const scenario::Scenario& base,
                       const scenario::Scenario& whatif,
                       const std::array<Proportion, kDisruptionCount> (&counts)[4]) {
  r->rto_met.clear();
  r->rpo_met.clear();
  for (int d = 0; d < kDisruptionCount; ++d) {
    const size_t k = static_cast<size_t>(d);
    const auto* tb = policy_target(base.policy(), d);
    const auto* tw = policy_target(whatif.policy(), d);
    auto target = [](const scenario::Policy::Target* t, bool rto) -> std::optional<int64_t> {
      if (t == nullptr || !(rto ? t->has_rto_s() : t->has_rpo_s())) return std::nullopt;
      return rto ? t->rto_s() : t->rpo_s();
    };
    PolicyShareChange rto{kDisruptions[d], target(tb, true), target(tw, true), counts[0][k],
                          counts[2][k]};
    PolicyShareChange rpo{kDisruptions[d], target(tb, false), target(tw, false), counts[1][k],
                          counts[3][k]};
    if (rto.base_target_s || rto.whatif_target_s) r->rto_met.push_back(rto);
    if (rpo.base_target_s || rpo.whatif_target_s) r->rpo_met.push_back(rpo);
  }
}

}  // namespace drsim
