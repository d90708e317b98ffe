// Story tests of the PSTN voice path (issue 16): scenarios/voice-*.pb.txt, each checked
// against the numbers derived by hand in its header; and the voice path's rules (validation,
// faults, the fast-failover timer, scenarios without gateways).
#include <catch2/catch.hpp>

#include "analysis/run_report.h"
#include "analysis/run_report_text.h"
#include "log/log_file.h"
#include "story_util.h"
#include "test_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

const PstnOutcome& pstn_of(const IncidentMetrics& m, const RunResult& r, const std::string& pool) {
  for (const PstnOutcome& o : m.pstn)
    if (r.metrics.pools.at(static_cast<size_t>(o.pool)).fqdn == pool) return o;
  FAIL("no PSTN outcome for " << pool);
  return m.pstn.front();
}

// The pstn.users records of a pool, as (time s, signed in, outbound, inbound, post-dial s).
struct PstnRow {
  double t_s;
  int64_t signed_in, outbound, inbound;
  double wait_s;
};
std::vector<PstnRow> pstn_rows(const RunResult& r, const std::string& pool) {
  std::vector<PstnRow> out;
  for (const auto& rec : r.log.records()) {
    if (rec.kind() != "pstn.users" || rec.subject() != pool) continue;
    out.push_back(
        {static_cast<double>(rec.time_us()) / 1e6, rec::get(rec, rec::pstn_users::signed_in),
         rec::get(rec, rec::pstn_users::outbound), rec::get(rec, rec::pstn_users::inbound),
         rec::get(rec, rec::pstn_users::post_dial_delay_s)});
  }
  return out;
}

// The run's log as `drsim report` reads it.
}  // namespace

TEST_CASE(
    "voice story: central site loss with the only gateway there leaves voice-only users without "
    "the PSTN",
    "[story][voice]") {
  const RunResult r = run_story(load_story("voice-site-loss-one-gateway"));
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  REQUIRE(m.pstn.size() == 1);
  const PstnOutcome& o = pstn_of(m, r, "pool1.contoso.com");
  CHECK(o.calls_failed == Approx(20500));
  CHECK(o.minutes_lost == Approx(61500));
  CHECK(o.calls_rerouted == 0);
  CHECK(o.outbound_users_lost == 10000);
  CHECK(o.inbound_users_lost == 10000);
  CHECK(o.colleagues_only_users == 10000);  // voice only on pool2, no gateway reachable
  CHECK(o.outbound_user_s == Approx(72000000));
  CHECK(o.outbound_restored - m.start == Duration::seconds(7200));
  CHECK(o.inbound_restored - m.start == Duration::seconds(7200));
  CHECK(m.total == Duration::seconds(7440));  // voice only until the registrar fails back at 12:04
  // The lane: signed out at 10:00, voice only without PSTN at 10:05, all back at 12:00.
  const auto rows = pstn_rows(r, "pool1.contoso.com");
  REQUIRE(rows.size() >= 4);
  CHECK(rows[1].t_s == 36000);
  CHECK(rows[1].signed_in == 0);
  CHECK(rows[2].t_s == 36300);
  CHECK(rows[2].signed_in == 10000);
  CHECK(rows[2].outbound == 0);
  CHECK(rows[2].inbound == 0);
  CHECK(rows[3].t_s == 43200);
  CHECK(rows[3].outbound == 10000);
  CHECK(rows[3].inbound == 10000);
  // The report says so, in words and in the JSON.
  const RunReport report = summarize_log(report_log(r));
  REQUIRE(report.pstn_modelled);
  REQUIRE(report.incidents.size() == 1);
  CHECK(report.incidents[0].pstn_minutes_lost == Approx(61500));
  REQUIRE(report.incidents[0].pstn_outbound_rto_s.has_value());
  CHECK(*report.incidents[0].pstn_outbound_rto_s == Approx(7200));
  const std::string text = run_report_text(report);
  CHECK(text.find("10,000 signed in (voice only on the backup registrar, or at home) could call "
                  "colleagues but not the PSTN") != std::string::npos);
  CHECK(text.find("20,500 calls refused or cut off (61,500 minutes lost)") != std::string::npos);
}

TEST_CASE(
    "voice story: a failover route through the other site's gateway brings outbound PSTN back "
    "with the registrar failover, the dead trunk already marked down",
    "[story][voice]") {
  scenario::Scenario s = load_story("voice-site-loss-failover-route");
  const RunResult r = run_story(s);
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  const PstnOutcome& o = pstn_of(m, r, "pool1.contoso.com");
  CHECK(o.outbound_restored - m.start == Duration::seconds(300));
  CHECK(o.inbound_restored - m.start == Duration::seconds(7200));
  CHECK(o.calls_rerouted == 0);
  CHECK(o.calls_failed == Approx(10916.667).epsilon(1e-6));
  CHECK(o.minutes_lost == Approx(32750));
  CHECK(o.colleagues_only_users == 0);  // signed out, then voice only with the failover route
  const auto rows = pstn_rows(r, "pool1.contoso.com");
  REQUIRE(rows.size() >= 3);
  CHECK(rows[2].t_s == 36300);
  CHECK(rows[2].outbound == 10000);
  CHECK(rows[2].inbound == 0);
  CHECK(rows[2].wait_s == 0);

  // A Mediation that takes longer to mark t1 down (600 s): calls wait out the 10 s timer from
  // 10:05 to 10:10, 300 s x 1.389/s = 416.7 of them, and outbound is back at 10:05:10.
  scenario::Scenario slow = s;
  slow.mutable_parameters()->set_trunk_down_detection_s(600);
  const RunResult sr = run_story(slow);
  const PstnOutcome& so = pstn_of(sr.metrics.incidents[0], sr, "pool1.contoso.com");
  CHECK(so.outbound_restored - sr.metrics.incidents[0].start == Duration::seconds(310));
  CHECK(so.calls_rerouted == Approx(416.667).epsilon(1e-6));
  const auto slow_rows = pstn_rows(sr, "pool1.contoso.com");
  REQUIRE(slow_rows.size() >= 4);
  CHECK(slow_rows[2].wait_s == 10);
  CHECK(slow_rows[3].t_s == 36600);
  CHECK(slow_rows[3].wait_s == 0);

  // When the carrier fails inbound calls over too, inbound comes back with the registrar.
  s.mutable_parameters()->set_carrier_inbound_failover(true);
  const RunResult c = run_story(s);
  const PstnOutcome& oc = pstn_of(c.metrics.incidents[0], c, "pool1.contoso.com");
  CHECK(oc.inbound_restored - c.metrics.incidents[0].start == Duration::seconds(300));
  CHECK(oc.calls_failed == Approx(1333.333).epsilon(1e-6));
  CHECK(oc.minutes_lost == Approx(4000));
}

TEST_CASE(
    "voice story: a gateway failure under load moves calls by the 10 s timer until the trunk is "
    "marked down, and drops them when no trunk remains",
    "[story][voice]") {
  const RunResult r = run_story(load_story("voice-gateway-failure"));
  REQUIRE(r.metrics.incidents.size() == 2);
  const IncidentMetrics& m = r.metrics.incidents[0];
  CHECK(m.disruption == "voice");
  CHECK_FALSE(m.had_impact);  // every user kept full service
  REQUIRE(m.pstn.size() == 1);
  // gw1's incident: calls cut and moved by the timer, but every user could still call.
  const PstnOutcome& o = pstn_of(m, r, "pool1.contoso.com");
  CHECK(o.calls_rerouted == Approx(416.667).epsilon(1e-6));
  CHECK(o.calls_failed == Approx(500));
  CHECK(o.minutes_lost == Approx(1500));
  CHECK(o.outbound_users_lost == 0);
  CHECK(o.inbound_users_lost == 0);
  CHECK_FALSE(o.outbound_lost);
  // gw2's incident: no trunk left from 10:30 to 11:00.
  const IncidentMetrics& m2 = r.metrics.incidents[1];
  REQUIRE(m2.pstn.size() == 1);
  const PstnOutcome& o2 = pstn_of(m2, r, "pool1.contoso.com");
  CHECK(o2.calls_rerouted == 0);
  CHECK(o2.calls_failed == Approx(5500));
  CHECK(o2.minutes_lost == Approx(16500));
  CHECK(o2.outbound_restored - m2.start == Duration::seconds(1800));
  CHECK(o2.inbound_restored - m2.start == Duration::seconds(1800));
  CHECK(o2.colleagues_only_users == 10000);  // signed in at home, no trunk left
  const auto rows = pstn_rows(r, "pool1.contoso.com");
  REQUIRE(rows.size() == 5);
  CHECK(rows[1].wait_s == 10);
  CHECK(rows[1].outbound == 10000);
  CHECK(rows[1].inbound == 10000);
  CHECK(rows[2].t_s == 36300);  // t1 marked down: no more wait
  CHECK(rows[2].wait_s == 0);
  CHECK(rows[2].outbound == 10000);
  CHECK(rows[3].outbound == 0);
  CHECK(rows[4].outbound == 10000);
  CHECK(rows[4].wait_s == 0);

  // With EnableFastFailoverTimer off, an outbound call stays on its dead first trunk until the
  // Mediation marks it down: the 416.7 outbound calls of 10:00-10:05 fail instead of waiting
  // 10 s (none rerouted), outbound is back at 10:05 (RTO 300 s): 500 + 416.7 = 916.7 in
  // gw1's incident; gw2's is unchanged.
  scenario::Scenario off = load_story("voice-gateway-failure");
  off.mutable_parameters()->set_enable_fast_failover_timer(false);
  const RunResult f = run_story(off);
  const PstnOutcome& of = pstn_of(f.metrics.incidents[0], f, "pool1.contoso.com");
  CHECK(of.calls_rerouted == 0);
  CHECK(of.calls_failed == Approx(916.667).epsilon(1e-6));
  CHECK(of.outbound_restored - f.metrics.incidents[0].start == Duration::seconds(300));
  CHECK(pstn_of(f.metrics.incidents[1], f, "pool1.contoso.com").calls_failed == Approx(5500));
}

TEST_CASE("voice rules: a scenario without gateways models no PSTN and the report says so",
          "[voice]") {
  const RunResult r = run_story(load_story("site-loss-runbook"));
  CHECK(count_records(r, "pstn.users") == 0);
  CHECK(count_records(r, "incident.pstn") == 0);
  for (const IncidentMetrics& m : r.metrics.incidents) CHECK(m.pstn.empty());
  const RunReport report = summarize_log(report_log(r));
  CHECK_FALSE(report.pstn_modelled);
  const std::string text = run_report_text(report);
  CHECK(text.find("PSTN not modelled") != std::string::npos);
  CHECK(text.find("PSTN:") == std::string::npos);
}

TEST_CASE(
    "voice rules: trunks, gateways and Mediation pools fail by fault, site, class and common cause",
    "[voice]") {
  scenario::Scenario s = load_story("voice-site-loss-failover-route");
  s.clear_faults();
  // A stand-alone Mediation pool in dc2 with two servers carries the failover route.
  auto* med = s.add_mediation_pools();
  med->set_fqdn("med2.contoso.com");
  med->set_site("dc2");
  med->add_servers()->set_fqdn("med2a.contoso.com");
  med->add_servers()->set_fqdn("med2b.contoso.com");
  s.mutable_trunks(1)->set_mediation_pool("med2.contoso.com");
  REQUIRE(valid(s));
  SECTION("one Mediation server down: the pool carries calls on the other (DNS load balancing)") {
    add_fault(s, 3600, "med2a.contoso.com", 600);
    add_fault(s, 3600, "gw1.contoso.com", 600);
    const RunResult r = run_story(s);
    const auto rows = pstn_rows(r, "pool1.contoso.com");
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].outbound == 10000);
    CHECK(rows[1].wait_s == 10);
    CHECK(rows[2].t_s == 3900);  // t1 marked down after trunk_down_detection_s: no more wait
    CHECK(rows[2].wait_s == 0);
  }
  SECTION("the whole Mediation pool down with gw1: no route left") {
    add_fault(s, 3600, "med2.contoso.com", 600);
    add_fault(s, 3600, "gw1.contoso.com", 600);
    const RunResult r = run_story(s);
    // The faults and the repairs are events one after the other: med2 first (t1 still
    // carries calls), then gw1 (nothing does); both trunks are marked down at 3,900 s (no
    // change: no route either way); med2's repair brings t3 back (no wait: t1 is marked
    // down), gw1's t1.
    const auto rows = pstn_rows(r, "pool1.contoso.com");
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].outbound == 0);
    CHECK(rows[2].outbound == 10000);
    CHECK(rows[2].wait_s == 0);
    CHECK(rows[3].wait_s == 0);
    CHECK(r.metrics.incidents[0].disruption == "voice");
  }
  SECTION("a trunk fails on its own") {
    add_fault(s, 3600, "t1", 600);
    const RunResult r = run_story(s);
    const auto rows = pstn_rows(r, "pool1.contoso.com");
    REQUIRE(rows.size() == 4);  // the third: t1 marked down at 3,900 s
    CHECK(rows[1].wait_s == 10);
    CHECK(rows[1].inbound ==
          0);  // the carrier sends inbound calls to gw1, whose only trunk is down
  }
  SECTION("the WAN link down: pool1's users cannot reach dc2's gateway") {
    add_fault(s, 3600, "wan", 600);
    add_fault(s, 3600, "gw1.contoso.com", 600);
    const RunResult r = run_story(s);
    CHECK(pstn_rows(r, "pool1.contoso.com")[1].outbound == 0);
  }
  SECTION("stochastic classes and a common-cause group fail gateways") {
    s.set_horizon_s(30 * 86400);
    auto* st = s.mutable_stochastic();
    st->mutable_pstn_gateway()->mutable_time_to_failure()->mutable_exponential()->set_mean_s(5 *
                                                                                             86400);
    st->mutable_pstn_gateway()->mutable_time_to_repair()->mutable_exponential()->set_mean_s(3600);
    auto* cc = st->add_common_cause();
    cc->set_name("gateway-firmware");
    cc->add_members("gw1.contoso.com");
    cc->add_members("gw2.contoso.com");
    cc->set_beta(1);
    REQUIRE(valid(s));
    const RunResult r = run_story(s);
    int both = 0;
    for (const IncidentMetrics& m : r.metrics.incidents) {
      CHECK(m.disruption == "voice");
      for (const PstnOutcome& o : m.pstn) both += o.outbound_users_lost == 10000 ? 1 : 0;
    }
    CHECK(r.metrics.incidents.size() >= 2);
    CHECK(both >= 1);  // with beta 1 a gateway's failure takes the other: no route at all
  }
}

TEST_CASE("voice rules: validation names the broken voice-path rule at its field",
          "[voice][validate]") {
  scenario::Scenario s = load_story("voice-site-loss-failover-route");
  SECTION("a trunk's Mediation pool must be a Front End or Mediation pool") {
    s.mutable_trunks(0)->set_mediation_pool("gw2.contoso.com");
    const auto f = validate_scenario(s);
    REQUIRE(has_errors(f));
    CHECK(f[0].message.find("names no Front End pool (collocated Mediation) or Mediation pool") !=
          std::string::npos);
  }
  SECTION("a route lists a trunk") {
    s.mutable_voice_routes(1)->clear_trunks();
    const auto f = validate_scenario(s);
    REQUIRE(has_errors(f));
    CHECK(f[0].message.find("a voice route lists at least one trunk") != std::string::npos);
  }
  SECTION("a pool's route must exist, and a trunk's gateway") {
    s.mutable_pools(0)->set_pstn_routes(1, "nowhere");
    s.mutable_trunks(0)->set_gateway("gw9.contoso.com");
    const auto f = validate_scenario(s);
    int errors = 0;
    for (const Finding& x : f) errors += x.severity == Severity::kError ? 1 : 0;
    CHECK(errors == 2);
  }
  SECTION("routes reaching one site only are a warning (sfb-hadr 5.4: a failover route)") {
    CHECK(valid(s));
    const auto ok = validate_scenario(s);
    for (const Finding& x : ok) CHECK(x.message.find("failover route") == std::string::npos);
    const auto one = validate_scenario(load_story("voice-site-loss-one-gateway"));
    bool warned = false;
    for (const Finding& x : one)
      warned |=
          x.severity == Severity::kWarning && x.message.find("failover route") != std::string::npos;
    CHECK(warned);
  }
}

TEST_CASE(
    "voice story: a branch's WAN loss keeps its users on the SBA with PSTN, and no admin acts",
    "[story][voice][branch]") {
  const RunResult r = run_story(load_story("voice-branch"));
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  CHECK(m.disruption == "link");
  CHECK(m.total == Duration::seconds(3600));
  CHECK(m.awaiting_repair == Duration::seconds(3600));
  CHECK(count_records(r, "registrar.failover") == 0);
  CHECK(count_records(r, "cmdlet.start") == 0);
  // The branch users: the branch feature set on the SBA for the hour, then full service.
  std::vector<std::pair<int64_t, std::string>> levels;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "service.level" && rec.subject() == "br1/sba1.contoso.com")
      levels.push_back({rec.time_us() / 1'000'000, rec::get(rec, rec::service_level::level)});
  REQUIRE(levels.size() == 2);
  CHECK(levels[0] == std::make_pair(int64_t{36000}, std::string("voice_only")));
  CHECK(levels[1] == std::make_pair(int64_t{39600}, std::string("full")));
  // PSTN through the SBA's own gateway all along: one record, at the start.
  const auto rows = pstn_rows(r, "sba1.contoso.com");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].outbound == 500);
  CHECK(rows[0].inbound == 500);
  // The incident names the branch, its users and what they kept: the branch feature set on
  // the SBA, PSTN included, for the hour.
  REQUIRE(m.branches.size() == 1);
  const BranchOutcome& b = m.branches[0];
  CHECK(b.users == 500);
  CHECK(b.user_seconds[static_cast<size_t>(ServiceLevel::kVoiceOnly)] == Approx(500.0 * 3600));
  CHECK(b.user_seconds[static_cast<size_t>(ServiceLevel::kSignedOut)] == 0);
  CHECK(b.pstn_outbound_user_s == 0);
  CHECK(b.pstn_inbound_user_s == 0);
  CHECK(b.calls_failed == 0);  // calls in progress go on through the SBA's gateway
  CHECK_FALSE(b.outbound_lost);
  CHECK_FALSE(b.inbound_lost);
  CHECK(b.restored - m.start == Duration::seconds(3600));
  const RunReport report = summarize_log(report_log(r));
  REQUIRE(report.incidents.size() == 1);
  REQUIRE(report.incidents[0].branches.size() == 1);
  CHECK(report.incidents[0].branches[0].branch == "br1");
  CHECK(report.incidents[0].branches[0].voice_only_s == Approx(3600));
  const std::string text = run_report_text(report);
  CHECK(text.find("branch br1 (sba1.contoso.com, 500 users): on the appliance with the branch "
                  "feature set") != std::string::npos);
  CHECK(text.find("kept PSTN calling throughout; all back after 1h 00m 00s") != std::string::npos);
}

TEST_CASE(
    "voice story: an SBA failure sends its users to the central backup Registrar after 120 s, "
    "counted against its capacity",
    "[story][voice][branch]") {
  scenario::Scenario s = load_story("voice-branch");
  s.clear_faults();
  add_fault(s, 36000, "sba1.contoso.com", 7200);
  const RunResult r = run_story(s);
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  CHECK(m.disruption == "branch");
  CHECK(m.total == Duration::seconds(120));
  CHECK(m.over_capacity == Duration::seconds(7320));
  CHECK(m.over_capacity_users_max == 320);
  CHECK(m.end == Instant::origin() + Duration::seconds(43440));  // after the users' failback
  std::vector<std::pair<double, std::string>> registrar;
  for (const auto& rec : r.log.records())
    if (rec.subject() == "sba1.contoso.com" &&
        (rec.kind() == "registrar.failover" || rec.kind() == "registrar.failback"))
      registrar.push_back({static_cast<double>(rec.time_us()) / 1e6, rec.kind()});
  REQUIRE(registrar.size() == 2);
  CHECK(registrar[0] == std::make_pair(36120.0, std::string("registrar.failover")));
  CHECK(registrar[1] == std::make_pair(43440.0, std::string("registrar.failback")));
  // pool1 carries the branch's 500 users: 20,300 against 19,980, from 10:02 to 12:04.
  int breaches = 0;
  for (const auto& rec : r.log.records()) {
    if (rec.kind() == "capacity.breach" && rec.subject() == "pool1.contoso.com") {
      ++breaches;
      CHECK(rec.time_us() == 36120'000'000);
      CHECK(rec::get(rec, rec::capacity_breach::active_users) == 20300);
      CHECK(rec::get(rec, rec::capacity_breach::excess) == 320);
    }
    if (rec.kind() == "capacity.restored" && rec.subject() == "pool1.contoso.com")
      CHECK(rec::get(rec, rec::capacity_restored::breach_s) == Approx(7320));
  }
  CHECK(breaches == 1);
  // PSTN: signed out, then outbound through t1 after the 10 s timer, no inbound; from 10:05
  // the SBA's gateway is marked down (no more wait); its gateway again from 12:00 (for the
  // users still on pool1 too), and the users back on it at 12:04.
  const auto rows = pstn_rows(r, "sba1.contoso.com");
  REQUIRE(rows.size() == 6);
  CHECK(rows[1].t_s == 36000);
  CHECK(rows[1].signed_in == 0);
  CHECK(rows[2].t_s == 36120);
  CHECK(rows[2].outbound == 500);
  CHECK(rows[2].inbound == 0);
  CHECK(rows[2].wait_s == 10);
  CHECK(rows[3].t_s == 36300);
  CHECK(rows[3].wait_s == 0);
  CHECK(rows[4].t_s == 43200);
  CHECK(rows[4].inbound == 500);
  CHECK(rows[5].t_s == 43440);
  CHECK(rows[5].inbound == 500);
  // The incident's branch outcome: 120 s signed out, 7,080 s on pool1 until the SBA's gateway
  // was back at 12:00; outbound PSTN lost 120 s, inbound 7,200 s; all back after 7,200 s.
  REQUIRE(m.branches.size() == 1);
  const BranchOutcome& b = m.branches[0];
  CHECK(b.user_seconds[static_cast<size_t>(ServiceLevel::kSignedOut)] == Approx(500.0 * 120));
  CHECK(b.on_backup_user_s == Approx(500.0 * 7080));
  CHECK(b.pstn_outbound_user_s == Approx(500.0 * 120));
  CHECK(b.pstn_inbound_user_s == Approx(500.0 * 7200));
  CHECK(b.restored - m.start == Duration::seconds(7200));
  // PSTN calls (the scenario's header): 25 cut at 10:00, 16.7 refused while signed out, 491.7
  // inbound refused on pool1: 533.3 calls, 1,600 minutes; none cut at 12:04 (the users keep
  // the appliance's gateway while they move back to it). Outbound back at 10:02 plus the
  // 10 s timer, inbound at 12:00.
  CHECK(b.calls_failed == Approx(1600.0 / 3));
  CHECK(b.minutes_lost == Approx(1600));
  CHECK(b.outbound_restored - m.start == Duration::seconds(130));
  CHECK(b.inbound_restored - m.start == Duration::seconds(7200));
  const RunReport report = summarize_log(report_log(r));
  REQUIRE(report.incidents.size() == 1);
  const IncidentReport& inc = report.incidents[0];
  CHECK(inc.pstn_minutes_lost == Approx(1600));  // the incident's total counts its branches
  CHECK(inc.pstn_outbound_rto_s == Approx(130));
  CHECK(inc.pstn_inbound_rto_s == Approx(7200));
  REQUIRE(inc.branches.size() == 1);
  CHECK(inc.branches[0].pstn_minutes_lost == Approx(1600));
  CHECK(inc.branches[0].pstn_inbound_rto_s == Approx(7200));
  CHECK(run_report_text(report).find("533 PSTN calls refused or cut off (1,600 minutes)") !=
        std::string::npos);
}

TEST_CASE("voice rules: branch sizes, appliances and WAN links are validated",
          "[voice][validate][branch]") {
  scenario::Scenario s = load_story("voice-branch");
  REQUIRE(valid(s));
  auto message_of = [](const scenario::Scenario& x) {
    for (const Finding& f : validate_scenario(x))
      if (f.severity == Severity::kError) return f.message;
    return std::string();
  };
  scenario::Scenario small = s;
  small.mutable_branches(0)->mutable_appliances(0)->set_users(20);
  CHECK(message_of(small).find("an SBA serves 25 to 1000 users") != std::string::npos);
  scenario::Scenario three = s;
  for (int i = 2; i <= 3; ++i) {
    auto* a = three.mutable_branches(0)->add_appliances();
    a->set_fqdn("sba" + std::to_string(i) + ".contoso.com");
    a->set_kind(scenario::SBA);
    a->set_users(100);
  }
  CHECK(message_of(three).find("at most 2 appliances") != std::string::npos);
  scenario::Scenario sbs = s;
  sbs.mutable_branches(0)->mutable_appliances(0)->set_kind(scenario::SBS);
  sbs.mutable_branches(0)->mutable_appliances(0)->set_users(1500);
  CHECK(message_of(sbs).find("an SBS needs the branch's PSTN gateway") != std::string::npos);
  scenario::Scenario link = s;
  link.mutable_branches(0)->set_wan_link("wan");
  CHECK(message_of(link).find("joins the branch site 'br1' and the backup pool's site 'dc1'") !=
        std::string::npos);
}

TEST_CASE(
    "voice rules: branch appliances fail at random by their class, and their users move each time",
    "[voice][branch]") {
  scenario::Scenario s = load_story("voice-branch");
  s.clear_faults();
  s.set_horizon_s(60 * 86400);
  auto* m = s.mutable_stochastic()->mutable_branch_appliance();
  m->mutable_time_to_failure()->mutable_exponential()->set_mean_s(10 * 86400);
  m->mutable_time_to_repair()->set_fixed_s(7200);
  REQUIRE(valid(s));
  const RunResult r = run_story(s);
  REQUIRE_FALSE(r.metrics.incidents.empty());
  int failovers = 0, failbacks = 0;
  for (const auto& rec : r.log.records()) {
    failovers += rec.kind() == "registrar.failover" && rec.subject() == "sba1.contoso.com" ? 1 : 0;
    failbacks += rec.kind() == "registrar.failback" && rec.subject() == "sba1.contoso.com" ? 1 : 0;
  }
  for (const IncidentMetrics& i : r.metrics.incidents) {
    CHECK(i.disruption == "branch");
    // Two hours of repair: signed out for the 120 s detection, then full on pool1.
    if (i.end != Instant::never()) CHECK(i.total == Duration::seconds(120));
  }
  CHECK(failovers == static_cast<int>(r.metrics.incidents.size()));
  CHECK(failbacks >= failovers - 1);  // the last may still be pending at the horizon
}
