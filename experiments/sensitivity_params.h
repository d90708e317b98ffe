// What `drsim sensitivity` varies: the registry of model quantities the product documents do
// not pin down, each with the low-high range it is varied over and why (docs/model.md,
// "Sensitivity ranges"), and the plan for one scenario: the --set assignments of each
// parameter's low and high values, and the parameters left out because the scenario has no
// use for them (with the reason). The runner (sensitivity_run.h) sweeps the plan.
#pragma once

#include <string>
#include <vector>

#include "analysis/sensitivity.h"
#include "proto/scenario.pb.h"

namespace drsim {

// One registered parameter. `path` is what --range names: a scenario field path
// (io/overrides.h), where `pools[*]` stands for every pool, or a failure or admin
// distribution (`stochastic.front_end.time_to_failure`, `admin.detect_delay`), whose range is
// a factor on the distribution's scale (its mean, median, scale or fixed value).
struct SensitivityParameter {
  std::string path;
  std::string unit;  // of low and high: "s", "writes/user/h", or "x" (a factor on the scale)
  double low = 0, high = 0;
  bool is_integer = false;  // the field holds whole numbers: low and high are rounded
  std::string why;          // why this range (docs/model.md repeats it)
};

// Every registered parameter, in a fixed order (the order of the report's "varied" list).
const std::vector<SensitivityParameter>& sensitivity_registry();

// The parameters of `registry` that `scenario` gives a meaning to, with their low and high
// values as --set assignments; `ranges` (--range path=lo,hi) replace registered ranges.
// InputError naming --range for an unknown path, a value that is not a number or lo >= hi.
// The caller validates the scenario at each value (a value its field refuses is bad input).
struct SensitivityPlan {
  std::vector<ParameterLevels> varied;
  std::vector<SkippedParameter> skipped;
};
// The --set assignments that put a parameter at `position` in its range (0 = low, 1 = high,
// linearly between; whole numbers for integer fields).
std::vector<std::string> sets_at(const ParameterLevels& levels, double position);

SensitivityPlan plan_sensitivity(const scenario::Scenario& scenario,
                                 const std::vector<std::string>& ranges);

}  // namespace drsim
