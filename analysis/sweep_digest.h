// A Monte Carlo sweep's results as plain data: what the sweep reports (text, JSON, HTML,
// Markdown) and the visualiser's results view are drawn from. A digest is made from a live
// accumulator (digest_sweep) or read back from the JSON a sweep wrote (read_sweep_json); for
// the same sweep both give equal digests, because the JSON is written from the digest with
// round-trip number formatting (the replication rows aside: the JSON does not hold them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/markov.h"
#include "analysis/sweep.h"
#include "proto/scenario.pb.h"

namespace drsim {

// Where a sweep's numbers came from, stamped on its digest and every report of it.
struct SweepReportInfo {
  std::string scenario_name;
  std::string scenario_sha256;
  uint64_t seed = 0;
  uint64_t first_replication = 0;
  bool interrupted = false;
  std::vector<std::string> overrides;
};

// One non-empty bucket of a LogHistogram, in the quantity's unit; the zero bucket is [0, 0].
struct HistogramBucket {
  double low = 0;
  double high = 0;
  uint64_t count = 0;
  bool operator==(const HistogramBucket&) const = default;
};

// The distribution of one quantity over incidents or replications.
struct DistributionDigest {
  uint64_t n = 0;
  double mean = 0;
  std::optional<double> ci95_halfwidth;  // none below two values
  double p50 = 0, p95 = 0, p99 = 0;
  double max = 0;
  std::optional<uint64_t> max_replication;  // none when n == 0
  std::vector<HistogramBucket> histogram;   // ascending; empty when the JSON has none
  bool operator==(const DistributionDigest&) const = default;
};

struct ProportionDigest {
  uint64_t incidents = 0;
  uint64_t met = 0;
  double fraction = 0, ci95_low = 0, ci95_high = 1;  // Wilson 95 % interval
  bool operator==(const ProportionDigest&) const = default;
};

// One remote access or federation modality over a sweep (SweepDigest.access).
struct AccessModalityDigest {
  std::string modality;  // modality_name: "remote_sign_in", "federation_out", ...
  bool deployed = false;
  ProportionDigest impact;  // incidents in which it was degraded or down
  DistributionDigest rto_s;
  uint64_t unrestored_incidents = 0;
  bool operator==(const AccessModalityDigest&) const = default;
};

// A policy target per kind of disruption and how often incidents met it.
struct PolicyDigest {
  std::string disruption;  // kDisruptions
  std::optional<int64_t> rto_target_s, rpo_target_s;
  ProportionDigest rto_met, rpo_met;  // meaningful when the target is set
  bool operator==(const PolicyDigest&) const = default;
};

// A policy target on what users can lose while keeping full service (policy.pstn_rto_s,
// remote_sign_in_rto_s; JSON "modality_targets"): of the incidents that cost it, the share
// back within the target.
struct ModalityTargetDigest {
  std::string modality;  // "pstn" or "remote_sign_in"
  int64_t rto_target_s = 0;
  ProportionDigest rto_met;
  bool operator==(const ModalityTargetDigest&) const = default;
};
// The modality's name for people: "PSTN calling", "remote sign-in".
const char* modality_target_text(const std::string& modality);

// One pool (tier) against the policy (judge_pool_incident): of the incidents that cost its
// users full service, the shares meeting the RTO and the RPO targets of their kinds (no
// incidents counted without such a target), and how many of them stranded judged data whose
// RPO is unknown until its site returns. Its availability is pool_availability.
struct PoolTargetDigest {
  std::string fqdn;
  ProportionDigest rto_met, rpo_met;
  uint64_t rpo_stranded_incidents = 0;
  bool operator==(const PoolTargetDigest&) const = default;
};

struct AnalyticDigest {
  std::string what;
  double analytic = 0, monte_carlo_mean = 0, monte_carlo_ci95_halfwidth = 0;
  bool inside_interval = false;
  bool operator==(const AnalyticDigest&) const = default;
};

struct WorstReplication {
  uint64_t replication = 0;
  double value = 0;
  bool operator==(const WorstReplication&) const = default;
};

// Names are the sweep JSON's keys (docs: README "Sweep JSON").
struct SweepDigest {
  uint64_t seed = 0;
  std::string scenario_sha256, version, commit, scenario;
  std::vector<std::string> overrides;
  uint64_t replications = 0, first_replication = 0;
  bool interrupted = false;
  double horizon_s = 0, measured_years = 0;
  std::vector<std::pair<std::string, DistributionDigest>> rpo_s;  // per data category, in order
  // Per category, in order: incidents that lost or stranded data of a category with no backup
  // (said in words: every change since deployment), and how long stranded data was unreachable.
  std::vector<std::pair<std::string, uint64_t>> no_backup_incidents;
  std::vector<std::pair<std::string, DistributionDigest>> stranded_unreachable_s;
  bool stranded_counts_as_lost = false;  // policy.assume_sites_never_return
  std::vector<std::pair<std::string, DistributionDigest>> rto_s;  // per stage: detect ... total
  // The total RTO per kind of disruption (kDisruptions order, every one).
  std::vector<std::pair<std::string, DistributionDigest>> rto_total_s_by_disruption;
  DistributionDigest user_availability;
  std::vector<std::pair<std::string, DistributionDigest>> pool_availability;  // by pool FQDN
  DistributionDigest downtime_s_per_year, incidents_per_year;
  // The PSTN (JSON "pstn"): only when the scenario has a gateway; otherwise the reports say
  // "PSTN not modelled". `pstn_impact` counts incidents in which some users could not place
  // or receive PSTN calls, of all incidents; `pstn_rto_s` is over those, until every user
  // could do both again, `pstn_unrestored_incidents` those not back by the horizon;
  // `pstn_minutes_lost_per_year` is per replication.
  bool pstn_modelled = false;
  ProportionDigest pstn_impact;
  DistributionDigest pstn_rto_s;
  uint64_t pstn_unrestored_incidents = 0;
  DistributionDigest pstn_minutes_lost_per_year;
  // Remote access and federation (JSON "access"): only when the scenario has Edge pools;
  // otherwise the reports say "remote access not modelled". One entry per modality
  // (kModalityCount, Modality order); one not deployed (no route, no remote users) has no
  // figures and the reports say "not deployed". `impact` counts incidents in which the
  // modality was degraded or down, of all incidents; `rto_s` is over those, until it was fully
  // back, `unrestored_incidents` those not back by the horizon. With remote sign-in deployed,
  // `remote_user_hours_lost_per_year` is per replication.
  bool access_modelled = false;
  std::vector<AccessModalityDigest> access;
  DistributionDigest remote_user_hours_lost_per_year;
  // Persistent Chat (JSON "persistent_chat"): only when the scenario has Persistent Chat
  // pools; otherwise the reports say "Persistent Chat not modelled". `pchat_impact` counts
  // incidents in which some chat users lost chat (other than for a planned failback), of all
  // incidents; `pchat_restore_s` is over those, the time to restore chat (every user back the
  // first time), `pchat_unrestored_incidents` those not restored by the horizon;
  // `pchat_messages_lost` is over incidents that failed a pool over to its log-shipping
  // secondary; the user-hours without chat and chat's availability are per replication.
  bool pchat_modelled = false;
  ProportionDigest pchat_impact;
  DistributionDigest pchat_restore_s;
  uint64_t pchat_unrestored_incidents = 0;
  DistributionDigest pchat_messages_lost, pchat_user_hours_lost_per_year, pchat_availability;
  std::vector<PolicyDigest> policy;
  std::vector<ModalityTargetDigest> modality_targets;  // in the order above, those set
  // Per pool (tier), in scenario order (JSON "targets_by_pool").
  std::vector<PoolTargetDigest> pool_targets;
  // How estimates are judged against targets: the reader's choices, given to the sweep
  // (--required-share, --availability-target). A share of incidents passes when its Wilson
  // interval lies at or above required_met_share; a pool's availability when its interval
  // lies at or above availability_target; none: no availability target.
  double required_met_share = 0.99;
  std::optional<double> availability_target;
  // Downtime in user-hours per year, per replication (JSON "downtime_cost"): without full
  // service (pool and branch users); with the PSTN modelled, unable to place and unable to receive
  // PSTN calls. The scenario's policy.cost_per_user_hour (in policy.currency) prices the first;
  // none: no cost given.
  DistributionDigest user_hours_lost_per_year;
  DistributionDigest pstn_outbound_user_hours_per_year, pstn_inbound_user_hours_per_year;
  // With branch offices: their users' part of user_hours_lost_per_year.
  bool branches_modelled = false;
  DistributionDigest branch_user_hours_lost_per_year;
  std::optional<double> cost_per_user_hour;
  std::string currency;
  std::vector<AnalyticDigest> analytic;
  // "downtime_s_per_year", "rto_total_s", "rpo_user_data_s": worst first.
  std::vector<std::pair<std::string, std::vector<WorstReplication>>> worst_replications;
  double events_per_replication_mean = 0;
  // One row per replication, in replication order, when the sweep kept them (keep_rows):
  // what a paired comparison of two sweeps with common random numbers reads
  // (analysis/paired.h). Never in the JSON; empty in a digest read back from it.
  std::vector<ReplicationRow> replication_rows;
  bool operator==(const SweepDigest&) const = default;
};

// Remote access is modelled and the scenario leaves some users remote (SweepDigest.access).
bool remote_sign_in_deployed(const SweepDigest& d);

SweepDigest digest_sweep(const scenario::Scenario& s, const SweepAccumulator& a,
                         const SweepReportInfo& info, const std::vector<AnalyticCheck>& analytic);

// A sweep's JSON is some tens of kilobytes; this bounds what a reader takes as one.
inline constexpr size_t kMaxSweepJsonBytes = 64u << 20;

// Reads the JSON `drsim sweep --json` writes. Throws InputError ("path:line:col: ...") when the
// text is not JSON or not a sweep's results (a missing or mistyped key is named).
SweepDigest read_sweep_json(const std::string& text, const std::string& path);

}  // namespace drsim
