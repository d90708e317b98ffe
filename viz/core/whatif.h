// What-if edits of a scenario and the comparison of two runs. The what-if panel edits a
// copy of the scenario proto through these functions, validates it with the simulator's own
// validator, re-runs it and compares; nothing here touches ImGui.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/run_report.h"
#include "proto/scenario.pb.h"

namespace drsim::viz {

// The one number an administrator would call "the delay" of a distribution: the fixed value,
// the lognormal median, the exponential mean, the Weibull scale or the empirical median.
// 0 when the distribution is unset.
double typical_delay_s(const scenario::Distribution& d);
// Sets that number, keeping the distribution's kind (an empty or empirical one becomes fixed).
void set_typical_delay_s(scenario::Distribution* d, double seconds);
// "fixed", "lognormal median", "exponential mean", "Weibull scale", "empirical median", "unset".
const char* delay_kind(const scenario::Distribution& d);

// "AlwaysOn availability group" etc.
const char* ha_mode_label(scenario::HaMode mode);
// Switches a Back End to `mode` and adapts its servers' roles to what the mode needs (a
// mirror, a witness, a shared storage), reusing servers where it can, so that the edit
// usually validates; returns what changed, for the panel ("fsw1 becomes WITNESS").
std::vector<std::string> apply_ha_mode(scenario::BackEnd* back_end, scenario::HaMode mode,
                                       const std::string& pool_fqdn);

// Components a fault can name, sites first.
std::vector<std::string> fault_components(const scenario::Scenario& sc);

// The validator's errors (and, after them, its warnings prefixed "warning: ") as
// "field: rule" lines; the run goes ahead only when no line is an error.
struct ValidationResult {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};
ValidationResult check_scenario(const scenario::Scenario& sc);

// One line of the comparison table.
struct MetricDiff {
  std::string name;
  std::optional<double> before, after;  // absent: no incident in that run
  bool lower_is_better = true;
  bool is_percent = false;  // else seconds
  std::string before_text() const;
  std::string after_text() const;
  std::string delta_text() const;  // "+12m 05s", "-0.0021 %", "" when either is absent
  // -1 better, 0 same or not comparable, +1 worse.
  int verdict() const;
};
// Worst-incident RTO total, worst-incident RPO of user data, user-weighted availability.
std::vector<MetricDiff> compare_runs(const RunReport& before, const RunReport& after);

}  // namespace drsim::viz
