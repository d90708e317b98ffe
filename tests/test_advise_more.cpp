// drsim advise: a PSTN gateway and a Director pool in the other site, each found when the
// scenario lacks one, and the runbook put in the documented order, each with its effect
// paired against the base (analysis/paired.h).
//
// The gateway story is voice-site-loss-one-gateway: dc1, with the only gateway gw1, lost
// 10:00-12:00 (its header derives 61,500 PSTN minutes lost). advise offers "gateway:dc2": a
// gateway in dc2, a trunk to it from pool2 (dc2's first pool) and a route through it added as
// pool1's last PSTN usage. That is voice-site-loss-failover-route's setting (its header:
// 32,750 minutes lost, inbound calls still lost: the carrier does not fail them over), with
// t2 (pool2 to gw1) left in the primary route: t1 and t2 both die with gw1 at 10:00 and are
// both marked down at 10:05, when pool1's users register on pool2, so outbound calls go
// straight to the new route, as in that story. So the change cuts the PSTN minutes lost per
// year by the factor 32,750 / 61,500. The run is scripted: every replication is the same day,
// the paired differences are all equal, and their half-width is 0: beyond noise.
//
// The Director story is access-site-loss with dir2 removed: dc1 lost 10:00-18:00 takes dir1,
// the only Director, and with it remote sign-in for everyone until dc1 returns. advise offers
// "director:dc2"; with it the scenario is access-site-loss again, whose header derives
// 2,160,000 remote user-seconds (600 user-hours) without sign-in.
//
// The runbook story is site-loss-cms-forgotten: the runbook runs the pool failover before the
// CMS failover, which fails (60 s of admin time), then the CMS failover and the pool failover
// again: RTO 3,030 s. "runbook-order" puts the CMS failover first and drops the retry: that is
// site-loss-runbook's runbook, RTO 2,970 s. pool1's 20,000 users (of 40,000) get full service
// back 60 s sooner: 20,000 x 60 s = 333.3 user-hours less in the day.
#include <catch2/catch.hpp>

#include "analysis/advise.h"
#include "experiments/advise_candidates.h"
#include "experiments/sweep_run.h"
#include "story_util.h"

using namespace drsim;
using drsim::testing::load_story;

namespace {

// The base and the one candidate `id`, swept with rows kept (as drsim advise does).
AdviceRun advise_one(const scenario::Scenario& s, const std::string& id) {
  SweepOptions o;
  o.replications = 2;
  o.threads = 2;
  o.seed = 5;
  o.keep_rows = true;
  auto sweep = [&](const scenario::Scenario& changed, const std::vector<std::string>& sets) {
    const SweepResult r = run_sweep(changed, o);
    return digest_sweep(changed, r.acc, {changed.name(), "", o.seed, 0, false, sets}, {});
  };
  std::vector<CandidateChange> chosen;
  for (const CandidateChange& c : advice_candidates(s, "story"))
    if (c.info.id == id) chosen.push_back(c);
  REQUIRE(chosen.size() == 1);
  INFO(chosen[0].info.refused);
  REQUIRE(chosen[0].info.refused.empty());
  AdviceRun run = run_advice(chosen, sweep, s, nullptr);
  run.scenario_path = "story.pb.txt";
  REQUIRE(run.tried.size() == 1);
  return run;
}

bool has_candidate(const scenario::Scenario& s, const std::string& id) {
  for (const CandidateChange& c : advice_candidates(s, "story"))
    if (c.info.id == id) return true;
  return false;
}

}  // namespace

TEST_CASE("advise: the only gateway in one site is told to add one in the other site",
          "[advise][advise_more]") {
  const scenario::Scenario s = load_story("voice-site-loss-one-gateway");
  CHECK_FALSE(has_candidate(s, "gateway:dc1"));  // dc1 has its gateway
  const AdviceRun run = advise_one(s, "gateway:dc2");
  const std::vector<Recommendation> ranked = rank_advice(run);
  REQUIRE(ranked.size() == 1);
  const Recommendation& r = ranked[0];
  REQUIRE(r.pstn_minutes_change_per_year);
  const double before = run.base.pstn_minutes_lost_per_year.mean;
  const double after = run.tried[0].digest.pstn_minutes_lost_per_year.mean;
  CHECK(before * run.base.measured_years == Approx(61'500).epsilon(0.001));
  CHECK(after / before == Approx(32'750.0 / 61'500.0).epsilon(0.001));
  CHECK(*r.pstn_minutes_change_per_year == Approx(after - before));
  REQUIRE(r.pstn_minutes_change_ci95);
  CHECK(*r.pstn_minutes_change_ci95 == Approx(0).margin(1e-6));
  // No remote access in this scenario: no figure rather than 0.
  CHECK_FALSE(r.remote_user_hours_change_per_year);
  const std::string text = advice_text(run, ranked, "advice");
  CHECK(text.find("Add a PSTN gateway in dc2") != std::string::npos);
  CHECK(text.find("PSTN minutes lost -") != std::string::npos);
  CHECK(advice_json(run, ranked).find("\"pstn_minutes_change_ci95\"") != std::string::npos);
  // A scenario without gateways is not offered one: the PSTN is not modelled there.
  CHECK_FALSE(has_candidate(load_story("site-loss-runbook"), "gateway:dc2"));
}

TEST_CASE("advise: a Director in one site only is told to add one in the other site",
          "[advise][advise_more]") {
  scenario::Scenario s = load_story("access-site-loss");
  CHECK_FALSE(has_candidate(s, "director:dc2"));  // both sites have one
  s.mutable_director_pools()->RemoveLast();       // dir2
  const AdviceRun run = advise_one(s, "director:dc2");
  const std::vector<Recommendation> ranked = rank_advice(run);
  REQUIRE(ranked.size() == 1);
  const Recommendation& r = ranked[0];
  REQUIRE(r.remote_user_hours_change_per_year);
  const double after = run.tried[0].digest.remote_user_hours_lost_per_year.mean;
  CHECK(after * run.base.measured_years == Approx(600).epsilon(0.001));
  CHECK(*r.remote_user_hours_change_per_year < 0);
  REQUIRE(r.remote_user_hours_change_ci95);
  CHECK(std::abs(*r.remote_user_hours_change_per_year) > *r.remote_user_hours_change_ci95);
}

TEST_CASE("advise: a runbook out of the documented order is offered in that order",
          "[advise][advise_more]") {
  CHECK_FALSE(has_candidate(load_story("site-loss-runbook"), "runbook-order"));
  const scenario::Scenario s = load_story("site-loss-cms-forgotten");
  const AdviceRun run = advise_one(s, "runbook-order");
  const std::vector<Recommendation> ranked = rank_advice(run);
  REQUIRE(ranked.size() == 1);
  const Recommendation& r = ranked[0];
  CHECK(r.user_hours_change_per_year * run.base.measured_years ==
        Approx(-20'000.0 * 60 / 3600).epsilon(0.001));
  REQUIRE(r.user_hours_change_ci95);
  CHECK(*r.user_hours_change_ci95 == Approx(0).margin(1e-6));
  const DistributionDigest* rto = nullptr;
  for (const auto& [stage, d] : run.tried[0].digest.rto_s)
    if (stage == "total") rto = &d;
  REQUIRE(rto != nullptr);
  CHECK(rto->mean == Approx(2'970));
  // The changed runbook is site-loss-runbook's: the CMS failover, then the pool failover.
  for (const CandidateChange& c : advice_candidates(s, "story")) {
    if (c.info.id != "runbook-order") continue;
    REQUIRE(c.changed.runbook_size() == 2);
    CHECK(c.changed.runbook(0).cmdlet() == scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER);
    CHECK(c.changed.runbook(1).cmdlet() == scenario::INVOKE_CS_POOL_FAILOVER);
  }
}

// The policy's modality targets make these changes pass a target rather than only cut a
// figure. With the carrier failing inbound calls over (parameters.carrier_inbound_failover),
// the gateway in dc2 brings PSTN calling back for pool1's users when they register on pool2
// at 10:05 (outbound RTO 300 s, voice-site-loss-failover-route's header; inbound through
// the same route): within a 30 min target, which the base misses (7,200 s). The Director in
// dc2 brings remote sign-in back at 10:05 (access-site-loss's header: RTO 300 s) instead of
// when dc1 returns at 18:00 (28,800 s): within a 30 min target. Two replications, each the
// same day: 2 of 2 incidents, whose Wilson interval starts at 0.34, so the required share is
// set to 0.3 here.
TEST_CASE("advise: a gateway or Director in the other site makes the policy's modality target pass",
          "[advise][advise_more]") {
  scenario::Scenario voice = load_story("voice-site-loss-one-gateway");
  voice.mutable_parameters()->set_carrier_inbound_failover(true);
  voice.mutable_policy()->set_pstn_rto_s(1800);
  AdviceRun gateway = advise_one(voice, "gateway:dc2");
  gateway.required_share = 0.3;
  const std::vector<TargetChange> failing = failing_targets(gateway.base, 0.3);
  REQUIRE(failing.size() == 1);
  CHECK(failing[0].measure == "PSTN RTO");
  const std::vector<Recommendation> g = rank_advice(gateway);
  REQUIRE(g.size() == 1);
  CHECK(g[0].made_pass == 1);
  REQUIRE(g[0].targets.size() == 1);
  CHECK(g[0].targets[0].before.met == 0);
  CHECK(g[0].targets[0].after.met == 2);
  CHECK(g[0].targets[0].verdict_after == "pass");
  CHECK(advice_text(gateway, g, "advice").find("any PSTN RTO 30m 00s") != std::string::npos);

  scenario::Scenario access = load_story("access-site-loss");
  access.mutable_director_pools()->RemoveLast();  // dir2
  access.mutable_policy()->set_remote_sign_in_rto_s(1800);
  AdviceRun director = advise_one(access, "director:dc2");
  director.required_share = 0.3;
  const std::vector<Recommendation> d = rank_advice(director);
  REQUIRE(d.size() == 1);
  CHECK(d[0].made_pass == 1);
  REQUIRE(d[0].targets.size() == 1);
  CHECK(d[0].targets[0].measure == "remote sign-in RTO");
  CHECK(d[0].targets[0].after.met == 2);
}
