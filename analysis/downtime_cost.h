// Downtime cost: the user-hours a sweep's replications lost per year, per modality (full
// service, PSTN calling both ways, remote sign-in), each with its 95 % interval, and money
// when the scenario's policy gives a cost per user-hour. Pure functions of a SweepDigest for
// the text, the JSON ("downtime_cost"), the report's table and advise's ranking.
#pragma once

#include <optional>
#include <string>

#include "analysis/report_markup.h"
#include "analysis/sweep_digest.h"

namespace drsim {

// A cost per year: mean over replications and its 95 % half-width (none below two).
struct CostPerYear {
  double mean = 0;
  std::optional<double> ci95_halfwidth;
};
// The user-hours without full service per year priced at policy.cost_per_user_hour; none
// when the policy gives no cost. The other modalities are not priced: their user-hours
// overlap these (a user without full service lacks PSTN and remote sign-in too).
std::optional<CostPerYear> downtime_cost_per_year(const SweepDigest& d);

// "1,234.5 EUR" (the currency label after, when there is one).
std::string money_text(const SweepDigest& d, double amount);

std::string downtime_cost_text(const SweepDigest& d);
Table downtime_cost_table(const SweepDigest& d);
Headline downtime_cost_headline(const SweepDigest& d);

}  // namespace drsim
