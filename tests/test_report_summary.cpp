// The run report's opening for people (issue 15): what happened, who was hurt and for how
// long, what data is lost or at risk and which targets failed and why, in words that match
// the numbers of the tables; the per-pool outcomes; the stages that fit how an incident ended.
#include <catch2/catch.hpp>
#include <string>

#include "analysis/report.h"
#include "analysis/report_tables.h"
#include "analysis/run_report_text.h"
#include "story_util.h"
#include "test_report_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {
std::string summary_of(const scenario::Scenario& s) {
  const ReportTables t = report_tables(prepare_report(report_test::run_log(s, "sha"), &s));
  std::string out;
  for (const std::string& p : t.summary) out += p + "\n";
  return out;
}
bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("report summary: the default site loss in words, with why the RTO target was missed",
          "[report][summary]") {
  const std::string s = summary_of(load_story("default"));
  INFO(s);
  // 47m 49s = detect 5m 18s + decide 18m 01s + execute 22m 30s + clients back 2m 00s: the
  // admin's 23m 19s is the longest part, and the 30-minute target is missed.
  CHECK(has(s, "1 incident in 1d 00h 00m: 1 cost users service."));
  CHECK(has(s, "20,000 users of pool1 lost full service, all back after 47m 49s."));
  CHECK(has(s,
            "1 policy target of 2 judged was missed. #0 site: RTO 47m 49s against 30m 00s; the "
            "longest part was "
            "waiting for the admin (detect + decide) 23m 19s."));
  CHECK(has(s,
            "Data lost for good (RPO, writes lost): User data 1m 56s (1,033 writes, incident #0)"));
  CHECK(has(s, "No backup is configured for Response groups, LIS, Call Park"));
  CHECK(has(s, "RPO targets judge only data written off"));
}

TEST_CASE(
    "report summary: a site that comes back strands data; a repair, not the runbook, restored "
    "service",
    "[report][summary]") {
  scenario::Scenario sc = load_story("site-loss-runbook");
  sc.clear_runbook();  // nobody fails over; dc1 returns at 18:00
  const std::string s = summary_of(sc);
  INFO(s);
  CHECK(has(s, "service came back only when the failed components were repaired"));
  CHECK(has(s, "Data stranded, not lost"));
  CHECK(has(s, "User data: 1,067 writes unreachable for 8h 00m 00s"));
  CHECK_FALSE(has(s, "Data lost for good"));
}

TEST_CASE("report summary: nothing failed, or nothing hurt, is said as such", "[report][summary]") {
  scenario::Scenario quiet = load_story("default");
  quiet.clear_faults();
  CHECK(has(summary_of(quiet),
            "Nothing failed in this run: every user kept full service and no data was lost."));
  const std::string crash = summary_of(load_story("fe-crash"));
  CHECK(has(crash, "none cost any user full service"));
  CHECK(has(crash, "No data was lost or stranded."));
}

TEST_CASE(
    "report: per-pool outcomes, stage bars for awaiting repair, healthy routing groups folded",
    "[report]") {
  scenario::Scenario sc = load_story("site-loss-runbook");
  sc.clear_runbook();
  const ReportContent c = prepare_report(report_test::run_log(sc, "sha"), &sc);
  const ReportTables t = report_tables(c);
  REQUIRE(t.incident_pools.rows.size() == 1);
  CHECK(t.incident_pools.rows[0][1].text == "pool1.contoso.com");
  CHECK(t.incident_pools.rows[0][2].text == "20,000");
  // The incident's lane ends in an "awaiting repair" bar, not "clients back".
  bool awaiting = false, clients_back = false;
  for (const Lane& lane : c.timeline.lanes)
    for (const LaneSpan& span : lane.spans) {
      awaiting = awaiting || span.state == "awaiting_repair";
      clients_back = clients_back || span.state == "clients_back";
    }
  CHECK(awaiting);
  CHECK_FALSE(clients_back);
  // pool2's routing groups keep full service: folded into one line of the overview.
  CHECK(has(c.timeline_svg,
            "routing groups keep full service throughout and are folded into this line"));
  const std::string html = report_html(c);
  CHECK(html.find("<h2>Summary</h2>") < html.find("Scenario SHA-256"));
  CHECK(has(html, "Tile colours: availability green at 100 %"));
  CHECK(has(html, "<h2>Who was hurt, per pool</h2>"));
}

TEST_CASE(
    "report: an incident far longer than its runbook is charted zoomed to where the runbook ran",
    "[report]") {
  // dc1 lost for good and every cmdlet fails: nobody's action restores service, the incident
  // runs 14 hours to the horizon, and the runbook's few minutes would be a sliver of it.
  scenario::Scenario sc = load_story("site-loss-runbook");
  sc.mutable_faults(0)->clear_repair_after_s();
  for (auto& st : *sc.mutable_runbook())
    st.set_disaster_mode(false), st.clear_backup_sql_server_fqdn();
  const ReportContent c = prepare_report(report_test::run_log(sc, "sha"), &sc);
  REQUIRE(c.incident_svgs.size() == 1);
  CHECK(has(c.incident_svgs[0].second,
            "(zoomed to the runbook; service not back by the end of the run)"));
  const std::string s = summary_of(sc);
  CHECK(has(s, "nobody acted for"));
  CHECK(has(s, "so service was not restored by the end of the run"));
  // The default site loss is charted whole: its runbook is most of the incident.
  const scenario::Scenario def = load_story("default");
  const ReportContent d = prepare_report(report_test::run_log(def, "sha"), &def);
  REQUIRE(d.incident_svgs.size() == 1);
  CHECK_FALSE(has(d.incident_svgs[0].second, "zoomed to the runbook"));
}

TEST_CASE(
    "report and terminal: a gateway lost under load takes PSTN calling while everyone keeps full "
    "service",
    "[report][summary][voice]") {
  // voice-gateway-failure: gw1 fails at 10:00 for an hour, gw2 at 10:30; sign-in, IM and
  // conferencing are untouched. gw1's incident cuts 500 calls in progress but t2 carries every
  // new one; gw2's leaves no trunk: 5,500 calls refused or cut off until 11:00 (its header
  // derives the figures).
  const scenario::Scenario sc = load_story("voice-gateway-failure");
  const LogFile log = report_test::run_log(sc, "sha");
  const std::string terminal = run_report_text(summarize_log(log), &sc);
  CHECK(has(terminal,
            "every user kept full service (sign-in, IM, conferencing), but PSTN calling was lost "
            "(below)"));
  CHECK_FALSE(has(terminal, "no user impact: every user kept full service\n  PSTN: 500"));
  CHECK(has(terminal,
            "every user kept full service and PSTN calling, but PSTN calls in progress were cut"));
  const std::string s = summary_of(sc);
  INFO(s);
  CHECK(has(s,
            "Incident #1 (voice gw2.contoso.com, d+0 10:30:00): every user kept full service, but "
            "not the PSTN."));
  CHECK(has(s, "5,500 calls refused or cut off, 16,500 minutes lost."));
  CHECK(has(s, "could not call out (back after 30m 00s)"));
}
