// The drsim program end to end: exit codes, what it prints, what it writes.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli_util.h"
#include "io/files.h"

namespace {
std::string source(const std::string& rel) {
  return std::string(DRSIM_SOURCE_DIR).append("/").append(rel);
}

using Output = drsim::testing::CliOutput;
Output run_drsim(const std::string& args) { return drsim::testing::run_cli(args); }

std::string temp_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("drsim-test-" + name);
  std::filesystem::remove_all(dir);
  return dir.string();
}
}  // namespace

TEST_CASE("cli: run prints the seed first, the timeline and a summary, and writes the log",
          "[cli]") {
  const std::string out = temp_dir("run");
  const Output o =
      run_drsim("run " + source("scenarios/default.pb.txt") + " --seed 5 --out " + out);
  CHECK(o.code == 0);
  CHECK(o.text.rfind("drsim ", 0) == 0);
  CHECK(o.text.find("seed 5") < o.text.find('\n'));
  CHECK(o.text.find("component.down") != std::string::npos);
  CHECK(o.text.find("RTO ") != std::string::npos);
  CHECK(o.text.find("RPO user_data") != std::string::npos);
  CHECK(std::filesystem::file_size(out + "/default.drlog") > 100);
  CHECK(std::filesystem::exists(out + "/default.timeline.txt"));
}

TEST_CASE("cli: an invalid scenario exits 2 with file:line:col and the rule", "[cli]") {
  const std::string dir = temp_dir("bad");
  std::filesystem::create_directories(dir);
  const std::string bad = dir + "/bad.pb.txt";
  drsim::write_file_atomically(bad, "name: \"x\"\nproduct_version: SFB_2015\nhorizon_s: -5\n");
  const Output o = run_drsim("validate " + bad);
  CHECK(o.code == 2);
  CHECK(o.text.find(bad + ":3:1: error: horizon_s: must be at least 1 (got -5)") !=
        std::string::npos);
  CHECK(run_drsim("run " + bad + " --out " + dir).code == 2);
  CHECK_FALSE(std::filesystem::exists(dir + "/bad.drlog"));
}

TEST_CASE("cli: validate accepts a good scenario; unknown options and commands exit 2", "[cli]") {
  CHECK(run_drsim("validate " + source("scenarios/default.pb.txt")).code == 0);
  CHECK(run_drsim("run " + source("scenarios/default.pb.txt") + " --no-such-option").code == 2);
  CHECK(run_drsim("frobnicate").code == 2);
  CHECK(run_drsim("").code == 2);
}

TEST_CASE("cli: --help and --version exit 0", "[cli]") {
  const Output v = run_drsim("--version");
  CHECK(v.code == 0);
  CHECK(v.text.find("drsim 0.") != std::string::npos);
  const Output h = run_drsim("--help");
  CHECK(h.code == 0);
  CHECK(h.text.find("run") != std::string::npos);
}

TEST_CASE("cli: an unwritable output directory is a clear error with exit code 1", "[cli]") {
  const Output o =
      run_drsim("run " + source("scenarios/default.pb.txt") + " -q --out /proc/drsim-no");
  CHECK(o.code == 1);
  CHECK(o.text.find("cannot create directory /proc/drsim-no") != std::string::npos);
}
