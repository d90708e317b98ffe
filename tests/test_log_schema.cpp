// The event log's declaration (log/record_kinds.h) against what the model writes, what the
// readers read and what docs/event-log.md says: one contract, checked from all three sides.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "io/scenario_file.h"
#include "log/record_schema.h"
#include "sim/event_log.h"
#include "sim/simulate.h"

using namespace drsim;

namespace {
std::string source(const std::string& rel) {
  return std::string(DRSIM_SOURCE_DIR).append("/").append(rel);
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `body` in a child process: true when it aborted (a DRSIM_CHECK fired).
template <typename F>
bool aborts(F body) {
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::fclose(stderr);  // the child's message is expected; keep the test output clean
    body();
    _exit(0);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

rec::FieldType stored_type(const log::Field& f) {
  if (f.has_int_value()) return rec::FieldType::kInt;
  if (f.has_double_value()) return rec::FieldType::kNumber;
  return rec::FieldType::kText;
}
}  // namespace

TEST_CASE(
    "log schema: every record of every bundled scenario is of a declared kind, with declared "
    "fields of their declared types",
    "[log][schema]") {
  std::set<std::string> seen;
  for (const auto& e : std::filesystem::directory_iterator(source("scenarios"))) {
    if (e.path().extension() != ".txt") continue;
    const LoadedScenario s = load_scenario(e.path().string());
    RunOptions o;
    o.seed = s.scenario.seed();
    const RunResult r = simulate(s.scenario, o);
    for (const log::Record& record : r.log.records()) {
      const rec::KindSpec* kind = rec::find_kind(record.kind());
      INFO(e.path().filename().string() << ": " << record.kind());
      REQUIRE(kind != nullptr);
      seen.insert(record.kind());
      for (const log::Field& f : record.fields()) {
        INFO("field " << f.key());
        const rec::FieldSpec* spec = kind->field(f.key());
        REQUIRE(spec != nullptr);
        CHECK(spec->type == stored_type(f));
      }
    }
  }
  // The bundled stories reach most kinds: a declaration nothing writes would go unnoticed.
  CHECK(seen.size() * 4 >= rec::kinds().size() * 3);
}

TEST_CASE("log schema: the model stops when it writes a kind or field the declaration lacks",
          "[log][schema]") {
  CHECK(aborts([] {
    EventLog log;
    log.append(Instant::from_us(0), "pool.capacity_breach", "pool1");
  }));
  CHECK(aborts([] {
    EventLog log;
    log.append(Instant::from_us(0), "pool.users", "pool1").i("ful", 10);
  }));
  CHECK(aborts([] {
    EventLog log;
    log.append(Instant::from_us(0), "pool.users", "pool1").d("full", 10.0);  // declared Int
  }));
  // A declared record goes through.
  EventLog log;
  log.append(Instant::from_us(0), "pool.users", "pool1").i("full", 10).i("signed_out", 0);
  REQUIRE(log.size() == 1);
  CHECK(rec::get(log.records()[0], rec::pool_users::full) == 10);
}

TEST_CASE("log schema: reading a field under a name its kind does not declare stops the program",
          "[log][schema]") {
  log::Record r;
  r.set_kind(std::string(rec::pool_users::kind));
  log::Field* f = r.add_fields();
  f->set_key(std::string(rec::pool_users::full));
  f->set_int_value(7);
  CHECK(rec::number(r, "full") == 7);
  CHECK(aborts([&] { (void)rec::number(r, "users"); }));
  CHECK(aborts([&] { (void)rec::text(r, "level"); }));
}

TEST_CASE("log schema: docs/event-log.md names every declared kind and field, and no other kind",
          "[log][schema][docs]") {
  const std::string doc = slurp(source("docs/event-log.md"));
  // Table rows: | `kind`, `kind` | subject | `field`, ... | meaning |
  const std::regex code("`([^`]+)`");
  std::map<std::string, std::set<std::string>> documented;  // kind -> backticked words of its row
  std::istringstream lines(doc);
  std::string line;
  const std::vector<std::string> categories = {
      "user_data", "conference_content", "cms",           "response_groups",
      "lis",       "call_park",          "announcements", "monitoring_archiving"};
  while (std::getline(lines, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    const size_t c1 = line.find('|', 1), c2 = line.find('|', c1 + 1), c3 = line.find('|', c2 + 1);
    REQUIRE(c3 != std::string::npos);
    const std::string kinds = line.substr(1, c1 - 1), fields = line.substr(c2 + 1, c3 - c2 - 1);
    std::set<std::string> words;
    for (std::sregex_iterator it(fields.begin(), fields.end(), code), end; it != end; ++it) {
      const std::string w = (*it)[1];
      // Templated keys stand for each category or direction.
      if (const size_t at = w.find("<category>"); at != std::string::npos) {
        for (const std::string& c : categories) words.insert(std::string(w).replace(at, 10, c));
      } else if (const size_t d = w.find("<dir>"); d != std::string::npos) {
        for (const char* dir : {"export", "import"})
          words.insert(std::string(w).replace(d, 5, dir));
      } else {
        words.insert(w);
      }
    }
    for (std::sregex_iterator it(kinds.begin(), kinds.end(), code), end; it != end; ++it)
      documented[(*it)[1]].insert(words.begin(), words.end());
  }
  for (const rec::KindSpec& k : rec::kinds()) {
    INFO("kind " << k.name);
    const auto row = documented.find(std::string(k.name));
    REQUIRE(row != documented.end());
    for (const rec::FieldSpec& f : k.fields) {
      INFO("field " << f.key);
      CHECK(row->second.count(std::string(f.key)) == 1);
    }
  }
  for (const auto& [kind, words] : documented) {
    INFO("documented kind " << kind);
    CHECK(rec::find_kind(kind) != nullptr);
  }
}

TEST_CASE("log schema: readers name record kinds and fields only through the declaration",
          "[log][schema][layering]") {
  // A kind compared as a string literal, or a field read by a literal key, is what the typed
  // keys replace: it would read 0 after a rename instead of failing to compile.
  const std::regex banned(
      R"re((kind\(\)|kind)\s*[!=]=\s*"[a-z_]+\.[a-z_]+"|field_number\(|field_text\(|find_field\(|rec::(number|text)\()re");
  int files = 0;
  for (const char* dir : {"analysis", "cli", "io", "log", "viz"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(source(dir))) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
      if (e.path().parent_path().filename() == "tests")
        continue;  // tests may read by name, checked
      if (e.path().filename() == "record_schema.h" || e.path().filename() == "record_schema.cpp")
        continue;
      INFO(e.path().string());
      CHECK_FALSE(std::regex_search(slurp(e.path()), banned));
      ++files;
    }
  }
  CHECK(files > 50);
}
