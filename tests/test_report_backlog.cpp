// The Backup Service backlog as the reports show it (analysis/backlog_series.h): rebuilt from
// the backup.* records by the rule docs/event-log.md states, sampled finely enough that a
// backlog growing for hours shows as a ramp, bounded, and the same numbers in the trace's
// counters and the timeline's Backup Service lanes.
#include <algorithm>
#include <cmath>

#include "analysis/backlog_series.h"
#include "analysis/report_format.h"
#include "sim/event_log.h"
#include "test_report_util.h"

using namespace drsim;
using namespace report_test;

namespace {

const char* const kToPool1 = "pool2.contoso.com->pool1.contoso.com";

// The rule, read straight from the records: the latest backup.* record's backlog plus the
// latest backup.status's growth times the time since that record.
double rule_at(const LogFile& log, const std::string& direction, int64_t t_us) {
  double bytes = 0, growth = 0;
  int64_t at = 0;
  for (const log::Record& r : log.records) {
    if (r.time_us() > t_us) break;
    if (r.subject() != direction || r.kind().rfind("backup.", 0) != 0) continue;
    at = r.time_us();
    bytes = rec::number(r, "backlog_bytes");
    if (r.kind() == "backup.status") growth = rec::number(r, "backlog_growth_bytes_per_s");
  }
  return bytes + growth * static_cast<double>(t_us - at) / 1e6;
}

const BacklogSeries& series_of(const std::vector<BacklogSeries>& all,
                               const std::string& direction) {
  for (const BacklogSeries& s : all)
    if (s.direction == direction) return s;
  FAIL("no backlog series for " << direction);
  return all.front();
}

struct SiteLoss {
  LoadedScenario s = load_scenario(source("scenarios/site-loss-runbook.pb.txt"));
  LogFile log = run_log(s.scenario, s.sha256);
  int64_t horizon_us = s.scenario.horizon_s() * 1'000'000;
  std::vector<BacklogSeries> series = backlog_series(log, horizon_us);
};

}  // namespace

TEST_CASE(
    "backlog series: it follows the log's rule at any instant, from 0 at the start to the horizon",
    "[report][backlog]") {
  const SiteLoss run;
  REQUIRE(run.series.size() == 2);
  for (const BacklogSeries& b : run.series) {
    INFO(b.direction);
    REQUIRE(b.samples.size() >= 3);
    CHECK(b.samples.front() == BacklogSample{0, 0});
    CHECK(b.samples.back().time_us == run.horizon_us);
    for (size_t i = 1; i < b.samples.size(); ++i)
      CHECK(b.samples[i].time_us >= b.samples[i - 1].time_us);
    // Every instant, samples or not: a minute apart over the day, and each record's time.
    for (int64_t t = 1; t < run.horizon_us; t += 60'000'000 + 7) {
      INFO("t = " << t);
      CHECK(backlog_at(b, t) ==
            Approx(rule_at(run.log, b.direction, t)).epsilon(1e-9).margin(1e-3));
    }
    for (const log::Record& r : run.log.records) {
      if (r.subject() != b.direction || r.kind().rfind("backup.", 0) != 0) continue;
      CHECK(backlog_at(b, r.time_us()) ==
            Approx(rule_at(run.log, b.direction, r.time_us())).margin(1e-3));
    }
  }
}

TEST_CASE(
    "backlog series: while dc1 is down pool2's backlog to pool1 grows as a ramp, to what the final "
    "export carries",
    "[report][backlog]") {
  const SiteLoss run;
  const BacklogSeries& b = series_of(run.series, kToPool1);
  const int64_t down_us = 36000LL * 1'000'000, back_us = 64800LL * 1'000'000;
  size_t inside = 0;
  double last = -1;
  int64_t last_t = down_us;
  for (const BacklogSample& x : b.samples) {
    if (x.time_us <= down_us || x.time_us >= back_us) continue;
    ++inside;
    CHECK(x.bytes >= last - 1e-3);  // growing the whole outage (re-anchored records may round)
    CHECK(x.time_us - last_t <= run.horizon_us / kBacklogSamplesPerHorizon);
    last = x.bytes;
    last_t = x.time_us;
  }
  // Eight hours of a day, at most a 200th of it between samples.
  CHECK(inside >= 8 * kBacklogSamplesPerHorizon / 24 - 1);
  CHECK(backlog_at(b, down_us + 3'600'000'000) > 2 * backlog_at(b, down_us));
  // Just before dc1 returns the backlog is what the final export then ships.
  double exported = 0;
  for (const log::Record& r : run.log.records)
    if (r.kind() == "backup.export" && r.subject() == kToPool1 && r.time_us() >= back_us &&
        exported == 0)
      exported = rec::number(r, "bytes");
  REQUIRE(exported > 1e8);
  CHECK(backlog_at(b, back_us - 1) == Approx(exported).epsilon(1e-3));
  CHECK(backlog_peak(b, 0, run.horizon_us) == Approx(exported).epsilon(1e-3));
}

TEST_CASE(
    "backlog series: the samples are bounded by the grid and the records, however long the run",
    "[report][backlog]") {
  const LoadedScenario s = load_scenario(source("scenarios/mc-two-site-10y.pb.txt"));
  const LogFile log = run_log(s.scenario, s.sha256, 2026, 102);
  const int64_t horizon_us = s.scenario.horizon_s() * 1'000'000;
  for (const BacklogSeries& b : backlog_series(log, horizon_us)) {
    size_t records = 0;
    for (const log::Record& r : log.records)
      records += r.subject() == b.direction && r.kind().rfind("backup.", 0) == 0 ? 1 : 0;
    INFO(b.direction << ": " << records << " records, " << b.samples.size() << " samples");
    CHECK(b.samples.size() <= static_cast<size_t>(kBacklogSamplesPerHorizon) + 2 * records + 2);
  }
}

TEST_CASE(
    "backlog series: the trace's counters and the timeline's Backup Service lanes show the same "
    "backlog",
    "[report][backlog]") {
  const SiteLoss run;
  const std::vector<ReportFile> files = report_files(run.log, &run.s.scenario);
  const Json doc = JsonParser(file_named(files, "trace.json")).parse();
  const BacklogSeries& b = series_of(run.series, kToPool1);
  std::vector<BacklogSample> counters;
  for (const Json& e : doc.get("traceEvents")->items) {
    if (e.str("ph") == "C" &&
        e.str("name") == "backlog pool2.contoso.com \xE2\x86\x92 pool1.contoso.com")
      counters.push_back({static_cast<int64_t>(e.num("ts")), e.get("args")->num("bytes")});
  }
  REQUIRE(counters.size() == b.samples.size());
  for (size_t i = 0; i < counters.size(); ++i) {
    CHECK(counters[i].time_us == b.samples[i].time_us);
    CHECK(counters[i].bytes == Approx(b.samples[i].bytes).epsilon(1e-12));
  }
  // The lagging span of that lane names the backlog it reached: the final export's 1.1 GB.
  const ReportContent c = prepare_report(run.log, &run.s.scenario);
  bool found = false;
  for (const Lane& lane : c.timeline.lanes) {
    if (lane.kind != LaneKind::kBackup || lane.subject != kToPool1) continue;
    for (const LaneSpan& s : lane.spans) {
      if (s.state != "lagging") continue;
      INFO(s.detail);
      CHECK(s.detail == "backlog " + human_bytes(backlog_at(b, s.start_us)) + " to " +
                            human_bytes(backlog_at(b, s.end_us)) +
                            (backlog_peak(b, s.start_us, s.end_us) >
                                     std::max(backlog_at(b, s.start_us), backlog_at(b, s.end_us))
                                 ? ", peak " + human_bytes(backlog_peak(b, s.start_us, s.end_us))
                                 : ""));
      found = found || s.detail.find("GB") != std::string::npos;
    }
  }
  CHECK(found);
}
