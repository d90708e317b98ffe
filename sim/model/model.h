// The Skype for Business Server HA/DR model as an event handler on the engine.
//
// Components (sites, links, servers) fail and are repaired; from their states the model
// derives each pool's Windows Fabric quorum and routing groups (model_fabric.cpp), its Back
// End's availability per HA mode (model_back_end.cpp), the Backup Service between paired
// pools (model_backup.cpp), the admin's runbook of cmdlets (model_runbook.cpp), every
// routing group's service level (model_users.cpp) and incidents with their RPO and RTO
// (model_incidents.cpp). Every change is an event-log record. Rules cite sections of
// ../shared/domain/sfb-hadr.md; parameters the documents leave open are in docs/model.md.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "proto/scenario.pb.h"
#include "sim/engine.h"
#include "sim/event_log.h"
#include "sim/model/metrics.h"
#include "sim/model/state.h"
#include "sim/model/topology.h"
#include "sim/random.h"

namespace drsim {

// Event kinds the model schedules (EventPayload::kind).
enum class EventKind : uint32_t {
  kFaultStart = 1,    // target = fault index
  kFaultEnd,          // target = fault index
  kRunbookStep,       // target = runbook step index: the admin starts the step
  kCmdletDone,        // target = runbook step index, arg = 1 if it succeeded
  kRebuild,           // target = pool, arg = routing group
  kBackEndThreshold,  // target = pool
  kBackEndFailover,   // target = pool
  kRegistrarTimer,    // target = pool
  kClientsBack,       // target = pool
  kBackupCycle,       // target = backup link index
  kAdminDetect,       // target = incident index
  kAdminDecide,       // target = incident index
  kRandomFail,        // target = component
  kRandomRepair,      // target = component
  kMaintenanceStart,  // target = maintenance window
  kMaintenanceEnd,    // target = maintenance window
  kBranchTimer,       // target = branch appliance: failure detection or failback
  kAccessRetry,       // remote clients give up on a stopped Edge or Director pool
  kTrunkMarkDown,     // target = trunk, or trunks + appliance for its own gateway
  kPchatTimer,        // target = Persistent Chat pool, arg = mirror failover (0), reconnect (1)
};

struct ModelOptions {
  bool always_step_backup = false;  // turn off the Backup Service's analytic shortcut
  int extra_logged_cycles = 2;      // cycles stepped after a disturbance, for the timeline
};

class Model : public EventHandler {
 public:
  Model(const scenario::Scenario& scenario, const RandomStreams& streams, EventLog* log,
        ModelOptions options = {});

  void start(Engine& engine);
  void handle(Engine& engine, const Event& event) override;
  // Closes the books at the horizon: open incidents, time at each service level.
  void finish(Instant end);

  const Topology& topology() const { return topology_; }
  const RunMetrics& metrics() const { return metrics_; }
  // The run opened more incidents than the scenario's max_incidents and was stopped: the
  // per-incident measures are the memory a run (and a sweep's replication) grows by.
  bool is_incident_limit_reached() const { return metrics_.incidents.size() > max_incidents_; }
  bool is_up(int component) const { return down_causes_[static_cast<size_t>(component)] == 0; }
  const PoolState& pool(int p) const { return pools_[static_cast<size_t>(p)]; }
  const std::vector<BackupLink>& backup_links() const { return backup_; }
  int cms_pool() const { return cms_pool_; }
  uint64_t backup_cycles_stepped() const;

 private:
  // model.cpp: faults and component states.
  void fault_start(Engine& e, int fault);
  void fault_end(Engine& e, int fault);
  void change_down_causes(Engine& e, int component, int delta, const char* cause);
  void set_down(Engine& e, int component, int delta, const char* cause);
  // Re-derives everything that depends on component states, after any change.
  void reevaluate(Engine& e);
  // Adds the time since `mark` (clipped to the warm-up) to `total` if `was_on`; moves the mark.
  void account(Duration& total, Instant& mark, bool was_on, Instant now) const;

  // model_fabric.cpp: Front Ends, pool quorum, routing groups.
  void init_fabric(int p);
  // The distinct replica sets routing groups are dealt, in order (replica_placement).
  std::vector<std::array<int, 3>> replica_sets(int p);
  void update_fabric(Engine& e, int p);
  void update_routing_groups(Engine& e, int p);
  void on_rebuild(Engine& e, int p, int rg);
  int functional_quorum_met(int p) const;  // 1 when met
  bool first_start_met(int p) const;
  void recover_quorum_loss(Engine& e, int p);  // QuorumLossRecovery
  // The fabric runs the pool's services again; groups short of replicas enter quorum loss.
  void start_pool(Engine& e, int p, const char* reason);
  Instant last_persisted(int p, Instant t) const;

  // model_back_end.cpp.
  void update_back_end(Engine& e, int p);
  bool back_end_available_now(int p, bool* can_auto_failover, int* failover_to) const;
  void on_back_end_threshold(Engine& e, int p);
  void on_back_end_failover(Engine& e, int p);
  int sql_role_server(int p, int role) const;  // first server of the role, or -1

  // model_backup.cpp: the Backup Service.
  void init_backup();
  void update_backup(Engine& e);
  void on_backup_cycle(Engine& e, int link);
  void reschedule_backup(Engine& e, int link);
  // Writes a backup.status record when the direction's status, path or backlog growth
  // changed since the last one (or `always`, for the first record at the start).
  void log_backup_status(Engine& e, int link, bool always);
  std::string backup_subject(const BackupLink& b) const;  // "source->target"
  double change_rate_bytes_per_s(int source, int target) const;
  bool serving(int p) const;  // the pool's Front Ends run its services
  PoolInputs pool_inputs(int p, Instant now) const;

  // model_random.cpp: random failures, common causes, maintenance, the standard response.
  void init_random(Engine& e);
  const scenario::Stochastic::FailureModel* failure_model(int component) const;
  void on_random_fail(Engine& e, int component, bool common_cause);
  void on_random_repair(Engine& e, int component);
  void on_maintenance(Engine& e, int window, bool start);
  void move_replicas_off(Engine& e, int pool, int fe);
  void plan_standard_response(Engine& e);
  void plan_failbacks(Engine& e);
  int add_generated_step(scenario::RunbookStep step, int plan);

  // model_runbook.cpp: the admin and the cmdlets.
  void on_runbook_step(Engine& e, int step);
  void on_cmdlet_done(Engine& e, int step, bool ok);
  // Checks a cmdlet's preconditions; empty when it may run, else the cmdlet's error.
  std::string cmdlet_precondition(int step) const;
  Duration cmdlet_duration(int step) const;
  Duration failback_duration(int p) const;
  void cmdlet_begin_effects(Engine& e, int step);
  void cmdlet_end_effects(Engine& e, int step);
  void schedule_next_step(Engine& e, int after_step, Instant at);
  bool cms_available() const;
  void update_cms(Engine& e);  // logs cms.unavailable / cms.available on a change
  // model_queries.cpp: read-only Get-* cmdlets log the state they read.
  static bool is_query(scenario::Cmdlet c);
  void log_query(Engine& e, int step);

  // model_users.cpp: service levels.
  void update_users(Engine& e);
  ServiceLevel level_for(int p, int rg, Instant now) const;
  void on_registrar_timer(Engine& e, int p);
  // The pool's per-incident outcome, at a change of its users' levels (`users` per level).
  void account_outcome(int p, const std::array<int64_t, kServiceLevelCount>& users, Instant now);

  // model_pstn.cpp: the voice path to the PSTN (sfb-hadr 5.4).
  // The path pool p's users have now, from their registrar state and the components.
  PstnPath pstn_path(int p) const;
  // A trunk can carry a call for users registered in `registrar_site`.
  bool trunk_works(int trunk, int registrar_site) const;
  bool sites_connected(int a, int b) const;
  void start_pstn(Engine& e);
  void update_pstn(Engine& e);
  // Accounts pool p's PSTN demand from its mark to `now` into its open outcome.
  void account_pstn(int p, Instant now);
  void log_pstn(Instant now, int p);
  // Refreshes trunk_marks_: a trunk that stops carrying calls starts its detection timer, one
  // that carries them again is routable at once (an assumption: the next call finds it).
  void update_trunk_marks(Engine& e);
  bool appliance_gateway_works(int appliance) const;
  bool trunk_marked_down(int t) const { return trunk_marks_[static_cast<size_t>(t)].marked_down; }
  void log_pstn_outcomes(Instant t, const IncidentMetrics& m);
  bool pstn_modelled(int p) const {
    return topology_.has_pstn() && !topology_.pool_routes()[static_cast<size_t>(p)].empty();
  }

  // model_branch.cpp: branch appliances (sfb-hadr 5.5). Derives every appliance's users'
  // registration, level and PSTN; returns true when they all have full service.
  bool update_branches(Engine& e);
  void on_branch_timer(Engine& e, int appliance);
  // Accounts appliance a's users from its mark to `now` at their current level and PSTN into
  // the open outcome, then opens or closes it for the state they are in now.
  // `next`, when the users' PSTN path changes now: the calls cut off and when PSTN calling
  // was lost or came back (branch_pstn_changed).
  void account_branch(int appliance, Instant now, bool nominal, const PstnPath* next = nullptr);
  void branch_pstn_changed(int appliance, BranchOutcome& o, const PstnPath& next, Instant now);
  double branch_active_share(int appliance) const;
  void log_branch_outcomes(Instant t, const IncidentMetrics& m);
  ServiceLevel branch_level(int appliance) const;
  PstnPath branch_pstn(int appliance) const;
  void log_branch(Instant now, int appliance, bool level_changed, bool pstn_changed);

  // model_access.cpp: remote access and federation through Edge and Director pools
  // (sfb-hadr 5.2, 5.3).
  void start_access(Engine& e);
  void update_access(Engine& e);
  void on_access_retry();
  // The Edge pool runs a server in its site and its next hop pool serves; a Director pool
  // runs a server in its site.
  bool edge_serving(int edge) const;
  // One of its servers runs in its site (what relays media; its next hop does not matter).
  bool edge_running(int edge) const;
  // Pool p's Edge association for media as deployed (Pool.edge_pool or its default).
  int default_media_edge(int p) const;
  // Remote media and web conferencing: derives access_.media_users_ok and the level.
  AccessLevel media_level();
  bool director_up(int director) const;
  // The first serving Edge pool in DNS SRV order (-1: none); the first running Director.
  int first_serving_edge() const;
  int first_director() const;
  // The remote clients' path works: their Edge serves, and their Director when there are any.
  bool remote_path_ok() const;
  void account_access(Instant now);
  void log_access(Instant now);  // the modalities that changed since last logged
  void log_access_outcome(Instant t, const IncidentMetrics& m);
  int64_t remote_users_of(int p) const;
  int route_edge(const std::string& fqdn) const;  // Edge pool index by FQDN, -1 when none

  // The scenario has Edge pools or file stores: the access state has something to derive.
  bool access_modelled() const {
    return !topology_.edges().empty() || !topology_.file_stores().empty();
  }
  // model_content.cpp: conferencing with content (sfb-hadr 5.6; sfb-other-roles 6).
  void start_content(Instant now);
  // Re-derives the stores' members and serving, the farms, and users with content; appends
  // the components of stores and farms that changed to *changed.
  void update_content(Engine& e, std::vector<int>* changed);
  bool content_serving(const ContentInfo& info) const;  // a server runs in its site
  int meeting_pool(int p) const;  // the pool pool p's users meet on now (-1: none)
  void content_member_lost(Instant now, int store, bool partner_took_over);
  AccessLevel content_level() const;
  std::string content_via() const;  // the stores (and member) and farms in use
  void log_content_store(Instant now, int component);
  // model_persistent_chat.cpp: Persistent Chat pools (sfb-hadr 5.1).
  void start_persistent_chat(Engine& e);
  void update_persistent_chat(Engine& e);
  void on_pchat_timer(Engine& e, int pool, uint32_t what);
  int pchat_index(const std::string& fqdn) const;        // -1 when none
  int pchat_db(int pool) const;                          // component id of the database in use
  const std::vector<int>& pchat_active(int pool) const;  // the active server list now
  // Active servers running and reaching the database in use.
  int pchat_running(int pool) const;
  double pchat_posted_at(int pool, Instant t) const;  // messages posted on the primary by t
  void advance_log_shipping(int pool, Instant now);
  void account_pchat(int pool, Instant now);
  PersistentChatOutcome& pchat_outcome(int pool);
  void log_pchat(Instant now, int pool);
  void log_pchat_outcomes(Instant t, const IncidentMetrics& m);
  bool pchat_nominal() const;  // every Persistent Chat user has chat
  // model_persistent_chat_runbook.cpp: the failover and failback cmdlets (D-PCMAN).
  std::string pchat_precondition(const scenario::RunbookStep& st) const;
  Duration pchat_duration(const scenario::RunbookStep& st) const;
  void pchat_begin_effects(Engine& e, const scenario::RunbookStep& st);
  void pchat_end_effects(Engine& e, const scenario::RunbookStep& st);

  // model_capacity.cpp: users carried against capacity (sfb-hadr 1.8).
  // The pool serving a routing group's users now (-1 when signed out).
  int serving_pool(int home, const RoutingGroup& rg) const;
  int64_t capacity_users(int p) const;  // concurrently active users its running servers hold
  // Logs breaches; returns true when routing groups changed their over-capacity mark.
  bool update_capacity(Engine& e);

  // model_incidents.cpp.
  void incident_fault_started(Engine& e, int fault, int component);
  void incident_fault_ended(Engine& e, int fault);
  void maybe_close_incident(Engine& e);
  void on_admin(Engine& e, int incident, bool is_decide);
  // `pools`: whose users' data it was (PoolDataOutcome; the log's `pool` field when one).
  // `incident` -2: the attributed incident. `since_deployment`: the window runs from
  // deployment, the category having no backup.
  void record_loss(Engine& e, Category c, Duration window, double writes_per_s,
                   const std::string& what, const std::vector<int>& pools,
                   bool since_deployment = false, int incident = -2);
  void record_loss_at(Instant now, Category c, Duration window, double writes_per_s,
                      const std::string& what, const std::vector<int>& pools, bool since_deployment,
                      int incident);
  // The incident's data outcome for pool p, added on first use.
  static PoolDataOutcome& pool_data(IncidentMetrics& m, int p);

  // model_stranded.cpp: data at risk while a pool is down.
  double category_rate(int p, Category c) const;  // writes per second the pool holds
  // Until when the pool's writes of `c` at `t` have a copy elsewhere (the backup pool's last
  // import, the last backup), or the origin with *since_deployment when nothing protects them.
  Instant protected_until(int p, Category c, Instant t, bool* since_deployment) const;
  void update_strandings(Engine& e);
  void write_off_stranding(int p, Category c);  // a disaster failover lost them instead
  void end_stranding(int p, Instant end, bool at_horizon);
  bool is_down_for_good(int p) const;  // a never-repaired fault keeps it down
  IncidentMetrics* current_incident();
  // The incident that user impact starting now belongs to: the open incident whose pool
  // failover a failback under way reverses, else the newest open one (model_users.cpp).
  IncidentMetrics* impact_owner();
  // The incident that data losses and admin actions belong to: the one carrying the current
  // user impact, else the newest open one, else the last.
  IncidentMetrics* attributed_incident();
  void log_incident(Instant t, const IncidentMetrics& m, const char* kind);
  // Why no action restored service in an incident still without it at `end`.
  std::string why_nobody_acted(const IncidentMetrics& m, Instant end) const;

  // Helpers.
  const scenario::ModelParameters& params() const { return scenario_.parameters(); }
  const scenario::Pool& pool_spec(int p) const { return scenario_.pools(p); }
  PoolState& ps(int p) { return pools_[static_cast<size_t>(p)]; }
  const PoolState& ps(int p) const { return pools_[static_cast<size_t>(p)]; }
  double per_user_rate(int p, Category c) const;  // writes per second per active user or pool
  double active_users(int p) const;               // active_users, or all users when not given
  int replicas_up(int p, const RoutingGroup& rg) const;
  int group_quorum(int p, const RoutingGroup& rg) const;  // replicas needed for service

  const scenario::Scenario& scenario_;
  Topology topology_;
  RandomStreams streams_;
  EventLog* log_;
  ModelOptions options_;
  Rng admin_rng_;

  std::vector<int> down_causes_;
  std::vector<PoolState> pools_;
  std::vector<BackupLink> backup_;
  std::vector<EdgeState> edges_;
  AccessState access_;
  ContentState content_;
  std::vector<PersistentChatState> pchat_;
  int cms_pool_ = -1;
  Instant cms_unavailable_since_ = Instant::never();

  // The runbook: the scenario's steps, then steps the standard response generates; steps
  // anchored at a decision run in sequence within their plan.
  std::vector<scenario::RunbookStep> steps_;
  std::vector<int> step_plan_;
  int plans_ = 1;
  std::set<std::pair<int, std::string>> planned_;  // (cmdlet, pool) pending, no duplicates
  bool runbook_started_ = false;
  bool runbook_busy_ = false;
  int runbook_pending_ = 0;  // steps scheduled or running

  RunMetrics metrics_;
  size_t max_incidents_ = SIZE_MAX;  // the scenario's max_incidents
  std::vector<int> open_incidents_;  // indices into metrics_.incidents, oldest first
  std::vector<int> fault_incident_;  // per scripted fault: its incident
  bool all_users_full_ = true;
  int impact_incident_ = -1;  // the incident whose user impact is ongoing

  // Random failures.
  std::vector<Rng> component_rng_;    // per component, empty when not stochastic
  std::vector<EventId> next_random_;  // pending random failure per component
  std::vector<int> random_incident_;  // incident of a component's ongoing random fault
  Rng common_cause_rng_;
  Instant warm_up_;
  bool in_reevaluate_ = false;
  Instant capacity_breach_since_ = Instant::never();  // some pool over capacity since
  std::vector<PoolInputs> capacity_inputs_;  // the level inputs the last capacity pass read
  std::vector<ApplianceState> appliances_;
  std::vector<TrunkMark> trunk_marks_;    // per trunk, then per appliance (its own gateway)
  uint32_t branch_version_ = 0;           // bumped when a branch's users change registrar
  uint32_t capacity_branch_version_ = 0;  // the branch version the last capacity pass read
};

}  // namespace drsim
