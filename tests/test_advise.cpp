// drsim advise: the known fixes are found and the forbidden ones refused.
//
// Each story is mc-two-site-10y cut to one year, with one kind of component failing at random
// and the admin's delays fixed, so that each incident's RTO can be added up by hand:
//
// - Unpaired pools, sites failing every half year for 8 hours, site RTO target 1 hour. With
//   no backup pool the users wait for the site: 8 h > 1 h, every site incident fails. Paired,
//   the admin fails the pool over: detect 60 s + decide 60 s + at most CMS failover 300 s,
//   Edge next hop 600 s and pool failover 1,050 s, then clients back 120 s: at most 2,190 s
//   < 3,600 s, every incident meets it. So pairing makes the site RTO target pass.
// - pool1's Back End mirrored without a witness, SQL servers failing every quarter year for
//   4 hours, Back End RTO target 10 min, detect and decide 10 min each, and the users hurt as
//   soon as their Back End is unreachable (BackupStoreUnavailableThreshold 0, so that every
//   principal's failure is an incident that is judged). Without a witness the admin fails
//   pool1's database over by hand: 600 + 600 + 60 s = 1,260 s > 600 s; pool2's mirror, with
//   its witness, fails over by itself in 60 s: about half the incidents meet the target. With
//   a witness pool1's mirror fails over by itself too. Faster detection (60 s: 720 s) or
//   decision (300 s: 960 s) still misses. So only the witness makes it pass.
// - On Skype for Business Server 2019, mirroring is not supported (sfb-hadr 3.1): a Back End
//   without HA is offered an AlwaysOn availability group, and mirroring is refused with that
//   rule.
#include <catch2/catch.hpp>

#include "analysis/advise.h"
#include "experiments/advise_candidates.h"
#include "experiments/grid_run.h"
#include "experiments/sweep_run.h"
#include "io/errors.h"
#include "story_util.h"

using namespace drsim;
using drsim::testing::load_story;

namespace {

scenario::Scenario one_year(int64_t detect_s, int64_t decide_s) {
  scenario::Scenario s = load_story("mc-two-site-10y");
  s.set_horizon_s(31'536'000);
  s.clear_stochastic();
  s.mutable_admin()->mutable_detect_delay()->set_fixed_s(static_cast<double>(detect_s));
  s.mutable_admin()->mutable_decide_delay()->set_fixed_s(static_cast<double>(decide_s));
  return s;
}

AdviceRun advise(const scenario::Scenario& s) {
  SweepOptions o;
  o.replications = 30;
  o.threads = 2;
  o.seed = 11;
  auto sweep = [&](const scenario::Scenario& changed, const std::vector<std::string>& sets) {
    const SweepResult r = run_sweep(changed, o);
    return digest_sweep(changed, r.acc, {changed.name(), "", o.seed, 0, false, sets}, {});
  };
  const std::vector<CandidateChange> singles = advice_candidates(s, "story");
  AdviceRun run = run_advice(singles, sweep, s, nullptr);
  run.required_share = 0.9;  // 60 of 60 incidents: the Wilson interval's low end is 0.94
  // Then the helpful changes together, as drsim advise does.
  sweep_candidates(&run, combined_candidates(singles, helpful_changes(singles, run), s), sweep,
                   nullptr);
  run.scenario_path = "story.pb.txt";
  return run;
}

const TargetChange* target(const Recommendation& r, const std::string& disruption,
                           const std::string& measure) {
  for (const TargetChange& t : r.targets)
    if (t.disruption == disruption && t.measure == measure) return &t;
  return nullptr;
}

}  // namespace

TEST_CASE("advise: unpaired pools with a site RTO target are told to pair", "[advise]") {
  scenario::Scenario s = one_year(60, 60);
  for (auto& p : *s.mutable_pools()) p.clear_backup_pool();
  auto* site = s.mutable_stochastic()->mutable_site();
  site->mutable_time_to_failure()->mutable_exponential()->set_mean_s(15'768'000);
  site->mutable_time_to_repair()->set_fixed_s(28'800);
  s.mutable_policy()->mutable_site()->set_rto_s(3600);
  s.mutable_policy()->set_cost_per_user_hour(40);
  const AdviceRun run = advise(s);
  const std::vector<TargetChange> failing = failing_targets(run.base, run.required_share);
  REQUIRE(!failing.empty());
  const std::vector<Recommendation> ranked = rank_advice(run);
  REQUIRE(!ranked.empty());
  const Recommendation& best = ranked.front();
  CHECK(best.outcome->candidate.id == "pair:pool1.contoso.com");
  const TargetChange* rto = target(best, "site", "RTO");
  REQUIRE(rto != nullptr);
  CHECK(rto->verdict_before == "fail");
  CHECK(rto->before.met == 0);
  CHECK(rto->verdict_after == "pass");
  CHECK(rto->after.met == rto->after.incidents);
  CHECK(best.made_pass >= 1);
  // Failing over within 2,190 s instead of waiting 8 hours for the site: fewer user-hours
  // without service, and the downtime cost falls by 40 per user-hour saved.
  CHECK(best.user_hours_change_per_year < 0);
  CHECK(best.user_hours_change_per_year ==
        Approx(best.outcome->digest.user_hours_lost_per_year.mean -
               run.base.user_hours_lost_per_year.mean));
  REQUIRE(downtime_cost_change_per_year(run, best));
  CHECK(*downtime_cost_change_per_year(run, best) == Approx(40 * best.user_hours_change_per_year));
  CHECK(advice_command(run, best.outcome->candidate, "") ==
        "drsim compare story.pb.txt --whatif-set "
        "'pools[pool1.contoso.com].backup_pool=pool2.contoso.com' --whatif-set "
        "'pools[pool2.contoso.com].backup_pool=pool1.contoso.com' -n 30 --seed 11");
  const std::string text = advice_text(run, ranked, "");
  INFO(text);
  CHECK(text.find("1. Pair pool1.contoso.com with pool2.contoso.com") != std::string::npos);
  // The summary a sweep --advise page lists: the pairing first, with its command.
  const std::vector<PlainRecommendation> top = top_recommendations(run, ranked, "");
  REQUIRE(!top.empty());
  CHECK(top.front().line.rfind("Pair pool1.contoso.com with pool2.contoso.com", 0) == 0);
  CHECK(top.front().line.find("makes site RTO 1h 00m 00s pass") != std::string::npos);
  CHECK(top.front().command == advice_command(run, best.outcome->candidate, ""));
  // Pairing alone meets every target the story's incidents are judged by.
  const Recommendation* cheapest = cheapest_meeting_policy(ranked);
  REQUIRE(cheapest != nullptr);
  CHECK(cheapest->outcome->candidate.id == "pair:pool1.contoso.com");
}

TEST_CASE("advise: a Back End mirrored without a witness is told to add one", "[advise]") {
  scenario::Scenario s = one_year(600, 600);
  auto* be = s.mutable_pools(0)->mutable_back_end();
  be->set_ha_mode(scenario::MIRRORING_WITHOUT_WITNESS);
  be->mutable_servers()->RemoveLast();  // the witness, listed last
  auto* sql = s.mutable_stochastic()->mutable_back_end_server();
  sql->mutable_time_to_failure()->mutable_exponential()->set_mean_s(7'884'000);
  sql->mutable_time_to_repair()->set_fixed_s(14'400);
  s.mutable_policy()->mutable_back_end()->set_rto_s(600);
  s.mutable_parameters()->set_backup_store_unavailable_threshold_s(0);
  const AdviceRun run = advise(s);
  const std::vector<Recommendation> ranked = rank_advice(run);
  REQUIRE(!ranked.empty());
  const Recommendation& best = ranked.front();
  INFO(advice_text(run, ranked, ""));
  CHECK(best.outcome->candidate.id == "witness:pool1.contoso.com");
  CHECK(best.outcome->candidate.sets.empty());
  CHECK(best.outcome->candidate.file == "whatif-1.pb.txt");
  const TargetChange* rto = target(best, "back_end", "RTO");
  REQUIRE(rto != nullptr);
  CHECK(rto->verdict_before == "fail");
  CHECK(rto->verdict_after == "pass");
  // No other change makes it pass.
  for (size_t i = 1; i < ranked.size(); ++i) {
    INFO(ranked[i].outcome->candidate.id);
    const TargetChange* t = target(ranked[i], "back_end", "RTO");
    REQUIRE(t != nullptr);
    CHECK(t->verdict_after != "pass");
  }
}

TEST_CASE("advise: mirroring is refused on Skype for Business Server 2019 with the rule",
          "[advise]") {
  scenario::Scenario s = one_year(60, 60);
  s.set_product_version(scenario::SFB_2019);
  for (auto& p : *s.mutable_pools()) {
    auto* be = p.mutable_back_end();
    be->set_ha_mode(scenario::NONE);
    while (be->servers_size() > 1) be->mutable_servers()->RemoveLast();
  }
  const std::vector<CandidateChange> candidates = advice_candidates(s, "story");
  const CandidateChange* mirroring = nullptr;
  const CandidateChange* alwayson = nullptr;
  for (const CandidateChange& c : candidates) {
    if (c.info.id == "mirroring:pool1.contoso.com") mirroring = &c;
    if (c.info.id == "alwayson:pool1.contoso.com") alwayson = &c;
  }
  REQUIRE(mirroring != nullptr);
  REQUIRE(alwayson != nullptr);
  CHECK(mirroring->info.refused.find("database mirroring is not supported") != std::string::npos);
  CHECK(alwayson->info.refused.empty());
  // A refused change is listed, never swept.
  auto sweep = [&](const scenario::Scenario& changed, const std::vector<std::string>&) {
    SweepOptions o;
    o.replications = 2;
    o.threads = 1;
    const SweepResult r = run_sweep(changed, o);
    return digest_sweep(changed, r.acc, {changed.name(), "", 1, 0, false, {}}, {});
  };
  const AdviceRun run = run_advice(candidates, sweep, s, nullptr);
  bool listed = false;
  for (const AdviceCandidate& c : run.refused) listed |= c.id == "mirroring:pool1.contoso.com";
  CHECK(listed);
  for (const AdviceOutcome& o : run.tried) CHECK(o.candidate.id != "mirroring:pool1.contoso.com");
}

TEST_CASE("advise: --cost names a candidate and takes a non-negative amount", "[advise]") {
  std::vector<CandidateChange> candidates = advice_candidates(one_year(60, 60), "story");
  apply_costs(&candidates, {"sync-interval=0", "front-end:pool1.contoso.com=2.5"});
  for (const CandidateChange& c : candidates) {
    if (c.info.id == "sync-interval") CHECK(c.info.cost == 0.0);
    if (c.info.id == "front-end:pool1.contoso.com") CHECK(c.info.cost == 2.5);
  }
  CHECK_THROWS_AS(apply_costs(&candidates, {"no-such-change=1"}), InputError);
  CHECK_THROWS_AS(apply_costs(&candidates, {"sync-interval=-1"}), InputError);
}

TEST_CASE("advise: the cost-risk front keeps what nothing cheaper beats, and the cheapest fix",
          "[advise]") {
  // Four changes: cost 1 fixes nothing; cost 5 leaves one target failing; cost 10 does no
  // better than cost 5; cost 20 fixes everything. The front is 1, 5, 20; the cheapest change
  // that meets every target is the one of cost 20.
  std::vector<AdviceOutcome> outcomes(4);
  const double costs[] = {1, 5, 10, 20};
  const int failing[] = {3, 1, 1, 0};
  const double gains[] = {0, 0.5, 0.4, 0.9};
  std::vector<Recommendation> ranked(4);
  for (size_t i = 0; i < 4; ++i) {
    outcomes[i].candidate.id = "change-" + std::to_string(i);
    outcomes[i].candidate.cost = costs[i];
    ranked[i].outcome = &outcomes[i];
    ranked[i].still_failing = failing[i];
    ranked[i].met_share_gain = gains[i];
  }
  std::vector<std::string> front;
  for (const Recommendation* r : pareto_front(ranked)) front.push_back(r->outcome->candidate.id);
  CHECK(front == std::vector<std::string>{"change-0", "change-1", "change-3"});
  const Recommendation* cheapest = cheapest_meeting_policy(ranked);
  REQUIRE(cheapest != nullptr);
  CHECK(cheapest->outcome->candidate.id == "change-3");
  // When no change meets every target there is no cheapest fix to name.
  ranked[3].still_failing = 1;
  CHECK(cheapest_meeting_policy(ranked) == nullptr);
}

TEST_CASE("advise: a site without an Edge pool is offered one, behind the others in SRV order",
          "[advise]") {
  scenario::Scenario s = one_year(60, 60);
  s.mutable_edge_pools()->RemoveLast();  // edge2, in dc2
  const std::vector<CandidateChange> candidates = advice_candidates(s, "story");
  const CandidateChange* edge = nullptr;
  for (const CandidateChange& c : candidates)
    if (c.info.id == "edge:dc2") edge = &c;
  REQUIRE(edge != nullptr);
  CHECK(edge->info.refused.empty());
  REQUIRE(edge->changed.edge_pools_size() == 2);
  CHECK(edge->changed.edge_pools(1).next_hop_pool() == "pool2.contoso.com");
  CHECK(edge->changed.edge_pools(1).srv_priority() == s.edge_pools(0).srv_priority() + 10);
  // With an Edge in each site, none is offered.
  for (const CandidateChange& c : advice_candidates(one_year(60, 60), "story"))
    CHECK(c.info.id.rfind("edge:", 0) == std::string::npos);
}
