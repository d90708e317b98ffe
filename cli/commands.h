// The drsim subcommands. Each returns the process exit code: 0 ok, 2 invalid input,
// 1 internal or output error (docs/cli.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace drsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitInvalidInput = 2;

struct RunArgs {
  std::string scenario;
  std::optional<uint64_t> seed;
  uint64_t replication = 0;
  std::string out_dir = "drsim-out";
  std::string json_path;  // --json FILE: the run report (docs/report-schema.md)
  bool quiet = false;     // no timeline on stdout
  bool all_records = false;  // also print per-routing-group records on stdout
};
int run_command(const RunArgs& args);

int validate_command(const std::string& scenario);

struct BenchArgs {
  uint64_t events = 5'000'000;
};
int bench_command(const BenchArgs& args);

}  // namespace drsim::cli
