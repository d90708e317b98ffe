// The sweep statistics behind every percentile in the reports (analysis/stats.h): quantiles
// are read from 2 % buckets, so they must be held inside the exact extremes the accumulator
// keeps, for one value, for many and after a merge.
#include <catch2/catch.hpp>

#include "analysis/stats.h"
#include "analysis/sweep.h"
#include "sim/limits.h"

using namespace drsim;

TEST_CASE("sweep statistics: one value is every percentile of itself", "[sweep][stats]") {
  Stat s;
  s.add(2869.969, 0);  // 47m 49.969s, the default scenario's RTO
  for (double q : {0.01, 0.5, 0.95, 0.99, 1.0}) {
    INFO(q);
    CHECK(s.quantile(q) == s.max());
    CHECK(s.quantile(q) == Approx(2869.969).margin(1e-9));
  }
}

TEST_CASE("sweep statistics: no percentile lies above the maximum or below the minimum",
          "[sweep][stats]") {
  // Values near the top of their 2 % bucket: the bucket's middle is above all of them.
  Stat high;
  for (uint64_t r = 0; r < 200; ++r) high.add(124.595 - static_cast<double>(r % 3) * 0.001, r);
  CHECK(high.quantile(0.99) <= high.max());
  CHECK(high.quantile(0.5) <= high.max());
  CHECK(high.quantile(0.99) == Approx(124.595).margin(1e-9));
  // Values near the bottom of theirs: the middle is below all of them.
  Stat low;
  for (uint64_t r = 0; r < 200; ++r) low.add(1.0 + static_cast<double>(r % 2) * 0.001, r);
  CHECK(low.quantile(0.01) >= low.min());
  CHECK(low.quantile(0.01) == Approx(1.0).margin(1e-9));
}

TEST_CASE("sweep statistics: the clamp survives merging, whatever the split", "[sweep][stats]") {
  Stat a, b, all;
  for (uint64_t r = 0; r < 100; ++r) {
    const double v = 60.0 + static_cast<double>(r) * 0.7;
    (r < 37 ? a : b).add(v, r);
    all.add(v, r);
  }
  a.merge(b);
  for (double q : {0.5, 0.95, 0.99, 1.0}) {
    INFO(q);
    CHECK(a.quantile(q) == all.quantile(q));
    CHECK(a.quantile(q) <= all.max());
    CHECK(a.quantile(q) >= all.min());
  }
  // Empty: zero, not a clamp to the sentinels.
  CHECK(Stat().quantile(0.5) == 0);
}

namespace {
// One site incident of a replication, with what it lost or stranded.
IncidentMetrics site_incident(bool impact) {
  IncidentMetrics inc;
  inc.disruption = "site";
  inc.had_impact = impact;
  inc.total = Duration::seconds(impact ? 2400 : 0);
  return inc;
}
}  // namespace

TEST_CASE("sweep accumulator: figures mean what a planner reads into them", "[sweep][stats]") {
  scenario::Scenario s;
  s.set_horizon_s(kSecondsPerYear);
  s.add_pools()->set_fqdn("p");
  s.mutable_policy()->mutable_site()->set_rto_s(1800);
  s.mutable_policy()->mutable_site()->set_rpo_s(300);
  RunMetrics m;
  m.measured = Duration::seconds(kSecondsPerYear);
  m.pools.resize(1);
  const size_t user = static_cast<size_t>(Category::kUserData),
               park = static_cast<size_t>(Category::kCallPark);
  // 1: hurt users for 40 min, lost 2 min of user data and call park since deployment.
  IncidentMetrics hurt = site_incident(true);
  hurt.lost[user] = true;
  hurt.rpo[user] = Duration::seconds(120);
  hurt.lost[park] = true;
  hurt.rpo[park] = Duration::seconds(36000);  // the time since the run began: not an RPO
  hurt.since_deployment[park] = true;
  // 2: hurt nobody and lost nothing: not judged against the targets.
  IncidentMetrics quiet = site_incident(false);
  // 3: hurt nobody, but stranded 10 min of user data for 8 h in a site that came back.
  IncidentMetrics stranded = site_incident(false);
  stranded.stranded[user] = true;
  stranded.stranded_window[user] = Duration::seconds(600);
  stranded.unreachable[user] = Duration::hours(8);
  m.incidents = {hurt, quiet, stranded};

  SweepAccumulator a(s);
  a.add(m, 0, 1);
  CHECK(a.measured_years == 1);
  CHECK(a.rpo_s[user].n() == 1);
  CHECK(a.rpo_s[park].n() == 0);            // no figure for a category with no backup ...
  CHECK(a.no_backup_incidents[park] == 1);  // ... but the incident is counted, in words
  CHECK(a.stranded_s[user].n() == 1);
  CHECK(a.stranded_s[user].max() == Approx(8 * 3600));
  const size_t site = 3;
  CHECK(a.rto_met[site].n == 1);  // the one incident that hurt users, missed (40 min > 30)
  CHECK(a.rto_met[site].k == 0);
  CHECK(a.rpo_met[site].n == 1);  // stranded data is not lost: only the first is judged
  CHECK(a.rpo_met[site].k == 1);

  // The planner says a lost site does not return: the stranded 10 minutes miss the 5-minute RPO.
  s.mutable_policy()->set_assume_sites_never_return(true);
  SweepAccumulator never(s);
  never.add(m, 0, 1);
  CHECK(never.rpo_met[site].n == 2);
  CHECK(never.rpo_met[site].k == 1);
  // Merging and the MPI form keep the new figures.
  SweepAccumulator copy(s);
  copy.deserialize(never.serialize());
  CHECK(copy.no_backup_incidents[park] == 1);
  CHECK(copy.stranded_s[user].n() == 1);
}
