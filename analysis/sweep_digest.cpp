// A live sweep accumulator as plain data (digest_sweep); see sweep_digest.h. Every number is
// taken exactly as the sweep JSON writes it, so that a digest read back from that JSON
// (read_sweep_json, in sweep_digest_read.cpp) compares equal to this one.
#include <cmath>

#include "analysis/sweep_digest.h"
#include "drsim/version.h"
#include "sim/check.h"

namespace drsim {

namespace {

// The histogram's non-empty buckets; values below LogHistogram::kMin (zero) are [0, 0].
std::vector<HistogramBucket> histogram_buckets(const LogHistogram& h) {
  std::vector<HistogramBucket> out;
  const std::vector<uint64_t>& b = h.buckets();
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i] == 0) continue;
    const double low = i == 0 ? 0.0 : LogHistogram::bucket_low(static_cast<int>(i));
    const double high = i == 0 ? 0.0 : low * LogHistogram::kRatio;
    out.push_back({low, high, b[i]});
  }
  return out;
}

DistributionDigest distribution(const Stat& s, bool with_histogram) {
  DistributionDigest d;
  d.n = s.n();
  d.mean = s.mean();
  const double ci = s.ci95_halfwidth();
  if (std::isfinite(ci)) d.ci95_halfwidth = ci;
  d.p50 = s.quantile(0.5);
  d.p95 = s.quantile(0.95);
  d.p99 = s.quantile(0.99);
  d.max = s.n() > 0 ? s.max() : 0.0;
  if (s.n() > 0) d.max_replication = s.argmax();
  if (with_histogram) d.histogram = histogram_buckets(s.histogram());
  return d;
}

ProportionDigest proportion(const Proportion& p) {
  return {p.n, p.k, p.value(), p.ci_low(), p.ci_high()};
}

std::vector<WorstReplication> worst(const TopReplications& t) {
  std::vector<WorstReplication> out;
  for (const TopReplications::Entry& e : t.entries()) out.push_back({e.replication, e.value});
  return out;
}

}  // namespace

const char* modality_target_text(const std::string& modality) {
  return modality == "pstn" ? "PSTN calling" : "remote sign-in";
}

bool remote_sign_in_deployed(const SweepDigest& d) {
  const size_t i = static_cast<size_t>(Modality::kRemoteSignIn);
  return d.access_modelled && d.access.size() > i && d.access[i].deployed;
}

SweepDigest digest_sweep(const scenario::Scenario& s, const SweepAccumulator& a,
                         const SweepReportInfo& info, const std::vector<AnalyticCheck>& analytic) {
  DRSIM_CHECK(a.pool_availability.size() == static_cast<size_t>(s.pools_size()),
              "digest_sweep: the accumulator was made for another scenario");
  SweepDigest d;
  d.seed = info.seed;
  d.scenario_sha256 = info.scenario_sha256;
  d.version = kVersion;
  d.commit = kGitCommit;
  d.scenario = info.scenario_name;
  d.overrides = info.overrides;
  d.replications = a.replications;
  d.first_replication = info.first_replication;
  d.interrupted = info.interrupted;
  d.horizon_s = static_cast<double>(s.horizon_s());
  d.measured_years = a.measured_years;
  // Incident distributions carry their histograms (the report's charts); per-replication
  // fractions and counts do not, except downtime, as in the JSON.
  for (int c = 0; c < kCategoryCount; ++c)
    d.rpo_s.emplace_back(category_name(static_cast<Category>(c)),
                         distribution(a.rpo_s[static_cast<size_t>(c)], true));
  for (int c = 0; c < kCategoryCount; ++c) {
    const std::string name = category_name(static_cast<Category>(c));
    d.no_backup_incidents.emplace_back(name, a.no_backup_incidents[static_cast<size_t>(c)]);
    d.stranded_unreachable_s.emplace_back(name,
                                          distribution(a.stranded_s[static_cast<size_t>(c)], true));
  }
  d.stranded_counts_as_lost = s.policy().assume_sites_never_return();
  for (int k = 0; k < kRtoStageCount; ++k)
    d.rto_s.emplace_back(kRtoStages[k], distribution(a.rto_s[static_cast<size_t>(k)], true));
  for (int k = 0; k < kDisruptionCount; ++k)
    d.rto_total_s_by_disruption.emplace_back(
        kDisruptions[k], distribution(a.rto_total_by_disruption[static_cast<size_t>(k)], true));
  d.user_availability = distribution(a.user_availability, false);
  for (int p = 0; p < s.pools_size(); ++p)
    d.pool_availability.emplace_back(
        s.pools(p).fqdn(), distribution(a.pool_availability[static_cast<size_t>(p)], false));
  d.downtime_s_per_year = distribution(a.downtime_s_per_year, true);
  d.incidents_per_year = distribution(a.incidents_per_year, false);
  d.pstn_modelled = a.pstn_modelled;
  if (a.pstn_modelled) {
    d.pstn_impact = proportion(a.pstn_impact);
    d.pstn_rto_s = distribution(a.pstn_rto_s, true);
    d.pstn_unrestored_incidents = a.pstn_unrestored_incidents;
    d.pstn_minutes_lost_per_year = distribution(a.pstn_minutes_lost_per_year, true);
  }
  d.access_modelled = a.access_modelled;
  if (a.access_modelled) {
    for (size_t i = 0; i < kModalityCount; ++i) {
      AccessModalityDigest m;
      m.modality = modality_name(static_cast<Modality>(i));
      m.deployed = a.access_deployed[i];
      if (m.deployed) {
        m.impact = proportion(a.access_impact[i]);
        m.rto_s = distribution(a.access_rto_s[i], true);
        m.unrestored_incidents = a.access_unrestored_incidents[i];
      }
      d.access.push_back(std::move(m));
    }
    if (a.access_deployed[static_cast<size_t>(Modality::kRemoteSignIn)])
      d.remote_user_hours_lost_per_year = distribution(a.remote_user_hours_lost_per_year, true);
  }
  d.pchat_modelled = a.pchat_modelled;
  if (a.pchat_modelled) {
    d.pchat_impact = proportion(a.pchat_impact);
    d.pchat_restore_s = distribution(a.pchat_restore_s, true);
    d.pchat_unrestored_incidents = a.pchat_unrestored_incidents;
    d.pchat_messages_lost = distribution(a.pchat_messages_lost, true);
    d.pchat_user_hours_lost_per_year = distribution(a.pchat_user_hours_lost_per_year, true);
    d.pchat_availability = distribution(a.pchat_availability, false);
  }
  for (int k = 0; k < kDisruptionCount; ++k) {
    const auto* t = policy_target(s.policy(), k);
    if (t == nullptr) continue;
    PolicyDigest p;
    p.disruption = kDisruptions[k];
    if (t->has_rto_s()) {
      p.rto_target_s = t->rto_s();
      p.rto_met = proportion(a.rto_met[static_cast<size_t>(k)]);
    }
    if (t->has_rpo_s()) {
      p.rpo_target_s = t->rpo_s();
      p.rpo_met = proportion(a.rpo_met[static_cast<size_t>(k)]);
    }
    d.policy.push_back(p);
  }
  if (s.policy().has_pstn_rto_s())
    d.modality_targets.push_back({"pstn", s.policy().pstn_rto_s(), proportion(a.pstn_target_met)});
  if (s.policy().has_remote_sign_in_rto_s())
    d.modality_targets.push_back({"remote_sign_in", s.policy().remote_sign_in_rto_s(),
                                  proportion(a.remote_sign_in_target_met)});
  for (int p = 0; p < s.pools_size(); ++p) {
    const size_t k = static_cast<size_t>(p);
    d.pool_targets.push_back({s.pools(p).fqdn(), proportion(a.pool_rto_met[k]),
                              proportion(a.pool_rpo_met[k]), a.pool_rpo_stranded_incidents[k]});
  }
  d.user_hours_lost_per_year = distribution(a.user_hours_lost_per_year, true);
  if (a.pstn_modelled) {
    d.pstn_outbound_user_hours_per_year = distribution(a.pstn_outbound_user_hours_per_year, true);
    d.pstn_inbound_user_hours_per_year = distribution(a.pstn_inbound_user_hours_per_year, true);
  }
  d.branches_modelled = a.branches_modelled;
  if (a.branches_modelled)
    d.branch_user_hours_lost_per_year = distribution(a.branch_user_hours_lost_per_year, true);
  if (s.policy().has_cost_per_user_hour()) d.cost_per_user_hour = s.policy().cost_per_user_hour();
  d.currency = s.policy().currency();
  for (const AnalyticCheck& c : analytic)
    d.analytic.push_back({c.what, c.analytic, c.mc_mean, c.mc_ci95, c.inside()});
  d.worst_replications = {{"downtime_s_per_year", worst(a.worst_downtime)},
                          {"rto_total_s", worst(a.worst_rto)},
                          {"rpo_user_data_s", worst(a.worst_rpo)}};
  d.events_per_replication_mean = a.events.mean();
  if (a.keep_rows) d.replication_rows = a.rows;
  return d;
}

}  // namespace drsim
