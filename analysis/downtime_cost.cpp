// Downtime cost; see downtime_cost.h.
#include "analysis/downtime_cost.h"

#include <cmath>

#include "analysis/report_format.h"

namespace drsim {

namespace {

// Hours for people: one decimal below a hundred, whole and grouped above.
std::string hours_text(double hours) {
  return hours < 100 ? fixed(hours, 1) : grouped(std::llround(hours));
}

std::string with_interval(const DistributionDigest& x) {
  return hours_text(x.mean) + (x.ci95_halfwidth ? " ± " + hours_text(*x.ci95_halfwidth)
                                                : std::string(" (one replication)"));
}

std::string amount_text(double amount) {
  return amount < 100 ? fixed(amount, 2) : grouped(std::llround(amount));
}

// The modalities' user-hours rows: (what, figure, or why there is none).
struct HoursRow {
  std::string what;
  const DistributionDigest* hours = nullptr;  // null: `why` says why there is no figure
  std::string why;
};

std::vector<HoursRow> hours_rows(const SweepDigest& d) {
  std::vector<HoursRow> rows;
  rows.push_back({"Users without full service", &d.user_hours_lost_per_year, ""});
  if (d.branches_modelled) {
    HoursRow branch;  // built apart: GCC 12 warns falsely on the braced form (array-bounds)
    branch.what.assign(
        "of which branch office users (on the appliance, signed out or in "
        "resiliency mode)");
    branch.hours = &d.branch_user_hours_lost_per_year;
    rows.push_back(std::move(branch));
  }
  if (d.pstn_modelled) {
    rows.push_back({"Users unable to place PSTN calls", &d.pstn_outbound_user_hours_per_year, ""});
    rows.push_back({"Users unable to receive PSTN calls", &d.pstn_inbound_user_hours_per_year, ""});
  } else {
    rows.push_back({"PSTN calling", nullptr, "not modelled (no PSTN gateway)"});
  }
  if (!d.access_modelled)
    rows.push_back({"Remote sign-in", nullptr, "not modelled (no Edge pool)"});
  else if (!remote_sign_in_deployed(d))
    rows.push_back({"Remote sign-in", nullptr, "not deployed (no remote users)"});
  else
    rows.push_back({"Remote users unable to sign in", &d.remote_user_hours_lost_per_year, ""});
  rows.push_back({"Federation and XMPP", nullptr,
                  "not counted in user-hours: the partners are not users of the deployment (the "
                  "share of incidents impairing them is in the remote access figures)"});
  return rows;
}

}  // namespace

std::optional<CostPerYear> downtime_cost_per_year(const SweepDigest& d) {
  if (!d.cost_per_user_hour) return std::nullopt;
  const double c = *d.cost_per_user_hour;
  CostPerYear out;
  out.mean = d.user_hours_lost_per_year.mean * c;
  if (d.user_hours_lost_per_year.ci95_halfwidth)
    out.ci95_halfwidth = *d.user_hours_lost_per_year.ci95_halfwidth * c;
  return out;
}

std::string money_text(const SweepDigest& d, double amount) {
  return amount_text(amount) + (d.currency.empty() ? "" : " " + d.currency);
}

std::string downtime_cost_text(const SweepDigest& d) {
  std::string out =
      "\ndowntime in user-hours per year (mean over replications ± 95 %; the rows overlap, "
      "not to be added):\n";
  for (const HoursRow& r : hours_rows(d))
    out += "  " + r.what + ": " + (r.hours != nullptr ? with_interval(*r.hours) : r.why) + "\n";
  if (const std::optional<CostPerYear> c = downtime_cost_per_year(d))
    out += "  downtime cost per year: " + money_text(d, c->mean) +
           (c->ci95_halfwidth ? " ± " + amount_text(*c->ci95_halfwidth) : std::string()) +
           " (user-hours without full service at " + money_text(d, *d.cost_per_user_hour) +
           " per user-hour)\n";
  else
    out += "  downtime cost: no cost per user-hour given (policy.cost_per_user_hour)\n";
  return out;
}

Table downtime_cost_table(const SweepDigest& d) {
  Table t;
  t.head = {"Who lost what", "User-hours per year", "95 % interval", "p95", "Cost per year"};
  t.note =
      "Per replication and year, averaged. The rows overlap (a user without full service lacks "
      "PSTN calling and remote sign-in too) and are not to be added; only the first is priced, "
      "at policy.cost_per_user_hour.";
  const std::optional<CostPerYear> cost = downtime_cost_per_year(d);
  bool first = true;
  for (const HoursRow& r : hours_rows(d)) {
    if (r.hours == nullptr) {
      t.rows.push_back({cell(r.what), cell(r.why), cell("-", "", "", true), cell("-", "", "", true),
                        cell("-", "", "", true)});
      continue;
    }
    const DistributionDigest& x = *r.hours;
    std::string money = "-";
    if (first)
      money = cost ? money_text(d, cost->mean) +
                         (cost->ci95_halfwidth ? " ± " + amount_text(*cost->ci95_halfwidth) : "")
                   : "no cost given";
    t.rows.push_back(
        {cell(r.what), cell(hours_text(x.mean), "", "", true),
         cell(x.ci95_halfwidth ? "± " + hours_text(*x.ci95_halfwidth) : "-", "", "", true),
         cell(hours_text(x.p95), "", "", true), cell(money, "", "", true)});
    first = false;
  }
  return t;
}

Headline downtime_cost_headline(const SweepDigest& d) {
  if (const std::optional<CostPerYear> c = downtime_cost_per_year(d))
    return {"Downtime cost per year", money_text(d, c->mean),
            hours_text(d.user_hours_lost_per_year.mean) + " user-hours without full service", ""};
  return {"User-hours without full service per year", hours_text(d.user_hours_lost_per_year.mean),
          "no cost per user-hour given", ""};
}

}  // namespace drsim
