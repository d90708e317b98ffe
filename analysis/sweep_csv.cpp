// The sweep report's CSV files (RFC 4180, one header row, "\n" line ends); numbers are the
// shortest text that reads back to the digest's value, and every numeric column ends in its
// unit (`_s`, `_count`, `_fraction`). See sweep_page.h and docs/reports.md.
#include <string>

#include "analysis/report_format.h"
#include "analysis/sweep_page.h"

namespace drsim {

namespace {

std::string u64(uint64_t v) { return std::to_string(v); }

void distribution_row(std::string& out, const std::string& quantity, const DistributionDigest& x) {
  out += quantity + "," + u64(x.n) + "," + number(x.mean) + "," +
         (x.ci95_halfwidth ? number(*x.ci95_halfwidth) : "") + "," + number(x.p50) + "," +
         number(x.p95) + "," + number(x.p99) + "," + number(x.max) + "," +
         (x.max_replication ? u64(*x.max_replication) : "") + "\n";
}

}  // namespace

std::string sweep_distributions_csv(const SweepDigest& d) {
  std::string out =
      "quantity,values_count,mean_s,ci95_halfwidth_s,p50_s,p95_s,p99_s,max_s,max_replication\n";
  for (const auto& [stage, x] : d.rto_s) distribution_row(out, "rto_" + stage, x);
  for (const auto& [category, x] : d.rpo_s) distribution_row(out, "rpo_" + category, x);
  distribution_row(out, "downtime_s_per_year", d.downtime_s_per_year);
  return out;
}

std::string sweep_histograms_csv(const SweepDigest& d) {
  std::string out = "quantity,low_s,high_s,values_count\n";
  auto rows = [&](const std::string& quantity, const DistributionDigest& x) {
    for (const HistogramBucket& b : x.histogram)
      out += quantity + "," + number(b.low) + "," + number(b.high) + "," + u64(b.count) + "\n";
  };
  for (const auto& [stage, x] : d.rto_s) rows("rto_" + stage, x);
  for (const auto& [category, x] : d.rpo_s) rows("rpo_" + category, x);
  rows("downtime_s_per_year", d.downtime_s_per_year);
  return out;
}

std::string sweep_availability_csv(const SweepDigest& d) {
  // No percentiles: the sweep's 2 % buckets cannot tell 99.99 % from 99.9 %.
  std::string out = "scope,replications_count,mean_fraction,ci95_halfwidth_fraction\n";
  auto row = [&](const std::string& scope, const DistributionDigest& a) {
    out += csv_field(scope) + "," + u64(a.n) + "," + number(a.mean) + "," +
           (a.ci95_halfwidth ? number(*a.ci95_halfwidth) : "") + "\n";
  };
  row("user_weighted", d.user_availability);
  for (const auto& [fqdn, a] : d.pool_availability) row(fqdn, a);
  return out;
}

std::string sweep_policy_csv(const SweepDigest& d, const SweepReportOptions& o) {
  std::string out =
      "disruption,measure,target_s,incidents_count,met_count,met_fraction,ci95_low_fraction,ci95_"
      "high_fraction,"
      "verdict\n";
  auto row = [&](const std::string& disruption, const std::string& measure, int64_t target,
                 const ProportionDigest& m) {
    out += disruption + "," + measure + "," + std::to_string(target) + "," + u64(m.incidents) +
           "," + u64(m.met) + "," + number(m.fraction) + "," + number(m.ci95_low) + "," +
           number(m.ci95_high) + "," + policy_verdict(m, o.required_met_share) + "\n";
  };
  for (const PolicyDigest& p : d.policy) {
    if (p.rto_target_s) row(p.disruption, "rto", *p.rto_target_s, p.rto_met);
    if (p.rpo_target_s) row(p.disruption, "rpo", *p.rpo_target_s, p.rpo_met);
  }
  // The modality targets judge incidents of any kind: "any,pstn_rto,...".
  for (const ModalityTargetDigest& m : d.modality_targets)
    row("any", m.modality + "_rto", m.rto_target_s, m.rto_met);
  return out;
}

std::string sweep_worst_csv(const SweepDigest& d, const SweepReportOptions& o) {
  std::string out = "measure,rank,replication,value_s,replay\n";
  for (const auto& [measure, list] : d.worst_replications) {
    for (size_t i = 0; i < list.size(); ++i)
      out += measure + "," + std::to_string(i + 1) + "," + u64(list[i].replication) + "," +
             number(list[i].value) + "," +
             csv_field(replay_command(d, o.scenario_path, list[i].replication)) + "\n";
  }
  return out;
}

}  // namespace drsim
