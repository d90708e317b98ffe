// The visualiser's view of one run's timeline (log/timeline.h, the model the report reads
// too): one step series per lane, lanes in groups, incidents with their RTO stages, and the
// runbook's cmdlets, built once when a log is loaded (timeline_lanes.cpp).
//
// Everything the visualiser draws per frame is read from here by binary search, never from
// the raw records, so a frame costs the same for a log of a hundred records or a million.
// Built from the event log alone (docs/event-log.md); the scenario, when there is one, only
// adds lanes for components that never changed state and so never appear in the log.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "log/backlog.h"
#include "log/timeline.h"
#include "proto/eventlog.pb.h"
#include "proto/scenario.pb.h"
#include "viz/core/series.h"

namespace drsim::viz {

// Lane kinds, in the order their groups are shown.
enum class LaneKind : uint8_t {
  kSite,
  kPool,
  kBackEnd,
  kBackup,
  kFrontEnd,
  kRoutingGroup,
  kPstn,
  kAccess,   // remote sign-in, federation and XMPP, and the Edge and Director pools serving
  kContent,  // meeting content, and the file stores and Office Web Apps farms serving
  kPchat,    // each Persistent Chat pool's users with chat
};

struct Lane {
  LaneKind kind = LaneKind::kSite;
  std::string subject;  // as written in the log: "fe1.pool1.contoso.com"
  std::string label;    // for people, without the common domain: "fe1.pool1"
  int group = -1;
  StepSeries states;  // starts at instant 0
  int mix = -1;       // pools: index into TimelineModel::pool_mixes
  int backlog = -1;   // Backup Service directions: index into TimelineModel::backlogs
};

struct LaneGroup {
  std::string title;
  LaneKind kind = LaneKind::kSite;
  std::vector<int> lanes;
  StepSeries summary;    // the worst member state at each instant
  bool is_quiet = true;  // no member ever left an all-is-well state: collapsed at first
};

// The RTO stages, as the model indexes them.
using timeline::kStageClientsBack;
using timeline::kStageCount;
using timeline::kStageDecide;
using timeline::kStageDetect;
using timeline::kStageExecute;
using timeline::Stage;
const char* stage_name(int stage);

// An incident of the model, placed in the Incidents lane.
struct IncidentSpan : timeline::Incident {
  // The sub-row of the Incidents lane: incidents overlapping in time (a site lost during a
  // WAN outage) are stacked, each on the first row free at its start.
  int row = 0;
  int cmdlet_count = 0;  // cmdlets the runbook ran for it (CmdletSpan::incident)
};

// Sub-rows of the Incidents lane at most; deeper nesting shares the last row.
inline constexpr int kMaxIncidentRows = 3;

// A cmdlet of the model, with the incident it answered.
struct CmdletSpan : timeline::Cmdlet {
  int incident = -1;  // index into TimelineModel::incidents, by time
};

// What a cmdlet does, in a few words for narrow labels: "pool failover", "CMS failover".
std::string cmdlet_action(const std::string& cmdlet);

using timeline::CmdletError;

struct TimelineModel {
  int64_t end_us = 0;  // the horizon: every series' last step lasts until here
  size_t record_count = 0;
  std::vector<Lane> lanes;
  std::vector<LaneGroup> groups;
  std::vector<MixSeries> pool_mixes;
  MixSeries total_users;                  // all pools summed
  ValueSeries full_users;                 // users at full service, all pools summed
  int64_t max_users = 0;                  // the most users the deployment ever had
  std::vector<BacklogSegments> backlogs;  // per Backup Service direction (log/backlog.h)
  double max_backlog_bytes = 0;
  std::vector<IncidentSpan> incidents;  // in start order
  int incident_rows = 1;                // sub-rows the incidents use, 1..kMaxIncidentRows
  std::vector<CmdletSpan> cmdlets;
  std::vector<CmdletError> cmdlet_errors;

  // Index of the lane of that kind and subject, or -1.
  int find_lane(LaneKind kind, const std::string& subject) const;
};

// Where an incident's bar ends: when users had full service again, else when it ended, else
// the horizon (still open).
int64_t incident_bar_end_us(const TimelineModel& m, const IncidentSpan& s);

// Indexes a log (timeline::index_timeline) and groups its tracks into lanes. `horizon_us` <= 0
// means "the last record's time". `topology` may be null.
TimelineModel build_timeline(const std::vector<log::Record>& records, int64_t horizon_us,
                             const scenario::Scenario* topology);

// The lane's state at t as shown at the time cursor: "failed over", for a pool
// "failed over · 20,000 full" with the users, for a Backup Service direction
// "lagging · 36.4 MB backlog".
std::string describe_at(const TimelineModel& model, const Lane& lane, int64_t t);

}  // namespace drsim::viz
