// The bad-input corpus: every file in tests/bad_scenarios/ is an invalid scenario whose first
// line says the error it must produce,
//   # expect: LINE:COL: FIELD: start of the rule text
// i.e. what Diagnostic::format() prints after "file:" and "error: ". Each file goes through
// load_scenario() and through `drsim validate`, which must exit 2 with that error first.
//
// JSON has no comments, so for .json files the test parses a copy whose first line is blanked
// (the line numbers stay the same).
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>
#include "cli_util.h"

#include "io/errors.h"
#include "io/files.h"
#include "io/scenario_file.h"

using namespace drsim;
namespace fs = std::filesystem;

namespace {

constexpr size_t kMinCorpusFiles = 40;

struct Expectation {
  int line = 0;
  int column = 0;
  std::string text;  // "FIELD: rule..." (or just the rule for syntax errors)
};

// Parses "# expect: 12:3: backup_service.sync_interval_s: must be at least 5".
Expectation parse_expectation(const std::string& first_line) {
  const std::string tag = "# expect: ";
  REQUIRE(first_line.rfind(tag, 0) == 0);
  Expectation e;
  size_t used = 0;
  const std::string rest = first_line.substr(tag.size());
  int values[2] = {0, 0};
  size_t at = 0;
  for (int& v : values) {
    const size_t colon = rest.find(':', at);
    REQUIRE(colon != std::string::npos);
    v = std::stoi(rest.substr(at, colon - at), &used);
    REQUIRE(used == colon - at);
    at = colon + 1;
  }
  e.line = values[0];
  e.column = values[1];
  REQUIRE(at < rest.size());
  REQUIRE(rest[at] == ' ');
  e.text = rest.substr(at + 1);
  REQUIRE_FALSE(e.text.empty());
  return e;
}

// The text given to the loader: JSON files get their comment line blanked.
std::string loadable_text(const fs::path& file, const std::string& bytes) {
  if (file.extension() != ".json") return bytes;
  return bytes.substr(bytes.find('\n'));
}

std::string run_validate(const std::string& path, int* code) {
  const drsim::testing::CliOutput o = drsim::testing::run_cli("validate '" + path + "'");
  *code = o.code;
  return o.text;
}

std::vector<fs::path> corpus() {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::directory_iterator(fs::path(DRSIM_SOURCE_DIR) / "tests" / "bad_scenarios")) {
    const fs::path& p = entry.path();
    const std::string name = p.filename().string();
    const bool is_text = name.size() > 7 && name.compare(name.size() - 7, 7, ".pb.txt") == 0;
    if (is_text || p.extension() == ".json") files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("bad scenarios: the corpus holds at least 40 files, each with its expectation", "[bad]") {
  const std::vector<fs::path> files = corpus();
  CHECK(files.size() >= kMinCorpusFiles);
  for (const fs::path& file : files) {
    INFO(file.string());
    const std::string bytes = read_file(file.string(), kMaxScenarioBytes);
    parse_expectation(bytes.substr(0, bytes.find('\n')));
  }
}

TEST_CASE("bad scenarios: load_scenario reports the expected error first", "[bad]") {
  for (const fs::path& file : corpus()) {
    INFO(file.string());
    const std::string bytes = read_file(file.string(), kMaxScenarioBytes);
    const Expectation want = parse_expectation(bytes.substr(0, bytes.find('\n')));
    const std::string name = file.filename().string();
    std::vector<Diagnostic> diagnostics;
    try {
      parse_scenario(name, loadable_text(file, bytes));
    } catch (const InputError& e) {
      diagnostics = e.diagnostics();
    }
    const auto first = std::find_if(diagnostics.begin(), diagnostics.end(),
                                    [](const Diagnostic& d) { return !d.is_warning; });
    REQUIRE(first != diagnostics.end());
    INFO(first->format());
    CHECK(first->file == name);
    CHECK(first->line == want.line);
    CHECK(first->column == want.column);
    const std::string prefix = name + ":" + std::to_string(want.line) + ":" +
                               std::to_string(want.column) + ": error: " + want.text;
    CHECK(first->format().rfind(prefix, 0) == 0);
  }
}

TEST_CASE("bad scenarios: drsim validate exits 2 and prints the expected error first", "[bad]") {
  const fs::path dir = fs::temp_directory_path() / "drsim-test-bad-scenarios";
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const fs::path& file : corpus()) {
    INFO(file.string());
    const std::string bytes = read_file(file.string(), kMaxScenarioBytes);
    const Expectation want = parse_expectation(bytes.substr(0, bytes.find('\n')));
    std::string path = file.string();
    if (file.extension() == ".json") {
      path = (dir / file.filename()).string();
      write_file_atomically(path, loadable_text(file, bytes));
    }
    int code = -1;
    const std::string out = run_validate(path, &code);
    INFO(out);
    CHECK(code == 2);
    const size_t first_error = out.find(": error: ");
    REQUIRE(first_error != std::string::npos);
    const size_t line_start = out.rfind('\n', first_error);
    const std::string line = out.substr(line_start == std::string::npos ? 0 : line_start + 1);
    const std::string prefix = path + ":" + std::to_string(want.line) + ":" +
                               std::to_string(want.column) + ": error: " + want.text;
    CHECK(line.rfind(prefix, 0) == 0);
  }
  fs::remove_all(dir);
}

TEST_CASE("bad scenarios: deeply nested JSON is a syntax error, not a stack overflow", "[bad]") {
  // Found by fuzz/fuzz_scenario: the position scanner recursed once per '['.
  const std::string text = std::string(100000, '[');
  try {
    parse_scenario("deep.json", text);
    FAIL("deeply nested JSON was accepted");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("malformed JSON: nesting deeper than 200 levels") !=
          std::string::npos);
  }
}

TEST_CASE("bad scenarios: a file with very many errors lists the first 100 and counts the rest",
          "[bad]") {
  // 150 negative samples in JSON: each finding is located by rescanning the text, so the
  // loader stops locating after 100.
  std::string samples;
  for (int i = 0; i < 150; ++i) samples += (i ? ", " : "") + std::string("-1");
  const std::string text = R"({"name": "many", "productVersion": "SFB_2015", "horizonS": "86400",
 "admin": {"detectDelay": {"empirical": {"samplesS": [)" +
                           samples + "]}}}}\n";
  try {
    parse_scenario("many.json", text);
    FAIL("negative samples were accepted");
  } catch (const InputError& e) {
    const std::vector<Diagnostic>& ds = e.diagnostics();
    REQUIRE(ds.size() == 101);
    CHECK(ds.front().format().rfind("many.json:2:", 0) == 0);
    CHECK(ds.back().message == "and 50 more errors not shown");
  }
}
