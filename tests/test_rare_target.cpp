// A policy target missed as a rare event (experiments/rare_target.h, cli/cmd_rare_target.cpp):
// rate of misses = rate of quorum losses x P(miss | a quorum loss), the second factor from the
// whole engine run from a scripted quorum loss.
//
// The scenario is rare-pair5 (two paired 5-server pools) with the admin's standard response,
// a server RTO target of 1 h and Front End repairs of 1,000 h on average, so that a stopped
// pool practically never starts again by itself within the hour (it needs two of its three
// failed servers back: about 3 (1 - exp(-1/1000))^2 = 3e-6 per loss), and an MTBF of 500,000 h,
// so that the other servers are up when the pool falls (each down 2e-3 of the time) and no
// other failure joins the incident. Derived by hand:
//
// - The admin notices at once (detect 0) and decides after the decide delay D; the standard
//   response then fails the stopped pool over to its partner (Invoke-CsPoolFailover
//   -DisasterMode, parameters.pool_failover_s = 1,050 s), and its users are back when they
//   have signed in to the partner (parameters.client_sign_in_s = 120 s): RTO = D + 1,170 s
//   (kRecoveryS below; the first test checks it on a run).
// - D fixed at 2 h (> 1 h - 1,170 s): every loss misses the 1 h target, P(miss | loss) = 1, and
//   the miss rate is the rate of quorum losses itself.
// - D fixed at 60 s: RTO = 1,230 s < 3,600 s, no loss misses: P(miss | loss) = 0, and the miss
//   rate's interval is [0, r x the Agresti-Coull upper end].
// - D exponential with mean 2,000 s: a miss is D > 3,600 - 1,170 = 2,430 s, so
//   P(miss | loss) = exp(-2,430 / 2,000) = exp(-1.215) = 0.2967.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/markov.h"
#include "analysis/rare_estimate.h"
#include "analysis/rare_report.h"
#include "cli_util.h"
#include "experiments/rare_pool.h"
#include "experiments/rare_target.h"
#include "io/errors.h"
#include "io/files.h"
#include "story_util.h"
#include "test_scale.h"

using namespace drsim;
using namespace drsim::testing;

namespace {
constexpr int64_t kTargetS = 3600;
constexpr int64_t kFailoverS = 1050;
constexpr int64_t kSignInS = 120;
constexpr int64_t kRecoveryS = kFailoverS + kSignInS;

scenario::Scenario target_scenario() {
  scenario::Scenario s = load_story("rare-pair5");
  s.mutable_policy()->mutable_server()->set_rto_s(kTargetS);
  s.mutable_admin()->set_standard_response(true);
  s.mutable_admin()->mutable_detect_delay()->set_fixed_s(0);
  auto* fe = s.mutable_stochastic()->mutable_front_end();
  fe->mutable_time_to_failure()->mutable_exponential()->set_mean_s(5e5 * 3600);
  fe->mutable_time_to_repair()->mutable_exponential()->set_mean_s(1000.0 * 3600);
  return s;
}

scenario::Scenario with_fixed_decide(double decide_s) {
  scenario::Scenario s = target_scenario();
  s.mutable_admin()->mutable_decide_delay()->set_fixed_s(decide_s);
  return s;
}

TriggeredResult triggered(const scenario::Scenario& s, uint64_t runs, uint64_t seed,
                          int threads = 1) {
  const std::vector<TargetTrigger> t = target_triggers(s, false, "rto-target-missed");
  REQUIRE(t.size() == 2);
  TriggeredOptions o;
  o.runs = runs;
  o.seed = seed;
  o.threads = threads;
  return run_triggered_batches(s, t[0], o);
}
}  // namespace

TEST_CASE("rare target: a triggered run's quorum loss is recovered by the standard failover",
          "[rare][rare-target]") {
  // The hand derivation's RTO: D + pool_failover_s, on one run with D fixed at 60 s.
  const scenario::Scenario s = with_fixed_decide(60);
  REQUIRE(s.parameters().pool_failover_s() == kFailoverS);
  REQUIRE(s.parameters().client_sign_in_s() == kSignInS);
  const std::vector<TargetTrigger> t = target_triggers(s, false, "rto-target-missed");
  REQUIRE(t[0].down_at_loss == 3);
  int64_t at_s = 0;
  const scenario::Scenario run = triggered_scenario(s, t[0], 7, 0, &at_s);
  REQUIRE(run.faults_size() == 3);
  CHECK(run.faults(0).at_s() == at_s);
  CHECK(run.horizon_s() == at_s + kTriggerFollowS);
  RunOptions o;
  o.seed = 7;
  const RunResult r = simulate(run, o);
  const IncidentMetrics* incident = nullptr;
  for (const IncidentMetrics& inc : r.metrics.incidents)
    if (inc.start == Instant::origin() + Duration::seconds(at_s)) incident = &inc;
  REQUIRE(incident != nullptr);
  CHECK(incident->disruption == "server");
  CHECK(incident->had_impact);
  CHECK(incident->decide.seconds_f() == Approx(60));
  CHECK(incident->execute.seconds_f() == Approx(kFailoverS));
  CHECK(incident->total.seconds_f() == Approx(60 + kRecoveryS));
}

TEST_CASE("rare target: a decide delay beyond the RTO target misses after every quorum loss",
          "[rare][rare-target]") {
  const scenario::Scenario s = with_fixed_decide(7200);
  const uint64_t runs = stat_size<uint64_t>(200);
  const TriggeredResult r = triggered(s, runs, 3);
  CHECK(r.runs == runs);
  CHECK(r.rto_judged == runs);
  CHECK(r.rto_missed.k == runs);
  // The miss rate is the trigger's rate, inside the trigger's interval, which holds the chain.
  const std::vector<TargetTrigger> t = target_triggers(s, false, "rto-target-missed");
  RareOptions o;
  o.replications = stat_size<uint64_t>(40);
  o.seed = 3;
  const RareEstimate e = estimate_rare(run_rare(t[0].chain, o).sums);
  const RareFigure rate = rare_product(e.events_per_year, miss_probability(r.rto_missed));
  CHECK(rate.value == e.events_per_year.value);
  CHECK(rate.ci95 >= e.events_per_year.ci95);
  const PoolQuorumLoss chain =
      pool_quorum_loss(5, t[0].chain.failure_per_s, t[0].chain.repair_per_s, false);
  CHECK(std::fabs(rate.value - chain.losses_per_s * kRareSecondsPerYear) <= rate.ci95);
}

TEST_CASE("rare target: a decide delay well short of the RTO target never misses",
          "[rare][rare-target]") {
  const uint64_t runs = stat_size<uint64_t>(200);
  const TriggeredResult r = triggered(with_fixed_decide(60), runs, 4);
  CHECK(r.rto_judged == runs);
  CHECK(r.rto_missed.k == 0);
  // No miss seen is not certainty: the interval stays open above 0.
  const RareFigure p = miss_probability(r.rto_missed);
  CHECK(p.value == 0);
  CHECK(p.ci95 > 0);
  CHECK(p.ci95 < 0.05 * kStatWiden);  // a quarter of the runs under the sanitizers
  const RareFigure rate = rare_product({1e-3, 1e-4, true}, p);
  CHECK(rate.value == 0);
  CHECK(rate.ci95 > 0);
}

TEST_CASE("rare target: an exponential decide delay misses at its tail probability",
          "[rare][rare-target]") {
  scenario::Scenario s = target_scenario();
  const double mean_s = 2000;
  s.mutable_admin()->mutable_decide_delay()->mutable_exponential()->set_mean_s(mean_s);
  const double exact = std::exp(-static_cast<double>(kTargetS - kRecoveryS) / mean_s);
  REQUIRE(exact == Approx(0.2967).epsilon(1e-3));
  const int seeds = stat_size<int>(12);
  const uint64_t runs = stat_size<uint64_t>(100);
  int outside = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    const TriggeredResult r = triggered(s, runs, static_cast<uint64_t>(seed));
    const RareFigure p = miss_probability(r.rto_missed);
    if (std::fabs(p.value - exact) > p.ci95) ++outside;
  }
  CHECK(outside <= allowed_misses(seeds));
}

TEST_CASE("rare target: triggered runs give the same figures on any thread count",
          "[rare][rare-target]") {
  scenario::Scenario s = target_scenario();
  s.mutable_admin()->mutable_decide_delay()->mutable_exponential()->set_mean_s(2000);
  const uint64_t runs = stat_size<uint64_t>(40);
  const TriggeredResult one = triggered(s, runs, 11, 1);
  const TriggeredResult two = triggered(s, runs, 11, 2);
  CHECK(one.rto_missed.k == two.rto_missed.k);
  CHECK(one.rto_missed.n == two.rto_missed.n);
  CHECK(one.rpo_missed.k == two.rpo_missed.k);
}

TEST_CASE("rare target: the product of independent estimates adds their relative variances",
          "[rare][rare-target]") {
  // r = 2 +- 1.96 * 0.2, p = 0.5 +- 1.96 * 0.05: var = 4 * 0.0025 + 0.25 * 0.04 + 0.04 *
  // 0.0025 = 0.0201, half-width 1.96 * sqrt(0.0201).
  const RareFigure rate{2, 1.959963984540054 * 0.2, true}, p{0.5, 1.959963984540054 * 0.05, true};
  const RareFigure m = rare_product(rate, p);
  CHECK(m.value == Approx(1));
  CHECK(m.ci95 == Approx(1.959963984540054 * std::sqrt(0.0201)));
  const RareFigure sum = rare_sum({m, m});
  CHECK(sum.value == Approx(2));
  CHECK(sum.ci95 == Approx(1.959963984540054 * std::sqrt(2 * 0.0201)));
  CHECK_FALSE(rare_product(RareFigure{}, p).is_known);
  // Agresti-Coull: 0 of 100 gives q = 2 / 104, half-width 1.96 sqrt(q (1 - q) / 104).
  const RareFigure none = miss_probability(Proportion{100, 0});
  const double q = 2.0 / 104;
  CHECK(none.ci95 == Approx(1.959963984540054 * std::sqrt(q * (1 - q) / 104)));
}

TEST_CASE(
    "rare target: a scenario without the target, with scripted faults or a runbook is refused by "
    "rule",
    "[rare][rare-target]") {
  scenario::Scenario s = with_fixed_decide(60);
  CHECK_THROWS_AS(target_triggers(s, true, "rpo-target-missed"), InputError);
  scenario::Scenario with_fault = s;
  add_fault(with_fault, 100, "fe1.pool1.contoso.com", 60);
  CHECK_THROWS_AS(target_triggers(with_fault, false, "rto-target-missed"), InputError);
  scenario::Scenario with_runbook = s;
  auto* step = with_runbook.add_runbook();
  step->set_cmdlet(scenario::INVOKE_CS_POOL_FAILOVER);
  step->set_after_detect(true);
  step->set_pool_fqdn("pool1.contoso.com");
  CHECK_THROWS_AS(target_triggers(with_runbook, false, "rto-target-missed"), InputError);
  CHECK_NOTHROW(target_triggers(s, false, "rto-target-missed"));
  const CliOutput out = run_cli("sweep " + source_path("scenarios/rare-pair5.pb.txt") +
                                " --rare rto-target-missed -n 2");
  CHECK(out.code == 2);
  CHECK_THAT(out.text, Catch::Contains("policy.server.rto_s is not set"));
}

TEST_CASE("rare target: the command prints, writes and reads back the decomposition",
          "[rare][rare-target]") {
  const auto dir = scratch_dir("rare-target-cli");
  const std::string path = (dir / "target.pb.txt").string();
  write_file_atomically(path, with_fixed_decide(7200).DebugString());
  const std::string json = (dir / "rare.json").string();
  const CliOutput out =
      run_cli("sweep " + path + " --rare rto-target-missed -n 3 --rare-cycles 200 -j 2 --json " +
              json + " --report " + dir.string());
  INFO(out.text);
  REQUIRE(out.code == 0);
  CHECK_THAT(out.text, Catch::Contains("P(miss | a quorum loss):     1 (95% CI"));
  CHECK_THAT(out.text, Catch::Contains("3 judged against the RTO target, 3 missed it"));
  CHECK_THAT(out.text, Catch::Contains("does not depend on the path"));
  const RareReport r = read_rare_json(read_file(json, 1 << 20), json);
  CHECK(r.event == "rto-target-missed");
  REQUIRE(r.pools.size() == 2);
  CHECK(r.pools[0].triggered_runs == 3);
  CHECK(r.pools[0].triggered_misses == 3);
  REQUIRE(r.pools[0].quantities.size() == 3);
  CHECK(r.pools[0].quantities[2].key == "misses_per_year");
  CHECK(r.pools[0].quantities[2].estimate.value == Approx(r.pools[0].quantities[0].estimate.value));
  CHECK(r.misses_per_year_all_pools.is_known);
  CHECK(read_file((dir / "rare.md").string(), 1 << 20).find("not depend on the path") !=
        std::string::npos);
}
