// Importance sampling of a pool's quorum loss; see rare_pool.h.
#include "experiments/rare_pool.h"

#include <algorithm>
#include <chrono>

#include "experiments/sweep_run.h"
#include "io/errors.h"
#include "sim/check.h"
#include "sim/model/product.h"
#include "sim/random.h"

namespace drsim {

namespace {
bool exponential_rates(const scenario::Stochastic::FailureModel& f, double* lambda, double* mu) {
  if (!f.time_to_failure().has_exponential() || !f.time_to_repair().has_exponential()) return false;
  *lambda = 1 / f.time_to_failure().exponential().mean_s();
  *mu = 1 / f.time_to_repair().exponential().mean_s();
  return true;
}

// The pool's state: seed servers up, other servers up, and whether Windows Fabric runs.
struct PoolState {
  int seeds_up = 0;
  int others_up = 0;
  bool is_running = true;
};

bool runs_after(const RarePoolModel& m, bool was_running, int seeds_up, int others_up) {
  if (seeds_up < m.required) return false;
  return was_running || seeds_up + others_up >= m.first_start;
}

// A cycle longer than this many transitions means a broken chain, not bad luck: from any
// state the all-up state is a few repairs away.
constexpr uint64_t kMaxCycleSteps = 100'000'000;

RareCycle run_cycle(const RarePoolModel& m, Rng& rng, bool biased, double bias) {
  const int others = m.servers - m.seeds;
  PoolState st{m.seeds, others, true};
  RareCycle out;
  bool biasing = biased;
  for (uint64_t step = 0;; ++step) {
    DRSIM_CHECK(step < kMaxCycleSteps, "rare-event cycle never returned to all servers up");
    // Transitions: a seed fails, another server fails, a seed is repaired, another is.
    const double rate[4] = {st.seeds_up * m.failure_per_s, st.others_up * m.failure_per_s,
                            (m.seeds - st.seeds_up) * m.repair_per_s,
                            (others - st.others_up) * m.repair_per_s};
    const double fail = rate[0] + rate[1], repair = rate[2] + rate[3], total = fail + repair;
    DRSIM_CHECK(total > 0, "a pool state with no transition");
    const double hold_s = 1 / total;
    out.length_s += hold_s;
    if (!st.is_running) out.down_s += hold_s;
    double p[4];
    if (biasing && fail > 0) {
      // Balanced failure biasing: every up server equally likely to fail next; failures get
      // `bias` of the probability where a repair could happen instead.
      const double up = st.seeds_up + st.others_up;
      const double share = repair > 0 ? bias : 1.0;
      p[0] = share * st.seeds_up / up;
      p[1] = share * st.others_up / up;
      p[2] = repair > 0 ? (1 - share) * rate[2] / repair : 0;
      p[3] = repair > 0 ? (1 - share) * rate[3] / repair : 0;
    } else {
      for (int k = 0; k < 4; ++k) p[k] = rate[k] / total;
    }
    const double u = sample_unit(rng);
    // The last possible transition takes any u that rounding leaves above the sum.
    int k = -1;
    double acc = 0;
    for (int j = 0; j < 4; ++j) {
      if (p[j] <= 0) continue;
      k = j;
      acc += p[j];
      if (u < acc) break;
    }
    DRSIM_CHECK(k >= 0 && rate[k] > 0, "picked a transition that cannot happen");
    if (biasing) out.ratio *= (rate[k] / total) / p[k];
    switch (k) {
      case 0:
        --st.seeds_up;
        break;
      case 1:
        --st.others_up;
        break;
      case 2:
        ++st.seeds_up;
        break;
      default:
        ++st.others_up;
        break;
    }
    const bool was_running = st.is_running;
    st.is_running = runs_after(m, was_running, st.seeds_up, st.others_up);
    if (was_running && !st.is_running) {
      out.entries += 1;
      out.is_hit = true;
      biasing = false;  // the ratio is frozen from here to the end of the cycle
    }
    if (st.is_running && st.seeds_up == m.seeds && st.others_up == others) return out;
  }
}
}  // namespace

std::vector<RarePoolModel> rare_pool_models(const scenario::Scenario& s, const std::string& what) {
  const std::string flag = "--rare " + what;
  const std::string not_covered =
      ": the importance-sampling estimator covers independent, exponential Front End failures "
      "and repairs only (--rare-method splitting covers other distributions and maintenance)";
  if (!s.has_stochastic() || !s.stochastic().has_front_end())
    throw InputError(flag, "the scenario has no stochastic.front_end failure model" + not_covered);
  const auto& st = s.stochastic();
  double lambda = 0, mu = 0;
  if (!exponential_rates(st.front_end(), &lambda, &mu))
    throw InputError(
        flag, "stochastic.front_end is not exponential in both time_to_failure and time_to_repair" +
                  not_covered);
  if (st.has_site()) throw InputError(flag, "stochastic.site fails servers together" + not_covered);
  if (st.common_cause_size() > 0)
    throw InputError(flag, "stochastic.common_cause fails servers together" + not_covered);
  if (st.maintenance_size() > 0)
    throw InputError(flag, "stochastic.maintenance drains servers on a schedule" + not_covered);
  if (s.faults_size() > 0 || s.runbook_size() > 0 || s.admin().standard_response())
    throw InputError(flag,
                     "scripted faults, runbooks and the admin's standard response act on the pool" +
                         not_covered);
  if (!s.parameters().stopped_pool_restarts_automatically())
    throw InputError(
        flag,
        "parameters.stopped_pool_restarts_automatically is false: a stopped pool never "
        "comes back by itself, so the process has no cycles to sample");
  const bool at_functional =
      s.parameters().restart_below_first_start() == scenario::GROUPS_IN_QUORUM_LOSS;
  std::vector<RarePoolModel> out;
  for (const auto& pool : s.pools()) {
    const int n = pool.front_ends_size();
    // An even pool's quorum also depends on its primary database (sfb-hadr 1.4): not this chain.
    if (n < 1 || (n % 2 == 0 && n >= 4 && st.has_back_end_server())) continue;
    const product::FunctionalQuorum q = product::functional_quorum(n);
    RarePoolModel m;
    m.pool = pool.fqdn();
    m.servers = n;
    m.seeds = q.seed_count;
    m.required = q.required;
    m.first_start = at_functional ? 0 : product::first_start_quorum(n);
    m.failure_per_s = lambda;
    m.repair_per_s = mu;
    out.push_back(m);
  }
  if (out.empty())
    throw InputError(flag,
                     "no pool qualifies: an even pool of 4 or more Front Ends with Back End server "
                     "failures has a quorum that also depends on its primary database");
  return out;
}

RareSums run_rare_replication(const RarePoolModel& m, uint64_t seed, uint64_t replication,
                              uint64_t cycles, double bias) {
  DRSIM_CHECK(bias > 0 && bias < 1, "the failure bias is a probability strictly between 0 and 1");
  const RandomStreams streams(seed, replication);
  Rng biased = streams.stream("rare.biased." + m.pool);
  Rng plain = streams.stream("rare.plain." + m.pool);
  RareSums s;
  for (uint64_t c = 0; c < cycles; ++c) s.add_biased(run_cycle(m, biased, true, bias));
  for (uint64_t c = 0; c < cycles; ++c) s.add_plain(run_cycle(m, plain, false, bias));
  return s;
}

RareResult run_rare(const RarePoolModel& m, const RareOptions& o) {
  return run_rare_batches(o, [&](uint64_t r) {
    return run_rare_replication(m, o.seed, r, o.cycles_per_replication, o.bias);
  });
}

RareResult run_rare_batches(const RareOptions& o, const std::function<RareSums(uint64_t)>& one) {
  DRSIM_CHECK(o.batch > 0 && o.cycles_per_replication > 0, "rare-event batches are not empty");
  RareResult result;
  const auto t0 = std::chrono::steady_clock::now();
  for (uint64_t begin = 0; begin < o.replications;) {
    const uint64_t end = std::min(o.replications, begin + o.batch);
    std::vector<RareSums> batch(end - begin);
    for_replications<int>(
        begin, end, o.threads, o.stop, [] { return 0; },
        [&](int&, uint64_t r) { batch[r - begin] = one(r); }, [](int&) {});
    if (o.stop != nullptr && o.stop->load()) {
      // Keep only the replications that finished in order, so that the figures still
      // describe replications 0 .. k-1.
      result.interrupted = true;
      for (const RareSums& s : batch) {
        if (s.biased_cycles == 0) break;
        result.sums.add(s);
        ++result.replications;
      }
      break;
    }
    for (const RareSums& s : batch) result.sums.add(s);
    result.replications = end;
    begin = end;
    if (o.relative_halfwidth > 0) {
      const RareEstimate e = estimate_rare(result.sums);
      if (e.unavailability.is_known && !e.is_degenerate &&
          e.unavailability.relative_halfwidth() <= o.relative_halfwidth &&
          e.events_per_year.relative_halfwidth() <= o.relative_halfwidth) {
        result.reached_precision = true;
        break;
      }
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace drsim
