// Story tests of what happens to data when nobody fails over (issue 15): a site lost for
// good loses everything not yet imported at its peer; a site that returns strands it for as
// long as it was down and loses nothing. Numbers derived by hand from site-loss-runbook's
// header: the last import on pool2 before dc1 is lost at 10:00 is the 09:58:00 snapshot;
// 16,000 active users write 2 user-data and 0.2 conference-content changes an hour each.
#include <catch2/catch.hpp>

#include "analysis/report_stats.h"
#include "analysis/run_report.h"
#include "analysis/run_report_text.h"
#include "story_util.h"
#include "test_report_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {
scenario::Scenario nobody_fails_over() {
  scenario::Scenario s = load_story("site-loss-runbook");
  s.clear_runbook();
  return s;
}

size_t k(Category c) { return static_cast<size_t>(c); }
}  // namespace

TEST_CASE(
    "story: a site lost for good with nobody failing over loses everything not imported at the "
    "peer",
    "[story][data]") {
  scenario::Scenario s = nobody_fails_over();
  s.mutable_faults(0)->clear_repair_after_s();  // dc1 never returns
  const RunResult r = run_story(s);
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  // Before the correction: "RPO 0 for every data category: nothing lost".
  CHECK(m.lost[k(Category::kUserData)]);
  CHECK(rpo_s(m, Category::kUserData) == Approx(120));
  CHECK(lost(m, Category::kUserData) == Approx(16000.0 * 2 / 3600 * 120));
  CHECK(lost(m, Category::kConferenceContent) == Approx(16000.0 * 0.2 / 3600 * 120));
  // LIS since its 08:00 backup; call park since deployment (no backup: said in words).
  CHECK(rpo_s(m, Category::kLis) == Approx(7200));
  CHECK(m.since_deployment[k(Category::kCallPark)]);
  CHECK_FALSE(m.since_deployment[k(Category::kLis)]);
  CHECK_FALSE(m.stranded[k(Category::kUserData)]);
  int for_good = 0;
  for (const auto& rec : r.log.records())
    for_good +=
        rec.kind() == "data.loss" && rec.subject().find("down for good") != std::string::npos;
  CHECK(for_good >= 5);
}

TEST_CASE("story: the same site back after 8 hours strands the data for 8 hours and loses nothing",
          "[story][data]") {
  const RunResult r = run_story(nobody_fails_over());  // dc1 back at 18:00
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  for (int c = 0; c < kCategoryCount; ++c) CHECK_FALSE(m.lost[static_cast<size_t>(c)]);
  CHECK(m.stranded[k(Category::kUserData)]);
  CHECK(m.stranded_window[k(Category::kUserData)] == Duration::seconds(120));
  CHECK(m.stranded_writes[k(Category::kUserData)] == Approx(16000.0 * 2 / 3600 * 120));
  CHECK(m.unreachable[k(Category::kUserData)] == Duration::seconds(28800));
  CHECK_FALSE(m.stranded_open[k(Category::kUserData)]);
  // Response Groups (2015: exported daily at 00:00) are stranded back to their export.
  CHECK(m.stranded_window[k(Category::kResponseGroups)] == Duration::seconds(36000));
  CHECK(m.since_deployment[k(Category::kMonitoringArchiving)]);
  CHECK(count_records(r, "data.loss") == 0);
}

TEST_CASE(
    "story: a site whose repair lies beyond the horizon keeps its data stranded, and counting",
    "[story][data]") {
  scenario::Scenario s = nobody_fails_over();
  s.mutable_faults(0)->set_repair_after_s(200000);  // back after the day ends
  const RunResult r = run_story(s);
  const IncidentMetrics& m = r.metrics.incidents[0];
  CHECK(m.stranded_open[k(Category::kUserData)]);
  CHECK(m.unreachable[k(Category::kUserData)] == Duration::seconds(86400 - 36000));
  CHECK_FALSE(m.lost[k(Category::kUserData)]);
}

TEST_CASE(
    "story: a disaster failover writes the stranded data off: lost with its RPO, never stranded "
    "too",
    "[story][data]") {
  const RunResult r = run_story(load_story("site-loss-runbook"));
  const IncidentMetrics& m = r.metrics.incidents[0];
  CHECK(m.lost[k(Category::kUserData)]);
  for (int c = 0; c < kCategoryCount; ++c) CHECK_FALSE(m.stranded[static_cast<size_t>(c)]);
  CHECK(count_records(r, "data.stranded") == 0);
}

namespace {
std::string terminal_text(const scenario::Scenario& s) {
  return run_report_text(summarize_log(report_test::run_log(s, "sha")));
}
bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("terminal: stranded data, a site lost for good and nobody acting are said in words",
          "[story][data][report]") {
  // dc1 back at 18:00, nobody failed over: the time after the decision is awaiting repair,
  // the data stranded for 8 h, nothing lost.
  std::string t = terminal_text(nobody_fails_over());
  CHECK(has(t, "awaiting repair 7h 39m 00s"));
  CHECK(has(t, "stranded user_data"));
  CHECK(has(
      t,
      "1,067 writes made in the 2m 00s before the outage, unreachable for 8h 00m 00s (not lost"));
  CHECK_FALSE(has(t, "RPO user_data"));
  CHECK_FALSE(has(t, "clients back"));
  // dc1 lost for good: the data is lost, the RTO runs to the horizon because nobody acted.
  scenario::Scenario forever = nobody_fails_over();
  forever.mutable_faults(0)->clear_repair_after_s();
  t = terminal_text(forever);
  CHECK(has(t, "nobody acted 13h 35m 00s and counting (no runbook and no standard response"));
  CHECK(has(t, "RPO user_data                    2m 00s  (1,067 writes lost)"));
  CHECK(has(
      t, "RPO call_park              no backup configured: every change since deployment is lost"));
  CHECK_FALSE(has(t, "nothing lost"));
}

TEST_CASE("terminal: an incident that hurt nobody says so, never 'and counting'",
          "[story][report]") {
  scenario::Scenario s = load_story("fe-crash");
  s.mutable_faults(0)->clear_repair_after_s();  // fe1 never back: the incident stays open
  const std::string t = terminal_text(s);
  CHECK(has(t, "still open at the horizon"));
  CHECK(has(t, "no user impact: every user kept full service"));
  CHECK_FALSE(has(t, "and counting"));
}

TEST_CASE("terminal: a runbook whose every cmdlet fails says nobody's action restored service",
          "[story][report]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  s.mutable_faults(0)->clear_repair_after_s();
  for (auto& st : *s.mutable_runbook())
    st.set_disaster_mode(false), st.clear_backup_sql_server_fqdn();
  const RunResult r = run_story(s);
  CHECK(r.metrics.incidents[0].cmdlet_errors == 2);
  const std::string t = terminal_text(s);
  CHECK(has(t, "(every runbook action failed)"));
  // What the failed runbook did not fail over is lost for good, not "nothing lost".
  CHECK(has(t, "RPO user_data"));
}

namespace {
bool warns(const scenario::Scenario& s, const std::string& part) {
  for (const Finding& f : validate_scenario(s))
    if (f.severity == Severity::kWarning && f.message.find(part) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE(
    "warnings before the run: nothing to fail over to, nobody to answer, no witness, less than a "
    "year",
    "[validate]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  CHECK_FALSE(warns(s, "has no backup pool"));
  CHECK_FALSE(warns(s, "nothing will fail over"));
  s.clear_runbook();
  CHECK(warns(s, "nothing will fail over"));
  s.mutable_admin()->set_standard_response(true);
  CHECK_FALSE(warns(s, "nothing will fail over"));
  s.mutable_pools(0)->clear_backup_pool();
  s.mutable_pools(1)->clear_backup_pool();
  s.clear_cms();
  CHECK(warns(s, "'pool1.contoso.com' has no backup pool"));
  // The default scenario's AlwaysOn groups have their file-share witness; without it, a warning.
  scenario::Scenario ag = load_story("default");
  CHECK_FALSE(warns(ag, "without a file-share witness"));
  ag.mutable_pools(0)->mutable_back_end()->mutable_servers()->RemoveLast();
  CHECK(warns(ag,
              "'pool1.contoso.com': an AlwaysOn Availability Group without a file-share witness"));
  scenario::Scenario mc = load_story("mc-two-site-10y");
  CHECK_FALSE(warns(mc, "less than a year"));
  mc.set_horizon_s(30 * 86400);
  CHECK(warns(mc, "less than a year"));
}

TEST_CASE(
    "story: a what-if that helps the paired pool shows per pool while an unpaired pool stays down",
    "[story]") {
  // site-loss-runbook with dc1 lost for good and a third, unpaired pool in dc1 (5,000 users):
  // the incident's RTO runs to the horizon whatever the admin does, but pool1's own outcome
  // (its users back on pool2 at 10:49:30, RTO 2,970 s) improves with a faster decision.
  scenario::Scenario s = load_story("site-loss-runbook");
  s.mutable_faults(0)->clear_repair_after_s();
  scenario::Pool* p3 = s.add_pools();
  *p3 = s.pools(0);
  p3->set_fqdn("pool3.contoso.com");
  p3->clear_backup_pool();
  p3->set_users(5000);
  p3->set_active_users(4000);
  for (int i = 0; i < p3->front_ends_size(); ++i)
    p3->mutable_front_ends(i)->set_fqdn("fe" + std::to_string(i + 1) + ".pool3.contoso.com");
  for (auto& srv : *p3->mutable_back_end()->mutable_servers()) srv.set_fqdn("p3-" + srv.fqdn());
  REQUIRE(valid(s));
  auto outcome = [](const RunResult& r, int pool) -> const PoolOutcome& {
    for (const PoolOutcome& o : r.metrics.incidents.at(0).pools)
      if (o.pool == pool) return o;
    FAIL("no outcome for pool " << pool);
    return r.metrics.incidents.at(0).pools.front();
  };
  const RunResult slow = run_story(s);
  const scenario::Scenario slow_scenario = s;
  s.mutable_admin()->mutable_decide_delay()->set_fixed_s(300);  // decide in 5 min, not 15
  const RunResult fast = run_story(s);
  // The incident as a whole: open at the horizon both times, the same "and counting" RTO.
  CHECK(slow.metrics.incidents[0].total == fast.metrics.incidents[0].total);
  CHECK(slow.metrics.incidents[0].restored == Instant::never());
  // Per pool: pool1 is back 600 s sooner; pool3 never.
  CHECK(outcome(slow, 0).restored - Instant::origin() == Duration::seconds(36000 + 2970));
  CHECK(outcome(fast, 0).restored - Instant::origin() == Duration::seconds(36000 + 2370));
  CHECK(outcome(slow, 0).users_affected == 20000);
  CHECK(outcome(slow, 2).restored == Instant::never());
  CHECK(outcome(fast, 2).users_affected == 5000);
  CHECK(outcome(fast, 0).user_seconds[static_cast<size_t>(ServiceLevel::kVoiceOnly)] <
        outcome(slow, 0).user_seconds[static_cast<size_t>(ServiceLevel::kVoiceOnly)]);
  // The terminal says it per pool: the faster decision shows as pool1's RTO, 600 s shorter.
  const std::string slow_text = terminal_text(slow_scenario);
  CHECK(has(slow_text,
            "  pool pool1.contoso.com: 20,000 users lost full service; all back after 49m 30s"));
  CHECK(has(slow_text,
            "  pool pool3.contoso.com: 5,000 users lost full service; some still without full "
            "service at the end"));
  CHECK(has(terminal_text(s),
            "  pool pool1.contoso.com: 20,000 users lost full service; all back after 39m 30s"));
}

TEST_CASE("policy: an incident that hurt nobody is not judged, neither met nor missed",
          "[story][report][policy]") {
  scenario::Scenario s = load_story("fe-crash");
  s.mutable_policy()->mutable_server()->set_rto_s(60);
  s.mutable_policy()->mutable_server()->set_rpo_s(0);
  const RunReport report = summarize_log(report_test::run_log(s, "sha"));
  REQUIRE(report.incidents.size() == 1);
  const std::vector<PolicyVerdict> v = policy_verdicts(report, s);
  REQUIRE(v.size() == 1);
  CHECK(v[0].rto_verdict == kNoUserImpact);
  CHECK(v[0].rpo_verdict == kNoUserImpact);
  CHECK(
      has(run_report_text(report, &s), "policy (server): RTO no user impact; RPO no user impact"));
}

TEST_CASE(
    "policy: stranded data counts against the RPO target only when the site is said not to return",
    "[story][data][policy]") {
  // dc1 back at 18:00 and nobody fails over: 2 minutes of user data (the 09:58:00 import)
  // stranded for 8 hours, nothing lost. A 1-minute RPO target is met by default (nothing was
  // written off) and missed when the planner says a lost site does not return (RPO 2m 00s).
  scenario::Scenario s = nobody_fails_over();
  s.mutable_policy()->mutable_site()->set_rpo_s(60);
  s.mutable_policy()->mutable_site()->set_rto_s(86400);
  const RunReport report = summarize_log(report_test::run_log(s, "sha"));
  std::vector<PolicyVerdict> v = policy_verdicts(report, s);
  REQUIRE(v.size() == 1);
  CHECK(v[0].rpo_verdict == "met");
  CHECK(v[0].rpo_policy_max_s == 0);
  std::string t = run_report_text(report, &s);
  CHECK(has(t, "RPO met (0s <= 1m 00s)"));
  CHECK(has(t, "data stranded in a site or pool that comes back is not lost"));
  s.mutable_policy()->set_assume_sites_never_return(true);
  v = policy_verdicts(report, s);
  CHECK(v[0].rpo_verdict == "missed");
  CHECK(v[0].rpo_policy_max_s == Approx(120));
  CHECK(v[0].rpo_policy_max_category == "user_data");
  t = run_report_text(report, &s);
  CHECK(has(t, "RPO missed (2m 00s > 1m 00s) in user_data"));
  CHECK(has(t, "(policy.assume_sites_never_return: the site is taken not to return)"));
  const std::string json = run_report_json(report, &s);
  CHECK(has(json, "\"stranded_counts_as_lost\": true"));
}
