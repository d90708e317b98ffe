// The report files of the default scenario's run, read back with independent readers: the
// Chrome trace parses and holds the tracks, outages, counters and cause-to-action flows the
// log implies; the HTML is balanced and standalone; the same input gives the same bytes.
#include <cmath>
#include <map>
#include <set>

#include "io/json_locate.h"
#include "test_report_util.h"

using namespace drsim;
using namespace report_test;

namespace {

struct DefaultRun {
  LoadedScenario scenario = load_scenario(source("scenarios/default.pb.txt"));
  LogFile log = run_log(scenario.scenario, scenario.sha256);
  std::vector<ReportFile> files = report_files(log, &scenario.scenario);

  int64_t first_time_us(const std::string& kind, const std::string& subject = "") const {
    for (const log::Record& r : log.records) {
      if (r.kind() == kind && (subject.empty() || r.subject() == subject)) return r.time_us();
    }
    FAIL("the log has no " << kind << " " << subject);
    return -1;
  }
};

// Names of processes and threads, and the events on each thread, from a parsed trace.
struct Trace {
  std::map<int, std::string> process;
  std::map<std::pair<int, int>, std::string> thread;
  std::vector<const Json*> events;

  // Keeps pointers into `doc`, which must outlive the Trace.
  explicit Trace(const Json& doc) {
    for (const Json& e : doc.get("traceEvents")->items) {
      events.push_back(&e);
      if (e.str("ph") != "M") continue;
      const int pid = static_cast<int>(e.num("pid"));
      if (e.str("name") == "process_name") process[pid] = e.get("args")->str("name");
      if (e.str("name") == "thread_name")
        thread[{pid, static_cast<int>(e.num("tid"))}] = e.get("args")->str("name");
    }
  }
  std::string thread_of(const Json& e) const {
    const auto it = thread.find({static_cast<int>(e.num("pid")), static_cast<int>(e.num("tid"))});
    return it == thread.end() ? "" : it->second;
  }
  std::string process_of(const Json& e) const {
    const auto it = process.find(static_cast<int>(e.num("pid")));
    return it == process.end() ? "" : it->second;
  }
  // Whether a complete event on the same thread covers `ts` (what a flow binds to).
  bool slice_covers(const Json& flow_event) const {
    const double ts = flow_event.num("ts");
    for (const Json* e : events) {
      if (e->str("ph") == "X" && e->num("pid") == flow_event.num("pid") &&
          e->num("tid") == flow_event.num("tid") && e->num("ts") <= ts &&
          ts < e->num("ts") + e->num("dur"))
        return true;
    }
    return false;
  }
};

}  // namespace

TEST_CASE(
    "report trace: a Chrome trace that parses and names a track per site, pool, server, Back End, "
    "backup direction and routing group",
    "[report]") {
  const DefaultRun run;
  const std::string text = file_named(run.files, "trace.json");
  CHECK_FALSE(json_syntax_error(text).has_value());
  const Json doc = JsonParser(text).parse();
  REQUIRE(doc.get("traceEvents") != nullptr);
  const Json* meta = doc.get("metadata");
  REQUIRE(meta != nullptr);
  CHECK(meta->num("seed") == static_cast<double>(run.scenario.scenario.seed()));
  CHECK(meta->str("scenario_sha256") == run.scenario.sha256);
  CHECK(meta->str("drsim_version") == kVersion);
  CHECK(meta->str("commit") == kGitCommit);

  const Trace trace(doc);
  std::multiset<std::string> threads;
  for (const auto& [key, name] : trace.thread) threads.insert(name);
  for (const char* name :
       {"dc1", "dc2", "wan-dc1-dc2", "runbook", "users", "pool quorum", "DR state",
        "voice registrar", "Back End", "sql1a primary", "fsw2 file_share_witness",
        "pool1 \xE2\x86\x92 pool2", "pool2 \xE2\x86\x92 pool1", "rg0", "rg15"}) {
    INFO(name);
    CHECK(threads.count(name) >= 1);
  }
  CHECK(threads.count("Back End") == 2);  // one per pool
  CHECK(threads.count("fe7") == 2);       // each pool's seventh Front End
  size_t groups = 0;
  for (const auto& [key, name] : trace.thread) {
    if (trace.process.at(key.first).rfind("Routing groups of ", 0) == 0) ++groups;
  }
  CHECK(groups == 32);  // 16 routing groups in each of the two pools
}

TEST_CASE(
    "report trace: every named thread holds slices from 0 to the horizon, healthy ones too, under "
    "a thread id of its own",
    "[report]") {
  const DefaultRun run;
  const Json doc = JsonParser(file_named(run.files, "trace.json")).parse();  // outlives `trace`
  const Trace trace(doc);
  const double horizon_us = static_cast<double>(run.scenario.scenario.horizon_s()) * 1e6;
  std::map<std::pair<int, int>, std::vector<std::pair<double, double>>> slices;
  std::set<std::string> healthy_names;
  for (const Json* e : trace.events) {
    if (e->str("ph") != "X") continue;
    slices[{static_cast<int>(e->num("pid")), static_cast<int>(e->num("tid"))}].push_back(
        {e->num("ts"), e->num("dur")});
    if (e->str("cat") == "healthy") healthy_names.insert(e->str("name"));
  }
  std::set<int> tids;
  for (const auto& [key, name] : trace.thread) {
    INFO(trace.process.at(key.first) << " / " << name);
    CHECK(tids.insert(key.second).second);  // no thread id used twice, in any process
    REQUIRE(slices.count(key) == 1);
    // State lanes tile the run; incident and runbook lanes hold their spans only.
    if (trace.process.at(key.first) == "Incidents and runbook") continue;
    std::vector<std::pair<double, double>> s = slices.at(key);
    std::sort(s.begin(), s.end());
    CHECK(s.front().first == 0);
    for (size_t i = 1; i < s.size(); ++i) CHECK(s[i].first == s[i - 1].first + s[i - 1].second);
    CHECK(s.back().first + s.back().second == horizon_us);
  }
  // The lanes that never failed are there: the whole of pool2 and dc2.
  std::multiset<std::string> names;
  for (const auto& [key, name] : trace.thread)
    names.insert(trace.process.at(key.first) + " / " + name);
  CHECK(names.count("Sites and WAN links / dc2") == 1);
  CHECK(names.count("Routing groups of pool2.contoso.com / rg15") == 1);
  CHECK(names.count("Pool pool2.contoso.com (dc2) / users") == 1);
  for (const char* healthy :
       {"up", "running", "active", "on home pool", "available", "steady", "full service"}) {
    INFO(healthy);
    CHECK(healthy_names.count(healthy) == 1);
  }
}

TEST_CASE("report trace: slice names are the legend's words, the same style everywhere",
          "[report]") {
  const DefaultRun run;
  const Json doc = JsonParser(file_named(run.files, "trace.json")).parse();  // outlives `trace`
  const Trace trace(doc);
  std::set<std::string> names;
  for (const Json* e : trace.events) {
    if (e->str("ph") != "X" || trace.thread_of(*e).rfind("runbook", 0) == 0) continue;
    const std::string name = e->str("name");
    names.insert(name);
    INFO(name);
    // Lower-case words: no FailingOver beside failing_over.
    CHECK(name.find('_') == std::string::npos);
    CHECK(std::none_of(name.begin(), name.end(),
                       [](char c) { return std::isupper(static_cast<unsigned char>(c)); }));
  }
  for (const char* expected : {"failing over", "failed over to backup", "on backup pool",
                               "signed out", "down", "detect", "clients back"}) {
    INFO(expected);
    CHECK(names.count(expected) == 1);
  }
}

TEST_CASE("report trace: the dc1 outage is a complete event and backlog and users are counters",
          "[report]") {
  const DefaultRun run;
  const Json doc = JsonParser(file_named(run.files, "trace.json")).parse();  // outlives `trace`
  const Trace trace(doc);
  const auto& fault = run.scenario.scenario.faults(0);
  bool outage = false, backlog = false, users = false;
  for (const Json* e : trace.events) {
    if (e->str("ph") == "X" && trace.thread_of(*e) == "dc1" && e->str("cat") != "healthy") {
      CHECK(e->str("name") == "down");
      CHECK(e->num("ts") == static_cast<double>(fault.at_s()) * 1e6);
      CHECK(e->num("dur") == static_cast<double>(fault.repair_after_s()) * 1e6);
      outage = true;
    }
    if (e->str("ph") == "C" &&
        e->str("name") == "backlog pool1.contoso.com \xE2\x86\x92 pool2.contoso.com" &&
        e->num("ts") == static_cast<double>(fault.at_s()) * 1e6) {
      // The Backup Service had not caught up when dc1 went: its backlog is what is lost.
      CHECK(e->get("args")->num("bytes") > 0);
      backlog = true;
    }
    if (e->str("ph") == "C" && e->str("name") == "users pool1.contoso.com" &&
        e->num("ts") == static_cast<double>(fault.at_s()) * 1e6) {
      CHECK(e->get("args")->num("signed_out") == 20000);
      CHECK(e->get("args")->num("full") == 0);
      users = true;
    }
  }
  CHECK(outage);
  CHECK(backlog);
  CHECK(users);
}

TEST_CASE(
    "report trace: flows run from the dc1 fault to every cmdlet and the registrar failover, bound "
    "to slices",
    "[report]") {
  const DefaultRun run;
  const Json doc = JsonParser(file_named(run.files, "trace.json")).parse();  // outlives `trace`
  const Trace trace(doc);
  std::map<double, const Json*> starts, finishes;
  for (const Json* e : trace.events) {
    if (e->str("ph") == "s") starts[e->num("id")] = e;
    if (e->str("ph") == "f") finishes[e->num("id")] = e;
  }
  REQUIRE(!starts.empty());
  REQUIRE(starts.size() == finishes.size());
  const double fault_us = static_cast<double>(run.first_time_us("fault.start", "dc1"));
  std::multiset<std::pair<double, std::string>> targets;
  for (const auto& [id, s] : starts) {
    REQUIRE(finishes.count(id) == 1);
    const Json* f = finishes[id];
    CHECK(s->num("ts") == fault_us);
    CHECK(trace.thread_of(*s) == "dc1");
    CHECK(f->str("bp") == "e");
    CHECK(trace.slice_covers(*s));
    CHECK(trace.slice_covers(*f));
    targets.insert({f->num("ts"), trace.thread_of(*f)});
  }
  std::multiset<std::pair<double, std::string>> expected;
  for (const log::Record& r : run.log.records) {
    if (r.kind() == "cmdlet.start") expected.insert({static_cast<double>(r.time_us()), "runbook"});
    if (r.kind() == "registrar.failover")
      expected.insert({static_cast<double>(r.time_us()), "voice registrar"});
  }
  CHECK(expected.size() >= 3);  // CMS failover, pool failover, registrar failover
  CHECK(targets == expected);
}

TEST_CASE("report html: balanced tags, both charts inline, the stamp, nothing fetched",
          "[report]") {
  const DefaultRun run;
  const std::string html = file_named(run.files, "report.html");
  CHECK(html_balance_error(html).empty());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("Sites, pools and servers") != std::string::npos);
  CHECK(html.find("Timeline of the whole run") != std::string::npos);
  CHECK(html.find("Incident #0 in detail") != std::string::npos);
  size_t svgs = 0;
  for (size_t i = html.find("<svg"); i != std::string::npos; i = html.find("<svg", i + 1)) ++svgs;
  CHECK(svgs == 3);  // topology, overview, incident #0
  for (const std::string& stamp :
       {std::to_string(run.scenario.scenario.seed()), run.scenario.sha256, std::string(kVersion),
        std::string(kGitCommit)}) {
    CHECK(html.find(stamp) != std::string::npos);
  }
  // Standalone: no scripts, no links to fetch; the only URL is the SVG namespace name.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("href=") == std::string::npos);
  std::string rest = html;
  for (size_t i; (i = rest.find("http://www.w3.org/2000/svg")) != std::string::npos;)
    rest.erase(i, 26);
  CHECK(rest.find("http") == std::string::npos);
  // The RTO table shows the stages the log measured.
  CHECK(html.find("<th>Total RTO</th>") != std::string::npos);
  const RunReport report = summarize_log(run.log);
  REQUIRE(report.incidents.size() == 1);
  for (double stage_s :
       {report.incidents[0].detect_s, report.incidents[0].execute_s, report.incidents[0].total_s})
    CHECK(html.find("<td class=\"num\">" + format_duration(Duration::micros(
                                               std::llround(stage_s * 1e6)))) != std::string::npos);
}

TEST_CASE("report html checker: it flags what a browser would misnest", "[report]") {
  CHECK(html_balance_error("<html><body><p>x</p></body></html>").empty());
  CHECK(html_balance_error("<meta charset=\"utf-8\"><svg><rect/></svg>").empty());
  CHECK_FALSE(html_balance_error("<div><span></div></span>").empty());
  CHECK_FALSE(html_balance_error("<table><tr><td>x</td></tr>").empty());
  CHECK_FALSE(html_balance_error("<p>unterminated <b").empty());
}

TEST_CASE("report markdown: tables and the charts as files beside it", "[report]") {
  const DefaultRun run;
  const std::string md = file_named(run.files, "report.md");
  CHECK(md.find("![Topology](topology.svg)") != std::string::npos);
  CHECK(md.find("![Timeline](timeline.svg)") != std::string::npos);
  CHECK(md.find("](incident-0.svg)") != std::string::npos);
  CHECK(md.find("| Incident | Disruption | Cause |") != std::string::npos);
  CHECK(md.find(run.scenario.sha256) != std::string::npos);
  for (const char* svg : {"topology.svg", "timeline.svg", "incident-0.svg"}) {
    const std::string& content = file_named(run.files, svg);
    CHECK(content.rfind("<?xml", 0) == 0);
    CHECK(html_balance_error(content).empty());
  }
}

TEST_CASE("report determinism: the same log gives byte-identical files, and so does the same run",
          "[report][determinism]") {
  const DefaultRun a, b;
  const std::vector<ReportFile> again = report_files(a.log, &a.scenario.scenario);
  REQUIRE(a.files.size() == again.size());
  REQUIRE(a.files.size() == b.files.size());
  for (size_t i = 0; i < a.files.size(); ++i) {
    INFO(a.files[i].name);
    CHECK(a.files[i].name == again[i].name);
    CHECK(a.files[i].content == again[i].content);
    CHECK(a.files[i].content == b.files[i].content);
  }
  // And the files do depend on the run: another seed moves the admin's decision.
  scenario::Scenario other = a.scenario.scenario;
  other.set_seed(other.seed() + 1);
  const std::vector<ReportFile> moved = report_files(run_log(other, a.scenario.sha256), &other);
  CHECK(file_named(moved, "incidents.csv") != file_named(a.files, "incidents.csv"));
}

TEST_CASE(
    "report trace: with several incidents each flow starts at its own incident's fault and ends "
    "within it",
    "[report]") {
  // Replication 102 of the ten-year scenario: two site losses among 191 incidents.
  const LoadedScenario s = load_scenario(source("scenarios/mc-two-site-10y.pb.txt"));
  const LogFile log = run_log(s.scenario, s.sha256, 2026, 102);
  const Json doc = JsonParser(file_named(report_files(log, &s.scenario), "trace.json")).parse();
  const Trace trace(doc);
  std::map<double, double> window;  // incident start -> end, microseconds
  std::map<double, std::string> cause;
  for (const log::Record& r : log.records) {
    if (r.kind() != "incident.end" && r.kind() != "incident.open") continue;
    const double start_us = std::round(rec::number(r, "start_s") * 1e6);
    window[start_us] = static_cast<double>(r.time_us());
    cause[start_us] = r.subject();
  }
  std::map<double, const Json*> starts, finishes;
  for (const Json* e : trace.events) {
    if (e->str("ph") == "s") starts[e->num("id")] = e;
    if (e->str("ph") == "f") finishes[e->num("id")] = e;
  }
  REQUIRE(starts.size() == finishes.size());
  std::set<double> incidents_with_flows;
  size_t to_cmdlets = 0;
  for (const auto& [id, st] : starts) {
    REQUIRE(finishes.count(id) == 1);
    const Json* f = finishes.at(id);
    const double at = st->num("ts");
    INFO("flow " << id << " from " << trace.thread_of(*st) << " at " << at);
    REQUIRE(window.count(at) == 1);  // a flow starts when an incident does
    CHECK(f->num("ts") >= at);
    CHECK(f->num("ts") <= window.at(at));
    // From the failed component's track when it went down then, else the incident's own.
    const std::string from = trace.thread_of(*st);
    CHECK((cause.at(at).rfind(from + ".", 0) == 0 || from == cause.at(at) ||
           trace.process_of(*st) == "Incidents and runbook"));
    CHECK(trace.slice_covers(*st));
    CHECK(trace.slice_covers(*f));
    incidents_with_flows.insert(at);
    to_cmdlets += trace.thread_of(*f).rfind("runbook", 0) == 0 ? 1 : 0;
  }
  CHECK(incidents_with_flows.size() >= 2);
  CHECK(to_cmdlets >= 3);
  // Every named thread has a slice, in a run of ten years too.
  std::set<std::pair<int, int>> with_slices;
  for (const Json* e : trace.events)
    if (e->str("ph") == "X")
      with_slices.insert({static_cast<int>(e->num("pid")), static_cast<int>(e->num("tid"))});
  for (const auto& [key, name] : trace.thread) {
    INFO(name);
    CHECK(with_slices.count(key) == 1);
  }
}
