// The two passes of scenario validation (sim/validate.cpp), shared between their files: the
// generic pass over the schema's field options (sim/validate_options.cpp) collects the
// references the domain pass then resolves.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "sim/finding.h"

namespace drsim::validate_detail {

struct Reference {
  std::string kind;
  std::string value;
  FieldPath path;
};

// The generic pass: required fields, numeric ranges, string and list sizes, and the
// references to check later. Returns false when a list is longer than its limit: then the
// domain pass, some of whose checks compare every pool with every other, is skipped.
bool check_field_options(const google::protobuf::Message& scenario, std::vector<Finding>* findings,
                         std::vector<Reference>* refs);

}  // namespace drsim::validate_detail
