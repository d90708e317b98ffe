// Lookups on the visualiser's timeline; building it is in timeline_lanes.cpp.
#include "viz/core/timeline_model.h"

#include "sim/check.h"
#include "viz/core/format.h"

namespace drsim::viz {

const char* stage_name(int stage) {
  static constexpr const char* kNames[] = {"detect", "decide", "execute", "clients back"};
  DRSIM_CHECK(stage >= 0 && stage < kStageCount, "stage_name: not an RTO stage");
  return kNames[stage];
}

std::string cmdlet_action(const std::string& cmdlet) {
  static constexpr struct {
    const char* cmdlet;
    const char* action;
  } kActions[] = {{"Invoke-CsPoolFailover", "pool failover"},
                  {"Invoke-CsPoolFailback", "pool failback"},
                  {"Invoke-CsManagementServerFailover", "CMS failover"},
                  {"Invoke-CsDatabaseFailover", "database failover"},
                  {"Reset-CsPoolRegistrarState", "registrar reset"},
                  {"Invoke-CsBackupServiceSync", "backup sync"},
                  {"Set-CsEdgeServer", "Edge next hop"},
                  {"Start-CsPool", "pool start"}};
  for (const auto& a : kActions) {
    if (cmdlet == a.cmdlet) return a.action;
  }
  return cmdlet;
}

int64_t incident_bar_end_us(const TimelineModel& m, const IncidentSpan& s) {
  if (s.restored_us >= 0) return s.restored_us;
  return s.end_us >= 0 ? s.end_us : m.end_us;
}

int TimelineModel::find_lane(LaneKind kind, const std::string& subject) const {
  for (size_t i = 0; i < lanes.size(); ++i) {
    if (lanes[i].kind == kind && lanes[i].subject == subject) return static_cast<int>(i);
  }
  return -1;
}

std::string describe_at(const TimelineModel& model, const Lane& lane, int64_t t) {
  std::string out = state_info(lane.states.at(t)).name;
  if (lane.backlog >= 0) {
    const BacklogSegments& b = model.backlogs[static_cast<size_t>(lane.backlog)];
    if (!b.empty() && t >= b.t_us.front()) out += " \xC2\xB7 " + format_bytes(b.at(t)) + " backlog";
  }
  if (lane.mix >= 0) {
    const MixSeries& mix = model.pool_mixes[static_cast<size_t>(lane.mix)];
    if (mix.empty() || t < mix.t_us.front()) return out;
    const UserMix& m = mix.at(t);
    static constexpr State kLevels[] = {State::kFull, State::kResiliency, State::kVoiceOnly,
                                        State::kSignedOut};
    const char* sep = " \xC2\xB7 ";  // a middle dot
    for (size_t k = 0; k < 4; ++k) {
      if (m.users[k] == 0) continue;
      out += sep + format_count(m.users[k]) + " " + state_info(kLevels[k]).name;
      sep = ", ";
    }
  }
  return out;
}

}  // namespace drsim::viz
