// Runs cut short by the scenario's own limits (event_budget, max_log_records, max_incidents)
// in every command that runs the simulator: a sweep, a grid, a comparison and the benchmark
// must stop with the input error (exit 2) naming the replication, the command that replays it
// and the limit to raise, never abort, hang or report numbers of a partial run.
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>

#include "test_scale.h"
#include "analysis/compare.h"
#include "analysis/sweep.h"
#include "cli_util.h"
#include "experiments/compare_run.h"
#include "experiments/sweep_run.h"
#include "io/errors.h"
#include "io/files.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

const std::string kTenYears = source_path("scenarios/mc-two-site-10y.pb.txt");

std::string sweep_error(const scenario::Scenario& s, int threads, uint64_t replications = 8) {
  SweepOptions o;
  o.replications = replications;
  o.threads = threads;
  o.seed = s.seed();
  o.replay = {"mc.pb.txt", {"event_budget=100"}};
  try {
    run_sweep(s, o);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("cut short: a sweep replication past its event budget is an input error naming it",
          "[limits][sweep]") {
  scenario::Scenario s = load_story("mc-two-site-10y");
  s.set_event_budget(100);
  const std::string one = sweep_error(s, 1);
  INFO(one);
  CHECK(
      one ==
      "mc.pb.txt: error: event_budget: replication 0 needed more than 100 events before the "
      "horizon; "
      "raise event_budget or shorten horizon_s; replay it alone with: drsim run mc.pb.txt --seed " +
          std::to_string(s.seed()) + " --replication 0 --set event_budget=100");
  // The lowest replication cut short is named, whatever the thread count.
  CHECK(sweep_error(s, 3) == one);
  CHECK(sweep_error(s, 8) == one);
}

TEST_CASE("cut short: a comparison stops on a replication either scenario cuts short",
          "[limits][compare]") {
  const scenario::Scenario base = load_story("mc-two-site-10y");
  scenario::Scenario whatif = base;
  whatif.set_event_budget(100);
  try {
    run_compare(base, whatif, base.seed(), 4, 2, nullptr, {"mc.pb.txt", {}},
                {"mc.pb.txt", {"event_budget=100"}});
    FAIL("a comparison of runs cut short reported numbers");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("replication 0 needed more than 100 events") !=
          std::string::npos);
    CHECK(std::string(e.what()).find("--replication 0 --set event_budget=100") !=
          std::string::npos);
  }
}

TEST_CASE("cut short: drsim sweep, grid, compare and bench exit 2 with the replay command",
          "[limits][cli]") {
  const std::string replay = "drsim run " + kTenYears + " --seed 2026 --replication 0";
  {
    const CliOutput o = run_cli("sweep " + kTenYears + " -n 4 -j 2 --set event_budget=100");
    INFO(o.text);
    CHECK(o.code == 2);
    CHECK(o.text.find(kTenYears +
                      ": error: event_budget: replication 0 needed more than 100 events") !=
          std::string::npos);
    CHECK(o.text.find(replay + " --set event_budget=100\n") != std::string::npos);
  }
  {
    // A grid names the point's values too.
    const CliOutput o = run_cli("sweep " + kTenYears + " -n 2 -j 1 --grid event_budget=100,200");
    INFO(o.text);
    CHECK(o.code == 2);
    CHECK(o.text.find(replay + " --set event_budget=100\n") != std::string::npos);
  }
  {
    // Exit 0 with a downtime from half-finished runs before.
    const CliOutput o =
        run_cli("compare " + kTenYears + " -n 4 -j 1 --set event_budget=100 --whatif-set seed=3");
    INFO(o.text);
    CHECK(o.code == 2);
    CHECK(o.text.find("replication 0 needed more than 100 events") != std::string::npos);
    CHECK(o.text.find("downtime") == std::string::npos);
  }
  {
    const std::string path =
        (std::filesystem::temp_directory_path() / "drsim-cut-short-bench.pb.txt").string();
    write_file_atomically(path, read_file(kTenYears, 1 << 20) + "\nevent_budget: 100\n");
    const CliOutput o = run_cli("bench --events 1000 --scenario " + path + " --replications 10");
    INFO(o.text);
    CHECK(o.code == 2);
    CHECK(o.text.find(path + ": error: event_budget: replication 0") != std::string::npos);
    std::filesystem::remove(path);
  }
}

TEST_CASE("cut short: failures every second stop a sweep at max_incidents, fast and bounded",
          "[limits][cli]") {
  // This sweep aborted after 7 s and 1.8 GB; with a larger budget, 5 GB before it stopped.
  const std::string scenario = source_path("tests/data/fast-failures-100y.pb.txt");
  const auto t0 = std::chrono::steady_clock::now();
  const CliOutput o = run_cli("sweep '" + scenario + "' -n 2 -j 1 --set event_budget=2000000000");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(o.text);
  CHECK(o.code == 2);
  CHECK(o.text.find(scenario +
                    ": error: max_incidents: replication 0 opened more than 100000 incidents") !=
        std::string::npos);
  rusage usage{};
  REQUIRE(getrusage(RUSAGE_CHILDREN, &usage) == 0);
  const double peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  WARN("the sweep stopped at max_incidents after " << seconds << " s, peak RSS " << peak_mb
                                                   << " MB");
  // AddressSanitizer's shadow memory and quarantine about double a process's footprint.
  CHECK(peak_mb < (kStatShrink == 4 ? 1024 : 512));
  CHECK(seconds < 120);
}

TEST_CASE("limits: max_incidents stops a run and names the limit", "[limits]") {
  scenario::Scenario s = flapping_front_ends(60, 30, 36000);
  s.set_max_incidents(50);
  RunOptions o;
  o.keep_log = false;
  const RunResult r = simulate(s, o);
  CHECK(r.stop == StopReason::kIncidentsFull);
  CHECK(r.metrics.incidents.size() == 51);  // one past the limit, then the run stops
  CHECK(r.end < Instant::origin() + Duration::seconds(36000));
  CHECK_THROWS_WITH(
      check_run_within_limits(s, r.stop, "x.pb.txt"),
      "x.pb.txt: error: max_incidents: the run opened more than 50 incidents before the horizon "
      "(failures this frequent fill memory); raise max_incidents or shorten horizon_s");
  s.set_max_incidents(100000);
  CHECK(simulate(s, o).stop == StopReason::kHorizon);
}
