// The sweep view's rare-event estimate (drsim sweep --rare --json): beside plain Monte Carlo
// and the Markov chain where one exists, read back from its JSON, and a broken file named at
// its key.
#include <catch2/catch.hpp>
#include <filesystem>

#include "analysis/rare_report.h"
#include "io/errors.h"
#include "io/files.h"
#include "viz/core/rare_view.h"
#include "viz/core/sweep_session.h"
#include "viz/core/sweep_view.h"

#include "viz_test_sessions.h"

using namespace drsim;
using namespace drsim::viz;

namespace {
// A rare-event estimate as `drsim sweep --rare --json` writes it: importance sampling on one
// pool (the chain's value inside for unavailability, outside for the loss rate) and
// splitting on another, which has no chain and saw nothing in plain Monte Carlo.
RareReport rare_report() {
  RareReport r;
  r.scenario = "rare-pool5";
  r.scenario_sha256 = "abc";
  r.seed = 21;
  r.method = "importance-sampling";
  r.reason = "the scenario's Front End failures and repairs are exponential and independent";
  r.bias = 0.5;
  r.cycles_per_replication = 1000;
  RarePoolEstimate p;
  p.pool = "pool1.contoso.com";
  p.servers = 5;
  p.required = 3;
  p.seeds = 5;
  p.first_start = 4;
  p.failure_model = "MTBF 5000 h, mean repair 8.00 h per server, exponential";
  p.replications = 50;
  p.reached_precision = true;
  p.samples = 50000;
  p.hits = 20000;
  p.effective_sample_size = 9000;
  p.max_share = 0.001;
  p.plain_samples = 50000;
  p.plain_hits = 2;
  RareFigure unavailability{1.012e-7, 1.5e-9, true}, plain{1.3e-7, 1.8e-7, true};
  p.quantities.push_back(
      {"unavailability", "unavailability", unavailability, 1.015e-7, true, plain});
  RareFigure rate{1.329e-4, 1e-6, true}, unseen;
  p.quantities.push_back(
      {"losses_per_year", "quorum losses per year", rate, 1.35e-4, true, unseen});
  p.quantities.push_back(
      {"downtime_s_per_year", "expected downtime per year", rate, std::nullopt, false, unseen});
  r.pools.push_back(p);
  return r;
}
}  // namespace

TEST_CASE(
    "sweep view: a rare-event estimate shows beside plain Monte Carlo and the chain, read back "
    "from its JSON",
    "[viz][sweep][rare]") {
  const RareReport written = rare_report();
  const std::string text = rare_json(written);
  CHECK(is_rare_json(text));
  CHECK_FALSE(is_sweep_json(text));
  const RareReport r = read_rare_json(text, "rare.json");
  REQUIRE(r.pools.size() == 1);
  CHECK(r.method == "importance-sampling");
  CHECK(r.seed == 21);
  // A 64-bit seed survives the reading (protobuf's doubles keep 53 bits).
  RareReport big = written;
  big.seed = 18446744073709551557ULL;
  CHECK(read_rare_json(rare_json(big), "rare.json").seed == 18446744073709551557ULL);
  const std::vector<RareRow> rows = rare_rows(r);
  REQUIRE(rows.size() == 3);
  // In the text's order, whatever order the JSON parser keeps its keys in.
  CHECK(rows[0].quantity == "quorum losses per year");
  CHECK(rows[1].quantity == "expected downtime per year");
  CHECK(rows[2].quantity == "unavailability");
  // 1.012e-7 +- 1.5e-9 holds the chain's 1.015e-7; 1.329e-4 +- 1e-6 misses 1.35e-4.
  CHECK(rows[2].estimate == "1.012e-07 (95 % CI 9.97e-08 .. 1.027e-07)");
  CHECK(rows[2].relative == "1.482 %");
  CHECK(rows[2].verdict == MarkovVerdict::kInside);
  CHECK(rows[2].markov == "1.015e-07 (inside the interval)");
  CHECK(rows[2].markov_color == palette::kMarkovInside);
  CHECK(rows[2].plain == "1.3e-07 (95 % CI 0 .. 3.1e-07)");
  CHECK(rows[0].verdict == MarkovVerdict::kOutside);
  CHECK(rows[0].markov_color == palette::kMarkovOutside);
  CHECK(rows[0].plain == "0 events observed; no interval");
  CHECK(rows[1].verdict == MarkovVerdict::kNoChain);
  CHECK(rows[1].markov == "none for this failure model");
  CHECK(rows[1].plain == "not reported");
  CHECK(rare_method_line(r) ==
        "pool unavailable (Windows Fabric quorum lost): importance sampling with balanced failure "
        "biasing, chosen because the scenario's Front End failures and repairs are exponential "
        "and independent");
  CHECK(rare_pool_note(r.pools[0]).find("20000 of 50000 samples lost quorum") != std::string::npos);
  // The Back End event: its own label for the rate, and the servers' sentence in the note.
  RareReport be = written;
  be.event = "backend-unavailable";
  be.pools[0].subject = "ALWAYSON_AVAILABILITY_GROUP: sqla (primary), sqlb (mirror/replica)";
  const RareReport be_read = read_rare_json(rare_json(be), "rare.json");
  CHECK(rare_rows(be_read)[0].quantity == "Back End losses per year");
  CHECK(rare_method_line(be_read).rfind("Back End unavailable: importance sampling", 0) == 0);
  CHECK(rare_pool_note(be_read.pools[0]) ==
        "pool1.contoso.com: ALWAYSON_AVAILABILITY_GROUP: sqla (primary), sqlb (mirror/replica); "
        "50 replications, 20000 of 50000 samples reached the event; plain Monte Carlo 2 of 50000; "
        "reached the requested relative half-width");
  // The Back End by splitting: P(within a year), and in place of the chain's value the words.
  RareReport split = be;
  split.method = "splitting";
  split.reason = "stochastic.back_end_server is not exponential";
  split.effort = 1000;
  RareQuantity p;
  p.key = "p_loss_within_year";
  p.label = "P(Back End unavailable within a year)";
  p.estimate = {9.9e-6, 9.6e-7, true};
  split.pools[0].quantities = {p};
  split.pools[0].effective_sample_size.reset();
  split.pools[0].max_share.reset();
  split.pools[0].p_loss_per_year_poisson.reset();
  const std::vector<RareRow> split_rows = rare_rows(read_rare_json(rare_json(split), "rare.json"));
  REQUIRE(split_rows.size() == 1);
  CHECK(split_rows[0].quantity == "P(Back End unavailable within a year)");
  CHECK(split_rows[0].verdict == MarkovVerdict::kNoChain);
  CHECK(split_rows[0].markov ==
        "none: no chain for non-exponential laws, windows or P(within a year)");
}

TEST_CASE("sweep session: a rare-event JSON opens in the sweep view; a broken one names the key",
          "[viz][sweep][rare]") {
  const std::string dir = (std::filesystem::temp_directory_path() / "drsim-viz-rare-open").string();
  std::filesystem::create_directories(dir);
  const std::string json = dir + "/rare.json";
  write_file_atomically(json, rare_json(rare_report()));
  const SweepSession s = SweepSession::open(json, "");
  REQUIRE(s.has_rare());
  CHECK(s.rare().pools.size() == 1);
  CHECK(s.title().find("rare-pool5: rare event pool-unavailable, seed 21") == 0);
  CHECK_FALSE(s.has_scenario());
  CHECK(s.scenario_note() == "a rare-event estimate: no replication to replay");
  // A figure of the wrong type is refused at its line and column, with the key's path.
  std::string broken = rare_json(rare_report());
  const size_t at = broken.find("\"hits\": 20000");
  REQUIRE(at != std::string::npos);
  broken.replace(at, 13, "\"hits\": \"many\"");
  write_file_atomically(json, broken);
  try {
    (void)SweepSession::open(json, "");
    FAIL("a rare JSON with a string for hits opened");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    INFO(e.diagnostics()[0].format());
    CHECK(e.diagnostics()[0].field == "pools[0].hits");
    CHECK(e.diagnostics()[0].message == "expected a number, got a string");
    CHECK(e.diagnostics()[0].line > 1);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE(
    "sweep view: a policy target missed shows its triggered runs and a probability's end at 1",
    "[viz][sweep][rare]") {
  RareReport written = rare_report();
  written.event = "rto-target-missed";
  RarePoolEstimate& p = written.pools[0];
  p.triggered_runs = 100;
  p.triggered_judged = 100;
  p.triggered_misses = 97;
  p.quantities.clear();
  p.quantities.push_back({"p_miss_given_loss", "", RareFigure{0.97, 0.0411, true, true},
                          std::nullopt, false, RareFigure{}});
  written.misses_per_year_all_pools = {1.2e-4, 1e-5, true};
  const RareReport r = read_rare_json(rare_json(written), "rare.json");
  REQUIRE(r.pools.size() == 1);
  CHECK(r.pools[0].triggered_misses == 97);
  CHECK(r.misses_per_year_all_pools.value == Approx(1.2e-4));
  const std::vector<RareRow> rows = rare_rows(r);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].quantity == "P(RTO target missed | a quorum loss)");
  // 0.97 + 0.0411 would pass 1: a probability's interval ends there.
  CHECK(rows[0].estimate == "0.97 (95 % CI 0.9289 .. 1)");
  CHECK_THAT(rare_pool_note(r.pools[0]),
             Catch::Contains("100 triggered engine runs, 100 judged, 97 missed"));
}
