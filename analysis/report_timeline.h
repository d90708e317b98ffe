// The incident timeline as lanes of state spans: the pure "prepare" pass that the SVG Gantt
// chart, the CSV exports and the Chrome trace all draw from (nothing here knows a format).
//
// Lanes for incidents (their RTO stages) and runbook cmdlets, packed so that none overlap in
// a lane; then one lane per site, WAN link, pool (users per service level, quorum state, DR
// state, voice registrar), Back End, server, Backup Service direction and routing group.
// Every lane covers [0, horizon] with spans in time order that never overlap (incident and
// runbook lanes have gaps); a lane's `nominal` state is the healthy one, which charts draw
// pale and the trace marks with the category "healthy".
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/backlog_series.h"
#include "analysis/report_topology.h"
#include "analysis/run_report.h"
#include "log/log_file.h"

namespace drsim {

// The user service levels, best first: index 0..3 in every users array below.
inline constexpr std::array<const char*, 4> kServiceLevels = {"full", "resiliency", "voice_only",
                                                              "signed_out"};
// 0..3, or -1 for a name that is not a service level.
int service_level_index(const std::string& level);

enum class LaneKind {
  kIncident,      // RTO stages: detect, decide, execute, clients_back
  kRunbook,       // cmdlet, cmdlet_error
  kComponent,     // up, down (sites, links, servers)
  kPool,          // running, down, stopped, awaiting_recovery
  kPoolDr,        // Active, FailingOver, FailedOver, FailingBack
  kRegistrar,     // home, on_backup
  kBackEnd,       // available, unavailable, failing_over
  kBackup,        // steady, lagging, final
  kPoolUsers,     // users per service level (stacked), in `users`
  kRoutingGroup,  // full, resiliency, voice_only, signed_out
  kPstn,          // a pool's users on the PSTN: pstn_ok, pstn_degraded, pstn_none
  kAccess,        // remote sign-in, federation, XMPP: access_ok, access_degraded, access_down
  kPchat,         // a Persistent Chat pool's users: pchat_ok, pchat_degraded, pchat_down
};

struct LaneSpan {
  int64_t start_us = 0;
  int64_t end_us = 0;
  std::string state;   // a key of the state palette (report_style.h)
  std::string label;   // short text drawn on the bar when it fits; the trace event's name
  std::string detail;  // one sentence for tooltips and trace args
  int64_t users = 0;   // routing groups: users at this level
};

struct UsersSpan {
  int64_t start_us = 0;
  int64_t end_us = 0;
  std::array<int64_t, 4> users{};  // per kServiceLevels
};

struct Lane {
  std::string section;  // the heading the lane is drawn under; lanes of a section are adjacent
  std::string name;     // short label ("fe3", "dc1", "rg12")
  std::string subject;  // the log subject it follows; empty for runbook lanes
  LaneKind kind = LaneKind::kComponent;
  std::string nominal;  // the healthy state
  std::vector<LaneSpan> spans;
  std::vector<UsersSpan> users;  // kPoolUsers only
};

// A moment worth a vertical line: a fault, the admin's detection and decision, service back.
struct TimelineMarker {
  int64_t time_us = 0;
  std::string kind;  // fault, repair, detect, decide, restored
  std::string label;
};

struct ReportTimeline {
  int64_t horizon_us = 0;
  std::vector<Lane> lanes;
  std::vector<TimelineMarker> markers;
  // Each Backup Service direction's backlog by the log's rule (backlog_series.h), built once
  // for the lanes and shared with the trace's counters.
  std::vector<BacklogSeries> backlogs;
};

// Lanes and markers from the log; the topology decides lane order and adds lanes for
// components that never changed state. `report` gives the incidents' RTO stages.
ReportTimeline build_timeline(const LogFile& log, const RunReport& report,
                              const ReportTopology& topology);

// The span of time worth showing for one incident: from a little before it starts to a little
// after full service is back (or the horizon), clamped to [0, horizon].
struct TimeWindow {
  int64_t start_us = 0;
  int64_t end_us = 0;
};
TimeWindow incident_window(const IncidentReport& incident, int64_t horizon_us);
// The same, zoomed to where the runbook ran when the incident lasted far longer (a repair hours
// later, nobody acting until the horizon): from the start to the end of the last runbook
// cmdlet that started within the incident, when that span is under a third of the incident's.
// `zoomed` says whether it did.
TimeWindow incident_runbook_window(const IncidentReport& incident, const ReportTimeline& timeline,
                                   bool* zoomed);

// The horizon of a log: the header's, or the last record's time when the header has none.
int64_t log_horizon_us(const LogFile& log);

}  // namespace drsim
