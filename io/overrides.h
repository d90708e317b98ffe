// What-if overrides without editing files: `--set path=value` on any scenario field.
//
// A path names fields by their schema names, separated by dots; repeated fields take an
// index or the name of an element: `backup_service.sync_interval_s=30`,
// `pools[0].back_end.ha_mode=MIRRORING_WITH_WITNESS`,
// `pools[pool2.contoso.com].users=30000`, `admin.decide_delay.fixed_s=600`. Enums take
// their names, booleans true/false. Setting a field of a oneof clears its siblings.
// Bad paths and values are InputErrors naming the override; the caller validates the result.
#pragma once

#include <string>
#include <vector>

#include "proto/scenario.pb.h"

namespace drsim {

void apply_override(scenario::Scenario& s, const std::string& assignment);
void apply_overrides(scenario::Scenario& s, const std::vector<std::string>& assignments);

// Validates a scenario after overrides; InputError listing what is wrong, naming `origin`.
void validate_overridden(const scenario::Scenario& s, const std::string& origin);

}  // namespace drsim
