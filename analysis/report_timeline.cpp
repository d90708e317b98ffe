// Lanes of state spans from the event log; see report_timeline.h.
//
// One pass over the records, in log order. Each lane keeps its current state and since when;
// a record that changes the state closes the span so far. Zero-length spans (a state that
// changed again at the same instant) are dropped, and equal neighbours are merged, so the
// spans of a lane tile [0, horizon] exactly.
#include "analysis/report_timeline.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "analysis/backlog_series.h"
#include "analysis/report_format.h"
#include "analysis/run_report.h"
#include "log/timeline.h"
#include "sim/check.h"

namespace drsim {

int service_level_index(const std::string& level) {
  for (size_t i = 0; i < kServiceLevels.size(); ++i) {
    if (level == kServiceLevels[i]) return static_cast<int>(i);
  }
  return -1;
}

int64_t log_horizon_us(const LogFile& log) {
  if (log.header.horizon_us() > 0) return log.header.horizon_us();
  return log.records.empty() ? 0 : log.records.back().time_us();
}

TimeWindow incident_window(const IncidentReport& inc, int64_t horizon_us) {
  const int64_t start = duration_from_s(inc.start_s).us();
  const int64_t end = inc.restored_s ? duration_from_s(*inc.restored_s).us()
                                     : start + duration_from_s(inc.total_s).us();
  // A margin of a tenth of the incident, at least a minute, so its edges are visible.
  const int64_t pad = std::max<int64_t>((end - start) / 10, Duration::minutes(1).us());
  return {std::max<int64_t>(0, start - pad), std::min(horizon_us, std::max(end, start) + pad)};
}

TimeWindow incident_runbook_window(const IncidentReport& inc, const ReportTimeline& timeline,
                                   bool* zoomed) {
  *zoomed = false;
  const TimeWindow whole = incident_window(inc, timeline.horizon_us);
  const int64_t start = duration_from_s(inc.start_s).us();
  const int64_t end = inc.restored_s ? duration_from_s(*inc.restored_s).us()
                                     : start + duration_from_s(inc.total_s).us();
  int64_t last = -1;
  for (const Lane& lane : timeline.lanes) {
    if (lane.kind != LaneKind::kRunbook) continue;
    for (const LaneSpan& s : lane.spans)
      if (s.start_us >= start && s.start_us < end) last = std::max(last, s.end_us);
  }
  if (last < 0 || (last - start) * 3 >= end - start) return whole;
  *zoomed = true;
  const int64_t pad = std::max<int64_t>((last - start) / 10, Duration::minutes(1).us());
  return {std::max<int64_t>(0, start - pad), std::min(timeline.horizon_us, last + pad)};
}

namespace {

std::string short_name(const std::string& fqdn) { return fqdn.substr(0, fqdn.find('.')); }

const char* const kIncidentSection = "Incidents and runbook";
const char* const kAccessSection = "Remote access and federation (Edge, Director)";
const char* const kContentSection = "Meeting content (file stores, Office Web Apps)";
const char* const kPchatSection = "Persistent Chat";

// Packs groups of spans (one incident's stages, one cmdlet) into as few lanes as keep them
// apart: a group goes to the first lane whose last span ends by the group's start. Groups
// come in start order. Overlap would break the trace's nesting and hide bars in the chart.
std::vector<Lane> pack_lanes(const std::vector<std::vector<LaneSpan>>& groups,
                             const std::string& name, LaneKind kind) {
  std::vector<Lane> lanes;
  for (const std::vector<LaneSpan>& g : groups) {
    DRSIM_CHECK(!g.empty(), "an empty group of spans to pack");
    auto free = std::find_if(lanes.begin(), lanes.end(), [&](const Lane& l) {
      return l.spans.back().end_us <= g.front().start_us;
    });
    if (free == lanes.end()) {
      const std::string lane_name =
          lanes.empty() ? name : name + " " + std::to_string(lanes.size() + 1);
      free = lanes.insert(lanes.end(), Lane{kIncidentSection, lane_name, "", kind, "", {}, {}});
    }
    free->spans.insert(free->spans.end(), g.begin(), g.end());
  }
  return lanes;
}

class TimelineBuilder {
 public:
  TimelineBuilder(const ReportTopology& topology, int64_t horizon_us);
  void add(const timeline::Track& t);
  ReportTimeline finish(const RunReport& report, const timeline::TimelineIndex& index);

 private:
  struct Track {
    std::string state, label, detail;
    int64_t since_us = 0;
    int64_t users = 0;
    bool seen = false;  // a record has set the state
  };
  size_t add_lane(const std::string& section, const std::string& name, const std::string& key,
                  const std::string& subject, LaneKind kind, const std::string& nominal,
                  int64_t users = 0);
  // The lane for a key, created under `section` when the topology did not name it.
  size_t lane(const std::string& key, const std::string& section, const std::string& name,
              const std::string& subject, LaneKind kind, const std::string& nominal);
  void set(size_t i, int64_t t, const std::string& state, const std::string& detail = "",
           int64_t users = -1);
  void close(size_t i, int64_t t);
  std::string pool_section(const std::string& fqdn) const;

  const ReportTopology& topology_;
  int64_t horizon_us_;
  std::vector<std::string> sections_;
  std::vector<size_t> lane_section_;
  std::vector<Lane> lanes_;
  std::vector<Track> tracks_;
  std::vector<UsersSpan> users_now_;  // per lane, kPoolUsers only
  std::map<std::string, size_t> by_key_;
};

std::string TimelineBuilder::pool_section(const std::string& fqdn) const {
  const TopologyPool* p = find_pool(topology_, fqdn);
  return p != nullptr && !p->site.empty() ? "Pool " + fqdn + " (" + p->site + ")" : "Pool " + fqdn;
}

TimelineBuilder::TimelineBuilder(const ReportTopology& t, int64_t horizon_us)
    : topology_(t), horizon_us_(horizon_us) {
  sections_.push_back(kIncidentSection);
  const std::string sites = "Sites and WAN links";
  for (const std::string& s : t.sites)
    add_lane(sites, s, "component:" + s, s, LaneKind::kComponent, "up");
  for (const TopologyLink& l : t.links)
    add_lane(sites, l.name, "component:" + l.name, l.name, LaneKind::kComponent, "up");
  for (const TopologyPool& p : t.pools) {
    const std::string sec = pool_section(p.fqdn);
    const size_t u =
        add_lane(sec, "users", "users:" + p.fqdn, p.fqdn, LaneKind::kPoolUsers, "full");
    users_now_[u].users[0] = p.users;
    add_lane(sec, "pool quorum", "pool:" + p.fqdn, p.fqdn, LaneKind::kPool, "running");
    add_lane(sec, "DR state", "dr:" + p.fqdn, p.fqdn, LaneKind::kPoolDr, "Active");
    add_lane(sec, "voice registrar", "registrar:" + p.fqdn, p.fqdn, LaneKind::kRegistrar, "home");
    add_lane(sec, "Back End", "backend:" + p.fqdn, p.fqdn, LaneKind::kBackEnd, "available");
    for (const TopologyServer& s : p.front_ends)
      add_lane(sec, short_name(s.fqdn), "component:" + s.fqdn, s.fqdn, LaneKind::kComponent, "up");
    for (const TopologyServer& s : p.back_end) {
      const std::string role = s.role == "sql_server" ? "" : " " + s.role;
      add_lane(sec, short_name(s.fqdn) + role, "component:" + s.fqdn, s.fqdn, LaneKind::kComponent,
               "up");
    }
  }
  for (const TopologyPool& p : t.pools) {
    if (p.backup_pool.empty()) continue;
    const std::string d = p.fqdn + "->" + p.backup_pool;
    add_lane("Backup Service", short_name(p.fqdn) + " \xE2\x86\x92 " + short_name(p.backup_pool),
             "backup:" + d, d, LaneKind::kBackup, "steady");
  }
  for (const TopologyPool& p : t.pools) {
    for (int g = 0; g < p.routing_groups; ++g) {
      const std::string rg = routing_group_subject(p.fqdn, g);
      add_lane("Routing groups of " + p.fqdn, "rg" + std::to_string(g), "rg:" + rg, rg,
               LaneKind::kRoutingGroup, "full", routing_group_users(p, g));
    }
  }
}

size_t TimelineBuilder::add_lane(const std::string& section, const std::string& name,
                                 const std::string& key, const std::string& subject, LaneKind kind,
                                 const std::string& nominal, int64_t users) {
  // A name used twice (a server listed in two pools) keeps its first lane: one history per
  // subject is all the log has.
  if (const auto it = by_key_.find(key); it != by_key_.end()) return it->second;
  auto s = std::find(sections_.begin(), sections_.end(), section);
  if (s == sections_.end()) s = sections_.insert(sections_.end(), section);
  const size_t i = lanes_.size();
  by_key_.emplace(key, i);
  lane_section_.push_back(static_cast<size_t>(s - sections_.begin()));
  lanes_.push_back({section, name, subject, kind, nominal, {}, {}});
  tracks_.push_back({nominal, "", "", 0, users, false});
  users_now_.push_back({});
  return i;
}

size_t TimelineBuilder::lane(const std::string& key, const std::string& section,
                             const std::string& name, const std::string& subject, LaneKind kind,
                             const std::string& nominal) {
  const auto it = by_key_.find(key);
  return it != by_key_.end() ? it->second : add_lane(section, name, key, subject, kind, nominal);
}

void TimelineBuilder::close(size_t i, int64_t t) {
  const Track& k = tracks_[i];
  if (t <= k.since_us) return;
  std::vector<LaneSpan>& spans = lanes_[i].spans;
  if (!spans.empty() && spans.back().state == k.state && spans.back().users == k.users &&
      spans.back().end_us == k.since_us) {
    spans.back().end_us = t;
    return;
  }
  spans.push_back({k.since_us, t, k.state, k.label, k.detail, k.users});
}

void TimelineBuilder::set(size_t i, int64_t t, const std::string& state, const std::string& detail,
                          int64_t users) {
  Track& k = tracks_[i];
  if (users < 0) users = k.users;
  // A routing group's first record tells its size, which the log-only topology may not know.
  if (!k.seen && k.since_us == 0 && users != k.users) k.users = users;
  k.seen = true;
  if (k.state == state && k.users == users) return;
  close(i, t);
  k.state = state;
  k.label = state;
  k.detail = detail;
  k.since_us = t;
  k.users = users;
}

void TimelineBuilder::add(const timeline::Track& t) {
  using timeline::Aspect;
  const std::string& subject = t.subject;
  // The lane each track is drawn in, created where the topology did not name it.
  size_t i = 0;
  switch (t.aspect) {
    case Aspect::kComponent: {
      // The voice path's and remote access's components (known from their records only) get
      // sections of their own; an Edge or Director pool's own lane is its serving state.
      const std::string& k = t.component_kind;
      if (k == "edge_pool" || k == "director_pool" || k == "file_store" || k == "owa_farm") return;
      const bool content = k == "file_server" || k == "owa_server";
      const bool voice =
          k == "mediation_pool" || k == "mediation_server" || k == "pstn_gateway" || k == "trunk";
      const bool access = k == "edge_server" || k == "director_server";
      const bool chat = k == "persistent_chat_pool" || k == "persistent_chat_server" ||
                        k == "persistent_chat_sql";
      i = lane("component:" + subject,
               voice     ? "Voice path (Mediation, gateways, trunks)"
               : access  ? kAccessSection
               : content ? kContentSection
               : chat    ? kPchatSection
                         : "Other components",
               access || content || chat ? subject : short_name(subject), subject,
               LaneKind::kComponent, "up");
      break;
    }
    case Aspect::kAccess:
      i = lane("access:" + subject, subject == kContentModality ? kContentSection : kAccessSection,
               access_modality_text(subject), subject, LaneKind::kAccess, "access_ok");
      break;
    case Aspect::kAccessPool: {
      const bool content = t.component_kind == "file_store" || t.component_kind == "owa_farm";
      i = lane("component:" + subject, content ? kContentSection : kAccessSection,
               subject + " (serving)", subject, LaneKind::kComponent, "up");
      break;
    }
    case Aspect::kPchat:
      i = lane("pchat:" + subject, kPchatSection, subject + " (users with chat)", subject,
               LaneKind::kPchat, "pchat_ok");
      break;
    case Aspect::kPstn:
      i = lane("pstn:" + subject, pool_section(subject), "PSTN calling", subject, LaneKind::kPstn,
               "pstn_ok");
      break;
    case Aspect::kPoolQuorum:
      i = lane("pool:" + subject, pool_section(subject), "pool quorum", subject, LaneKind::kPool,
               "running");
      break;
    case Aspect::kPoolDr:
      i = lane("dr:" + subject, pool_section(subject), "DR state", subject, LaneKind::kPoolDr,
               "Active");
      break;
    case Aspect::kRegistrar:
      i = lane("registrar:" + subject, pool_section(subject), "voice registrar", subject,
               LaneKind::kRegistrar, "home");
      break;
    case Aspect::kBackEnd:
      i = lane("backend:" + subject, pool_section(subject), "Back End", subject, LaneKind::kBackEnd,
               "available");
      break;
    case Aspect::kBackup: {
      // A direction gets a lane from its status records; cycles alone say nothing of its state.
      const bool has_status =
          std::any_of(t.changes.begin(), t.changes.end(),
                      [](const timeline::Change& c) { return !c.state.empty(); });
      if (!has_status) return;
      i = lane("backup:" + subject, "Backup Service", subject, subject, LaneKind::kBackup,
               "steady");
      break;  // the detail comes from the backlog, in build_timeline
    }
    case Aspect::kRoutingGroup: {
      const size_t slash = subject.rfind('/');
      const std::string pool = slash == std::string::npos ? subject : subject.substr(0, slash);
      i = lane("rg:" + subject, "Routing groups of " + pool, subject.substr(slash + 1), subject,
               LaneKind::kRoutingGroup, "full");
      break;
    }
    case Aspect::kPoolUsers: {
      i = lane("users:" + subject, pool_section(subject), "users", subject, LaneKind::kPoolUsers,
               "full");
      UsersSpan& now = users_now_[i];
      for (const timeline::Change& c : t.changes) {
        if (c.mix == now.users) continue;
        now.end_us = c.t_us;
        if (now.end_us > now.start_us) lanes_[i].users.push_back(now);
        now = UsersSpan{c.t_us, c.t_us, c.mix};
      }
      return;
    }
  }
  for (const timeline::Change& c : t.changes) {
    if (!c.state.empty()) set(i, c.t_us, c.state, c.detail, c.users);
  }
}

std::string marker_label(const timeline::Marker& m) {
  const std::string id = std::to_string(m.incident);
  switch (m.kind) {
    case timeline::MarkerKind::kFault:
      return m.subject + " fails" + (m.note.empty() ? "" : ": " + m.note);
    case timeline::MarkerKind::kRepair:
      return m.subject + " repaired";
    case timeline::MarkerKind::kDetect:
      return "admin notices #" + id;
    case timeline::MarkerKind::kDecide:
      return "admin decides #" + id;
    case timeline::MarkerKind::kRestored:
      return "#" + id + " full service again";
  }
  return "";
}

const char* marker_kind(timeline::MarkerKind k) {
  static constexpr const char* kNames[] = {"fault", "repair", "detect", "decide", "restored"};
  return kNames[static_cast<size_t>(k)];
}

// The runbook's spans: each cmdlet from its start to its end (or, unfinished, to its planned
// end), each failed one for the admin time it cost; in the order they finished, the
// unfinished last by step, for the stable sort by start below.
std::vector<LaneSpan> cmdlet_spans(const timeline::TimelineIndex& index) {
  std::vector<std::pair<std::pair<size_t, int64_t>, LaneSpan>> done;
  for (const timeline::Cmdlet& c : index.cmdlets) {
    const std::string where = c.pool.empty() ? "" : " " + c.pool;
    const std::string mode = c.is_disaster_mode ? " -DisasterMode" : "";
    const LaneSpan span{c.start_us,
                        c.end_us >= 0 ? c.end_us : c.start_us + c.duration_us,
                        "cmdlet",
                        c.cmdlet,
                        c.cmdlet + where + mode,
                        0};
    done.push_back({{c.end_us >= 0 ? c.end_seq : SIZE_MAX, c.step}, span});
  }
  for (const timeline::CmdletError& e : index.cmdlet_errors) {
    done.push_back({{e.seq, 0},
                    LaneSpan{e.t_us, e.t_us + duration_from_s(e.cost_s).us(), "cmdlet_error",
                             e.cmdlet + " failed", e.cmdlet + " failed: " + e.error, 0}});
  }
  std::stable_sort(done.begin(), done.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<LaneSpan> out;
  for (auto& [key, span] : done) out.push_back(std::move(span));
  return out;
}

ReportTimeline TimelineBuilder::finish(const RunReport& report,
                                       const timeline::TimelineIndex& index) {
  for (size_t i = 0; i < lanes_.size(); ++i) {
    close(i, horizon_us_);
    if (lanes_[i].kind == LaneKind::kPoolUsers) {
      UsersSpan& now = users_now_[i];
      now.end_us = horizon_us_;
      if (now.end_us > now.start_us) lanes_[i].users.push_back(now);
    }
  }
  // Incidents first, in id order, each its RTO stages end to end.
  std::vector<IncidentReport> incidents = report.incidents;
  std::sort(incidents.begin(), incidents.end(),
            [](const IncidentReport& a, const IncidentReport& b) { return a.id < b.id; });
  std::vector<std::vector<LaneSpan>> incident_spans;
  std::vector<std::string> incident_names;
  for (const IncidentReport& inc : incidents) {
    const std::string name = "#" + std::to_string(inc.id) + " " + inc.disruption + " " + inc.cause;
    std::vector<LaneSpan> spans;
    int64_t t = duration_from_s(inc.start_s).us();
    const std::pair<const char*, double> stages[] = {{"detect", inc.detect_s},
                                                     {"decide", inc.decide_s},
                                                     {"execute", inc.execute_s},
                                                     {"clients_back", inc.clients_back_s},
                                                     {"awaiting_repair", inc.awaiting_repair_s},
                                                     {"nobody_acted", inc.nobody_acted_s}};
    for (const auto& [stage, s] : stages) {
      const int64_t end = std::min(horizon_us_, t + duration_from_s(s).us());
      if (end > t)
        spans.push_back({t, end, stage, stage, name + ": " + stage + " " + human_s(s), 0});
      t = end;
    }
    if (spans.empty()) continue;
    incident_spans.push_back(std::move(spans));
    incident_names.push_back(name);
  }
  std::vector<Lane> head = pack_lanes(incident_spans, "incidents", LaneKind::kIncident);
  // A lane that holds one incident is named after it.
  if (head.size() == 1 && incident_names.size() == 1) head[0].name = incident_names[0];
  // Unfinished cmdlets run to the horizon; none runs past it.
  std::vector<LaneSpan> cmdlets = cmdlet_spans(index);
  for (LaneSpan& c : cmdlets) c.end_us = std::min(c.end_us, horizon_us_);
  std::stable_sort(cmdlets.begin(), cmdlets.end(),
                   [](const LaneSpan& a, const LaneSpan& b) { return a.start_us < b.start_us; });
  std::vector<std::vector<LaneSpan>> cmdlet_groups;
  for (const LaneSpan& c : cmdlets) cmdlet_groups.push_back({c});
  std::vector<Lane> runbook = pack_lanes(cmdlet_groups, "runbook", LaneKind::kRunbook);
  if (runbook.empty())
    runbook.push_back(Lane{kIncidentSection, "runbook", "", LaneKind::kRunbook, "", {}, {}});
  head.insert(head.end(), runbook.begin(), runbook.end());

  ReportTimeline out;
  out.horizon_us = horizon_us_;
  out.lanes = std::move(head);
  std::vector<size_t> order(lanes_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return lane_section_[a] < lane_section_[b]; });
  for (size_t i : order) out.lanes.push_back(std::move(lanes_[i]));
  for (const timeline::Marker& m : index.markers)
    out.markers.push_back({m.t_us, marker_kind(m.kind), marker_label(m)});
  return out;
}

}  // namespace

ReportTimeline build_timeline(const LogFile& log, const RunReport& report,
                              const ReportTopology& topology) {
  const timeline::TimelineIndex index = timeline::index_timeline(log.records, log_horizon_us(log));
  TimelineBuilder b(topology, log_horizon_us(log));
  for (const timeline::Track& track : index.tracks) b.add(track);
  ReportTimeline t = b.finish(report, index);
  // Each Backup Service span says what its backlog did, by the rule every backlog shown obeys.
  t.backlogs = backlog_series(index.backlogs, t.horizon_us);
  const std::vector<BacklogSeries>& backlogs = t.backlogs;
  for (Lane& lane : t.lanes) {
    if (lane.kind != LaneKind::kBackup) continue;
    const auto series = std::find_if(backlogs.begin(), backlogs.end(), [&](const BacklogSeries& x) {
      return x.direction == lane.subject;
    });
    if (series == backlogs.end()) continue;
    for (LaneSpan& s : lane.spans) {
      const double from = backlog_at(*series, s.start_us), to = backlog_at(*series, s.end_us);
      const double peak = backlog_peak(*series, s.start_us, s.end_us);
      s.detail = "backlog " + human_bytes(from) + " to " + human_bytes(to) +
                 (peak > std::max(from, to) ? ", peak " + human_bytes(peak) : "");
    }
  }
  return t;
}

}  // namespace drsim
