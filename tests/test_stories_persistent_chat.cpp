// Story tests of Persistent Chat (issue 17; sfb-hadr 5.1, sfb-other-roles 5), each checked
// against numbers derived by hand:
//
// 1. scenarios/pchat-site-loss.pb.txt (its header derives the figures): dc1 lost at 10:00 with
//    the primary half of a stretched pool; the documented manual failover brings chat back at
//    11:32:30 (5,550 s) and loses the 4,500 messages posted since the last shipped log backup
//    (09:45); failback at 18:35-19:10 stops chat for 2,100 s more. The two are reported apart
//    (rule 9): the time to restore chat is 11:32:30 - 10:00 = 5,550 s; the planned failback
//    begins 18:35 - 10:00 = 30,900 s into the incident, ends at 19:10 - 10:00 = 33,000 s and
//    stops chat for 2,100 s. One RTO until every user was back would say 33,000 s.
// 2. The same pool, no site lost: its active server pchat.contoso.com/1 fails at 10:00 for an
//    hour. Its users (9,000 x 1/2 = 4,500) are moved to the other active server by themselves
//    (D-PCTOPO) after client_sign_in_s = 120 s; one server carries 20,000 users, so all 9,000
//    fit: 4,500 users without chat for 120 s, 540,000 user-seconds, RTO 120 s, no failover, no
//    message lost, no admin action.
// 3. With the primary database lost alone and a witness running, the mirror takes over
//    automatically after backend_auto_failover_s = 60 s: chat down 60 s, no message lost.
// 4. scenarios/pchat-site-loss.ps1, the failover as an admin writes it (Invoke-Sqlcmd,
//    Set-CsPersistentChatState, Install-CsMirrorDatabase, Set-CsPersistentChatActiveServer
//    -Swap), rehearsed on the scenario without its failback: the same 4,500 messages lost and
//    chat back at 11:32:30 (5,550 s: the runbook starts at detect+15m = the decision, 10:25).
// 5. A 2019 scenario with a Persistent Chat pool is refused (tests/bad_scenarios/
//    pchat_on_2019.pb.txt checks file:line:col); here the rule's words.
#include <algorithm>
#include <tuple>

#include <catch2/catch.hpp>

#include "analysis/chrome_trace.h"
#include "analysis/report_timeline.h"
#include "analysis/report_topology.h"
#include "analysis/run_report.h"
#include "analysis/run_report_text.h"
#include "cli_util.h"
#include "io/runbook_ps1.h"
#include "log/log_file.h"
#include "story_util.h"
#include "test_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

// The pchat.pool records, as (time s, state).
std::vector<std::pair<double, std::string>> chat_states(const RunResult& r) {
  std::vector<std::pair<double, std::string>> out;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "pchat.pool")
      out.emplace_back(static_cast<double>(rec.time_us()) / 1e6,
                       rec::get(rec, rec::pchat_pool::state));
  return out;
}

// The JSON without its layout (spaces and line breaks), to match keys and values.
std::string squeezed(std::string json) {
  json.erase(std::remove_if(json.begin(), json.end(), [](char c) { return c == ' ' || c == '\n'; }),
             json.end());
  return json;
}

scenario::Scenario without_site_loss() {
  scenario::Scenario s = load_story("pchat-site-loss");
  s.clear_faults();
  s.clear_runbook();
  return s;
}

}  // namespace

TEST_CASE(
    "persistent chat story: a site lost with the primary database: the documented manual "
    "failover brings chat back and loses the messages since the last shipped log backup",
    "[story][pchat]") {
  const RunResult r = run_story(load_story("pchat-site-loss"));
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  REQUIRE(m.pchat.size() == 1);
  const PersistentChatOutcome& o = m.pchat[0];
  CHECK(o.failed_over);
  // The 09:45 backup (copied 09:46) is the last on the secondary: 900 s x 5 messages a second.
  CHECK(o.loss_window.seconds_f() == Approx(900));
  CHECK(o.messages_lost == Approx(4500));
  CHECK(o.users_lost == 9000);
  // 5,550 s for the failover, 2,100 s for the failback.
  CHECK(o.without.seconds_f() == Approx(7650));
  CHECK(o.user_s == Approx(68850000));
  REQUIRE(o.restored != Instant::never());
  CHECK((o.restored - m.start).seconds_f() == Approx(33000));
  // The time to restore chat ends at the failover's return, not at the failback's.
  CHECK(o.had_loss);
  REQUIRE(o.first_restored != Instant::never());
  CHECK((o.first_restored - m.start).seconds_f() == Approx(5550));
  CHECK(o.failback_without.seconds_f() == Approx(2100));
  CHECK((o.failback_start - m.start).seconds_f() == Approx(30900));
  CHECK((o.failback_end - m.start).seconds_f() == Approx(33000));
  // Chat: down at 10:00, back at 11:32:30 on the dc2 servers, down for failback 18:35-19:10.
  const auto states = chat_states(r);
  REQUIRE(states.size() >= 5);
  CHECK(states[1] == std::make_pair(36000.0, std::string("down")));
  // The database changes to the secondary at 11:22:30 while chat is still down.
  const auto back = std::find_if(states.begin() + 1, states.end(),
                                 [](const auto& st) { return st.second == "ok"; });
  REQUIRE(back != states.end());
  CHECK(back->first == Approx(41550));
  CHECK(states.back() == std::make_pair(69000.0, std::string("ok")));
  CHECK(count_records(r, "pchat.failover") == 1);
  // The incident stays open until the failback ends (a timed step was pending).
  CHECK(m.end.seconds_f() == Approx(69000));
  // The run report says it in words, the compliance database included.
  LogFile log;
  log.header.set_horizon_us(r.metrics.horizon.us());
  log.records = r.log.records();
  const RunReport report = summarize_log(log);
  const std::string text = run_report_text(report, nullptr);
  CHECK_THAT(text, Catch::Contains("Persistent Chat pchat.contoso.com: up to 9,000 users without "
                                   "chat for 2h 07m 30s"));
  CHECK_THAT(text, Catch::Contains("chat restored after 1h 32m 30s; the planned failback 8h 35m "
                                   "00s into the incident stopped chat for 35m 00s"));
  REQUIRE(report.incidents.size() == 1);
  REQUIRE(report.incidents[0].pchat.size() == 1);
  const IncidentReport::PersistentChat& p = report.incidents[0].pchat[0];
  REQUIRE(p.rto_s);
  CHECK(*p.rto_s == Approx(5550));
  REQUIRE(p.failback_without_s);
  CHECK(*p.failback_without_s == Approx(2100));
  CHECK(*p.failback_end_s == Approx(33000));
  CHECK(p.back);
  const std::string json = squeezed(run_report_json(report, nullptr));
  CHECK_THAT(json, Catch::Contains("\"rto_s\":5550"));
  CHECK_THAT(json, Catch::Contains("\"failback\":{\"without_s\":2100,\"start_s\":30900,"
                                   "\"end_s\":33000}"));
  CHECK_THAT(text, Catch::Contains("4,500 chat messages lost"));
  CHECK_THAT(text, Catch::Contains("compliance data not failed over"));
}

TEST_CASE(
    "persistent chat story: the timeline the report and the trace read has a lane of the pool's "
    "users with chat, down for the loss and again for the failback",
    "[story][pchat]") {
  const scenario::Scenario s = load_story("pchat-site-loss");
  const RunResult r = run_story(s);
  LogFile log;
  log.header.set_horizon_us(r.metrics.horizon.us());
  log.records = r.log.records();
  const ReportTimeline t = build_timeline(log, summarize_log(log), topology_from_scenario(s));
  const auto lane = std::find_if(t.lanes.begin(), t.lanes.end(), [](const Lane& l) {
    return l.kind == LaneKind::kPchat && l.subject == "pchat.contoso.com";
  });
  REQUIRE(lane != t.lanes.end());
  CHECK(lane->section == "Persistent Chat");
  // ok, down 10:00-11:32:30 (the loss), ok, down 18:35-19:10 (the failback), ok to the horizon.
  std::vector<std::tuple<double, double, std::string>> spans;
  for (const LaneSpan& sp : lane->spans)
    spans.emplace_back(static_cast<double>(sp.start_us) / 1e6, static_cast<double>(sp.end_us) / 1e6,
                       sp.state);
  REQUIRE(spans.size() == 5);
  CHECK(spans[0] == std::make_tuple(0.0, 36000.0, std::string("pchat_ok")));
  CHECK(spans[1] == std::make_tuple(36000.0, 41550.0, std::string("pchat_down")));
  CHECK(spans[2] == std::make_tuple(41550.0, 66900.0, std::string("pchat_ok")));
  CHECK(spans[3] == std::make_tuple(66900.0, 69000.0, std::string("pchat_down")));
  CHECK(std::get<2>(spans[4]) == "pchat_ok");
  CHECK(std::get<1>(spans[4]) == Approx(static_cast<double>(t.horizon_us) / 1e6));
  // Back on the secondary database, FailedOver, on the standby servers: the tooltip says so.
  CHECK_THAT(lane->spans[2].detail, Catch::Contains("9000 of 9000 users with chat"));
  CHECK_THAT(lane->spans[2].detail, Catch::Contains("(FailedOver)"));
  // The pool's servers and SQL stores sit in the same section, not in "Other components".
  for (const Lane& l : t.lanes)
    if (l.subject.rfind("pcsql", 0) == 0) CHECK(l.section == "Persistent Chat");
  // The Chrome trace has the section as a process and the outage as a "pchat" slice.
  const std::string trace = chrome_trace_json(log, t);
  CHECK_THAT(trace, Catch::Contains("\"Persistent Chat\""));
  CHECK_THAT(squeezed(trace), Catch::Contains("\"cat\":\"pchat\""));
}

TEST_CASE(
    "persistent chat story: one active server lost moves its users to the other by themselves, "
    "costing them the reconnect only",
    "[story][pchat]") {
  scenario::Scenario s = without_site_loss();
  add_fault(s, 36000, "pchat.contoso.com/1", 3600);
  const RunResult r = run_story(s);
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  REQUIRE(m.pchat.size() == 1);
  const PersistentChatOutcome& o = m.pchat[0];
  CHECK(o.users_lost == 4500);
  CHECK(o.without.seconds_f() == Approx(120));
  CHECK(o.user_s == Approx(540000));
  REQUIRE(o.restored != Instant::never());
  CHECK((o.restored - m.start).seconds_f() == Approx(120));
  CHECK_FALSE(o.failed_over);
  CHECK(o.messages_lost == 0);
  CHECK(count_records(r, "cmdlet.start") == 0);
  const auto states = chat_states(r);
  REQUIRE(states.size() == 3);
  CHECK(states[1] == std::make_pair(36000.0, std::string("degraded")));
  CHECK(states[2] == std::make_pair(36120.0, std::string("ok")));
}

TEST_CASE(
    "persistent chat: the primary database lost with a witness running fails over to the mirror "
    "by itself, losing no message",
    "[pchat]") {
  scenario::Scenario s = without_site_loss();
  add_fault(s, 36000, "pcsql1a.contoso.com", 3600);
  const RunResult r = run_story(s);
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  REQUIRE(m.pchat.size() == 1);
  CHECK(m.pchat[0].without.seconds_f() == Approx(60));
  CHECK(m.pchat[0].users_lost == 9000);
  CHECK_FALSE(m.pchat[0].failed_over);
  CHECK(count_records(r, "pchat.database") == 1);
}

TEST_CASE(
    "persistent chat: without a witness the pool waits for the primary database; the failover "
    "steps refuse to run while it is up",
    "[pchat]") {
  scenario::Scenario s = without_site_loss();
  s.mutable_persistent_chat_pools(0)->clear_witness_sql();
  add_fault(s, 36000, "pcsql1a.contoso.com", 3600);
  // Set-CsPersistentChatState FailedOver before the secondary is restored fails.
  add_step(s, scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER, 36100, "pchat.contoso.com");
  const RunResult r = run_story(s);
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  REQUIRE(m.pchat.size() == 1);
  CHECK(m.pchat[0].without.seconds_f() == Approx(3600));
  CHECK(m.cmdlet_errors == 1);
  bool said = false;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "cmdlet.error")
      said = rec::get(rec, rec::cmdlet_error::error).find("not restored with recovery") !=
             std::string::npos;
  CHECK(said);
}

TEST_CASE("persistent chat: a pool on Skype for Business Server 2019 is refused",
          "[pchat][validate]") {
  scenario::Scenario s = load_story("pchat-site-loss");
  s.set_product_version(scenario::SFB_2019);
  bool refused = false;
  for (const Finding& f : validate_scenario(s))
    refused |= f.severity == Severity::kError &&
               f.message.find(
                   "Persistent Chat is not supported in Skype for Business Server "
                   "2019") != std::string::npos;
  CHECK(refused);
}

TEST_CASE("persistent chat: more users than 20,000 per active server are refused",
          "[pchat][validate]") {
  scenario::Scenario s = load_story("pchat-site-loss");
  s.mutable_persistent_chat_pools(0)->set_users(40001);
  bool refused = false;
  for (const Finding& f : validate_scenario(s))
    refused |=
        f.severity == Severity::kError &&
        f.message.find("at most 20,000 concurrent users per active server") != std::string::npos;
  CHECK(refused);
}

TEST_CASE(
    "persistent chat: a PowerShell runbook's failover cmdlets become the model's steps and "
    "rehearse the story's failover",
    "[pchat][runbook]") {
  const scenario::Scenario s = load_story("pchat-site-loss");
  const RunbookPlan plan = load_runbook(source_path("scenarios/pchat-site-loss.ps1"), s);
  REQUIRE(plan.not_rehearsed.empty());
  REQUIRE(plan.steps.size() == 6);
  const scenario::Cmdlet expected[] = {scenario::RESTORE_PERSISTENT_CHAT_SECONDARY,
                                       scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER,
                                       scenario::INSTALL_CS_MIRROR_DATABASE,
                                       scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER};
  for (size_t k = 0; k < 4; ++k) {
    CHECK(plan.steps[k + 2].cmdlet() == expected[k]);
    CHECK(plan.steps[k + 2].pool_fqdn() == "pchat.contoso.com");
  }
  const auto dir = scratch_dir("pchat-ps1");
  const CliOutput out = run_cli(std::string("run ")
                                    .append(source_path("scenarios/pchat-site-loss.pb.txt"))
                                    .append(" --runbook ")
                                    .append(source_path("scenarios/pchat-site-loss.ps1"))
                                    .append(" -q --out ")
                                    .append(dir.string()));
  REQUIRE(out.code == 0);
  CHECK_THAT(out.text, Catch::Contains("up to 9,000 users without chat for 1h 32m 30s"));
  CHECK_THAT(out.text, Catch::Contains("4,500 chat messages lost"));
}

TEST_CASE(
    "persistent chat: runbook lines drsim cannot rehearse are named, and a failback's "
    "-PoolState Normal maps to its own step",
    "[pchat][runbook]") {
  const scenario::Scenario s = load_story("pchat-site-loss");
  const RunbookPlan plan =
      parse_runbook("rb.ps1",
                    "Set-CsPersistentChatActiveServer -Identity global -ActiveServers $null\n"
                    "Invoke-Sqlcmd -ServerInstance pcsql2a.contoso.com -Query \"SELECT 1\"\n"
                    "Set-CsPersistentChatState -Identity PersistentChatServer:pchat.contoso.com "
                    "-PoolState Normal\n",
                    s);
  REQUIRE(plan.not_rehearsed.size() == 2);
  CHECK_THAT(plan.not_rehearsed[0].format(), Catch::Contains("-Swap"));
  CHECK_THAT(plan.not_rehearsed[1].format(), Catch::Contains("RESTORE DATABASE mgc"));
  REQUIRE(plan.steps.size() == 1);
  CHECK(plan.steps[0].cmdlet() == scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL);
}

TEST_CASE(
    "persistent chat: the standard response fails a pool whose site is lost over to its "
    "secondary, in the documented order",
    "[pchat]") {
  // The story without its runbook: the admin decides at 10:25 and runs the CMS failover
  // (300 s), the pool failover (1,050 s), then the chat failover's four steps (1,800 + 300 +
  // 300 + 300 s): chat back at 11:32:30, as in the scripted story.
  scenario::Scenario s = load_story("pchat-site-loss");
  s.clear_runbook();
  s.mutable_admin()->set_standard_response(true);
  const RunResult r = run_story(s);
  REQUIRE(!r.metrics.incidents.empty());
  const IncidentMetrics& m = r.metrics.incidents[0];
  REQUIRE(m.pchat.size() == 1);
  CHECK(m.pchat[0].failed_over);
  CHECK(m.pchat[0].messages_lost == Approx(4500));
  CHECK(m.pchat[0].without.seconds_f() == Approx(5550));
  CHECK(count_records(r, "cmdlet.error") == 0);
}

TEST_CASE(
    "persistent chat: an incident that took chat from users who kept full service says so, and a "
    "planned failback alone does not") {
  IncidentReport inc;
  CHECK(lost_beyond_service(inc, "PSTN calling").empty());
  IncidentReport::PersistentChat chat;
  chat.pool = "pchat1.contoso.com";
  chat.users_lost = 500;
  chat.without_s = 300;
  chat.failback_without_s = 300;  // only the failback stopped chat: planned, not lost
  inc.pchat.push_back(chat);
  CHECK_FALSE(lost_pchat(inc));
  CHECK(lost_beyond_service(inc, "PSTN calling").empty());
  inc.pchat[0].without_s = 900;  // 600 s of it unplanned
  CHECK(lost_pchat(inc));
  CHECK(lost_beyond_service(inc, "PSTN calling") == "Persistent Chat");
  inc.access.push_back({"federation_out", 60, 0, 0, 60.0});
  CHECK(lost_beyond_service(inc, "PSTN calling") ==
        "remote access or federation, Persistent Chat");
}
