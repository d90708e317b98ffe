// The one rule every verdict on an estimate applies: its 95 % interval against what is
// required. The policy table, the per pool targets and advise all judge through it.
#pragma once

#include <string>

#include "analysis/sweep_digest.h"

namespace drsim {

// "pass" when the interval [low, high] lies at or above `required`, "fail" when wholly below,
// "uncertain" when it straddles it (more replications settle it).
std::string interval_verdict(double low, double high, double required);

// The pass/fail word for a policy row: "pass", "fail", "uncertain" or "no incidents".
std::string policy_verdict(const ProportionDigest& met, double required_share);

}  // namespace drsim
