// read_sensitivity_json: the JSON `drsim sensitivity --json` writes, read back with the same
// figures (written by the writer from a run made by hand, so every figure is known), and bad
// inputs refused at their line and column with the rule broken.
#include <catch2/catch.hpp>
#include <string>

#include "analysis/sensitivity.h"
#include "io/errors.h"

using namespace drsim;

namespace {

GridColumn metric(const std::string& name) {
  for (const GridColumn& c : sensitivity_metrics())
    if (c.name == name) return c;
  FAIL("no sensitivity metric " << name);
  return {};
}

ParameterLevels levels(const std::string& parameter, const std::string& unit) {
  ParameterLevels l;
  l.parameter = parameter;
  l.unit = unit;
  l.base_text = "120 " + unit;
  l.low_text = "30 " + unit;
  l.high_text = "600 " + unit;
  l.why = "why " + parameter;
  l.low_sets = {parameter + "=30"};
  l.high_sets = {parameter + "=600", "second.set=1"};
  return l;
}

SensitivityEffect effect(const std::string& parameter, std::optional<double> low,
                         std::optional<double> high, std::optional<double> swing_ci95,
                         bool paired) {
  SensitivityEffect e;
  e.parameter = parameter;
  e.at_low = low;
  e.at_high = high;
  if (low) e.ci95_low = *low / 7;
  if (high) e.ci95_high = *high / 9;
  if (low && high) e.swing = std::fabs(*high - *low);
  e.swing_ci95 = swing_ci95;
  e.paired = paired;
  e.distinguishable = e.swing && swing_ci95 && *e.swing > *swing_ci95;
  return e;
}

// Three parameters; the RTO moved most by the decide delay (within noise for the sync
// interval), the user-data RPO by the sync interval, one RPO swing unknown (no incident).
struct HandRun {
  SensitivityRun run;
  std::vector<MetricRanking> ranked;
};
HandRun hand_run() {
  HandRun h;
  SensitivityRun& r = h.run;
  r.base.scenario = "default";
  r.base.scenario_sha256 = "ab12";
  r.base.seed = 18446744073709551557ULL;  // above 2^53: read exactly from the text
  r.base.replications = 200;
  r.base.version = "0.9";
  r.base.commit = "abc";
  r.base.overrides = {"horizon_s=31536000"};
  r.ranges = {"backup_service.sync_interval_s=30,600"};
  for (const char* p :
       {"admin.decide_delay", "backup_service.sync_interval_s", "parameters.pool_failover_s"})
    r.points.push_back({levels(p, "s"), {}, {}});
  r.skipped = {{"parameters.trunk_down_detection_s", "the scenario has no PSTN gateway"}};
  MetricRanking rto{metric("rto_total_mean_s"), 2869.25, {}};
  rto.effects = {effect("admin.decide_delay", 1800.5, 5400.125, 95.0 / 3, false),
                 effect("parameters.pool_failover_s", 2700, 3100.75, 600, false),
                 effect("backup_service.sync_interval_s", 2869.25, 2870, 1.0 / 3, true)};
  MetricRanking rpo{metric("rpo_user_data_mean_s"), std::nullopt, {}};
  rpo.effects = {effect("backup_service.sync_interval_s", 22.993, 302.5, 13.162, false),
                 effect("admin.decide_delay", 66, 66, 0.0, true),
                 effect("parameters.pool_failover_s", std::nullopt, 70, std::nullopt, false)};
  h.ranked = {rto, rpo};
  return h;
}

std::string error_of(const std::string& text) {
  try {
    read_sensitivity_json(text, "s.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// "line:col" of the byte at `offset`, 1-based, as the reader reports positions.
std::string line_col(const std::string& text, size_t offset) {
  int line = 1, col = 1;
  for (size_t i = 0; i < offset; ++i) {
    col = text[i] == '\n' ? 1 : col + 1;
    line += text[i] == '\n' ? 1 : 0;
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

// `text` with the first `from` after `anchor` replaced by `to`; *at is where it was.
std::string replace_after(const std::string& text, const std::string& anchor,
                          const std::string& from, const std::string& to, size_t* at) {
  const size_t a = text.find(anchor);
  REQUIRE(a != std::string::npos);
  *at = text.find(from, a);
  REQUIRE(*at != std::string::npos);
  std::string out = text;
  out.replace(*at, from.size(), to);
  return out;
}

}  // namespace

TEST_CASE("sensitivity read: the writer's JSON reads back with the same figures",
          "[sensitivity][read]") {
  const HandRun h = hand_run();
  const std::string text = sensitivity_json(h.run, h.ranked);
  REQUIRE(is_sensitivity_json(text));
  const SensitivityFile f = read_sensitivity_json(text, "s.json");
  CHECK(f.scenario == "default");
  CHECK(f.scenario_sha256 == "ab12");
  CHECK(f.seed == 18446744073709551557ULL);
  CHECK(f.replications == 200);
  CHECK(f.method == "one-at-a-time, common random numbers");
  CHECK(f.overrides == h.run.base.overrides);
  CHECK(f.ranges == h.run.ranges);
  CHECK_FALSE(f.interrupted);
  REQUIRE(f.varied.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    const ParameterLevels& a = f.varied[i];
    const ParameterLevels& b = h.run.points[i].levels;
    CHECK(a.parameter == b.parameter);
    CHECK(a.unit == b.unit);
    CHECK(a.base_text == b.base_text);
    CHECK(a.low_text == b.low_text);
    CHECK(a.high_text == b.high_text);
    CHECK(a.why == b.why);
    CHECK(a.low_sets == b.low_sets);
    CHECK(a.high_sets == b.high_sets);
  }
  REQUIRE(f.skipped.size() == 1);
  CHECK(f.skipped[0].reason == "the scenario has no PSTN gateway");
  REQUIRE(f.metrics.size() == 2);
  CHECK(f.morris_trajectories == 0);
  for (size_t m = 0; m < 2; ++m) {
    const MetricRanking& a = f.metrics[m];
    const MetricRanking& b = h.ranked[m];
    CHECK(a.column.name == b.column.name);
    CHECK(a.column.unit == b.column.unit);
    CHECK(a.base == b.base);
    REQUIRE(a.effects.size() == b.effects.size());
    for (size_t i = 0; i < a.effects.size(); ++i) {
      const SensitivityEffect& x = a.effects[i];
      const SensitivityEffect& y = b.effects[i];
      INFO(b.column.name << " " << y.parameter);
      CHECK(x.parameter == y.parameter);
      // Exactly: the writer writes the shortest text that reads back as the same double.
      CHECK(x.at_low == y.at_low);
      CHECK(x.at_high == y.at_high);
      CHECK(x.ci95_low == y.ci95_low);
      CHECK(x.ci95_high == y.ci95_high);
      CHECK(x.swing == y.swing);
      CHECK(x.swing_ci95 == y.swing_ci95);
      CHECK(x.paired == y.paired);
      CHECK(x.distinguishable == y.distinguishable);
    }
  }
  CHECK(f.metrics[0].effects[2].swing_ci95 == 1.0 / 3);
  CHECK_FALSE(f.metrics[1].effects[2].swing.has_value());
}

TEST_CASE("sensitivity read: a Morris screening reads back as rank_morris made it",
          "[sensitivity][read]") {
  HandRun h = hand_run();
  SensitivityRun& r = h.run;
  r.morris_parameters = {"admin.decide_delay", "backup_service.sync_interval_s"};
  // One trajectory: downtime 100 s, then 160 s after the decide delay moves, then 150 s.
  MorrisTrajectory t;
  t.start = {0, 1.0 / 3};
  t.order = {0, 1};
  for (double downtime : {100.0, 160.0, 150.0}) {
    SweepDigest d;
    d.downtime_s_per_year.n = 10;
    d.downtime_s_per_year.mean = downtime;
    t.points.push_back(d);
  }
  r.morris = {t};
  const SensitivityFile f = read_sensitivity_json(sensitivity_json(r, h.ranked), "s.json");
  CHECK(f.morris_trajectories == 1);
  const std::vector<MorrisRanking> expected = rank_morris(r);
  REQUIRE(f.morris.size() == expected.size());
  for (size_t m = 0; m < expected.size(); ++m) {
    CHECK(f.morris[m].column.name == expected[m].column.name);
    REQUIRE(f.morris[m].effects.size() == expected[m].effects.size());
    if (expected[m].column.name != "downtime_per_year_mean_s") continue;
    // (160 - 100) / (2/3) = 90 s for the decide delay; |150 - 160| / (2/3) = 15 s.
    CHECK(f.morris[m].effects[0].parameter == "admin.decide_delay");
    CHECK(f.morris[m].effects[0].mu_star == Approx(90));
    CHECK(f.morris[m].effects[1].mu == Approx(-15));
    CHECK(f.morris[m].effects[1].n == 1);
  }
}

TEST_CASE("sensitivity read: bad input is refused at its line and column with the rule broken",
          "[sensitivity][read]") {
  const HandRun h = hand_run();
  const std::string good = sensitivity_json(h.run, h.ranked);
  size_t at = 0;

  // A missing member: named at the object that lacks it.
  std::string text =
      replace_after(good, "\"rpo_user_data_mean_s\"", "\"swing_interval\"", "\"interval\"", &at);
  const size_t row = text.rfind('{', at);
  CHECK(error_of(text) == "s.json:" + line_col(text, row) +
                              ": error: metrics[1].ranked[0]: missing key \"swing_interval\"");

  // A wrong type.
  text = replace_after(good, "\"replications\"", "200", "\"200\"", &at);
  CHECK(error_of(text) ==
        "s.json:" + line_col(text, at) + ": error: replications: expected a number, got a string");

  // A metric with no rows.
  {
    const size_t m = good.find("\"rpo_user_data_mean_s\"");
    const size_t open = good.find('[', good.find("\"ranked\"", m));
    size_t close = open, depth = 0;
    do {
      depth += good[close] == '[' ? 1 : 0;
      depth -= good[close] == ']' ? 1 : 0;
      ++close;
    } while (depth > 0);
    text = good.substr(0, open) + "[]" + good.substr(close);
    CHECK(error_of(text) ==
          "s.json:" + line_col(text, open) +
              ": error: metrics[1].ranked: a metric with no rows: expected one per varied "
              "parameter");
  }

  // A metric that is not one a sensitivity ranks.
  text = replace_after(good, "\"metric\"", "\"rto_total_mean_s\"", "\"rto_total_p42_s\"", &at);
  CHECK(error_of(text) == "s.json:" + line_col(text, at) +
                              ": error: metrics[0].metric: \"rto_total_p42_s\" is not a metric "
                              "drsim sensitivity ranks (docs/reports.md, \"Sensitivity\")");

  // Rows out of order: the RTO's second swing made larger than the first.
  text = replace_after(good, "\"parameters.pool_failover_s\"", "\"high_value\": 3100.75",
                       "\"high_value\": 9100.75", &at);
  text = replace_after(text, "\"parameters.pool_failover_s\"", "\"swing\": 400.75",
                       "\"swing\": 6400.75", &at);
  CHECK(error_of(text) == "s.json:" + line_col(text, at + 9) +
                              ": error: metrics[0].ranked[1].swing: rows must be ranked by swing, "
                              "largest first, unknown swings last");

  // Not a sensitivity file at all, and broken JSON.
  CHECK(error_of("[1]") ==
        "s.json:1:1: error: expected an object (a sensitivity ranking), got an array");
  CHECK(error_of("{\"kind\": \"sweep\"}") ==
        "s.json:1:10: error: kind: expected \"sensitivity\" (drsim sensitivity --json), got "
        "\"sweep\"");
  CHECK(error_of("{\"kind\": ") == "s.json:1:10: error: malformed JSON: unexpected end of input");
  CHECK_FALSE(is_sensitivity_json("{\"kind\": \"sweep\"}"));
}
