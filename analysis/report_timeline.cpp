// Lanes of state spans from the event log; see report_timeline.h.
//
// One pass over the records, in log order. Each lane keeps its current state and since when;
// a record that changes the state closes the span so far. Zero-length spans (a state that
// changed again at the same instant) are dropped, and equal neighbours are merged, so the
// spans of a lane tile [0, horizon] exactly.
#include "analysis/report_timeline.h"

#include <algorithm>
#include <map>

#include "analysis/backlog_series.h"
#include "analysis/report_format.h"
#include "sim/check.h"
#include "log/record_schema.h"

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

namespace {

std::string short_name(const std::string& fqdn) { return fqdn.substr(0, fqdn.find('.')); }

const char* const kIncidentSection = "Incidents and runbook";

// Packs groups of spans (one incident's stages, one cmdlet) into as few lanes as keep them
// apart: a group goes to the first lane whose last span ends by the group's start. Groups
// come in start order. Overlap would break the trace's nesting and hide bars in the chart.
std::vector<Lane> pack_lanes(const std::vector<std::vector<LaneSpan>>& groups, const std::string& name,
                             LaneKind kind) {
  std::vector<Lane> lanes;
  for (const std::vector<LaneSpan>& g : groups) {
    DRSIM_CHECK(!g.empty(), "an empty group of spans to pack");
    auto free = std::find_if(lanes.begin(), lanes.end(),
                             [&](const Lane& l) { return l.spans.back().end_us <= g.front().start_us; });
    if (free == lanes.end()) {
      const std::string lane_name = lanes.empty() ? name : name + " " + std::to_string(lanes.size() + 1);
      free = lanes.insert(lanes.end(), Lane{kIncidentSection, lane_name, "", kind, "", {}, {}});
    }
    free->spans.insert(free->spans.end(), g.begin(), g.end());
  }
  return lanes;
}

class TimelineBuilder {
 public:
  TimelineBuilder(const ReportTopology& topology, int64_t horizon_us);
  void add(const log::Record& r);
  ReportTimeline finish(const RunReport& report);

 private:
  struct Track {
    std::string state, label, detail;
    int64_t since_us = 0;
    int64_t users = 0;
    bool seen = false;  // a record has set the state
  };
  struct PoolState {
    bool down = false;
    std::string fabric = "running";
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
  void pool_changed(const std::string& pool, int64_t t, const std::string& detail);
  std::string pool_section(const std::string& fqdn) const;

  const ReportTopology& topology_;
  int64_t horizon_us_;
  std::vector<std::string> sections_;
  std::vector<size_t> lane_section_;
  std::vector<Lane> lanes_;
  std::vector<Track> tracks_;
  std::vector<UsersSpan> users_now_;  // per lane, kPoolUsers only
  std::map<std::string, size_t> by_key_;
  std::map<std::string, PoolState> pools_;
  std::map<int64_t, LaneSpan> open_cmdlets_;  // by runbook step
  std::vector<LaneSpan> cmdlets_;
  std::vector<TimelineMarker> markers_;
};

std::string TimelineBuilder::pool_section(const std::string& fqdn) const {
  const TopologyPool* p = find_pool(topology_, fqdn);
  return p != nullptr && !p->site.empty() ? "Pool " + fqdn + " (" + p->site + ")" : "Pool " + fqdn;
}

TimelineBuilder::TimelineBuilder(const ReportTopology& t, int64_t horizon_us)
    : topology_(t), horizon_us_(horizon_us) {
  sections_.push_back(kIncidentSection);
  const std::string sites = "Sites and WAN links";
  for (const std::string& s : t.sites) add_lane(sites, s, "component:" + s, s, LaneKind::kComponent, "up");
  for (const TopologyLink& l : t.links)
    add_lane(sites, l.name, "component:" + l.name, l.name, LaneKind::kComponent, "up");
  for (const TopologyPool& p : t.pools) {
    const std::string sec = pool_section(p.fqdn);
    const size_t u = add_lane(sec, "users", "users:" + p.fqdn, p.fqdn, LaneKind::kPoolUsers, "full");
    users_now_[u].users[0] = p.users;
    add_lane(sec, "pool quorum", "pool:" + p.fqdn, p.fqdn, LaneKind::kPool, "running");
    add_lane(sec, "DR state", "dr:" + p.fqdn, p.fqdn, LaneKind::kPoolDr, "Active");
    add_lane(sec, "voice registrar", "registrar:" + p.fqdn, p.fqdn, LaneKind::kRegistrar, "home");
    add_lane(sec, "Back End", "backend:" + p.fqdn, p.fqdn, LaneKind::kBackEnd, "available");
    for (const TopologyServer& s : p.front_ends)
      add_lane(sec, short_name(s.fqdn), "component:" + s.fqdn, s.fqdn, LaneKind::kComponent, "up");
    for (const TopologyServer& s : p.back_end) {
      const std::string role = s.role == "sql_server" ? "" : " " + s.role;
      add_lane(sec, short_name(s.fqdn) + role, "component:" + s.fqdn, s.fqdn, LaneKind::kComponent, "up");
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

void TimelineBuilder::pool_changed(const std::string& pool, int64_t t, const std::string& detail) {
  const PoolState& s = pools_[pool];
  const size_t i = lane("pool:" + pool, pool_section(pool), "pool quorum", pool, LaneKind::kPool, "running");
  set(i, t, s.down ? "down" : s.fabric, detail);
}

void TimelineBuilder::add(const log::Record& r) {
  const std::string& kind = r.kind();
  const std::string& subject = r.subject();
  const int64_t t = r.time_us();
  if (rec::component_down::kind.is(r) || rec::component_up::kind.is(r)) {
    const bool down = rec::component_down::kind.is(r);
    const std::string detail =
        std::string(down ? "down" : "up") + " (cause: " + rec::get(r, rec::component_down::cause) + ")";
    if (rec::get(r, rec::component_down::component_kind) == "pool") {
      pools_[subject].down = down;
      pool_changed(subject, t, detail);
      return;
    }
    const size_t i = lane("component:" + subject, "Other components", short_name(subject), subject,
                          LaneKind::kComponent, "up");
    set(i, t, down ? "down" : "up", detail);
  } else if (rec::pool_stopped::kind.is(r) || rec::pool_started::kind.is(r) ||
             rec::pool_awaiting_recovery::kind.is(r)) {
    pools_[subject].fabric = rec::pool_stopped::kind.is(r)   ? "stopped"
                             : rec::pool_started::kind.is(r) ? "running"
                                                             : "awaiting_recovery";
    pool_changed(subject, t, rec::get(r, rec::pool_stopped::reason));
  } else if (rec::pool_dr::kind.is(r)) {
    set(lane("dr:" + subject, pool_section(subject), "DR state", subject, LaneKind::kPoolDr, "Active"),
        t, rec::get(r, rec::pool_dr::state));
  } else if (rec::registrar_failover::kind.is(r) || rec::registrar_failback::kind.is(r)) {
    const size_t i = lane("registrar:" + subject, pool_section(subject), "voice registrar", subject,
                          LaneKind::kRegistrar, "home");
    const bool away = rec::registrar_failover::kind.is(r);
    set(i, t, away ? "on_backup" : "home",
        away ? "voice registrar on " + rec::get(r, rec::registrar_failover::backup) : "");
  } else if (kind.rfind("backend.", 0) == 0 && !rec::backend_threshold::kind.is(r)) {
    const size_t i = lane("backend:" + subject, pool_section(subject), "Back End", subject,
                          LaneKind::kBackEnd, "available");
    if (rec::backend_available::kind.is(r)) set(i, t, "available");
    if (rec::backend_unavailable::kind.is(r))
      set(i, t, "unavailable", "principal " + rec::get(r, rec::backend_unavailable::principal));
    if (rec::backend_failover_start::kind.is(r))
      set(i, t, "failing_over", "failing over to " + rec::get(r, rec::backend_failover_start::to));
    if (rec::backend_failover::kind.is(r) && tracks_[i].state == "failing_over")
      set(i, t, "unavailable", "principal now " + rec::get(r, rec::backend_failover::principal));
  } else if (rec::backup_status::kind.is(r)) {
    const size_t i = lane("backup:" + subject, "Backup Service", subject, subject, LaneKind::kBackup, "steady");
    set(i, t, rec::get(r, rec::backup_status::status));  // the detail: the backlog series, in build_timeline
  } else if (rec::service_level::kind.is(r)) {
    const size_t slash = subject.rfind('/');
    const std::string pool = slash == std::string::npos ? subject : subject.substr(0, slash);
    const size_t i = lane("rg:" + subject, "Routing groups of " + pool, subject.substr(slash + 1),
                          subject, LaneKind::kRoutingGroup, "full");
    set(i, t, rec::get(r, rec::service_level::level), "", rec::get(r, rec::service_level::users));
  } else if (rec::pool_users::kind.is(r)) {
    const size_t i = lane("users:" + subject, pool_section(subject), "users", subject,
                          LaneKind::kPoolUsers, "full");
    UsersSpan& now = users_now_[i];
    UsersSpan next{t, t, {}};
    for (size_t l = 0; l < kServiceLevels.size(); ++l) next.users[l] = rec::get(r, rec::kPoolUsersKeys[l]);
    if (next.users == now.users) return;
    now.end_us = t;
    if (now.end_us > now.start_us) lanes_[i].users.push_back(now);
    now = next;
  } else if (rec::cmdlet_start::kind.is(r)) {
    namespace start = rec::cmdlet_start;
    const std::string where = subject.empty() ? "" : " " + subject;
    const std::string mode = rec::get(r, start::disaster_mode) != 0 ? " -DisasterMode" : "";
    open_cmdlets_[rec::get(r, start::step)] =
        LaneSpan{t, t + duration_from_s(rec::get(r, start::duration_s)).us(), "cmdlet",
                 rec::get(r, start::cmdlet), rec::get(r, start::cmdlet) + where + mode, 0};
  } else if (rec::cmdlet_end::kind.is(r)) {
    const auto it = open_cmdlets_.find(rec::get(r, rec::cmdlet_end::step));
    if (it == open_cmdlets_.end()) return;
    it->second.end_us = t;
    cmdlets_.push_back(it->second);
    open_cmdlets_.erase(it);
  } else if (rec::cmdlet_error::kind.is(r)) {
    namespace error = rec::cmdlet_error;
    cmdlets_.push_back({t, t + duration_from_s(rec::get(r, error::cost_s)).us(), "cmdlet_error",
                        rec::get(r, error::cmdlet) + " failed",
                        rec::get(r, error::cmdlet) + " failed: " + rec::get(r, error::error), 0});
  } else if (rec::fault_start::kind.is(r)) {
    const std::string note = rec::get(r, rec::fault_start::note);
    markers_.push_back({t, "fault", subject + " fails" + (note.empty() ? "" : ": " + note)});
  } else if (rec::fault_end::kind.is(r)) {
    markers_.push_back({t, "repair", subject + " repaired"});
  } else if (rec::admin_detect::kind.is(r) || rec::admin_decide::kind.is(r)) {
    const bool detect = rec::admin_detect::kind.is(r);
    const std::string id = std::to_string(rec::get(r, rec::admin_detect::incident));
    markers_.push_back({t, detect ? "detect" : "decide", detect ? "admin notices #" + id : "admin decides #" + id});
  } else if (rec::incident_restored::kind.is(r)) {
    markers_.push_back(
        {t, "restored", "#" + std::to_string(rec::get(r, rec::incident_restored::incident)) + " full service again"});
  }
}

ReportTimeline TimelineBuilder::finish(const RunReport& report) {
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
    const std::pair<const char*, double> stages[] = {
        {"detect", inc.detect_s}, {"decide", inc.decide_s}, {"execute", inc.execute_s},
        {"clients_back", inc.clients_back_s}};
    for (const auto& [stage, s] : stages) {
      const int64_t end = std::min(horizon_us_, t + duration_from_s(s).us());
      if (end > t) spans.push_back({t, end, stage, stage, name + ": " + stage + " " + human_s(s), 0});
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
  for (auto& [step, span] : open_cmdlets_) cmdlets_.push_back(span);
  for (LaneSpan& c : cmdlets_) c.end_us = std::min(c.end_us, horizon_us_);
  std::stable_sort(cmdlets_.begin(), cmdlets_.end(),
                   [](const LaneSpan& a, const LaneSpan& b) { return a.start_us < b.start_us; });
  std::vector<std::vector<LaneSpan>> cmdlet_groups;
  for (const LaneSpan& c : cmdlets_) cmdlet_groups.push_back({c});
  std::vector<Lane> runbook = pack_lanes(cmdlet_groups, "runbook", LaneKind::kRunbook);
  if (runbook.empty()) runbook.push_back(Lane{kIncidentSection, "runbook", "", LaneKind::kRunbook, "", {}, {}});
  head.insert(head.end(), runbook.begin(), runbook.end());

  ReportTimeline out;
  out.horizon_us = horizon_us_;
  out.lanes = std::move(head);
  std::vector<size_t> order(lanes_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return lane_section_[a] < lane_section_[b]; });
  for (size_t i : order) out.lanes.push_back(std::move(lanes_[i]));
  out.markers = std::move(markers_);
  return out;
}

}  // namespace

ReportTimeline build_timeline(const LogFile& log, const RunReport& report,
                              const ReportTopology& topology) {
  TimelineBuilder b(topology, log_horizon_us(log));
  for (const log::Record& r : log.records) b.add(r);
  ReportTimeline t = b.finish(report);
  // Each Backup Service span says what its backlog did, by the rule every backlog shown obeys.
  t.backlogs = backlog_series(log, t.horizon_us);
  const std::vector<BacklogSeries>& backlogs = t.backlogs;
  for (Lane& lane : t.lanes) {
    if (lane.kind != LaneKind::kBackup) continue;
    const auto series = std::find_if(backlogs.begin(), backlogs.end(),
                                     [&](const BacklogSeries& x) { return x.direction == lane.subject; });
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
