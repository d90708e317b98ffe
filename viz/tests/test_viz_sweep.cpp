// The sweep view's arithmetic and prepare step without a window: re-binning keeps the counts,
// targets land where the axis says, worst lists come worst first; and the sweep session finds
// its scenario and replays a replication as `drsim run --replication` does.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "analysis/sweep_report.h"
#include "experiments/sweep_run.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/scenario_file.h"
#include "sim/simulate.h"
#include "viz/core/input_script.h"
#include "viz/core/rare_view.h"
#include "viz/core/sweep_session.h"
#include "viz/core/sweep_view.h"

#include "viz_test_sessions.h"

using namespace drsim;
using namespace drsim::viz;

namespace {

// Buckets as the sweep JSON has them: a zero bucket, then ratio-1.02 buckets.
std::vector<HistogramBucket> buckets() {
  return {{0, 0, 7}, {10, 10.2, 3}, {100, 102, 5}, {1000, 1020, 11}, {1800, 1836, 2}};
}

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

// 28 incidents over buckets(), with the given quantiles.
DistributionDigest digest_of(double p50, double p95, double p99) {
  DistributionDigest d;
  d.n = 28;
  d.mean = 600;
  d.p50 = p50;
  d.p95 = p95;
  d.p99 = p99;
  d.max = 1830;
  d.histogram = buckets();
  return d;
}

SweepDigest digest_with_worst() {
  SweepDigest d;
  d.worst_replications = {{"downtime_s_per_year", {{4, 900}, {9, 600}, {2, 600}, {7, 10}}},
                          {"rto_total_s", {{9, 7200}, {4, 3600}}},
                          {"rpo_user_data_s", {}}};
  return d;
}

}  // namespace

TEST_CASE("sweep view: re-binning keeps every non-zero count, at any bin count", "[viz][sweep]") {
  const LogAxis axis = histogram_axis(buckets(), {}, 600, 1.15);
  CHECK(axis.lo < 10);
  CHECK(axis.hi > 1836);
  for (int bins : {1, 7, 150, 600, 5000}) {
    INFO(bins);
    const std::vector<double> counts = rebin(buckets(), axis, bins);
    REQUIRE(counts.size() == static_cast<size_t>(bins));
    CHECK(sum(counts) == Approx(21.0).epsilon(1e-12));
  }
  CHECK(zero_count(buckets()) == 7);
  // Buckets outside a narrower axis land in its end bins, not nowhere.
  const std::vector<double> narrow = rebin(buckets(), LogAxis{50, 500, 100}, 10);
  CHECK(sum(narrow) == Approx(21.0));
  CHECK(narrow.front() == Approx(3.0));
  CHECK(narrow.back() == Approx(13.0));
}

TEST_CASE("sweep view: a bucket's count goes to the screen bins it covers", "[viz][sweep]") {
  // One bucket [10, 100] on an axis [1, 1000] in 3 bins: all of it in the middle bin.
  const std::vector<double> one = rebin({{10, 100, 6}}, LogAxis{1, 1000, 300}, 3);
  CHECK(one[0] == 0);
  CHECK(one[1] == Approx(6));
  CHECK(one[2] == 0);
  // Straddling two bins half and half (in log terms): [sqrt(10)*10^0 .. ] = [3.16, 31.6].
  const std::vector<double> half =
      rebin({{std::sqrt(10.0), std::sqrt(1000.0), 4}}, LogAxis{1, 1000, 300}, 3);
  CHECK(half[0] == Approx(2));
  CHECK(half[1] == Approx(2));
}

TEST_CASE("sweep view: the axis takes in the targets, and marks land on them", "[viz][sweep]") {
  const LogAxis axis = histogram_axis({{100, 102, 5}}, {1800}, 500, 1.0);
  CHECK(axis.lo == Approx(100));
  CHECK(axis.hi == Approx(1800));
  CHECK(axis.x_of(100) == Approx(0));
  CHECK(axis.x_of(1800) == Approx(500));
  CHECK(axis.x_of(std::sqrt(100.0 * 1800.0)) == Approx(250));
  CHECK(axis.value_at(axis.x_of(420)) == Approx(420));
  // With nothing to show, a default decade.
  const LogAxis empty = histogram_axis({{0, 0, 3}}, {}, 100, 1.15);
  CHECK(empty.lo < empty.hi);
  // A bucket from 0 (no sweep writes one; a hand-edited JSON might) still gives a log axis
  // above zero and finite bins holding its count.
  const LogAxis from_zero = histogram_axis({{0, 5, 7}}, {}, 100, 1.15);
  CHECK(from_zero.lo > 0);
  double binned = 0;
  for (double c : rebin({{0, 5, 7}}, from_zero, 20)) {
    CHECK(std::isfinite(c));
    binned += c;
  }
  CHECK(binned == Approx(7));
  // Ticks at round durations, increasing, inside the axis, spaced.
  const std::vector<ValueTick> ticks = log_ticks(LogAxis{1, 10000, 800}, 40);
  REQUIRE(ticks.size() >= 4);
  for (size_t i = 1; i < ticks.size(); ++i) CHECK(ticks[i].x - ticks[i - 1].x >= 40);
  CHECK(ticks.front().label == "1s");
  bool has_hour = false;
  for (const ValueTick& t : ticks) has_hour = has_hour || t.label == "1h";
  CHECK(has_hour);
}

TEST_CASE("sweep view: the histogram draws its bars, its targets and their scores",
          "[viz][sweep]") {
  DistributionDigest d = digest_of(101, 1010, 1818);
  d.max_replication = 3;
  TargetMark t;
  t.target_s = 1800;
  t.met = {{"site", {21, 19, 19.0 / 21, 0.71, 0.97}}};
  DrawList out;
  const HistogramLayout layout;
  prepare_sweep_histogram(d, {t}, 1000, 300, layout, TextMetrics{}, out);
  int bars = 0, targets = 0, zero_bars = 0;
  float target_x = 0;
  for (const DrawRect& r : out.rects) {
    if (r.color == palette::kHistogramBar) ++bars;
    if (r.color == palette::kHistogramZero) ++zero_bars;
    if (r.color == palette::kTargetLine) {
      ++targets;
      target_x = (r.x0 + r.x1) / 2;
    }
  }
  CHECK(bars >= 4);  // four non-zero buckets, some split over two bins
  CHECK(zero_bars == 1);
  CHECK(targets == 1);
  // The target sits where the axis puts 1800 s, right of the zero bar and its gap.
  const float plot_w = 1000 - layout.label_w_px - layout.zero_bar_px - layout.gap_px;
  const LogAxis axis = histogram_axis(d.histogram, {1800}, plot_w, layout.margin);
  CHECK(target_x ==
        Approx(std::round(layout.zero_bar_px + layout.gap_px + axis.x_of(1800))).margin(0.01));
  bool has_score = false;
  for (const DrawText& s : out.texts)
    has_score = has_score || s.text == "  site: 90.48 % [71.00, 97.00]";
  CHECK(has_score);
}

TEST_CASE("sweep view: one mark per target value, with each disruption's score", "[viz][sweep]") {
  SweepDigest d;
  PolicyDigest a, b, c;
  a.disruption = "server";
  a.rto_target_s = 1800;
  a.rto_met = {10, 9, 0.9, 0.6, 0.98};
  b.disruption = "site";
  b.rto_target_s = 1800;
  b.rto_met = {412, 1, 0.0024, 0.0004, 0.0136};
  c.disruption = "pool";
  c.rto_target_s = 600;
  c.rpo_target_s = 60;
  d.policy = {a, b, c};
  const std::vector<TargetMark> marks = policy_marks(d, true);
  REQUIRE(marks.size() == 2);
  CHECK(marks[0].target_s == 600);
  CHECK(marks[1].target_s == 1800);
  REQUIRE(marks[1].met.size() == 2);
  CHECK(marks[1].met[0].first == "server");
  CHECK(marks[1].met[1].first == "site");
  CHECK(met_text("site", marks[1].met[1].second) == "site: 0.24 % [0.04, 1.36]");
  CHECK(met_text("pool", marks[0].met[0].second) == "pool: no incidents");
  REQUIRE(policy_marks(d, false).size() == 1);
  CHECK(policy_marks(d, false)[0].target_s == 60);
  CHECK(round_duration(1800) == "30m");
  CHECK(round_duration(7200) == "2h");
  CHECK(round_duration(90) == "1m 30s");
}

TEST_CASE("sweep view: worst rows come worst first with the other measures beside",
          "[viz][sweep]") {
  const SweepDigest d = digest_with_worst();
  const std::vector<WorstRow> rows = worst_rows(d, 0);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].replication == 4);
  // Equal values: the lower replication first.
  CHECK(rows[1].replication == 2);
  CHECK(rows[2].replication == 9);
  CHECK(rows[3].replication == 7);
  CHECK(rows[0].values[1] == 3600);  // replication 4 is also in the RTO list
  CHECK_FALSE(rows[1].values[1].has_value());
  CHECK(rows[2].values[1] == 7200);
  const std::vector<WorstRow> by_rto = worst_rows(d, 1);
  REQUIRE(by_rto.size() == 2);
  CHECK(by_rto[0].replication == 9);
  CHECK(by_rto[0].values[0] == 600);
  CHECK(worst_rows(d, 2).empty());
}

TEST_CASE("sweep session: scenario candidates, and a sweep is told from a scenario by content",
          "[viz][sweep]") {
  const std::vector<std::string> c = scenario_candidates("out/s.json", "mc-two-site-10y", "");
  REQUIRE(c.size() == 4);
  CHECK(c[0] == "out/mc-two-site-10y.pb.txt");
  CHECK(c[2] == "scenarios/mc-two-site-10y.pb.txt");
  CHECK(scenario_candidates("out/s.json", "x", "my.pb.txt") ==
        std::vector<std::string>{"my.pb.txt"});
  CHECK(scenario_candidates("out/s.json", "../etc/x", "").empty());
  CHECK_FALSE(is_sweep_json("{\"name\": \"default\", \"sites\": []}"));
  CHECK_FALSE(is_sweep_json("not json \"worst_replications\""));
  CHECK(is_sweep_json("{\"rto_s\": {}, \"rpo_s\": {}, \"worst_replications\": {}}"));
}

TEST_CASE("sweep session: a replication replays as drsim run --replication does", "[viz][sweep]") {
  const std::string scenario_path = testing::scenario_path("mc-two-site-10y.pb.txt");
  const LoadedScenario loaded = load_scenario(scenario_path);
  SweepDigest d;
  d.scenario = "mc-two-site-10y";
  d.seed = 77;
  d.replications = 10;
  const SweepSession s(d, loaded.scenario, scenario_path, loaded.sha256);
  REQUIRE(s.has_scenario());
  const std::unique_ptr<Run> run = s.replay(3);
  CHECK(run->log.header.seed() == 77);
  CHECK(run->log.header.replication() == 3);
  RunOptions o;
  o.seed = 77;
  o.replication = 3;
  const RunResult direct = simulate(loaded.scenario, o);
  CHECK(run->log.records.size() == static_cast<size_t>(direct.log.records().size()));
  CHECK(run->title == "mc-two-site-10y, seed 77, replication 3");
  // Another replication is another history.
  CHECK(s.replay(4)->log.records.size() != run->log.records.size());
}

TEST_CASE("sweep session: a sweep's JSON opens, and without its scenario it says why",
          "[viz][sweep]") {
  const std::string scenario_path = testing::scenario_path("mc-two-site-10y.pb.txt");
  const LoadedScenario loaded = load_scenario(scenario_path);
  SweepOptions o;
  o.replications = 3;
  o.threads = 1;
  o.seed = 5;
  const SweepResult r = run_sweep(loaded.scenario, o);
  const SweepReportInfo info{loaded.scenario.name(), loaded.sha256, 5, 0, false, {}};
  const std::string dir =
      (std::filesystem::temp_directory_path() / "drsim-viz-sweep-open").string();
  std::filesystem::create_directories(dir);
  const std::string json = dir + "/s.json";
  write_file_atomically(json, sweep_report_json(loaded.scenario, r.acc, info, {}));
  CHECK(is_sweep_json(read_file(json, 1 << 24)));

  // Not beside the JSON, not in ./scenarios (the tests run in the build directory).
  const SweepSession lost = SweepSession::open(json, "");
  CHECK(lost.digest().replications == 3);
  CHECK_FALSE(lost.has_scenario());
  CHECK(lost.scenario_note().rfind("cannot replay: scenario \"mc-two-site-10y\" not found", 0) ==
        0);

  const SweepSession found = SweepSession::open(json, scenario_path);
  CHECK(found.has_scenario());
  CHECK(found.scenario_note().empty());
  CHECK(found.replay(1)->log.header.seed() == 5);

  // A scenario that is not the swept one (another file) is used, with a warning.
  const SweepSession other = SweepSession::open(json, testing::scenario_path("default.pb.txt"));
  CHECK(other.has_scenario());
  CHECK(other.scenario_note().find("has changed since the sweep") != std::string::npos);

  // Not a sweep at all: an input error.
  write_file_atomically(json, "{\"seed\": 1}");
  CHECK_THROWS_AS(SweepSession::open(json, ""), InputError);
}

TEST_CASE("input script: commands become frames of pointer, button and wheel", "[viz][script]") {
  const std::vector<InputFrame> f =
      parse_input_script("move 10 20; wheel 2; click 30 40;drag 0 0 40 0; wait 2; state, whatif");
  REQUIRE(f.size() == 1 + 1 + 3 + 7 + 2 + 1 + 1);
  CHECK(f[0].x == 10);
  CHECK(f[1].wheel == 2);
  CHECK(f[1].x == 10);  // the wheel turns where the pointer is
  CHECK(f[2].x == 30);
  CHECK_FALSE(f[2].is_down);
  CHECK(f[3].is_down);
  CHECK_FALSE(f[4].is_down);
  CHECK(f[6].is_down);
  CHECK(f[10].x == 40);  // the drag ends where it was told
  CHECK_FALSE(f[11].is_down);
  CHECK(f[12].wheel == 0);
  CHECK(f[f.size() - 2].print_state);
  CHECK_FALSE(f[f.size() - 2].print_whatif);
  CHECK(f.back().print_whatif);
  CHECK_FALSE(f.back().print_state);
  CHECK(parse_input_script("").empty());
  CHECK(parse_input_script("wheel 1, wheel -1").size() == 2);
  CHECK_THROWS_WITH(parse_input_script("jump 1 2"),
                    "--script: error: 'jump 1 2': unknown command 'jump' (move, click, drag, "
                    "wheel, wait, state, whatif)");
  CHECK_THROWS_WITH(parse_input_script("click 1"),
                    "--script: error: 'click 1': expected 2 numbers");
}

TEST_CASE("sweep view: a replay opens on its longest incident or its worst RPO", "[viz][sweep]") {
  const std::string scenario_path = testing::scenario_path("mc-two-site-10y.pb.txt");
  const LoadedScenario loaded = load_scenario(scenario_path);
  SweepDigest d;
  d.scenario = "mc-two-site-10y";
  d.seed = 2026;
  const SweepSession s(d, loaded.scenario, scenario_path, loaded.sha256);
  // The first replication with two or more incidents.
  std::unique_ptr<Run> run;
  for (uint64_t k = 0; k < 20 && (run == nullptr || run->report.incidents.size() < 2); ++k)
    run = s.replay(k);
  REQUIRE(run->report.incidents.size() >= 2);
  const int longest = worst_incident(run->report, run->timeline, 1);
  REQUIRE(longest >= 0);
  const int id = run->timeline.incidents[static_cast<size_t>(longest)].id;
  for (const IncidentReport& r : run->report.incidents) {
    if (r.id == id) {
      for (const IncidentReport& other : run->report.incidents) CHECK(other.total_s <= r.total_s);
    }
  }
  CHECK(worst_incident(run->report, run->timeline, 2) >= 0);
  CHECK(worst_incident(RunReport{}, TimelineModel{}, 0) == -1);
}

TEST_CASE("sweep view: no grid line is drawn over a target (it would blend into its colour)",
          "[viz][sweep]") {
  DistributionDigest d;
  d.n = 5;
  d.histogram = {{1000, 1020, 5}};
  TargetMark t;
  t.target_s = 1800;  // 30m: also a tick of the axis
  DrawList out;
  const HistogramLayout layout;
  prepare_sweep_histogram(d, {t}, 1000, 300, layout, TextMetrics{}, out);
  float target_x = -1;
  for (const DrawRect& r : out.rects)
    if (r.color == palette::kTargetLine) target_x = (r.x0 + r.x1) / 2;
  REQUIRE(target_x > 0);
  bool has_30m_label = false;
  for (const DrawText& s : out.texts) has_30m_label = has_30m_label || s.text == "30m";
  CHECK(has_30m_label);  // the tick is labelled
  for (const DrawLine& l : out.lines) CHECK(std::fabs(l.x0 - target_x) >= 3);
}

TEST_CASE("sweep job: a replication cut short by the event budget is reported, not an abort",
          "[viz][sweep]") {
  // The background sweep of `drsim-viz SCENARIO --sweep-run N` aborted (134) here.
  const std::string scenario_path = testing::scenario_path("mc-two-site-10y.pb.txt");
  LoadedScenario loaded = load_scenario(scenario_path);
  loaded.scenario.set_event_budget(100);
  SweepJob job(loaded.scenario, scenario_path, loaded.sha256, 4, 2);
  for (int i = 0; i < 600 && !job.is_finished(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(job.is_finished());
  CHECK(job.take() == nullptr);
  CHECK(job.error() ==
        scenario_path +
            ": error: event_budget: replication 0 needed more than 100 events before the "
            "horizon; raise event_budget or shorten horizon_s; replay it alone with: "
            "drsim run " +
            scenario_path + " --seed 2026 --replication 0");
}

TEST_CASE("sweep view: quantile labels a few pixels apart stack instead of hiding each other",
          "[viz][sweep]") {
  const DistributionDigest d =
      digest_of(101, 1800, 1818);  // p99 a bucket above p95: a pixel or two
  DrawList out;
  const TextMetrics text;
  prepare_sweep_histogram(d, {}, 1000, 300, HistogramLayout{}, text, out);
  std::vector<const DrawText*> labels;
  for (const DrawText& t : out.texts) {
    if (t.color == palette::kQuantile && (t.text == "p50" || t.text == "p95" || t.text == "p99"))
      labels.push_back(&t);
  }
  REQUIRE(labels.size() == 3);
  // No two overlap: apart on the line, or on different lines.
  for (size_t i = 0; i < labels.size(); ++i) {
    for (size_t j = i + 1; j < labels.size(); ++j) {
      const bool apart = labels[i]->x + text.width(labels[i]->text) <= labels[j]->x ||
                         labels[j]->x + text.width(labels[j]->text) <= labels[i]->x;
      INFO(labels[i]->text << " and " << labels[j]->text);
      CHECK((apart || std::fabs(labels[i]->y - labels[j]->y) >= text.line_h_px));
    }
  }
  // The bars start below the lowest label line.
  float bars_top = 1e9f;
  for (const DrawRect& r : out.rects) {
    if (r.color == palette::kLaneBackground) bars_top = r.y0;
  }
  for (const DrawText* t : labels) CHECK(t->y + text.line_h_px <= bars_top);
}

TEST_CASE(
    "sweep view: PSTN, remote access and Persistent Chat tables are the sweep page's, or say not "
    "modelled",
    "[viz][sweep]") {
  // Nothing modelled: three tables without rows, each saying why in words.
  SweepDigest none;
  const std::vector<TitledTable> empty = sweep_service_tables(none);
  REQUIRE(empty.size() == 3);
  CHECK(empty[2].title == "Persistent Chat");
  CHECK(empty[2].table.rows.empty());
  CHECK(empty[2].table.empty_note.find("Persistent Chat not modelled") != std::string::npos);
  CHECK(empty[0].title == "PSTN calling");
  CHECK(empty[0].table.rows.empty());
  CHECK(empty[0].table.empty_note.find("PSTN not modelled") != std::string::npos);
  CHECK(empty[1].table.rows.empty());
  CHECK(empty[1].table.empty_note.find("Remote access not modelled") != std::string::npos);
  // The PSTN modelled: the page's rows, with its figures (3 of 40 incidents).
  SweepDigest d;
  d.pstn_modelled = true;
  d.pstn_impact.incidents = 40;
  d.pstn_impact.met = 3;
  d.pstn_impact.fraction = 0.075;
  d.pstn_rto_s = digest_of(900, 1500, 1800);
  const std::vector<TitledTable> tables = sweep_service_tables(d);
  const Table& pstn = tables[0].table;
  REQUIRE(pstn.rows.size() == 2);
  CHECK(pstn.rows[0][0].text == "Incidents with PSTN impact");
  CHECK(pstn.rows[0][2].text == "7.50 %");
  CHECK(pstn.rows[1][0].text == "Time to PSTN restored");
  CHECK(pstn.rows[1][1].text == "28");
}
