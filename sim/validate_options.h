// The two passes of scenario validation (sim/validate.cpp), shared between their files: the
// generic pass over the schema's field options (sim/validate_options.cpp) collects the
// references the domain pass then resolves.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/message.h>

#include "proto/scenario.pb.h"
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

// A path built by field name from `root`, checked against the descriptors.
FieldPath at(const google::protobuf::Descriptor* root,
             std::initializer_list<std::pair<const char*, int>> steps);

// The voice path (sim/validate_voice.cpp): trunks name a Front End or Mediation pool, routes
// have trunks, and a pool's routes should reach a gateway in another site. `kinds` maps every
// name of the scenario to its kind ("pool", "mediation_pool", "gateway", ...).
void check_voice_path(const scenario::Scenario& scenario,
                      const std::map<std::string, std::string>& kinds,
                      std::vector<Finding>* findings);

// Persistent Chat pools (sim/validate_pchat.cpp): refused on 2019, the documented limits, the
// stretched layout, and runbook steps naming the right kind of pool.
void check_persistent_chat(const scenario::Scenario& scenario,
                           const std::map<std::string, std::string>& kinds,
                           std::vector<Finding>* findings);

// Warnings about what the run can answer (sim/validate_answer.cpp), for a scenario without
// errors: pools nothing can fail over, faults nobody will answer, an AlwaysOn group without
// a file-share witness, annualised figures from less than a year.
void warn_about_answers(const scenario::Scenario& scenario, std::vector<Finding>* findings);

}  // namespace drsim::validate_detail
