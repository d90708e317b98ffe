// Running paired comparisons; see compare_run.h.
#include "experiments/compare_run.h"

#include <cmath>
#include <utility>

#include "experiments/sweep_run.h"
#include "sim/limits.h"
#include "sim/simulate.h"

namespace drsim {

namespace {
// The headline figures of one replication; NaN where the replication has none (no incident
// with impact, no data lost), in which case the pair is left out of that metric.
std::vector<double> headline(const RunMetrics& m) {
  double rto_sum = 0, rto_n = 0, rpo_max = NAN, incidents = 0;
  for (const IncidentMetrics& inc : m.incidents) {
    if (inc.in_warm_up) continue;
    ++incidents;
    if (inc.had_impact) {
      rto_sum += inc.total.seconds_f();
      ++rto_n;
    }
    if (inc.lost[0])
      rpo_max =
          std::isnan(rpo_max) ? inc.rpo[0].seconds_f() : std::max(rpo_max, inc.rpo[0].seconds_f());
  }
  double downtime = 0, users = 0;
  for (const PoolMetrics& p : m.pools) {
    downtime += p.downtime_s * static_cast<double>(p.users);
    users += static_cast<double>(p.users);
  }
  const double years = m.measured.seconds_f() / static_cast<double>(kSecondsPerYear);
  return {m.user_availability, users > 0 && years > 0 ? downtime / users / years : 0,
          rto_n > 0 ? rto_sum / rto_n : NAN, rpo_max, years > 0 ? incidents / years : 0};
}
// In headline()'s order, with each metric's direction.
constexpr std::pair<const char*, bool> kMetrics[] = {{"user_availability_fraction", true},
                                                     {"downtime_per_year_s", false},
                                                     {"rto_total_mean_s", false},
                                                     {"rpo_user_data_max_s", false},
                                                     {"incidents_per_year_count", false}};
}  // namespace

CompareResult run_compare(const scenario::Scenario& base, const scenario::Scenario& whatif,
                          uint64_t seed, uint64_t replications, int threads,
                          std::atomic<bool>* stop, const ReplayHint& base_replay,
                          const ReplayHint& whatif_replay) {
  CompareResult result;
  for (const auto& [name, higher_is_better] : kMetrics)
    result.metrics.push_back(PairedMetric{name, higher_is_better, Stat(1e9), Stat(1e9), Stat(1e9)});
  // Per thread: the paired metrics and the policy counts (base RTO, base RPO, what-if RTO,
  // what-if RPO), judged as a sweep judges them.
  struct Local {
    CompareResult paired;
    std::array<Proportion, kDisruptionCount> shares[4]{};
  };
  std::array<Proportion, kDisruptionCount> shares[4]{};
  for_replications<Local>(
      0, replications, threads, stop,
      [&] {
        return Local{CompareResult{0, result.metrics, {}, {}, false}, {}};
      },
      [&](Local& local, uint64_t r) {
        // A replication cut short by either scenario's limits would compare part of a run.
        const RunMetrics ma = simulate_replication(base, seed, r, base_replay).metrics;
        const RunMetrics mb = simulate_replication(whatif, seed, r, whatif_replay).metrics;
        const std::vector<double> a = headline(ma);
        const std::vector<double> b = headline(mb);
        for (size_t k = 0; k < a.size(); ++k) {
          if (!std::isnan(a[k])) local.paired.metrics[k].base.add(a[k], r);
          if (!std::isnan(b[k])) local.paired.metrics[k].whatif.add(b[k], r);
          if (!std::isnan(a[k]) && !std::isnan(b[k]))
            local.paired.metrics[k].difference.add(b[k] - a[k], r);
        }
        for (const IncidentMetrics& inc : ma.incidents)
          judge_incident(base, inc, &local.shares[0], &local.shares[1]);
        for (const IncidentMetrics& inc : mb.incidents)
          judge_incident(whatif, inc, &local.shares[2], &local.shares[3]);
        ++local.paired.replications;
      },
      [&](Local& local) {
        result.replications += local.paired.replications;
        for (size_t k = 0; k < result.metrics.size(); ++k) {
          result.metrics[k].base.merge(local.paired.metrics[k].base);
          result.metrics[k].whatif.merge(local.paired.metrics[k].whatif);
          result.metrics[k].difference.merge(local.paired.metrics[k].difference);
        }
        for (size_t i = 0; i < 4; ++i)
          for (size_t d = 0; d < kDisruptionCount; ++d) shares[i][d].merge(local.shares[i][d]);
      });
  set_policy_shares(&result, base, whatif, shares);
  result.interrupted = stop != nullptr && stop->load();
  return result;
}

}  // namespace drsim
