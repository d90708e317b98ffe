// The documented runs stay true: the commands that README.md ("Bring your own deployment",
// "Rehearse a runbook"), docs/runbook.md and docs/import.md show are run in a scratch
// directory as a reader would run them from the repository, and every line of every excerpt
// shown for them must appear, in order, in the real output.
//
// Conventions of the documents: commands are the `./build/drsim ...` lines of ```bash blocks;
// an excerpt is a ```text block whose first line is `$ ./build/drsim ...` (the command that
// prints it); a line `...` stands for lines left out, and a line ending in `...` is a prefix
// of the real one. A ```protobuf block shows lines of the scenario the import wrote
// (contoso.pb.txt). In README's comparison table, each runbook's RTO is checked against its run.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "io/files.h"
#include "story_util.h"

namespace {

using drsim::testing::source_path;

struct Block {
  std::string lang;
  std::string section;  // the "## " heading it sits under
  std::vector<std::string> lines;
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<Block> fenced_blocks(const std::string& markdown) {
  std::vector<Block> blocks;
  std::string section;
  bool inside = false;
  for (const std::string& line : split_lines(markdown)) {
    if (!inside && line.rfind("## ", 0) == 0) section = line.substr(3);
    if (line.rfind("```", 0) == 0) {
      if (inside) {
        inside = false;
      } else {
        inside = true;
        blocks.push_back({line.substr(3), section, {}});
      }
      continue;
    }
    if (inside) blocks.back().lines.push_back(line);
  }
  return blocks;
}

// Runs `./build/drsim ARGS` from `dir` (where scenarios/ and tests/ point into the sources).
std::string run_in(const std::filesystem::path& dir, const std::string& args) {
  std::string cmd = "cd '" + dir.string() + "' && ";
  cmd.append(DRSIM_BINARY).append(" ").append(args).append(" 2>&1");
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string text;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
  pclose(p);
  return text;
}

// Each shown line is a line of the output, in order ("..." skips; "xyz ..." is a prefix).
void check_excerpt(const std::vector<std::string>& shown, const std::string& output,
                   const std::string& what) {
  const std::vector<std::string> real = split_lines(output);
  size_t at = 0;
  for (const std::string& line : shown) {
    if (line == "..." || line.empty()) continue;
    const bool prefix = line.size() > 3 && line.compare(line.size() - 3, 3, "...") == 0;
    const std::string want =
        prefix ? line.substr(0, line.find_last_not_of(" ", line.size() - 4) + 1) : line;
    size_t k = at;
    while (k < real.size() && !(prefix ? real[k].rfind(want, 0) == 0 : real[k] == want)) ++k;
    INFO(what << "\nthe documented line\n  " << line << "\nis not in the output (after line " << at
              << "):\n"
              << output);
    CHECK(k < real.size());
    if (k < real.size()) at = k + 1;
  }
}

std::string command_of(const std::string& line) {
  std::string cmd = line.substr(std::string("./build/drsim ").size());
  const size_t comment = cmd.find("  #");
  if (comment != std::string::npos) cmd.resize(comment);
  while (!cmd.empty() && cmd.back() == ' ') cmd.pop_back();
  return cmd;
}

// Runs a document's commands and checks its excerpts; `sections` empty: the whole document.
// Returns each command's output.
std::map<std::string, std::string> check_document(const std::string& rel,
                                                  const std::vector<std::string>& sections) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("drsim-test-docs-" + std::filesystem::path(rel).stem().string());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const char* link : {"scenarios", "tests"})
    std::filesystem::create_directory_symlink(source_path(link), dir / link);
  std::vector<Block> blocks;
  for (const Block& b : fenced_blocks(drsim::read_file(source_path(rel), 1 << 22)))
    if (sections.empty() ||
        std::find(sections.begin(), sections.end(), b.section) != sections.end())
      blocks.push_back(b);
  std::map<std::string, std::string> outputs;
  int excerpts = 0;
  for (const Block& b : blocks)
    if (b.lang == "bash")
      for (const std::string& line : b.lines)
        if (line.rfind("./build/drsim ", 0) == 0)
          outputs[command_of(line)] = run_in(dir, command_of(line));
  for (const Block& b : blocks) {
    if (b.lang == "text" && !b.lines.empty() && b.lines[0].rfind("$ ./build/drsim ", 0) == 0) {
      const std::string cmd = command_of(b.lines[0].substr(2));
      if (!outputs.count(cmd)) outputs[cmd] = run_in(dir, cmd);
      check_excerpt({b.lines.begin() + 1, b.lines.end()}, outputs[cmd], rel + ": " + cmd);
      ++excerpts;
    } else if (b.lang == "protobuf") {
      check_excerpt(b.lines, drsim::read_file((dir / "contoso.pb.txt").string(), 1 << 22),
                    rel + ": contoso.pb.txt");
      ++excerpts;
    }
  }
  CHECK(excerpts > 0);
  return outputs;
}

}  // namespace

TEST_CASE("docs: README's import and rehearsal excerpts are what its commands print",
          "[runbook][import][docs]") {
  const std::map<std::string, std::string> outputs =
      check_document("README.md", {"Bring your own deployment", "Rehearse a runbook"});
  // The comparison table: each runbook's RTO is its run's.
  const std::regex row("^\\| `(scenarios/[^`]+\\.ps1)` \\|.*\\| ([0-9hms ]+) \\|$");
  int rows = 0;
  for (const std::string& line : split_lines(drsim::read_file(source_path("README.md"), 1 << 22))) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    const auto it = outputs.find("run contoso.pb.txt --runbook " + m[1].str() + " -q");
    REQUIRE(it != outputs.end());
    CHECK(it->second.find("  RTO " + m[2].str() + " = ") != std::string::npos);
    ++rows;
  }
  CHECK(rows == 2);
}

TEST_CASE("docs: docs/runbook.md's and docs/import.md's excerpts are what their commands print",
          "[runbook][import][docs]") {
  check_document("docs/runbook.md", {});
  check_document("docs/import.md", {});
}
