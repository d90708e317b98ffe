// The declaration of every event-log record kind and its fields: the one place where the
// contract between the model (sim/, which writes records) and everything that reads them
// (log/, analysis/, viz/) is written down. docs/event-log.md is checked against it by a test.
//
// Each KIND(id, "name") is followed by the FIELD(id, field, Type, "key")s that records of
// that kind may carry; Type is what the writer stores: Int (int_value), Number (double_value)
// or Text (string_value). From this one list record_schema.h makes
//   - typed keys, rec::<id>::kind and rec::<id>::<field>, which readers use (a misspelt name
//     does not compile, a key of the wrong type does not either), and
//   - the table that EventLog checks every written record against (an undeclared kind or
//     field, or a value of the wrong type, stops the run with a message naming it).
// A new record kind or field is added here first, then written by the model, then documented
// in docs/event-log.md (tests/test_log_schema.cpp fails until all three agree).
#pragma once

// Templated keys (rpo_<category>_s, <dir>_status) are spelt out, one per category or
// direction, so that the check and the readers see the exact keys.
#define DRSIM_LOG_CATEGORY_FIELDS(FIELD, id, Type, prefix, suffix)                          \
  FIELD(id, prefix##user_data##suffix, Type, #prefix "user_data" #suffix)                   \
  FIELD(id, prefix##conference_content##suffix, Type, #prefix "conference_content" #suffix) \
  FIELD(id, prefix##cms##suffix, Type, #prefix "cms" #suffix)                               \
  FIELD(id, prefix##response_groups##suffix, Type, #prefix "response_groups" #suffix)       \
  FIELD(id, prefix##lis##suffix, Type, #prefix "lis" #suffix)                               \
  FIELD(id, prefix##call_park##suffix, Type, #prefix "call_park" #suffix)                   \
  FIELD(id, prefix##announcements##suffix, Type, #prefix "announcements" #suffix)           \
  FIELD(id, prefix##monitoring_archiving##suffix, Type, #prefix "monitoring_archiving" #suffix)

#define DRSIM_LOG_INCIDENT_FIELDS(FIELD, id)                         \
  FIELD(id, incident, Int, "incident")                               \
  FIELD(id, disruption, Text, "disruption")                          \
  FIELD(id, start_s, Number, "start_s")                              \
  FIELD(id, restored_s, Number, "restored_s")                        \
  FIELD(id, rto_detect_s, Number, "rto_detect_s")                    \
  FIELD(id, rto_decide_s, Number, "rto_decide_s")                    \
  FIELD(id, rto_execute_s, Number, "rto_execute_s")                  \
  FIELD(id, rto_clients_back_s, Number, "rto_clients_back_s")        \
  FIELD(id, rto_awaiting_repair_s, Number, "rto_awaiting_repair_s")  \
  FIELD(id, rto_nobody_acted_s, Number, "rto_nobody_acted_s")        \
  FIELD(id, nobody_acted, Text, "nobody_acted")                      \
  FIELD(id, rto_total_s, Number, "rto_total_s")                      \
  FIELD(id, cmdlet_errors, Int, "cmdlet_errors")                     \
  FIELD(id, admin_time_lost_s, Number, "admin_time_lost_s")          \
  FIELD(id, over_capacity_s, Number, "over_capacity_s")              \
  FIELD(id, over_capacity_users_max, Int, "over_capacity_users_max") \
  FIELD(id, pstn_calls_failed, Number, "pstn_calls_failed")          \
  FIELD(id, pstn_calls_rerouted, Number, "pstn_calls_rerouted")      \
  FIELD(id, pstn_minutes_lost, Number, "pstn_minutes_lost")          \
  FIELD(id, pstn_outbound_rto_s, Number, "pstn_outbound_rto_s")      \
  FIELD(id, pstn_inbound_rto_s, Number, "pstn_inbound_rto_s")        \
  DRSIM_LOG_CATEGORY_FIELDS(FIELD, id, Number, rpo_, _s)             \
  DRSIM_LOG_CATEGORY_FIELDS(FIELD, id, Int, lost_writes_, )          \
  DRSIM_LOG_CATEGORY_FIELDS(FIELD, id, Number, stranded_, _s)        \
  DRSIM_LOG_CATEGORY_FIELDS(FIELD, id, Number, stranded_writes_, )   \
  DRSIM_LOG_CATEGORY_FIELDS(FIELD, id, Number, unreachable_, _s)     \
  DRSIM_LOG_CATEGORY_FIELDS(FIELD, id, Int, stranded_open_, )        \
  DRSIM_LOG_CATEGORY_FIELDS(FIELD, id, Int, no_backup_, )

#define DRSIM_LOG_DIRECTION_FIELDS(FIELD, id, dir)                        \
  FIELD(id, dir##_status, Text, #dir "_status")                           \
  FIELD(id, dir##_path_up, Int, #dir "_path_up")                          \
  FIELD(id, dir##_durable_snapshot_s, Number, #dir "_durable_snapshot_s") \
  FIELD(id, dir##_backlog_bytes, Number, #dir "_backlog_bytes")

#define DRSIM_LOG_POOL_FABRIC_FIELDS(FIELD, id)            \
  FIELD(id, front_ends_running, Int, "front_ends_running") \
  FIELD(id, reason, Text, "reason")

#define DRSIM_LOG_RECORDS(KIND, FIELD)                                                   \
  /* faults and components */                                                            \
  KIND(fault_start, "fault.start")                                                       \
  FIELD(fault_start, component_kind, Text, "component_kind")                             \
  FIELD(fault_start, note, Text, "note")                                                 \
  KIND(fault_end, "fault.end")                                                           \
  KIND(component_down, "component.down")                                                 \
  FIELD(component_down, component_kind, Text, "component_kind")                          \
  FIELD(component_down, cause, Text, "cause")                                            \
  KIND(component_up, "component.up")                                                     \
  FIELD(component_up, component_kind, Text, "component_kind")                            \
  FIELD(component_up, cause, Text, "cause")                                              \
  KIND(server_drained, "server.drained")                                                 \
  FIELD(server_drained, how, Text, "how")                                                \
  /* incidents and the admin */                                                          \
  KIND(incident_start, "incident.start")                                                 \
  FIELD(incident_start, incident, Int, "incident")                                       \
  FIELD(incident_start, disruption, Text, "disruption")                                  \
  KIND(incident_restored, "incident.restored")                                           \
  FIELD(incident_restored, incident, Int, "incident")                                    \
  KIND(incident_end, "incident.end")                                                     \
  DRSIM_LOG_INCIDENT_FIELDS(FIELD, incident_end)                                         \
  KIND(incident_open, "incident.open")                                                   \
  DRSIM_LOG_INCIDENT_FIELDS(FIELD, incident_open)                                        \
  KIND(admin_detect, "admin.detect")                                                     \
  FIELD(admin_detect, incident, Int, "incident")                                         \
  KIND(admin_decide, "admin.decide")                                                     \
  FIELD(admin_decide, incident, Int, "incident")                                         \
  KIND(data_loss, "data.loss")                                                           \
  FIELD(data_loss, category, Text, "category")                                           \
  FIELD(data_loss, rpo_s, Number, "rpo_s")                                               \
  FIELD(data_loss, lost_writes, Number, "lost_writes")                                   \
  FIELD(data_loss, incident, Int, "incident")                                            \
  FIELD(data_loss, since_deployment, Int, "since_deployment")                            \
  FIELD(data_loss, pool, Text, "pool")                                                   \
  KIND(data_stranded, "data.stranded")                                                   \
  FIELD(data_stranded, category, Text, "category")                                       \
  FIELD(data_stranded, window_s, Number, "window_s")                                     \
  FIELD(data_stranded, writes, Number, "writes")                                         \
  FIELD(data_stranded, unreachable_s, Number, "unreachable_s")                           \
  FIELD(data_stranded, open, Int, "open")                                                \
  FIELD(data_stranded, incident, Int, "incident")                                        \
  FIELD(data_stranded, since_deployment, Int, "since_deployment")                        \
  KIND(incident_pool, "incident.pool")                                                   \
  FIELD(incident_pool, incident, Int, "incident")                                        \
  FIELD(incident_pool, users_affected, Int, "users_affected")                            \
  FIELD(incident_pool, resiliency_user_s, Number, "resiliency_user_s")                   \
  FIELD(incident_pool, voice_only_user_s, Number, "voice_only_user_s")                   \
  FIELD(incident_pool, signed_out_user_s, Number, "signed_out_user_s")                   \
  FIELD(incident_pool, rto_s, Number, "rto_s")                                           \
  KIND(incident_pstn, "incident.pstn")                                                   \
  FIELD(incident_pstn, incident, Int, "incident")                                        \
  FIELD(incident_pstn, outbound_users_lost, Int, "outbound_users_lost")                  \
  FIELD(incident_pstn, inbound_users_lost, Int, "inbound_users_lost")                    \
  FIELD(incident_pstn, colleagues_only_users, Int, "colleagues_only_users")              \
  FIELD(incident_pstn, outbound_user_s, Number, "outbound_user_s")                       \
  FIELD(incident_pstn, inbound_user_s, Number, "inbound_user_s")                         \
  FIELD(incident_pstn, calls_failed, Number, "calls_failed")                             \
  FIELD(incident_pstn, calls_rerouted, Number, "calls_rerouted")                         \
  FIELD(incident_pstn, minutes_lost, Number, "minutes_lost")                             \
  FIELD(incident_pstn, outbound_rto_s, Number, "outbound_rto_s")                         \
  FIELD(incident_pstn, inbound_rto_s, Number, "inbound_rto_s")                           \
  KIND(incident_branch, "incident.branch")                                               \
  FIELD(incident_branch, incident, Int, "incident")                                      \
  FIELD(incident_branch, branch, Text, "branch")                                         \
  FIELD(incident_branch, users, Int, "users")                                            \
  FIELD(incident_branch, voice_only_user_s, Number, "voice_only_user_s")                 \
  FIELD(incident_branch, resiliency_user_s, Number, "resiliency_user_s")                 \
  FIELD(incident_branch, signed_out_user_s, Number, "signed_out_user_s")                 \
  FIELD(incident_branch, on_backup_user_s, Number, "on_backup_user_s")                   \
  FIELD(incident_branch, pstn_outbound_user_s, Number, "pstn_outbound_user_s")           \
  FIELD(incident_branch, pstn_inbound_user_s, Number, "pstn_inbound_user_s")             \
  FIELD(incident_branch, pstn_calls_failed, Number, "pstn_calls_failed")                 \
  FIELD(incident_branch, pstn_minutes_lost, Number, "pstn_minutes_lost")                 \
  FIELD(incident_branch, pstn_outbound_rto_s, Number, "pstn_outbound_rto_s")             \
  FIELD(incident_branch, pstn_inbound_rto_s, Number, "pstn_inbound_rto_s")               \
  FIELD(incident_branch, rto_s, Number, "rto_s")                                         \
  /* the runbook */                                                                      \
  KIND(cmdlet_start, "cmdlet.start")                                                     \
  FIELD(cmdlet_start, cmdlet, Text, "cmdlet")                                            \
  FIELD(cmdlet_start, step, Int, "step")                                                 \
  FIELD(cmdlet_start, duration_s, Number, "duration_s")                                  \
  FIELD(cmdlet_start, disaster_mode, Int, "disaster_mode")                               \
  KIND(cmdlet_end, "cmdlet.end")                                                         \
  FIELD(cmdlet_end, cmdlet, Text, "cmdlet")                                              \
  FIELD(cmdlet_end, step, Int, "step")                                                   \
  KIND(cmdlet_error, "cmdlet.error")                                                     \
  FIELD(cmdlet_error, cmdlet, Text, "cmdlet")                                            \
  FIELD(cmdlet_error, step, Int, "step")                                                 \
  FIELD(cmdlet_error, error, Text, "error")                                              \
  FIELD(cmdlet_error, cost_s, Number, "cost_s")                                          \
  KIND(runbook_stopped, "runbook.stopped")                                               \
  FIELD(runbook_stopped, step, Int, "step")                                              \
  KIND(query_backup_service_status, "query.backup_service_status")                       \
  FIELD(query_backup_service_status, step, Int, "step")                                  \
  FIELD(query_backup_service_status, backup_pool, Text, "backup_pool")                   \
  FIELD(query_backup_service_status, cms_master, Int, "cms_master")                      \
  DRSIM_LOG_DIRECTION_FIELDS(FIELD, query_backup_service_status, export)                 \
  DRSIM_LOG_DIRECTION_FIELDS(FIELD, query_backup_service_status, import)                 \
  KIND(query_backup_relationship, "query.backup_relationship")                           \
  FIELD(query_backup_relationship, step, Int, "step")                                    \
  FIELD(query_backup_relationship, backup_pool, Text, "backup_pool")                     \
  KIND(query_cms_status, "query.cms_status")                                             \
  FIELD(query_cms_status, step, Int, "step")                                             \
  FIELD(query_cms_status, available, Int, "available")                                   \
  FIELD(query_cms_status, active_master_sql, Text, "active_master_sql")                  \
  FIELD(query_cms_status, standby_pool, Text, "standby_pool")                            \
  /* pools, users and routing groups */                                                  \
  KIND(pool_stopped, "pool.stopped")                                                     \
  DRSIM_LOG_POOL_FABRIC_FIELDS(FIELD, pool_stopped)                                      \
  KIND(pool_started, "pool.started")                                                     \
  DRSIM_LOG_POOL_FABRIC_FIELDS(FIELD, pool_started)                                      \
  KIND(pool_awaiting_recovery, "pool.awaiting_recovery")                                 \
  DRSIM_LOG_POOL_FABRIC_FIELDS(FIELD, pool_awaiting_recovery)                            \
  KIND(pool_dr, "pool.dr")                                                               \
  FIELD(pool_dr, state, Text, "state")                                                   \
  KIND(pool_users, "pool.users")                                                         \
  FIELD(pool_users, full, Int, "full")                                                   \
  FIELD(pool_users, resiliency, Int, "resiliency")                                       \
  FIELD(pool_users, voice_only, Int, "voice_only")                                       \
  FIELD(pool_users, signed_out, Int, "signed_out")                                       \
  KIND(pool_summary, "pool.summary")                                                     \
  FIELD(pool_summary, availability, Number, "availability")                              \
  FIELD(pool_summary, downtime_s, Number, "downtime_s")                                  \
  FIELD(pool_summary, resiliency_s, Number, "resiliency_s")                              \
  FIELD(pool_summary, users, Int, "users")                                               \
  KIND(service_level, "service.level")                                                   \
  FIELD(service_level, level, Text, "level")                                             \
  FIELD(service_level, users, Int, "users")                                              \
  KIND(rg_quorum_loss, "rg.quorum_loss")                                                 \
  FIELD(rg_quorum_loss, replicas_up, Int, "replicas_up")                                 \
  FIELD(rg_quorum_loss, users, Int, "users")                                             \
  KIND(rg_recovered, "rg.recovered")                                                     \
  FIELD(rg_recovered, how, Text, "how")                                                  \
  KIND(rg_rebuilt, "rg.rebuilt")                                                         \
  FIELD(rg_rebuilt, replicas, Int, "replicas")                                           \
  /* Back Ends and the voice registrar */                                                \
  KIND(backend_unavailable, "backend.unavailable")                                       \
  FIELD(backend_unavailable, ha_mode, Text, "ha_mode")                                   \
  FIELD(backend_unavailable, principal, Text, "principal")                               \
  KIND(backend_available, "backend.available")                                           \
  FIELD(backend_available, ha_mode, Text, "ha_mode")                                     \
  FIELD(backend_available, principal, Text, "principal")                                 \
  KIND(backend_failover_start, "backend.failover_start")                                 \
  FIELD(backend_failover_start, to, Text, "to")                                          \
  FIELD(backend_failover_start, how, Text, "how")                                        \
  KIND(backend_failover, "backend.failover")                                             \
  FIELD(backend_failover, principal, Text, "principal")                                  \
  FIELD(backend_failover, how, Text, "how")                                              \
  KIND(backend_threshold, "backend.threshold")                                           \
  FIELD(backend_threshold, reason, Text, "reason")                                       \
  KIND(registrar_failover, "registrar.failover")                                         \
  FIELD(registrar_failover, backup, Text, "backup")                                      \
  KIND(registrar_failback, "registrar.failback")                                         \
  FIELD(registrar_failback, reason, Text, "reason")                                      \
  /* the voice path to the PSTN */                                                       \
  KIND(pstn_users, "pstn.users")                                                         \
  FIELD(pstn_users, signed_in, Int, "signed_in")                                         \
  FIELD(pstn_users, outbound, Int, "outbound")                                           \
  FIELD(pstn_users, inbound, Int, "inbound")                                             \
  FIELD(pstn_users, post_dial_delay_s, Number, "post_dial_delay_s")                      \
  FIELD(pstn_users, registrar, Text, "registrar")                                        \
  FIELD(pstn_users, trunk, Text, "trunk")                                                \
  FIELD(pstn_users, inbound_trunk, Text, "inbound_trunk")                                \
  /* remote access and federation (sim/model/model_access.cpp) */                        \
  KIND(access_pool, "access.pool")                                                       \
  FIELD(access_pool, role, Text, "role")                                                 \
  FIELD(access_pool, servers_up, Int, "servers_up")                                      \
  FIELD(access_pool, serving, Int, "serving")                                            \
  FIELD(access_pool, reason, Text, "reason")                                             \
  FIELD(access_pool, member, Text, "member")                                             \
  KIND(access_modality, "access.modality")                                               \
  FIELD(access_modality, state, Text, "state")                                           \
  FIELD(access_modality, via, Text, "via")                                               \
  FIELD(access_modality, users, Int, "users")                                            \
  FIELD(access_modality, of_users, Int, "of_users")                                      \
  FIELD(access_modality, without_powerpoint, Int, "without_powerpoint")                  \
  KIND(incident_access, "incident.access")                                               \
  FIELD(incident_access, incident, Int, "incident")                                      \
  FIELD(incident_access, impaired_s, Number, "impaired_s")                               \
  FIELD(incident_access, users_lost, Int, "users_lost")                                  \
  FIELD(incident_access, user_s, Number, "user_s")                                       \
  FIELD(incident_access, rto_s, Number, "rto_s")                                         \
  FIELD(incident_access, lost_writes, Number, "lost_writes")                             \
  FIELD(incident_access, at_risk_writes, Number, "at_risk_writes")                       \
  FIELD(incident_access, service_kept, Int, "service_kept")                              \
  /* Persistent Chat (sim/model/model_persistent_chat*.cpp) */                           \
  KIND(pchat_pool, "pchat.pool")                                                         \
  FIELD(pchat_pool, state, Text, "state")                                                \
  FIELD(pchat_pool, pool_state, Text, "pool_state")                                      \
  FIELD(pchat_pool, database, Text, "database")                                          \
  FIELD(pchat_pool, active_servers, Text, "active_servers")                              \
  FIELD(pchat_pool, servers_running, Int, "servers_running")                             \
  FIELD(pchat_pool, users, Int, "users")                                                 \
  FIELD(pchat_pool, of_users, Int, "of_users")                                           \
  KIND(pchat_database, "pchat.database")                                                 \
  FIELD(pchat_database, database, Text, "database")                                      \
  FIELD(pchat_database, reason, Text, "reason")                                          \
  KIND(pchat_failover, "pchat.failover")                                                 \
  FIELD(pchat_failover, messages_lost, Number, "messages_lost")                          \
  FIELD(pchat_failover, loss_window_s, Number, "loss_window_s")                          \
  FIELD(pchat_failover, shipped_until_s, Number, "shipped_until_s")                      \
  FIELD(pchat_failover, compliance, Text, "compliance")                                  \
  KIND(incident_pchat, "incident.pchat")                                                 \
  FIELD(incident_pchat, incident, Int, "incident")                                       \
  FIELD(incident_pchat, without_s, Number, "without_s")                                  \
  FIELD(incident_pchat, users_lost, Int, "users_lost")                                   \
  FIELD(incident_pchat, user_s, Number, "user_s")                                        \
  FIELD(incident_pchat, failed_over, Int, "failed_over")                                 \
  FIELD(incident_pchat, messages_lost, Number, "messages_lost")                          \
  FIELD(incident_pchat, loss_window_s, Number, "loss_window_s")                          \
  FIELD(incident_pchat, compliance, Text, "compliance")                                  \
  FIELD(incident_pchat, rto_s, Number, "rto_s")                                          \
  FIELD(incident_pchat, failback_without_s, Number, "failback_without_s")                \
  FIELD(incident_pchat, failback_start_s, Number, "failback_start_s")                    \
  FIELD(incident_pchat, failback_end_s, Number, "failback_end_s")                        \
  FIELD(incident_pchat, back, Int, "back")                                               \
  /* the Backup Service, the CMS and Edge */                                             \
  KIND(backup_export, "backup.export")                                                   \
  FIELD(backup_export, bytes, Number, "bytes")                                           \
  FIELD(backup_export, duration_s, Number, "duration_s")                                 \
  FIELD(backup_export, backlog_bytes, Number, "backlog_bytes")                           \
  KIND(backup_import, "backup.import")                                                   \
  FIELD(backup_import, snapshot_s, Number, "snapshot_s")                                 \
  FIELD(backup_import, backlog_bytes, Number, "backlog_bytes")                           \
  KIND(backup_status, "backup.status")                                                   \
  FIELD(backup_status, status, Text, "status")                                           \
  FIELD(backup_status, path, Text, "path")                                               \
  FIELD(backup_status, durable_snapshot_s, Number, "durable_snapshot_s")                 \
  FIELD(backup_status, backlog_bytes, Number, "backlog_bytes")                           \
  FIELD(backup_status, backlog_growth_bytes_per_s, Number, "backlog_growth_bytes_per_s") \
  KIND(cms_unavailable, "cms.unavailable")                                               \
  FIELD(cms_unavailable, reason, Text, "reason")                                         \
  KIND(cms_available, "cms.available")                                                   \
  KIND(capacity_breach, "capacity.breach")                                               \
  FIELD(capacity_breach, active_users, Int, "active_users")                              \
  FIELD(capacity_breach, capacity, Int, "capacity")                                      \
  FIELD(capacity_breach, excess, Int, "excess")                                          \
  FIELD(capacity_breach, front_ends_running, Int, "front_ends_running")                  \
  KIND(capacity_restored, "capacity.restored")                                           \
  FIELD(capacity_restored, breach_s, Number, "breach_s")                                 \
  KIND(cms_moved, "cms.moved")                                                           \
  KIND(edge_next_hop, "edge.next_hop")                                                   \
  FIELD(edge_next_hop, next_hop, Text, "next_hop")
