// The per-replication CSV; see sweep_rows.h.
#include "analysis/sweep_rows.h"

#include "analysis/report_format.h"
#include "sim/check.h"

namespace drsim {

std::string replication_rows_csv(const std::vector<ReplicationRow>& rows, uint64_t seed) {
  std::string out =
      "replication,seed,incidents_count,incidents_with_impact_count,downtime_s,downtime_per_year_s,"
      "user_availability_fraction,rto_total_max_s,rpo_policy_max_s,rpo_user_data_max_s,events_"
      "count\n";
  const std::string seed_text = std::to_string(seed);
  uint64_t previous = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const ReplicationRow& r = rows[i];
    DRSIM_CHECK(i == 0 || r.replication > previous, "replication rows out of order or repeated");
    previous = r.replication;
    out += std::to_string(r.replication) + "," + seed_text + "," + std::to_string(r.incidents) +
           "," + std::to_string(r.incidents_with_impact) + "," + seconds_number(r.downtime_s) +
           "," + seconds_number(r.downtime_s_per_year) + "," + number(r.user_availability) + "," +
           seconds_number(r.rto_total_max_s) + "," + seconds_number(r.rpo_policy_max_s) + "," +
           seconds_number(r.rpo_user_data_max_s) + "," + std::to_string(r.events) + "\n";
  }
  return out;
}

}  // namespace drsim
