// Robustness at the edges: outputs that fail part-way leave the previous file intact, an
// unwritable output path is a clear error, and a scenario whose failures come every second
// stops at the event-log cap quickly and in bounded memory.
#include <signal.h>
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "cli_util.h"
#include "io/errors.h"
#include "io/files.h"
#include "log/log_file.h"
#include "sim/simulate.h"
#include "story_util.h"

using namespace drsim;
using drsim::testing::scratch_dir;
namespace fs = std::filesystem;

namespace {

// The names in `dir`, so a test can see that no temp file was left behind.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

const std::string kPrevious = "the previous report, which must survive\n";

}  // namespace

TEST_CASE("atomic write: a producer that throws part-way leaves the previous file and no temp file",
          "[files]") {
  const fs::path dir = scratch_dir("atomic-throw");
  const std::string path = (dir / "report.json").string();
  write_file_atomically(path, kPrevious);
  int pieces = 0;
  CHECK_THROWS_WITH(write_file_atomically(path,
                                          [&](const ByteSink& sink) {
                                            for (; pieces < 100; ++pieces) {
                                              sink(std::string(4096, 'x'));
                                              if (pieces == 50)
                                                throw std::runtime_error("producer failed");
                                            }
                                          }),
                    "producer failed");
  CHECK(pieces == 50);  // it did write part of the file before failing
  CHECK(read_file(path, 1 << 20) == kPrevious);
  CHECK(listing(dir) == std::vector<std::string>{"report.json"});
  // And a producer that completes replaces the file.
  write_file_atomically(path, [](const ByteSink& sink) {
    sink("new ");
    sink("content");
  });
  CHECK(read_file(path, 1 << 20) == "new content");
  CHECK(listing(dir) == std::vector<std::string>{"report.json"});
  fs::remove_all(dir);
}

TEST_CASE("atomic write: a write that fails part-way (file-size limit) leaves the previous file",
          "[files]") {
  // RLIMIT_FSIZE makes the kernel refuse bytes past 64 KiB with EFBIG, like a full disk, even
  // for root. The limit is this test process's own and is restored before the checks.
  const fs::path dir = scratch_dir("atomic-efbig");
  const std::string path = (dir / "big.drlog").string();
  write_file_atomically(path, kPrevious);
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
  void (*saved_handler)(int) = signal(SIGXFSZ, SIG_IGN);  // EFBIG instead of a signal
  rlimit small = saved;
  small.rlim_cur = 64 * 1024;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  std::string error;
  try {
    write_file_atomically(path, std::string(1 << 20, 'y'));
  } catch (const OutputError& e) {
    error = e.what();
  }
  REQUIRE(setrlimit(RLIMIT_FSIZE, &saved) == 0);
  signal(SIGXFSZ, saved_handler);
  CHECK(error == "cannot write " + path + ": File too large");
  CHECK(read_file(path, 1 << 20) == kPrevious);
  CHECK(listing(dir) == std::vector<std::string>{"big.drlog"});
  fs::remove_all(dir);
}

TEST_CASE("atomic write: unwritable paths are an OutputError naming the path, nothing left behind",
          "[files]") {
  const fs::path dir = scratch_dir("atomic-unwritable");
  const std::string file = (dir / "plain").string();
  write_file_atomically(file, kPrevious);
  // A path under a regular file: refused even for root.
  CHECK_THROWS_WITH(write_file_atomically(file + "/x.json", "{}"),
                    "cannot write " + file + "/x.json: Not a directory");
  CHECK_THROWS_WITH(make_directories(file + "/sub"),
                    Catch::Matchers::StartsWith("cannot create directory " + file + "/sub: "));
  // A directory in the way: refused before a temp file is made.
  fs::create_directories(dir / "taken");
  CHECK_THROWS_WITH(write_file_atomically((dir / "taken").string(), "{}"),
                    "cannot write " + (dir / "taken").string() + ": Is a directory");
  CHECK(listing(dir) == std::vector<std::string>{"plain", "taken"});
  CHECK(read_file(file, 1 << 20) == kPrevious);
  fs::remove_all(dir);
}

TEST_CASE("event log file: the streamed .drlog has exactly the bytes of encode_drlog",
          "[files][log]") {
  const scenario::Scenario s = drsim::testing::load_story("site-loss-runbook");
  const RunResult r = drsim::testing::run_story(s);
  REQUIRE(r.log.size() > 10);
  log::Header h;
  h.set_seed(s.seed());
  const fs::path dir = scratch_dir("drlog-stream");
  const std::string path = (dir / "run.drlog").string();
  write_drlog(path, h, r.log.records());
  CHECK(read_file(path, kMaxLogBytes) == encode_drlog(h, r.log.records()));
  fs::remove_all(dir);
}

TEST_CASE("drsim run: an unwritable output path is a clear error and exit 1", "[cli][files]") {
  const fs::path dir = scratch_dir("cli-unwritable");
  const std::string file = (dir / "plain").string();
  write_file_atomically(file, kPrevious);
  const std::string scenario = drsim::testing::source_path("scenarios/fe-crash.pb.txt");
  {
    // --out below a regular file (test_cli.cpp covers /proc).
    const auto o = drsim::testing::run_cli("run -q '" + scenario + "' --out '" + file + "/out'");
    INFO(o.text);
    CHECK(o.code == 1);
    CHECK(o.text.find("drsim: cannot create directory " + file + "/out: ") != std::string::npos);
  }
  {
    // --json onto a directory: refused before the run, so no event log is written either.
    const auto o =
        drsim::testing::run_cli("run -q '" + scenario + "' --out '" + (dir / "out").string() +
                                "' --json '" + dir.string() + "'");
    INFO(o.text);
    CHECK(o.code == 1);
    CHECK(o.text.find("drsim: cannot write " + dir.string() + ": Is a directory") !=
          std::string::npos);
    CHECK(listing(dir / "out").empty());
  }
  CHECK(read_file(file, 1 << 20) == kPrevious);
  fs::remove_all(dir);
}

TEST_CASE("limits: a full event log stops the run, and sweeps keep no log and run on", "[limits]") {
  scenario::Scenario s = drsim::testing::flapping_front_ends(1, 1, 3600);
  s.set_max_log_records(500);
  RunOptions o;
  o.seed = 3;
  const RunResult logged = simulate(s, o);
  CHECK(logged.stop == StopReason::kLogFull);
  CHECK(logged.log.size() == 500);
  CHECK(logged.end < Instant::origin() + Duration::seconds(3600));
  // The same run without a log (a sweep replication) reaches the horizon.
  o.keep_log = false;
  const RunResult quiet = simulate(s, o);
  CHECK(quiet.stop == StopReason::kHorizon);
  CHECK(quiet.events_run > logged.events_run);
}

TEST_CASE("limits: failures every second for 100 years stop at max_log_records, fast and bounded",
          "[limits][cli]") {
  const std::string scenario = drsim::testing::source_path("tests/data/fast-failures-100y.pb.txt");
  const fs::path dir = scratch_dir("cli-log-cap");
  const auto t0 = std::chrono::steady_clock::now();
  const auto o = drsim::testing::run_cli("run -q '" + scenario + "' --out '" + dir.string() + "'");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(o.text);
  CHECK(o.code == 2);
  CHECK(
      o.text.find(scenario +
                  ": error: max_log_records: the run wrote more than 1000000 event-log records") !=
      std::string::npos);
  CHECK(listing(dir).empty());  // nothing written for a run that did not finish
  // Peak memory of the drsim child (ctest runs each test case in a process of its own, so
  // no other child counts). Without the cap this scenario grew past 20 GB.
  rusage usage{};
  REQUIRE(getrusage(RUSAGE_CHILDREN, &usage) == 0);
  const double peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  WARN("drsim run stopped at the log cap after " << seconds << " s, peak RSS " << peak_mb << " MB");
  CHECK(peak_mb < 2048);
  CHECK(seconds < 300);  // seconds in a release build; a minute or so under the sanitizers
  fs::remove_all(dir);
}
