// The visualiser's lanes for Persistent Chat and meeting content, from the timeline model the
// report and the trace read too (log/timeline.h): each in a group of its own, correctly
// titled, never under "Remote access and federation".
//
// scenarios/pchat-site-loss.pb.txt (its header): chat down 10:00-11:32:30 for the loss, back
// on the standby servers, down 18:35-19:10 for the failback. scenarios/content-site-loss.pb.txt
// (its header): dc1 lost at 10:00 with fs1 and owa1; pool1's meetings move to pool2's store
// and farm with the pool failover.
#include <catch2/catch.hpp>

#include <algorithm>

#include "viz/core/timeline_model.h"
#include "viz/tests/viz_test_sessions.h"

using namespace drsim::viz;
using drsim::viz::testing::shared_session;

namespace {
constexpr int64_t kS = 1'000'000;

const LaneGroup* group_of(const TimelineModel& m, LaneKind kind) {
  const auto it = std::find_if(m.groups.begin(), m.groups.end(),
                               [kind](const LaneGroup& g) { return g.kind == kind; });
  return it == m.groups.end() ? nullptr : &*it;
}
}  // namespace

TEST_CASE(
    "viz model: a Persistent Chat pool has its own lane in a Persistent Chat group, down for the "
    "loss and for the failback",
    "[viz][pchat]") {
  const TimelineModel& m = shared_session("pchat-site-loss.pb.txt").current().timeline;
  const int i = m.find_lane(LaneKind::kPchat, "pchat.contoso.com");
  REQUIRE(i >= 0);
  const Lane& chat = m.lanes[static_cast<size_t>(i)];
  CHECK(chat.label == "pchat");
  const LaneGroup* g = group_of(m, LaneKind::kPchat);
  REQUIRE(g != nullptr);
  CHECK(g->title == "Persistent Chat");
  CHECK_FALSE(g->is_quiet);
  CHECK(chat.states.at(36000 * kS - 1) == State::kPchatOk);
  CHECK(chat.states.at(36000 * kS) == State::kPchatDown);
  CHECK(chat.states.at(41550 * kS - 1) == State::kPchatDown);
  CHECK(chat.states.at(41550 * kS) == State::kPchatOk);
  CHECK(chat.states.at(66900 * kS) == State::kPchatDown);
  CHECK(chat.states.at(69000 * kS) == State::kPchatOk);
  CHECK(describe_at(m, chat, 37000 * kS) == "no chat");
  // The Persistent Chat group comes last, after remote access.
  CHECK(m.groups.back().kind == LaneKind::kPchat);
}

TEST_CASE(
    "viz model: meeting content, file stores and Office Web Apps farms are in a meeting content "
    "group, not under remote access",
    "[viz][content]") {
  const TimelineModel& m = shared_session("content-site-loss.pb.txt").current().timeline;
  const LaneGroup* g = group_of(m, LaneKind::kContent);
  REQUIRE(g != nullptr);
  CHECK(g->title == "Meeting content (file stores, Office Web Apps)");
  for (const char* subject : {"conferencing_content", "fs1.contoso.com", "fs2.contoso.com",
                              "owa1.contoso.com", "owa2.contoso.com"}) {
    INFO(subject);
    CHECK(m.find_lane(LaneKind::kContent, subject) >= 0);
    CHECK(m.find_lane(LaneKind::kAccess, subject) < 0);
  }
  const Lane& fs1 =
      m.lanes[static_cast<size_t>(m.find_lane(LaneKind::kContent, "fs1.contoso.com"))];
  CHECK(fs1.states.at(36000 * kS - 1) == State::kAccessOk);
  CHECK(fs1.states.at(36000 * kS) == State::kAccessDown);
  const Lane& content =
      m.lanes[static_cast<size_t>(m.find_lane(LaneKind::kContent, "conferencing_content"))];
  CHECK(content.label == "conferencing with content");
  CHECK(state_severity(content.states.at(36000 * kS)) > 0);
  // Remote access keeps its Edge and Director pools and its modalities only.
  if (const LaneGroup* access = group_of(m, LaneKind::kAccess))
    for (int l : access->lanes) CHECK(m.lanes[static_cast<size_t>(l)].subject.rfind("fs", 0) != 0);
}
