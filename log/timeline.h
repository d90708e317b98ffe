// The timeline of one run, indexed from its event log once: what every record means for a
// lane's state, an incident, a cmdlet or a marker. The report's lanes (analysis/
// report_timeline.h) and the visualiser's (viz/core/timeline_model.h) are both views of this
// one model, as Tracy keeps one data model under its UI and its exporters: the rules that turn
// records into states (a pool down and failed over, a Back End failing over, a cmdlet that
// never ended) live here only, and the states are keys of the one table of log/states.h.
//
// Tracks keep every record that touches them, in log order, even when the state does not
// change: each view decides how to merge (the report drops zero-length spans, the visualiser
// keeps the last state of an instant).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "log/backlog.h"
#include "log/states.h"
#include "proto/eventlog.pb.h"

namespace drsim::timeline {

// What a track follows about its subject.
enum class Aspect : uint8_t {
  kComponent,     // a site, link, Front End or SQL server: up, down
  kPoolQuorum,    // a pool: running, stopped, awaiting_recovery, or down (its component)
  kPoolDr,        // a pool's DR state: Active, FailingOver, FailedOver, FailingBack
  kRegistrar,     // a pool's voice registrar: home, on_backup
  kBackEnd,       // a pool's Back End: available, unavailable, failing_over
  kBackup,        // a Backup Service direction: steady, lagging, final
  kRoutingGroup,  // a routing group's users: full, resiliency, voice_only, signed_out
  kPoolUsers,     // a pool's users at each service level: Change::mix, no state
  kPstn,          // a pool's users on the PSTN: pstn_ok, pstn_degraded, pstn_none
  kAccess,        // a remote-access or federation modality: access_ok, _degraded, _down
  kAccessPool,    // an Edge or Director pool, file store or farm serving: up, down
  kPchat,         // a Persistent Chat pool's users with chat: pchat_ok, _degraded, _down
};

// A pool's users at each service level, best first (rec::kPoolUsersKeys order).
using UserCounts = std::array<int64_t, 4>;

// One record's effect on a track. `state` is a key of log/states.h; empty when the record
// only names the track (a Back End failover that changes nothing, a backup cycle).
struct Change {
  int64_t t_us = 0;
  std::string state;
  std::string detail;  // one sentence for tooltips: "down (cause: site)", "principal sql2"
  int64_t users = -1;  // routing groups: the users at this level; -1 when the record has none
  UserCounts mix{};    // kPoolUsers: the pool's users per service level
};

struct Track {
  Aspect aspect = Aspect::kComponent;
  std::string subject;         // as written in the log
  std::string component_kind;  // components: site, link, front_end, sql_server
  std::vector<Change> changes;
};

// A moment worth a vertical line.
enum class MarkerKind : uint8_t { kFault, kRepair, kDetect, kDecide, kRestored };
struct Marker {
  int64_t t_us = 0;
  MarkerKind kind = MarkerKind::kFault;
  std::string subject;  // faults and repairs: the component
  std::string note;     // faults: the scenario's note
  int64_t incident = -1;
};

// Indices into Incident::stage_us: the RTO stage boundaries.
enum Stage { kStageDetect, kStageDecide, kStageExecute, kStageClientsBack, kStageCount };

struct Incident {
  int id = 0;
  std::string cause;       // the first fault's component
  std::string disruption;  // site, pool, back_end, server, link
  int64_t start_us = 0;
  int64_t detect_us = -1, decide_us = -1;  // admin.detect / admin.decide; -1 when absent
  int64_t restored_us = -1;                // incident.restored; -1 when service never came back
  int64_t end_us = -1;                     // incident.end; -1 while open at the horizon
  // start, then the end of detect, decide, execute and clients back, from the incident's
  // closing record (rto_*_s); has_stages is false when the log has no such record.
  std::array<int64_t, kStageCount + 1> stage_us{};
  bool has_stages = false;
};

struct Cmdlet {
  std::string cmdlet;  // "Invoke-CsPoolFailover"
  std::string pool;    // may be empty
  int64_t step = -1;   // the runbook step
  int64_t start_us = 0;
  int64_t duration_us = 0;  // as planned when it started
  int64_t end_us = -1;      // -1 when it never ended (the horizon came first)
  size_t end_seq = 0;       // the position of its cmdlet.end record in the log
  bool is_disaster_mode = false;
};

struct CmdletError {
  std::string cmdlet, pool, error;
  int64_t t_us = 0;
  double cost_s = 0;
  size_t seq = 0;  // the position of its record in the log
};

struct TimelineIndex {
  int64_t end_us = 0;  // the horizon, or the last record's time when none is given
  size_t record_count = 0;
  std::vector<Track> tracks;  // in the order of their first record
  std::vector<Marker> markers;
  std::vector<Incident> incidents;  // in start order
  std::vector<Cmdlet> cmdlets;      // in start order
  std::vector<CmdletError> cmdlet_errors;
  std::vector<BacklogSegments> backlogs;  // per Backup Service direction (log/backlog.h)
};

// Indexes a log. `horizon_us` <= 0 means "the last record's time". Records must be in time
// order (checked).
TimelineIndex index_timeline(const std::vector<log::Record>& records, int64_t horizon_us);

}  // namespace drsim::timeline
