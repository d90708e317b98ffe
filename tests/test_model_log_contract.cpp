// The model's event log keeps the promises docs/event-log.md makes to its readers: the
// Backup Service backlog can be rebuilt at any instant from the backup.* records, the voice
// registrar's moves come in pairs, and a failback's user impact belongs to the incident whose
// failover it reverses.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

// The documented rule: the latest backup.* record's backlog plus the latest backup.status
// record's growth times the time since the latest record.
struct BacklogReader {
  struct Direction {
    double at_us = 0;
    double backlog_bytes = 0;
    double growth_bytes_per_s = 0;
  };
  std::map<std::string, Direction> directions;

  void read(const log::Record& r) {
    if (r.kind().rfind("backup.", 0) != 0) return;
    Direction& d = directions[r.subject()];
    d.at_us = static_cast<double>(r.time_us());
    d.backlog_bytes = rec::number(r, "backlog_bytes", -1);
    REQUIRE(d.backlog_bytes >= 0);
    if (r.kind() == "backup.status")
      d.growth_bytes_per_s = rec::number(r, "backlog_growth_bytes_per_s", -1);
    REQUIRE(d.growth_bytes_per_s >= 0);
  }
  double backlog_at(const std::string& direction, int64_t t_us) const {
    const auto it = directions.find(direction);
    REQUIRE(it != directions.end());
    const Direction& d = it->second;
    return d.backlog_bytes + d.growth_bytes_per_s * (static_cast<double>(t_us) - d.at_us) / 1e6;
  }
};

scenario::RunbookStep status_query(int64_t at_s) {
  scenario::RunbookStep st;
  st.set_cmdlet(scenario::GET_CS_BACKUP_SERVICE_STATUS);
  st.set_pool_fqdn("pool2.contoso.com");
  st.set_at_s(at_s);
  return st;
}

}  // namespace

TEST_CASE(
    "event log: the Backup Service backlog rebuilt from backup records matches the model at every "
    "query",
    "[model][log]") {
  // The WAN link fails at 09:30, dc1 at 10:00, failover at 10:30, the site returns at 18:00 and
  // the backlog of pool2's changes drains: queries before, during and after each change ask the
  // model itself for the backlog of both directions.
  scenario::Scenario s = load_story("link-then-site-loss");
  for (int64_t at_s : {3600, 34199, 34300, 35990, 36500, 37800, 40000, 64799, 64805, 64813, 64830,
                       65000, 65050, 70000})
    *s.add_runbook() = status_query(at_s);
  const RunResult r = run_story(s);
  // While a direction is steady its quiet cycles are no records: the backlog is a sawtooth
  // below one interval (120 s) plus one cycle of changes at the highest rate of the run.
  double max_growth_bytes_per_s = 0;
  for (const log::Record& rec : r.log.records())
    max_growth_bytes_per_s = std::max(
        max_growth_bytes_per_s, rec::get(rec, rec::backup_status::backlog_growth_bytes_per_s));
  const double steady_bound_bytes = max_growth_bytes_per_s * (120 + 20);
  BacklogReader reader;
  int queries = 0, exact = 0;
  for (const log::Record& rec : r.log.records()) {
    reader.read(rec);
    if (rec.kind() != "query.backup_service_status") continue;
    ++queries;
    INFO("query at " << rec.time_us() / 1000000 << " s");
    for (const std::string dir : {"export", "import"}) {
      const std::string direction = dir == "export" ? "pool2.contoso.com->pool1.contoso.com"
                                                    : "pool1.contoso.com->pool2.contoso.com";
      const double actual = rec::number(rec, dir + "_backlog_bytes", -1);
      const double rebuilt = reader.backlog_at(direction, rec.time_us());
      if (reader.directions.at(direction).growth_bytes_per_s == 0 &&
          rec::text(rec, dir + "_status") == "steady") {
        CHECK(actual <= steady_bound_bytes);
        CHECK(rebuilt <= steady_bound_bytes);
        continue;
      }
      ++exact;
      CHECK(rebuilt == Approx(actual).margin(1.0));
    }
  }
  CHECK(exact >= 12);
  CHECK(queries == 14);
}

TEST_CASE("event log: every direction has a backup.status record at the start", "[model][log]") {
  const RunResult r = run_story(load_story("site-loss-runbook"));
  int at_start = 0;
  for (const log::Record& rec : r.log.records())
    if (rec.kind() == "backup.status" && rec.time_us() == 0) ++at_start;
  CHECK(at_start == 2);
}

TEST_CASE("voice: the pool failover ends the automatic voice failover, with a record saying why",
          "[model][log]") {
  // dc1 is lost at 10:00; its users register on pool2 at 10:05 (voice only); the admin's pool
  // failover starts at 10:30 and takes their registration with it.
  const RunResult r = run_story(load_story("site-loss-runbook"));
  int failovers = 0, failbacks = 0;
  for (const log::Record& rec : r.log.records()) {
    if (rec.kind() == "registrar.failover") ++failovers;
    if (rec.kind() != "registrar.failback") continue;
    ++failbacks;
    CHECK(rec::text(rec, "reason") == "pool_failover");
    CHECK(rec.time_us() == Duration::seconds(37800).us());
  }
  CHECK(failovers == 1);
  CHECK(failbacks == 1);
}

TEST_CASE(
    "incidents: a failback's user impact belongs to the site loss, not to a newer server crash",
    "[model]") {
  // The failback story, with a Front End of pool2 crashing at 14:50 and repaired at 17:00: its
  // incident is the newest open one when the failback (15:00-16:00) puts users in resiliency.
  scenario::Scenario s = load_story("failback");
  const RunResult plain = run_story(s);
  auto* crash = s.add_faults();
  crash->set_at_s(53400);
  crash->set_component("fe3.pool2.contoso.com");
  crash->set_repair_after_s(7800);
  const RunResult r = run_story(s);
  REQUIRE(plain.metrics.incidents.size() == 1);
  REQUIRE(r.metrics.incidents.size() == 2);
  const IncidentMetrics& site = r.metrics.incidents[0];
  const IncidentMetrics& server = r.metrics.incidents[1];
  CHECK(site.cause == "dc1");
  CHECK(server.cause == "fe3.pool2.contoso.com");
  // The crash itself hurts nobody (six of seven Front Ends keep quorum and replicas).
  CHECK_FALSE(server.had_impact);
  CHECK(server.total == Duration::zero());
  // The site loss keeps its RTO to the first restoration (2,970 s) and closes after the failback.
  CHECK(site.total == plain.metrics.incidents[0].total);
  CHECK(site.total.seconds_f() == Approx(2970));
  CHECK(site.end == plain.metrics.incidents[0].end);
}
