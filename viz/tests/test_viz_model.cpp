// The visualiser's model on the default scenario: lanes, incidents and runbook indexed from
// the log, the header prepare, hit tests, what-if re-runs and the benchmark.
//
// The story (scenarios/default.pb.txt): dc1 is lost at 10:00; pool1's users sign out, move
// to voice only when the registrar fails over, reach resiliency mode with the disaster-mode
// pool failover and full service once it completes; dc1 returns at 18:00.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viz/core/bench.h"
#include "viz/core/header_prepare.h"
#include "viz/core/plots.h"
#include "viz/core/session.h"
#include "viz/core/timeline_prepare.h"
#include "viz/tests/viz_test_sessions.h"

using namespace drsim::viz;
using drsim::viz::testing::default_session;

namespace {
constexpr int64_t kS = 1'000'000, kH = 3600 * kS;

const Lane& lane(const TimelineModel& m, LaneKind kind, const std::string& subject) {
  const int i = m.find_lane(kind, subject);
  REQUIRE(i >= 0);
  return m.lanes[static_cast<size_t>(i)];
}
}  // namespace

TEST_CASE(
    "viz model: the default scenario has a lane per site, pool, server, Back End, direction and "
    "routing group") {
  const TimelineModel& m = default_session().current().timeline;
  auto count = [&m](LaneKind k) {
    return std::count_if(m.lanes.begin(), m.lanes.end(),
                         [k](const Lane& l) { return l.kind == k; });
  };
  CHECK(count(LaneKind::kSite) == 5);  // dc1, dc2, the WAN link and the two PSTN gateways
  CHECK(count(LaneKind::kPstn) == 2);  // each pool's users on the PSTN
  CHECK(count(LaneKind::kPool) == 2);
  CHECK(count(LaneKind::kFrontEnd) == 14);
  CHECK(count(LaneKind::kBackEnd) == 2);
  CHECK(count(LaneKind::kBackup) == 2);
  CHECK(count(LaneKind::kRoutingGroup) == 32);
  CHECK(m.end_us == 24 * kH);
  CHECK(lane(m, LaneKind::kFrontEnd, "fe3.pool1.contoso.com").label == "fe3.pool1");
  CHECK(m.groups.front().kind == LaneKind::kSite);
  // Remote access from the log's access records: the five modalities and the serving state of
  // every Edge and Director pool (edge1, edge2, dir1, dir2), whether it changes or not; then
  // meeting content, last: the modality and each file store and farm serving (fs1, fs2, owa1,
  // owa2).
  CHECK(count(LaneKind::kAccess) == 9);
  CHECK(lane(m, LaneKind::kAccess, "remote_media").label == "remote media");
  CHECK(lane(m, LaneKind::kAccess, "edge2.contoso.com").kind == LaneKind::kAccess);
  CHECK(count(LaneKind::kContent) == 5);
  CHECK(lane(m, LaneKind::kContent, "owa2.contoso.com").kind == LaneKind::kContent);
  CHECK(m.groups.back().kind == LaneKind::kContent);
  CHECK(m.groups.back().title == "Meeting content (file stores, Office Web Apps)");
  CHECK(lane(m, LaneKind::kAccess, "federation_out").label == "outbound federation");
}

TEST_CASE("viz model: the site loss shows on dc1, pool1's users and its routing groups") {
  const TimelineModel& m = default_session().current().timeline;
  const Lane& dc1 = lane(m, LaneKind::kSite, "dc1");
  CHECK(dc1.states.at(10 * kH - 1) == State::kUp);
  CHECK(dc1.states.at(10 * kH) == State::kDown);
  CHECK(dc1.states.at(18 * kH) == State::kUp);
  CHECK(lane(m, LaneKind::kSite, "dc2").states.size() == 1);
  const Lane& rg = lane(m, LaneKind::kRoutingGroup, "pool1.contoso.com/rg3");
  CHECK(rg.states.at(10 * kH + 60 * kS) == State::kSignedOut);
  CHECK(rg.states.at(10 * kH + 600 * kS) == State::kVoiceOnly);
  CHECK(rg.states.at(20 * kH) == State::kFull);
  const Lane& pool1 = lane(m, LaneKind::kPool, "pool1.contoso.com");
  CHECK(pool1.states.at(11 * kH) == State::kFailedOver);
  CHECK(describe_at(m, pool1, 10 * kH + 60 * kS) == "down \xC2\xB7 20,000 signed out");
  const Lane& backup = lane(m, LaneKind::kBackup, "pool1.contoso.com->pool2.contoso.com");
  CHECK(backup.states.at(11 * kH) == State::kLagging);
  CHECK(m.max_backlog_bytes > 0);
}

TEST_CASE("viz model: the incident's RTO stages and the runbook's cmdlets come from the log") {
  const Run& run = default_session().current();
  const TimelineModel& m = run.timeline;
  REQUIRE(m.incidents.size() == 1);
  const IncidentSpan& inc = m.incidents[0];
  CHECK(inc.start_us == 10 * kH);
  REQUIRE(inc.has_stages);
  REQUIRE(run.report.incidents.size() == 1);
  // The stages add up to the report's RTO and end when users were back.
  CHECK(static_cast<double>(inc.stage_us[kStageCount] - inc.stage_us[0]) / 1e6 ==
        Approx(run.report.incidents[0].total_s).margin(1e-3));
  CHECK(std::llabs(inc.stage_us[kStageCount] - inc.restored_us) <= 1);
  CHECK(inc.stage_us[kStageDetect + 1] == inc.detect_us);
  REQUIRE(m.cmdlets.size() == 4);
  CHECK(m.cmdlets[0].cmdlet == "Invoke-CsManagementServerFailover");
  CHECK(m.cmdlets[1].cmdlet == "Invoke-CsPoolFailover");
  CHECK(m.cmdlets[2].cmdlet == "Publish-CsTopology");  // the federation route, then XMPP's
  CHECK(m.cmdlets[3].cmdlet == "Set-CsSite");
  CHECK(m.cmdlets[2].start_us >= m.cmdlets[1].end_us);
  CHECK(m.cmdlets[1].is_disaster_mode);
  CHECK(m.cmdlets[1].end_us > m.cmdlets[1].start_us);
  CHECK(m.cmdlets[1].incident == 0);
}

TEST_CASE("viz timeline: the header has a bracket per cmdlet over the four RTO stages") {
  const TimelineModel& m = default_session().current().timeline;
  TimelineState state;
  state.collapsed = default_collapsed(m);
  const TimeView v =
      fit_view(m.incidents[0].start_us, m.incidents[0].restored_us, 1200, 0.1, m.end_us);
  DrawList out;
  const HeaderLayout layout(m.incident_rows);
  prepare_header(m, map_ghost(m, nullptr), state, v, layout, TextMetrics{}, out);
  for (uint32_t color : {palette::kStageDetect, palette::kStageDecide, palette::kStageExecute,
                         palette::kStageClientsBack}) {
    CHECK(std::count_if(out.rects.begin(), out.rects.end(),
                        [color](const DrawRect& r) { return r.color == color; }) == 1);
  }
  // Each bracket is a horizontal line and two ticks.
  CHECK(std::count_if(out.lines.begin(), out.lines.end(),
                      [](const DrawLine& l) { return l.color == palette::kBracket; }) == 9);
  CHECK(std::any_of(out.texts.begin(), out.texts.end(), [](const DrawText& t) {
    return t.text.rfind("Invoke-CsPoolFailover pool1", 0) == 0;
  }));
  // Clicking the incident's bar hits it; clicking far from it does not.
  CHECK(incident_at(m, v, v.x_of(m.incidents[0].start_us + 60 * kS), 0, 3) == 0);
  CHECK(incident_at(m, v, 1, -1, 3) == -1);
  CHECK(cmdlet_at(m, v, v.x_of(m.cmdlets[1].start_us + 60 * kS), 0) == 1);
}

TEST_CASE("viz timeline: quiet groups start collapsed and rows are laid out top to bottom") {
  const TimelineModel& m = default_session().current().timeline;
  const std::vector<uint8_t> collapsed = default_collapsed(m);
  for (size_t g = 0; g < m.groups.size(); ++g) {
    const bool is_pool2 = m.groups[g].title.find("pool2") != std::string::npos;
    CHECK((collapsed[g] != 0) == is_pool2);  // pool2's Front Ends and routing groups were quiet
  }
  const std::vector<Row> rows = layout_rows(m, collapsed, RowHeights{});
  for (size_t i = 1; i < rows.size(); ++i)
    CHECK(rows[i].y == Approx(rows[i - 1].y + rows[i - 1].h));
  CHECK(row_at(rows, rows[3].y + 1) == 3);
  CHECK(row_at(rows, -1) == -1);
  // Prepare only what is visible: a short window prepares fewer rectangles.
  TimelineState state;
  state.collapsed = collapsed;
  const TimeView v{0, m.end_us, 1000};
  DrawList all, some;
  prepare_lanes(m, map_ghost(m, nullptr), state, v, rows, {}, 0, 1e6f, TextMetrics{}, all);
  prepare_lanes(m, map_ghost(m, nullptr), state, v, rows, {}, 0, 60, TextMetrics{}, some);
  CHECK(some.rects.size() < all.rects.size());
}

TEST_CASE("viz what-if: the admin's delays keep their distribution and HA edits validate") {
  drsim::scenario::Scenario sc = default_session().scenario();
  auto* detect = sc.mutable_admin()->mutable_detect_delay();
  CHECK(typical_delay_s(*detect) == Approx(600));
  set_typical_delay_s(detect, 60);
  CHECK(detect->has_lognormal());
  CHECK(detect->lognormal().median_s() == Approx(60));
  for (auto mode :
       {drsim::scenario::NONE, drsim::scenario::MIRRORING_WITH_WITNESS,
        drsim::scenario::MIRRORING_WITHOUT_WITNESS, drsim::scenario::SQL_FAILOVER_CLUSTERING,
        drsim::scenario::ALWAYSON_AVAILABILITY_GROUP}) {
    drsim::scenario::Scenario edited = default_session().scenario();
    for (int p = 0; p < edited.pools_size(); ++p) {
      apply_ha_mode(edited.mutable_pools(p)->mutable_back_end(), mode, edited.pools(p).fqdn());
    }
    INFO(ha_mode_label(mode));
    const ValidationResult check = check_scenario(edited);
    CHECK(check.errors.empty());
  }
}

TEST_CASE("viz what-if: a re-run keeps the previous run for comparison; a bad draft runs nothing") {
  Session s = Session::open(drsim::viz::testing::scenario_path("default.pb.txt"));
  REQUIRE(s.apply(SetAdminDelay{AdminDelay::kDecide, 60}).error.empty());
  CHECK(s.is_draft_changed());
  REQUIRE(s.rerun().errors.empty());
  REQUIRE(s.previous() != nullptr);
  const std::vector<MetricDiff>& diff = s.comparison();
  REQUIRE(diff.size() == 3);
  CHECK(diff[0].verdict() == -1);  // deciding faster shortens the RTO
  CHECK(diff[0].delta_text().front() == '-');
  CHECK(diff[2].verdict() == -1);  // and raises availability

  const Ghost& ghost = s.ghost();
  CHECK(ghost.model == &s.previous()->timeline);
  CHECK(std::all_of(ghost.lane_of.begin(), ghost.lane_of.end(), [](int g) { return g >= 0; }));

  REQUIRE(s.apply(SetSyncInterval{1}).error.empty());  // below the product's 5 s
  const ValidationResult bad = s.rerun();
  CHECK_FALSE(bad.errors.empty());
  CHECK(s.runs() == 2);
}

TEST_CASE("viz plots: users and backlog follow the timeline's view") {
  const Run& run = default_session().current();
  const TimelineModel& m = run.timeline;
  const TimeView v{9 * kH, 12 * kH, 600};
  DrawList out;
  prepare_users_plot(m, nullptr, v, 120, 10 * kH, TextMetrics{}, out);
  CHECK(std::any_of(out.rects.begin(), out.rects.end(),
                    [](const DrawRect& r) { return r.color == state_color(State::kSignedOut); }));
  std::vector<PlotLegendEntry> legend;
  DrawList backlog;
  prepare_backlog_plot(m, nullptr, v, 120, -1, TextMetrics{}, backlog, &legend);
  CHECK(legend.size() == 2);
  CHECK(!backlog.lines.empty());
}

TEST_CASE("viz bench: the prepare benchmark runs on a synthetic log") {
  const drsim::LogFile log = synthesize_log(5000, 7);
  CHECK(log.records.size() == 5000);
  CHECK(std::is_sorted(log.records.begin(), log.records.end(),
                       [](const auto& a, const auto& b) { return a.time_us() < b.time_us(); }));
  const BenchResult r = bench_prepare(5000, 2, 800, 400);
  CHECK(r.lanes > 100);
  REQUIRE(r.cases.size() == 7);
  for (const BenchCase& c : r.cases) {
    CHECK(c.draw_items > 0);
    CHECK(c.ms_median <= c.ms_p99);
    CHECK(c.ms_p99 <= c.ms_max);
  }
  // The ghost cases prepare the previous run's strips too.
  CHECK(r.cases[5].name == "whole year, all rows, ghost");
  CHECK(r.cases[5].draw_items > r.cases[1].draw_items);
}
