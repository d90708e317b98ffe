// Analytic availability models; see markov.h.
#include "analysis/markov.h"

#include <cmath>
#include <vector>

#include <unsupported/Eigen/MatrixFunctions>

#include "analysis/sweep.h"
#include "sim/check.h"
#include "sim/model/product.h"

namespace drsim {

Eigen::VectorXd ctmc_steady_state(const Eigen::MatrixXd& q) {
  const Eigen::Index n = q.rows();
  DRSIM_CHECK(n > 0 && q.cols() == n, "a generator is a non-empty square matrix");
  // pi Q = 0 with sum(pi) = 1: transpose, and replace one balance equation by the sum.
  Eigen::MatrixXd a = q.transpose();
  a.row(0).setOnes();
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
  b(0) = 1;
  return a.fullPivLu().solve(b);
}

double k_of_n_availability(int k, int n, double a) {
  double sum = 0;
  for (int j = k; j <= n; ++j)
    sum += std::exp(std::lgamma(n + 1) - std::lgamma(j + 1) - std::lgamma(n - j + 1)) *
           std::pow(a, j) * std::pow(1 - a, n - j);
  return sum;
}

namespace {
// The pool chain: state (a seeds up, b others up, running), its generator and steady state.
struct PoolChain {
  int seeds = 0, others = 0;
  Eigen::MatrixXd gen;
  Eigen::VectorXd pi;
  int index(int a, int b, int run) const { return (a * (others + 1) + b) * 2 + run; }
};

PoolChain solve_pool_chain(int n, double lambda, double mu, bool restart_at_functional) {
  const product::FunctionalQuorum q = product::functional_quorum(n);
  PoolChain c;
  c.seeds = q.seed_count;
  c.others = n - q.seed_count;
  const int seeds = c.seeds, others = c.others;
  const int f = restart_at_functional ? 0 : product::first_start_quorum(n);
  const int states = (seeds + 1) * (others + 1) * 2;
  c.gen = Eigen::MatrixXd::Zero(states, states);
  auto next_run = [&](int run, int a, int b) {
    // sfb-hadr 1.2-1.3: a running pool stops below the functional count (of its seeds); a
    // stopped one starts again only with the first-start count running.
    return run ? (a >= q.required ? 1 : 0) : (a >= q.required && a + b >= f ? 1 : 0);
  };
  for (int a = 0; a <= seeds; ++a)
    for (int b = 0; b <= others; ++b)
      for (int run = 0; run <= 1; ++run) {
        const int from = c.index(a, b, run);
        auto add = [&](int a2, int b2, double rate) {
          if (rate <= 0) return;
          const int to = c.index(a2, b2, next_run(run, a2, b2));
          c.gen(from, to) += rate;
          c.gen(from, from) -= rate;
        };
        add(a - 1, b, a * lambda);
        add(a, b - 1, b * lambda);
        add(a + 1, b, (seeds - a) * mu);
        add(a, b + 1, (others - b) * mu);
      }
  c.pi = ctmc_steady_state(c.gen);
  return c;
}
}  // namespace

double pool_running_availability(int n, double lambda, double mu, bool restart_at_functional) {
  const PoolChain c = solve_pool_chain(n, lambda, mu, restart_at_functional);
  double up = 0;
  for (int a = 0; a <= c.seeds; ++a)
    for (int b = 0; b <= c.others; ++b) up += c.pi(c.index(a, b, 1));
  return up;
}

namespace {
// Steady state by the Grassmann-Taksar-Heyman elimination over the states reachable from
// `start`: it never subtracts, so a probability of 1e-14 keeps its digits (an LU solve's
// absolute error, around 1e-16 times the condition number, would swamp it).
Eigen::VectorXd gth_steady_state(const Eigen::MatrixXd& gen, int start) {
  const int n = static_cast<int>(gen.rows());
  std::vector<int> order{start};
  std::vector<bool> seen(static_cast<size_t>(n), false);
  seen[static_cast<size_t>(start)] = true;
  for (size_t k = 0; k < order.size(); ++k)
    for (int j = 0; j < n; ++j)
      if (j != order[k] && gen(order[k], j) > 0 && !seen[static_cast<size_t>(j)]) {
        seen[static_cast<size_t>(j)] = true;
        order.push_back(j);
      }
  const int m = static_cast<int>(order.size());
  Eigen::MatrixXd p(m, m);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < m; ++j)
      p(i, j) = i == j ? 0.0 : gen(order[static_cast<size_t>(i)], order[static_cast<size_t>(j)]);
  for (int k = m - 1; k > 0; --k) {
    double out = 0;
    for (int j = 0; j < k; ++j) out += p(k, j);
    DRSIM_CHECK(out > 0, "GTH: every reachable state leads back toward the start");
    for (int i = 0; i < k; ++i) p(i, k) /= out;
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) p(i, j) += p(i, k) * p(k, j);
  }
  Eigen::VectorXd x = Eigen::VectorXd::Zero(m);
  x(0) = 1;
  for (int k = 1; k < m; ++k)
    for (int i = 0; i < k; ++i) x(k) += x(i) * p(i, k);
  x /= x.sum();
  Eigen::VectorXd pi = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < m; ++i) pi(order[static_cast<size_t>(i)]) = x(i);
  return pi;
}
}  // namespace

PoolQuorumLoss pool_quorum_loss(int n, double lambda, double mu, bool restart_at_functional) {
  PoolChain c = solve_pool_chain(n, lambda, mu, restart_at_functional);
  c.pi = gth_steady_state(c.gen, c.index(c.seeds, c.others, 1));
  PoolQuorumLoss out;
  // Summed over the stopped states directly, not as 1 - availability, which would lose the
  // digits of a 1e-10 unavailability to rounding.
  for (int a = 0; a <= c.seeds; ++a)
    for (int b = 0; b <= c.others; ++b) {
      out.unavailability += c.pi(c.index(a, b, 0));
      const int from = c.index(a, b, 1);
      for (int a2 = 0; a2 <= c.seeds; ++a2)
        for (int b2 = 0; b2 <= c.others; ++b2)
          out.losses_per_s += c.pi(from) * c.gen(from, c.index(a2, b2, 0));
    }
  return out;
}

PoolQuorumLoss independent_components_loss(const std::vector<double>& lambda,
                                           const std::vector<double>& mu,
                                           const std::vector<uint8_t>& down) {
  const size_t m = lambda.size();
  DRSIM_CHECK(m >= 1 && m <= 12 && mu.size() == m && down.size() == (size_t{1} << m),
              "an independent-components chain has 1 to 12 components and a flag per up mask");
  const int states = 1 << m;
  const int all_up = states - 1;
  Eigen::MatrixXd gen = Eigen::MatrixXd::Zero(states, states);
  for (int mask = 0; mask < states; ++mask)
    for (size_t i = 0; i < m; ++i) {
      const int bit = 1 << i;
      const double rate = (mask & bit) != 0 ? lambda[i] : mu[i];
      if (rate <= 0) continue;
      gen(mask, mask ^ bit) += rate;
      gen(mask, mask) -= rate;
    }
  const Eigen::VectorXd pi = gth_steady_state(gen, all_up);
  PoolQuorumLoss out;
  for (int mask = 0; mask < states; ++mask) {
    if (down[static_cast<size_t>(mask)] != 0) {
      out.unavailability += pi(mask);
      continue;
    }
    for (int to = 0; to < states; ++to)
      if (to != mask && down[static_cast<size_t>(to)] != 0)
        out.losses_per_s += pi(mask) * gen(mask, to);
  }
  return out;
}

PoolQuorumLoss both_down(const PoolQuorumLoss& a, const PoolQuorumLoss& b) {
  return {a.unavailability * b.unavailability,
          a.losses_per_s * b.unavailability + b.losses_per_s * a.unavailability};
}

double back_end_availability(const scenario::BackEnd& be, double server_lambda, double server_mu,
                             double witness_lambda, double witness_mu, double storage_lambda,
                             double storage_mu, bool cluster_dynamic_quorum) {
  // Independent servers with their own repair: the steady state is the product of each
  // server's availability, summed over the up/down combinations that leave the Back End
  // available (with instantaneous automatic failover where the HA mode has it).
  const int m = be.servers_size();
  DRSIM_CHECK(m <= 16, "a Back End has few servers");
  std::vector<double> avail;
  for (const auto& s : be.servers()) {
    const bool witness = s.role() == scenario::WITNESS || s.role() == scenario::FILE_SHARE_WITNESS;
    const bool storage = s.role() == scenario::SHARED_STORAGE;
    const double l = witness ? witness_lambda : storage ? storage_lambda : server_lambda;
    const double u = witness ? witness_mu : storage ? storage_mu : server_mu;
    avail.push_back(l > 0 ? u / (l + u) : 1.0);
  }
  double total = 0;
  for (int mask = 0; mask < (1 << m); ++mask) {
    double p = 1;
    int nodes_up = 0, votes = 0, votes_up = 0;
    bool principal_up = false, storage_up = true, has_fsw = false, witness_up = false;
    for (int i = 0; i < m; ++i) {
      const bool up = (mask >> i) & 1;
      p *= up ? avail[static_cast<size_t>(i)] : 1 - avail[static_cast<size_t>(i)];
      switch (be.servers(i).role()) {
        case scenario::PRIMARY:
          principal_up = up;
          [[fallthrough]];
        case scenario::MIRROR:
          nodes_up += up;
          ++votes;
          votes_up += up;
          break;
        case scenario::WITNESS:
          witness_up = up;
          break;
        case scenario::FILE_SHARE_WITNESS:
          has_fsw = true;
          ++votes;
          votes_up += up;
          break;
        case scenario::SHARED_STORAGE:
          storage_up = up;
          break;
        default:
          break;
      }
    }
    // sim/model/model_back_end.cpp cluster_quorum: a strict majority of the votes, or without
    // a file-share witness and with dynamic quorum, down to the last node.
    const bool quorum = !has_fsw && cluster_dynamic_quorum ? nodes_up >= 1 : 2 * votes_up > votes;
    bool ok = false;
    switch (be.ha_mode()) {
      case scenario::NONE:
      case scenario::MIRRORING_WITHOUT_WITNESS:
        ok = principal_up;
        break;
      case scenario::MIRRORING_WITH_WITNESS:
        ok = nodes_up >= 1 && nodes_up + (witness_up ? 1 : 0) >= 2;
        break;
      case scenario::ALWAYSON_AVAILABILITY_GROUP:
        ok = quorum && nodes_up >= 1;
        break;
      default:
        ok = storage_up && quorum && nodes_up >= 1;
        break;
    }
    if (ok) total += p;
  }
  return total;
}

double pool_loss_within(int n, double lambda, double mu, double horizon_s) {
  const product::FunctionalQuorum q = product::functional_quorum(n);
  const int seeds = q.seed_count, others = n - q.seed_count;
  // States (a seeds up, b others up) with a >= required, then one absorbing state.
  const int live = (seeds - q.required + 1) * (others + 1);
  auto index = [&](int a, int b) {
    return a < q.required ? live : (a - q.required) * (others + 1) + b;
  };
  Eigen::MatrixXd gen = Eigen::MatrixXd::Zero(live + 1, live + 1);
  for (int a = q.required; a <= seeds; ++a)
    for (int b = 0; b <= others; ++b) {
      const int from = index(a, b);
      auto add = [&](int a2, int b2, double rate) {
        if (rate <= 0) return;
        gen(from, index(a2, b2)) += rate;
        gen(from, from) -= rate;
      };
      add(a - 1, b, a * lambda);
      add(a, b - 1, b * lambda);
      add(a + 1, b, (seeds - a) * mu);
      add(a, b + 1, (others - b) * mu);
    }
  const Eigen::MatrixXd p = (gen * horizon_s).exp();
  return p(index(seeds, others), live);
}

bool AnalyticCheck::inside() const {
  return std::fabs(analytic - mc_mean) <= std::max(mc_ci95, 1e-12);
}

namespace {
bool rates(const scenario::Stochastic::FailureModel& m, double* lambda, double* mu) {
  if (!m.time_to_failure().has_exponential() || !m.time_to_repair().has_exponential()) return false;
  *lambda = 1 / m.time_to_failure().exponential().mean_s();
  *mu = 1 / m.time_to_repair().exponential().mean_s();
  return true;
}
}  // namespace

std::vector<AnalyticCheck> analytic_checks(const scenario::Scenario& s, const SweepAccumulator& a) {
  std::vector<AnalyticCheck> out;
  if (!s.has_stochastic() || a.replications < 2) return out;
  const auto& st = s.stochastic();
  // Correlated failures (sites, common causes), maintenance and the admin's actions break
  // the independence the chains assume.
  if (st.has_site() || st.common_cause_size() > 0 || st.maintenance_size() > 0 ||
      s.admin().standard_response() || s.faults_size() > 0 || s.runbook_size() > 0)
    return out;
  // A pool that never restarts by itself has no steady state to compare with.
  const bool restarts = s.parameters().stopped_pool_restarts_automatically();
  const bool at_functional =
      s.parameters().restart_below_first_start() == scenario::GROUPS_IN_QUORUM_LOSS;
  double fl = 0, fm = 0, sl = 0, sm = 0, wl = 0, wm = 0, gl = 0, gm = 0;
  const bool fe = st.has_front_end() && rates(st.front_end(), &fl, &fm);
  const bool be_servers = st.has_back_end_server() && rates(st.back_end_server(), &sl, &sm);
  const bool be_witness = !st.has_witness() || rates(st.witness(), &wl, &wm);
  const bool be_storage = !st.has_shared_storage() || rates(st.shared_storage(), &gl, &gm);
  for (int p = 0; p < s.pools_size(); ++p) {
    const auto& pool = s.pools(p);
    const int n = pool.front_ends_size();
    // An even pool's quorum also depends on its primary database (sfb-hadr 1.4).
    const bool coupled = n % 2 == 0 && n >= 4 && st.has_back_end_server();
    if (fe && !coupled && restarts) {
      out.push_back({pool.fqdn() + " Windows Fabric running",
                     pool_running_availability(n, fl, fm, at_functional),
                     a.pool_running[static_cast<size_t>(p)].mean(),
                     a.pool_running[static_cast<size_t>(p)].ci95_halfwidth()});
    }
    const bool instant = s.parameters().backend_auto_failover_s() == 0;
    if (pool.has_back_end() && (be_servers || st.has_witness() || st.has_shared_storage()) &&
        be_witness && be_storage &&
        (instant || pool.back_end().ha_mode() == scenario::NONE ||
         pool.back_end().ha_mode() == scenario::MIRRORING_WITHOUT_WITNESS)) {
      out.push_back({pool.fqdn() + " Back End available",
                     back_end_availability(pool.back_end(), sl, sm, wl, wm, gl, gm,
                                           s.parameters().cluster_dynamic_quorum()),
                     a.backend_available[static_cast<size_t>(p)].mean(),
                     a.backend_available[static_cast<size_t>(p)].ci95_halfwidth()});
    }
  }
  return out;
}

}  // namespace drsim
