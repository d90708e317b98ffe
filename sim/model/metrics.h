// What a run measured: per incident RPO and RTO stages, per pool availability. The model
// fills these online (sweeps keep no logs) and also writes them to the event log as
// incident.end / incident.open and pool.summary records, so that reports read them from the
// log alone. Formulas: docs/glossary.md.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/state.h"
#include "sim/time.h"

namespace drsim {

// What one pool's users went through in an incident: how many lost full service at most,
// user-seconds at each level below full, and when they all had full service again.
struct PoolOutcome {
  int pool = -1;
  int64_t users_affected = 0;
  std::array<double, kServiceLevelCount> user_seconds{};  // [kFull] unused
  Instant restored = Instant::never();  // never while some of its users lack full service
};

// The data of one pool's users lost or stranded in an incident (IncidentMetrics.pool_data), as
// IncidentMetrics holds the incident's: what the pool's own RPO is judged from. Content lost
// from a file store counts for every pool whose meetings wrote to it; the CMS for the pool
// that hosts it.
struct PoolDataOutcome {
  int pool = -1;
  std::array<bool, kCategoryCount> lost{};
  std::array<Duration, kCategoryCount> rpo{};
  std::array<bool, kCategoryCount> stranded{};
  std::array<Duration, kCategoryCount> stranded_window{};
  std::array<bool, kCategoryCount> since_deployment{};
};

// What one pool's users lost of the PSTN in an incident (model_pstn.cpp). Calls are expected
// counts from the call-arrival rates (ModelParameters pstn_*): attempts that could not be
// placed or received, calls cut off when their path failed, and outbound calls that waited
// out the fast-failover timer on a dead trunk before connecting through the next.
struct PstnOutcome {
  int pool = -1;
  int64_t outbound_users_lost = 0;  // most users unable to place a PSTN call at once
  int64_t inbound_users_lost = 0;   // most users unable to receive one
  // Most users signed in (on their home pool, or voice only on the backup registrar) who could
  // call colleagues but not the PSTN: registered, with no route reaching a working trunk.
  int64_t colleagues_only_users = 0;
  double outbound_user_s = 0;  // user-seconds unable to place one
  double inbound_user_s = 0;
  double calls_failed = 0;    // refused, failed on every trunk, or cut off
  double calls_rerouted = 0;  // connected after the fast-failover timer moved them
  double minutes_lost = 0;    // calls_failed x the mean call duration
  // When every user could place (receive) PSTN calls again, an outbound call's post-dial
  // wait included; never while some cannot, or when they never lost it.
  bool outbound_lost = false, inbound_lost = false;
  Instant outbound_restored = Instant::never();
  Instant inbound_restored = Instant::never();
};

// What users outside and federated partners lost in an incident (model_access.cpp), per
// modality: how long it was not fully available, and for remote sign-in the users who could
// not sign in (their pool down, or no Edge or Director path) and user-seconds of that.
struct AccessOutcome {
  std::array<bool, kModalityCount> lost{};
  std::array<Duration, kModalityCount> impaired{};  // degraded or down
  std::array<Instant, kModalityCount> restored{Instant::never(), Instant::never(), Instant::never(),
                                               Instant::never(), Instant::never(), Instant::never()};
  int64_t remote_users_lost = 0;  // most remote users unable to sign in at once
  double remote_user_s = 0;
  int64_t media_users_lost = 0;  // most remote users without their media Edge at once
  // Conferencing with content: the most users without full meeting content at once, their
  // user-seconds, content lost to DFS replication lag when a file server died (writes), and
  // content written since the last file-store backup on stores that lost every member.
  int64_t content_users_lost = 0;
  double content_user_s = 0;
  double content_lost_writes = 0;
  double content_at_risk_writes = 0;
};

// What one branch appliance's users went through in an incident (model_branch.cpp): user-
// seconds at each level below full (voice only = the branch feature set on the appliance,
// with its PSTN: a WAN loss; signed out = the appliance lost, before the backup Registrar
// takes them; resiliency = the central pool down), user-seconds unable to place or receive
// PSTN calls, and when they all had full service and PSTN calling again.
struct BranchOutcome {
  int appliance = -1;
  int64_t users = 0;
  std::array<double, kServiceLevelCount> user_seconds{};  // [kFull] unused
  double pstn_outbound_user_s = 0, pstn_inbound_user_s = 0;
  double on_backup_user_s = 0;  // registered on the central backup Registrar
  // PSTN calls refused or cut off, at the branch's central backup pool's call demand (its
  // pstn_*_calls_per_user_per_hour, active share and mean call duration), and the minutes
  // they would have lasted.
  double calls_failed = 0, minutes_lost = 0;
  // Some could not place (outbound) or receive (inbound) PSTN calls, and when all could again.
  bool outbound_lost = false, inbound_lost = false;
  Instant outbound_restored = Instant::never(), inbound_restored = Instant::never();
  Instant restored = Instant::never();
};

// What a Persistent Chat pool's users lost in an incident (model_persistent_chat.cpp): how long
// some were without chat, the most at once, user-seconds, and when all were back; the chat
// messages a failover to the log-shipping secondary lost (posted after the last shipped log
// backup). The compliance database is not failed over (D-PCMAN): the reports say so.
// The planned failback, hours later in the same incident, is measured apart from the loss:
// `first_restored` is when every user had chat again after the loss (the time to restore
// chat), the failback_* figures the outage the failback's restore over the primary causes.
// One figure until the failback ends would hide a 1.5-hour restore inside a 9-hour one.
struct PersistentChatOutcome {
  int pool = -1;     // index into the scenario's persistent_chat_pools
  Duration without;  // all of it, the failback's included
  int64_t users_lost = 0;
  double user_s = 0;
  Instant restored = Instant::never();        // last return of every user (never: not by the end)
  bool had_loss = false;                      // users lost chat other than for the failback
  Instant first_restored = Instant::never();  // first return of every user after that loss
  Duration failback_without;                  // chat stopped by the planned failback
  Instant failback_start = Instant::never(), failback_end = Instant::never();
  bool failed_over = false;  // the secondary database was restored with recovery
  double messages_lost = 0;
  Duration loss_window;  // from the last shipped log backup to the last message posted
};

struct IncidentMetrics {
  int id = 0;
  std::string cause;       // the first fault's component
  std::string disruption;  // server, back_end, pool, site or link (policy targets)
  Instant start;
  bool in_warm_up = false;              // started before the warm-up ended: not counted
  Instant end = Instant::never();       // never while open
  Instant restored = Instant::never();  // first instant all users had full service again
  bool had_impact = false;              // some users lost full service
  int faults_open = 0;
  // Admin stages.
  Instant detect_at = Instant::never();
  Instant decide_at = Instant::never();
  Instant last_action_end = Instant::never();  // last successful runbook action's end
  int cmdlet_errors = 0;
  Duration admin_time_lost;  // time spent on cmdlets that failed
  // Capacity: time with some pool carrying more active users than its running servers
  // hold, and the largest excess (users).
  Duration over_capacity;
  int64_t over_capacity_users_max = 0;
  // Data loss per category.
  std::array<bool, kCategoryCount> lost{};
  std::array<Duration, kCategoryCount> rpo{};
  std::array<double, kCategoryCount> lost_writes{};  // expected count, summed before rounding
  // Data stranded: writes whose only copy was in a pool that was down and came back (or is
  // still down at the horizon with a repair to come): the largest window of such writes,
  // their expected count, and for how long they were unreachable at most.
  std::array<bool, kCategoryCount> stranded{};
  std::array<Duration, kCategoryCount> stranded_window{};
  std::array<double, kCategoryCount> stranded_writes{};
  std::array<Duration, kCategoryCount> unreachable{};
  std::array<bool, kCategoryCount> stranded_open{};  // still unreachable at the horizon
  // The lost or stranded window runs from deployment: the category has no backup at all.
  std::array<bool, kCategoryCount> since_deployment{};

  // RTO stages, derived once restored (or at the horizon); they add up to `total`. After
  // the decision the time goes to `execute` and `clients_back` when the admin's actions
  // brought service back; to `awaiting_repair` when service came back by itself (repair,
  // automatic recovery) with no successful action; to `nobody_acted` when it had not come
  // back by the horizon and no action had succeeded, `nobody_acted_reason` saying why.
  Duration detect, decide, execute, clients_back, awaiting_repair, nobody_acted, total;
  std::string nobody_acted_reason;
  // Per pool whose users lost full service, in the order they did.
  std::vector<PoolOutcome> pools;
  // Per pool whose data was lost or stranded, in the order it was.
  std::vector<PoolDataOutcome> pool_data;
  // Per pool whose users lost some PSTN calling (only when the scenario models the PSTN).
  std::vector<PstnOutcome> pstn;
  // Remote access and federation, when the scenario has Edge pools and some was impaired.
  bool has_access = false;
  AccessOutcome access;
  // Persistent Chat pools whose users lost chat, or that failed over, in the incident.
  std::vector<PersistentChatOutcome> pchat;
  // Per branch appliance whose users lost full service or PSTN calling, in the order they did.
  std::vector<BranchOutcome> branches;
};

struct PoolMetrics {
  std::string fqdn;
  int64_t users = 0;
  double availability = 1;  // user-weighted fraction of time at full service
  double downtime_s = 0;    // mean per user time without full service
  double resiliency_s = 0;  // mean per user time in resiliency mode
  std::array<double, kServiceLevelCount> user_seconds{};  // summed over users
  double running_fraction = 1;                            // Windows Fabric pool-level quorum held
  double backend_available_fraction = 1;                  // the Back End available
};

struct RunMetrics {
  std::vector<IncidentMetrics> incidents;
  std::vector<PoolMetrics> pools;
  double user_availability = 1;
  Duration horizon;
  Instant warm_up;    // statistics cover [warm_up, horizon)
  Duration measured;  // horizon - warm_up
};

// Derives the RTO stages of an incident whose service came back at `restored_or_end`.
void derive_rto(IncidentMetrics& m, Instant restored_or_end);

}  // namespace drsim
