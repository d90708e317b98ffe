// `drsim report` and `drsim run --report` end to end: the same files from both paths, exit
// codes for a wrong scenario, a missing log and an unwritable directory.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli_util.h"
#include "io/files.h"

namespace {
std::string source(const std::string& rel) { return std::string(DRSIM_SOURCE_DIR) + "/" + rel; }

using Output = drsim::testing::CliOutput;
Output run_drsim(const std::string& args) { return drsim::testing::run_cli(args); }

std::string fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("drsim-test-report-" + name);
  std::filesystem::remove_all(dir);
  return dir.string();
}

std::string read(const std::string& path) { return drsim::read_file(path, 64u << 20); }
}  // namespace

TEST_CASE("cli report: run --report and report --scenario write the same files", "[cli][report]") {
  const std::string out = fresh_dir("run");
  const Output run = run_drsim("run " + source("scenarios/default.pb.txt") + " -q --out " + out + " --report " + out + "/a");
  REQUIRE(run.code == 0);
  CHECK(run.text.find("wrote " + out + "/a/report.html") != std::string::npos);
  const Output rep = run_drsim("report " + out + "/default.drlog --out " + out + "/b --scenario " +
                           source("scenarios/default.pb.txt"));
  REQUIRE(rep.code == 0);
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(out + "/a")) {
    INFO(e.path().filename().string());
    CHECK(read(e.path().string()) == read(out + "/b/" + e.path().filename().string()));
    ++files;
  }
  CHECK(files >= 9);
  for (const char* name : {"report.html", "report.md", "timeline.svg", "topology.svg", "incidents.csv",
                           "service_levels.csv", "pools.csv", "trace.json"}) {
    CHECK(std::filesystem::exists(out + "/a/" + std::string(name)));
  }
}

TEST_CASE("cli report: without --scenario the topology comes from the log", "[cli][report]") {
  const std::string out = fresh_dir("log-only");
  REQUIRE(run_drsim("run " + source("scenarios/default.pb.txt") + " -q --out " + out).code == 0);
  REQUIRE(run_drsim("report " + out + "/default.drlog --out " + out + "/r").code == 0);
  const std::string html = read(out + "/r/report.html");
  CHECK(html.find("inferred from the event log") != std::string::npos);
  CHECK(html.find("Policy verdicts need the scenario") != std::string::npos);
}

TEST_CASE("cli report: another scenario, a missing log or an unwritable directory is refused", "[cli][report]") {
  const std::string out = fresh_dir("errors");
  REQUIRE(run_drsim("run " + source("scenarios/default.pb.txt") + " -q --out " + out).code == 0);
  const Output wrong = run_drsim("report " + out + "/default.drlog --out " + out + "/r --scenario " +
                             source("tests/data/minimal.pb.txt"));
  CHECK(wrong.code == 2);
  CHECK(wrong.text.find("is not the one") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out + "/r"));
  CHECK(run_drsim("report " + out + "/missing.drlog --out " + out + "/r").code == 2);
  CHECK(run_drsim("report " + out + "/default.drlog").code == 2);  // --out is required
  CHECK(run_drsim("report " + out + "/default.drlog --out /proc/drsim-no").code == 1);
}
