// The timeline header's prepare step: incidents stacked on sub-rows, the runbook's brackets
// over the RTO stages, the cursor and its time label, ghosts, and the level of detail that
// keeps a year of incidents cheap. No window: what would be drawn is read from the DrawList.
//
// link-then-site-loss.pb.txt: the WAN link fails at 09:30 for four hours (incident 0, no
// user impact); dc1 is lost at 10:00 inside it (incident 1, restored at 10:49:30).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "viz/core/flow_layout.h"
#include "viz/core/header_prepare.h"
#include "viz/core/plots.h"
#include "viz/core/session.h"
#include "viz/tests/viz_test_sessions.h"

using namespace drsim::viz;
using drsim::viz::testing::shared_session;

namespace {
constexpr int64_t kS = 1'000'000, kH = 3600 * kS;

std::vector<DrawRect> rects_of(const DrawList& out, uint32_t color) {
  std::vector<DrawRect> found;
  std::copy_if(out.rects.begin(), out.rects.end(), std::back_inserter(found),
               [color](const DrawRect& r) { return r.color == color; });
  return found;
}

std::vector<DrawLine> lines_of(const DrawList& out, uint32_t color) {
  std::vector<DrawLine> found;
  std::copy_if(out.lines.begin(), out.lines.end(), std::back_inserter(found),
               [color](const DrawLine& l) { return l.color == color; });
  return found;
}

DrawList header(const TimelineModel& m, const TimelineState& state, const TimeView& v,
                const Ghost& ghost = {}) {
  DrawList out;
  prepare_header(m, ghost, state, v, HeaderLayout(m.incident_rows), TextMetrics{}, out);
  return out;
}

TimelineState state_for(const TimelineModel& m) {
  TimelineState st;
  st.collapsed = default_collapsed(m);
  return st;
}
}  // namespace

TEST_CASE(
    "viz header: an incident inside another gets its own sub-row, both drawn, labelled and "
    "clickable") {
  const TimelineModel& m = shared_session("link-then-site-loss.pb.txt").current().timeline;
  REQUIRE(m.incidents.size() == 2);
  CHECK(m.incidents[0].row == 0);
  CHECK(m.incidents[1].row == 1);
  CHECK(m.incident_rows == 2);
  const TimeView v{9 * kH, 14 * kH, 1200};
  const HeaderLayout l(m.incident_rows);
  const DrawList out = header(m, state_for(m), v);
  const std::vector<DrawRect> bars = rects_of(out, palette::kIncident);
  REQUIRE(bars.size() == 2);
  // One bar per sub-row, the site loss below the WAN outage, each where its times are.
  CHECK(bars[0].y0 >= l.incident_row_y(0));
  CHECK(bars[0].y1 <= l.incident_row_y(1));
  CHECK(bars[1].y0 >= l.incident_row_y(1));
  CHECK(bars[1].x0 == Approx(v.x_of(10 * kH)));
  CHECK(bars[1].x1 == Approx(v.x_of(m.incidents[1].restored_us)));
  // Both labelled, on different lines: the labels no longer overprint.
  std::vector<const DrawText*> labels;
  for (const DrawText& t : out.texts) {
    if (t.text.rfind("incident ", 0) == 0) labels.push_back(&t);
  }
  REQUIRE(labels.size() == 2);
  CHECK(std::fabs(labels[0]->y - labels[1]->y) >= l.incident_row_h);
  // A click on each sub-row picks its incident, even where the bars overlap in time.
  const float x = v.x_of(10 * kH + 600 * kS);
  CHECK(incident_at(m, v, x, 0, 3) == 0);
  CHECK(incident_at(m, v, x, 1, 3) == 1);
  CHECK(l.incident_row_at(l.incident_row_y(1) + 1) == 1);
  CHECK(l.incident_row_at(l.incidents_y - 1) == -1);
}

TEST_CASE("viz header: incidents inside one pixel are drawn once, and each stays clickable") {
  // Three one-second incidents a second apart, in a day shown on 1000 pixels (86 s a pixel).
  std::vector<drsim::log::Record> records;
  for (int k = 0; k < 3; ++k) {
    auto add = [&](const char* kind, int64_t t) {
      drsim::log::Record& r = records.emplace_back();
      r.set_time_us(t);
      r.set_kind(kind);
      r.set_subject("fe1.pool1.contoso.com");
      auto* f = r.add_fields();
      f->set_key("incident");
      f->set_int_value(k);
    };
    add("incident.start", 36000 * kS + k * 2 * kS);
    add("incident.end", 36000 * kS + k * 2 * kS + kS);
  }
  const TimelineModel m = build_timeline(records, 24 * kH, nullptr);
  REQUIRE(m.incidents.size() == 3);
  CHECK(m.incident_rows == 1);  // they follow each other: one row
  const TimeView v{0, 24 * kH, 1000};
  TimelineState st = state_for(m);
  CHECK(rects_of(header(m, st, v), palette::kIncident).size() == 1);
  // The selected one is always drawn, on top.
  st.selected_incident = 2;
  const DrawList sel = header(m, st, v);
  CHECK(rects_of(sel, palette::kIncident).size() == 1);
  CHECK(rects_of(sel, palette::kIncidentSelected).size() == 1);
  // Hit tests read the model: every one of them can be clicked when zoomed in.
  const TimeView close{36000 * kS, 36010 * kS, 1000};
  for (int k = 0; k < 3; ++k) {
    CHECK(incident_at(m, close, close.x_of(36000 * kS + k * 2 * kS + kS / 2), 0, 0) == k);
  }
}

TEST_CASE(
    "viz header: each stage's bracket spans exactly its stage bar, and the cmdlets' brackets lie "
    "within execute") {
  const TimelineModel& m = shared_session("default.pb.txt").current().timeline;
  const IncidentSpan& inc = m.incidents[0];
  const TimeView v = fit_view(inc.start_us, inc.restored_us, 1200, 0.1, m.end_us);
  const HeaderLayout l(m.incident_rows);
  const DrawList out = header(m, state_for(m), v);
  static constexpr uint32_t kStageColors[] = {palette::kStageDetect, palette::kStageDecide,
                                              palette::kStageExecute, palette::kStageClientsBack};
  // The stage brackets' ticks, left to right: two per stage, on the stages' ends.
  std::vector<float> ticks;
  for (const DrawLine& line : lines_of(out, palette::kStageBracket)) {
    if (line.x0 == line.x1) ticks.push_back(line.x0);
  }
  REQUIRE(ticks.size() == 2 * kStageCount);
  for (int k = 0; k < kStageCount; ++k) {
    const std::vector<DrawRect> bar = rects_of(out, kStageColors[k]);
    REQUIRE(bar.size() == 1);
    CHECK(ticks[2 * static_cast<size_t>(k)] == bar[0].x0);
    CHECK(ticks[2 * static_cast<size_t>(k) + 1] == bar[0].x1);
  }
  // Brackets sit right above the stage bars, the cmdlets' a level higher.
  for (const DrawLine& line : lines_of(out, palette::kStageBracket)) {
    CHECK(line.y0 >= l.runbook_level_y(0));
    CHECK(std::max(line.y0, line.y1) <= l.stages_y);
  }
  const DrawRect execute = rects_of(out, palette::kStageExecute)[0];
  // The CMS and pool failovers run within execute; the federation route's change starts after
  // them (after execute), in view; the XMPP route's after it, beyond the view.
  const std::vector<DrawLine> cmdlets = lines_of(out, palette::kBracket);
  REQUIRE(cmdlets.size() == 3 * 3);
  size_t inside = 0;
  for (const DrawLine& line : cmdlets) {
    CHECK(std::max(line.y0, line.y1) <= l.runbook_level_y(0));
    if (std::max(line.x0, line.x1) <= execute.x1) {
      CHECK(std::min(line.x0, line.x1) >= execute.x0);
      ++inside;
    } else {
      CHECK(std::min(line.x0, line.x1) >= execute.x1);
    }
  }
  CHECK(inside == 3 * 2);
  // The execute bracket says what the runbook ran.
  CHECK(std::any_of(out.texts.begin(), out.texts.end(),
                    [](const DrawText& t) { return t.text == "the runbook runs: 4 cmdlets"; }));
  CHECK(inc.cmdlet_count == 4);
}

TEST_CASE(
    "viz header: the cursor is a line with its time, and no axis label hides under that time") {
  const TimelineModel& m = shared_session("default.pb.txt").current().timeline;
  TimelineState st = state_for(m);
  const TimeView v{10 * kH, 11 * kH, 1200};         // ticks every 5 minutes, 100 px apart
  st.cursor_us = 10 * kH + 29 * 60 * kS + 48 * kS;  // 10:29:48, just left of the 10:30 tick
  const DrawList out = header(m, st, v);
  const std::vector<DrawLine> cursor = lines_of(out, palette::kCursor);
  REQUIRE(cursor.size() == 1);
  CHECK(cursor[0].x0 == Approx(v.x_of(st.cursor_us)));
  const std::vector<DrawRect> box = rects_of(out, palette::kCursor);
  REQUIRE(box.size() == 1);
  const TextMetrics text;
  bool has_cursor_label = false;
  for (const DrawText& t : out.texts) {
    if (t.text == "10:29:48") has_cursor_label = true;
    if (t.color != palette::kAxisText) continue;
    const float x1 = t.x + text.width(t.text);
    INFO(t.text);
    CHECK((x1 < box[0].x0 || t.x > box[0].x1));  // no tick label under the cursor's
  }
  CHECK(has_cursor_label);
  // The ticks away from the cursor keep their labels.
  CHECK(std::any_of(out.texts.begin(), out.texts.end(),
                    [](const DrawText& t) { return t.text == "10:50"; }));
  CHECK_FALSE(std::any_of(out.texts.begin(), out.texts.end(),
                          [](const DrawText& t) { return t.text == "10:30"; }));
}

TEST_CASE("viz header: a previous run's incidents and stages show as ghost strips") {
  Session s = Session::open(drsim::viz::testing::scenario_path("default.pb.txt"));
  REQUIRE(s.apply(SetAdminDelay{AdminDelay::kDecide, 60}).error.empty());
  REQUIRE(s.rerun().errors.empty());
  const TimelineModel& m = s.current().timeline;
  const TimeView v = fit_view(10 * kH, 11 * kH, 1200, 0.1, m.end_us);
  TimelineState st = state_for(m);
  const uint32_t ghost_incident = with_alpha(palette::kIncident, palette::kGhostAlpha);
  const uint32_t ghost_execute = with_alpha(palette::kStageExecute, palette::kGhostAlpha);
  const DrawList with = header(m, st, v, s.ghost());
  const std::vector<DrawRect> strips = rects_of(with, ghost_incident);
  REQUIRE(strips.size() == 1);
  // The previous run decided later: its incident and execute stage end later.
  const IncidentSpan& before = s.previous()->timeline.incidents[0];
  CHECK(strips[0].x1 == Approx(v.x_of(before.restored_us)));
  REQUIRE(rects_of(with, ghost_execute).size() == 1);
  CHECK(rects_of(with, ghost_execute)[0].x1 == Approx(v.x_of(before.stage_us[kStageCount - 1])));
  st.show_ghost = false;
  const DrawList without = header(m, st, v, s.ghost());
  CHECK(rects_of(without, ghost_incident).empty());
  CHECK(rects_of(without, ghost_execute).empty());
}

TEST_CASE("viz header: a year of incidents costs at most one overview marker per two pixels") {
  std::vector<drsim::log::Record> records;
  for (int k = 0; k < 5000; ++k) {
    for (const char* kind : {"incident.start", "incident.end"}) {
      drsim::log::Record& r = records.emplace_back();
      r.set_time_us(static_cast<int64_t>(k) * 6000 * kS + (kind[9] == 'e' ? 60 * kS : 0));
      r.set_kind(kind);
      r.set_subject("dc1");
      auto* f = r.add_fields();
      f->set_key("incident");
      f->set_int_value(k);
    }
  }
  const TimelineModel m = build_timeline(records, 365 * 24 * kH, nullptr);
  const TimeView v{0, m.end_us, 1000};
  const DrawList out = header(m, state_for(m), v);
  CHECK(out.tris.size() <= 1000 / 2 + 1000);  // overview markers plus the lane's start markers
  CHECK(rects_of(out, palette::kIncident).size() <= 1000);
  CHECK(out.tris.size() >= 100);  // still a row of markers, not nothing
}

TEST_CASE(
    "viz incident panel: an Edge lost while every user kept full service names what was lost, "
    "not \"no user impact\"") {
  // scenarios/access-edge-loss.pb.txt: edge1 lost 10:00-13:00; remote sign-in, outbound
  // federation, XMPP and remote media were impaired, no Front End pool was touched (RTO 0).
  const Session& session = shared_session("access-edge-loss.pb.txt");
  const TimelineModel& m = session.current().timeline;
  REQUIRE(m.incidents.size() == 1);
  REQUIRE(session.current().report.incidents.size() == 1);
  const std::string lost =
      lost_beyond_service(session.current().report.incidents[0], "PSTN calling");
  CHECK(lost == "remote access or federation");
  const IncidentOutcome outcome = incident_outcome(m.incidents[0], lost);
  CHECK(outcome.text ==
        "Every user kept full service, but not remote access or federation (the incident ended "
        "at 13:00:00).");
  CHECK(outcome.text.find("No user impact") == std::string::npos);
  DrawList bar;
  prepare_rto_bar(m.incidents[0], 400, 22, TextMetrics{}, bar, lost);
  REQUIRE(bar.texts.size() == 1);
  CHECK(bar.texts[0].text == "full service kept: RTO 0s (other services lost)");
}

TEST_CASE("viz incident panel: an incident without user impact says so, with a grey RTO bar") {
  const TimelineModel& m = shared_session("link-then-site-loss.pb.txt").current().timeline;
  const IncidentOutcome wan = incident_outcome(m.incidents[0]);
  CHECK(wan.text ==
        "No user impact: every user kept full service (the incident ended at 13:30:00).");
  CHECK_FALSE(wan.is_bad);
  DrawList bar;
  prepare_rto_bar(m.incidents[0], 300, 22, TextMetrics{}, bar);
  REQUIRE(bar.rects.size() == 1);
  CHECK(bar.rects[0].color == palette::kNoImpact);
  CHECK(bar.rects[0].x1 == Approx(300));
  REQUIRE(bar.texts.size() == 1);
  CHECK(bar.texts[0].text == "no user impact: RTO 0s");
  const IncidentOutcome site = incident_outcome(m.incidents[1]);
  CHECK(site.text == "Full service again at 10:49:30, 49m 30s after it started.");
  // Open at the horizon with users still cut off: that is the bad news.
  IncidentSpan open_one = m.incidents[1];
  open_one.restored_us = -1;
  CHECK(incident_outcome(open_one).is_bad);
}

TEST_CASE("viz legend: groups flow onto the lines they need, whole") {
  CHECK(flow_lines({100, 100, 100}, 1000, 20) == std::vector<int>{0, 0, 0});
  CHECK(flow_lines({400, 400, 400}, 1000, 20) == std::vector<int>{0, 0, 1});
  CHECK(flow_lines({1200, 50}, 1000, 20) == std::vector<int>{0, 1});  // too wide: a line alone
  CHECK(flow_line_count({300, 300, 300, 300, 300}, 640, 20) == 3);
  CHECK(flow_line_count({}, 640, 20) == 0);
}
