// The model's dynamic state: what each pool, routing group, Back End and Edge pool is doing
// now. Plain data; the Model's handlers (model_*.cpp) change it and log every change.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/event_queue.h"
#include "sim/model/backup_direction.h"
#include "sim/time.h"

namespace drsim {

// A user group's service level (sfb-hadr 4.1, 4.2, 5.4), best first.
enum class ServiceLevel : uint8_t {
  kFull = 0,        // all services
  kResiliency = 1,  // signed in, no persistent changes
  kVoiceOnly = 2,   // registered on the backup registrar: voice and 2-party IM only
  kSignedOut = 3,   // no service
};
inline constexpr int kServiceLevelCount = 4;
const char* service_level_name(ServiceLevel l);

// A pool's disaster-recovery state (sfb-hadr Corrections 6: PoolState Active, FailingOver,
// FailedOver, FailedBack; "failing back" is drsim's own). A finished failback leaves the
// pool FailedBack, as the product reports it; it homes its users as an Active pool does.
enum class DrState : uint8_t { kActive, kFailingOver, kFailedOver, kFailingBack, kFailedBack };
const char* dr_state_name(DrState s);
// The pool serves its own users: Active, or FailedBack after a completed failback.
inline bool is_home(DrState s) { return s == DrState::kActive || s == DrState::kFailedBack; }

// Data categories as in proto DataCategory, dense from 0.
enum class Category : uint8_t {
  kUserData,
  kConferenceContent,
  kCms,
  kResponseGroups,
  kLis,
  kCallPark,
  kAnnouncements,
  kMonitoringArchiving,
};
inline constexpr int kCategoryCount = 8;
const char* category_name(Category c);

struct RoutingGroup {
  std::vector<int> replicas;  // Front End indices within the pool; replicas[0] is the primary
  int64_t users = 0;
  bool quorum_loss = false;
  Instant quorum_loss_since;
  EventId rebuild;  // pending replica rebuild or quorum recovery
  ServiceLevel level = ServiceLevel::kFull;
  bool over_capacity = false;  // above its serving pool's capacity (over_capacity = RESILIENCY)
  Instant level_since;
  std::array<Duration, kServiceLevelCount> time_at{};  // accumulated time at each level
};

struct BackEndState {
  int principal = -1;  // index into the pool's SQL servers now serving
  bool available = true;
  Instant unavailable_since;
  bool threshold_passed = false;  // BackupStoreUnavailableThreshold elapsed
  EventId threshold_timer;
  EventId failover_timer;  // automatic failover in progress
};

// Everything a pool's routing groups and service levels are derived from. When it has not
// changed since the last event, the derivation is skipped: most events (a repair elsewhere,
// a timer of another pool) touch one pool at most.
struct PoolInputs {
  uint64_t fe_up_bits = 0;
  uint32_t rg_version = 0;
  uint8_t flags =
      0;  // running, serving, registrar, threshold, backup serving, backup threshold, clients
  DrState dr = DrState::kActive;
  bool operator==(const PoolInputs&) const = default;
};

// What a pool's users can do on the PSTN now (model_pstn.cpp): how many can place and
// receive PSTN calls, through which trunk, after how many unanswered trunks.
struct PstnPath {
  int64_t signed_in = 0;  // users registered somewhere (home pool, backup registrar or pool)
  int64_t outbound = 0;   // users able to place an outbound PSTN call
  int64_t inbound = 0;    // users able to receive an inbound PSTN call
  int registrar = -1;     // the pool their registrar is on (-1 when nobody is signed in)
  int out_trunk = -1;     // the trunk outbound calls connect through, -1 when none
  int in_trunk = -1;      // the trunk inbound calls arrive through, -1 when none
  int unanswered = 0;     // dead trunks an outbound call waits out before out_trunk
  bool operator==(const PstnPath&) const = default;
};

// A branch appliance's users (model_branch.cpp): where they are registered and at what
// service level, their PSTN calling, and the registrar timer running.
// Outbound routing's view of one trunk, or of a branch appliance's own gateway
// (model_pstn.cpp): since when it could not carry calls, and whether the Mediation Server has
// marked it down (after trunk_down_detection_s), so that calls skip it without the timer.
struct TrunkMark {
  Instant dead_since = Instant::never();
  bool marked_down = false;
  EventId timer;  // marks it down when it fires
};

struct ApplianceState {
  bool detected = false;   // the backup Registrar has missed the appliance's heartbeats
  bool on_backup = false;  // registered on the backup Registrar (the appliance failed)
  EventId timer;           // failure detection or failback
  ServiceLevel level = ServiceLevel::kFull;
  PstnPath pstn;
  // The incident outcome open for its users (BranchOutcome), and since when it was accounted.
  int outcome_incident = -1;
  int outcome_index = -1;
  Instant outcome_mark;
  bool outcome_on_backup = false;  // on the backup Registrar since the mark
};

struct PoolState {
  std::vector<bool> fe_up;
  uint64_t fe_up_bits = 0;  // the same, as a bit mask (pools have at most 16 servers)
  int fe_running = 0;
  bool running = true;  // Windows Fabric pool-level quorum held
  Instant stopped_since;
  bool awaiting_recovery = false;  // stopped, above functional but below first-start quorum
  DrState dr = DrState::kActive;
  Instant failed_over_at;      // when the last failover completed
  int failover_incident = -1;  // the incident the last pool failover answered
  bool registrar_on_backup = false;
  EventId registrar_timer;
  Instant clients_back_at;  // users signing back in until then (resiliency)
  EventId clients_timer;
  Duration persistence_phase;  // fabric -> Back End lazy writes at phase + k * interval
  std::vector<RoutingGroup> rgs;
  BackEndState be;
  bool operation_in_progress = false;  // a failover or failback is running
  // Measured time with the fabric running and with the Back End available (for the
  // analytic cross-check), and when each state last changed.
  Duration running_time, backend_up_time;
  Instant running_mark, backend_mark;
  // Bumped whenever a routing group's replicas or quorum state change.
  uint32_t rg_version = 0;
  // What the routing groups and service levels were last derived from.
  PoolInputs rg_inputs, level_inputs;
  bool derived_once = false;
  bool all_full = true;  // every user of the pool at full service, as last derived
  // The pool's outcome in the incident its impact belongs to (model_users.cpp): which
  // incident and outcome, the users at each level since outcome_mark.
  int outcome_incident = -1;
  int outcome_index = -1;
  std::array<int64_t, kServiceLevelCount> outcome_users{};
  Instant outcome_mark;
  int64_t full_users = 0;  // users at full service, as last derived (they make the writes)
  std::array<int64_t, kServiceLevelCount> level_users{};  // users per level, as last derived
  // The PSTN (model_pstn.cpp): the path now, since when its demand was last accounted, and the
  // outcome in the incident it belongs to.
  PstnPath pstn;
  Instant pstn_mark;
  int pstn_incident = -1;
  int pstn_outcome = -1;
  // Capacity (model_capacity.cpp): active users carried now, what the running servers hold.
  bool over_capacity = false;
  Instant over_capacity_since;
  int64_t carried_users = 0;
  int64_t capacity = 0;
  // Data stranded while the pool is down (model_stranded.cpp): since when, for which
  // incident, and per category the writes at risk: made since strand_from, at strand_rate
  // writes per second (0 once a disaster failover wrote them off).
  Instant strand_since = Instant::never();
  int strand_incident = -1;
  std::array<Instant, kCategoryCount> strand_from{};
  std::array<double, kCategoryCount> strand_rate{};
  std::array<bool, kCategoryCount> strand_since_deployment{};
};

// One direction of the Backup Service between paired pools.
struct BackupLink {
  int source = -1;  // pool index
  int target = -1;  // pool index
  int link = -1;    // component id of the WAN link between their sites, or -1
  BackupDirection direction;
  EventId next;  // its pending event in stepped mode
  Instant next_at = Instant::never();
  // What the last backup.status record said, so that a record is written on any change.
  BackupStatus logged_status = BackupStatus::kSteady;
  bool logged_path_up = true;
  double logged_growth_bytes_per_s = 0;
};

struct EdgeState {
  int site = -1;      // component id
  int next_hop = -1;  // pool index
};

// What users outside the network and federated partners can do (model_access.cpp,
// sfb-hadr 5.2, 5.3): remote users sign in through an Edge pool (and a Director pool when
// there are any); outbound federation leaves through the published route's Edge pool,
// inbound arrives through any Edge pool in SRV order; XMPP goes through its own route.
// Conferencing with content (model_content.cpp, sfb-hadr 5.6) is every user's: meetings with
// content need the serving pool's file store, and PowerPoint its Office Web Apps farm.
enum class Modality : uint8_t {
  kRemoteSignIn,
  kFederationOut,
  kFederationIn,
  kXmpp,
  kConferencingContent,
  // A/V and web conferencing of remote users and federated partners, relayed by the Edge
  // pool their Front End pool is associated with (model_access.cpp).
  kRemoteMedia,
};
inline constexpr int kModalityCount = 6;
const char* modality_name(Modality m);  // "remote_sign_in", "federation_out", ...
enum class AccessLevel : uint8_t { kOk, kDegraded, kDown, kNotDeployed };
const char* access_level_name(AccessLevel l);  // "ok", "degraded", "down", "not_deployed"

// A file store's or Office Web Apps farm's state as last derived (model_content.cpp).
struct ContentStoreState {
  bool serving = false;
  int member = -1;          // file store: the DFS member users write to (index into servers)
  Instant member_since;     // since when writes go to it
  int64_t users = 0;        // users whose meetings use it, as last derived
  double writes_per_s = 0;  // conference content they write to it
  // The pools whose meetings write to it, as last derived: whose data its losses are.
  std::vector<int> writer_pools;
};

// Meeting content for every pool's users (model_content.cpp): who can hold meetings with
// content (their serving pool's file store serves, and its farm where one is associated).
struct ContentState {
  std::vector<ContentStoreState> stores, farms;
  int64_t users = 0;          // users of pools with a file store
  int64_t with_content = 0;   // of them, with full meeting content now
  int64_t no_content = 0;     // in meetings without the file store's content
  int64_t no_powerpoint = 0;  // with content but without PowerPoint sharing
};

struct AccessState {
  std::vector<bool> edge_serving;  // per Edge pool, as last derived
  std::vector<bool> director_up;   // per Director pool
  // Where remote clients are signed in through now (-1: nowhere); a stopped one is left
  // after the client retry time, for the first running one in DNS SRV order.
  int remote_edge = -1, remote_director = -1;
  EventId retry_timer;
  int federation_edge = -1, xmpp_edge = -1;  // the routes now (-1: not deployed)
  // Per Front End pool, the Edge pool it is associated with for media (-1: none), and of the
  // remote users, those whose meetings' pool has its media Edge running.
  std::vector<int> media_edge;
  int64_t media_users_ok = 0;
  int64_t logged_media_users = -1;
  std::array<AccessLevel, kModalityCount> level{};
  std::array<std::string, kModalityCount> via{};  // as last logged
  std::array<AccessLevel, kModalityCount> logged_level{};
  int64_t logged_remote_signed_in = -1;
  int64_t logged_content_users = -1;
  bool logged_once = false;
  int64_t remote_users = 0;      // users of every pool who connect from outside
  int64_t remote_signed_in = 0;  // of them, signed in now
  bool nominal = true;           // every modality as deployed and every remote user signed in
  // The incident the current impairment belongs to and its outcome, accounted since `mark`.
  int incident = -1;
  int outcome = -1;
  Instant mark;
};

}  // namespace drsim

namespace drsim {

// A Persistent Chat pool (model_persistent_chat.cpp; sfb-hadr 5.1, sfb-other-roles 5): the
// product's pool state (Normal or FailedOver), which database and which servers it uses, the
// users moving off a failed server, and the log-shipping point of its secondary database.
enum class PchatLevel : uint8_t { kOk, kDegraded, kDown };
const char* pchat_level_name(PchatLevel l);  // "ok", "degraded", "down"

struct PersistentChatState {
  bool failed_over = false;           // PoolState FailedOver: it uses the secondary database
  bool secondary_restored = false;    // RESTORE ... WITH RECOVERY ran: log shipping ended
  bool on_mirror = false;             // the primary database's mirror is principal
  bool standby_active = false;        // Set-CsPersistentChatActiveServer -Swap flipped the lists
  bool switching = false;             // failback's restore over the primary runs: servers stopped
  bool switching_since_mark = false;  // `switching` as it held from `mark` to now
  EventId mirror_timer;               // automatic mirror failover (a witness) under way
  // Users of failed active servers, moving to the others until reconnect_timer fires.
  int active_running = 0;  // active servers running and reaching the database, as derived
  int64_t reconnecting = 0;
  EventId reconnect_timer;
  // Derived now.
  bool db_reachable = false;
  int64_t users_served = 0;
  PchatLevel level = PchatLevel::kOk;
  // Log shipping: the principal database writes messages; the secondary holds every message
  // posted up to shipped_until. `history` holds (instant, messages posted by then, messages
  // per second from then) from the last point at or before shipped_until on.
  bool writing = false;  // the pool serves on its primary database (or its mirror)
  Instant writing_since;
  Instant shipped_until;
  Instant stopped_writing_at = Instant::never();
  struct Point {
    Instant at;
    double posted = 0;
    double rate_per_s = 0;
  };
  std::vector<Point> history;
  // Logging: what the last pchat.pool record said.
  bool logged_once = false;
  PchatLevel logged_level = PchatLevel::kOk;
  int64_t logged_users = -1;
  std::string logged_db, logged_servers;
  // The incident its impairment belongs to and the outcome's index in it, since `mark`.
  int incident = -1;
  int outcome = -1;
  Instant mark;
};

}  // namespace drsim
