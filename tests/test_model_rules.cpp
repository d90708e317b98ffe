// Rule tests of the model: each documented rule in isolation, on small scenarios built from
// the bundled stories.
#include <catch2/catch.hpp>

#include "sim/model/product.h"
#include "story_util.h"
#include "test_scale.h"
#include "test_util.h"

using namespace drsim;
using namespace drsim::testing;

TEST_CASE("quorum tables: functional and first-start counts follow the documented lookup",
          "[model]") {
  const int functional[17] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 5, 7, 7, 7, 7};
  const int first_start[17] = {0, 1, 1, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11, 11, 12, 12};
  for (int n = 1; n <= 16; ++n) {
    INFO("pool of " << n);
    CHECK(product::functional_quorum(n).required == functional[n]);
    CHECK(product::first_start_quorum(n) == first_start[n]);
  }
  CHECK(product::functional_quorum(8).seed_count == 7);
  CHECK(product::functional_quorum(11).seed_count == 9);
  CHECK(product::functional_quorum(16).seed_count == 12);
}

TEST_CASE("pool quorum: an 8-server pool needs 4 of its first 7 servers, not any 4", "[model]") {
  scenario::Scenario s = load_story("fe-crash");
  s.clear_faults();
  auto* pool = s.mutable_pools(0);
  for (int i = 6; i <= 8; ++i)
    pool->add_front_ends()->set_fqdn("fe" + std::to_string(i) + ".pool1.contoso.com");
  // fe1..fe4 fail: 4 servers run (fe5..fe8) but only 3 of them are seeds.
  for (int i = 1; i <= 4; ++i)
    add_fault(s, 3600, "fe" + std::to_string(i) + ".pool1.contoso.com", 3600);
  REQUIRE(valid(s));
  const RunResult r = run_story(s);
  CHECK(count_records(r, "pool.stopped") == 1);
  CHECK(r.metrics.incidents[0].had_impact);
  // The same count of failures among non-seed servers keeps the pool running.
  s.clear_faults();
  for (int i : {5, 6, 7, 8})
    add_fault(s, 3600, "fe" + std::to_string(i) + ".pool1.contoso.com", 3600);
  CHECK(count_records(run_story(s), "pool.stopped") == 0);
}

TEST_CASE("pool quorum: an even pool with its primary database down needs the first-start count",
          "[model]") {
  scenario::Scenario s = load_story("fe-crash");
  s.clear_faults();
  auto* pool = s.mutable_pools(0);
  pool->mutable_front_ends()->RemoveLast();  // 4 servers: functional 2, first-start 3
  auto* be = pool->mutable_back_end();
  be->set_ha_mode(scenario::MIRRORING_WITH_WITNESS);
  auto* m = be->add_servers();
  m->set_fqdn("sql1m.contoso.com");
  m->set_site("dc1");
  m->set_role(scenario::MIRROR);
  auto* w = be->add_servers();
  w->set_fqdn("sql1w.contoso.com");
  w->set_site("dc1");
  w->set_role(scenario::WITNESS);
  add_fault(s, 3600, "sql1.contoso.com", 7200);  // the primary database goes down
  add_fault(s, 4000, "fe1.pool1.contoso.com", 7200);
  add_fault(s, 4400, "fe2.pool1.contoso.com", 7200);  // 2 running: enough by the table
  REQUIRE(valid(s));
  const RunResult r = run_story(s);
  CHECK(count_records(r, "backend.failover") == 1);  // the mirror took over
  CHECK(count_records(r, "pool.stopped") == 1);      // ...but the pool lost its witness
  s.mutable_parameters()->set_even_pool_witness_uses_first_start(false);
  CHECK(count_records(run_story(s), "pool.stopped") == 0);
}

TEST_CASE("failover: without -DisasterMode an unreachable pool refuses to fail over", "[model]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  s.mutable_runbook(1)->set_disaster_mode(false);
  const RunResult r = run_story(s);
  const auto errors = errors_of(r);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("-DisasterMode") != std::string::npos);
  // Users wait for dc1 (18:00) and the registrar's failback interval (240 s, D-TBREG).
  CHECK(r.metrics.incidents[0].restored == Instant::origin() + Duration::seconds(64800 + 240));
}

TEST_CASE(
    "failover: a running Edge pool pointing at the failed pool blocks failover until its next hop "
    "moves",
    "[model]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  s.mutable_edge_pools(1)->set_next_hop_pool("pool1.contoso.com");  // edge2 in dc2, still up
  const RunResult blocked = run_story(s);
  REQUIRE(errors_of(blocked).size() == 1);
  CHECK(errors_of(blocked)[0].find("next hop") != std::string::npos);
  // Changing the next hop first (after the CMS is back) lets the failover through.
  scenario::Scenario fixed = s;
  auto* hop = fixed.mutable_runbook()->Add();
  hop->set_cmdlet(scenario::SET_CS_EDGE_SERVER_NEXT_HOP);
  hop->set_after_detect(true);
  hop->set_edge_pool("edge2.contoso.com");
  hop->set_next_hop_pool("pool2.contoso.com");
  fixed.mutable_runbook()->SwapElements(1, 2);  // CMS, next hop, pool failover
  const RunResult ok = run_story(fixed);
  CHECK(errors_of(ok).empty());
  // 600 s more for the next-hop change than the plain story's 2,970 s.
  CHECK(ok.metrics.incidents[0].total == Duration::seconds(3570));
}

TEST_CASE(
    "failover order: a pool hosting its partner's users cannot fail over before their failback",
    "[model]") {
  scenario::Scenario s = load_story("failback");
  s.mutable_runbook()->RemoveLast();  // no failback
  // pool1's users are on pool2; failing pool2 over to pool1 must wait for pool1's failback.
  add_step(s, scenario::INVOKE_CS_POOL_FAILOVER, 54000, "pool2.contoso.com");
  const auto errors = errors_of(run_story(s));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("fail them back first") != std::string::npos);
  // In the documented order (failback pool1, then fail pool2 over, its Edge next hop moved
  // first) everything succeeds.
  scenario::Scenario ordered = load_story("failback");
  auto* hop = add_step(ordered, scenario::SET_CS_EDGE_SERVER_NEXT_HOP, 57000);
  hop->set_edge_pool("edge2.contoso.com");
  hop->set_next_hop_pool("pool1.contoso.com");
  add_step(ordered, scenario::INVOKE_CS_POOL_FAILOVER, 58000, "pool2.contoso.com");
  REQUIRE(valid(ordered));
  CHECK(errors_of(run_story(ordered)).empty());
}

TEST_CASE("failback: -DisasterMode with the backup pool down loses what was made there",
          "[model]") {
  scenario::Scenario s = load_story("failback");
  // dc2 fails at 14:30, after dc1 is back (14:00) and before the 15:00 failback.
  add_fault(s, 52200, "dc2", 3600);
  s.mutable_runbook(2)->set_disaster_mode(true);
  const RunResult r = run_story(s);
  CHECK(errors_of(r).empty());
  bool lost_on_failback = false;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "data.loss" &&
        rec.subject().find("failback -DisasterMode") != std::string::npos)
      lost_on_failback = rec::find(rec, "rpo_s")->double_value() > 0;
  CHECK(lost_on_failback);
  // Without -DisasterMode the failback refuses.
  s.mutable_runbook(2)->set_disaster_mode(false);
  const auto errors = errors_of(run_story(s));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("-DisasterMode") != std::string::npos);
}

TEST_CASE("voice: users return from the backup registrar only after the failback interval",
          "[model]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  s.clear_runbook();
  s.mutable_faults(0)->set_repair_after_s(3600);  // dc1 back at 11:00, no failover
  const RunResult r = run_story(s);
  const PoolMetrics& p1 = pool_metrics(r, "pool1.contoso.com");
  // Signed out 10:00-10:05; voice only 10:05-11:04: the registrar fails back 240 s after the
  // pool returns (the Topology Builder default, D-TBREG; 300 s before the correction).
  CHECK(p1.user_seconds[static_cast<int>(ServiceLevel::kSignedOut)] == Approx(20000.0 * 300));
  CHECK(p1.user_seconds[static_cast<int>(ServiceLevel::kVoiceOnly)] == Approx(20000.0 * 3540));
  CHECK(count_records(r, "registrar.failback") == 1);
  // With automatic voice failover off, users stay signed out for the whole outage.
  s.mutable_parameters()->set_voice_automatic_failover(false);
  const RunResult without = run_story(s);
  const PoolMetrics& off = pool_metrics(without, "pool1.contoso.com");
  CHECK(off.user_seconds[static_cast<int>(ServiceLevel::kSignedOut)] == Approx(20000.0 * 3600));
}

TEST_CASE("back end: an outage shorter than BackupStoreUnavailableThreshold hurts nobody",
          "[model]") {
  scenario::Scenario s = load_story("backend-loss");
  s.clear_runbook();
  for (auto& f : *s.mutable_faults()) f.set_repair_after_s(1799);
  const RunResult r = run_story(s);
  CHECK(r.metrics.user_availability == Approx(1));
  CHECK(count_records(r, "backend.threshold") == 0);
}

TEST_CASE("quiet time: a year costs no more events than a day when nothing happens", "[model]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  const uint64_t day = run_story(s).events_run;
  s.set_horizon_s(365 * 86400);
  const RunResult year = run_story(s);
  CHECK(year.events_run == day);
  CHECK(year.backup_cycles_stepped < 20);
  // Stepping every cycle would cost two events per cycle and direction: about a million a
  // year (the sanitizer build steps a quarter of the year: a quarter of that).
  s.set_horizon_s(stat_size<int64_t>(365) * 86400);
  CHECK(run_story(s, true).events_run > stat_size<uint64_t>(500000));
}
