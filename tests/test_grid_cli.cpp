// `drsim sweep --grid` at its limits: the number of points is capped up front, rows are
// written as each point finishes, and Ctrl-C (or a SIGTERM) keeps the rows that finished.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "cli_util.h"
#include "io/files.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;
namespace fs = std::filesystem;

namespace {

const std::string kTenYears = source_path("scenarios/mc-two-site-10y.pb.txt");

std::string values(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? "," : "") + std::to_string(30 + i);
  return out;
}

size_t lines(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST_CASE("grid: more than 10,000 points is an input error before any sweep",
          "[grid][cli][limits]") {
  // Two grids of 1,000 values (a million points) grew to 2.2 GB in a minute, writing nothing.
  const auto t0 = std::chrono::steady_clock::now();
  const CliOutput o =
      run_cli("sweep " + kTenYears + " -n 1 --grid backup_service.sync_interval_s=" + values(101) +
              " --grid admin.failback_after_s=" + values(100));
  INFO(o.text);
  CHECK(o.code == 2);
  CHECK(o.text ==
        "--grid: error: more than 10000 points (101 x 100 values): each point is a full sweep; "
        "sweep fewer values\n");
  // A list of 20,000 values is refused as it is split, not kept.
  const CliOutput long_list = run_cli(
      "sweep " + kTenYears + " -n 1 --grid backup_service.sync_interval_s=" + values(20000));
  CHECK(long_list.code == 2);
  CHECK(long_list.text.find("more than 10000 points (10001 values)") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30));
  // A bad value of any point fails before the first point runs.
  const CliOutput bad =
      run_cli("sweep " + kTenYears + " -n 1 --grid backup_service.sync_interval_s=30,soon");
  CHECK(bad.code == 2);
  CHECK(bad.text.find("--set backup_service.sync_interval_s=soon") != std::string::npos);
  CHECK(bad.text.find("grid point") == std::string::npos);
}

TEST_CASE("grid: an interrupted grid keeps the rows of the points that finished", "[grid][cli]") {
  const fs::path dir = scratch_dir("grid-interrupt");
  const std::string csv = (dir / "grid.csv").string(), err = (dir / "stderr.txt").string();
  for (const int sig : {SIGINT, SIGTERM}) {
    INFO("signal " << sig);
    write_file_atomically(csv, "the previous grid\n");
    fs::remove(err);
    std::string cmd = std::string("exec ").append(DRSIM_BINARY);
    cmd += " sweep " + kTenYears + " -n 40 -j 1 --grid backup_service.sync_interval_s=" +
           values(200) + " --csv " + csv + " 2> " + err;
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // Wait for two points to finish, then interrupt.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    std::string text;
    while (std::chrono::steady_clock::now() < deadline) {
      text = fs::exists(err) ? read_file(err, 1 << 20) : "";
      if (lines(text) >= 2) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(text.find("grid point") != std::string::npos);
    // Nothing replaced while the grid runs: the rows go to the temp file.
    CHECK(read_file(csv, 1 << 20) == "the previous grid\n");
    REQUIRE(kill(pid, sig) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);  // interrupted
    const std::string rows = read_file(csv, 1 << 20);
    const std::string log = read_file(err, 1 << 20);
    INFO(log);
    CHECK(log.find("interrupted: the grid holds the points that finished") != std::string::npos);
    // The header, then one row per point reported (the one running when the signal came
    // ends early, with the replications it finished).
    size_t points = 0;
    for (size_t at = log.find("grid point"); at != std::string::npos;
         at = log.find("grid point", at + 1))
      ++points;
    CHECK(points >= 2);
    CHECK(lines(rows) == points + 1);
    CHECK(rows.rfind("backup_service.sync_interval_s,replications_count,", 0) == 0);
    CHECK(lines(rows) < 201);
  }
  fs::remove_all(dir);
}

TEST_CASE(
    "grid: every figure the sweep computed, or the columns asked for, in the CSV and in words",
    "[grid][cli]") {
  const CliOutput all =
      run_cli("sweep " + kTenYears + " -n 8 --grid admin.decide_delay.lognormal.median_s=300,900");
  INFO(all.text);
  REQUIRE(all.code == 0);
  // Every RTO stage, every category's RPO and every policy share is a column.
  for (const char* column :
       {"rto_detect_mean_s", "rto_decide_p95_s", "rpo_lis_max_s", "rpo_cms_p99_s",
        "policy_site_rto_met_fraction", "policy_link_rpo_met_fraction"})
    CHECK(all.text.find(column) != std::string::npos);
  // Each point in words, human units, never a bare 0 for a figure the sweep did not measure.
  CHECK(all.text.find("grid point admin.decide_delay.lognormal.median_s=900:\n") !=
        std::string::npos);
  CHECK(all.text.find("  RTO decide mean: ") != std::string::npos);
  CHECK(all.text.find("  site RTO target met: ") != std::string::npos);
  CHECK(all.text.find("pool RTO target met") == std::string::npos);  // no pool incident: left out
  CHECK(all.text.find("e-0") == std::string::npos);
  // The columns asked for, in that order; a pool-target share with no incident is an empty cell.
  const CliOutput some = run_cli("sweep " + kTenYears +
                                 " -n 8 -q --grid admin.decide_delay.lognormal.median_s=300 "
                                 "--columns rto_decide_mean_s,policy_pool_rto_met_fraction");
  REQUIRE(some.code == 0);
  CHECK(some.text.rfind("admin.decide_delay.lognormal.median_s,rto_decide_mean_s,policy_pool_rto_"
                        "met_fraction\n300,",
                        0) == 0);
  CHECK(some.text.back() == '\n');
  CHECK(some.text.substr(some.text.size() - 2) == ",\n");
  CHECK(some.text.find("grid point") == std::string::npos);  // -q
  const CliOutput bad =
      run_cli("sweep " + kTenYears +
              " -n 8 --grid admin.decide_delay.lognormal.median_s=300 --columns rto_totl");
  CHECK(bad.code == 2);
  CHECK(bad.text.find(
            "--columns: error: 'rto_totl' is not a grid column; one of: replications_count") == 0);
  CHECK(run_cli("sweep " + kTenYears + " -n 8 --columns rto_total_mean_s").code ==
        2);  // only with --grid
}

TEST_CASE("sweep -q: nothing printed, the files written", "[sweep][cli]") {
  const fs::path dir = scratch_dir("sweep-quiet");
  const CliOutput q =
      run_cli("sweep " + kTenYears + " -n 4 -q --json " + (dir / "s.json").string());
  CHECK(q.code == 0);
  CHECK(q.text.empty());
  CHECK(fs::file_size(dir / "s.json") > 1000);
}
