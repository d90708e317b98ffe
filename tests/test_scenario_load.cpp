// Scenario loading and validation: every bundled scenario loads, bad input reports the
// right file:line:col and rule.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "io/errors.h"
#include "io/files.h"
#include "io/scenario_file.h"

using namespace drsim;

namespace {
std::string source(const std::string& rel) {
  return std::string(DRSIM_SOURCE_DIR).append("/").append(rel);
}

// The first error of parsing `text` as `name`.
Diagnostic first_error(const std::string& name, const std::string& text) {
  try {
    parse_scenario(name, text);
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics())
      if (!d.is_warning) return d;
  }
  FAIL("expected an input error for " << name);
  return {};
}

std::string minimal() { return read_file(source("tests/data/minimal.pb.txt"), 1 << 20); }

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  s.replace(at, from.size(), to);
  return s;
}
}  // namespace

TEST_CASE("scenario: every bundled scenario loads and validates", "[scenario]") {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source("scenarios"))) {
    const std::string p = entry.path().string();
    if (entry.path().extension() != ".txt" && entry.path().extension() != ".json") continue;
    INFO(p);
    const LoadedScenario s = load_scenario(p);
    CHECK_FALSE(s.scenario.name().empty());
    CHECK(s.sha256.size() == 64);
    ++count;
  }
  CHECK(count >= 1);
}

TEST_CASE("scenario: a syntax error names its line and column", "[scenario]") {
  const Diagnostic d = first_error("bad.pb.txt", "name: \"x\"\nhorizon_s: 10\nsites { name: }\n");
  CHECK(d.file == "bad.pb.txt");
  CHECK(d.line == 3);
  CHECK(d.column == 15);
  CHECK(d.format().rfind("bad.pb.txt:3:15: error:", 0) == 0);
}

TEST_CASE("scenario: an unknown field is an error at its position", "[scenario]") {
  const Diagnostic d =
      first_error("bad.pb.txt", replace(minimal(), "horizon_s:", "horizon_seconds:"));
  CHECK(d.message.find("horizon_seconds") != std::string::npos);
  CHECK(d.line == 4);
}

TEST_CASE("scenario: a missing required field is reported with its path", "[scenario]") {
  const Diagnostic d = first_error("bad.pb.txt", replace(minimal(), "horizon_s: 86400", ""));
  CHECK(d.field == "horizon_s");
  CHECK(d.message == "is required");
}

TEST_CASE("scenario: an out-of-range value names the field, the range and the line", "[scenario]") {
  const Diagnostic d =
      first_error("bad.pb.txt", replace(minimal(), "sync_interval_s: 120", "sync_interval_s: 2"));
  CHECK(d.field == "backup_service.sync_interval_s");
  CHECK(d.message == "must be at least 5 (got 2)");
  CHECK(d.line == 35);
  CHECK(d.column == 3);  // the field name's start
}

TEST_CASE("scenario: a reference to an unknown site is reported where it is written",
          "[scenario]") {
  const Diagnostic d =
      first_error("bad.pb.txt", replace(minimal(), "site: \"dc2\"", "site: \"dc9\""));
  CHECK(d.field == "pools[1].site");
  CHECK(d.message == "'dc9' names no site of the scenario");
  CHECK(d.line == 22);
}

TEST_CASE("scenario: pairing must be reciprocal", "[scenario]") {
  const Diagnostic d =
      first_error("bad.pb.txt", replace(minimal(), "backup_pool: \"pool1.contoso.com\"", ""));
  CHECK(d.field == "pools[0].backup_pool");
  CHECK(d.message.find("1:1 and reciprocal") != std::string::npos);
}

TEST_CASE("scenario: mirroring is refused on Skype for Business Server 2019", "[scenario]") {
  std::string s = replace(minimal(), "product_version: SFB_2015", "product_version: SFB_2019");
  s = replace(s, "ha_mode: NONE",
              "ha_mode: MIRRORING_WITHOUT_WITNESS\n    servers { fqdn: \"sql1m\" site: \"dc1\" "
              "role: MIRROR }");
  const Diagnostic d = first_error("bad.pb.txt", s);
  CHECK(d.field == "pools[0].back_end.ha_mode");
  CHECK(d.message.find("not supported") != std::string::npos);
}

TEST_CASE("scenario: duplicate component names are refused", "[scenario]") {
  const Diagnostic d = first_error("bad.pb.txt", replace(minimal(), "fe2.pool1", "fe1.pool1"));
  CHECK(d.message.find("duplicate name 'fe1.pool1.contoso.com'") != std::string::npos);
}

TEST_CASE("scenario: JSON scenarios load and report positions", "[scenario]") {
  const std::string ok = read_file(source("tests/data/minimal.json"), 1 << 20);
  CHECK(parse_scenario("m.json", ok).scenario.pools_size() == 2);
  const Diagnostic d =
      first_error("m.json", replace(ok, "\"syncIntervalS\": 120", "\"syncIntervalS\": 1"));
  CHECK(d.field == "backup_service.sync_interval_s");
  CHECK(d.line > 1);
  const Diagnostic syntax = first_error("m.json", "{\n  \"name\": \"x\",\n  oops\n}");
  CHECK(syntax.line == 3);
  CHECK(syntax.column == 3);
}

TEST_CASE("scenario: an unreadable file is an input error naming the file", "[scenario]") {
  CHECK_THROWS_AS(load_scenario("/nonexistent/x.pb.txt"), InputError);
  try {
    load_scenario("/nonexistent/x.pb.txt");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("/nonexistent/x.pb.txt") != std::string::npos);
  }
}
