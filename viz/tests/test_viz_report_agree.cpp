// The report and the visualiser are two views of one timeline model (log/timeline.h) with one
// table of states (log/states.h): the same state in the same colour, at every moment.
#include <catch2/catch.hpp>

#include "analysis/report_style.h"
#include "analysis/report_timeline.h"
#include "analysis/report_topology.h"
#include "viz/core/states.h"
#include "viz/tests/viz_test_sessions.h"

using namespace drsim::viz;

namespace {
// The report's key for each visualiser state.
constexpr const char* kKeys[kStateCount] = {
    "full",        "resiliency",  "voice_only",     "signed_out",  "up",        "down",
    "stopped",     "FailingOver", "FailedOver",     "FailingBack", "steady",    "lagging",
    "final",       "pstn_ok",     "pstn_degraded",  "pstn_none",   "access_ok", "access_degraded",
    "access_down", "pchat_ok",    "pchat_degraded", "pchat_down"};
}  // namespace

TEST_CASE(
    "viz and report: every visualiser state has the report's colour and severity for its key") {
  for (int i = 0; i < kStateCount; ++i) {
    const auto s = static_cast<State>(i);
    const drsim::StateStyle& report = drsim::state_style(kKeys[i]);
    INFO(kKeys[i]);
    CHECK(state_color(s) == drsim::packed_color(report.fill));
    CHECK(state_severity(s) == report.severity);
    CHECK(std::string(state_info(s).name) == report.name);
  }
  // "failing over" (issue 20: yellow in the report, blue in the visualiser) is one colour.
  CHECK(state_color(State::kFailingOver) ==
        drsim::packed_color(drsim::state_style("failing_over").fill));
}

TEST_CASE(
    "viz and report: sites, servers, Back Ends, Backup Service and routing groups show the same "
    "colour at every span") {
  for (const char* name :
       {"default.pb.txt", "backend-loss.pb.txt", "rg-quorum-loss.pb.txt", "failback.pb.txt"}) {
    const Run& run = testing::shared_session(name).current();
    const drsim::ReportTimeline report =
        drsim::build_timeline(run.log, run.report, drsim::topology_from_log(run.log));
    int compared = 0;
    for (const drsim::Lane& r : report.lanes) {
      LaneKind kind;
      if (r.kind == drsim::LaneKind::kBackEnd)
        kind = LaneKind::kBackEnd;
      else if (r.kind == drsim::LaneKind::kBackup)
        kind = LaneKind::kBackup;
      else if (r.kind == drsim::LaneKind::kRoutingGroup)
        kind = LaneKind::kRoutingGroup;
      else
        continue;
      const int i = run.timeline.find_lane(kind, r.subject);
      INFO(name << ": " << r.subject);
      REQUIRE(i >= 0);
      const Lane& v = run.timeline.lanes[static_cast<size_t>(i)];
      for (const drsim::LaneSpan& s : r.spans) {
        const int64_t mid = s.start_us + (s.end_us - s.start_us) / 2;
        INFO(s.state << " at " << mid);
        CHECK(drsim::packed_color(drsim::state_style(s.state).fill) ==
              state_color(v.states.at(mid)));
        ++compared;
      }
    }
    CHECK(compared > 3);
  }
}
