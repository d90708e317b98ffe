// The rare events beyond one pool's quorum (experiments/rare_systems.h): a pool's Back End
// unavailable and both pools of a pair down at once, by importance sampling over independent
// components. Checked against exact values derived apart from the estimator: the Back End's
// chain over its servers' up masks (and the closed-form availability of analysis/markov.h,
// written separately), the product U1 U2 and r1 U2 + r2 U1 of two pools' chains (and, for
// pools without hysteresis, the joint chain itself); plain Monte Carlo on scaled-up rates;
// identical figures for any thread count; and the command line's errors for an event the
// scenario cannot have.
//
// Hand derivation for the scaled-up AlwaysOn case below (two replicas and a file-share
// witness, each up with probability a = mu / (lambda + mu) = 0.8 when lambda = 1/4, mu = 1,
// the witness alike): the Back End is down when at least two of the three are down,
// P = 3 (0.2^2)(0.8) + 0.2^3 = 0.096 + 0.008 = 0.104.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/markov.h"
#include "analysis/rare_estimate.h"
#include "analysis/rare_report.h"
#include "cli_util.h"
#include "experiments/rare_components.h"
#include "experiments/rare_split.h"
#include "experiments/rare_systems.h"
#include "io/errors.h"
#include "io/files.h"
#include "sim/model/product.h"
#include "story_util.h"
#include "test_scale.h"

using namespace drsim;
using namespace drsim::testing;

namespace {
// Seeds per parameter set in the statistical checks: fewer under the sanitizers
// (tests/test_scale.h); the inside-interval checks keep their confidence and lose only power.
constexpr uint64_t kSeeds = stat_size<uint64_t>(20);

scenario::BackEnd back_end(scenario::HaMode mode, std::initializer_list<scenario::SqlRole> roles) {
  scenario::BackEnd be;
  be.set_ha_mode(mode);
  int i = 0;
  for (const scenario::SqlRole r : roles) {
    auto* s = be.add_servers();
    s->set_fqdn("sql" + std::to_string(++i));
    s->set_site("dc1");
    s->set_role(r);
  }
  return be;
}

// A Back End as a one-part system: SQL servers at (lambda, mu), witnesses and storage at
// (witness_lambda, witness_mu).
RareSystem back_end_system(const scenario::BackEnd& be, double lambda, double mu,
                           double witness_lambda, double witness_mu) {
  RareSystem sys;
  sys.name = "backend.test";
  RarePart part;
  part.count = be.servers_size();
  for (int i = 0; i < be.servers_size(); ++i) {
    const bool is_node =
        be.servers(i).role() == scenario::PRIMARY || be.servers(i).role() == scenario::MIRROR;
    sys.components.push_back(be.servers(i).fqdn());
    sys.failure_per_s.push_back(is_node ? lambda : witness_lambda);
    sys.repair_per_s.push_back(is_node ? mu : witness_mu);
  }
  for (uint32_t mask = 0; mask < (uint32_t{1} << part.count); ++mask)
    part.down_when.push_back(back_end_down_after_failover(be, mask, false) ? 1 : 0);
  sys.parts.push_back(part);
  return sys;
}

RarePart quorum_part(int first, int n, bool restart_at_functional) {
  const product::FunctionalQuorum q = product::functional_quorum(n);
  RarePart p;
  p.first = first;
  p.count = n;
  p.seeds = q.seed_count;
  p.required = q.required;
  p.first_start = restart_at_functional ? 0 : product::first_start_quorum(n);
  return p;
}

RareSystem pair_system(int n1, int n2, double lambda, double mu, bool restart_at_functional) {
  RareSystem sys;
  sys.name = "pair.test";
  for (int i = 0; i < n1 + n2; ++i) {
    sys.components.push_back("fe" + std::to_string(i));
    sys.failure_per_s.push_back(lambda);
    sys.repair_per_s.push_back(mu);
  }
  sys.parts.push_back(quorum_part(0, n1, restart_at_functional));
  sys.parts.push_back(quorum_part(n1, n2, restart_at_functional));
  return sys;
}

RareResult run(const RareSystem& sys, uint64_t seed, uint64_t replications, uint64_t cycles,
               int threads = 1) {
  RareOptions o;
  o.replications = replications;
  o.cycles_per_replication = cycles;
  o.threads = threads;
  o.seed = seed;
  return run_system_rare(sys, o);
}

bool inside(const RareFigure& f, double exact) {
  return f.is_known && std::fabs(f.value - exact) <= f.ci95;
}
}  // namespace

TEST_CASE(
    "rare systems: the Back End chain over up masks agrees with the closed-form availability "
    "and the hand-derived figure",
    "[rare][rare-systems]") {
  const scenario::BackEnd modes[] = {
      back_end(scenario::ALWAYSON_AVAILABILITY_GROUP,
               {scenario::PRIMARY, scenario::MIRROR, scenario::FILE_SHARE_WITNESS}),
      back_end(scenario::MIRRORING_WITH_WITNESS,
               {scenario::PRIMARY, scenario::MIRROR, scenario::WITNESS}),
      back_end(scenario::NONE, {scenario::PRIMARY}),
      back_end(scenario::SQL_FAILOVER_CLUSTERING,
               {scenario::PRIMARY, scenario::MIRROR, scenario::FILE_SHARE_WITNESS,
                scenario::SHARED_STORAGE})};
  for (const scenario::BackEnd& be : modes) {
    const RareSystem sys = back_end_system(be, 1.0 / 50, 1.0 / 4, 1.0 / 80, 1.0 / 12);
    const PoolQuorumLoss loss =
        independent_components_loss(sys.failure_per_s, sys.repair_per_s, sys.parts[0].down_when);
    INFO(scenario::HaMode_Name(be.ha_mode()));
    CHECK(loss.unavailability ==
          Approx(1 - back_end_availability(be, 1.0 / 50, 1.0 / 4, 1.0 / 80, 1.0 / 12, 1.0 / 80,
                                           1.0 / 12, false))
              .epsilon(1e-9));
    CHECK(loss.losses_per_s > 0);
  }
  // An availability group of two replicas without a file-share witness: node majority (both
  // up) without dynamic quorum, one replica enough with it; the rule and the closed form agree
  // on both readings.
  const scenario::BackEnd two =
      back_end(scenario::ALWAYSON_AVAILABILITY_GROUP, {scenario::PRIMARY, scenario::MIRROR});
  for (const bool dynamic : {false, true}) {
    std::vector<uint8_t> down;
    for (uint32_t mask = 0; mask < 4; ++mask)
      down.push_back(back_end_down_after_failover(two, mask, dynamic) ? 1 : 0);
    const double a = 0.25 / (1.0 / 50 + 0.25);
    const double u =
        independent_components_loss({1.0 / 50, 1.0 / 50}, {0.25, 0.25}, down).unavailability;
    CHECK(u == Approx(dynamic ? (1 - a) * (1 - a) : 1 - a * a).epsilon(1e-9));
    CHECK(
        u ==
        Approx(1 - back_end_availability(two, 1.0 / 50, 0.25, 0, 1, 0, 1, dynamic)).epsilon(1e-9));
  }
  const RareSystem ag = back_end_system(modes[0], 0.25, 1, 0.25, 1);
  CHECK(independent_components_loss(ag.failure_per_s, ag.repair_per_s, ag.parts[0].down_when)
            .unavailability == Approx(0.104).epsilon(1e-12));
}

TEST_CASE(
    "rare systems: the Back End estimate is unbiased: the chain's value lies inside its interval "
    "at the stated rate",
    "[rare][rare-systems]") {
  // Three Back Ends from 1e-3 to 1e-8 unavailable. A 95 % interval misses about 1 time in 20;
  // allowed_misses fails a correct estimator with probability below 0.5 %.
  const RareSystem systems[] = {
      back_end_system(back_end(scenario::ALWAYSON_AVAILABILITY_GROUP,
                               {scenario::PRIMARY, scenario::MIRROR, scenario::FILE_SHARE_WITNESS}),
                      1.0 / 10000, 1.0 / 8, 1.0 / 20000, 1.0 / 24),
      back_end_system(back_end(scenario::MIRRORING_WITH_WITNESS,
                               {scenario::PRIMARY, scenario::MIRROR, scenario::WITNESS}),
                      1.0 / 500, 1.0 / 8, 1.0 / 1000, 1.0 / 24),
      back_end_system(back_end(scenario::ALWAYSON_AVAILABILITY_GROUP,
                               {scenario::PRIMARY, scenario::MIRROR, scenario::MIRROR,
                                scenario::FILE_SHARE_WITNESS}),
                      1.0 / 20000, 1.0 / 4, 1.0 / 20000, 1.0 / 4)};
  int trials = 0, misses = 0, event_misses = 0;
  for (const RareSystem& sys : systems) {
    const PoolQuorumLoss exact =
        independent_components_loss(sys.failure_per_s, sys.repair_per_s, sys.parts[0].down_when);
    for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
      const RareEstimate e = estimate_rare(run(sys, seed, 10, 300).sums);
      REQUIRE(e.unavailability.is_known);
      ++trials;
      misses += inside(e.unavailability, exact.unavailability) ? 0 : 1;
      event_misses += inside(e.events_per_year, exact.losses_per_s * kRareSecondsPerYear) ? 0 : 1;
    }
  }
  INFO(misses << " and " << event_misses << " misses in " << trials);
  CHECK(misses <= allowed_misses(trials));
  CHECK(event_misses <= allowed_misses(trials));
}

TEST_CASE("rare systems: on scaled-up rates plain Monte Carlo, the estimate and the chain agree",
          "[rare][rare-systems]") {
  // The hand-derived AlwaysOn case above (P = 0.104): common enough that the unbiased cycles
  // alone see the event thousands of times.
  const RareSystem sys =
      back_end_system(back_end(scenario::ALWAYSON_AVAILABILITY_GROUP,
                               {scenario::PRIMARY, scenario::MIRROR, scenario::FILE_SHARE_WITNESS}),
                      0.25, 1, 0.25, 1);
  const RareResult r = run(sys, 7, 20, 500);
  const RareEstimate e = estimate_rare(r.sums);
  INFO("IS " << e.unavailability.value << " +- " << e.unavailability.ci95 << ", plain "
             << e.plain_unavailability.value << " +- " << e.plain_unavailability.ci95);
  REQUIRE(r.sums.plain_hits > 1000);
  CHECK(inside(e.plain_unavailability, 0.104));
  CHECK(inside(e.unavailability, 0.104));
  CHECK(e.plain_unavailability.relative_halfwidth() < 0.05);
}

TEST_CASE(
    "rare systems: both pools of a pair: the product of the pools' chains is the joint chain's "
    "value, and the estimate holds it",
    "[rare][rare-systems]") {
  // Without hysteresis a pool's state is memoryless, so the joint chain over both pools' up
  // masks is an independent-components chain: its exact value checks the product formula.
  const double lambda = 1.0 / 50, mu = 1.0 / 4;
  RareSystem joint = pair_system(3, 3, lambda, mu, true);
  RarePart table;
  table.count = 6;
  for (uint32_t mask = 0; mask < 64; ++mask)
    table.down_when.push_back(rare_part_down(joint.parts[0], false, mask) &&
                                      rare_part_down(joint.parts[1], false, mask)
                                  ? 1
                                  : 0);
  const PoolQuorumLoss direct =
      independent_components_loss(joint.failure_per_s, joint.repair_per_s, table.down_when);
  const PoolQuorumLoss one = pool_quorum_loss(3, lambda, mu, true);
  const PoolQuorumLoss product = both_down(one, one);
  CHECK(product.unavailability == Approx(direct.unavailability).epsilon(1e-9));
  CHECK(product.losses_per_s == Approx(direct.losses_per_s).epsilon(1e-9));

  // The estimate against the product over three pairs (with and without hysteresis, up to
  // 1e-14 unavailable), several seeds each.
  struct Pair {
    int n1, n2;
    double mtbf_h, repair_h;
    bool at_functional;
  };
  const Pair pairs[] = {{3, 3, 50, 4, true}, {3, 5, 1000, 8, false}, {5, 5, 5000, 8, false}};
  int trials = 0, misses = 0, event_misses = 0;
  for (const Pair& p : pairs) {
    const double l = 1 / (p.mtbf_h * 3600), m = 1 / (p.repair_h * 3600);
    const PoolQuorumLoss exact = both_down(pool_quorum_loss(p.n1, l, m, p.at_functional),
                                           pool_quorum_loss(p.n2, l, m, p.at_functional));
    const RareSystem sys = pair_system(p.n1, p.n2, l, m, p.at_functional);
    for (uint64_t seed = 1; seed <= kSeeds / 2; ++seed) {
      const RareEstimate e = estimate_rare(run(sys, seed, 10, 300).sums);
      INFO(p.n1 << "+" << p.n2 << " seed " << seed << ": " << e.unavailability.value << " +- "
                << e.unavailability.ci95 << " vs " << exact.unavailability);
      REQUIRE(e.unavailability.is_known);
      ++trials;
      misses += inside(e.unavailability, exact.unavailability) ? 0 : 1;
      event_misses += inside(e.events_per_year, exact.losses_per_s * kRareSecondsPerYear) ? 0 : 1;
    }
  }
  INFO(misses << " and " << event_misses << " misses in " << trials);
  CHECK(misses <= allowed_misses(trials));
  CHECK(event_misses <= allowed_misses(trials));
}

TEST_CASE("rare systems: the figures are identical for any thread count", "[rare][rare-systems]") {
  const RareSystem sys = pair_system(3, 5, 1 / (1000 * 3600.0), 1 / (8 * 3600.0), false);
  const RareSums one = run(sys, 9, 12, 200, 1).sums;
  for (int threads : {2, 3}) {
    const RareSums many = run(sys, 9, 12, 200, threads).sums;
    CHECK(many.down_s == one.down_s);
    CHECK(many.down_s_sq == one.down_s_sq);
    CHECK(many.entries == one.entries);
    CHECK(many.cycle_s == one.cycle_s);
    CHECK(many.hits == one.hits);
    CHECK(many.ratio == one.ratio);
    CHECK(many.plain_down_s == one.plain_down_s);
  }
  CHECK(run(sys, 10, 12, 200, 1).sums.down_s != one.down_s);
}

TEST_CASE("rare systems: the scenario builders refuse what they do not cover, naming the rule",
          "[rare][rare-systems]") {
  const scenario::Scenario pool5 = load_story("rare-pool5");
  // No backup_pool anywhere: no pair to lose.
  CHECK_THROWS_WITH(pair_cases(pool5, "pair-unavailable"),
                    Catch::Contains("--rare pair-unavailable") && Catch::Contains("backup_pool"));
  // No Back End failure model: the Back End never fails.
  CHECK_THROWS_WITH(back_end_cases(pool5, "backend-unavailable"),
                    Catch::Contains("back_end_server"));
  scenario::Scenario weibull = load_story("rare-backend");
  weibull.mutable_stochastic()
      ->mutable_back_end_server()
      ->mutable_time_to_failure()
      ->mutable_weibull()
      ->set_shape(1.5);
  weibull.mutable_stochastic()
      ->mutable_back_end_server()
      ->mutable_time_to_failure()
      ->mutable_weibull()
      ->set_scale_s(3.6e7);
  CHECK_THROWS_WITH(back_end_cases(weibull, "backend-unavailable"),
                    Catch::Contains("stochastic.back_end_server is not exponential"));
  // The scenarios' own cases: two Back Ends of three servers, one pair of ten Front Ends.
  const std::vector<RareSystemCase> be = back_end_cases(load_story("rare-backend"), "x");
  REQUIRE(be.size() == 2);
  CHECK(be[0].system.components.size() == 3);
  CHECK(be[1].subject.find("MIRRORING_WITH_WITNESS") == 0);
  const std::vector<RareSystemCase> pair = pair_cases(load_story("rare-pair5"), "x");
  REQUIRE(pair.size() == 1);
  CHECK(pair[0].label == "pool1.contoso.com + pool2.contoso.com");
  CHECK(pair[0].system.components.size() == 10);
  CHECK(pair[0].system.parts[1].first_start == product::first_start_quorum(5));
}

TEST_CASE(
    "rare systems: the command line estimates the Back End and the pair, and refuses an event "
    "the scenario cannot have",
    "[rare][rare-systems][cli]") {
  const std::string dir = scratch_dir("rare-systems").string();
  const CliOutput be =
      run_cli(source_path("scenarios/rare-backend.pb.txt")
                  .insert(0, "sweep ")
                  .append(" --rare backend-unavailable -n 20 --rare-cycles 200 -j 2 --json ")
                  .append(dir)
                  .append("/be.json --report ")
                  .append(dir));
  INFO(be.text);
  CHECK(be.code == 0);
  CHECK(be.text.find("rare event: Back End unavailable") != std::string::npos);
  CHECK(be.text.find("Markov chain over the servers' up masks") != std::string::npos);
  CHECK(be.text.find("plain Monte Carlo, same number of unbiased cycles") != std::string::npos);
  CHECK(std::filesystem::exists(dir + "/rare.html"));
  const RareReport read = read_rare_json(read_file(dir + "/be.json", 1 << 20), "be.json");
  CHECK(read.event == "backend-unavailable");
  REQUIRE(read.pools.size() == 2);
  CHECK(read.pools[0].quantities[0].label == "Back End losses per year");
  CHECK(read.pools[0].quantities[0].markov.has_value());

  const CliOutput pair = run_cli(source_path("scenarios/rare-pair5.pb.txt")
                                     .insert(0, "sweep ")
                                     .append(" --rare pair-unavailable -n 4 --rare-cycles 200"));
  INFO(pair.text);
  CHECK(pair.code == 0);
  CHECK(pair.text.find("product of the two pools' chains") != std::string::npos);

  const CliOutput unpaired = run_cli(source_path("scenarios/rare-pool5.pb.txt")
                                         .insert(0, "sweep ")
                                         .append(" --rare pair-unavailable -n 2"));
  INFO(unpaired.text);
  CHECK(unpaired.code != 0);
  CHECK(unpaired.text.find("--rare pair-unavailable") != std::string::npos);
  CHECK(unpaired.text.find("no pool names a backup_pool") != std::string::npos);

  // Splitting is accepted for these events too (tests/test_rare_split_systems.cpp).
  const CliOutput split =
      run_cli(source_path("scenarios/rare-backend.pb.txt")
                  .insert(0, "sweep ")
                  .append(" --rare backend-unavailable --rare-method splitting -n 2 "
                          "--rare-effort 50"));
  INFO(split.text);
  CHECK(split.code == 0);
  CHECK(split.text.find("fixed-effort multilevel splitting") != std::string::npos);
}

TEST_CASE("rare splitting: plain Monte Carlo's count is the same for any thread count",
          "[rare][rare-systems]") {
  // A 3-server pool failing every 200 h on average and repaired in 20 h: losses within a year
  // are common, so the count is far from 0 and any change of stream would show.
  scenario::Distribution fail, repair;
  fail.mutable_exponential()->set_mean_s(200 * 3600);
  repair.mutable_exponential()->set_mean_s(20 * 3600);
  SplitPoolModel m;
  m.pool = "pool3";
  m.servers = 3;
  m.seeds = 3;
  m.required = 2;
  m.time_to_failure = fail;
  m.time_to_repair = repair;
  const uint64_t one = run_split_plain(m, 5, 9000, 1);
  CHECK(one > 100);
  CHECK(run_split_plain(m, 5, 9000, 2) == one);
  CHECK(run_split_plain(m, 5, 9000, 3) == one);
}

TEST_CASE("rare systems: the unbiasedness checks allow the binomial's 99.5 % count of misses",
          "[rare][rare-systems]") {
  // P(more than k of n 95 % intervals miss) < 0.5 %, the least such k (by hand from the
  // binomial tail: n = 60 gives P(X > 8) = 0.0028 and P(X > 7) = 0.0098).
  CHECK(allowed_misses(60) == 8);
  CHECK(allowed_misses(30) == 5);
  CHECK(allowed_misses(20) == 4);
  CHECK(allowed_misses(15) == 4);
  CHECK(allowed_misses(6) == 2);
}
