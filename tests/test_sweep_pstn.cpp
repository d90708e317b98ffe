// Sweeps and the PSTN (issue 16): the share of incidents that lost PSTN calling, the time to
// PSTN restored and the PSTN minutes lost per year, accumulated as exactly as every other
// sweep figure (any thread count, the same bits), carried through the JSON, and "PSTN not
// modelled" in words for a scenario without gateways.
#include <catch2/catch.hpp>

#include "analysis/sweep.h"
#include "analysis/sweep_digest.h"
#include "analysis/sweep_grid.h"
#include "analysis/sweep_page.h"
#include "analysis/sweep_report.h"
#include "experiments/sweep_run.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

SweepResult sweep(const scenario::Scenario& s, uint64_t replications, int threads) {
  SweepOptions o;
  o.replications = replications;
  o.threads = threads;
  o.seed = 7;
  return run_sweep(s, o);
}

// The ten-year two-site scenario with a gateway per site and a failover route each way;
// gateways fail at random about once a year each.
scenario::Scenario with_gateways() {
  scenario::Scenario s = load_story("mc-two-site-10y");
  const char* sites[] = {"dc1", "dc2"};
  for (int g = 0; g < 2; ++g) {
    auto* gw = s.add_pstn_gateways();
    gw->set_fqdn("gw" + std::to_string(g + 1) + ".contoso.com");
    gw->set_site(sites[g]);
  }
  // tP_G: from pool P's collocated Mediation to gateway G.
  for (int p = 0; p < 2; ++p)
    for (int g = 0; g < 2; ++g) {
      auto* t = s.add_trunks();
      t->set_name("t" + std::to_string(p + 1) + "_" + std::to_string(g + 1));
      t->set_mediation_pool(s.pools(p).fqdn());
      t->set_gateway("gw" + std::to_string(g + 1) + ".contoso.com");
      auto* r = s.add_voice_routes();
      r->set_name("r" + std::to_string(p + 1) + "_" + std::to_string(g + 1));
      r->add_trunks(t->name());
    }
  for (int p = 0; p < 2; ++p) {
    const std::string home = std::to_string(p + 1), other = std::to_string(2 - p);
    s.mutable_pools(p)->add_pstn_routes("r" + home + "_" + home);
    s.mutable_pools(p)->add_pstn_routes("r" + home + "_" + other);
  }
  auto* gw = s.mutable_stochastic()->mutable_pstn_gateway();
  gw->mutable_time_to_failure()->mutable_exponential()->set_mean_s(31536000);
  gw->mutable_time_to_repair()->mutable_exponential()->set_mean_s(14400);
  return s;
}

}  // namespace

TEST_CASE(
    "sweep PSTN: a scripted gateway failure gives its incident's PSTN RTO and minutes lost per "
    "year",
    "[sweep][voice]") {
  // voice-gateway-failure (its header): two incidents. gw1's costs 500 calls cut and 416.7
  // moved by the timer but no user their PSTN calling; gw2's leaves no trunk from 10:30 to
  // 11:00 (5,500 calls, every user back after 1,800 s). Minutes lost 1,500 + 16,500 = 18,000
  // in one day measured, 1/365 of a year: 18,000 x 365 = 6,570,000 minutes a year.
  const SweepResult r = sweep(load_story("voice-gateway-failure"), 1, 1);
  REQUIRE(r.acc.pstn_modelled);
  CHECK(r.acc.pstn_impact.n == 2);
  CHECK(r.acc.pstn_impact.k == 1);
  REQUIRE(r.acc.pstn_rto_s.n() == 1);
  CHECK(r.acc.pstn_rto_s.mean() == Approx(1800));
  CHECK(r.acc.pstn_unrestored_incidents == 0);
  CHECK(r.acc.pstn_minutes_lost_per_year.mean() == Approx(18000.0 * 365).epsilon(1e-9));
  const SweepDigest d = digest_sweep(load_story("voice-gateway-failure"), r.acc, {}, {});
  const std::string text = sweep_text(d);
  CHECK(text.find("PSTN: calling lost in 1 of 2 incidents") != std::string::npos);
  CHECK(text.find("time to PSTN restored: mean 30m 00s") != std::string::npos);
}

TEST_CASE(
    "sweep PSTN: gateways failing at random give the same figures for any thread count, and the "
    "JSON reads back the same",
    "[sweep][voice]") {
  const scenario::Scenario s = with_gateways();
  const SweepResult one = sweep(s, 12, 1);
  const SweepResult two = sweep(s, 12, 2);
  CHECK(one.acc.serialize() == two.acc.serialize());
  REQUIRE(one.acc.pstn_modelled);
  // Ten years of two gateways failing about yearly: some incidents lose inbound calling (the
  // carrier does not fail over), each restored with its gateway.
  CHECK(one.acc.pstn_impact.k > 0);
  CHECK(one.acc.pstn_impact.k <= one.acc.pstn_impact.n);
  CHECK(one.acc.pstn_rto_s.n() + one.acc.pstn_unrestored_incidents == one.acc.pstn_impact.k);
  CHECK(one.acc.pstn_minutes_lost_per_year.n() == 12);
  CHECK(one.acc.pstn_minutes_lost_per_year.mean() > 0);
  // A serialised accumulator (what MPI sends) restores every PSTN figure.
  SweepAccumulator back(s);
  back.deserialize(one.acc.serialize());
  CHECK(back.pstn_impact.k == one.acc.pstn_impact.k);
  CHECK(back.pstn_rto_s.mean() == one.acc.pstn_rto_s.mean());
  const SweepDigest d = digest_sweep(s, one.acc, {}, {});
  CHECK(read_sweep_json(sweep_json(d), "sweep.json") == d);
  CHECK(sweep_text(d).find("PSTN: calling lost in") != std::string::npos);
  const std::string page = sweep_markdown(d, {});
  CHECK(page.find("## PSTN calling") != std::string::npos);
  CHECK(page.find("Time to PSTN restored") != std::string::npos);
}

TEST_CASE(
    "sweep PSTN: a branch appliance's loss counts its users' PSTN minutes, time to PSTN "
    "restored and user-hours below full service",
    "[sweep][voice][branch]") {
  // voice-branch with the SBA lost 10:00-12:00 (its header): 1,600 PSTN minutes, outbound
  // back after 130 s and inbound after 7,200 s, 500 users signed out for 120 s (16.7
  // user-hours), in one day measured: x 365 a year.
  scenario::Scenario s = load_story("voice-branch");
  s.clear_faults();
  auto* f = s.add_faults();
  f->set_at_s(36000);
  f->set_component("sba1.contoso.com");
  f->set_repair_after_s(7200);
  const SweepResult r = sweep(s, 1, 1);
  REQUIRE(r.acc.pstn_modelled);
  REQUIRE(r.acc.branches_modelled);
  CHECK(r.acc.pstn_impact.n == 1);
  CHECK(r.acc.pstn_impact.k == 1);
  REQUIRE(r.acc.pstn_rto_s.n() == 1);
  CHECK(r.acc.pstn_rto_s.mean() == Approx(7200));
  CHECK(r.acc.pstn_minutes_lost_per_year.mean() == Approx(1600.0 * 365).epsilon(1e-9));
  CHECK(r.acc.pstn_inbound_user_hours_per_year.mean() ==
        Approx(500.0 * 7200 / 3600 * 365).epsilon(1e-6));
  CHECK(r.acc.branch_user_hours_lost_per_year.mean() ==
        Approx(500.0 * 120 / 3600 * 365).epsilon(1e-6));  // Stat keeps 1/1000ths
  // The priced figure counts the branch users too (pool1's users kept full service).
  CHECK(r.acc.user_hours_lost_per_year.mean() ==
        Approx(r.acc.branch_user_hours_lost_per_year.mean()).epsilon(1e-6));
  const SweepDigest d = digest_sweep(s, r.acc, {}, {});
  CHECK(read_sweep_json(sweep_json(d), "sweep.json") == d);
  CHECK(sweep_text(d).find("of which branch office users") != std::string::npos);
  // Without branches there is no branch figure, rather than a 0.
  const SweepDigest none =
      digest_sweep(load_story("voice-gateway-failure"),
                   sweep(load_story("voice-gateway-failure"), 1, 1).acc, {}, {});
  CHECK_FALSE(none.branches_modelled);
  CHECK(sweep_json(none).find("branch_user_hours_lost_per_year") == std::string::npos);
}

TEST_CASE("sweep PSTN: a scenario without gateways says PSTN not modelled, never 0",
          "[sweep][voice]") {
  const scenario::Scenario s = load_story("mc-two-site-10y");
  const SweepResult r = sweep(s, 3, 1);
  CHECK_FALSE(r.acc.pstn_modelled);
  CHECK(r.acc.pstn_impact.n == 0);
  const SweepDigest d = digest_sweep(s, r.acc, {}, {});
  CHECK(sweep_text(d).find("PSTN not modelled") != std::string::npos);
  const std::string json = sweep_json(d);
  CHECK(json.find("\"modelled\": false") != std::string::npos);
  CHECK(json.find("minutes_lost_per_year") == std::string::npos);
  CHECK(read_sweep_json(json, "sweep.json") == d);
  CHECK(sweep_markdown(d, {}).find("PSTN not modelled") != std::string::npos);
  Grid g;
  g.paths = {"horizon_s"};
  g.points.push_back({{"1"}, d});
  g.columns = select_grid_columns({"pstn_impact_fraction", "pstn_lost_per_year_mean_minutes"});
  CHECK(grid_point_text(g.paths, g.points[0], g.columns).find("PSTN not modelled") !=
        std::string::npos);
  CHECK(grid_csv_row(g.points[0], g.columns) == "1,,\n");
}
