// What a Monte Carlo sweep measures, as mergeable accumulators: pure functions of the
// replications' metrics, with no thread, clock or engine (experiments/sweep_run.h runs the
// replications). Integer sums and histogram counts, so that merging in any order, from any
// thread or MPI rank, gives the same bits.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/run_report.h"
#include "analysis/stats.h"
#include "proto/scenario.pb.h"
#include "sim/model/metrics.h"
#include "sim/simulate.h"

namespace drsim {

inline constexpr const char* kRtoStages[] = {"detect", "decide", "execute", "clients_back",
                                             "total"};
inline constexpr int kRtoStageCount = 5;

// How many of the worst replications a sweep names per measure.
inline constexpr size_t kWorstReplications = 20;

// One replication's headline figures, for `sweep --replications-csv` (docs/reports.md) and for
// paired comparisons of two sweeps with common random numbers (analysis/paired.h).
// Every value is a function of (scenario, seed, replication) alone.
struct ReplicationRow {
  uint64_t replication = 0;
  uint64_t incidents = 0;              // outside the warm-up
  uint64_t incidents_with_impact = 0;  // of which some users lost full service
  double downtime_s = 0;               // per user, over the measured time
  double downtime_s_per_year = 0;
  double user_availability = 1;
  double rto_total_max_s = 0;   // the longest incident's RTO (0 without user impact)
  double rpo_policy_max_s = 0;  // the worst RPO of the data a policy judges
  double rpo_user_data_max_s = 0;
  uint64_t events = 0;
  // The per-replication figures a sweep averages (SweepAccumulator), per year of measured
  // time: not in the CSV; what a paired difference reads. Zero where the scenario does not
  // model the quantity (no gateway, no remote users): SweepAccumulator says which it models.
  double incidents_per_year = 0;
  double user_hours_lost_per_year = 0;
  double pstn_minutes_lost_per_year = 0;
  double remote_user_hours_lost_per_year = 0;
  double pchat_user_hours_lost_per_year = 0;  // Persistent Chat users' hours without chat
  bool operator==(const ReplicationRow&) const = default;
};

// A sweep keeps its replications' rows only when asked: they cost memory in the number of
// replications (120 bytes each), which nothing else in a sweep does.
inline constexpr uint64_t kMaxReplicationRows = 10'000'000;

// The RPO a policy judges in an incident: the worst over the categories its targets cover
// (policy_rpo_category) that have a backup, with stranded windows when
// policy.assume_sites_never_return; nothing when no such data was lost (or counted lost).
std::optional<double> policy_rpo_s(const scenario::Scenario& s, const IncidentMetrics& incident);
// Judges one incident against the policy's targets for its kind of disruption: the RTO when it
// cost users service, the RPO when it did or lost judged data (policy_rpo_s); an incident that
// did neither, or started in the warm-up, is not judged.
void judge_incident(const scenario::Scenario& s, const IncidentMetrics& incident,
                    std::array<Proportion, kDisruptionCount>* rto_met,
                    std::array<Proportion, kDisruptionCount>* rpo_met);
// The RPO a policy judges of one pool's data in an incident (IncidentMetrics.pool_data: the
// losses that named it), by policy_rpo_s's rule; nothing when none of its judged data was lost.
std::optional<double> pool_policy_rpo_s(const scenario::Scenario& s,
                                        const IncidentMetrics& incident, int pool);
// The same rule for each pool (tier) whose users lost full service or whose judged data was
// lost in the incident: the time until all of its users had full service again against the
// RTO target of the incident's kind, and the pool's own judged RPO (pool_policy_rpo_s: the
// data its users lost, not another pool's) against its RPO target. Adds to rto_met[p] and
// rpo_met[p]; to stranded[p] when the pool stranded judged data that a returning site or pool
// brings back (the RPO judged leaves it out: policy.assume_sites_never_return is false).
void judge_pool_incident(const scenario::Scenario& s, const IncidentMetrics& incident,
                         std::vector<Proportion>* rto_met, std::vector<Proportion>* rpo_met,
                         std::vector<uint64_t>* stranded);

// Which modalities the scenario deploys, as the model decides (sim/model/model_access.cpp):
// none without Edge pools; federation (both ways) with a federation route, XMPP with an XMPP
// route, remote sign-in when remote_user_share leaves some pool remote users.
std::array<bool, kModalityCount> deployed_modalities(const scenario::Scenario& s);

// Everything a sweep measures, over all replications so far.
struct SweepAccumulator {
  uint64_t replications = 0;
  double measured_years = 0;  // per replication
  // Over incidents (outside the warm-up) that lost data in the category, when it has a backup
  // or is replicated (the RPO of a category with no backup runs from deployment: no figure).
  std::array<Stat, kCategoryCount> rpo_s;
  // Incidents that lost or stranded data of a category with no backup configured at all.
  std::array<uint64_t, kCategoryCount> no_backup_incidents{};
  // Over incidents that stranded data of the category (its only copy in a pool that was down
  // and came back, or would after the horizon): how long it was unreachable.
  std::array<Stat, kCategoryCount> stranded_s;
  // Over incidents with user impact.
  std::array<Stat, kRtoStageCount> rto_s;
  // The total RTO per kind of disruption (kDisruptions order), over incidents with user impact:
  // a server's and a site's recoveries are different questions.
  std::array<Stat, kDisruptionCount> rto_total_by_disruption;
  // Per replication.
  Stat user_availability{1e12};
  std::vector<Stat> pool_availability;  // per pool
  Stat downtime_s_per_year{1000};       // mean per user
  Stat incidents_per_year{1000};
  Stat events{1};
  // The worst replications, to replay: by downtime per user per year, by the longest incident
  // RTO and by the worst user-data RPO.
  TopReplications worst_downtime{kWorstReplications}, worst_rto{kWorstReplications},
      worst_rpo{kWorstReplications};
  // Per disruption type, the incidents meeting the policy's RTO and RPO targets. Only
  // incidents that hurt someone are judged: the RTO over those with user impact, the RPO over
  // those with user impact or judged data lost (or stranded, with
  // policy.assume_sites_never_return).
  std::array<Proportion, kDisruptionCount> rto_met{};
  std::array<Proportion, kDisruptionCount> rpo_met{};
  std::array<bool, kDisruptionCount> has_rto_target{};
  std::array<bool, kDisruptionCount> has_rpo_target{};
  // Time fractions for the analytic cross-check, per pool: Windows Fabric running, Back End up.
  std::vector<Stat> pool_running;
  std::vector<Stat> backend_available;
  // The PSTN (issue 16), only when the scenario has a gateway (pstn_modelled): incidents
  // (outside the warm-up) in which some users could not place or receive PSTN calls, out of
  // all counted incidents; over those, the time until every user could do both again (the
  // later of the two directions' RTOs; incidents not back by the horizon are counted apart);
  // per replication, the PSTN minutes lost (calls refused or cut off x the mean call
  // duration) per year.
  bool pstn_modelled = false;
  Proportion pstn_impact{};
  Stat pstn_rto_s;
  uint64_t pstn_unrestored_incidents = 0;
  // The policy's modality targets (policy.pstn_rto_s, remote_sign_in_rto_s): of the incidents
  // that cost PSTN calling / remote sign-in outside the warm-up, those back within the target
  // (one not back by the horizon misses). Empty proportions when the target is unset.
  Proportion pstn_target_met{}, remote_sign_in_target_met{};
  Stat pstn_minutes_lost_per_year{1000};
  // Remote access and federation (issue 17), only when the scenario has Edge pools
  // (access_modelled), per modality (Modality order) the scenario deploys (access_deployed:
  // federation needs its route, XMPP its route, remote sign-in some remote users): incidents
  // (outside the warm-up) in which the modality was impaired (degraded or down), out of all
  // counted incidents; over those, the time until it was fully back (incidents not back by the
  // horizon are counted apart); per replication, with remote sign-in deployed, the remote
  // user-hours without sign-in per year.
  bool access_modelled = false;
  std::array<bool, kModalityCount> access_deployed{};
  std::array<Proportion, kModalityCount> access_impact{};
  std::array<Stat, kModalityCount> access_rto_s;
  std::array<uint64_t, kModalityCount> access_unrestored_incidents{};
  Stat remote_user_hours_lost_per_year{1000};
  // Persistent Chat (issue 17), only when the scenario has Persistent Chat pools
  // (pchat_modelled): incidents (outside the warm-up) in which some chat users lost chat other
  // than for a planned failback, out of all counted incidents; over those, the time to restore
  // chat (every user back after the loss, the first time: a failback hours later is not in
  // it; incidents not restored by the horizon are counted apart); over incidents that failed
  // a pool over to its log-shipping secondary, the chat messages lost (summed over pools); per
  // replication, chat users' hours without chat per year (the failbacks' included) and the
  // chat-user-weighted availability of chat.
  bool pchat_modelled = false;
  Proportion pchat_impact{};
  Stat pchat_restore_s;
  uint64_t pchat_unrestored_incidents = 0;
  Stat pchat_messages_lost{1000};
  Stat pchat_user_hours_lost_per_year{1000};
  Stat pchat_availability{1e12};
  // Per pool (tier), in scenario order: judge_pool_incident's shares of incidents meeting the
  // policy's RTO and RPO targets, and the incidents that stranded judged data.
  std::vector<Proportion> pool_rto_met, pool_rpo_met;
  std::vector<uint64_t> pool_rpo_stranded_incidents;
  // Downtime in user-hours, per replication and year: users without full service (the
  // figure a cost per user-hour prices: the pools' users and the branch offices' users); with
  // the PSTN modelled, users unable to place and unable to receive PSTN calls (they overlap
  // the first and each other: not to be added); with branch offices (branches_modelled), the
  // branch users' part of the first (below full service: on the appliance after a WAN loss,
  // signed out, in resiliency mode).
  Stat user_hours_lost_per_year{1000};
  bool branches_modelled = false;
  Stat branch_user_hours_lost_per_year{1000};
  Stat pstn_outbound_user_hours_per_year{1000};
  Stat pstn_inbound_user_hours_per_year{1000};

  // With keep_rows: one ReplicationRow per replication, in replication order after any merge.
  bool keep_rows = false;
  std::vector<ReplicationRow> rows;

  explicit SweepAccumulator(const scenario::Scenario& s, bool keep_rows = false);
  void add(const RunMetrics& m, uint64_t replication, uint64_t events);
  void merge(const SweepAccumulator& o);
  // The flat form MPI sends (its length depends on the rows kept); deserialize() adds
  // nothing, it replaces.
  std::vector<uint64_t> serialize() const;
  void deserialize(const std::vector<uint64_t>& words);

 private:
  // The flat form's layout, written once for both directions (sweep_words.cpp).
  template <class Self, class Io>
  static void transfer(Self& self, Io& io);

  const scenario::Scenario* scenario_;
};

// Named metrics a sweep can stop on (--ci-halfwidth) and compare.
double metric_value(const SweepAccumulator& a, const std::string& name, double* ci_halfwidth);
std::vector<std::string> metric_names();

// `drsim run SCENARIO --seed S --replication K [--set p=v]...`, quoted for a POSIX shell.
std::string replay_command(const std::string& scenario_path, uint64_t seed, uint64_t replication,
                           const std::vector<std::string>& sets);

}  // namespace drsim
