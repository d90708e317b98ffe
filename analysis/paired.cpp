// Paired differences of two sweeps with common random numbers; see paired.h.
#include "analysis/paired.h"

#include <cmath>
#include <string>

#include "sim/check.h"

namespace drsim {

bool PairedDifference::beyond_noise() const {
  // A difference of exactly zero in every pair (a parameter with no effect) has a zero
  // half-width: strictly greater keeps it within noise.
  return ci95_halfwidth.has_value() && std::fabs(mean) > *ci95_halfwidth;
}

double ReplicationRow::*per_replication_field(const GridColumn& c) {
  const std::string& n = c.name;
  if (n == "user_availability_mean_fraction") return &ReplicationRow::user_availability;
  if (n == "downtime_per_year_mean_s") return &ReplicationRow::downtime_s_per_year;
  if (n == "incidents_per_year_mean_count") return &ReplicationRow::incidents_per_year;
  if (n == "pstn_lost_per_year_mean_minutes") return &ReplicationRow::pstn_minutes_lost_per_year;
  if (n == "access_remote_user_hours_lost_per_year_mean")
    return &ReplicationRow::remote_user_hours_lost_per_year;
  if (n == "pchat_lost_per_year_mean_hours") return &ReplicationRow::pchat_user_hours_lost_per_year;
  return nullptr;
}

std::optional<PairedDifference> paired_difference(const SweepDigest& before,
                                                  const SweepDigest& after,
                                                  double ReplicationRow::*field) {
  DRSIM_CHECK(field != nullptr, "paired_difference: no per-replication field named");
  const std::vector<ReplicationRow>& a = before.replication_rows;
  const std::vector<ReplicationRow>& b = after.replication_rows;
  if (a.empty() || a.size() != b.size() || before.seed != after.seed) return std::nullopt;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].replication != b[i].replication) return std::nullopt;
  PairedDifference d;
  d.pairs = a.size();
  const double n = static_cast<double>(a.size());
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += b[i].*field - a[i].*field;
  d.mean = sum / n;
  if (a.size() >= 2) {
    double ss = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      const double x = b[i].*field - a[i].*field - d.mean;
      ss += x * x;
    }
    d.ci95_halfwidth = 1.959964 * std::sqrt(ss / (n - 1)) / std::sqrt(n);
  }
  return d;
}

std::optional<PairedDifference> paired_difference(const SweepDigest& before,
                                                  const SweepDigest& after, const GridColumn& c) {
  double ReplicationRow::*field = per_replication_field(c);
  if (field == nullptr || !c.read(before, c.which) || !c.read(after, c.which)) return std::nullopt;
  return paired_difference(before, after, field);
}

}  // namespace drsim
