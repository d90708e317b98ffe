// The sweep, grid and compare commands end to end, and --set overrides.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli_util.h"
#include "experiments/compare_run.h"
#include "experiments/sweep_run.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/overrides.h"
#include "story_util.h"
#include "test_scale.h"

using namespace drsim;
using namespace drsim::testing;

namespace {
using Output = drsim::testing::CliOutput;

std::string tmp(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("drsim-sweep-" + name)).string();
}
}  // namespace

TEST_CASE("overrides: --set reaches nested, indexed and named fields", "[overrides]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  apply_override(s, "backup_service.sync_interval_s=30");
  apply_override(s, "pools[pool2.contoso.com].users=12345");
  apply_override(s, "pools[0].back_end.ha_mode=NONE");
  apply_override(s, "admin.decide_delay.fixed_s=60");
  apply_override(s, "parameters.voice_automatic_failover=false");
  CHECK(s.backup_service().sync_interval_s() == 30);
  CHECK(s.pools(1).users() == 12345);
  CHECK(s.pools(0).back_end().ha_mode() == scenario::NONE);
  CHECK(s.admin().decide_delay().fixed_s() == 60);
  CHECK_FALSE(s.parameters().voice_automatic_failover());
}

TEST_CASE("overrides: bad paths and values are input errors naming the override", "[overrides]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  for (const char* bad : {"nosuch=1", "pools.users=1", "pools[9].users=1", "pools[0].users=abc",
                          "pools[0].back_end.ha_mode=RAID5", "backup_service=1", "horizon_s",
                          "parameters.voice_automatic_failover=maybe", "pools[nosuch].users=1"}) {
    INFO(bad);
    try {
      apply_override(s, bad);
      FAIL("accepted " << bad);
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).find(std::string("--set ") + bad) != std::string::npos);
    }
  }
  // A value of the right type that breaks a rule is caught by validation afterwards.
  apply_override(s, "backup_service.sync_interval_s=2");
  CHECK_THROWS_AS(validate_overridden(s, "x.pb.txt"), InputError);
}

TEST_CASE("overrides: an index past the int range is an error, not a wrap round to element 0",
          "[overrides]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  const int64_t users = s.pools(0).users();
  for (const char* bad :
       {"pools[4294967296].users=7", "pools[-4294967296].users=7", "pools[-1].users=7",
        "pools[99999999999999999999].users=7", "pools[2].users=7"}) {
    INFO(bad);
    try {
      apply_override(s, bad);
      FAIL("accepted " << bad);
    } catch (const InputError& e) {
      const std::string what = e.what();
      CHECK(what.find(std::string("--set ") + bad) != std::string::npos);
      CHECK(what.find("index out of range: the list has 2 elements") != std::string::npos);
    }
    CHECK(s.pools(0).users() == users);
  }
  apply_override(s, "pools[1].users=7");
  CHECK(s.pools(1).users() == 7);
}

TEST_CASE("overrides: a value that breaks a rule is caught by validation afterwards",
          "[overrides]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  apply_override(s, "backup_service.sync_interval_s=2");
  CHECK_THROWS_AS(validate_overridden(s, "x.pb.txt"), InputError);
}

TEST_CASE("cli sweep: report, JSON identical for 1 and 2 threads, replay hint", "[sweep][cli]") {
  const std::string sc = source_path("scenarios/mc-two-site-10y.pb.txt");
  const Output one = run_cli("sweep " + sc + " -n 12 -j 1 --json " + tmp("1.json"));
  const Output two = run_cli("sweep " + sc + " -n 12 -j 2 --json " + tmp("2.json"));
  REQUIRE(one.code == 0);
  REQUIRE(two.code == 0);
  CHECK(one.text.find("12 replications of 10.00 years") != std::string::npos);
  CHECK(one.text.find("RTO total") != std::string::npos);
  CHECK(one.text.find("site      RTO <= 30m 00s") != std::string::npos);
  CHECK(read_file(tmp("1.json"), 1 << 24) == read_file(tmp("2.json"), 1 << 24));
  CHECK(read_file(tmp("1.json"), 1 << 24).find("\"max_replication\"") != std::string::npos);
}

TEST_CASE("cli sweep: --set errors exit 2 with the override named", "[sweep][cli]") {
  const std::string sc = source_path("scenarios/mc-two-site-10y.pb.txt");
  const Output bad = run_cli("sweep " + sc + " -n 2 --set backup_service.sync_interval_s=1");
  CHECK(bad.code == 2);
  CHECK(bad.text.find("(after --set): error: backup_service.sync_interval_s: must be at least 5") !=
        std::string::npos);
  CHECK(run_cli("sweep " + sc + " -n 2 --set nosuch=1").code == 2);
  CHECK(run_cli("sweep " + sc + " -n 2 --ci-halfwidth 0.1 --metric nosuch").code == 2);
}

TEST_CASE("cli sweep: a grid writes one CSV row per point with units in the header",
          "[sweep][cli]") {
  const std::string sc = source_path("scenarios/mc-two-site-10y.pb.txt");
  const Output o = run_cli("sweep " + sc +
                           " -n 4 --grid backup_service.sync_interval_s=30,300 "
                           "--grid admin.failback_after_s=600,7200 --csv " +
                           tmp("grid.csv"));
  REQUIRE(o.code == 0);
  const std::string csv = read_file(tmp("grid.csv"), 1 << 20);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 5);  // header + 2 x 2 points
  const std::string header = csv.substr(0, csv.find('\n'));
  CHECK(header.rfind("backup_service.sync_interval_s,admin.failback_after_s,replications_count,",
                     0) == 0);
  CHECK(header.find("rpo_user_data_p99_s") != std::string::npos);
}

TEST_CASE("cli sweep: --ci-halfwidth stops once the metric is precise enough", "[sweep][cli]") {
  const std::string sc = source_path("scenarios/markov-pool5.pb.txt");
  // A tenth of a year per replication: the first check comes after a batch of 1,000, which
  // under the sanitizers took a minute at a full year.
  // The sanitizer build asks half the precision of a quarter of that horizon (test_scale.h).
  const Output o = run_cli(
      "sweep " + sc + " -n 100000 --ci-halfwidth " + std::to_string(0.01 * kStatWiden) +
      " --metric user_availability --set horizon_s=" + std::to_string(stat_size<int64_t>(3155760)));
  REQUIRE(o.code == 0);
  CHECK(o.text.find("reached the requested precision") != std::string::npos);
  CHECK(o.text.find("100000 replications") == std::string::npos);
}

TEST_CASE("cli compare: a what-if by --whatif-set, paired on the same failures", "[sweep][cli]") {
  const std::string sc = source_path("scenarios/mc-two-site-10y.pb.txt");
  const Output o = run_cli("compare " + sc +
                           " --whatif-set admin.decide_delay.lognormal.median_s=60 -n 20 --json " +
                           tmp("cmp.json"));
  REQUIRE(o.code == 0);
  CHECK(o.text.find("rto_total_mean_s") != std::string::npos);
  // Same failures in both: the incident counts are identical, so their difference is exactly 0.
  CHECK(o.text.find("incidents_per_year_count") != std::string::npos);
  const std::string json = read_file(tmp("cmp.json"), 1 << 20);
  const size_t at = json.find("incidents_per_year_count");
  REQUIRE(at != std::string::npos);
  CHECK(json.find("\"difference_mean\": 0", at) != std::string::npos);
  CHECK(run_cli("compare " + sc + " -n 5").code == 2);  // nothing to compare
  // For people: human units, never scientific notation, and the change in the policy shares.
  CHECK(o.text.find("e-0") == std::string::npos);
  CHECK(o.text.find("e+0") == std::string::npos);
  CHECK(o.text.find(" pp ") !=
        std::string::npos);  // availability's difference, in percentage points
  CHECK(o.text.find("policy targets met (share of the incidents judged") != std::string::npos);
  CHECK(o.text.find("  site      RTO <= 30m 00s   ") != std::string::npos);
  CHECK(json.find("\"policy_rto_met\"") != std::string::npos);
}

TEST_CASE("compare: the policy shares of each side are judged as a sweep judges them",
          "[compare]") {
  // A faster decision in the 10-year scenario: the same site incidents in both (common random
  // numbers), each side's share equal to what a sweep of that side reports.
  scenario::Scenario base = load_story("mc-two-site-10y");
  scenario::Scenario fast = base;
  fast.mutable_admin()->mutable_decide_delay()->mutable_lognormal()->set_median_s(60);
  const CompareResult r = run_compare(base, fast, 7, 12, 2, nullptr, {}, {});
  SweepOptions o;
  o.replications = 12;
  o.threads = 2;
  o.seed = 7;
  const SweepResult sb = run_sweep(base, o), sf = run_sweep(fast, o);
  const size_t site = 3;
  bool found = false;
  for (const PolicyShareChange& c : r.rto_met) {
    if (c.disruption != "site") continue;
    found = true;
    CHECK(c.base.n == sb.acc.rto_met[site].n);
    CHECK(c.base.k == sb.acc.rto_met[site].k);
    CHECK(c.whatif.n == sf.acc.rto_met[site].n);
    CHECK(c.whatif.k == sf.acc.rto_met[site].k);
    CHECK(c.whatif.k > c.base.k);
  }
  CHECK(found);
}
