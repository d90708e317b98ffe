// The rare-event estimator (importance sampling with balanced failure biasing over a pool's
// regenerative cycles): unbiased against the Markov chain over several parameter sets and
// seeds, identical for any thread count, and loud when its likelihood ratios degenerate.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/markov.h"
#include "analysis/rare_estimate.h"
#include "cli_util.h"
#include "experiments/rare_pool.h"
#include "experiments/rare_split.h"
#include "io/errors.h"
#include "sim/model/product.h"
#include "story_util.h"
#include "test_scale.h"

using namespace drsim;
using namespace drsim::testing;

namespace {
RarePoolModel pool_model(int n, double mtbf_h, double repair_h, bool restart_at_functional) {
  const product::FunctionalQuorum q = product::functional_quorum(n);
  RarePoolModel m;
  m.pool = "pool" + std::to_string(n);
  m.servers = n;
  m.seeds = q.seed_count;
  m.required = q.required;
  m.first_start = restart_at_functional ? 0 : product::first_start_quorum(n);
  m.failure_per_s = 1 / (mtbf_h * 3600);
  m.repair_per_s = 1 / (repair_h * 3600);
  return m;
}

RareResult run(const RarePoolModel& m, uint64_t seed, uint64_t replications, uint64_t cycles,
               int threads, double bias = 0.5) {
  RareOptions o;
  o.replications = replications;
  o.cycles_per_replication = cycles;
  o.threads = threads;
  o.seed = seed;
  o.bias = bias;
  return run_rare(m, o);
}
}  // namespace

TEST_CASE("rare events: the chain's quorum loss agrees with its availability", "[rare]") {
  for (int n : {3, 5, 7}) {
    for (bool at_functional : {false, true}) {
      const double lambda = 1.0 / 100, mu = 1.0 / 7;
      const PoolQuorumLoss loss = pool_quorum_loss(n, lambda, mu, at_functional);
      CHECK(loss.unavailability ==
            Approx(1 - pool_running_availability(n, lambda, mu, at_functional)).epsilon(1e-9));
      CHECK(loss.losses_per_s > 0);
    }
  }
  // With no hysteresis the stopped fraction is the k-of-n closed form's complement.
  const double lambda = 1.0 / 5000, mu = 1.0 / 8, a = mu / (lambda + mu);
  const PoolQuorumLoss five = pool_quorum_loss(5, lambda, mu, true);
  double below3 = 0;  // P(fewer than 3 of 5 up), summed without cancellation
  for (int up = 0; up < 3; ++up)
    below3 += std::exp(std::lgamma(6) - std::lgamma(up + 1) - std::lgamma(6 - up)) *
              std::pow(a, up) * std::pow(1 - a, 5 - up);
  CHECK(five.unavailability == Approx(below3).epsilon(1e-9));
}

TEST_CASE(
    "rare events: the estimate is unbiased: the Markov value lies inside its interval at the "
    "stated rate",
    "[rare]") {
  // Four parameter sets (pool size, MTBF, repair, restart reading) from 1e-3 to 1e-10
  // unavailable, 20 seeds each. A 95 % interval misses about 1 time in 20; 80 intervals with
  // at most 10 misses fails a correct estimator with probability below 1e-3.
  const RarePoolModel models[] = {pool_model(3, 100, 7, true), pool_model(5, 5000, 8, false),
                                  pool_model(5, 1000, 24, true), pool_model(7, 5000, 8, false)};
  int trials = 0, misses = 0, event_misses = 0;
  for (const RarePoolModel& m : models) {
    const PoolQuorumLoss exact =
        pool_quorum_loss(m.servers, m.failure_per_s, m.repair_per_s, m.first_start == 0);
    for (uint64_t seed = 1; seed <= stat_size<uint64_t>(20); ++seed) {
      const RareEstimate e = estimate_rare(run(m, seed, 10, 400, 1).sums);
      REQUIRE(e.unavailability.is_known);
      ++trials;
      if (std::fabs(e.unavailability.value - exact.unavailability) > e.unavailability.ci95)
        ++misses;
      const double per_year = exact.losses_per_s * kRareSecondsPerYear;
      if (std::fabs(e.events_per_year.value - per_year) > e.events_per_year.ci95) ++event_misses;
    }
  }
  INFO(misses << " and " << event_misses << " misses in " << trials);
  CHECK(misses <= 10);
  CHECK(event_misses <= 10);
}

TEST_CASE(
    "rare events: the 5- and 7-server pools reach 10 % relative half-width and match the chain",
    "[rare]") {
  for (int n : {5, 7}) {
    const RarePoolModel m = pool_model(n, 5000, 8, false);
    RareOptions o;
    o.replications = 2000;
    o.cycles_per_replication = 1000;
    o.threads = 2;
    o.seed = 21;
    o.relative_halfwidth = 0.1;
    const RareResult r = run_rare(m, o);
    const RareEstimate e = estimate_rare(r.sums);
    const PoolQuorumLoss exact = pool_quorum_loss(n, m.failure_per_s, m.repair_per_s, false);
    INFO(n << " servers: " << e.unavailability.value << " +- " << e.unavailability.ci95
           << " vs Markov " << exact.unavailability << " after " << r.replications
           << " replications");
    CHECK(r.reached_precision);
    CHECK(e.unavailability.relative_halfwidth() <= 0.1);
    CHECK(std::fabs(e.unavailability.value - exact.unavailability) <= e.unavailability.ci95);
    CHECK_FALSE(e.is_degenerate);
    // Plain Monte Carlo over the same cycles sees (almost) nothing at these rates.
    CHECK(r.sums.plain_hits < r.sums.hits / 100 + 1);
  }
}

TEST_CASE("rare events: the figures are identical for any thread count", "[rare]") {
  const RarePoolModel m = pool_model(5, 5000, 8, false);
  const RareSums one = run(m, 9, 12, 300, 1).sums;
  for (int threads : {2, 3}) {
    const RareSums many = run(m, 9, 12, 300, threads).sums;
    CHECK(many.down_s == one.down_s);
    CHECK(many.down_s_sq == one.down_s_sq);
    CHECK(many.entries == one.entries);
    CHECK(many.cycle_s == one.cycle_s);
    CHECK(many.hits == one.hits);
    CHECK(many.plain_down_s == one.plain_down_s);
  }
  // And another seed gives other numbers (the seed reaches the streams).
  CHECK(run(m, 10, 12, 300, 1).sums.down_s != one.down_s);
}

TEST_CASE("rare events: degenerate likelihood ratios are flagged", "[rare]") {
  SECTION("one heavy cycle carrying the estimate") {
    RareSums s;
    s.biased_cycles = 1000;
    s.hits = 50;
    s.down_s = 10;
    s.down_s_sq = 90;  // one contribution of 9 and small others
    s.down_s_max = 9;
    s.entries = 1;
    s.entries_sq = 0.5;
    s.plain_cycles = 1000;
    s.cycle_s = 1000;
    s.cycle_s_sq = 1100;
    const RareEstimate e = estimate_rare(s);
    CHECK(e.is_degenerate);
    CHECK(e.warning.find("degenerate") != std::string::npos);
    CHECK(e.effective_sample_size == Approx(100.0 / 90));
  }
  SECTION("a bias far from balanced on a pool that is not highly dependable") {
    // 7 servers, MTBF 100 h, repair 48 h: a cycle often needs repairs before the loss, and
    // with failures taken 99 % of the time each repair multiplies the ratio by ~70: a few
    // cycles carry the estimate. Balanced biasing on the rare 5,000 h pool is fine.
    const RareEstimate bad =
        estimate_rare(run(pool_model(7, 100, 48, false), 3, 4, 250, 1, 0.99).sums);
    CHECK(bad.is_degenerate);
    CHECK(bad.warning.find("likelihood ratios degenerate") != std::string::npos);
    const RareEstimate good =
        estimate_rare(run(pool_model(7, 5000, 8, false), 3, 8, 250, 1, 0.5).sums);
    CHECK_FALSE(good.is_degenerate);
  }
  SECTION("a bias of 0.99 on a short MTBF: the ratios' mean shows the paths never drawn") {
    // 7 servers, MTBF 100 h, repair 25 h (a quarter of the MTBF): with one server down, a
    // repair is about 4 times as likely as a failure, but the bias draws it 1 time in 100, so
    // a cycle that needs repairs before its loss carries a ratio near 400 per repair and is
    // almost never drawn. The 20,000 cycles that are drawn look balanced (effective sample size
    // about 140, the heaviest cycle under 5 %: the checks before this one stayed silent) while
    // the estimate is about 70 % of the chain's; the mean of the whole-cycle ratios, 1 in
    // expectation under any biasing, is about 0.5, 15 standard errors short.
    const RarePoolModel m = pool_model(7, 100, 25, false);
    const RareSums sums = run(m, 5, 10, 2000, 1, 0.99).sums;
    RareSums without_ratios = sums;
    without_ratios.ratio = 0;
    without_ratios.ratio_sq = 0;
    const RareEstimate before = estimate_rare(without_ratios);
    const RareEstimate e = estimate_rare(sums);
    const PoolQuorumLoss exact = pool_quorum_loss(7, m.failure_per_s, m.repair_per_s, false);
    INFO("estimate " << e.unavailability.value << " +- " << e.unavailability.ci95 << " vs "
                     << exact.unavailability << ", ess " << e.effective_sample_size << ", share "
                     << e.max_share << ", mean ratio " << e.mean_ratio << " +- "
                     << e.mean_ratio_se);
    CHECK_FALSE(before.is_degenerate);
    CHECK(e.is_degenerate);
    CHECK(e.mean_ratio < 1 - kRareRatioTolerance);
    CHECK(e.warning.find("their mean over the biased cycles") != std::string::npos);
    // And the interval indeed misses the chain's value.
    CHECK(std::fabs(e.unavailability.value - exact.unavailability) > e.unavailability.ci95);
  }
  SECTION("balanced biasing keeps the ratios' mean at 1 over many seeds") {
    // No false alarm from the new check on healthy runs: 20 seeds on the rare pool and on the
    // short-MTBF pool at bias 0.5, where every path keeps a fair chance to be drawn.
    int alarms = 0;
    for (uint64_t seed = 1; seed <= stat_size<uint64_t>(20); ++seed) {
      for (const RarePoolModel& m :
           {pool_model(5, 5000, 8, false), pool_model(5, 100, 25, false)}) {
        const RareEstimate e = estimate_rare(run(m, seed, 4, 250, 1).sums);
        CHECK(std::fabs(e.mean_ratio - 1) < 0.2);
        alarms += e.warning.find("their mean over the biased cycles") != std::string::npos ? 1 : 0;
      }
    }
    CHECK(alarms == 0);
  }
  SECTION("nothing observed") {
    RareSums s;
    s.biased_cycles = 10;
    s.plain_cycles = 10;
    s.cycle_s = 10;
    s.cycle_s_sq = 10;
    const RareEstimate e = estimate_rare(s);
    CHECK_FALSE(e.unavailability.is_known);
    CHECK(e.is_degenerate);
  }
}

TEST_CASE("rare events: a scenario outside the method's assumptions is refused with the rule",
          "[rare]") {
  scenario::Scenario s = load_story("rare-pool5");
  CHECK(rare_pool_models(s, "pool-unavailable").size() == 1);
  s.mutable_stochastic()
      ->mutable_front_end()
      ->mutable_time_to_failure()
      ->mutable_weibull()
      ->set_shape(2);
  CHECK_THROWS_WITH(rare_pool_models(s, "pool-unavailable"), Catch::Contains("not exponential"));
  s = load_story("rare-pool5");
  s.mutable_parameters()->set_stopped_pool_restarts_automatically(false);
  CHECK_THROWS_AS(rare_pool_models(s, "pool-unavailable"), InputError);
}

TEST_CASE(
    "rare events: drsim sweep --rare prints the estimate, the chain's value and plain Monte Carlo",
    "[rare][cli]") {
  const std::string scenario = source_path("scenarios/rare-pool7.pb.txt");
  const CliOutput one =
      run_cli("sweep " + scenario + " --rare pool-unavailable --ci-halfwidth 0.1 -j 1");
  INFO(one.text);
  REQUIRE(one.code == 0);
  CHECK(one.text.find("importance sampling with balanced failure biasing") != std::string::npos);
  CHECK(one.text.find("4 of the 7 seed servers must run, 5 to start again") != std::string::npos);
  CHECK(one.text.find("Markov chain: unavailability 5.288e-10 (inside the interval)") !=
        std::string::npos);
  CHECK(one.text.find("reached the requested relative half-width") != std::string::npos);
  CHECK(one.text.find(
            "plain Monte Carlo, same number of unbiased cycles: 0 events observed; no interval") !=
        std::string::npos);
  // The same figures on two threads (the timing line aside).
  const CliOutput two =
      run_cli("sweep " + scenario + " --rare pool-unavailable --ci-halfwidth 0.1 -j 2");
  auto figures = [](const std::string& text) {
    const size_t from = text.find("quorum losses per year");
    return text.substr(from, text.find("Markov chain") - from);
  };
  CHECK(figures(two.text) == figures(one.text));
}

TEST_CASE("rare events: drsim sweep --rare refuses what it does not cover, with the rule",
          "[rare][cli]") {
  const CliOutput o = run_cli("sweep " + source_path("scenarios/mc-two-site-10y.pb.txt") +
                              " --rare pool-unavailable");
  CHECK(o.code != 0);
  CHECK(o.text.find("--rare pool-unavailable") != std::string::npos);
  CHECK(o.text.find("stochastic.site fails servers together") != std::string::npos);
  const CliOutput grid = run_cli("sweep " + source_path("scenarios/rare-pool5.pb.txt") +
                                 " --rare pool-unavailable --grid seed=1,2");
  CHECK(grid.code != 0);
  CHECK(grid.text.find("not with --rare") != std::string::npos);
}

namespace {
SplitPoolModel split_model(int n, const scenario::Distribution& fail,
                           const scenario::Distribution& repair) {
  const product::FunctionalQuorum q = product::functional_quorum(n);
  SplitPoolModel m;
  m.pool = "pool" + std::to_string(n);
  m.servers = n;
  m.seeds = q.seed_count;
  m.required = q.required;
  m.time_to_failure = fail;
  m.time_to_repair = repair;
  m.horizon = Duration::seconds(31'557'600);
  return m;
}

scenario::Distribution exponential_h(double mean_h) {
  scenario::Distribution d;
  d.mutable_exponential()->set_mean_s(mean_h * 3600);
  return d;
}

SplitResult split(const SplitPoolModel& m, uint64_t seed, uint64_t replications, uint64_t effort,
                  int threads, bool redraw_residuals = true) {
  SplitOptions o;
  o.redraw_residuals = redraw_residuals;
  o.replications = replications;
  o.effort = effort;
  o.threads = threads;
  o.seed = seed;
  return run_split(m, o);
}
}  // namespace

TEST_CASE(
    "rare events: the chain's first-loss probability within a horizon has the closed form for one "
    "server",
    "[rare]") {
  // One server, quorum one: lost at its first failure, P = 1 - exp(-lambda T).
  const double lambda = 1.0 / 5000, horizon = 8766;
  CHECK(pool_loss_within(1, lambda, 1.0 / 8, horizon) ==
        Approx(-std::expm1(-lambda * horizon)).epsilon(1e-9));
  // More servers, more repair: rarer.
  CHECK(pool_loss_within(5, 1.0 / 5000 / 3600, 1.0 / 8 / 3600, 31'557'600) <
        pool_loss_within(3, 1.0 / 5000 / 3600, 1.0 / 8 / 3600, 31'557'600));
}

TEST_CASE(
    "rare events: splitting is unbiased: the chain's value lies inside its interval at the stated "
    "rate",
    "[rare]") {
  // Three exponential parameter sets, 20 seeds each (5 under the sanitizers): 60 intervals,
  // about 3 misses expected; more than allowed_misses (8; 4 of 15) fails a correct estimator
  // with probability below 0.5 %.
  const SplitPoolModel models[] = {split_model(3, exponential_h(2000), exponential_h(24)),
                                   split_model(5, exponential_h(1000), exponential_h(24)),
                                   split_model(5, exponential_h(2000), exponential_h(24))};
  int trials = 0, misses = 0;
  for (const SplitPoolModel& m : models) {
    const double exact =
        pool_loss_within(m.servers, 1 / m.time_to_failure.exponential().mean_s(),
                         1 / m.time_to_repair.exponential().mean_s(), m.horizon.seconds_f());
    for (uint64_t seed = 1; seed <= stat_size<uint64_t>(20); ++seed) {
      const SplitResult r = split(m, seed, 30, 200, 1);
      ++trials;
      if (std::fabs(r.mean() - exact) > r.ci95()) ++misses;
    }
  }
  INFO(misses << " misses in " << trials);
  CHECK(misses <= allowed_misses(trials));
}

TEST_CASE(
    "rare events: splitting agrees with plain Monte Carlo on Weibull failures, lognormal repairs "
    "and "
    "maintenance",
    "[rare]") {
  // Scaled up (MTBF about 1,000 h, repairs about 24 h) until plain Monte Carlo sees it often.
  scenario::Distribution weibull, lognormal;
  weibull.mutable_weibull()->set_shape(1.5);
  weibull.mutable_weibull()->set_scale_s(1000 * 3600 / 0.9027);
  lognormal.mutable_lognormal()->set_median_s(20 * 3600);
  lognormal.mutable_lognormal()->set_sigma(0.6);
  SplitPoolModel m = split_model(5, weibull, lognormal);
  m.windows.push_back({0, Duration::days(3), Duration::hours(4), Duration::days(30)});
  const SplitResult r = split(m, 4, stat_size<uint64_t>(40), 500, 2);
  const uint64_t n = stat_size<uint64_t>(20000);
  const double plain = static_cast<double>(run_split_plain(m, 4, n)) / static_cast<double>(n);
  const double plain_ci = 1.96 * std::sqrt(plain * (1 - plain) / static_cast<double>(n));
  INFO("splitting " << r.mean() << " +- " << r.ci95() << ", plain " << plain << " +- " << plain_ci);
  CHECK(std::fabs(r.mean() - plain) <= std::hypot(r.ci95(), plain_ci));
  CHECK(r.ci95() < 0.1 * kStatWiden * r.mean());
  // The windows are taken into account: draining fe1 a third of the time loses quorum far
  // more often than never draining it.
  SplitPoolModel no_window = m, heavy = m;
  no_window.windows.clear();
  heavy.windows[0].duration = Duration::days(10);
  CHECK(split(heavy, 4, 20, 200, 2).mean() > 1.5 * split(no_window, 4, 20, 200, 2).mean());
}

TEST_CASE(
    "rare events: splitting clones draw their futures afresh: the same answer as plain Monte "
    "Carlo with a far smaller variance than copied futures",
    "[rare]") {
  // The 7-server pool of rare-pool7-weibull scaled up (MTBF about 1,000 h, repairs with a
  // median of 20 h) so that plain Monte Carlo sees the loss: a Weibull wear-out is not
  // memoryless, so a redraw that ignored the servers' ages would shift the estimate.
  scenario::Distribution weibull, lognormal;
  weibull.mutable_weibull()->set_shape(1.5);
  weibull.mutable_weibull()->set_scale_s(1000 * 3600 / 0.9027);
  lognormal.mutable_lognormal()->set_median_s(20 * 3600);
  lognormal.mutable_lognormal()->set_sigma(0.6);
  SplitPoolModel m = split_model(7, weibull, lognormal);
  m.windows.push_back({0, Duration::days(3), Duration::hours(4), Duration::days(30)});
  const SplitResult fresh = split(m, 6, stat_size<uint64_t>(60), 300, 2);
  const uint64_t n = stat_size<uint64_t>(40000);
  const double plain = static_cast<double>(run_split_plain(m, 6, n)) / static_cast<double>(n);
  const double plain_ci = 1.96 * std::sqrt(plain * (1 - plain) / static_cast<double>(n));
  INFO("fresh " << fresh.mean() << " +- " << fresh.ci95() << ", plain " << plain << " +- "
                << plain_ci);
  CHECK(std::fabs(fresh.mean() - plain) <= std::hypot(fresh.ci95(), plain_ci));
  // At the bundled rates (MTBF about 5,000 h, median repair 6.4 h; about 2e-6 a year) with
  // the same work, copied futures leave most replications without a loss and a wide
  // interval; fresh ones reach the loss in most replications.
  weibull.mutable_weibull()->set_scale_s(19939072);
  lognormal.mutable_lognormal()->set_median_s(23040);
  SplitPoolModel rare = split_model(7, weibull, lognormal);
  rare.windows = m.windows;
  const SplitResult rare_fresh = split(rare, 6, stat_size<uint64_t>(100), 1000, 2, true);
  const SplitResult rare_copied = split(rare, 6, stat_size<uint64_t>(100), 1000, 2, false);
  INFO("at the bundled rates: fresh " << rare_fresh.mean() << " +- " << rare_fresh.ci95() << " ("
                                      << rare_fresh.zero_replications << " without a loss), copied "
                                      << rare_copied.mean() << " +- " << rare_copied.ci95() << " ("
                                      << rare_copied.zero_replications << ")");
  CHECK(2 * rare_fresh.zero_replications < rare_copied.zero_replications);
  CHECK(rare_fresh.mean() > 0);
  CHECK((rare_copied.mean() == 0 || rare_copied.ci95() > 2 * rare_fresh.ci95()));
}

TEST_CASE("rare events: splitting gives the same figures for any thread count", "[rare]") {
  const SplitPoolModel m = split_model(5, exponential_h(1000), exponential_h(24));
  const SplitResult one = split(m, 8, 9, 100, 1);
  for (int threads : {2, 3}) {
    const SplitResult many = split(m, 8, 9, 100, threads);
    CHECK(many.sum == one.sum);
    CHECK(many.sum_sq == one.sum_sq);
    CHECK(many.stage_hits == one.stage_hits);
  }
}

TEST_CASE("rare events: drsim sweep --rare picks splitting where failures are not exponential",
          "[rare][cli]") {
  const CliOutput o = run_cli("sweep " + source_path("scenarios/rare-pool5-weibull.pb.txt") +
                              " --rare pool-unavailable -n 20 --rare-effort 200");
  INFO(o.text);
  REQUIRE(o.code == 0);
  CHECK(o.text.find("multilevel splitting") != std::string::npos);
  CHECK(o.text.find("chosen because stochastic.front_end is not exponential") != std::string::npos);
  CHECK(o.text.find("1 maintenance window(s)") != std::string::npos);
  CHECK(o.text.find("Markov chain: none for this failure model") != std::string::npos);
  CHECK(o.text.find("P(quorum lost within a year): ") != std::string::npos);
}

TEST_CASE(
    "rare events: the method can be forced, and importance sampling refuses what it cannot bias",
    "[rare][cli]") {
  const CliOutput forced = run_cli("sweep " + source_path("scenarios/rare-pool5-weibull.pb.txt") +
                                   " --rare pool-unavailable --rare-method importance");
  CHECK(forced.code != 0);
  CHECK(forced.text.find("stochastic.front_end is not exponential") != std::string::npos);
  // Splitting on the exponential pool prints the chain's first-loss probability beside it.
  const CliOutput split =
      run_cli("sweep " + source_path("scenarios/rare-pool5.pb.txt") +
              " --rare pool-unavailable --rare-method splitting -n 10 --rare-effort 100");
  INFO(split.text);
  REQUIRE(split.code == 0);
  CHECK(split.text.find("chosen because --rare-method splitting asked for it") !=
        std::string::npos);
  // 0.0001331 over 365.25 days; over the schema's year of 365 days, 0.0001331 x 365 / 365.25.
  CHECK(split.text.find("Markov chain: 0.000133 (") != std::string::npos);
}
