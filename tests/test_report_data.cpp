// The report's data: CSV exports (units last, one row per what they claim), the timeline's
// lanes (each tiles the run), policy verdicts, the topology read from a log alone, an
// incident still open at the horizon, and the escaping helpers.
#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "analysis/report_csv.h"
#include "analysis/report_format.h"
#include "analysis/run_report.h"
#include "analysis/run_report_text.h"
#include "analysis/svg.h"
#include "analysis/sweep.h"
#include "io/json_locate.h"
#include "test_report_util.h"

using namespace drsim;
using namespace report_test;

namespace {

LoadedScenario default_scenario() { return load_scenario(source("scenarios/default.pb.txt")); }

}  // namespace

TEST_CASE("report csv: every numeric column ends in its unit and rows have the header's width",
          "[report][csv]") {
  const LoadedScenario s = default_scenario();
  const std::vector<ReportFile> files = report_files(run_log(s.scenario, s.sha256), &s.scenario);
  for (const char* name : {"incidents.csv", "service_levels.csv", "pools.csv"}) {
    INFO(name);
    const auto rows = parse_csv(file_named(files, name));
    REQUIRE(rows.size() >= 2);
    for (const std::string& column : rows[0]) {
      INFO(column);
      CHECK(unit_last(column));
    }
    for (const auto& row : rows) CHECK(row.size() == rows[0].size());
  }
  const auto incidents = parse_csv(file_named(files, "incidents.csv"));
  for (const char* column : {"start_s", "rto_total_s", "rpo_user_data_s",
                             "lost_writes_user_data_count", "cmdlet_errors_count", "rpo_max_s"}) {
    CHECK(std::count(incidents[0].begin(), incidents[0].end(), column) == 1);
  }
  CHECK_FALSE(unit_last("rpo_user_data"));  // the check itself can fail
}

TEST_CASE("report csv: one row per incident, the RTO stages add up, the times match the scenario",
          "[report][csv]") {
  const LoadedScenario s = default_scenario();
  const LogFile log = run_log(s.scenario, s.sha256);
  const auto rows = parse_csv(file_named(report_files(log, &s.scenario), "incidents.csv"));
  REQUIRE(rows.size() == 1 + summarize_log(log).incidents.size());
  REQUIRE(rows.size() == 2);
  auto r = row_map(rows[0], rows[1]);
  CHECK(r["disruption"] == "site");
  CHECK(r["cause"] == "dc1");
  CHECK(r["status"] == "closed");
  CHECK(std::stod(r["start_s"]) == static_cast<double>(s.scenario.faults(0).at_s()));
  const double stages = std::stod(r["rto_detect_s"]) + std::stod(r["rto_decide_s"]) +
                        std::stod(r["rto_execute_s"]) + std::stod(r["rto_clients_back_s"]);
  CHECK(stages == Approx(std::stod(r["rto_total_s"])).margin(1e-5));
  CHECK(std::stod(r["restored_s"]) ==
        Approx(std::stod(r["start_s"]) + std::stod(r["rto_total_s"])).margin(1e-5));
  CHECK(std::stoll(r["lost_writes_user_data_count"]) > 0);
  CHECK(r["rto_verdict"] == "missed");  // the default scenario's site target is 30 minutes
  CHECK(r["rpo_verdict"] == "met");     // and 5 minutes of replicated data
}

TEST_CASE("report csv: service levels tile the run for every routing group, one row per interval",
          "[report][csv]") {
  const LoadedScenario s = default_scenario();
  const LogFile log = run_log(s.scenario, s.sha256);
  const auto rows = parse_csv(file_named(report_files(log, &s.scenario), "service_levels.csv"));
  REQUIRE(rows.size() > 1);
  CHECK(rows[0] == std::vector<std::string>{"group", "pool", "level", "start_s", "end_s",
                                            "duration_s", "users_count"});
  const double horizon_s = static_cast<double>(s.scenario.horizon_s());
  std::map<std::string, std::vector<std::map<std::string, std::string>>> by_group;
  for (size_t i = 1; i < rows.size(); ++i) {
    auto r = row_map(rows[0], rows[i]);
    by_group[r["group"]].push_back(r);
  }
  CHECK(by_group.size() == 32);
  size_t changes = 0;
  for (const log::Record& rec : log.records) changes += rec.kind() == "service.level" ? 1 : 0;
  // One row per group to start with, and one more per change of level.
  CHECK(rows.size() - 1 == by_group.size() + changes);
  for (const auto& [group, intervals] : by_group) {
    INFO(group);
    CHECK(std::stod(intervals.front().at("start_s")) == 0);
    CHECK(std::stod(intervals.back().at("end_s")) == horizon_s);
    for (size_t i = 1; i < intervals.size(); ++i) {
      CHECK(intervals[i].at("start_s") == intervals[i - 1].at("end_s"));
      CHECK(intervals[i].at("level") != intervals[i - 1].at("level"));
    }
    CHECK(intervals.front().at("users_count") == "1250");  // 20,000 users in 16 groups
  }
  // pool1's groups lose service with dc1 at 10:00.
  const auto& rg0 = by_group.at("pool1.contoso.com/rg0");
  REQUIRE(rg0.size() >= 2);
  CHECK(rg0[1].at("level") == "signed_out");
  CHECK(std::stod(rg0[1].at("start_s")) == static_cast<double>(s.scenario.faults(0).at_s()));
  CHECK(by_group.at("pool2.contoso.com/rg0").size() == 1);
}

TEST_CASE("report csv: pools agree with the run report and with their time at each level",
          "[report][csv]") {
  const LoadedScenario s = default_scenario();
  const LogFile log = run_log(s.scenario, s.sha256);
  const auto rows = parse_csv(file_named(report_files(log, &s.scenario), "pools.csv"));
  REQUIRE(rows.size() == 3);
  auto p1 = row_map(rows[0], rows[1]);
  auto p2 = row_map(rows[0], rows[2]);
  CHECK(p1["pool"] == "pool1.contoso.com");
  CHECK(p1["site"] == "dc1");
  CHECK(p1["backup_pool"] == "pool2.contoso.com");
  CHECK(std::stod(p1["availability_fraction"]) < 1);
  CHECK(std::stod(p2["availability_fraction"]) == 1);
  // Time without full service is the time in resiliency, voice only and signed out.
  CHECK(std::stod(p1["downtime_s"]) ==
        Approx(std::stod(p1["resiliency_s"]) + std::stod(p1["voice_only_s"]) +
               std::stod(p1["signed_out_s"]))
            .margin(1e-3));
  CHECK(std::stod(p1["signed_out_s"]) > 0);
}

TEST_CASE("report timeline: every state lane tiles [0, horizon] without gaps or overlaps",
          "[report]") {
  const LoadedScenario s = default_scenario();
  const LogFile log = run_log(s.scenario, s.sha256);
  const ReportTimeline t =
      build_timeline(log, summarize_log(log), topology_from_scenario(s.scenario));
  CHECK(t.horizon_us == s.scenario.horizon_s() * 1'000'000);
  size_t checked = 0;
  for (const Lane& lane : t.lanes) {
    INFO(lane.section << " / " << lane.name);
    if (lane.kind == LaneKind::kIncident || lane.kind == LaneKind::kRunbook) continue;
    if (lane.kind == LaneKind::kPoolUsers) {
      REQUIRE(!lane.users.empty());
      CHECK(lane.users.front().start_us == 0);
      CHECK(lane.users.back().end_us == t.horizon_us);
      for (size_t i = 1; i < lane.users.size(); ++i)
        CHECK(lane.users[i].start_us == lane.users[i - 1].end_us);
      continue;
    }
    REQUIRE(!lane.spans.empty());
    CHECK(lane.spans.front().start_us == 0);
    CHECK(lane.spans.back().end_us == t.horizon_us);
    for (size_t i = 1; i < lane.spans.size(); ++i) {
      CHECK(lane.spans[i].start_us == lane.spans[i - 1].end_us);
      CHECK(lane.spans[i].state != lane.spans[i - 1].state);
    }
    ++checked;
  }
  CHECK(checked > 50);
  // The incident lane's stages run end to end from the fault to full service.
  REQUIRE(t.lanes.front().kind == LaneKind::kIncident);
  const std::vector<LaneSpan>& stages = t.lanes.front().spans;
  REQUIRE(stages.size() == 4);
  CHECK(stages.front().start_us == s.scenario.faults(0).at_s() * 1'000'000);
  CHECK(stages.back().state == "clients_back");
}

TEST_CASE(
    "report policy: each incident's RTO and worst RPO are judged against its disruption's target",
    "[report][policy]") {
  LoadedScenario s = default_scenario();
  const LogFile log = run_log(s.scenario, s.sha256);
  const RunReport report = summarize_log(log);
  REQUIRE(report.incidents.size() == 1);
  const double rto_s = report.incidents[0].total_s;
  scenario::Scenario sc = s.scenario;
  sc.clear_policy();
  CHECK(policy_verdicts(report, sc).empty());  // no targets, no verdicts

  sc.mutable_policy()->mutable_site()->set_rto_s(static_cast<int64_t>(rto_s) + 60);
  sc.mutable_policy()->mutable_site()->set_rpo_s(60);
  std::vector<PolicyVerdict> v = policy_verdicts(report, sc);
  REQUIRE(v.size() == 1);
  CHECK(v[0].rto_verdict == "met");
  // The target applies to what the Backup Service replicates: user data lost back to the
  // last import (116 s here), not LIS or Call Park, which are never replicated.
  CHECK(v[0].rpo_verdict == "missed");
  CHECK(v[0].rpo_policy_max_s == Approx(report.incidents[0].rpo_s[0].second));
  CHECK(v[0].rpo_policy_max_s < 3600);
  sc.mutable_policy()->mutable_site()->set_rpo_s(300);
  CHECK(policy_verdicts(report, sc)[0].rpo_verdict == "met");
  sc.mutable_policy()->mutable_site()->set_rpo_s(60);

  sc.mutable_policy()->mutable_site()->set_rto_s(static_cast<int64_t>(rto_s) - 60);
  v = policy_verdicts(report, sc);
  CHECK(v[0].rto_verdict == "missed");
  const auto rows = parse_csv(file_named(report_files(log, &sc), "incidents.csv"));
  auto r = row_map(rows[0], rows[1]);
  CHECK(r["rto_verdict"] == "missed");
  CHECK(r["rto_target_s"] == std::to_string(static_cast<int64_t>(rto_s) - 60));
  CHECK(file_named(report_files(log, &sc), "report.html").find("<td class=\"bad\">missed</td>") !=
        std::string::npos);

  // A target for another kind of disruption does not judge a site loss.
  sc.clear_policy();
  sc.mutable_policy()->mutable_server()->set_rto_s(60);
  v = policy_verdicts(report, sc);
  REQUIRE(v.size() == 1);
  CHECK(v[0].rto_verdict == "no target");
}

TEST_CASE(
    "report topology: read from the log alone, it finds the pools, their sites, servers and "
    "pairing",
    "[report]") {
  const LoadedScenario s = default_scenario();
  const ReportTopology t = topology_from_log(run_log(s.scenario, s.sha256));
  CHECK_FALSE(t.from_scenario);
  const TopologyPool* p1 = find_pool(t, "pool1.contoso.com");
  const TopologyPool* p2 = find_pool(t, "pool2.contoso.com");
  REQUIRE(p1 != nullptr);
  REQUIRE(p2 != nullptr);
  CHECK(p1->site == "dc1");
  CHECK(p1->backup_pool == "pool2.contoso.com");
  CHECK(p2->backup_pool == "pool1.contoso.com");
  CHECK(p1->front_ends.size() == 7);
  CHECK(p1->back_end.size() == 3);  // sql1a named as principal; sql1b and fsw1 lost with dc1
  CHECK(p1->users == 20000);
  CHECK(p1->routing_groups == 16);
  CHECK(p2->front_ends.empty());  // nothing in dc2 changed state
  CHECK(std::find(t.sites.begin(), t.sites.end(), "dc1") != t.sites.end());
}

TEST_CASE(
    "report: an incident still open at the horizon is reported as open, its lanes cut at the "
    "horizon",
    "[report]") {
  LoadedScenario s = default_scenario();
  s.scenario.set_horizon_s(s.scenario.faults(0).at_s() + 900);  // 15 minutes into the outage
  const LogFile log = run_log(s.scenario, s.sha256);
  const std::vector<ReportFile> files = report_files(log, &s.scenario);
  const auto rows = parse_csv(file_named(files, "incidents.csv"));
  REQUIRE(rows.size() == 2);
  auto r = row_map(rows[0], rows[1]);
  CHECK(r["status"] == "open");
  CHECK(r["restored_s"].empty());
  CHECK(html_balance_error(file_named(files, "report.html")).empty());
  CHECK(file_named(files, "report.html").find("not by the horizon") != std::string::npos);
  CHECK_FALSE(json_syntax_error(file_named(files, "trace.json")).has_value());
  // The text says the RTO has not ended: 15 minutes so far, a lower bound.
  const std::string text = run_report_text(summarize_log(log));
  CHECK(text.find("(still open at the horizon)\n  RTO 15m 00s and counting (no full service by the "
                  "horizon) = detect ") != std::string::npos);
  CHECK(text.find(" and counting\n") != std::string::npos);
}

TEST_CASE("report text helpers: escaping for XML, CSV and Markdown, fitted labels", "[report]") {
  CHECK(xml_escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(md_cell("a|b\nc") == "a\\|b c");
  CHECK(svg_num(12.0) == "12");
  CHECK(svg_num(-0.01) == "0");
  CHECK(svg_num(3.26) == "3.3");
  CHECK(fit_text("Invoke-CsPoolFailover", 10, 1000) == "Invoke-CsPoolFailover");
  const std::string cut = fit_text("Invoke-CsPoolFailover", 10, 60);
  CHECK(cut.size() < std::string("Invoke-CsPoolFailover").size());
  CHECK(cut.substr(cut.size() - 3) == "\xE2\x80\xA6");
  CHECK(fit_text("x", 10, 1).empty());
  CHECK(seconds_number(2869.969072999978) == "2869.969073");
  CHECK(grouped(1234567) == "1,234,567");
}

TEST_CASE("report: a hand-made log with odd subjects still gives a well-formed report",
          "[report]") {
  // A .drlog may come from anywhere: the report must not trust it further than its format.
  LogFile log;
  log.header.set_scenario_name("odd <name> & \"quotes\"");
  log.header.set_horizon_us(3'600'000'000);
  auto add = [&](int64_t t, const std::string& kind, const std::string& subject) -> log::Record& {
    log::Record& r = log.records.emplace_back();
    r.set_time_us(t);
    r.set_seq(log.records.size() - 1);
    r.set_kind(kind);
    r.set_subject(subject);
    return r;
  };
  add(0, "pool.users", "");
  add(10, "service.level", "/rg3");
  add(20, "backup.status", "->x");
  add(30, "cmdlet.start", "");
  add(40, "component.down", "lonely-server");
  add(50, "component.up", "lonely-server");
  const std::vector<ReportFile> files = report_files(log, nullptr);
  CHECK(html_balance_error(file_named(files, "report.html")).empty());
  CHECK(file_named(files, "report.html").find("odd &lt;name&gt; &amp; &quot;quotes&quot;") !=
        std::string::npos);
  CHECK_FALSE(json_syntax_error(file_named(files, "trace.json")).has_value());
  CHECK(parse_csv(file_named(files, "incidents.csv")).size() == 1);  // the header only
}

namespace {
// Replication 102 of the ten-year scenario at seed 2026: 191 incidents, nearly all Front End,
// Back End and link failures that nobody noticed, and three that hurt users.
struct TenYears {
  LoadedScenario s = load_scenario(source("scenarios/mc-two-site-10y.pb.txt"));
  LogFile log = run_log(s.scenario, s.sha256, 2026, 102);
  RunReport report = summarize_log(log);
  ReportContent content = prepare_report(log, &s.scenario);
};

size_t table_rows(const std::string& md, const std::string& heading) {
  size_t at = md.find(heading);
  REQUIRE(at != std::string::npos);
  size_t rows = 0;
  const size_t end = md.find("\n## ", at + 1);
  for (size_t i = md.find("\n| #", at); i != std::string::npos && i < end;
       i = md.find("\n| #", i + 1))
    ++rows;
  return rows;
}
}  // namespace

TEST_CASE("report: a long run charts and tables only the incidents that hurt users or lost data",
          "[report]") {
  const TenYears t;
  size_t impact = 0, losing = 0, either = 0, neither = 0;
  std::map<std::string, int> quiet_by_kind;
  for (const IncidentReport& inc : t.report.incidents) {
    impact += had_user_impact(inc) ? 1 : 0;
    losing += lost_data(inc) ? 1 : 0;
    either += had_user_impact(inc) || lost_data(inc) ? 1 : 0;
    if (!had_user_impact(inc) && !lost_data(inc)) {
      ++neither;
      ++quiet_by_kind[inc.disruption];
    }
  }
  REQUIRE(t.report.incidents.size() > kMaxTableIncidents);
  REQUIRE(impact >= 2);
  REQUIRE(neither > 100);
  // Charts: none of an incident with nothing to show.
  CHECK(t.content.incident_svgs.size() == std::min(kMaxIncidentCharts, either));
  for (const auto& [id, svg] : t.content.incident_svgs) {
    const IncidentReport& inc = t.report.incidents.at(static_cast<size_t>(id));
    REQUIRE(inc.id == id);
    CHECK((had_user_impact(inc) || lost_data(inc)));
  }
  // Tables: a row per incident with something to show, not 50 rows of zeros.
  const std::string md = report_markdown(t.content);
  CHECK(table_rows(md, "## Recovery time (RTO)") == impact);
  CHECK(table_rows(md, "## Data loss (RPO)") == losing);
  // One line sums up the others, per kind of disruption.
  std::string kinds;
  for (const char* kind : kDisruptions) {
    if (quiet_by_kind.count(kind) > 0)
      kinds += (kinds.empty() ? "" : ", ") + std::to_string(quiet_by_kind[kind]) + " " + kind;
  }
  CHECK(md.find(std::to_string(neither) + " incidents with no user impact and no data lost (" +
                kinds + ")") != std::string::npos);
  CHECK(md.find("not by the horizon") == std::string::npos);  // every incident closed
}

TEST_CASE("report: the RPO table ranks incidents by the RPO the policy judges, worst first",
          "[report]") {
  const TenYears t;
  const std::vector<const IncidentReport*> ranked =
      worst_rpo_incidents(t.report, kMaxTableIncidents, false);
  REQUIRE(ranked.size() >= 2);
  for (size_t i = 1; i < ranked.size(); ++i)
    CHECK(policy_rpo_max_s(*ranked[i - 1], false) >= policy_rpo_max_s(*ranked[i], false));
  // Worst first in the table too: the first row is the worst incident.
  const std::string md = report_markdown(t.content);
  const size_t table = md.find("## Data loss (RPO)");
  CHECK(md.find("| #" + std::to_string(ranked[0]->id) + " ", table) <
        md.find("| #" + std::to_string(ranked[1]->id) + " ", table));
  // Cut to n, it keeps the worst.
  const std::vector<const IncidentReport*> one = worst_rpo_incidents(t.report, 1, false);
  REQUIRE(one.size() == 1);
  CHECK(one[0] == ranked[0]);
}

TEST_CASE(
    "report csv: rpo_max_s is over every category with a backup and rpo_policy_max_s over those "
    "the verdict judges",
    "[report][csv][policy]") {
  LoadedScenario s = default_scenario();
  s.scenario.mutable_policy()->mutable_site()->set_rpo_s(300);
  const LogFile log = run_log(s.scenario, s.sha256);
  const RunReport summary = summarize_log(log);
  const IncidentReport& inc = summary.incidents.at(0);
  auto rows = parse_csv(file_named(report_files(log, &s.scenario), "incidents.csv"));
  REQUIRE(rows.size() == 2);
  auto r = row_map(rows[0], rows[1]);
  // Response groups (not replicated, no backup here) lost since deployment: said in words,
  // not a worst RPO of "10 h since the run began". User data to the last import.
  CHECK(has_no_backup(inc, "response_groups"));
  CHECK(std::stod(r["rpo_max_s"]) == Approx(inc.rpo_s[0].second));
  CHECK(std::stod(r["rpo_max_s"]) < 300);
  CHECK(std::stod(r["rpo_policy_max_s"]) == Approx(inc.rpo_s[0].second));
  CHECK(std::stod(r["rpo_policy_max_s"]) < 300);
  CHECK(r["rpo_target_s"] == "300");
  CHECK(r["rpo_verdict"] == "met");
  CHECK(r["user_impact"] == "yes");
  // Without the scenario the judged categories are unknown: the column is empty.
  rows = parse_csv(file_named(report_files(log, nullptr), "incidents.csv"));
  CHECK(row_map(rows[0], rows[1])["rpo_policy_max_s"].empty());
  CHECK(!row_map(rows[0], rows[1])["rpo_max_s"].empty());
}

TEST_CASE("report csv: an incident without user impact has no restored_s and says so",
          "[report][csv]") {
  const TenYears t;
  const auto rows = parse_csv(file_named(report_files(t.log, &t.s.scenario), "incidents.csv"));
  size_t quiet = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    auto r = row_map(rows[0], rows[i]);
    const bool impact = had_user_impact(t.report.incidents.at(i - 1));
    CHECK(r["user_impact"] == (impact ? "yes" : "no"));
    CHECK(r["restored_s"].empty() ==
          !impact);  // all closed: empty exactly when no user lost service
    quiet += impact ? 0 : 1;
  }
  CHECK(quiet > 100);
}

TEST_CASE("report: writes lost read as people count them", "[report]") {
  CHECK(writes_lost_text(0) == "no writes lost");
  CHECK(writes_lost_text(0.03) == "<1 write lost");
  CHECK(writes_lost_text(0.5) == "<1 write lost");
  CHECK(writes_lost_text(1.2) == "1 write lost");
  CHECK(writes_lost_text(1.6) == "2 writes lost");
  CHECK(writes_lost_text(1033.4) == "1,033 writes lost");
  CHECK(writes_lost_text(1234567) == "1,234,567 writes lost");
  // The count alone, as the visualiser's table shows it.
  CHECK(writes_lost_count(0) == "0");
  CHECK(writes_lost_count(0.03) == "<1");
  CHECK(writes_lost_count(1.6) == "2");
  CHECK(writes_lost_count(1033.4) == "1,033");
  // The report reads the unrounded count from the log's data.loss records.
  const LoadedScenario s = default_scenario();
  const RunReport report = summarize_log(run_log(s.scenario, s.sha256));
  const IncidentReport& inc = report.incidents.at(0);
  REQUIRE(inc.rpo_s[2].first == "cms");
  CHECK(inc.rpo_s[2].second > 0);
  CHECK(inc.lost_writes_expected[2].second > 0);
  CHECK(inc.lost_writes_expected[2].second < 1);  // 1 CMS write an hour over 2 minutes
  CHECK(run_report_text(report).find("<1 write lost") != std::string::npos);
  CHECK(inc.lost_writes_expected[0].second ==
        Approx(static_cast<double>(inc.lost_writes[0].second)).margin(0.5));
}

TEST_CASE(
    "report: the scenario summary lists the faults, runbook steps, admin delays and policy targets",
    "[report]") {
  LoadedScenario s = default_scenario();
  s.scenario.mutable_policy()->mutable_site()->set_rto_s(1800);
  const LogFile log = run_log(s.scenario, s.sha256);
  const std::string md = report_markdown(prepare_report(log, &s.scenario));
  const size_t at = md.find("## Scenario");
  const size_t end = md.find("## Topology");
  REQUIRE(at < end);
  const std::string summary = md.substr(at, end - at);
  CHECK(summary.find("| d+0 10:00:00 | dc1 | 8h 00m 00s | power loss in dc1 |") !=
        std::string::npos);
  CHECK(summary.find("| 1 | Invoke-CsManagementServerFailover | -BackupSqlServerFqdn "
                     "sql2a.contoso.com -Force | at the admin's decision |") != std::string::npos);
  CHECK(summary.find("| 2 | Invoke-CsPoolFailover | -PoolFqdn pool1.contoso.com -DisasterMode | "
                     "when step 1 ends (from the admin's decision) |") != std::string::npos);
  CHECK(summary.find("lognormal, median 10m 00s, sigma 0.4") != std::string::npos);
  CHECK(summary.find("| site | 30m 00s | 5m 00s |") != std::string::npos);
  // Without the scenario there is nothing to summarise, and the page says why.
  CHECK(report_markdown(prepare_report(log, nullptr))
            .find("The scenario summary needs the scenario") != std::string::npos);
  // Random failures of a Monte Carlo scenario.
  const LoadedScenario mc = load_scenario(source("scenarios/mc-two-site-10y.pb.txt"));
  const ScenarioSummary m = scenario_summary(mc.scenario);
  REQUIRE(m.random.rows.size() >= 3);
  CHECK(m.random.rows[0][0].text == "Front End");
  CHECK(m.random.rows[0][1].text.rfind("exponential, mean ", 0) == 0);
  CHECK(m.runbook.rows.empty());
  CHECK(m.runbook.empty_note.find("standard procedure") != std::string::npos);
}

TEST_CASE("report timeline: the time axis of a ten-year run keeps every label inside the chart",
          "[report]") {
  const TenYears t;
  const std::string& svg = t.content.timeline_svg;
  const std::regex tick(
      "<text x=\"([-0-9.]+)\" y=\"[-0-9.]+\" class=\"ts\" text-anchor=\"(middle|end)\">(d\\+[0-9]+ "
      "[0-9:]+)</text>");
  size_t labels = 0;
  double last_right = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tick); it != std::sregex_iterator();
       ++it, ++labels) {
    const double x = std::stod((*it)[1]), w = text_width_px((*it)[3].str(), 9);
    const double left = (*it)[2] == "end" ? x - w : x - w / 2,
                 right = (*it)[2] == "end" ? x : x + w / 2;
    INFO((*it)[3] << " from " << left << " to " << right);
    CHECK(left >= 0);
    CHECK(right <= 1200);
    last_right = std::max(last_right, right);
  }
  CHECK(labels >= 10);       // a tick a year, above and below the lanes
  CHECK(last_right > 1100);  // the last one, d+3650, near the right edge
}
