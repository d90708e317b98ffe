// Loading a scenario file: parse (Protobuf text format, or JSON by the .json extension),
// validate, and place every finding at file:line:col.
//
// load_scenario() throws InputError listing every error; warnings come back with the
// scenario. Nothing downstream ever sees an unvalidated scenario.
#pragma once

#include <string>
#include <vector>

#include "io/errors.h"
#include "proto/scenario.pb.h"
#include "sim/engine.h"

namespace drsim {

// Scenario files larger than this are refused (a hand-written scenario is a few kilobytes).
inline constexpr size_t kMaxScenarioBytes = 16u << 20;

struct LoadedScenario {
  scenario::Scenario scenario;
  std::string path;
  std::string sha256;  // of the file's bytes
  std::vector<Diagnostic> warnings;
};

LoadedScenario load_scenario(const std::string& path);

// Parses and validates scenario text already in memory; `path` names it in messages and
// its extension selects the format.
LoadedScenario parse_scenario(const std::string& path, const std::string& text);

// A run cut short by the scenario's own limits (event_budget, max_log_records, max_incidents)
// is an input error: throws InputError naming `origin`, the run (`run`: "the run",
// "replication 7"), the field to raise and, when given, the command that replays the run
// alone. Nothing for other stops.
void check_run_within_limits(const scenario::Scenario& s, StopReason stop,
                             const std::string& origin, const std::string& run = "the run",
                             const std::string& replay = "");

}  // namespace drsim
