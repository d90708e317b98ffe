// The report of one run, read from its event log alone: incidents with RPO per data category
// and RTO stages (incident.end / incident.open records), pools with availability
// (pool.summary records). Writers turn it into JSON (docs/report-schema.md) and text.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "log/log_file.h"
#include "proto/scenario.pb.h"

namespace drsim {

// The kinds of disruption an incident can be (incident.start's `disruption`), in the order
// reports and sweeps list them.
inline constexpr const char* kDisruptions[] = {"server", "back_end", "pool", "site", "link"};
inline constexpr int kDisruptionCount = 5;
// The policy's target for a kind of disruption (kDisruptions order), or nullptr.
const scenario::Policy::Target* policy_target(const scenario::Policy& p, int disruption);
int disruption_index(const std::string& disruption);  // -1 when unknown

struct IncidentReport {
  int id = 0;
  std::string cause;
  std::string disruption;
  double start_s = 0;
  std::optional<double> restored_s;
  bool open = false;
  // Every data category in a fixed order, with 0 where nothing was lost.
  std::vector<std::pair<std::string, double>> rpo_s;
  std::vector<std::pair<std::string, int64_t>> lost_writes;  // rounded, as incident.end has them
  // The expected writes lost, unrounded: the sum of the incident's data.loss records (what a
  // person reads: "<1 write lost" rather than "1" for half a write, or "0" beside an RPO).
  std::vector<std::pair<std::string, double>> lost_writes_expected;
  double detect_s = 0, decide_s = 0, execute_s = 0, clients_back_s = 0, total_s = 0;
  // The rest of the RTO when no action brought service back: it came back by itself
  // (awaiting repair), or had not by the horizon (nobody acted, and why).
  double awaiting_repair_s = 0, nobody_acted_s = 0;
  std::string nobody_acted_reason;
  // Writes whose only copy was in a pool that was down and came back (or will, after the
  // horizon): per category with any, the window of such writes, their expected count, how
  // long they were unreachable and whether they still were at the horizon.
  struct Stranded {
    std::string category;
    double window_s = 0, writes = 0, unreachable_s = 0;
    bool open = false;
  };
  std::vector<Stranded> stranded;
  // Categories whose lost or stranded window runs from deployment: no backup configured.
  std::vector<std::string> no_backup;
  int64_t cmdlet_errors = 0;
  double admin_time_lost_s = 0;
  // Capacity (sfb-hadr 1.8): time with some pool carrying more active users than its running
  // Front Ends hold, and the largest excess; 0 when no pool was over capacity.
  double over_capacity_s = 0;
  int64_t over_capacity_users_max = 0;
  // Per pool whose users lost full service (incident.pool), in the order they did: how many,
  // user-seconds at each level below full, and the RTO of that pool's users (absent while
  // some of them still lacked full service at the end).
  struct Pool {
    std::string fqdn;
    int64_t users_affected = 0;
    double resiliency_user_s = 0, voice_only_user_s = 0, signed_out_user_s = 0;
    std::optional<double> rto_s;
  };
  std::vector<Pool> pools;
  // The PSTN (when the scenario models it): per pool whose users lost some PSTN calling
  // (incident.pstn records), and the incident's totals (incident.end). Calls are expected
  // counts from the call-arrival rates; an RTO is absent when that direction was not lost, or
  // not back by the horizon (`*_restored` false).
  struct Pstn {
    std::string pool;
    int64_t outbound_users_lost = 0, inbound_users_lost = 0, colleagues_only_users = 0;
    double outbound_user_s = 0, inbound_user_s = 0;
    double calls_failed = 0, calls_rerouted = 0, minutes_lost = 0;
    std::optional<double> outbound_rto_s, inbound_rto_s;
  };
  std::vector<Pstn> pstn;
  // Per branch appliance whose users lost full service or PSTN calling (incident.branch): the
  // branch, its users, mean time per user at each level below full (voice only = the branch
  // feature set on the appliance, its PSTN included; signed out = waiting for the backup
  // Registrar; resiliency = the central pool down), on the central backup Registrar, and
  // unable to place or receive PSTN calls; their RTO (full service and PSTN back), absent
  // when not back by the incident's end.
  struct Branch {
    std::string appliance, branch;
    int64_t users = 0;
    double voice_only_s = 0, resiliency_s = 0, signed_out_s = 0, on_backup_s = 0;
    double pstn_outbound_lost_s = 0, pstn_inbound_lost_s = 0;
    double pstn_calls_failed = 0, pstn_minutes_lost = 0;
    std::optional<double> pstn_outbound_rto_s, pstn_inbound_rto_s, rto_s;
  };
  std::vector<Branch> branches;
  double pstn_calls_failed = 0, pstn_calls_rerouted = 0, pstn_minutes_lost = 0;
  std::optional<double> pstn_outbound_rto_s, pstn_inbound_rto_s;
  // Remote access and federation (incident.access records, when the scenario has Edge
  // pools): per modality impaired in the incident (kAccessModalities order), for how long,
  // and when it was back (absent: not back by the end). Remote sign-in also has the most
  // remote users unable to sign in at once and their user-seconds without it.
  struct Access {
    std::string modality;  // remote_sign_in, federation_out, federation_in, xmpp
    double impaired_s = 0;
    int64_t users_lost = 0;
    double user_s = 0;
    std::optional<double> rto_s;
  };
  std::vector<Access> access;
  // Conferencing with content (the incident.access record for conferencing_content, when the
  // scenario has file stores): how long users' meetings lacked content or PowerPoint, the
  // most users without it at once and their user-seconds, when it was back (absent: not back
  // by the end, unless kept), and content lost to DFS replication lag or at risk since the
  // last file-store backup (writes).
  struct Content {
    double impaired_s = 0;
    int64_t users_lost = 0;
    double user_s = 0;
    double lost_writes = 0, at_risk_writes = 0;
    bool kept = false;  // meetings kept their content throughout; only data was lost
    std::optional<double> rto_s;
  };
  std::optional<Content> content;
  // Persistent Chat (incident.pchat records): per pool whose users lost chat or that failed
  // over to its log-shipping secondary: how long some users were without chat, the most at
  // once, user-seconds, the time to restore chat after the loss (rto_s; absent: not restored,
  // or only the failback stopped chat), the planned failback's outage apart, whether all were
  // back by the end, and for a failover the messages lost (posted after the last shipped log
  // backup). The compliance database is not failed over (D-PCMAN), whatever the figures.
  struct PersistentChat {
    std::string pool;
    double without_s = 0;  // the failback's outage included
    int64_t users_lost = 0;
    double user_s = 0;
    bool failed_over = false;
    double messages_lost = 0, loss_window_s = 0;
    std::optional<double> rto_s;
    std::optional<double> failback_without_s, failback_start_s, failback_end_s;
    bool back = true;  // every user had chat again by the incident's end
  };
  std::vector<PersistentChat> pchat;
};

// The modalities of users outside and of federated partners, in report order, and their
// names for people.
inline constexpr const char* kAccessModalities[] = {"remote_sign_in", "remote_media",
                                                    "federation_out", "federation_in", "xmpp"};
const char* access_modality_text(const std::string& modality);  // "remote sign-in", ...
// Meeting content's modality (sim/model/state.h, Modality::kConferencingContent): reported
// in a table of its own, not with the modalities of users outside.
inline constexpr const char* kContentModality = "conferencing_content";

struct PoolReport {
  std::string fqdn;
  int64_t users = 0;
  double availability = 1;
  double downtime_s = 0;
  double resiliency_s = 0;
};

struct RunReport {
  log::Header header;
  std::vector<IncidentReport> incidents;
  std::vector<PoolReport> pools;
  double user_availability = 1;
  // The scenario models the PSTN (the log has pstn.users records): without it the reports
  // say "PSTN not modelled" rather than print zero users able to call.
  bool pstn_modelled = false;
  // The scenario has Edge pools (the log has access.modality records), and the modalities it
  // deploys (federation and XMPP need a route): the others are "not deployed", not zero.
  bool access_modelled = false;
  std::vector<std::string> access_deployed;
  // The scenario has file stores (the log has access.modality records for
  // conferencing_content): without them meeting content is "not modelled", not zero.
  bool content_modelled = false;
  // The scenario's Persistent Chat pools (from pchat.pool records): none, "not deployed".
  std::vector<std::string> pchat_pools;
};

// The data categories, in report order.
const std::vector<std::string>& category_names();

// Whether a policy's RPO target applies to a category: the ones the Backup Service replicates
// (user data, conference content, CMS, and Response Groups when replicated). Data that is never
// replicated has its own RPO in the reports but is not held to the failover target.
bool policy_rpo_category(const std::string& category, bool rgs_replicated);

// Whether some users lost full service in the incident: its restoration was logged, or its
// RTO so far is above zero (the model measures no RTO for an incident without user impact).
bool had_user_impact(const IncidentReport& incident);
// Whether some users could not place or receive PSTN calls in the incident (incident.pstn):
// calling can be lost while every user keeps full service (a gateway lost, no route left).
bool lost_pstn(const IncidentReport& incident);
// Whether users outside or federated partners lost some modality in the incident.
bool lost_access(const IncidentReport& incident);
// Meetings lacked content or PowerPoint in the incident (not only data lost).
bool lost_content(const IncidentReport& incident);
// Some Persistent Chat users lost chat other than for a planned failback.
bool lost_pchat(const IncidentReport& incident);
// What an incident that left every user at full service still took, in words ("PSTN
// calling", "remote access or federation", "meeting content", "Persistent Chat", joined by
// commas; `pstn` names the PSTN's part); "" when nothing.
std::string lost_beyond_service(const IncidentReport& incident, const char* pstn);
// Whether a category has no backup configured (its figures run from deployment).
bool has_no_backup(const IncidentReport& incident, const std::string& category);
// Whether any data category lost writes.
bool lost_data(const IncidentReport& incident);
// The worst RPO over the categories a policy's RPO target covers (policy_rpo_category); the
// category behind it in `category` ("" when nothing there was lost).
// With `stranded_as_lost` (policy.assume_sites_never_return), data stranded in those categories
// counts too, its window as the RPO; categories with no backup configured never do.
double policy_rpo_max_s(const IncidentReport& incident, bool rgs_replicated,
                        std::string* category = nullptr, bool stranded_as_lost = false);
// The worst RPO over every category, replicated or not.
double rpo_max_s(const IncidentReport& incident);

RunReport summarize_log(const LogFile& log);
// "no writes lost", "<1 write lost", "1 write lost", "1,033 writes lost": an expected count
// of lost writes for people, rounded to the nearest whole write from one up.
std::string writes_count_text(double expected);  // "1,067 writes", "<1 write"
std::string writes_lost_text(double expected);
// The count alone, for a table whose column says "writes lost": "0", "<1", "1", "1,033".
std::string writes_lost_count(double expected);

}  // namespace drsim
