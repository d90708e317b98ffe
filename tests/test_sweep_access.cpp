// Sweeps and remote access (issue 17): per modality deployed the share of incidents that
// impaired it and the time to it restored, and the remote user-hours without sign-in per year,
// accumulated as exactly as every other sweep figure (any thread count, the same bits),
// carried through the JSON, and "not deployed" / "remote access not modelled" in words.
//
// The hand-checked figures: scenarios/access-edge-loss.pb.txt (its header) loses edge1 at
// 10:00 for 3 h; remote sign-in is back at 10:01 through edge2 (12,000 remote users x 60 s =
// 720,000 user-seconds), outbound federation at 10:55 (3,300 s), XMPP at 11:55 (6,900 s);
// inbound federation is never lost (edge2 has its own SRV priority). The test repeats the
// fault on edge2 at 15:00 (edge1 back since 13:00, every remote user and both routes now on
// edge2), which mirrors it: remote users back through edge1 after the 60 s client retry
// (720,000 user-seconds), the standard response decided at 15:25 publishes the federation
// route on edge1 (1,800 s: back at 15:55, 3,300 s) and then XMPP (3,600 s: back at 16:55,
// 6,900 s). One replication of one day (1/365 year):
//   remote sign-in impaired in 2 of 2 incidents, RTO 60 s each
//   outbound federation 2 of 2, 3,300 s each; XMPP 2 of 2, 6,900 s each
//   inbound federation 0 of 2
//   remote user-hours lost: 2 x 720,000 / 3,600 = 400 in the day, 400 x 365 = 146,000 a year.
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

constexpr size_t kRemote = static_cast<size_t>(Modality::kRemoteSignIn);
constexpr size_t kFedOut = static_cast<size_t>(Modality::kFederationOut);
constexpr size_t kFedIn = static_cast<size_t>(Modality::kFederationIn);
constexpr size_t kXmpp = static_cast<size_t>(Modality::kXmpp);

SweepResult sweep(const scenario::Scenario& s, uint64_t replications, int threads) {
  SweepOptions o;
  o.replications = replications;
  o.threads = threads;
  o.seed = 7;
  return run_sweep(s, o);
}

// access-edge-loss with the mirror fault: edge2 lost at 15:00 for 3 h.
scenario::Scenario edge_loss_twice() {
  scenario::Scenario s = load_story("access-edge-loss");
  auto* f = s.add_faults();
  f->set_at_s(54000);
  f->set_component("edge2.contoso.com");
  f->set_repair_after_s(10800);
  return s;
}

// The ten-year two-site scenario (Edge pools, no federation or XMPP route) with both routes
// on edge1 and Edge servers failing at random about once a month each (4 h to repair).
scenario::Scenario with_random_edges() {
  scenario::Scenario s = load_story("mc-two-site-10y");
  s.set_federation_route("edge1.contoso.com");
  s.set_xmpp_route("edge1.contoso.com");
  auto* e = s.mutable_stochastic()->mutable_edge_server();
  e->mutable_time_to_failure()->mutable_exponential()->set_mean_s(2592000);
  e->mutable_time_to_repair()->mutable_exponential()->set_mean_s(14400);
  return s;
}

}  // namespace

TEST_CASE(
    "sweep access: an Edge pool lost twice gives each modality's share of incidents, its time to "
    "restored and the remote user-hours lost per year derived by hand",
    "[sweep][access]") {
  const scenario::Scenario s = edge_loss_twice();
  const SweepResult r = sweep(s, 1, 1);
  REQUIRE(r.acc.access_modelled);
  CHECK(r.acc.access_deployed ==
        std::array<bool, kModalityCount>{true, true, true, true, false, true});
  // The five modalities of users outside; meeting content is not deployed (no file store).
  for (size_t i = 0; i <= kXmpp; ++i) CHECK(r.acc.access_impact[i].n == 2);
  // Remote media: each Edge pool is its next hop's association, so each loss cuts that
  // pool's remote users' media until the standard response reassociates it.
  const size_t media = static_cast<size_t>(Modality::kRemoteMedia);
  CHECK(r.acc.access_impact[media].n == 2);
  CHECK(r.acc.access_impact[media].k == 2);
  REQUIRE(r.acc.access_rto_s[media].n() == 2);
  // The first as in the access-edge-loss story: 8,700 s. The second: by 15:00 both pools
  // relay through edge2 (pool1 reassociated at 12:25), so its loss cuts all remote media until
  // the standard response (decided 15:25) has moved federation (15:55) and XMPP (16:55) back
  // to edge1 and reassociated pool1 (17:25), then pool2 (17:55): 10,500 s.
  CHECK(r.acc.access_rto_s[media].min() == Approx(8700));
  CHECK(r.acc.access_rto_s[media].max() == Approx(10500));
  CHECK(r.acc.access_impact[static_cast<size_t>(Modality::kConferencingContent)].n == 0);
  CHECK(r.acc.access_impact[kRemote].k == 2);
  CHECK(r.acc.access_impact[kFedOut].k == 2);
  CHECK(r.acc.access_impact[kFedIn].k == 0);
  CHECK(r.acc.access_impact[kXmpp].k == 2);
  REQUIRE(r.acc.access_rto_s[kRemote].n() == 2);
  CHECK(r.acc.access_rto_s[kRemote].mean() == Approx(60));
  CHECK(r.acc.access_rto_s[kFedOut].mean() == Approx(3300));
  CHECK(r.acc.access_rto_s[kXmpp].mean() == Approx(6900));
  CHECK(r.acc.access_rto_s[kXmpp].max() == Approx(6900));
  CHECK(r.acc.access_rto_s[kFedIn].n() == 0);
  for (size_t i = 0; i < kModalityCount; ++i) CHECK(r.acc.access_unrestored_incidents[i] == 0);
  REQUIRE(r.acc.remote_user_hours_lost_per_year.n() == 1);
  CHECK(r.acc.remote_user_hours_lost_per_year.mean() == Approx(146000).epsilon(1e-9));

  const SweepDigest d = digest_sweep(s, r.acc, {}, {});
  CHECK(read_sweep_json(sweep_json(d), "sweep.json") == d);
  const std::string text = sweep_text(d);
  CHECK(text.find("remote sign-in: impaired in 2 of 2 incidents (100.00 %") != std::string::npos);
  CHECK(text.find("inbound federation: impaired in 0 of 2 incidents (0.00 %") != std::string::npos);
  CHECK(text.find("XMPP federation: impaired in 2 of 2 incidents") != std::string::npos);
  CHECK(text.find("remote user-hours without sign-in per year: 146,000") != std::string::npos);
  const std::string page = sweep_markdown(d, {});
  CHECK(page.find("## Remote access and federation") != std::string::npos);
  CHECK(page.find("Time to outbound federation restored") != std::string::npos);
  CHECK(page.find("146,000 remote user-hours lost per year") != std::string::npos);
  Grid g;
  g.paths = {"horizon_s"};
  g.points.push_back({{"86400"}, d});
  g.columns = select_grid_columns({"access_remote_sign_in_impact_fraction",
                                   "access_federation_out_rto_mean_s",
                                   "access_remote_user_hours_lost_per_year_mean"});
  CHECK(grid_csv_row(g.points[0], g.columns) == "86400,1.0000000000,3300.000,146000.000\n");
}

TEST_CASE(
    "sweep access: Edge servers failing at random give the same figures for any thread count, "
    "and the JSON reads back the same",
    "[sweep][access]") {
  const scenario::Scenario s = with_random_edges();
  const SweepResult one = sweep(s, 12, 1);
  const SweepResult two = sweep(s, 12, 2);
  CHECK(one.acc.serialize() == two.acc.serialize());
  REQUIRE(one.acc.access_modelled);
  // Ten years of Edge servers failing about monthly (and sites lost): some incidents cost
  // remote users their sign-in and some the federation route.
  CHECK(one.acc.access_impact[kRemote].k > 0);
  CHECK(one.acc.access_impact[kFedOut].k > 0);
  for (size_t i = 0; i < kModalityCount; ++i) {
    CHECK(one.acc.access_impact[i].k <= one.acc.access_impact[i].n);
    CHECK(one.acc.access_rto_s[i].n() + one.acc.access_unrestored_incidents[i] ==
          one.acc.access_impact[i].k);
  }
  CHECK(one.acc.remote_user_hours_lost_per_year.n() == 12);
  CHECK(one.acc.remote_user_hours_lost_per_year.mean() > 0);
  // A serialised accumulator (what MPI sends) restores every remote access figure.
  SweepAccumulator back(s);
  back.deserialize(one.acc.serialize());
  CHECK(back.serialize() == one.acc.serialize());
  CHECK(back.access_impact[kFedOut].k == one.acc.access_impact[kFedOut].k);
  CHECK(back.access_rto_s[kXmpp].mean() == one.acc.access_rto_s[kXmpp].mean());
  CHECK(back.remote_user_hours_lost_per_year.mean() ==
        one.acc.remote_user_hours_lost_per_year.mean());
  const SweepDigest d = digest_sweep(s, one.acc, {}, {});
  CHECK(read_sweep_json(sweep_json(d), "sweep.json") == d);
  CHECK(sweep_markdown(d, {}).find("Time to remote sign-in restored") != std::string::npos);
}

TEST_CASE(
    "sweep access: a modality without its route says not deployed, and a scenario without Edge "
    "pools says remote access not modelled, never 0",
    "[sweep][access]") {
  // mc-two-site-10y has Edge pools but neither a federation nor an XMPP route.
  const scenario::Scenario s = load_story("mc-two-site-10y");
  const SweepResult r = sweep(s, 3, 1);
  REQUIRE(r.acc.access_modelled);
  CHECK(r.acc.access_deployed ==
        std::array<bool, kModalityCount>{true, false, false, false, false, true});
  CHECK(r.acc.access_impact[kFedOut].n == 0);
  const SweepDigest d = digest_sweep(s, r.acc, {}, {});
  const std::string text = sweep_text(d);
  CHECK(text.find("outbound federation: not deployed") != std::string::npos);
  CHECK(text.find("XMPP federation: not deployed") != std::string::npos);
  CHECK(read_sweep_json(sweep_json(d), "sweep.json") == d);
  CHECK(sweep_markdown(d, {}).find("| Outbound federation | not deployed") != std::string::npos);
  Grid g;
  g.paths = {"horizon_s"};
  g.points.push_back({{"1"}, d});
  g.columns =
      select_grid_columns({"access_federation_out_impact_fraction", "access_xmpp_rto_p95_s"});
  CHECK(grid_point_text(g.paths, g.points[0], g.columns).find("not deployed") != std::string::npos);
  CHECK(grid_csv_row(g.points[0], g.columns) == "1,,\n");

  // No remote users (remote_user_share 0): remote sign-in is not deployed either.
  scenario::Scenario office = load_story("mc-two-site-10y");
  office.mutable_parameters()->set_remote_user_share(0);
  const SweepResult o = sweep(office, 2, 1);
  CHECK(o.acc.access_deployed == std::array<bool, kModalityCount>{});
  CHECK(o.acc.remote_user_hours_lost_per_year.n() == 0);
  const SweepDigest od = digest_sweep(office, o.acc, {}, {});
  CHECK(sweep_text(od).find("remote sign-in: not deployed") != std::string::npos);
  CHECK(sweep_json(od).find("remote_user_hours_lost_per_year") == std::string::npos);
  CHECK(read_sweep_json(sweep_json(od), "sweep.json") == od);

  // No Edge pools at all (voice-gateway-failure): nothing of remote access is measured.
  const scenario::Scenario none = load_story("voice-gateway-failure");
  REQUIRE(none.edge_pools_size() == 0);
  const SweepResult n = sweep(none, 2, 1);
  CHECK_FALSE(n.acc.access_modelled);
  CHECK(n.acc.remote_user_hours_lost_per_year.n() == 0);
  const SweepDigest nd = digest_sweep(none, n.acc, {}, {});
  CHECK(sweep_text(nd).find("Remote access not modelled") != std::string::npos);
  const std::string json = sweep_json(nd);
  CHECK(json.find("remote_user_hours_lost_per_year") == std::string::npos);
  CHECK(read_sweep_json(json, "sweep.json") == nd);
  CHECK(sweep_markdown(nd, {}).find("Remote access not modelled") != std::string::npos);
  g.points[0].digest = nd;
  g.columns = select_grid_columns(
      {"access_remote_sign_in_impact_fraction", "access_remote_user_hours_lost_per_year_mean"});
  CHECK(grid_point_text(g.paths, g.points[0], g.columns).find("remote access not modelled") !=
        std::string::npos);
  CHECK(grid_csv_row(g.points[0], g.columns) == "1,,\n");
}
