// Per pool (tier): the policy's targets against the sweep's estimates, for RTO, RPO and
// availability, with a verdict each. The shares of incidents meeting a target come from the
// sweep (judge_pool_incident, the rule the policy verdicts apply, per pool's users); this
// file only reads a SweepDigest and says what the numbers mean, in the text, the JSON, the
// report's table and its CSV.
#pragma once

#include <string>
#include <vector>

#include "analysis/json_writer.h"
#include "analysis/report_markup.h"
#include "analysis/sweep_digest.h"

namespace drsim {

// One pool's three verdicts: "pass", "fail", "uncertain" (the 95 % interval straddles the
// target: more replications settle it), "no target", "no incidents" (none cost its users
// service) or, for availability, "no replications".
struct PoolVerdicts {
  std::string fqdn;
  std::string rto, rpo, availability;
};
std::vector<PoolVerdicts> pool_verdicts(const SweepDigest& d);

// The policy's RTO (rto) or RPO targets as people read them: "server 5m, site 4h", or empty
// when the policy sets none.
std::string policy_targets_words(const SweepDigest& d, bool rto);

// The text section (sweep_text), the JSON object "targets_by_pool" (sweep_json; its numbers
// are read back by read_sweep_json, its verdicts derived again from them), the report's table
// and sweep_pool_targets.csv (docs/reports.md lists the columns).
std::string pool_targets_text(const SweepDigest& d);
void pool_targets_json(JsonWriter& w, const SweepDigest& d);
Table pool_targets_table(const SweepDigest& d);
std::string pool_targets_csv(const SweepDigest& d);

}  // namespace drsim
