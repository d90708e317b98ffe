// The analytic cross-check: closed forms reproduced exactly by the Markov chains, and Monte
// Carlo estimates inside their intervals of the chains' solutions.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/markov.h"
#include "analysis/sweep.h"
#include "experiments/sweep_run.h"
#include "story_util.h"
#include "test_scale.h"

using namespace drsim;
using namespace drsim::testing;

TEST_CASE("markov: a 2-server pool is 1-of-2 with independent repair, exactly", "[markov]") {
  // Functional 1, first start 1: no hysteresis, so the chain must equal the closed form.
  const double lambda = 1.0 / 100, mu = 1.0 / 7;
  const double a = mu / (lambda + mu);
  CHECK(pool_running_availability(2, lambda, mu) ==
        Approx(k_of_n_availability(1, 2, a)).epsilon(1e-12));
  CHECK(k_of_n_availability(1, 2, a) == Approx(1 - (1 - a) * (1 - a)).epsilon(1e-14));
}

TEST_CASE("markov: k-of-n closed form matches a birth-death chain for every k", "[markov]") {
  const int n = 6;
  const double lambda = 0.3, mu = 1.1;
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(n + 1, n + 1);
  for (int up = 0; up <= n; ++up) {
    if (up > 0) {
      q(up, up - 1) = up * lambda;
      q(up, up) -= up * lambda;
    }
    if (up < n) {
      q(up, up + 1) = (n - up) * mu;
      q(up, up) -= (n - up) * mu;
    }
  }
  const Eigen::VectorXd pi = ctmc_steady_state(q);
  for (int k = 0; k <= n; ++k) {
    double chain = 0;
    for (int up = k; up <= n; ++up) chain += pi(up);
    CHECK(chain == Approx(k_of_n_availability(k, n, mu / (lambda + mu))).epsilon(1e-12));
  }
}

TEST_CASE("markov: quorum hysteresis costs availability against the plain majority", "[markov]") {
  // A 5-server pool stops below 3 and restarts only at 4: less available than 3-of-5.
  const double lambda = 1.0 / 100, mu = 1.0 / 25, a = mu / (lambda + mu);
  const double with_hysteresis = pool_running_availability(5, lambda, mu);
  CHECK(with_hysteresis < k_of_n_availability(3, 5, a));
  CHECK(with_hysteresis > k_of_n_availability(4, 5, a));
  // Restarting at the functional count (the newer reading of a restart below first-start)
  // has no hysteresis: exactly 3-of-5.
  CHECK(pool_running_availability(5, lambda, mu, true) ==
        Approx(k_of_n_availability(3, 5, a)).epsilon(1e-12));
}

TEST_CASE("markov: Back End availability per HA mode", "[markov]") {
  scenario::BackEnd be;
  be.set_ha_mode(scenario::MIRRORING_WITH_WITNESS);
  for (auto [name, role] :
       {std::pair{"p", scenario::PRIMARY}, {"m", scenario::MIRROR}, {"w", scenario::WITNESS}}) {
    auto* s = be.add_servers();
    s->set_fqdn(name);
    s->set_role(role);
  }
  const double l = 0.1, u = 0.9, a = u / (l + u);
  // Two of three up (any two include a data node): the 2-of-3 closed form.
  CHECK(back_end_availability(be, l, u, l, u, 0, 1, false) ==
        Approx(k_of_n_availability(2, 3, a)).epsilon(1e-12));
  be.set_ha_mode(scenario::NONE);
  CHECK(back_end_availability(be, l, u, l, u, 0, 1, false) == Approx(a).epsilon(1e-12));
}

namespace {
void check_inside(const scenario::Scenario& s, uint64_t replications, int expected_checks) {
  SweepOptions o;
  o.replications = stat_size(replications);
  o.threads = 2;
  o.seed = s.seed();
  const SweepResult r = run_sweep(s, o);
  const auto checks = analytic_checks(s, r.acc);
  REQUIRE(static_cast<int>(checks.size()) == expected_checks);
  for (const AnalyticCheck& c : checks) {
    INFO(c.what << ": analytic " << c.analytic << ", Monte Carlo " << c.mc_mean << " +- "
                << c.mc_ci95);
    CHECK(c.inside());
    CHECK(c.mc_ci95 < 0.02 * kStatWiden);  // the interval is tight enough to mean something
  }
}
}  // namespace

TEST_CASE("markov: Monte Carlo agrees with the chains: 5-server pool with hysteresis and its AG",
          "[markov]") {
  // The default reading restarts a stopped pool at its functional count; the older one only
  // at the first-start count (the hysteresis).
  check_inside(load_story("markov-pool5"), 300, 2);
  scenario::Scenario s = load_story("markov-pool5");
  s.mutable_parameters()->set_restart_below_first_start(scenario::POOL_STAYS_STOPPED);
  check_inside(s, 300, 2);
}

TEST_CASE("markov: Monte Carlo agrees with the chains: 8-server pool with seed servers",
          "[markov]") {
  scenario::Scenario s = load_story("markov-pool5");
  for (int i = 6; i <= 9; ++i)
    s.mutable_pools(0)->add_front_ends()->set_fqdn("fe" + std::to_string(i) + ".contoso.com");
  s.mutable_stochastic()->clear_back_end_server();  // 9 servers (odd): the fabric alone
  s.mutable_stochastic()->clear_witness();
  check_inside(s, 300, 1);
}

TEST_CASE("markov: Monte Carlo agrees with the chains: mirroring with witness", "[markov]") {
  scenario::Scenario s = load_story("markov-pool5");
  auto* be = s.mutable_pools(0)->mutable_back_end();
  be->set_ha_mode(scenario::MIRRORING_WITH_WITNESS);
  be->mutable_servers(2)->set_role(scenario::WITNESS);
  s.mutable_stochastic()->clear_front_end();
  check_inside(s, 300, 1);
}

TEST_CASE("sweep: the statistics are identical for any thread count", "[sweep]") {
  const scenario::Scenario s = load_story("mc-two-site-10y");
  std::vector<std::vector<uint64_t>> words;
  for (int threads : {1, 2, 3}) {
    SweepOptions o;
    o.replications = 24;
    o.threads = threads;
    o.seed = 7;
    words.push_back(run_sweep(s, o).acc.serialize());
  }
  CHECK(words[0] == words[1]);
  CHECK(words[0] == words[2]);
}

TEST_CASE("sweep: a replication replays alone with the same numbers", "[sweep]") {
  const scenario::Scenario s = load_story("mc-two-site-10y");
  SweepOptions o;
  o.replications = 1;
  o.first_replication = 5;
  o.threads = 1;
  o.seed = 7;
  const SweepResult one = run_sweep(s, o);
  RunOptions ro;
  ro.seed = 7;
  ro.replication = 5;
  const RunResult logged = simulate(s, ro);  // with the full log, as `drsim run --replication 5`
  CHECK(one.acc.user_availability.mean() ==
        Approx(logged.metrics.user_availability).epsilon(1e-12));
  uint64_t impacted = 0;
  double rto_sum = 0;
  for (const IncidentMetrics& m : logged.metrics.incidents)
    if (m.had_impact && !m.in_warm_up) {
      ++impacted;
      rto_sum += m.total.seconds_f();
    }
  CHECK(one.acc.rto_s[4].n() == impacted);
  if (impacted > 0)
    CHECK(one.acc.rto_s[4].mean() == Approx(rto_sum / static_cast<double>(impacted)).epsilon(1e-6));
}

TEST_CASE("sweep: accumulators survive serialisation, as MPI sends them", "[sweep]") {
  const scenario::Scenario s = load_story("mc-two-site-10y");
  SweepOptions o;
  o.replications = 8;
  o.threads = 1;
  o.keep_rows = true;
  const SweepResult r = run_sweep(s, o);
  SweepAccumulator back(s, true);
  back.deserialize(r.acc.serialize());
  CHECK(back.serialize() == r.acc.serialize());
  CHECK(back.rto_s[4].quantile(0.95) == r.acc.rto_s[4].quantile(0.95));
  CHECK(back.measured_years == r.acc.measured_years);
  CHECK(back.user_hours_lost_per_year.mean() == r.acc.user_hours_lost_per_year.mean());
  REQUIRE(back.rows.size() == 8);
  for (size_t i = 0; i < back.rows.size(); ++i) {
    CHECK(back.rows[i].replication == r.acc.rows[i].replication);
    CHECK(back.rows[i].downtime_s_per_year == r.acc.rows[i].downtime_s_per_year);
    CHECK(back.rows[i].remote_user_hours_lost_per_year ==
          r.acc.rows[i].remote_user_hours_lost_per_year);
    CHECK(back.rows[i].events == r.acc.rows[i].events);
  }
}

TEST_CASE("sweep: the worst replications are the same however the replications are split",
          "[sweep]") {
  // Values with ties; every split into two parts, merged either way, keeps the same list.
  const std::vector<double> values = {5, 0, 7, 7, 1, 9, 3, 7, 0, 2};
  TopReplications all(3);
  for (size_t i = 0; i < values.size(); ++i) all.add(values[i], i);
  REQUIRE(all.entries().size() == 3);
  CHECK(all.entries()[0].replication == 5);  // 9
  CHECK(all.entries()[1].replication == 2);  // 7, the lowest index of the tie
  CHECK(all.entries()[2].replication == 3);
  for (size_t cut = 0; cut <= values.size(); ++cut) {
    TopReplications a(3), b(3);
    for (size_t i = 0; i < values.size(); ++i) (i < cut ? a : b).add(values[i], i);
    TopReplications ab = a, ba = b;
    ab.merge(b);
    ba.merge(a);
    for (const TopReplications* t : {&ab, &ba}) {
      REQUIRE(t->entries().size() == 3);
      for (size_t k = 0; k < 3; ++k)
        CHECK(t->entries()[k].replication == all.entries()[k].replication);
    }
  }
  // In a sweep the first of the longest-RTO list is the replication behind the maximum RTO.
  const scenario::Scenario s = load_story("mc-two-site-10y");
  SweepOptions o;
  o.replications = 30;
  o.threads = 2;
  const SweepResult r = run_sweep(s, o);
  REQUIRE(!r.acc.worst_rto.entries().empty());
  CHECK(r.acc.worst_rto.entries()[0].replication == r.acc.rto_s[4].argmax());
  CHECK(r.acc.worst_rto.entries()[0].value ==
        Approx(r.acc.rto_s[4].max()).margin(0.001));  // Stat keeps ms
  for (size_t k = 1; k < r.acc.worst_rto.entries().size(); ++k)
    CHECK(r.acc.worst_rto.entries()[k - 1].value >= r.acc.worst_rto.entries()[k].value);
}
