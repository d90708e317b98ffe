// Per pool (tier) targets against estimates, and the downtime cost: what the verdicts mean.
//
// The unit case judges one hand-made site incident: pool1's users had full service again
// 300 s after it began, pool2's after 900 s, so the incident's RTO is 900 s. Against a site
// RTO target of 600 s, pool1 meets it (300 <= 600) and pool2 does not (900 > 600), while the
// incident as a whole misses it: each pool is judged by its own users' recovery.
//
// The story is mc-two-site-10y cut to one year, its pools unpaired and only its sites failing
// (exponential, every half year on average), each down for exactly 8 hours. With no backup
// pool a site's users wait for it: each incident's pool RTO is 28,800 s plus the clients'
// sign-in, well under 86,400 s (a day) and well over 3,600 s (an hour). So against a site
// RTO target of a day every incident of every pool meets it, and against an hour none does.
// With 30 replications each site fails about 60 times: 60 of 60 met gives a Wilson low end of
// 60 / (60 + 1.96^2) = 0.94, at or above a required share of 0.9: pass. With 2 replications
// about 4 times: 4 of 4 gives 4 / 7.84 = 0.51, below 0.9 with the high end at 1: uncertain
// (any count up to 34 is). An hour: 0 met, the high end 3.84 / (n + 3.84) < 0.9: fail.
// Availability against a target set to the estimate itself straddles it: uncertain; against
// 0.5 (the pools are down 16 hours a year, about 0.2 %) it passes, against 0.99999 it fails.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/advise.h"
#include "analysis/downtime_cost.h"
#include "analysis/pool_targets.h"
#include "analysis/sweep_page.h"
#include "analysis/sweep_report.h"
#include "experiments/sweep_run.h"
#include "story_util.h"

using namespace drsim;
using drsim::testing::load_story;

namespace {

scenario::Scenario unpaired_sites(int64_t site_rto_s) {
  scenario::Scenario s = load_story("mc-two-site-10y");
  s.set_horizon_s(31'536'000);
  s.clear_stochastic();
  for (auto& p : *s.mutable_pools()) p.clear_backup_pool();
  auto* site = s.mutable_stochastic()->mutable_site();
  site->mutable_time_to_failure()->mutable_exponential()->set_mean_s(15'768'000);
  site->mutable_time_to_repair()->set_fixed_s(28'800);
  s.clear_policy();
  s.mutable_policy()->mutable_site()->set_rto_s(site_rto_s);
  return s;
}

SweepDigest sweep(const scenario::Scenario& s, uint64_t replications) {
  SweepOptions o;
  o.replications = replications;
  o.threads = 2;
  o.seed = 11;
  const SweepResult r = run_sweep(s, o);
  SweepDigest d = digest_sweep(s, r.acc, {s.name(), "", o.seed, 0, false, {}}, {});
  d.required_met_share = 0.9;
  return d;
}

}  // namespace

TEST_CASE("pool targets: each pool is judged by when its own users had service back",
          "[pool_targets]") {
  const scenario::Scenario s = unpaired_sites(600);
  IncidentMetrics inc;
  inc.disruption = "site";
  inc.start = Instant::origin() + Duration::seconds(1000);
  inc.had_impact = true;
  inc.total = Duration::seconds(900);
  PoolOutcome early;
  early.pool = 0;
  early.users_affected = 100;
  early.restored = inc.start + Duration::seconds(300);
  PoolOutcome late = early;
  late.pool = 1;
  late.restored = inc.start + Duration::seconds(900);
  inc.pools = {early, late};
  std::vector<Proportion> rto(2), rpo(2);
  std::vector<uint64_t> stranded(2, 0);
  judge_pool_incident(s, inc, &rto, &rpo, &stranded);
  CHECK(rto[0].n == 1);
  CHECK(rto[0].k == 1);
  CHECK(rto[1].n == 1);
  CHECK(rto[1].k == 0);
  CHECK(rpo[0].n == 0);  // no RPO target: nothing judged
  std::array<Proportion, kDisruptionCount> incident_rto{}, incident_rpo{};
  judge_incident(s, inc, &incident_rto, &incident_rpo);
  CHECK(incident_rto[3].n == 1);  // kDisruptions[3] is "site"
  CHECK(incident_rto[3].k == 0);
}

TEST_CASE(
    "pool targets: met by a wide margin passes, missed fails, too few incidents is "
    "uncertain",
    "[pool_targets]") {
  const SweepDigest day = sweep(unpaired_sites(86'400), 30);
  const SweepDigest hour = sweep(unpaired_sites(3'600), 30);
  const SweepDigest few = sweep(unpaired_sites(86'400), 2);
  for (size_t p = 0; p < 2; ++p) {
    INFO("pool " << p);
    REQUIRE(day.pool_targets[p].rto_met.incidents >= 35);
    CHECK(day.pool_targets[p].rto_met.met == day.pool_targets[p].rto_met.incidents);
    CHECK(pool_verdicts(day)[p].rto == "pass");
    CHECK(hour.pool_targets[p].rto_met.met == 0);
    CHECK(pool_verdicts(hour)[p].rto == "fail");
    REQUIRE(few.pool_targets[p].rto_met.incidents > 0);
    CHECK(few.pool_targets[p].rto_met.met == few.pool_targets[p].rto_met.incidents);
    CHECK(pool_verdicts(few)[p].rto == "uncertain");
    // No RPO or availability target: said in words, not judged.
    CHECK(pool_verdicts(day)[p].rpo == "no target");
    CHECK(pool_verdicts(day)[p].availability == "no target");
  }
  const std::string text = pool_targets_text(day);
  CHECK(text.find("RPO: no target in the policy") != std::string::npos);
  CHECK(text.find("availability: no target (--availability-target)") != std::string::npos);

  SweepDigest judged = day;
  const double pool1 = day.pool_availability[0].second.mean;
  REQUIRE(day.pool_availability[0].second.ci95_halfwidth.value_or(0) > 0);
  judged.availability_target = pool1;
  CHECK(pool_verdicts(judged)[0].availability == "uncertain");
  judged.availability_target = 0.5;
  CHECK(pool_verdicts(judged)[0].availability == "pass");
  judged.availability_target = 0.99999;
  CHECK(pool_verdicts(judged)[0].availability == "fail");
  // The verdicts travel in the JSON, and its numbers read back equal.
  const std::string json = sweep_json(judged);
  CHECK(json.find("\"targets_by_pool\"") != std::string::npos);
  CHECK(read_sweep_json(json, "sweep.json") == judged);
  // With sweep --advise, the page's summary lists the recommendations with their commands.
  SweepReportOptions options;
  options.advised = true;
  options.recommendations = {{"Pair pool1 with pool2: makes site RTO 1h pass", "drsim compare x"}};
  const std::string md = sweep_markdown(judged, options);
  CHECK(md.find("## Recommendations") < md.find("## Availability"));
  CHECK(md.find("- Pair pool1 with pool2: makes site RTO 1h pass. Reproduce: `drsim compare x`") !=
        std::string::npos);
  CHECK(md.find("## Targets per pool") != std::string::npos);
  CHECK(sweep_markdown(judged, {}).find("## Recommendations") == std::string::npos);
}

TEST_CASE("downtime cost: user-hours are the users' downtime, priced only when a cost is given",
          "[pool_targets]") {
  scenario::Scenario s = unpaired_sites(86'400);
  SweepDigest free = sweep(s, 8);
  int64_t users = 0;
  for (const auto& p : s.pools()) users += p.users();
  // Per replication, user-hours = downtime per user (s) x users / 3600: so are their means.
  const double hours = free.downtime_s_per_year.mean * static_cast<double>(users) / 3600;
  CHECK(free.user_hours_lost_per_year.mean == Approx(hours).epsilon(1e-6));
  CHECK(free.user_hours_lost_per_year.mean > 0);
  CHECK(!downtime_cost_per_year(free));
  CHECK(downtime_cost_text(free).find("no cost per user-hour given") != std::string::npos);
  // The scenario has no gateway: the PSTN says so rather than 0 user-hours.
  CHECK(downtime_cost_text(free).find("PSTN calling: not modelled") != std::string::npos);

  s.mutable_policy()->set_cost_per_user_hour(40);
  s.mutable_policy()->set_currency("EUR");
  const SweepDigest priced = sweep(s, 8);
  const std::optional<CostPerYear> cost = downtime_cost_per_year(priced);
  REQUIRE(cost);
  CHECK(cost->mean == Approx(40 * priced.user_hours_lost_per_year.mean));
  REQUIRE(cost->ci95_halfwidth);
  CHECK(*cost->ci95_halfwidth == Approx(40 * *priced.user_hours_lost_per_year.ci95_halfwidth));
  CHECK(downtime_cost_text(priced).find(" EUR") != std::string::npos);
  CHECK(read_sweep_json(sweep_json(priced), "sweep.json") == priced);
}
