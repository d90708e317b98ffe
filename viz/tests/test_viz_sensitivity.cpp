// "What drives the answer" without a window: the prepared ranking keeps the file's order,
// signs the effect from low to high with its 95 % interval, says "not sure" where the interval
// includes no effect, marks the parameters the what-if panel's sliders set, and warns when the
// file is about another scenario. The file is made by hand so that every figure is known.
#include <catch2/catch.hpp>

#include "viz/core/sensitivity_view.h"

using namespace drsim;
using namespace drsim::viz;

namespace {

GridColumn metric(const std::string& name) {
  for (const GridColumn& c : sensitivity_metrics())
    if (c.name == name) return c;
  FAIL("no sensitivity metric " << name);
  return {};
}

SensitivityEffect effect(const std::string& parameter, std::optional<double> low,
                         std::optional<double> high, std::optional<double> swing_ci95) {
  SensitivityEffect e;
  e.parameter = parameter;
  e.at_low = low;
  e.at_high = high;
  if (low && high) e.swing = std::fabs(*high - *low);
  e.swing_ci95 = swing_ci95;
  e.paired = false;
  return e;
}

// The RTO total's mean, base 2,400 s (40 min):
//   admin.decide_delay           1,200 s .. 4,800 s: +3,600 s +- 120 s      sure, a slider
//   parameters.pool_failover_s   2,700 s .. 2,100 s:   -600 s +- 30 s      sure, no slider
//   backup_service.sync_interval 2,390 s .. 2,410 s:    +20 s +- 25 s      not sure, a slider
//   parameters.client_sign_in_s  2,400 s .. 2,400 s:      0 s             did not move it
//   parameters.replica_rebuild_s   unknown .. 2,500 s                     unknown
SensitivityFile file() {
  SensitivityFile f;
  f.scenario = "default";
  f.scenario_sha256 = "0123456789abcdef0123";
  f.seed = 7;
  f.replications = 200;
  for (const char* p :
       {"admin.decide_delay", "parameters.pool_failover_s", "backup_service.sync_interval_s",
        "parameters.client_sign_in_s", "parameters.replica_rebuild_s"}) {
    ParameterLevels l;
    l.parameter = p;
    l.low_text = "30 s";
    l.high_text = "600 s";
    l.base_text = "120 s";
    l.why = std::string("why ") + p;
    f.varied.push_back(l);
  }
  f.skipped = {{"parameters.trunk_down_detection_s", "no gateway"}};
  MetricRanking availability{metric("user_availability_mean_fraction"), 0.999, {}};
  MetricRanking rto{metric("rto_total_mean_s"), 2400, {}};
  rto.effects = {effect("admin.decide_delay", 1200, 4800, 120),
                 effect("parameters.pool_failover_s", 2700, 2100, 30),
                 effect("backup_service.sync_interval_s", 2390, 2410, 25),
                 effect("parameters.client_sign_in_s", 2400, 2400, 0),
                 effect("parameters.replica_rebuild_s", std::nullopt, 2500, std::nullopt)};
  f.metrics = {availability, rto};
  return f;
}

}  // namespace

TEST_CASE("viz sensitivity: the ranking keeps its order, signs each effect and says not sure",
          "[viz][sensitivity]") {
  const SensitivityFile f = file();
  REQUIRE(default_sensitivity_metric(f) == 1);  // the RTO total, though not first in the file
  const SensitivityPanel p = prepare_sensitivity(f, 1, "default", "0123456789abcdef0123");
  CHECK(p.metric_head == metric("rto_total_mean_s").head);
  CHECK(p.unit == "time");
  CHECK(p.base == "40m 00s");
  CHECK(p.warnings.empty());
  REQUIRE(p.rows.size() == 3);
  CHECK(p.rows[0].parameter == "admin.decide_delay");
  CHECK(p.rows[0].rank == 1);
  CHECK(p.rows[0].effect == "+1h 00m 00s");
  CHECK(p.rows[0].interval == "95 %: +58m 00s .. +1h 02m 00s");
  CHECK(p.rows[0].interval_kind == "unpaired");
  CHECK_FALSE(p.rows[0].is_not_sure);
  CHECK(p.rows[0].range == "30 s .. 600 s (now 120 s)");
  CHECK(p.rows[0].at_low == "20m 00s");
  CHECK(p.rows[0].at_high == "1h 20m 00s");
  // A negative effect (the metric lower at the parameter's high value) keeps its sign.
  CHECK(p.rows[1].effect == "-10m 00s");
  CHECK(p.rows[1].interval == "95 %: -10m 30s .. -9m 30s");
  CHECK_FALSE(p.rows[1].is_not_sure);
  // +20 s +- 25 s: from -5 s to +45 s, which includes no effect.
  CHECK(p.rows[2].parameter == "backup_service.sync_interval_s");
  CHECK(p.rows[2].effect == "+20s");
  CHECK(p.rows[2].interval == "95 %: -5s .. +45s");
  CHECK(p.rows[2].is_not_sure);
  // Bars from the base, the longest (the decide delay at its high, +2,400 s) as 1.
  REQUIRE(p.rows[0].low_bar.has_value());
  CHECK(*p.rows[0].low_bar == Approx(-0.5));
  CHECK(*p.rows[0].high_bar == Approx(1.0));
  CHECK(*p.rows[1].low_bar == Approx(300.0 / 2400));
  CHECK(*p.rows[1].high_bar == Approx(-300.0 / 2400));
  // A swing of 0 and an unknown one are listed apart, by name, in the file's order.
  CHECK(p.unmoved ==
        std::vector<std::string>{"parameters.client_sign_in_s", "parameters.replica_rebuild_s"});
  CHECK(p.stamp.find("200 replications per sweep, seed 7") == 0);
  CHECK(p.stamp.find("5 parameters varied, 1 not") != std::string::npos);
}

TEST_CASE("viz sensitivity: rows name the what-if slider that sets their parameter",
          "[viz][sensitivity]") {
  const SensitivityPanel p = prepare_sensitivity(file(), 1, "default", "0123456789abcdef0123");
  REQUIRE(p.rows.size() == 3);
  REQUIRE(p.rows[0].slider != nullptr);
  CHECK(std::string(p.rows[0].slider) == "admin decide delay (s)");
  CHECK(p.rows[1].slider == nullptr);  // the failover duration has no slider in the panel
  REQUIRE(p.rows[2].slider != nullptr);
  CHECK(std::string(p.rows[2].slider) == "Backup Service sync interval (s)");
  CHECK(std::string(whatif_slider_for("admin.detect_delay")) == "admin detect delay (s)");
  CHECK(whatif_slider_for("stochastic.site.time_to_failure") == nullptr);
}

TEST_CASE("viz sensitivity: a file about another scenario or version is shown with a warning",
          "[viz][sensitivity]") {
  SensitivityFile f = file();
  const SensitivityPanel other = prepare_sensitivity(f, 1, "two-site", "0123456789abcdef0123");
  REQUIRE(other.warnings.size() == 1);
  CHECK(other.warnings[0] ==
        "This ranking is of scenario 'default', not of 'two-site' opened here: its figures are "
        "not this one's.");
  CHECK(other.rows.size() == 3);  // shown all the same
  const SensitivityPanel edited = prepare_sensitivity(f, 1, "default", "ffffffffffffffffffff");
  REQUIRE(edited.warnings.size() == 1);
  CHECK(edited.warnings[0].find("another version of 'default' (scenario SHA-256 0123456789ab, "
                                "open: ffffffffffff)") != std::string::npos);
  f.overrides = {"horizon_s=31536000"};
  f.interrupted = true;
  const SensitivityPanel set = prepare_sensitivity(f, 1, "default", "0123456789abcdef0123");
  REQUIRE(set.warnings.size() == 2);
  CHECK(set.warnings[0] == "Ranked with --set horizon_s=31536000, not the scenario as opened.");
  CHECK(set.warnings[1].find("interrupted") != std::string::npos);
}

TEST_CASE("viz sensitivity: without a base the bars centre on each parameter's two values",
          "[viz][sensitivity]") {
  SensitivityFile f = file();
  f.metrics[1].base.reset();
  const SensitivityPanel p = prepare_sensitivity(f, 1, "default", "0123456789abcdef0123");
  CHECK(p.base == "unknown (no incident measured it)");
  // The decide delay's half swing, 1,800 s, is the longest bar.
  CHECK(*p.rows[0].low_bar == Approx(-1.0));
  CHECK(*p.rows[0].high_bar == Approx(1.0));
  CHECK(*p.rows[2].high_bar == Approx(10.0 / 1800));
  CHECK(sensitivity_hint("scenarios/default.pb.txt") ==
        "drsim sensitivity scenarios/default.pb.txt --json sens.json\n"
        "then: drsim-viz scenarios/default.pb.txt --sensitivity sens.json");
}

TEST_CASE(
    "viz sensitivity: after a what-if edit the panel says the ranking is of the scenario "
    "as opened",
    "[viz][sensitivity]") {
  CHECK(sensitivity_edit_warning(false, false).empty());
  CHECK(sensitivity_edit_warning(true, false).find("The timeline shows your what-if edits") == 0);
  CHECK(sensitivity_edit_warning(true, true).find("The timeline shows your what-if edits") == 0);
  CHECK(sensitivity_edit_warning(false, true) ==
        "Your edits are not run yet; this ranking is of the scenario as opened.");
}
