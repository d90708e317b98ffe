// Runs the drsim program from a test and captures its exit code and output (stdout and
// stderr together). Shared by the tests of the command-line program.
#pragma once

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

namespace drsim::testing {

struct CliOutput {
  int code;
  std::string text;
};

// A fresh, empty directory for one test, under the system's temp directory.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("drsim-test-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline CliOutput run_cli(const std::string& args) {
  const std::string cmd = std::string(DRSIM_BINARY).append(" ").append(args).append(" 2>&1");
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

}  // namespace drsim::testing
