// Story tests of conferencing with content (issue 17): the file store and the Office Web Apps
// farm. scenarios/content-file-store-loss.pb.txt and content-site-loss.pb.txt derive their
// numbers by hand in their headers; the OWA story below derives its own. Shared figures:
// pool1 has 20,000 users, 16,000 active, writing conference content at the workload default
// 0.2 per active user per hour: 16,000 x 0.2 / 3,600 = 0.8889 writes/s to its file store.
//
// OWA farm lost (content-file-store-loss's topology, its faults replaced): owa1's one server
// fails at 10:00 and is repaired at 12:00. Meetings go on with fs1's content but without
// PowerPoint sharing for pool1's 20,000 users: conferencing with content degraded 7,200 s,
// RTO 7,200 s, 20,000 x 7,200 = 144,000,000 user-seconds; nothing lost; pool2 untouched.
#include <catch2/catch.hpp>

#include "analysis/run_report.h"
#include "analysis/run_report_text.h"
#include "analysis/sweep.h"
#include "analysis/sweep_digest.h"
#include "analysis/sweep_report.h"
#include "experiments/sweep_run.h"
#include "log/log_file.h"
#include "story_util.h"
#include "test_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

constexpr size_t kContent = static_cast<size_t>(Modality::kConferencingContent);
constexpr double kPool1WritesPerS = 16000 * 0.2 / 3600;

double content_rto_s(const IncidentMetrics& m) {
  REQUIRE(m.access.restored[kContent] != Instant::never());
  return (m.access.restored[kContent] - m.start).seconds_f();
}

// The access.modality records for meeting content, as (time s, state, users with content).
struct ContentRecord {
  double t_s;
  std::string state;
  int64_t users;
};
std::vector<ContentRecord> content_states(const RunResult& r) {
  std::vector<ContentRecord> out;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "access.modality" && rec.subject() == "conferencing_content")
      out.push_back({static_cast<double>(rec.time_us()) / 1e6,
                     rec::get(rec, rec::access_modality::state),
                     rec::get(rec, rec::access_modality::users)});
  return out;
}

}  // namespace

TEST_CASE(
    "content story: a file server lost during a meeting loses what DFS had not replicated; "
    "with both members down meetings wait for a repair",
    "[story][content]") {
  const RunResult r = run_story(load_story("content-file-store-loss"));
  REQUIRE(r.metrics.incidents.size() == 2);
  // fs1/1 lost: fs1/2 takes over at once, meetings keep their content, fs1/1's last 60 s lost.
  const IncidentMetrics& first = r.metrics.incidents[0];
  CHECK(first.disruption == "content");
  CHECK_FALSE(first.had_impact);  // sign-in, IM and A/V kept throughout
  REQUIRE(first.has_access);
  CHECK_FALSE(first.access.lost[kContent]);
  CHECK(first.access.content_lost_writes == Approx(kPool1WritesPerS * 60));
  CHECK(first.access.content_at_risk_writes == 0);
  // The DFS loss is conference content lost, with the replication lag as its RPO.
  CHECK(rpo_s(first, Category::kConferenceContent) == Approx(60));
  CHECK(lost(first, Category::kConferenceContent) == Approx(kPool1WritesPerS * 60));
  CHECK(first.end.seconds_f() == Approx(36000 + 10800));
  // fs1/2 lost too: no member runs; 9,000 s since the 08:00 backup at risk on fs1.
  const IncidentMetrics& m = r.metrics.incidents[1];
  CHECK(m.disruption == "content");
  REQUIRE(m.has_access);
  CHECK(m.access.lost[kContent]);
  CHECK(m.access.impaired[kContent].seconds_f() == Approx(3600));
  CHECK(content_rto_s(m) == Approx(3600));
  CHECK(m.access.content_users_lost == 20000);
  CHECK(m.access.content_user_s == Approx(72000000));
  CHECK(m.access.content_lost_writes == 0);
  CHECK(m.access.content_at_risk_writes == Approx(kPool1WritesPerS * 9000));
  CHECK(m.end.seconds_f() == Approx(37800 + 3600));
  // The modality: ok (through fs1/2 from 10:00), pool1's users without content 10:30-11:30,
  // ok again, and through fs1/1 again from 13:00.
  const auto states = content_states(r);
  REQUIRE(states.size() == 5);
  CHECK(states[0].state == "ok");
  CHECK(states[0].users == 40000);
  CHECK(states[1].t_s == Approx(36000));
  CHECK(states[1].state == "ok");
  CHECK(states[2].t_s == Approx(37800));
  CHECK(states[2].state == "degraded");
  CHECK(states[2].users == 20000);
  CHECK(states[3].t_s == Approx(41400));
  CHECK(states[3].state == "ok");
  CHECK(states[4].t_s == Approx(46800));
  // The reports say meeting content was lost, not "no user impact".
  const RunReport report = summarize_log(report_log(r));
  REQUIRE(report.incidents.size() == 2);
  REQUIRE(report.content_modelled);
  CHECK_FALSE(lost_content(report.incidents[0]));
  CHECK(lost_content(report.incidents[1]));
  const std::string text = run_report_text(report);
  CHECK(text.find("conferencing with content: kept throughout; 53 content writes lost (DFS "
                  "replication lag)") != std::string::npos);
  CHECK(text.find("every user kept full service (sign-in, IM, conferencing), but meeting content "
                  "was lost") != std::string::npos);
  CHECK(
      text.find("conferencing with content: up to 20,000 users in meetings without content or "
                "PowerPoint (20,000 user-hours); impaired 1h 00m 00s, back after 1h 00m 00s; 8,000 "
                "content writes at risk") != std::string::npos);
}

TEST_CASE("content story: the Office Web Apps farm lost stops PowerPoint sharing, meetings go on",
          "[story][content]") {
  scenario::Scenario s = load_story("content-file-store-loss");
  s.clear_faults();
  auto* f = s.add_faults();
  f->set_at_s(36000);
  f->set_component("owa1.contoso.com/1");
  f->set_repair_after_s(7200);
  const RunResult r = run_story(s);
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  CHECK(m.disruption == "content");
  CHECK(m.access.impaired[kContent].seconds_f() == Approx(7200));
  CHECK(content_rto_s(m) == Approx(7200));
  CHECK(m.access.content_users_lost == 20000);
  CHECK(m.access.content_user_s == Approx(144000000));
  CHECK(m.access.content_lost_writes == 0);
  CHECK(m.access.content_at_risk_writes == 0);
  // Degraded, not down: every user still meets, pool1's without PowerPoint.
  const auto states = content_states(r);
  REQUIRE(states.size() == 3);
  CHECK(states[1].state == "degraded");
  int without_powerpoint = 0;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "access.modality" && rec.subject() == "conferencing_content")
      without_powerpoint =
          std::max(without_powerpoint,
                   static_cast<int>(rec::get(rec, rec::access_modality::without_powerpoint)));
  CHECK(without_powerpoint == 20000);
  CHECK(count_records(r, "data.loss") == 0);
}

TEST_CASE(
    "content story: a site lost with its file store: meeting content is back with the backup "
    "pool's file store after the failover",
    "[story][content]") {
  const RunResult r = run_story(load_story("content-site-loss"));
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  CHECK(m.access.lost[kContent]);
  CHECK(m.access.content_users_lost == 20000);
  CHECK(m.access.impaired[kContent].seconds_f() == Approx(1800));
  CHECK(content_rto_s(m) == Approx(1800));
  CHECK(m.access.content_user_s == Approx(36000000));
  CHECK(m.access.content_lost_writes == 0);
  CHECK(m.access.content_at_risk_writes == Approx(kPool1WritesPerS * 7200));
  CHECK(m.end.seconds_f() == Approx(36000 + 28800));
}

TEST_CASE("content: a scenario without file stores says meeting content is not modelled",
          "[content]") {
  scenario::Scenario s = load_story("content-file-store-loss");
  s.clear_file_stores();
  s.clear_office_web_apps_farms();
  s.clear_faults();
  const RunResult r = run_story(s);
  CHECK(content_states(r).empty());
  const RunReport report = summarize_log(report_log(r));
  CHECK_FALSE(report.content_modelled);
  CHECK(run_report_text(report).find("conferencing with content not modelled: the scenario has "
                                     "no file stores") != std::string::npos);
}

TEST_CASE("content: a pool may use one file store only, and file servers fail by their class",
          "[content]") {
  scenario::Scenario s = load_story("content-file-store-loss");
  s.mutable_file_stores(1)->add_pools("pool1.contoso.com");
  const std::vector<Finding> findings = validate_scenario(s);
  CHECK(std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.severity == Severity::kError &&
           f.message.find("already uses file store") != std::string::npos;
  }));

  scenario::Scenario random = load_story("content-file-store-loss");
  random.clear_faults();
  auto* fs = random.mutable_stochastic()->mutable_file_server();
  fs->mutable_time_to_failure()->mutable_exponential()->set_mean_s(20000);
  fs->mutable_time_to_repair()->mutable_exponential()->set_mean_s(3600);
  const RunResult r = run_story(random);
  int file_server_faults = 0;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "component.down" &&
        rec::get(rec, rec::component_down::component_kind) == "file_server")
      ++file_server_faults;
  CHECK(file_server_faults > 0);
}

TEST_CASE(
    "content sweep: meeting content is a deployed modality with its share of incidents and time "
    "to restored, read back equal from the sweep JSON",
    "[sweep][content]") {
  // content-file-store-loss's two incidents (header): only the second impaired meeting content,
  // back 3,600 s after its start.
  const scenario::Scenario s = load_story("content-file-store-loss");
  SweepOptions o;
  o.replications = 1;
  o.threads = 1;
  o.seed = 7;
  const SweepResult r = run_sweep(s, o);
  REQUIRE(r.acc.access_modelled);
  CHECK(r.acc.access_deployed[kContent]);
  CHECK_FALSE(r.acc.access_deployed[static_cast<size_t>(Modality::kRemoteSignIn)]);
  CHECK(r.acc.access_impact[kContent].n == 2);
  CHECK(r.acc.access_impact[kContent].k == 1);
  REQUIRE(r.acc.access_rto_s[kContent].n() == 1);
  CHECK(r.acc.access_rto_s[kContent].mean() == Approx(3600));
  const SweepDigest d = digest_sweep(s, r.acc, {}, {});
  CHECK(read_sweep_json(sweep_json(d), "sweep.json") == d);
}
