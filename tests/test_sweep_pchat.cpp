// Sweeps and Persistent Chat (issue 17): the share of incidents that lost chat, the time to
// restore chat (the planned failback apart), the messages lost per failover, chat users'
// hours without chat per year and chat's availability, accumulated like every other sweep
// figure, carried through the JSON, and "Persistent Chat not modelled" in words for a
// scenario without a Persistent Chat pool.
//
// scenarios/pchat-site-loss.pb.txt (its header derives the figures): one incident a day;
// chat restored after 5,550 s; the failback stops it 2,100 s more; 4,500 messages lost;
// 9,000 users x 7,650 s = 68,850,000 user-seconds = 19,125 user-hours in one measured day,
// 19,125 x 365 = 6,980,625 a year; availability 1 - 7,650 / 86,400 = 0.911458333...
#include <catch2/catch.hpp>

#include <algorithm>

#include "analysis/report_format.h"
#include "analysis/sweep.h"
#include "analysis/sweep_digest.h"
#include "analysis/sweep_page.h"
#include "analysis/sweep_pchat.h"
#include "analysis/sweep_report.h"
#include "experiments/sweep_run.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

SweepResult sweep(const scenario::Scenario& s, uint64_t replications, int threads) {
  SweepOptions o;
  o.replications = replications;
  o.threads = threads;
  o.seed = 7;
  return run_sweep(s, o);
}

}  // namespace

TEST_CASE(
    "sweep persistent chat: the site-loss story gives its restore time, messages lost, "
    "user-hours and availability, the same for any thread count and read back from the JSON",
    "[sweep][pchat]") {
  const scenario::Scenario s = load_story("pchat-site-loss");
  const SweepResult one = sweep(s, 2, 1);
  const SweepResult two = sweep(s, 2, 2);
  CHECK(one.acc.serialize() == two.acc.serialize());
  const SweepAccumulator& a = one.acc;
  REQUIRE(a.pchat_modelled);
  CHECK(a.pchat_impact.n == 2);
  CHECK(a.pchat_impact.k == 2);
  REQUIRE(a.pchat_restore_s.n() == 2);
  // The failback's outage 8.5 hours later does not stretch the restore time.
  CHECK(a.pchat_restore_s.mean() == Approx(5550));
  CHECK(a.pchat_restore_s.max() == Approx(5550));
  CHECK(a.pchat_unrestored_incidents == 0);
  REQUIRE(a.pchat_messages_lost.n() == 2);
  CHECK(a.pchat_messages_lost.mean() == Approx(4500));
  CHECK(a.pchat_user_hours_lost_per_year.mean() == Approx(6980625).epsilon(1e-9));
  CHECK(a.pchat_availability.mean() == Approx(1 - 7650.0 / 86400).epsilon(1e-9));
  // A serialised accumulator (what MPI sends) restores every chat figure.
  SweepAccumulator back(s);
  back.deserialize(a.serialize());
  CHECK(back.pchat_impact.k == a.pchat_impact.k);
  CHECK(back.pchat_restore_s.mean() == a.pchat_restore_s.mean());
  CHECK(back.pchat_messages_lost.mean() == a.pchat_messages_lost.mean());

  const SweepDigest d = digest_sweep(s, a, {}, {});
  CHECK(read_sweep_json(sweep_json(d), "sweep.json") == d);
  const std::string text = sweep_text(d);
  CHECK_THAT(text, Catch::Contains("Persistent Chat: chat lost in 2 of 2 incidents"));
  CHECK_THAT(text, Catch::Contains("time to restore chat: mean 1h 32m 30s"));
  CHECK_THAT(text, Catch::Contains("messages lost in 2 failovers to the log-shipping secondary: "
                                   "mean 4,500"));
  CHECK_THAT(text, Catch::Contains("6,980,625 chat user-hours without chat per year"));
  const Table t = sweep_pchat_table(d);
  REQUIRE(t.rows.size() == 5);
  CHECK(t.rows[0][0].text == "Incidents losing chat");
  CHECK(t.rows[1][0].text == "Time to restore chat");
  CHECK(t.rows[1][2].text == human_s(5550));
  CHECK(t.rows[2][0].text == "Chat messages lost per failover");
  CHECK(t.rows[2][2].text == "4,500");
  CHECK(t.rows[4][2].text == "91.145833 %");
  const std::string page = sweep_markdown(d, {});
  CHECK_THAT(page, Catch::Contains("## Persistent Chat"));
  CHECK_THAT(page, Catch::Contains("Time to restore chat"));
}

TEST_CASE(
    "sweep persistent chat: a scenario without a Persistent Chat pool says not modelled, never 0",
    "[sweep][pchat]") {
  const scenario::Scenario s = load_story("fe-crash");
  const SweepResult r = sweep(s, 2, 1);
  CHECK_FALSE(r.acc.pchat_modelled);
  CHECK(r.acc.pchat_impact.n == 0);
  const SweepDigest d = digest_sweep(s, r.acc, {}, {});
  CHECK_THAT(sweep_text(d), Catch::Contains("Persistent Chat not modelled"));
  const std::string json = sweep_json(d);
  std::string flat = json;
  flat.erase(std::remove_if(flat.begin(), flat.end(), [](char c) { return c == ' ' || c == '\n'; }),
             flat.end());
  CHECK_THAT(flat, Catch::Contains("\"persistent_chat\":{\"modelled\":false}"));
  CHECK(read_sweep_json(json, "sweep.json") == d);
  CHECK(sweep_pchat_table(d).rows.empty());
  CHECK_THAT(sweep_markdown(d, {}), Catch::Contains("Persistent Chat not modelled"));
}
