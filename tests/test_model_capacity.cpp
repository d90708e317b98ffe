// Capacity of the surviving pool (issue 14; sfb-hadr 1.8): a pool carrying more concurrently
// active users than its running Front Ends hold (6,660 each) is in a capacity breach, logged
// from when to when and by how many users, and measured on the incident. Numbers derived by
// hand in each test.
#include <catch2/catch.hpp>

#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {
const log::Record* first(const RunResult& r, const std::string& kind) {
  for (const auto& rec : r.log.records())
    if (rec.kind() == kind) return &rec;
  return nullptr;
}

// site-loss-runbook with pool2 cut to `front_ends` servers.
scenario::Scenario site_loss_with_pool2_of(int front_ends) {
  scenario::Scenario s = load_story("site-loss-runbook");
  auto* fes = s.mutable_pools(1)->mutable_front_ends();
  while (fes->size() > front_ends) fes->RemoveLast();
  return s;
}

int64_t resiliency_groups_at_end(const RunResult& r, const std::string& pool) {
  std::map<std::string, std::string> level;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "service.level" && rec.subject().rfind(pool + "/", 0) == 0)
      level[rec.subject()] = rec::text(rec, "level");
  int64_t n = 0;
  for (const auto& [group, l] : level) n += l == "resiliency" ? 1 : 0;
  return n;
}
}  // namespace

TEST_CASE("capacity: the documents' example, 30,000 users on 5 Front Ends losing one, is a breach",
          "[model][capacity]") {
  // sfb-hadr 1.8 (D-CAP15): one of 5 lost, the 4 survivors hold 7,500 users each, above the
  // 6,660 recommended: 30,000 against 4 x 6,660 = 26,640, 3,360 users over, for the 2 h
  // fe1 is down (10:00-12:00).
  scenario::Scenario s = load_story("fe-crash");
  s.mutable_pools(0)->set_users(30000);
  s.mutable_pools(0)->set_active_users(30000);
  const RunResult r = run_story(s);
  const log::Record* breach = first(r, "capacity.breach");
  REQUIRE(breach != nullptr);
  CHECK(breach->time_us() == 36000LL * 1000000);
  CHECK(rec::number(*breach, "active_users") == 30000);
  CHECK(rec::number(*breach, "capacity") == 26640);
  CHECK(rec::number(*breach, "excess") == 3360);
  const log::Record* restored = first(r, "capacity.restored");
  REQUIRE(restored != nullptr);
  CHECK(rec::number(*restored, "breach_s") == Approx(7200));
  REQUIRE(r.metrics.incidents.size() == 1);
  CHECK(r.metrics.incidents[0].over_capacity == Duration::seconds(7200));
  CHECK(r.metrics.incidents[0].over_capacity_users_max == 3360);
  // With 6 Front Ends (the documents' fix) the survivors hold 5 x 6,660 = 33,300: no breach.
  s.mutable_pools(0)->add_front_ends()->set_fqdn("fe6.pool1.contoso.com");
  CHECK(count_records(run_story(s), "capacity.breach") == 0);
}

TEST_CASE(
    "capacity: a backup pool too small for both pools' users breaches from the registrar failover "
    "on",
    "[model][capacity]") {
  // The bundled story's 7-server pool2 holds 46,620 active users: both pools' 32,000 fit.
  CHECK(count_records(run_story(load_story("site-loss-runbook")), "capacity.breach") == 0);
  // With 4 servers pool2 holds 26,640. pool1's 16,000 active users register on it at 10:05
  // (voice only) and stay through the failover: 32,000 carried, 5,360 over, from 10:05 to
  // the end of the day (no failback): 86,400 - 36,300 = 50,100 s.
  const RunResult r = run_story(site_loss_with_pool2_of(4));
  const log::Record* breach = first(r, "capacity.breach");
  REQUIRE(breach != nullptr);
  CHECK(breach->subject() == "pool2.contoso.com");
  CHECK(breach->time_us() == 36300LL * 1000000);
  CHECK(rec::number(*breach, "excess") == 5360);
  REQUIRE(r.metrics.incidents.size() == 1);
  CHECK(r.metrics.incidents[0].over_capacity == Duration::seconds(50100));
  CHECK(r.metrics.incidents[0].over_capacity_users_max == 5360);
  // The default keeps everyone's service: the breach is reported, not enforced.
  CHECK(resiliency_groups_at_end(r, "pool1.contoso.com") == 0);
}

TEST_CASE("capacity: over_capacity RESILIENCY drops the groups above capacity to resiliency mode",
          "[model][capacity]") {
  // pool2 carries its own 16,000 active users first, then pool1's groups of 1,000 active
  // each: the 11th takes it to 27,000 > 26,640, so pool1's groups 10 to 15 (6 of 16) stay in
  // resiliency mode after the failover.
  scenario::Scenario s = site_loss_with_pool2_of(4);
  s.mutable_parameters()->set_over_capacity(scenario::RESILIENCY);
  const RunResult r = run_story(s);
  CHECK(resiliency_groups_at_end(r, "pool1.contoso.com") == 6);
  CHECK(resiliency_groups_at_end(r, "pool2.contoso.com") == 0);
  CHECK(r.metrics.incidents[0].restored == Instant::never());
}

TEST_CASE(
    "capacity: validation warns when a paired pool homes more users than the paired design allows",
    "[model][capacity]") {
  scenario::Scenario s = load_story("site-loss-runbook");
  s.mutable_pools(0)->set_users(45000);
  s.mutable_pools(0)->set_active_users(30000);
  bool warned = false;
  for (const Finding& f : validate_scenario(s))
    warned |= f.message.find("paired design homes at most 40000") != std::string::npos;
  CHECK(warned);
}
