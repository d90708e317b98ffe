// Determinism (same seed, same bytes) and the layering rule that sim/ stays free of UI,
// wall clocks and unseeded randomness.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "log/log_file.h"
#include "io/scenario_file.h"
#include "sim/simulate.h"

using namespace drsim;

namespace {
std::string source(const std::string& rel) { return std::string(DRSIM_SOURCE_DIR) + "/" + rel; }

std::string drlog_bytes(const LoadedScenario& s, uint64_t seed) {
  RunOptions o;
  o.seed = seed;
  const RunResult r = simulate(s.scenario, o);
  log::Header h;
  h.set_seed(seed);
  h.set_scenario_sha256(s.sha256);
  return encode_drlog(h, r.log.records());
}
}  // namespace

TEST_CASE("determinism: the same seed gives a byte-identical event log", "[determinism]") {
  const LoadedScenario s = load_scenario(source("scenarios/default.pb.txt"));
  const std::string a = drlog_bytes(s, 77);
  const std::string b = drlog_bytes(s, 77);
  CHECK(a.size() > 100);
  CHECK(a == b);
  // The admin's delays are random: another seed moves the runbook.
  CHECK(drlog_bytes(s, 78) != a);
}

TEST_CASE("event log: a .drlog round-trips and the text timeline has one line per record", "[log]") {
  const LoadedScenario s = load_scenario(source("scenarios/default.pb.txt"));
  RunOptions o;
  const RunResult r = simulate(s.scenario, o);
  log::Header h;
  h.set_seed(o.seed);
  h.set_scenario_name(s.scenario.name());
  h.set_horizon_us(Duration::seconds(s.scenario.horizon_s()).us());  // a log without one is refused
  const std::string bytes = encode_drlog(h, r.log.records());
  const LogFile back = decode_drlog("mem.drlog", bytes);
  CHECK(back.header.scenario_name() == "default");
  REQUIRE(back.records.size() == r.log.size());
  for (size_t i = 0; i < back.records.size(); ++i) {
    CHECK(back.records[i].SerializeAsString() == r.log.records()[i].SerializeAsString());
  }
  const std::string text = format_timeline(back.records);
  CHECK(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) == back.records.size());
  CHECK_THROWS_AS(decode_drlog("x.drlog", "not a log"), InputError);
  CHECK_THROWS_AS(decode_drlog("x.drlog", bytes.substr(0, bytes.size() - 3)), InputError);
}

TEST_CASE("layering: sim/ includes no UI header, wall clock or unseeded randomness", "[layering]") {
  const std::regex banned(
      R"(#include\s*[<"](imgui|GLFW|GL/|implot|CLI/|google/protobuf/util/json)|std::random_device|random_device|[^a-z_]rand\(|system_clock|steady_clock|high_resolution_clock|time\(nullptr\)|\bgetenv\b|fopen|ifstream|ofstream)");
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(source("sim"))) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    INFO(e.path().string());
    CHECK_FALSE(std::regex_search(ss.str(), banned));
    ++files;
  }
  CHECK(files > 5);
}
