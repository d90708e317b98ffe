// drsim sensitivity and drsim advise from the command line: what they print, the files they
// write, and the bad input they refuse (exit code 2, naming the option) before any sweep.
#include <catch2/catch.hpp>
#include <filesystem>

#include "cli_util.h"
#include "io/files.h"

using drsim::testing::run_cli;
using drsim::testing::scratch_dir;

namespace {

std::string ten_year() {
  return std::string(DRSIM_SOURCE_DIR).append("/scenarios/mc-two-site-10y.pb.txt");
}

// One year instead of ten, so that every sweep of a test takes milliseconds.
const char* kOneYear = " --set horizon_s=31536000";

}  // namespace

TEST_CASE("sensitivity cli: --list names what is varied and what is not, with the reason",
          "[sensitivity][cli]") {
  const auto out = run_cli("sensitivity " + ten_year() + " --list");
  CHECK(out.code == 0);
  CHECK(out.text.find("backup_service.sync_interval_s: 30 s .. 600 s; 120 s") != std::string::npos);
  CHECK(out.text.find("stochastic.trunk.time_to_failure: not set in the scenario") !=
        std::string::npos);
  // With PSTN gateways, the voice path's assumptions are varied too.
  const auto voice = run_cli(
      "sensitivity " +
      std::string(DRSIM_SOURCE_DIR).append("/scenarios/voice-gateway-failure.pb.txt") + " --list");
  CHECK(voice.code == 0);
  CHECK(voice.text.find("parameters.trunk_down_detection_s: 60 s .. 900 s; 300 s") !=
        std::string::npos);
  CHECK(out.text.find("parameters.trunk_down_detection_s: the scenario has no PSTN gateway") !=
        std::string::npos);
}

TEST_CASE("sensitivity cli: a bad or refused range is an input error before any sweep",
          "[sensitivity][cli]") {
  const auto unknown = run_cli("sensitivity " + ten_year() + " --range no.such=1,2 -n 2");
  CHECK(unknown.code == 2);
  CHECK(unknown.text.find("--range no.such=1,2") != std::string::npos);
  // SyncInterval is 5 s to 3 h: a range the user gives below it names the rule.
  const auto refused =
      run_cli("sensitivity " + ten_year() + " --range backup_service.sync_interval_s=1,10 -n 2");
  CHECK(refused.code == 2);
  CHECK(refused.text.find("sync_interval_s") != std::string::npos);
}

TEST_CASE("sensitivity cli: a run writes its JSON, CSV and report with a tornado chart",
          "[sensitivity][cli]") {
  const auto dir = scratch_dir("sensitivity-cli");
  const auto out = run_cli("sensitivity " + ten_year() + kOneYear + " -n 4 -j 2 -q --json " +
                           (dir / "s.json").string() + " --csv " + (dir / "s.csv").string() +
                           " --report " + (dir / "report").string());
  INFO(out.text);
  CHECK(out.code == 0);
  CHECK(std::filesystem::exists(dir / "s.json"));
  CHECK(std::filesystem::exists(dir / "s.csv"));
  CHECK(std::filesystem::exists(dir / "report" / "sensitivity.html"));
  CHECK(std::filesystem::exists(dir / "report" / "sensitivity.md"));
  CHECK(std::filesystem::exists(dir / "report" / "tornado-incidents_per_year_mean_count.svg"));
}

TEST_CASE("advise cli: --list shows the candidates; a run writes the changed scenarios",
          "[advise][cli]") {
  const auto list = run_cli("advise " + ten_year() + " --list");
  CHECK(list.code == 0);
  CHECK(list.text.find("sync-interval: Shorten the Backup Service's SyncInterval to 30 s") !=
        std::string::npos);
  const auto bad_cost = run_cli("advise " + ten_year() + " --cost nothing=3 -n 2");
  CHECK(bad_cost.code == 2);
  CHECK(bad_cost.text.find("--cost nothing=3") != std::string::npos);
  const auto dir = scratch_dir("advise-cli");
  const auto out =
      run_cli("advise " + ten_year() + kOneYear + " -n 4 -j 2 --cost sync-interval=0 --report " +
              (dir / "report").string() + " --json " + (dir / "a.json").string());
  INFO(out.text);
  CHECK(out.code == 0);
  CHECK(out.text.find("changes, best first:") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "a.json"));
  CHECK(std::filesystem::exists(dir / "report" / "advice.html"));
  CHECK(std::filesystem::exists(dir / "report" / "advice.md"));
  // The Front End added to pool1 is no --set: its scenario is written, and it loads.
  REQUIRE(std::filesystem::exists(dir / "report" / "whatif-1.pb.txt"));
  const auto check = run_cli("validate " + (dir / "report" / "whatif-1.pb.txt").string());
  CHECK(check.code == 0);
}

TEST_CASE(
    "sweep --advise: the advice of the same run beside the sweep's outputs, as advise "
    "gives it",
    "[advise][cli]") {
  const auto dir = scratch_dir("sweep-advise-cli");
  const std::string one = ten_year() + kOneYear + " -n 4 -j 2 --seed 5";
  const auto swept = run_cli("sweep " + one + " --advise --availability-target 0.999 --report " +
                             (dir / "report").string() + " --advise-json " +
                             (dir / "a.json").string() + " --json " + (dir / "s.json").string());
  INFO(swept.text);
  CHECK(swept.code == 0);
  CHECK(swept.text.find("targets per pool") != std::string::npos);
  CHECK(swept.text.find("changes, best first:") != std::string::npos);
  for (const char* f : {"sweep.html", "sweep_pool_targets.csv", "advice.html", "advice.csv"})
    CHECK(std::filesystem::exists(dir / "report" / f));
  // The sweep page's summary carries the advice (here: that no change makes a target pass).
  CHECK(drsim::read_file((dir / "report" / "sweep.md").string(), 1 << 24)
            .find("## Recommendations\n\nNo change advise tried makes a failing policy target "
                  "pass") != std::string::npos);
  // Its base is the sweep just run, not run again: the same bytes as advise's own.
  const auto advised = run_cli("advise " + one + " -q --json " + (dir / "b.json").string());
  CHECK(advised.code == 0);
  CHECK(drsim::read_file((dir / "a.json").string(), 1 << 24) ==
        drsim::read_file((dir / "b.json").string(), 1 << 24));
  const auto grid = run_cli("sweep " + one + " --advise --grid horizon_s=31536000,63072000");
  CHECK(grid.code == 2);
  CHECK(grid.text.find("--advise: error: not with --grid") != std::string::npos);
  const auto alone = run_cli("sweep " + one + " --advise-json " + (dir / "c.json").string());
  CHECK(alone.code == 2);
  CHECK(alone.text.find("only with --advise") != std::string::npos);
}
