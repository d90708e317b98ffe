// Validation of a parsed scenario: ranges and required fields (from the schema's field
// options), references between components, and the product's documented rules.
//
// Each finding names the field it concerns as a path of (field, index) steps, so that the
// loader can turn it into file:line:col. The validator reads no files and prints nothing.
#pragma once

#include <string>
#include <vector>

#include "proto/scenario.pb.h"

namespace drsim {

struct PathStep {
  const google::protobuf::FieldDescriptor* field;
  int index;  // element of a repeated field, or -1
};
using FieldPath = std::vector<PathStep>;

// "pools[1].back_end.ha_mode"
std::string path_to_string(const FieldPath& path);

enum class Severity { kError, kWarning };

struct Finding {
  Severity severity;
  FieldPath path;
  std::string message;  // the rule broken, in a sentence
};

// The longest string field (a name, a note) a scenario may have, but its description: names
// and notes are copied into event-log records, whose size the log reader caps (64 KiB).
inline constexpr size_t kMaxStringBytes = 1024;

std::vector<Finding> validate_scenario(const scenario::Scenario& scenario);

bool has_errors(const std::vector<Finding>& findings);

// The start of the warning that a scenario's faults will have nobody to answer them (no
// runbook, no standard response): a runbook given on the command line answers them, and
// the commands that take one leave this warning out (is_unanswered_faults_warning).
inline constexpr const char* kUnansweredFaultsWarning = "faults will happen but nothing will fail over";
bool is_unanswered_faults_warning(const std::string& message);

}  // namespace drsim
