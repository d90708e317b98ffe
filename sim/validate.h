// Validation of a parsed scenario: ranges and required fields (from the schema's field
// options), references between components, and the product's documented rules.
//
// Each finding (sim/finding.h) names the field it concerns, so that the loader can turn it
// into file:line:col. The validator reads no files and prints nothing.
#pragma once

#include <string>
#include <vector>

#include "proto/scenario.pb.h"
#include "sim/finding.h"
#include "sim/limits.h"

namespace drsim {

std::vector<Finding> validate_scenario(const scenario::Scenario& scenario);

// The start of the warning that a scenario's faults will have nobody to answer them (no
// runbook, no standard response): a runbook given on the command line answers them, and
// the commands that take one leave this warning out (is_unanswered_faults_warning).
inline constexpr const char* kUnansweredFaultsWarning =
    "faults will happen but nothing will fail over";
bool is_unanswered_faults_warning(const std::string& message);

}  // namespace drsim
