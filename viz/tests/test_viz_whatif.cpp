// What-if edits (viz/core/whatif_edit.h), the Session's edit commands and versions, the
// comparison of two runs, and how the previous run shows as a ghost in the lanes and plots.
// The numbers are cross-checked against `drsim run` in viz/CMakeLists.txt; here they are
// checked against the two runs' own reports.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viz/core/format.h"
#include "viz/core/plots.h"
#include "viz/core/session.h"
#include "viz/core/timeline_prepare.h"
#include "viz/tests/viz_test_sessions.h"

using namespace drsim::viz;
using drsim::scenario::Scenario;
using drsim::viz::testing::default_session;

namespace {
constexpr int64_t kS = 1'000'000, kH = 3600 * kS;
const std::string kDefault = drsim::viz::testing::scenario_path("default.pb.txt");

// Applies a --what-if setting to a copy of the default scenario; REQUIREs that it parses.
Scenario edited(const std::string& setting, std::vector<std::string>* notes = nullptr) {
  Scenario sc = default_session().scenario();
  std::string error;
  const std::vector<WhatIfEdit> edits = parse_setting(sc, setting, &error);
  INFO(setting << ": " << error);
  REQUIRE(error.empty());
  REQUIRE_FALSE(edits.empty());
  for (const WhatIfEdit& e : edits) {
    EditOutcome out = apply_edit(&sc, e);
    REQUIRE(out.error.empty());
    if (notes != nullptr) notes->insert(notes->end(), out.notes.begin(), out.notes.end());
  }
  return sc;
}

std::string refused(const std::string& setting) {
  std::string error;
  const std::vector<WhatIfEdit> edits =
      parse_setting(default_session().scenario(), setting, &error);
  CHECK(edits.empty());
  return error;
}

double worst_user_data_rpo(const drsim::RunReport& r) {
  double worst = 0;
  for (const auto& i : r.incidents) {
    for (const auto& [category, s] : i.rpo_s) {
      if (category == "user_data") worst = std::max(worst, s);
    }
  }
  return worst;
}
}  // namespace

TEST_CASE("viz what-if: each --what-if key edits its field of the scenario") {
  CHECK(edited("sync_interval_s=150").backup_service().sync_interval_s() == 150);
  const Scenario detect = edited("detect_delay_s=60");
  CHECK(detect.admin().detect_delay().lognormal().median_s() == Approx(60));  // keeps its kind
  CHECK(edited("decide_delay_s=30").admin().decide_delay().lognormal().median_s() == Approx(30));
  CHECK(edited("fault_component=dc2").faults(0).component() == "dc2");
  CHECK(edited("fault_at_s=40000").faults(0).at_s() == 40000);
  CHECK_FALSE(edited("repair_after_s=0").faults(0).has_repair_after_s());  // never repaired
  // Pool keys: every pool without a selector, one pool with [FQDN], [first label] or [index].
  const Scenario users = edited("pool_users=30000");
  CHECK(users.pools(0).users() == 30000);
  CHECK(users.pools(1).users() == 30000);
  CHECK(edited("pool_active_users[pool2.contoso.com]=1000").pools(1).active_users() == 1000);
  CHECK(edited("pool_active_users[pool2.contoso.com]=1000").pools(0).active_users() == 16000);
  CHECK(edited("pool_users[1]=5").pools(1).users() == 5);
  std::vector<std::string> notes;
  const Scenario witness = edited("ha_mode[pool1]=mirroring_with_witness", &notes);
  CHECK(witness.pools(0).back_end().ha_mode() == drsim::scenario::MIRRORING_WITH_WITNESS);
  CHECK(witness.pools(1).back_end().ha_mode() == drsim::scenario::ALWAYSON_AVAILABILITY_GROUP);
  CHECK(std::find(notes.begin(), notes.end(), "fsw1.contoso.com becomes the mirroring witness") !=
        notes.end());
  CHECK(check_scenario(witness).errors.empty());
}

TEST_CASE("viz what-if: a Front End count adds servers with new FQDNs or removes the last ones") {
  std::vector<std::string> notes;
  const Scenario more = edited("pool_front_ends[pool1]=9", &notes);
  REQUIRE(more.pools(0).front_ends_size() == 9);
  CHECK(more.pools(0).front_ends(7).fqdn() == "fe8.pool1.contoso.com");
  CHECK(more.pools(0).front_ends(8).fqdn() == "fe9.pool1.contoso.com");
  CHECK(notes == std::vector<std::string>{"fe8.pool1.contoso.com is added",
                                          "fe9.pool1.contoso.com is added"});
  CHECK(more.pools(1).front_ends_size() == 7);
  CHECK(check_scenario(more).errors.empty());
  // Fewer: the seed servers listed first stay.
  const Scenario fewer = edited("pool_front_ends[pool1]=3");
  REQUIRE(fewer.pools(0).front_ends_size() == 3);
  CHECK(fewer.pools(0).front_ends(2).fqdn() == "fe3.pool1.contoso.com");
  // A name already taken is skipped: after removing fe2, growing back adds fe2 again, not a
  // duplicate.
  Scenario gap = default_session().scenario();
  gap.mutable_pools(0)->mutable_front_ends()->DeleteSubrange(1, 1);
  REQUIRE(apply_edit(&gap, SetFrontEndCount{0, 7}).error.empty());
  CHECK(gap.pools(0).front_ends(6).fqdn() == "fe2.pool1.contoso.com");
  CHECK(apply_edit(&gap, SetFrontEndCount{0, kMaxFrontEndsEdit + 1}).error ==
        "a pool's Front End count is 0 to 64 (got 65)");
  // Past the product's limit the edit is made and the validator says no.
  const ValidationResult check = check_scenario(edited("pool_front_ends[pool1]=13"));
  REQUIRE(check.errors.size() == 1);
  CHECK(check.errors[0] ==
        "pools[0].front_ends: an Enterprise pool on Skype for Business Server 2015 has 2 to 12 "
        "Front End servers (got 13)");
}

TEST_CASE(
    "viz what-if: bad settings are refused with the reason, numbers range-checked before "
    "conversion") {
  CHECK(refused("sync_interval_s") == "expected KEY=VALUE, got 'sync_interval_s'");
  CHECK(refused("pool_size=3").rfind("unknown what-if key 'pool_size' (sync_interval_s, ", 0) == 0);
  CHECK(refused("fault_at_s=1e30") ==
        "fault_at_s: '1e30' is out of range (at most 1e12 in magnitude)");
  CHECK(refused("fault_at_s=-1e30") ==
        "fault_at_s: '-1e30' is out of range (at most 1e12 in magnitude)");
  CHECK(refused("detect_delay_s=nan") ==
        "detect_delay_s: 'nan' is out of range (at most 1e12 in magnitude)");
  CHECK(refused("sync_interval_s=inf") ==
        "sync_interval_s: 'inf' is out of range (at most 1e12 in magnitude)");
  CHECK(refused("sync_interval_s=150.5") == "sync_interval_s: '150.5' is not a whole number");
  CHECK(refused("sync_interval_s=abc") == "sync_interval_s: 'abc' is not a number");
  CHECK(refused("pool_users[pool9]=1") ==
        "pool_users: no pool 'pool9' (an FQDN, its first label or an index)");
  CHECK(refused("pool_users[2]=1") ==
        "pool_users: no pool '2' (an FQDN, its first label or an index)");
  CHECK(refused("sync_interval_s[pool1]=5") == "sync_interval_s: only pool keys take [POOL]");
  CHECK(refused("ha_mode=fast").rfind("ha_mode: 'fast' is not an HA mode (NONE, ", 0) == 0);
  CHECK(refused("pool_front_ends=65")
            .rfind("pool_front_ends: '65': a pool has 0 to 64 Front Ends", 0) == 0);
  CHECK(refused("repair_after_s=-5") == "repair_after_s: '-5' is negative (0: never repaired)");
}

TEST_CASE("viz session: edits count versions; a re-run is due once per edit; discard drops them") {
  Session s = Session::open(kDefault);
  CHECK_FALSE(s.needs_rerun());
  CHECK_FALSE(s.is_draft_changed());
  REQUIRE(s.apply(SetSyncInterval{150}).error.empty());
  CHECK(s.draft_version() == 1);
  CHECK(s.needs_rerun());
  CHECK(s.is_draft_changed());
  CHECK(s.scenario().backup_service().sync_interval_s() == 120);  // the run is the old one
  REQUIRE(s.rerun().errors.empty());
  CHECK(s.runs() == 2);
  CHECK(s.run_version() == 2);
  CHECK_FALSE(s.needs_rerun());
  CHECK_FALSE(s.is_draft_changed());
  CHECK(s.scenario().backup_service().sync_interval_s() == 150);

  // An edit the validator refuses: checked once, nothing runs, the edit stays pending.
  REQUIRE(s.apply(SetActiveUsers{0, 25000}).error.empty());
  const ValidationResult& bad = s.rerun();
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0] == "pools[0].active_users: active_users cannot exceed users");
  CHECK(s.runs() == 2);
  CHECK_FALSE(s.needs_rerun());
  CHECK(s.is_draft_changed());
  CHECK(s.last_check().errors.size() == 1);
  s.discard_draft();
  CHECK_FALSE(s.is_draft_changed());
  CHECK(s.last_check().errors.empty());
  CHECK(s.draft().pools(0).active_users() == 16000);
  // Notes say what else an edit changed; a setting applies through the same commands.
  CHECK(s.apply_setting("ha_mode[pool1]=NONE").empty());
  CHECK_FALSE(s.notes().empty());
  CHECK(s.apply_setting("pool_users[pool7]=1") ==
        "pool_users: no pool 'pool7' (an FQDN, its first label or an index)");
}

TEST_CASE("viz what-if: the comparison is the difference of the two runs' reports") {
  Session s = Session::open(kDefault);
  CHECK(s.comparison().empty());
  REQUIRE(s.apply_setting("sync_interval_s=150").empty());
  REQUIRE(s.rerun().errors.empty());
  const std::vector<MetricDiff>& diff = s.comparison();
  REQUIRE(diff.size() == 3);
  const double before = worst_user_data_rpo(s.previous()->report),
               after = worst_user_data_rpo(s.current().report);
  CHECK(after > before);  // a longer sync interval loses more
  CHECK(diff[1].name == "RPO user_data (worst incident)");
  CHECK(*diff[1].before == Approx(before));
  CHECK(*diff[1].after == Approx(after));
  CHECK(diff[1].delta_text() == "+" + format_seconds(after - before));
  CHECK(diff[1].delta_text() == "+29.047s");
  CHECK(diff[1].verdict() == 1);  // worse
  CHECK(diff[0].verdict() == 0);  // the RTO does not depend on the sync interval
  CHECK(diff[0].delta_text() == "same");
  CHECK(*diff[2].after == Approx(s.current().report.user_availability));
  const std::string text = whatif_state_text(s);
  CHECK(text.find("runs=2 draft_version=1 pending=0 changed=0 errors=0 sync_interval_s=150") == 0);
  CHECK(text.find("| RPO user_data (worst incident): 1m 56s -> 2m 25s +29.047s worse") !=
        std::string::npos);
}

TEST_CASE(
    "viz ghost: after a re-run each lane has a strip of the previous run's states at ghost alpha") {
  Session s = Session::open(kDefault);
  REQUIRE(s.apply_setting("decide_delay_s=60").empty());
  REQUIRE(s.apply_setting("pool_front_ends[pool1]=8").empty());
  REQUIRE(s.rerun().errors.empty());
  const TimelineModel& m = s.current().timeline;
  REQUIRE(s.ghost().model == &s.previous()->timeline);
  // Lanes match by subject; the new Front End has no previous lane.
  const int fe8 = m.find_lane(LaneKind::kFrontEnd, "fe8.pool1.contoso.com");
  REQUIRE(fe8 >= 0);
  CHECK(s.ghost().lane_of[static_cast<size_t>(fe8)] == -1);
  const int dc1 = m.find_lane(LaneKind::kSite, "dc1");
  CHECK(s.ghost().lane_of[static_cast<size_t>(dc1)] >= 0);

  TimelineState st;
  st.collapsed.assign(m.groups.size(), 0);
  const std::vector<Row> rows = layout_rows(m, st.collapsed, RowHeights{});
  const TimeView v{9 * kH, 12 * kH, 1000};
  auto ghost_rects = [&](const DrawList& out) {
    return std::count_if(out.rects.begin(), out.rects.end(), [](const DrawRect& r) {
      return (r.color >> 24) == (with_alpha(0xFFFFFFFF, palette::kGhostAlpha) >> 24);
    });
  };
  DrawList with, without;
  prepare_lanes(m, s.ghost(), st, v, rows, {}, 0, 1e6f, TextMetrics{}, with);
  // dc1's previous run: down from 10:00, as a thin strip at the bottom of its row.
  const Row& dc1_row = *std::find_if(rows.begin(), rows.end(), [dc1](const Row& r) {
    return r.kind == RowKind::kLane && r.index == dc1;
  });
  const uint32_t ghost_down = with_alpha(state_color(State::kDown), palette::kGhostAlpha);
  const auto strip = std::find_if(with.rects.begin(), with.rects.end(), [&](const DrawRect& r) {
    return r.color == ghost_down && r.y0 >= dc1_row.y && r.y1 <= dc1_row.y + dc1_row.h;
  });
  REQUIRE(strip != with.rects.end());
  CHECK(strip->x0 == Approx(v.x_of(10 * kH)));
  CHECK(strip->y1 - strip->y0 <= 4);
  // One strip per lane that has a previous one, at least.
  const auto matched = std::count_if(s.ghost().lane_of.begin(), s.ghost().lane_of.end(),
                                     [](int g) { return g >= 0; });
  CHECK(ghost_rects(with) >= matched);
  st.show_ghost = false;
  prepare_lanes(m, s.ghost(), st, v, rows, {}, 0, 1e6f, TextMetrics{}, without);
  CHECK(ghost_rects(without) == 0);

  // The users plot draws the previous run's users at full service as a line.
  DrawList plot, alone;
  prepare_users_plot(m, s.ghost().model, v, 120, -1, TextMetrics{}, plot);
  prepare_users_plot(m, nullptr, v, 120, -1, TextMetrics{}, alone);
  CHECK(plot.lines.size() > alone.lines.size());
}

TEST_CASE("viz lanes: the time cursor is a line through the visible lanes at its instant") {
  const TimelineModel& m = default_session().current().timeline;
  TimelineState st;
  st.collapsed = default_collapsed(m);
  const std::vector<Row> rows = layout_rows(m, st.collapsed, RowHeights{});
  const TimeView v{10 * kH, 11 * kH, 1200};
  auto cursor_lines = [](const DrawList& out) {
    std::vector<DrawLine> found;
    std::copy_if(out.lines.begin(), out.lines.end(), std::back_inserter(found),
                 [](const DrawLine& l) { return l.color == palette::kCursor; });
    return found;
  };
  DrawList out;
  st.cursor_us = 10 * kH + 30 * 60 * kS;
  prepare_lanes(m, Ghost{}, st, v, rows, {}, 0, 200, TextMetrics{}, out);
  const std::vector<DrawLine> cursor = cursor_lines(out);
  REQUIRE(cursor.size() == 1);
  CHECK(cursor[0].x0 == Approx(600));
  CHECK(cursor[0].x1 == Approx(600));
  CHECK(cursor[0].y0 == Approx(0));
  CHECK(cursor[0].y1 >= 200);  // through the rows prepared
  // Outside the view, no cursor.
  st.cursor_us = 12 * kH;
  DrawList none;
  prepare_lanes(m, Ghost{}, st, v, rows, {}, 0, 200, TextMetrics{}, none);
  CHECK(cursor_lines(none).empty());
}

TEST_CASE(
    "viz what-if: a path into the scenario is the command line's --set, one override language") {
  const Scenario& sc = default_session().scenario();
  std::string error;
  const std::vector<WhatIfEdit> edits =
      parse_setting(sc, "backup_service.sync_interval_s=60", &error);
  REQUIRE(error.empty());
  REQUIRE(edits.size() == 1);
  REQUIRE(std::holds_alternative<SetField>(edits[0]));
  Scenario copy = sc;
  REQUIRE(apply_edit(&copy, edits[0]).error.empty());
  CHECK(copy.backup_service().sync_interval_s() == 60);
  // A pool by name, as --set takes it.
  const std::vector<WhatIfEdit> users =
      parse_setting(sc, "pools[pool1.contoso.com].users=5000", &error);
  REQUIRE(users.size() == 1);
  REQUIRE(apply_edit(&copy, users[0]).error.empty());
  CHECK(copy.pools(0).users() == 5000);
  // Its errors are --set's.
  const std::vector<WhatIfEdit> bad = parse_setting(sc, "backup_service.no_such_field=1", &error);
  REQUIRE(bad.size() == 1);
  CHECK_FALSE(apply_edit(&copy, bad[0]).error.empty());
}
