// Per-pool RPO: each pool is judged by the data its own users lost, not by the incident's.
//
// The unit case: a site incident in which pool1's users lost 600 s of user data (its Backup
// Service direction was that far behind) and pool2's users lost service for a while and no
// data. Against a site RPO target of 300 s the incident misses it (600 > 300); pool1 misses
// it; pool2, which lost nothing, meets it (0 <= 300). A third case: a pool whose data was lost
// while its users kept service is judged on the RPO and not on the RTO.
//
// The story: site-loss-runbook (dc1 lost at 10:00, the admin fails the CMS over at 10:25 and
// pool1 over to pool2 in dc2 at 10:30, with the Backup Service 120 s behind). Every data loss
// is pool1's: its user data, conference content and unreplicated data, and the CMS it hosts;
// each data.loss record names pool1 in its `pool` field, and the incident's per-pool data
// holds pool1 alone, user data with an RPO of 120 s.
#include <catch2/catch.hpp>

#include "analysis/sweep.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

scenario::Scenario two_pools_site_rpo(int64_t rpo_s) {
  scenario::Scenario s = load_story("mc-two-site-10y");
  s.clear_policy();
  s.mutable_policy()->mutable_site()->set_rpo_s(rpo_s);
  s.mutable_policy()->mutable_site()->set_rto_s(3600);
  return s;
}

size_t k(Category c) { return static_cast<size_t>(c); }

}  // namespace

TEST_CASE("pool targets: a pool's RPO is the data its own users lost, not the incident's",
          "[pool_targets][pool_rpo]") {
  const scenario::Scenario s = two_pools_site_rpo(300);
  IncidentMetrics inc;
  inc.disruption = "site";
  inc.start = Instant::origin() + Duration::seconds(1000);
  inc.had_impact = true;
  inc.total = Duration::seconds(900);
  inc.lost[k(Category::kUserData)] = true;
  inc.rpo[k(Category::kUserData)] = Duration::seconds(600);
  PoolOutcome one;
  one.pool = 0;
  one.users_affected = 100;
  one.restored = inc.start + Duration::seconds(900);
  PoolOutcome two = one;
  two.pool = 1;
  inc.pools = {one, two};
  PoolDataOutcome data;
  data.pool = 0;
  data.lost[k(Category::kUserData)] = true;
  data.rpo[k(Category::kUserData)] = Duration::seconds(600);
  inc.pool_data = {data};

  CHECK(*policy_rpo_s(s, inc) == 600);
  CHECK(*pool_policy_rpo_s(s, inc, 0) == 600);
  CHECK_FALSE(pool_policy_rpo_s(s, inc, 1));
  std::vector<Proportion> rto(2), rpo(2);
  std::vector<uint64_t> stranded(2, 0);
  judge_pool_incident(s, inc, &rto, &rpo, &stranded);
  CHECK(rpo[0].n == 1);
  CHECK(rpo[0].k == 0);  // 600 s > 300 s
  CHECK(rpo[1].n == 1);
  CHECK(rpo[1].k == 1);  // lost nothing: met
  std::array<Proportion, kDisruptionCount> incident_rto{}, incident_rpo{};
  judge_incident(s, inc, &incident_rto, &incident_rpo);
  CHECK(incident_rpo[3].n == 1);  // kDisruptions[3] is "site"
  CHECK(incident_rpo[3].k == 0);

  // Data lost while the pool's users kept service: judged on the RPO only.
  inc.pools = {two};
  std::vector<Proportion> rto2(2), rpo2(2);
  std::vector<uint64_t> stranded2(2, 0);
  judge_pool_incident(s, inc, &rto2, &rpo2, &stranded2);
  CHECK(rto2[0].n == 0);
  CHECK(rpo2[0].n == 1);
  CHECK(rpo2[0].k == 0);
  CHECK(rto2[1].n == 1);
}

TEST_CASE("story: every data loss of a site failover names the pool whose users' data it was",
          "[story][data][pool_rpo]") {
  const RunResult r = run_story(load_story("site-loss-runbook"));
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  REQUIRE(m.pool_data.size() == 1);
  const PoolDataOutcome& d = m.pool_data[0];
  CHECK(d.pool == 0);
  CHECK(d.lost[k(Category::kUserData)]);
  CHECK(d.rpo[k(Category::kUserData)] == Duration::seconds(120));
  CHECK(d.lost[k(Category::kCms)]);
  // The pool's data is the incident's here: one pool lost it all.
  for (int c = 0; c < kCategoryCount; ++c) {
    INFO(category_name(static_cast<Category>(c)));
    CHECK(d.lost[static_cast<size_t>(c)] == m.lost[static_cast<size_t>(c)]);
    CHECK(d.rpo[static_cast<size_t>(c)] == m.rpo[static_cast<size_t>(c)]);
  }
  int losses = 0;
  for (const auto& rec : r.log.records()) {
    if (rec.kind() != "data.loss") continue;
    ++losses;
    bool named = false;
    for (const auto& f : rec.fields())
      if (f.key() == "pool") named = f.string_value() == "pool1.contoso.com";
    CHECK(named);
  }
  CHECK(losses >= 5);
}
