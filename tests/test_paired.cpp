// Paired differences (analysis/paired.h): sensitivity and advise judge a change against the
// noise of the paired per-replication differences, not against two independent intervals.
//
// The story for the real effect: mc-two-site-10y cut to one year, sites the only thing that
// fails (every half year on average per site, back after 8 hours), so every incident is a site
// loss that waits for the admin: notice (lognormal, median 10 min), decide, then fail the pool
// over. The decide delay is made a fixed 900 s and swept at 840 s and 960 s (+-60 s). Each
// site loss leaves the lost site's pool (20,000 of the 40,000 users) without service 120 s
// longer at the high setting, so the downtime per user grows by 120 x 20,000 / 40,000 = 60 s
// per incident: the swing of the mean downtime per user per year is 60 s x the mean
// incidents per year (about 4: two sites, each lost every half year on average; 248 s with
// seed 7). Across replications the downtime per year varies with the number of site losses
// (Poisson, mean 4) times about half an hour each: a standard deviation of thousands of
// seconds, so with 30 replications each sweep's 95 % half-width is well over a thousand
// seconds and the two unpaired intervals overlap by far (3,496 s added). The paired
// difference of a replication is 60 s x its own incidents: a standard deviation of about
// 60 x 2 = 120 s, a half-width of about 1.96 x 120 / sqrt(30) = 43 s (52 s), well under the
// swing.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/json_writer.h"
#include "analysis/paired.h"
#include "analysis/sensitivity.h"
#include "experiments/sensitivity_params.h"
#include "experiments/sensitivity_run.h"
#include "experiments/sweep_run.h"
#include "story_util.h"
#include "test_scale.h"

using namespace drsim;
using drsim::testing::stat_size;

namespace {

scenario::Scenario sites_only_fixed_decide() {
  scenario::Scenario s = drsim::testing::site_losses_only_one_year();
  s.mutable_admin()->mutable_decide_delay()->set_fixed_s(900);
  return s;
}

ParameterLevels decide_levels(int64_t low_s, int64_t high_s) {
  ParameterLevels l;
  l.parameter = "admin.decide_delay";
  l.unit = "s";
  l.why = "test";
  l.base_text = "900 s";
  l.low_text = std::to_string(low_s) + " s";
  l.high_text = std::to_string(high_s) + " s";
  l.low_sets = {"admin.decide_delay.fixed_s=" + std::to_string(low_s)};
  l.high_sets = {"admin.decide_delay.fixed_s=" + std::to_string(high_s)};
  return l;
}

const SensitivityEffect& effect_on(const std::vector<MetricRanking>& ranked,
                                   const std::string& metric) {
  for (const MetricRanking& m : ranked)
    if (m.column.name == metric) {
      REQUIRE(m.effects.size() == 1);
      return m.effects.front();
    }
  FAIL("no metric " << metric);
  return ranked.front().effects.front();
}

SensitivityRun run_levels(const ParameterLevels& levels, uint64_t replications) {
  const scenario::Scenario s = sites_only_fixed_decide();
  SensitivityPlan plan;
  plan.varied = {levels};
  SweepOptions o;
  o.replications = replications;
  o.threads = 2;
  o.seed = 7;
  return run_sensitivity(plan, local_sensitivity_sweep(s, "sites-only", "", o, {}), nullptr);
}

SweepDigest rows_digest(const std::vector<double>& availability) {
  SweepDigest d;
  d.seed = 1;
  for (size_t i = 0; i < availability.size(); ++i) {
    ReplicationRow r;
    r.replication = i;
    r.user_availability = availability[i];
    d.replication_rows.push_back(r);
  }
  return d;
}

}  // namespace

TEST_CASE("paired difference: the mean and half-width of per-replication differences", "[paired]") {
  // Differences 1, 2, 3: mean 2, standard deviation 1, half-width 1.959964 / sqrt(3).
  const SweepDigest before = rows_digest({10, 20, 30});
  const SweepDigest after = rows_digest({11, 22, 33});
  const auto d = paired_difference(before, after, &ReplicationRow::user_availability);
  REQUIRE(d);
  CHECK(d->pairs == 3);
  CHECK(d->mean == Approx(2));
  REQUIRE(d->ci95_halfwidth);
  CHECK(*d->ci95_halfwidth == Approx(1.959964 / std::sqrt(3.0)));
  CHECK(d->beyond_noise());
  // The same replications unchanged: exactly zero, never beyond noise.
  const auto same = paired_difference(before, before, &ReplicationRow::user_availability);
  REQUIRE(same);
  CHECK(same->mean == 0);
  CHECK(*same->ci95_halfwidth == 0);
  CHECK_FALSE(same->beyond_noise());
  // Rows that did not meet the same failures do not pair: another seed, other replications,
  // or none kept.
  SweepDigest other_seed = after;
  other_seed.seed = 2;
  CHECK_FALSE(paired_difference(before, other_seed, &ReplicationRow::user_availability));
  SweepDigest shifted = after;
  for (ReplicationRow& r : shifted.replication_rows) r.replication += 1;
  CHECK_FALSE(paired_difference(before, shifted, &ReplicationRow::user_availability));
  CHECK_FALSE(paired_difference(before, SweepDigest{}, &ReplicationRow::user_availability));
  // One pair: a difference, no interval, so not beyond noise.
  const auto one =
      paired_difference(rows_digest({1}), rows_digest({2}), &ReplicationRow::user_availability);
  REQUIRE(one);
  CHECK_FALSE(one->ci95_halfwidth);
  CHECK_FALSE(one->beyond_noise());
}

TEST_CASE("paired difference: only figures measured once per replication pair", "[paired]") {
  size_t paired = 0;
  for (const GridColumn& c : sensitivity_metrics()) {
    INFO(c.name);
    const bool per_replication = per_replication_field(c) != nullptr;
    paired += per_replication ? 1 : 0;
    if (c.name.rfind("rto_", 0) == 0 || c.name.rfind("rpo_", 0) == 0 ||
        c.name.find("_met_fraction") != std::string::npos ||
        c.name.find("_impact_fraction") != std::string::npos)
      CHECK_FALSE(per_replication);
  }
  // availability, downtime, incidents, PSTN minutes, remote and chat user-hours
  CHECK(paired == 6);
}

TEST_CASE("sensitivity: a parameter with no effect is never beyond noise", "[paired]") {
  // Low and high the same setting: every replication is the same run twice.
  const SensitivityRun run = run_levels(decide_levels(900, 900), stat_size<uint64_t>(12));
  REQUIRE(run.points.size() == 1);
  for (const MetricRanking& m : rank_sensitivity(run)) {
    INFO(m.column.name);
    REQUIRE(m.effects.size() == 1);
    const SensitivityEffect& e = m.effects.front();
    CHECK_FALSE(e.distinguishable);
    if (e.swing) CHECK(*e.swing == 0);
    if (e.paired) CHECK(*e.swing_ci95 == 0);
  }
  CHECK(effect_on(rank_sensitivity(run), "downtime_per_year_mean_s").paired);
}

TEST_CASE("sensitivity: a decide delay +-60 s is beyond noise paired, not unpaired", "[paired]") {
  const SensitivityRun run = run_levels(decide_levels(840, 960), stat_size<uint64_t>(30));
  REQUIRE(run.points.size() == 1);
  const std::vector<MetricRanking> ranked = rank_sensitivity(run);
  const SensitivityEffect& e = effect_on(ranked, "downtime_per_year_mean_s");
  REQUIRE(e.swing);
  REQUIRE(e.ci95_low);
  REQUIRE(e.ci95_high);
  REQUIRE(e.swing_ci95);
  // By hand: 60 s per user for every site loss.
  const double incidents = run.base.incidents_per_year.mean;
  REQUIRE(incidents > 0);
  CHECK(*e.swing == Approx(60 * incidents).epsilon(0.05));
  // The two sweeps' intervals overlap: unpaired, this effect is within noise.
  CHECK(*e.swing < *e.ci95_low + *e.ci95_high);
  // Paired, it is not: the half-width of the differences is far narrower.
  CHECK(e.paired);
  CHECK(*e.swing_ci95 < *e.swing);
  CHECK(*e.swing_ci95 * 4 < *e.ci95_low + *e.ci95_high);
  CHECK(e.distinguishable);
  // Availability is the same figure in other units: paired and beyond noise too.
  CHECK(effect_on(ranked, "user_availability_mean_fraction").distinguishable);
  // The RTO is over incidents: it keeps the unpaired rule.
  const SensitivityEffect& rto = effect_on(ranked, "rto_decide_mean_s");
  CHECK_FALSE(rto.paired);
  REQUIRE(rto.swing);
  CHECK(*rto.swing == Approx(120));
  // The rows hold what the sweep averages: the paired mean is the difference of the means.
  const SensitivityPoint& point = run.points.front();
  for (const GridColumn& c : sensitivity_metrics()) {
    if (per_replication_field(c) == nullptr || !c.read(point.low, c.which)) continue;
    INFO(c.name);
    const auto d = paired_difference(point.low, point.high, c);
    REQUIRE(d);
    CHECK(d->mean ==
          Approx(*c.read(point.high, c.which) - *c.read(point.low, c.which)).margin(1e-9));
  }
  const auto hours =
      paired_difference(point.low, point.high, &ReplicationRow::user_hours_lost_per_year);
  REQUIRE(hours);
  CHECK(hours->mean ==
        Approx(point.high.user_hours_lost_per_year.mean - point.low.user_hours_lost_per_year.mean));
  // The CSV and JSON say how each interval was made.
  const std::string csv = sensitivity_csv(run, ranked);
  CHECK(csv.find(",swing_ci95,swing_interval\n") != std::string::npos);
  CHECK(csv.find("downtime_per_year_mean_s,1,admin.decide_delay,") != std::string::npos);
  CHECK(csv.find(",true," + json_number(*e.swing_ci95) + ",paired\n") != std::string::npos);
  CHECK(sensitivity_json(run, ranked).find("\"swing_interval\": \"unpaired\"") !=
        std::string::npos);
}

TEST_CASE("sensitivity: chat user-hours pair replication by replication, as the sweep averages",
          "[paired][pchat]") {
  // pchat-site-loss: a site with the chat pool's primary is lost; chat is down until the chat
  // pool is failed over and restored. The restore time moves the chat user-hours, measured
  // once per replication: the effect is paired, and the paired mean is the difference of the
  // two sweeps' means (the rows hold what the sweep averages).
  const scenario::Scenario s = drsim::testing::load_story("pchat-site-loss");
  SensitivityPlan plan = plan_sensitivity(s, {});
  std::vector<ParameterLevels> restore;
  for (const ParameterLevels& l : plan.varied)
    if (l.parameter == "parameters.persistent_chat_restore_s") restore.push_back(l);
  REQUIRE(restore.size() == 1);
  plan.varied = restore;
  SweepOptions o;
  o.replications = 3;
  o.threads = 2;
  o.seed = 7;
  const SensitivityRun run =
      run_sensitivity(plan, local_sensitivity_sweep(s, "pchat-site-loss", "", o, {}), nullptr);
  REQUIRE(run.points.size() == 1);
  const SensitivityPoint& point = run.points.front();
  // The ranking outlives the references into it.
  const auto ranking = rank_sensitivity(run);
  const SensitivityEffect& e = effect_on(ranking, "pchat_lost_per_year_mean_hours");
  CHECK(e.paired);
  REQUIRE(e.swing);
  CHECK(*e.swing > 0);
  const auto d =
      paired_difference(point.low, point.high, &ReplicationRow::pchat_user_hours_lost_per_year);
  REQUIRE(d);
  CHECK(d->pairs == 3);
  CHECK(d->mean == Approx(point.high.pchat_user_hours_lost_per_year.mean -
                          point.low.pchat_user_hours_lost_per_year.mean)
                       .margin(1e-9));
  CHECK(std::fabs(d->mean) == Approx(*e.swing));
  // The other chat figures are over incidents: unpaired.
  CHECK_FALSE(effect_on(ranking, "pchat_restore_mean_s").paired);
}
