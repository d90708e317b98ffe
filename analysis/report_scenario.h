// What a scenario rehearses, as the run report's scenario summary shows it: the scripted
// faults, the random failure models, the runbook steps, the admin's delays and the policy
// targets. Tables as plain data (report_markup.h), so report.html and report.md agree; a
// pure function of the scenario as it ran (overrides and a rehearsed runbook applied).
#pragma once

#include <string>

#include "analysis/report_markup.h"
#include "proto/scenario.pb.h"

namespace drsim {

// Long lists (a scenario may script thousands of faults) are cut to this many rows, with a
// note saying how many were left out.
inline constexpr size_t kMaxScenarioRows = 50;

struct ScenarioSummary {
  Table faults;          // scripted faults: when, what, repaired after, note
  Table random;          // per component class: time to failure and to repair
  Table runbook;         // the runbook steps in order: cmdlet, when, target
  Table admin;           // detect and decide delays, standard response, failback
  Table policy_targets;  // RTO and RPO targets per kind of disruption
  // Every model parameter the product documents do not give (proto option `assumption`):
  // the value the run used, whether the scenario changed drsim's default, and why.
  Table assumptions;
};

ScenarioSummary scenario_summary(const scenario::Scenario& scenario);

// "fixed 10m 00s", "exponential, mean 1y 0d 0h", "lognormal, median 15m 00s, sigma 0.5": a
// duration distribution for people; "none" when no kind is set.
std::string describe_distribution(const scenario::Distribution& d);

}  // namespace drsim
