// Determinism (same seed, same bytes) and the layering: sim/ stays free of UI, wall clocks
// and unseeded randomness, each part includes only the parts below it (docs/architecture.md),
// and no modules include each other in a circle.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "io/scenario_file.h"
#include "log/log_file.h"
#include "sim/simulate.h"

using namespace drsim;

namespace {
std::string source(const std::string& rel) {
  return std::string(DRSIM_SOURCE_DIR).append("/").append(rel);
}

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

TEST_CASE("event log: a .drlog round-trips and the text timeline has one line per record",
          "[log]") {
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

namespace {
// The parts of drsim and the parts each may include (docs/architecture.md). A part is a
// directory; the event log's declaration (log/record_*.h, log/states.h) sits below sim/, the
// rest of log/ above it, and sim/'s leaf headers (check, time, limits) are for everyone.
struct Part {
  const char* dir;
  std::vector<std::string> may_include;  // directory prefixes of "..." includes
};
const std::vector<Part>& parts() {
  static const std::vector<Part> kParts = {
      {"sim", {"sim/", "proto/", "drsim/", "log/record_", "log/states.h"}},
      {"io", {"io/", "sim/", "proto/", "drsim/", "log/record_"}},
      {"log",
       {"log/", "io/errors.h", "io/files.h", "sim/check.h", "sim/time.h", "sim/limits.h",
        "proto/"}},
      {"analysis", {"analysis/", "log/", "io/", "sim/", "proto/", "drsim/"}},
      {"experiments", {"experiments/", "analysis/", "log/", "io/", "sim/", "proto/", "drsim/"}},
      {"viz/core",
       {"viz/core/", "experiments/", "analysis/", "log/", "io/", "sim/", "proto/", "drsim/"}},
      {"viz/ui",
       {"viz/", "experiments/", "analysis/", "log/", "io/", "sim/", "proto/", "drsim/",
        "backends/"}},
      {"cli", {"cli/", "experiments/", "analysis/", "log/", "io/", "sim/", "proto/", "drsim/"}},
  };
  return kParts;
}
}  // namespace

TEST_CASE(
    "layering: every part includes only the parts below it, so no arrow points up or sideways",
    "[layering]") {
  const std::regex include(R"re(#include "([^"]+)")re");
  int checked = 0;
  for (const Part& part : parts()) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(source(part.dir))) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
      // The log's declaration is below sim/: it may reach sim/'s leaf headers only.
      const std::string name = e.path().filename().string();
      const bool is_log_declaration =
          std::string(part.dir) == "log" && (name.rfind("record_", 0) == 0 || name == "states.h");
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
        const std::string target = (*it)[1];
        if (target.find('/') == std::string::npos) continue;  // a system or sibling header
        bool allowed = false;
        for (const std::string& prefix : part.may_include) allowed |= target.rfind(prefix, 0) == 0;
        if (is_log_declaration)
          allowed = target.rfind("log/", 0) == 0 || target.rfind("proto/", 0) == 0 ||
                    target == "sim/check.h" || target == "sim/limits.h";
        INFO(e.path().string() << " includes " << target);
        CHECK(allowed);
        ++checked;
      }
    }
  }
  CHECK(checked > 300);
}

TEST_CASE("layering: no two modules include each other, directly or round a circle", "[layering]") {
  // A module is a header and its source (dir/x.h, dir/x.cpp); an arrow per include of another
  // module's header (a private X_impl.h header counts as module X). Depth-first search for a
  // back edge: any cycle fails.
  std::map<std::string, std::set<std::string>> arrows;
  const std::regex include(R"re(#include "([a-z_/]+)\.h")re");
  for (const char* dir : {"sim", "io", "log", "analysis", "experiments", "viz", "cli"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(source(dir))) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
      // A private header X_impl.h belongs to module X (the files that implement X share it).
      auto module_of = [](std::string name) {
        if (name.size() > 5 && name.compare(name.size() - 5, 5, "_impl") == 0)
          name.resize(name.size() - 5);
        return name;
      };
      const std::string rel =
          module_of(std::filesystem::relative(e.path(), source("")).replace_extension().string());
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      auto& out = arrows[rel];
      for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
        const std::string target = (*it)[1];
        if (module_of(target) != rel && std::filesystem::exists(source(target + ".h")))
          out.insert(module_of(target));
      }
    }
  }
  std::map<std::string, int> colour;  // 0 new, 1 on the path, 2 done
  std::vector<std::string> cycles;
  std::function<void(const std::string&, std::vector<std::string>&)> visit =
      [&](const std::string& m, std::vector<std::string>& path) {
        colour[m] = 1;
        path.push_back(m);
        for (const std::string& n : arrows[m]) {
          if (colour[n] == 1) {
            std::string cycle;
            for (auto p = std::find(path.begin(), path.end(), n); p != path.end(); ++p)
              cycle += *p + " -> ";
            cycles.push_back(cycle + n);
          } else if (colour[n] == 0) {
            visit(n, path);
          }
        }
        path.pop_back();
        colour[m] = 2;
      };
  for (const auto& [m, targets] : arrows) {
    std::vector<std::string> path;
    if (colour[m] == 0) visit(m, path);
  }
  std::string found;
  for (const std::string& c : cycles) found += c + "\n";
  INFO(found);
  CHECK(cycles.empty());
  CHECK(arrows.size() > 100);
}
