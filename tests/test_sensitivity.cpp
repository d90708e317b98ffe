// drsim sensitivity: the registry's plan for a scenario, and a ranking derived by hand.
//
// The story: mc-two-site-10y cut to one year, with sites as the only thing that fails
// (every half year on average, back after 8 hours). A site loss fails the pool over to the
// other site; the user data the Backup Service had not yet copied is lost. A site fails at a
// time unrelated to the Backup Service's timer, so the user-data RPO is the time since the
// last cycle started, uniform on [0, SyncInterval), plus the time a cycle takes to finish
// (its overhead and the bytes on the wire, a few seconds): its mean is about SyncInterval/2
// plus a few seconds. Swept from 30 s to 600 s, the mean RPO moves by (600 - 30)/2 = 285 s.
// The cycle overhead, swept from 1 s to 30 s, moves it by 29 s on average (a site lost in
// the first 30 s of a cycle loses the whole previous interval instead: 29/120 of the losses,
// 120 s more each), about 7 s of noise over 60 losses; the persistence
// interval, replica rebuild and failover duration do not enter the Backup Service's loss at
// all. So SyncInterval ranks first for the user-data RPO, by a factor of about 10.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/sensitivity.h"
#include "experiments/sensitivity_params.h"
#include "experiments/sensitivity_run.h"
#include "experiments/sweep_run.h"
#include "io/errors.h"
#include "story_util.h"

using namespace drsim;

namespace {

scenario::Scenario sites_only() { return drsim::testing::site_losses_only_one_year(); }

const ParameterLevels* find(const SensitivityPlan& p, const std::string& name) {
  for (const ParameterLevels& l : p.varied)
    if (l.parameter == name) return &l;
  return nullptr;
}

}  // namespace

TEST_CASE("sensitivity: the plan varies only what the scenario uses and says why not the rest",
          "[sensitivity]") {
  const SensitivityPlan plan = plan_sensitivity(sites_only(), {});
  const ParameterLevels* sync = find(plan, "backup_service.sync_interval_s");
  REQUIRE(sync != nullptr);
  CHECK(sync->low_sets == std::vector<std::string>{"backup_service.sync_interval_s=30"});
  CHECK(sync->high_sets == std::vector<std::string>{"backup_service.sync_interval_s=600"});
  CHECK(sync->base_text == "120 s");
  // A distribution varies by a factor on its scale, in its own field.
  const ParameterLevels* ttf = find(plan, "stochastic.site.time_to_failure");
  REQUIRE(ttf != nullptr);
  CHECK(ttf->low_sets ==
        std::vector<std::string>{"stochastic.site.time_to_failure.exponential.mean_s=7884000"});
  // Writes per user apply to every pool.
  const ParameterLevels* writes = find(plan, "pools[*].workload.user_data_writes_per_hour");
  REQUIRE(writes != nullptr);
  CHECK(writes->high_sets.size() == 2);
  // The Front Ends no longer fail at random: their distributions are not varied, with a reason.
  bool skipped_fe = false;
  for (const SkippedParameter& s : plan.skipped)
    if (s.parameter == "stochastic.front_end.time_to_failure") {
      skipped_fe = true;
      CHECK(s.reason == "not set in the scenario");
    }
  CHECK(skipped_fe);
  CHECK(find(plan, "stochastic.front_end.time_to_failure") == nullptr);

  scenario::Scenario unpaired = sites_only();
  for (auto& p : *unpaired.mutable_pools()) p.clear_backup_pool();
  const SensitivityPlan alone = plan_sensitivity(unpaired, {});
  CHECK(find(alone, "backup_service.sync_interval_s") == nullptr);
}

TEST_CASE("sensitivity: --range replaces a range, keeps integers whole, and refuses nonsense",
          "[sensitivity]") {
  const SensitivityPlan plan = plan_sensitivity(
      sites_only(),
      {"backup_service.sync_interval_s=10.4,100.6", "stochastic.site.time_to_repair=0.25,4"});
  CHECK(find(plan, "backup_service.sync_interval_s")->low_text == "10 s");
  CHECK(find(plan, "backup_service.sync_interval_s")->high_text == "101 s");
  CHECK(find(plan, "stochastic.site.time_to_repair")->high_sets ==
        std::vector<std::string>{"stochastic.site.time_to_repair.fixed_s=115200"});
  CHECK_THROWS_AS(plan_sensitivity(sites_only(), {"no.such_field=1,2"}), InputError);
  CHECK_THROWS_AS(plan_sensitivity(sites_only(), {"backup_service.sync_interval_s=60,30"}),
                  InputError);
  CHECK_THROWS_AS(plan_sensitivity(sites_only(), {"backup_service.sync_interval_s=a,30"}),
                  InputError);
  CHECK_THROWS_AS(plan_sensitivity(sites_only(), {"admin.detect_delay=0,2"}), InputError);
}

TEST_CASE("sensitivity: the sync interval ranks first for the user-data RPO, as derived by hand",
          "[sensitivity]") {
  const scenario::Scenario s = sites_only();
  SensitivityPlan plan = plan_sensitivity(s, {});
  // A few parameters keep the test fast: the one that matters and four that should not.
  std::vector<ParameterLevels> some;
  for (const char* name : {"parameters.persistence_interval_s", "backup_service.cycle_overhead_s",
                           "backup_service.sync_interval_s", "parameters.replica_rebuild_s",
                           "parameters.pool_failover_s"})
    some.push_back(*find(plan, name));
  plan.varied = some;
  SweepOptions o;
  o.replications = 30;
  o.threads = 2;
  o.seed = 7;
  const SensitivityRun run =
      run_sensitivity(plan, local_sensitivity_sweep(s, "sites-only", "", o, {}), nullptr);
  REQUIRE(run.points.size() == 5);
  const std::vector<MetricRanking> ranked = rank_sensitivity(run);
  const MetricRanking* rpo = nullptr;
  for (const MetricRanking& m : ranked)
    if (m.column.name == "rpo_user_data_mean_s") rpo = &m;
  REQUIRE(rpo != nullptr);
  REQUIRE(rpo->effects.size() == 5);
  const SensitivityEffect& top = rpo->effects.front();
  CHECK(top.parameter == "backup_service.sync_interval_s");
  REQUIRE(top.swing.has_value());
  // 285 s by hand; about 60 site losses, each RPO uniform over the interval: a few tens of
  // seconds of noise.
  CHECK(*top.swing > 200);
  CHECK(*top.swing < 370);
  CHECK(top.distinguishable);
  CHECK(*top.at_low < 60);
  for (size_t i = 1; i < rpo->effects.size(); ++i) {
    INFO(rpo->effects[i].parameter);
    REQUIRE(rpo->effects[i].swing.has_value());
    CHECK(*rpo->effects[i].swing <= 50);
    CHECK(*top.swing > 4 * *rpo->effects[i].swing);
  }
  // The same seed gives the same failures in every sweep: the site losses counted at the
  // low and the high sync interval are the same incidents.
  for (const SensitivityPoint& p : run.points)
    CHECK(p.low.incidents_per_year.mean == run.base.incidents_per_year.mean);

  const std::string csv = sensitivity_csv(run, ranked);
  CHECK(csv.find("rpo_user_data_mean_s,1,backup_service.sync_interval_s,120 s,30 s,600 s,") !=
        std::string::npos);
  const std::string json = sensitivity_json(run, ranked);
  CHECK(json.find("\"kind\": \"sensitivity\"") != std::string::npos);
  bool has_chart = false;
  for (const ReportFile& f : sensitivity_report_files(run, ranked))
    if (f.name == "tornado-rpo_user_data_mean_s.svg") has_chart = true;
  CHECK(has_chart);
}

TEST_CASE("sensitivity: Morris screening finds the sync interval with everything else moving",
          "[sensitivity]") {
  // The same story with three parameters moving together: each elementary effect of the sync
  // interval is the RPO's change over two thirds of its range, whatever the others are:
  // (2/3 x 570 s) / 2 = 190 s per move, 285 s per whole range. The cycle overhead's is about
  // 29 s per range at long intervals and more at the shortest (a 30 s interval with cycles of
  // up to 30 s: the interaction the screening is for), the failover duration's none.
  const scenario::Scenario s = sites_only();
  SensitivityPlan plan = plan_sensitivity(s, {});
  std::vector<ParameterLevels> some;
  for (const char* name : {"backup_service.cycle_overhead_s", "backup_service.sync_interval_s",
                           "parameters.pool_failover_s"})
    some.push_back(*find(plan, name));
  plan.varied = some;
  // Positions in a range map linearly onto the field: whole seconds for an integer field.
  CHECK(sets_at(*find(plan, "backup_service.sync_interval_s"), 1.0 / 3.0) ==
        std::vector<std::string>{"backup_service.sync_interval_s=220"});
  SweepOptions o;
  o.replications = 20;
  o.threads = 2;
  o.seed = 7;
  SensitivityRun run;
  run_morris(plan, 4, o.seed, local_sensitivity_sweep(s, "sites-only", "", o, {}), nullptr, &run);
  REQUIRE(run.morris.size() == 4);
  for (const MorrisTrajectory& t : run.morris) {
    CHECK(t.points.size() == 4);
    std::vector<size_t> order = t.order;
    std::sort(order.begin(), order.end());
    CHECK(order == std::vector<size_t>{0, 1, 2});
  }
  const std::vector<MorrisRanking> ranked = rank_morris(run);
  const MorrisRanking* rpo = nullptr;
  for (const MorrisRanking& m : ranked)
    if (m.column.name == "rpo_user_data_mean_s") rpo = &m;
  REQUIRE(rpo != nullptr);
  const MorrisEffect& top = rpo->effects.front();
  CHECK(top.parameter == "backup_service.sync_interval_s");
  CHECK(top.n == 4);
  CHECK(top.mu_star > 200);
  CHECK(top.mu_star < 370);
  CHECK(top.mu == Approx(top.mu_star));  // always up: every effect has the same sign
  CHECK(top.mu_star > 3 * rpo->effects[1].mu_star);
  // The trajectories come from the seed alone: the same seed, the same paths.
  SensitivityRun again;
  run_morris(plan, 4, o.seed, local_sensitivity_sweep(s, "sites-only", "", o, {}), nullptr, &again);
  for (size_t t = 0; t < 4; ++t) {
    CHECK(again.morris[t].order == run.morris[t].order);
    CHECK(again.morris[t].start == run.morris[t].start);
  }
  CHECK(morris_csv(ranked).find("rpo_user_data_mean_s,1,backup_service.sync_interval_s,4,") !=
        std::string::npos);
}

TEST_CASE("sensitivity: remote access figures are ranked, each with the interval its sweep gives",
          "[sensitivity]") {
  std::vector<std::string> names;
  for (const GridColumn& c : sensitivity_metrics()) names.push_back(c.name);
  for (const char* n : {"access_remote_sign_in_impact_fraction", "access_remote_sign_in_rto_mean_s",
                        "access_remote_user_hours_lost_per_year_mean", "pstn_impact_fraction"})
    CHECK(std::find(names.begin(), names.end(), n) != names.end());
  // mc-two-site-10y has Edge pools and remote users: remote sign-in has figures.
  scenario::Scenario s = sites_only();
  SweepOptions o;
  o.replications = 6;
  o.threads = 2;
  o.seed = 3;
  const SweepResult r = run_sweep(s, o);
  const SweepDigest d = digest_sweep(s, r.acc, {s.name(), "", o.seed, 0, false, {}}, {});
  REQUIRE(remote_sign_in_deployed(d));
  for (const GridColumn& c : sensitivity_metrics()) {
    if (c.name == "access_remote_user_hours_lost_per_year_mean")
      CHECK(metric_ci95(d, c) == d.remote_user_hours_lost_per_year.ci95_halfwidth);
    if (c.name == "access_remote_sign_in_impact_fraction") {
      const ProportionDigest& m = d.access[0].impact;
      REQUIRE(m.incidents > 0);
      REQUIRE(metric_ci95(d, c));
      CHECK(*metric_ci95(d, c) == std::max(m.fraction - m.ci95_low, m.ci95_high - m.fraction));
    }
    // Federation is not deployed here: no value, no interval, rather than 0.
    if (c.name == "access_federation_out_impact_fraction") {
      CHECK(!c.read(d, c.which));
      CHECK(!metric_ci95(d, c));
    }
  }
}
