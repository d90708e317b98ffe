// What scenario validation finds: a rule broken at a field, named as a path of (field, index)
// steps so that the loader can turn it into file:line:col. Shared by the validator's passes
// (sim/validate.cpp, sim/validate_options.cpp) and the loader that reports them.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

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

bool has_errors(const std::vector<Finding>& findings);

}  // namespace drsim
