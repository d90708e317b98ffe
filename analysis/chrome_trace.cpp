// The Chrome trace export; see chrome_trace.h.
#include "analysis/chrome_trace.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/backlog_series.h"
#include "analysis/json_writer.h"
#include "analysis/report_style.h"
#include "log/record_schema.h"
#include "sim/check.h"

namespace drsim {

namespace {

const char* kind_name(LaneKind k) {
  switch (k) {
    case LaneKind::kIncident:
      return "incident";
    case LaneKind::kRunbook:
      return "runbook";
    case LaneKind::kComponent:
      return "component";
    case LaneKind::kPool:
      return "pool";
    case LaneKind::kPoolDr:
      return "pool_dr";
    case LaneKind::kRegistrar:
      return "registrar";
    case LaneKind::kBackEnd:
      return "back_end";
    case LaneKind::kBackup:
      return "backup";
    case LaneKind::kPoolUsers:
      return "users";
    case LaneKind::kRoutingGroup:
      return "routing_group";
    case LaneKind::kPstn:
      return "pstn";
    case LaneKind::kAccess:
      return "access";
    case LaneKind::kPchat:
      return "pchat";
  }
  return "other";
}

struct Track {
  int pid = 0, tid = 0;
  const Lane* lane = nullptr;
};

// Whether a lane has anything to draw: an incident or runbook lane without spans (a run
// without cmdlets) would be a named but empty track, which Perfetto hides and which would only
// puzzle a reader of the JSON.
bool has_slices(const Lane& lane) { return !lane.spans.empty() || !lane.users.empty(); }

// One process per section (sections are contiguous in the timeline), one thread per lane.
// Thread ids are unique across processes, so no viewer can merge two lanes.
std::vector<Track> make_tracks(const ReportTimeline& t) {
  std::vector<Track> out;
  int pid = 0, tid = 0;
  const std::string* section = nullptr;
  for (const Lane& lane : t.lanes) {
    if (!has_slices(lane)) continue;
    if (section == nullptr || *section != lane.section) {
      section = &lane.section;
      ++pid;
    }
    out.push_back({pid, ++tid, &lane});
  }
  return out;
}

// A slice's name for people: the state's legend words ("failing over", "on backup pool"), or
// for the runbook the cmdlet ("Invoke-CsPoolFailover", "... failed").
std::string slice_name(const Lane& lane, const LaneSpan& s) {
  if (lane.kind == LaneKind::kRunbook) return s.label;
  const StateStyle& style = state_style(s.state);
  if (style.state[0] != '\0') return style.label;
  std::string words = s.state;  // a state the style table does not know: still readable
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

// "backlog pool1.contoso.com → pool2.contoso.com": viewers name the counter's track by this
// and the series ("bytes").
std::string backlog_counter_name(const std::string& direction) {
  std::string name = "backlog " + direction;
  const size_t arrow = name.find("->");
  if (arrow != std::string::npos) name.replace(arrow, 2, " \xE2\x86\x92 ");
  return name;
}

// The worst service level any of a pool's users are at: the name of a users slice.
size_t worst_level(const UsersSpan& u) {
  size_t worst = 0;
  for (size_t l = 0; l < u.users.size(); ++l) {
    if (u.users[l] > 0) worst = l;
  }
  return worst;
}

// The track holding a non-healthy span that starts at `t` on a lane that `match` accepts.
template <typename Match>
const Track* slice_at(const std::vector<Track>& tracks, int64_t t, Match match) {
  for (const Track& k : tracks) {
    if (!match(*k.lane)) continue;
    for (const LaneSpan& s : k.lane->spans) {
      if (s.start_us == t && s.state != k.lane->nominal) return &k;
    }
  }
  return nullptr;
}

struct Flow {
  const Track* from;
  int64_t from_us;
  const Track* to;
  int64_t to_us;
};

// Fault -> action links: each cmdlet or registrar failover during an incident (from its
// start to its end record, or the horizon) is linked to the failed component that opened it.
std::vector<Flow> causal_flows(const LogFile& log, const std::vector<Track>& tracks,
                               int64_t horizon_us) {
  struct Window {
    int64_t start_us, end_us;
    std::string cause;
  };
  std::map<int64_t, Window> incidents;
  for (const log::Record& r : log.records) {
    const int64_t id = rec::get(r, rec::incident_start::incident);
    if (rec::incident_start::kind.is(r)) incidents[id] = {r.time_us(), horizon_us, r.subject()};
    if ((rec::incident_end::kind.is(r) || rec::incident_open::kind.is(r)) &&
        incidents.count(id) > 0)
      incidents[id].end_us = r.time_us();
  }
  std::vector<Flow> out;
  std::set<std::pair<const Track*, int64_t>> used;  // two cmdlets at one instant: one each
  for (const log::Record& r : log.records) {
    const bool cmdlet = rec::cmdlet_start::kind.is(r) || rec::cmdlet_error::kind.is(r);
    if (!cmdlet && !rec::registrar_failover::kind.is(r)) continue;
    const Window* w = nullptr;
    for (const auto& [id, win] : incidents) {
      if (win.start_us <= r.time_us() && r.time_us() <= win.end_us)
        w = &win;  // the latest open one
    }
    if (w == nullptr) continue;
    const Track* from = slice_at(tracks, w->start_us, [&](const Lane& l) {
      return l.subject == w->cause && (l.kind == LaneKind::kComponent || l.kind == LaneKind::kPool);
    });
    if (from == nullptr)
      from = slice_at(tracks, w->start_us,
                      [&](const Lane& l) { return l.kind == LaneKind::kIncident; });
    const std::string name = rec::get(r, rec::cmdlet_start::cmdlet);
    const Track* to = nullptr;
    for (const Track& k : tracks) {
      const bool lane_ok =
          cmdlet ? k.lane->kind == LaneKind::kRunbook
                 : k.lane->kind == LaneKind::kRegistrar && k.lane->subject == r.subject();
      if (!lane_ok || used.count({&k, r.time_us()}) > 0) continue;
      for (const LaneSpan& s : k.lane->spans) {
        if (s.start_us == r.time_us() && (!cmdlet || s.detail.rfind(name, 0) == 0)) to = &k;
      }
      if (to != nullptr) break;
    }
    if (from == nullptr || to == nullptr) continue;
    used.insert({to, r.time_us()});
    out.push_back({from, w->start_us, to, r.time_us()});
  }
  return out;
}

void metadata(JsonWriter& w, const char* name, int pid, int tid, const std::string& key,
              const std::string& text, int64_t number) {
  w.begin_object().field("ph", "M").field("name", name).field("pid", pid);
  if (tid > 0) w.field("tid", tid);
  w.key("args").begin_object();
  if (key == "name")
    w.field("name", text);
  else
    w.field(key, number);
  w.end_object().end_object();
}

}  // namespace

std::string chrome_trace_json(const LogFile& log, const ReportTimeline& timeline) {
  const std::vector<Track> tracks = make_tracks(timeline);
  JsonWriter w;
  w.begin_object();
  w.field("displayTimeUnit", "ms");
  w.key("metadata").begin_object();
  w.field("scenario", log.header.scenario_name()).field("seed", log.header.seed());
  w.field("replication", log.header.replication())
      .field("scenario_sha256", log.header.scenario_sha256());
  w.field("drsim_version", log.header.drsim_version()).field("commit", log.header.git_commit());
  w.key("overrides").begin_array();
  for (const std::string& o : log.header.overrides()) w.value(o);
  w.end_array();
  if (log.header.has_runbook_file())
    w.field("runbook_file", log.header.runbook_file())
        .field("runbook_sha256", log.header.runbook_sha256());
  w.field("horizon_s", static_cast<double>(timeline.horizon_us) / 1e6);
  w.end_object();
  w.key("traceEvents").begin_array();
  int last_pid = 0;
  for (const Track& k : tracks) {
    if (k.pid != last_pid) {
      metadata(w, "process_name", k.pid, 0, "name", k.lane->section, 0);
      metadata(w, "process_sort_index", k.pid, 0, "sort_index", "", k.pid);
      last_pid = k.pid;
    }
    metadata(w, "thread_name", k.pid, k.tid, "name", k.lane->name, 0);
    metadata(w, "thread_sort_index", k.pid, k.tid, "sort_index", "", k.tid);
  }
  // Every span is a slice, healthy ones too (category "healthy"), so each lane is a track
  // from 0 to the horizon and a lane that never failed is still there to be seen.
  for (const Track& k : tracks) {
    // A users lane's state is in its user counts (below), not in spans.
    static const std::vector<LaneSpan> kNoSpans;
    const std::vector<LaneSpan>& spans =
        k.lane->kind == LaneKind::kPoolUsers ? kNoSpans : k.lane->spans;
    for (const LaneSpan& s : spans) {
      const bool healthy = !k.lane->nominal.empty() && s.state == k.lane->nominal;
      w.begin_object().field("ph", "X").field("name", slice_name(*k.lane, s));
      w.field("cat", healthy ? "healthy" : kind_name(k.lane->kind));
      w.field("ts", s.start_us)
          .field("dur", s.end_us - s.start_us)
          .field("pid", k.pid)
          .field("tid", k.tid);
      w.key("args").begin_object().field("state", s.state).field("subject", k.lane->subject);
      if (!s.detail.empty()) w.field("detail", s.detail);
      if (s.users > 0) w.field("users", s.users);
      w.end_object().end_object();
    }
    if (k.lane->kind != LaneKind::kPoolUsers) continue;
    // The users lane: a slice per stretch of constant user counts, named by the worst level
    // anyone is at, and the counts as a counter of the pool's process.
    for (const UsersSpan& u : k.lane->users) {
      const size_t worst = worst_level(u);
      w.begin_object().field("ph", "X").field(
          "name", std::string(state_style(kServiceLevels[worst]).label));
      w.field("cat", worst == 0 ? "healthy" : kind_name(k.lane->kind));
      w.field("ts", u.start_us)
          .field("dur", u.end_us - u.start_us)
          .field("pid", k.pid)
          .field("tid", k.tid);
      w.key("args").begin_object().field("subject", k.lane->subject);
      for (size_t l = 0; l < kServiceLevels.size(); ++l) w.field(kServiceLevels[l], u.users[l]);
      w.end_object().end_object();
      w.begin_object().field("ph", "C").field("name", "users " + k.lane->subject);
      w.field("ts", u.start_us).field("pid", k.pid).key("args").begin_object();
      for (size_t l = 0; l < kServiceLevels.size(); ++l) w.field(kServiceLevels[l], u.users[l]);
      w.end_object().end_object();
    }
  }
  // The backlog by the log's rule (backlog_series.h): a ramp while it grows, each jump.
  for (const BacklogSeries& b : timeline.backlogs) {
    const Track* k = nullptr;
    for (const Track& t : tracks) {
      if (t.lane->kind == LaneKind::kBackup && t.lane->subject == b.direction) k = &t;
    }
    if (k == nullptr) continue;
    for (const BacklogSample& x : b.samples) {
      w.begin_object().field("ph", "C").field("name", backlog_counter_name(b.direction));
      w.field("ts", x.time_us).field("pid", k->pid).key("args").begin_object();
      w.field("bytes", x.bytes).end_object().end_object();
    }
  }
  int64_t id = 0;
  for (const Flow& f : causal_flows(log, tracks, timeline.horizon_us)) {
    ++id;
    w.begin_object().field("ph", "s").field("name", "caused").field("cat", "cause").field("id", id);
    w.field("ts", f.from_us).field("pid", f.from->pid).field("tid", f.from->tid).end_object();
    w.begin_object()
        .field("ph", "f")
        .field("bp", "e")
        .field("name", "caused")
        .field("cat", "cause")
        .field("id", id);
    w.field("ts", f.to_us).field("pid", f.to->pid).field("tid", f.to->tid).end_object();
  }
  w.end_array();
  w.end_object();
  return w.str();
}

}  // namespace drsim
