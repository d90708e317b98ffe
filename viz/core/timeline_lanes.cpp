// The visualiser's lanes from the timeline model (log/timeline.h); see timeline_model.h.
//
// The records were read once, by timeline::index_timeline, which the report's timeline reads
// too; here each track becomes a step series of the visualiser's states on its lane. A pool's
// lane combines its quorum and DR tracks (a pool that is down and failed over shows "failed
// over", the state that tells the administrator where its users went).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <unordered_map>

#include "analysis/run_report.h"
#include "sim/check.h"
#include "viz/core/format.h"
#include "viz/core/timeline_model.h"

namespace drsim::viz {

namespace {

State initial_state(LaneKind kind) {
  switch (kind) {
    case LaneKind::kRoutingGroup:
      return State::kFull;
    case LaneKind::kBackup:
      return State::kSteady;
    case LaneKind::kPstn:
      return State::kPstnOk;
    case LaneKind::kAccess:
    case LaneKind::kContent:
      return State::kAccessOk;
    case LaneKind::kPchat:
      return State::kPchatOk;
    default:
      return State::kUp;
  }
}

// The visualiser's state for a state key of log/states.h; `healthy` for the all-is-well keys
// (up, running, Active, available, steady).
State lane_state(const std::string& key, State healthy = State::kUp) {
  if (key == "down" || key == "unavailable") return State::kDown;
  if (key == "stopped" || key == "awaiting_recovery") return State::kStopped;
  if (key == "FailingOver" || key == "failing_over") return State::kFailingOver;
  if (key == "FailedOver") return State::kFailedOver;
  if (key == "FailingBack") return State::kFailingBack;
  if (key == "lagging") return State::kLagging;
  if (key == "final") return State::kFinal;
  if (key == "pstn_degraded") return State::kPstnDegraded;
  if (key == "pstn_none") return State::kPstnNone;
  if (key == "access_ok") return State::kAccessOk;
  if (key == "access_degraded") return State::kAccessDegraded;
  if (key == "access_down") return State::kAccessDown;
  if (key == "pchat_ok") return State::kPchatOk;
  if (key == "pchat_degraded") return State::kPchatDegraded;
  if (key == "pchat_down") return State::kPchatDown;
  return healthy;
}

class Builder {
 public:
  explicit Builder(timeline::TimelineIndex index) : index_(std::move(index)) {
    model_.end_us = index_.end_us;
  }

  void add_topology(const scenario::Scenario& sc);
  void add(const timeline::Track& t);
  TimelineModel finish();
  const std::vector<timeline::Track>& tracks() const { return index_.tracks; }

 private:
  int lane(LaneKind kind, const std::string& subject, const std::string& pool);
  void pool(const timeline::Track& t);

  timeline::TimelineIndex index_;
  TimelineModel model_;
  std::unordered_map<std::string, int> lanes_;   // kind letter + subject -> lane
  std::unordered_map<std::string, int> groups_;  // kind letter + pool -> group
  std::vector<std::string> group_pool_;          // per group: its pool, or empty
  std::unordered_map<std::string, std::string> fe_pool_;
  // Per pool lane: its quorum and DR tracks' changes, merged in time order at the end.
  std::unordered_map<int, std::vector<std::pair<const timeline::Change*, bool>>> pool_changes_;
};

void Builder::add_topology(const scenario::Scenario& sc) {
  for (const auto& site : sc.sites()) lane(LaneKind::kSite, site.name(), "");
  for (const auto& link : sc.links()) lane(LaneKind::kSite, link.name(), "");
  // The voice path's gateways and stand-alone Mediation pools, with the sites they are in.
  for (const auto& g : sc.pstn_gateways()) lane(LaneKind::kSite, g.fqdn(), "");
  for (const auto& m : sc.mediation_pools()) lane(LaneKind::kSite, m.fqdn(), "");
  for (const auto& p : sc.pools()) lane(LaneKind::kPool, p.fqdn(), "");
  for (const auto& p : sc.pools()) {
    if (p.has_back_end()) lane(LaneKind::kBackEnd, p.fqdn(), "");
  }
  for (const auto& p : sc.pools()) {
    if (p.backup_pool().empty()) continue;
    // Pairing is symmetric: the Backup Service replicates both ways.
    lane(LaneKind::kBackup, p.fqdn() + "->" + p.backup_pool(), "");
    lane(LaneKind::kBackup, p.backup_pool() + "->" + p.fqdn(), "");
  }
  for (const auto& p : sc.pools()) {
    for (const auto& fe : p.front_ends()) {
      fe_pool_[fe.fqdn()] = p.fqdn();
      lane(LaneKind::kFrontEnd, fe.fqdn(), p.fqdn());
    }
  }
  for (const auto& p : sc.pools()) {
    for (int i = 0; i < p.routing_groups(); ++i) {
      lane(LaneKind::kRoutingGroup, p.fqdn() + "/rg" + std::to_string(i), p.fqdn());
    }
  }
}

void Builder::add(const timeline::Track& t) {
  using timeline::Aspect;
  const std::string& subject = t.subject;
  auto steps = [&](int i) {
    Lane& l = model_.lanes[static_cast<size_t>(i)];
    for (const timeline::Change& c : t.changes) {
      if (!c.state.empty()) l.states.set(c.t_us, lane_state(c.state, initial_state(l.kind)));
    }
  };
  switch (t.aspect) {
    case Aspect::kComponent:
      if (t.component_kind == "site" || t.component_kind == "link") {
        steps(lane(LaneKind::kSite, subject, ""));
      } else if (t.component_kind == "pstn_gateway" || t.component_kind == "mediation_pool" ||
                 t.component_kind == "mediation_server" || t.component_kind == "trunk") {
        steps(lane(LaneKind::kSite, subject, ""));  // the voice path's components, with the sites
      } else if (t.component_kind == "front_end") {
        auto it = fe_pool_.find(subject);
        steps(lane(LaneKind::kFrontEnd, subject, it == fe_pool_.end() ? "" : it->second));
      }
      break;  // SQL servers show through their pool's Back End lane
    case Aspect::kPoolQuorum:
    case Aspect::kPoolDr:
      pool(t);
      break;
    case Aspect::kRegistrar:
      break;  // the pool's users show where the registrar is
    case Aspect::kBackEnd:
      steps(lane(LaneKind::kBackEnd, subject, ""));
      break;
    case Aspect::kBackup:
      steps(lane(LaneKind::kBackup, subject, ""));
      break;
    case Aspect::kRoutingGroup: {
      const int i = lane(LaneKind::kRoutingGroup, subject, subject.substr(0, subject.find('/')));
      for (const timeline::Change& c : t.changes) {
        State level;
        if (parse_service_level(c.state.c_str(), &level))
          model_.lanes[static_cast<size_t>(i)].states.set(c.t_us, level);
      }
      break;
    }
    case Aspect::kPstn:
      steps(lane(LaneKind::kPstn, subject, ""));
      break;
    case Aspect::kAccess:
      // Meeting content has its own group with the stores and farms it needs.
      steps(
          lane(subject == kContentModality ? LaneKind::kContent : LaneKind::kAccess, subject, ""));
      break;
    case Aspect::kPchat:
      steps(lane(LaneKind::kPchat, subject, ""));
      break;
    case Aspect::kAccessPool: {
      // An Edge or Director pool's, file store's or farm's serving state, beside the
      // modalities it carries: up/down drawn as works/down.
      const bool content = t.component_kind == "file_store" || t.component_kind == "owa_farm";
      const int i = lane(content ? LaneKind::kContent : LaneKind::kAccess, subject, "");
      for (const timeline::Change& c : t.changes)
        model_.lanes[static_cast<size_t>(i)].states.set(
            c.t_us, c.state == "down" ? State::kAccessDown : State::kAccessOk);
      break;
    }
    case Aspect::kPoolUsers: {
      const int i = lane(LaneKind::kPool, subject, "");
      MixSeries& mixes =
          model_.pool_mixes[static_cast<size_t>(model_.lanes[static_cast<size_t>(i)].mix)];
      for (const timeline::Change& c : t.changes) mixes.set(c.t_us, UserMix{c.mix});
      break;
    }
  }
}

void Builder::pool(const timeline::Track& t) {
  const int i = lane(LaneKind::kPool, t.subject, "");
  auto& changes = pool_changes_[i];
  const bool is_dr = t.aspect == timeline::Aspect::kPoolDr;
  for (const timeline::Change& c : t.changes) changes.push_back({&c, is_dr});
}

int Builder::lane(LaneKind kind, const std::string& subject, const std::string& pool) {
  std::string key(1, static_cast<char>('a' + static_cast<int>(kind)));
  key += subject;
  if (auto it = lanes_.find(key); it != lanes_.end()) return it->second;

  // Front Ends and routing groups are grouped per pool; every other kind has one group.
  const bool per_pool = kind == LaneKind::kFrontEnd || kind == LaneKind::kRoutingGroup;
  std::string group_key(1, key[0]);
  if (per_pool) group_key += pool;
  auto [g, is_new_group] = groups_.try_emplace(group_key, static_cast<int>(model_.groups.size()));
  if (is_new_group) {
    model_.groups.push_back(LaneGroup{});
    model_.groups.back().kind = kind;
    group_pool_.push_back(per_pool ? pool : "");
  }
  const int index = static_cast<int>(model_.lanes.size());
  Lane l;
  l.kind = kind;
  l.subject = subject;
  l.group = g->second;
  l.states.set(0, initial_state(kind));
  if (kind == LaneKind::kPool) {
    l.mix = static_cast<int>(model_.pool_mixes.size());
    model_.pool_mixes.emplace_back();
  }
  model_.lanes.push_back(std::move(l));
  model_.groups[static_cast<size_t>(g->second)].lanes.push_back(index);
  lanes_.emplace(std::move(key), index);
  return index;
}

// "pool1.contoso.com" -> "contoso.com": the domain every FQDN shares, stripped from labels.
std::string common_domain(const std::vector<Lane>& lanes) {
  for (const Lane& l : lanes) {
    const size_t dot = l.subject.find('.');
    if (dot != std::string::npos && l.subject.find('.', dot + 1) != std::string::npos) {
      return l.subject.substr(dot + 1, l.subject.find_first_of("/-", dot) - dot - 1);
    }
  }
  return "";
}

std::string strip_domain(std::string s, const std::string& domain) {
  if (domain.empty()) return s;
  const std::string suffix = "." + domain;
  for (size_t at = s.find(suffix); at != std::string::npos; at = s.find(suffix, at)) {
    s.erase(at, suffix.size());
  }
  return s;
}

TimelineModel Builder::finish() {
  // A pool's lane: its DR state while it is not Active, else its quorum state. Both tracks'
  // changes in time order; at an instant the series keeps the last, which is that of both
  // tracks' latest changes whatever their order.
  for (auto& [i, changes] : pool_changes_) {
    std::stable_sort(changes.begin(), changes.end(),
                     [](const auto& a, const auto& b) { return a.first->t_us < b.first->t_us; });
    State dr = State::kUp, quorum = State::kUp;
    for (const auto& [c, is_dr] : changes) {
      (is_dr ? dr : quorum) = lane_state(c->state);
      model_.lanes[static_cast<size_t>(i)].states.set(c->t_us, dr != State::kUp ? dr : quorum);
    }
  }
  model_.end_us = std::max<int64_t>(model_.end_us, 1);
  model_.record_count = index_.record_count;
  model_.cmdlet_errors = index_.cmdlet_errors;
  for (const timeline::Incident& inc : index_.incidents) model_.incidents.push_back({inc, 0, 0});
  for (const timeline::Cmdlet& c : index_.cmdlets) model_.cmdlets.push_back({c, -1});
  const std::string domain = common_domain(model_.lanes);
  for (Lane& l : model_.lanes) {
    l.label = strip_domain(l.subject, domain);
    // A modality's lane reads as the report names it ("remote sign-in"), a pool's as itself.
    if ((l.kind == LaneKind::kAccess || l.kind == LaneKind::kContent) &&
        std::strcmp(access_modality_text(l.subject), "?") != 0)
      l.label = access_modality_text(l.subject);
  }

  static constexpr const char* kTitles[] = {"Sites and links",
                                            "Pools",
                                            "Back Ends",
                                            "Backup Service",
                                            "Front End servers",
                                            "Routing groups",
                                            "PSTN calling",
                                            "Remote access and federation",
                                            "Meeting content (file stores, Office Web Apps)",
                                            "Persistent Chat"};
  static_assert(std::size(kTitles) == static_cast<size_t>(LaneKind::kPchat) + 1,
                "a group title per lane kind");
  for (size_t g = 0; g < model_.groups.size(); ++g) {
    LaneGroup& group = model_.groups[g];
    group.title = kTitles[static_cast<size_t>(group.kind)];
    if (!group_pool_[g].empty()) group.title += " \xC2\xB7 " + strip_domain(group_pool_[g], domain);
    std::vector<const StepSeries*> members;
    for (int i : group.lanes) members.push_back(&model_.lanes[static_cast<size_t>(i)].states);
    group.summary = merge_worst(members, initial_state(group.kind));
    group.is_quiet = group.summary.max_severity() == 0;
  }
  // Groups in kind order (sites first, routing groups last); creation order within a kind.
  std::vector<int> order(model_.groups.size());
  for (size_t g = 0; g < order.size(); ++g) order[g] = static_cast<int>(g);
  std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
    return model_.groups[static_cast<size_t>(a)].kind < model_.groups[static_cast<size_t>(b)].kind;
  });
  std::vector<LaneGroup> sorted;
  for (size_t g = 0; g < order.size(); ++g) {
    sorted.push_back(std::move(model_.groups[static_cast<size_t>(order[g])]));
    for (int i : sorted.back().lanes)
      model_.lanes[static_cast<size_t>(i)].group = static_cast<int>(g);
  }
  model_.groups = std::move(sorted);

  std::vector<const MixSeries*> mixes;
  for (const MixSeries& m : model_.pool_mixes) mixes.push_back(&m);
  model_.total_users = merge_sum(mixes);
  for (size_t i = 0; i < model_.total_users.size(); ++i) {
    const UserMix& mix = model_.total_users.mixes[i];
    model_.full_users.add(model_.total_users.t_us[i], static_cast<double>(mix.users[0]));
    model_.max_users = std::max(model_.max_users, mix.total());
  }
  // Each direction's backlog by the log's rule (log/backlog.h); a direction the log never
  // mentions (from the scenario) has an empty one.
  model_.backlogs = std::move(index_.backlogs);
  for (Lane& l : model_.lanes) {
    if (l.kind != LaneKind::kBackup) continue;
    const auto it =
        std::find_if(model_.backlogs.begin(), model_.backlogs.end(),
                     [&](const BacklogSegments& b) { return b.direction == l.subject; });
    l.backlog = static_cast<int>(it - model_.backlogs.begin());
    if (it == model_.backlogs.end()) model_.backlogs.push_back({l.subject, {}, {}, {}});
  }
  for (const BacklogSegments& b : model_.backlogs) {
    model_.max_backlog_bytes = std::max(model_.max_backlog_bytes, b.max_bytes(model_.end_us));
  }
  // Pyramids for the views where many steps share a pixel (lod.h), once every series is whole.
  const int64_t end = model_.end_us;
  for (Lane& l : model_.lanes) l.states.build_lod(end);
  for (LaneGroup& g : model_.groups) g.summary.build_lod(end);
  for (MixSeries& mix : model_.pool_mixes) mix.build_lod(end);
  model_.total_users.build_lod(end);
  model_.full_users.build_lod(end);

  // Stack incidents that overlap in time: each takes the first sub-row free at its start.
  std::array<int64_t, kMaxIncidentRows> row_free_us;
  row_free_us.fill(-1);
  for (IncidentSpan& s : model_.incidents) {
    int row = kMaxIncidentRows - 1;
    for (int r = 0; r < kMaxIncidentRows; ++r) {
      if (row_free_us[static_cast<size_t>(r)] <= s.start_us) {
        row = r;
        break;
      }
    }
    s.row = row;
    row_free_us[static_cast<size_t>(row)] =
        std::max(row_free_us[static_cast<size_t>(row)], incident_bar_end_us(model_, s));
    model_.incident_rows = std::max(model_.incident_rows, row + 1);
  }
  // A cmdlet belongs to the latest incident that started at or before it. Both lists are
  // in time order: one merge.
  size_t next = 0;
  for (CmdletSpan& c : model_.cmdlets) {
    while (next < model_.incidents.size() && model_.incidents[next].start_us <= c.start_us) ++next;
    c.incident = static_cast<int>(next) - 1;
    if (c.incident >= 0) ++model_.incidents[static_cast<size_t>(c.incident)].cmdlet_count;
  }
  return std::move(model_);
}

}  // namespace

TimelineModel build_timeline(const std::vector<log::Record>& records, int64_t horizon_us,
                             const scenario::Scenario* topology) {
  Builder builder(timeline::index_timeline(records, horizon_us));
  if (topology != nullptr) builder.add_topology(*topology);
  for (const timeline::Track& t : builder.tracks()) builder.add(t);
  return builder.finish();
}

}  // namespace drsim::viz
