// Multilevel splitting of a pool's Back End and of both pools of a pair
// (experiments/rare_split_systems.h over experiments/rare_split_system.h): the distance to the
// event that sets the levels, unbiasedness against plain Monte Carlo of the same process on
// scaled-up rates where plain Monte Carlo is cheap (exponential laws forced through splitting,
// a short horizon, and Weibull wear-out), the same figures for any thread count, and the
// command line's choice of method, refusals and outputs.
//
// Distances by hand, from every server running (sfb-hadr 3.2-3.5 as back_end_down_after_failover
// has them): a failover cluster instance of two nodes and shared storage is down with the
// storage alone (1); mirroring with a witness needs both partners, or one partner and the
// witness, down (2); an availability group of four replicas and a file-share witness has five
// votes and needs three (three down: 3); a pair of 3-server pools (2 of 3 seeds must run) needs
// two Front Ends down in each pool (2 + 2 = 4).
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/rare_report.h"
#include "cli_util.h"
#include "experiments/rare_split_systems.h"
#include "experiments/rare_systems.h"
#include "io/files.h"
#include "story_util.h"
#include "test_scale.h"

using namespace drsim;
using namespace drsim::testing;

namespace {
scenario::Distribution exponential_h(double mean_h) {
  scenario::Distribution d;
  d.mutable_exponential()->set_mean_s(mean_h * 3600);
  return d;
}

scenario::Distribution weibull_h(double shape, double scale_h) {
  scenario::Distribution d;
  d.mutable_weibull()->set_shape(shape);
  d.mutable_weibull()->set_scale_s(scale_h * 3600);
  return d;
}

void set_laws(scenario::Stochastic::FailureModel* fm, const scenario::Distribution& fail,
              const scenario::Distribution& repair) {
  *fm->mutable_time_to_failure() = fail;
  *fm->mutable_time_to_repair() = repair;
}

SplitResult split(const SplitSystem& sys, uint64_t seed, uint64_t replications, uint64_t effort,
                  int threads) {
  SplitOptions o;
  o.replications = replications;
  o.effort = effort;
  o.threads = threads;
  o.seed = seed;
  return run_split_system(sys, o);
}

// Splitting against plain Monte Carlo of the same process from as many trajectories as it
// started plus `extra_plain`: the two agree within their combined 99.7 % interval (three
// standard errors), and the splitting saw the event.
void check_against_plain(const SplitSystem& sys, uint64_t seed, uint64_t replications,
                         uint64_t effort, uint64_t plain_trajectories) {
  const SplitResult r = split(sys, seed, replications, effort, 2);
  const uint64_t n = plain_trajectories;
  const double p =
      static_cast<double>(run_split_system_plain(sys, seed + 1000, n, 2)) / static_cast<double>(n);
  const double se_plain = std::sqrt(p * (1 - p) / static_cast<double>(n));
  const double se_split = r.ci95() / 1.959963984540054;
  INFO(sys.name << ": splitting " << r.mean() << " +- " << r.ci95() << ", plain " << p << " +- "
                << 1.96 * se_plain << " from " << n);
  REQUIRE(r.mean() > 0);
  REQUIRE(p > 0);
  CHECK(std::fabs(r.mean() - p) <= 3 * std::hypot(se_split, se_plain));
}
}  // namespace

TEST_CASE("rare split systems: the levels are the fewest further failures that reach the event",
          "[rare][rare-split-systems]") {
  scenario::Scenario s = load_story("rare-backend-weibull");
  scenario::Pool* fci = s.add_pools();
  fci->set_fqdn("pool3.contoso.com");
  fci->set_site("dc1");
  fci->add_front_ends()->set_fqdn("fe1.pool3.contoso.com");
  auto* be = fci->mutable_back_end();
  be->set_ha_mode(scenario::ALWAYSON_FAILOVER_CLUSTER_INSTANCE);
  for (const auto& [fqdn, role] :
       {std::pair{"sql3a", scenario::PRIMARY}, std::pair{"sql3b", scenario::MIRROR},
        std::pair{"fsw3", scenario::FILE_SHARE_WITNESS},
        std::pair{"san3", scenario::SHARED_STORAGE}}) {
    auto* srv = be->add_servers();
    srv->set_fqdn(fqdn);
    srv->set_site("dc1");
    srv->set_role(role);
  }
  set_laws(s.mutable_stochastic()->mutable_shared_storage(), weibull_h(1.5, 50000),
           exponential_h(12));
  const std::vector<SplitSystemCase> cases = split_back_end_cases(s, "backend-unavailable");
  REQUIRE(cases.size() == 3);
  CHECK(split_start_distance(cases[0].system) == 2);  // mirroring with a witness
  CHECK(split_start_distance(cases[1].system) == 3);  // 4 replicas + file-share witness
  CHECK(split_start_distance(cases[2].system) == 1);  // FCI: the shared storage alone
  CHECK(cases[0].system.windows.size() == 1);         // sql1b's patching
  CHECK(cases[0].system.name == "backend.pool1.contoso.com");
  // The mirror in its window and the witness failed: down; the witness alone: one to go.
  CHECK(split_distance(cases[0].system, 0b001, 0) == 0);
  CHECK(split_distance(cases[0].system, 0b011, 0) == 1);
  CHECK(split_distance(cases[0].system, 0b111, 0) == 2);

  const std::vector<SplitSystemCase> pair =
      split_pair_cases(load_story("rare-pair-weibull"), "pair-unavailable");
  REQUIRE(pair.size() == 1);
  CHECK(pair[0].system.name == "pair.pool1.contoso.com+pool2.contoso.com");
  CHECK(split_start_distance(pair[0].system) == 4);
  CHECK(pair[0].system.parts[0].first_start == 3);
  CHECK(pair[0].system.windows.size() == 1);
  // pool1 stopped (kept stopped by its hysteresis with two of three running): pool2's two.
  CHECK(split_distance(pair[0].system, 0b111011, 0b01) == 2);
  scenario::Scenario never = load_story("rare-pair-weibull");
  never.mutable_parameters()->set_stopped_pool_restarts_automatically(false);
  CHECK(split_pair_cases(never, "x")[0].system.parts[1].first_start == 4);
}

TEST_CASE(
    "rare split systems: with exponential laws forced through splitting the Back End and the "
    "pair agree with plain Monte Carlo over a short horizon",
    "[rare][rare-split-systems]") {
  // Scaled up so that plain Monte Carlo sees the event often in 30 days: SQL servers fail
  // every 300 h, witnesses every 600 h, repairs 8 h and 24 h; Front Ends every 150 h, 8 h.
  scenario::Scenario be = load_story("rare-backend");
  set_laws(be.mutable_stochastic()->mutable_back_end_server(), exponential_h(300),
           exponential_h(8));
  set_laws(be.mutable_stochastic()->mutable_witness(), exponential_h(600), exponential_h(24));
  for (SplitSystemCase& c : split_back_end_cases(be, "backend-unavailable")) {
    c.system.horizon = Duration::days(30);
    check_against_plain(c.system, 3, stat_size<uint64_t>(200), 200, stat_size<uint64_t>(60'000));
  }
  scenario::Scenario pair = load_story("rare-pair5");
  set_laws(pair.mutable_stochastic()->mutable_front_end(), exponential_h(60), exponential_h(8));
  SplitSystemCase c = split_pair_cases(pair, "pair-unavailable")[0];
  c.system.horizon = Duration::days(30);
  check_against_plain(c.system, 4, stat_size<uint64_t>(200), 200, stat_size<uint64_t>(40'000));
}

TEST_CASE(
    "rare split systems: a Weibull Back End and a Weibull pair agree with plain Monte Carlo on "
    "scaled-up rates",
    "[rare][rare-split-systems]") {
  // The bundled Weibull scenarios with their failures 20 (pair: 25) times as frequent; the
  // mirror's patching window and the hysteresis stay.
  scenario::Scenario be = load_story("rare-backend-weibull");
  set_laws(be.mutable_stochastic()->mutable_back_end_server(), weibull_h(1.5, 554),
           be.stochastic().back_end_server().time_to_repair());
  set_laws(be.mutable_stochastic()->mutable_witness(), weibull_h(1.5, 1108),
           be.stochastic().witness().time_to_repair());
  for (SplitSystemCase& c : split_back_end_cases(be, "backend-unavailable")) {
    c.system.horizon = Duration::days(60);
    check_against_plain(c.system, 5, stat_size<uint64_t>(200), 200, stat_size<uint64_t>(60'000));
  }
  scenario::Scenario pair = load_story("rare-pair-weibull");
  set_laws(pair.mutable_stochastic()->mutable_front_end(), weibull_h(1.5, 222),
           pair.stochastic().front_end().time_to_repair());
  SplitSystemCase c = split_pair_cases(pair, "pair-unavailable")[0];
  c.system.horizon = Duration::days(60);
  check_against_plain(c.system, 6, stat_size<uint64_t>(200), 200, stat_size<uint64_t>(40'000));
}

TEST_CASE(
    "rare split systems: a failover cluster instance whose storage alone fails is lost at its "
    "first failure, 1 - exp(-T / MTBF)",
    "[rare][rare-split-systems]") {
  // Only the shared storage has a failure model (mean 1,000 h): the instance is down exactly
  // from the storage's first failure, so over 30 days P = 1 - exp(-720 / 1000) = 0.5132.
  scenario::Scenario s = load_story("rare-backend");
  s.mutable_stochastic()->clear_back_end_server();
  s.mutable_stochastic()->clear_witness();
  set_laws(s.mutable_stochastic()->mutable_shared_storage(), exponential_h(1000),
           exponential_h(12));
  auto* be = s.mutable_pools(0)->mutable_back_end();
  be->set_ha_mode(scenario::ALWAYSON_FAILOVER_CLUSTER_INSTANCE);
  auto* san = be->add_servers();
  san->set_fqdn("san1.contoso.com");
  san->set_site("dc1");
  san->set_role(scenario::SHARED_STORAGE);
  std::vector<SplitSystemCase> cases = split_back_end_cases(s, "backend-unavailable");
  REQUIRE(cases.size() == 1);  // pool2's mirrored Back End never fails: not estimated
  cases[0].system.horizon = Duration::days(30);
  const SplitResult r = split(cases[0].system, 11, stat_size<uint64_t>(40), 200, 2);
  const double exact = 1 - std::exp(-720.0 / 1000.0);
  INFO(r.mean() << " +- " << r.ci95() << " against " << exact);
  CHECK(r.stage_hits.size() == 1);
  CHECK(std::fabs(r.mean() - exact) <= 1.5 * r.ci95());
}

TEST_CASE("rare split systems: the figures are the same for any thread count",
          "[rare][rare-split-systems]") {
  const SplitSystemCase c =
      split_back_end_cases(load_story("rare-backend-weibull"), "backend-unavailable")[1];
  const SplitResult one = split(c.system, 8, 9, 100, 1);
  for (const int threads : {2, 3}) {
    const SplitResult many = split(c.system, 8, 9, 100, threads);
    CHECK(many.sum == one.sum);
    CHECK(many.sum_sq == one.sum_sq);
    CHECK(many.stage_hits == one.stage_hits);
    CHECK(run_split_system_plain(c.system, 8, 5000, threads) ==
          run_split_system_plain(c.system, 8, 5000, 1));
  }
  CHECK(split(c.system, 9, 9, 100, 1).stage_hits != one.stage_hits);  // the seed matters
}

TEST_CASE(
    "rare split systems: the command line splits non-exponential Back Ends and pairs, accepts "
    "--rare-method splitting and refuses importance sampling naming the rule",
    "[rare][rare-split-systems][cli]") {
  const std::string dir = scratch_dir("rare-split-systems").string();
  const std::string be_args = source_path("scenarios/rare-backend-weibull.pb.txt")
                                  .insert(0, "sweep ")
                                  .append(" --rare backend-unavailable -n 4 --rare-effort 200");
  const CliOutput one = run_cli(std::string(be_args)
                                    .append(" -j 1 --json ")
                                    .append(dir)
                                    .append("/be1.json --report ")
                                    .append(dir));
  const CliOutput two =
      run_cli(std::string(be_args).append(" -j 2 --json ").append(dir).append("/be2.json"));
  INFO(one.text);
  REQUIRE(one.code == 0);
  CHECK(two.code == 0);
  CHECK(one.text.find("method: fixed-effort multilevel splitting of the first Back End loss") !=
        std::string::npos);
  CHECK(one.text.find("not a rate") != std::string::npos);
  CHECK(one.text.find("Markov chain: none: no chain for non-exponential laws") !=
        std::string::npos);
  const std::string json1 = read_file(dir + "/be1.json", 1 << 20);
  CHECK(json1 == read_file(dir + "/be2.json", 1 << 20));  // same seed, any -j: same bytes
  const RareReport read = read_rare_json(json1, "be1.json");
  CHECK(read.event == "backend-unavailable");
  CHECK(read.method == "splitting");
  REQUIRE(read.pools.size() == 2);
  REQUIRE(read.pools[0].quantities.size() == 1);
  CHECK(read.pools[0].quantities[0].key == "p_loss_within_year");
  CHECK(read.pools[0].quantities[0].label == "P(Back End unavailable within a year)");
  CHECK(!read.pools[0].quantities[0].markov.has_value());
  const std::string page = read_file(dir + "/rare.md", 1 << 20);
  CHECK(page.find("fewest further server failures") != std::string::npos);
  CHECK(page.find("none: no chain for non-exponential laws") != std::string::npos);

  const CliOutput importance = run_cli(std::string(be_args).append(" --rare-method importance"));
  CHECK(importance.code != 0);
  CHECK(importance.text.find("stochastic.back_end_server is not exponential") != std::string::npos);
  CHECK(importance.text.find("--rare-method splitting covers") != std::string::npos);

  const CliOutput pair = run_cli(
      source_path("scenarios/rare-pair5.pb.txt")
          .insert(0, "sweep ")
          .append(" --rare pair-unavailable --rare-method splitting -n 2 --rare-effort 50"));
  INFO(pair.text);
  CHECK(pair.code == 0);
  CHECK(pair.text.find("chosen because --rare-method splitting asked for it") != std::string::npos);
  CHECK(pair.text.find("P(both pools down at once within a year)") != std::string::npos);
}
