// Indexing a log into lanes, incidents and cmdlets, once per load; see timeline_model.h.
//
// One pass over the records, in log order: each record that changes something visible
// becomes a step on its lane. Pools and Back Ends combine several record kinds into one
// state (a pool that is down, stopped and failed over shows "failed over", the state that
// tells the administrator where its users went), so the builder keeps their flags.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "sim/check.h"
#include "log/record_schema.h"
#include "viz/core/format.h"
#include "viz/core/timeline_model.h"

namespace drsim::viz {

namespace {

int64_t seconds_to_us(double s) { return static_cast<int64_t>(std::llround(s * 1e6)); }

State initial_state(LaneKind kind) {
  switch (kind) {
    case LaneKind::kRoutingGroup: return State::kFull;
    case LaneKind::kBackup: return State::kSteady;
    default: return State::kUp;
  }
}

// What a pool or Back End lane is made of.
struct Flags {
  bool is_down = false, is_stopped = false, is_failing_over = false;
  State dr = State::kUp;  // kUp while the pool is Active
};

class Builder {
 public:
  explicit Builder(int64_t horizon_us) { model_.end_us = horizon_us; }

  void add_topology(const scenario::Scenario& sc) {
    for (const auto& site : sc.sites()) lane(LaneKind::kSite, site.name(), "");
    for (const auto& link : sc.links()) lane(LaneKind::kSite, link.name(), "");
    for (const auto& pool : sc.pools()) lane(LaneKind::kPool, pool.fqdn(), "");
    for (const auto& pool : sc.pools()) {
      if (pool.has_back_end()) lane(LaneKind::kBackEnd, pool.fqdn(), "");
    }
    for (const auto& pool : sc.pools()) {
      if (pool.backup_pool().empty()) continue;
      // Pairing is symmetric: the Backup Service replicates both ways.
      lane(LaneKind::kBackup, pool.fqdn() + "->" + pool.backup_pool(), "");
      lane(LaneKind::kBackup, pool.backup_pool() + "->" + pool.fqdn(), "");
    }
    for (const auto& pool : sc.pools()) {
      for (const auto& fe : pool.front_ends()) {
        fe_pool_[fe.fqdn()] = pool.fqdn();
        lane(LaneKind::kFrontEnd, fe.fqdn(), pool.fqdn());
      }
    }
    for (const auto& pool : sc.pools()) {
      for (int i = 0; i < pool.routing_groups(); ++i) {
        lane(LaneKind::kRoutingGroup, pool.fqdn() + "/rg" + std::to_string(i), pool.fqdn());
      }
    }
  }

  void add(const log::Record& r) {
    DRSIM_CHECK(r.time_us() >= last_us_, "build_timeline: records must be in time order");
    last_us_ = r.time_us();
    ++model_.record_count;
    const std::string& kind = r.kind();
    const int64_t t = r.time_us();
    if (rec::component_down::kind.is(r) || rec::component_up::kind.is(r)) {
      component(r, rec::component_down::kind.is(r));
    } else if (rec::pool_stopped::kind.is(r) || rec::pool_awaiting_recovery::kind.is(r) ||
               rec::pool_started::kind.is(r)) {
      const int i = lane(LaneKind::kPool, r.subject(), "");
      flags_[static_cast<size_t>(i)].is_stopped = !rec::pool_started::kind.is(r);
      update_pool(i, t);
    } else if (rec::pool_dr::kind.is(r)) {
      dr_state(r);
    } else if (rec::pool_users::kind.is(r)) {
      const int i = lane(LaneKind::kPool, r.subject(), "");
      UserMix mix;
      for (size_t k = 0; k < 4; ++k) mix.users[k] = rec::get(r, rec::kPoolUsersKeys[k]);
      model_.pool_mixes[static_cast<size_t>(model_.lanes[static_cast<size_t>(i)].mix)].set(t, mix);
    } else if (rec::service_level::kind.is(r)) {
      State level;
      if (!parse_service_level(rec::get(r, rec::service_level::level).c_str(), &level)) return;
      const std::string& subject = r.subject();
      const int i = lane(LaneKind::kRoutingGroup, subject, subject.substr(0, subject.find('/')));
      model_.lanes[static_cast<size_t>(i)].states.set(t, level);
    } else if (kind.rfind("backend.", 0) == 0) {
      back_end(r);
    } else if (rec::backup_status::kind.is(r)) {
      backup_status(r);
    } else if (rec::backup_export::kind.is(r) || rec::backup_import::kind.is(r)) {
      backup_cycle(r);
    } else if (kind.rfind("incident.", 0) == 0 || kind.rfind("admin.", 0) == 0) {
      incident(r);
    } else if (kind.rfind("cmdlet.", 0) == 0) {
      cmdlet(r);
    }
  }

  TimelineModel finish(const std::vector<log::Record>& records);

 private:
  int lane(LaneKind kind, const std::string& subject, const std::string& pool);
  void component(const log::Record& r, bool is_down);
  void update_pool(int i, int64_t t);
  void dr_state(const log::Record& r);
  void back_end(const log::Record& r);
  void backup_status(const log::Record& r);
  void backup_cycle(const log::Record& r);
  void incident(const log::Record& r);
  void cmdlet(const log::Record& r);

  TimelineModel model_;
  int64_t last_us_ = 0;
  std::unordered_map<std::string, int> lanes_;   // kind letter + subject -> lane
  std::unordered_map<std::string, int> groups_;  // kind letter + pool -> group
  std::vector<std::string> group_pool_;          // per group: its pool, or empty
  std::vector<Flags> flags_;                     // per lane
  std::unordered_map<std::string, std::string> fe_pool_;
};

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
  flags_.emplace_back();
  lanes_.emplace(std::move(key), index);
  return index;
}

void Builder::component(const log::Record& r, bool is_down) {
  const std::string& kind = rec::get(r, rec::component_down::component_kind);
  const int64_t t = r.time_us();
  if (kind == "site" || kind == "link") {
    const int i = lane(LaneKind::kSite, r.subject(), "");
    model_.lanes[static_cast<size_t>(i)].states.set(t, is_down ? State::kDown : State::kUp);
  } else if (kind == "front_end") {
    auto it = fe_pool_.find(r.subject());
    const int i = lane(LaneKind::kFrontEnd, r.subject(), it == fe_pool_.end() ? "" : it->second);
    model_.lanes[static_cast<size_t>(i)].states.set(t, is_down ? State::kDown : State::kUp);
  } else if (kind == "pool") {
    const int i = lane(LaneKind::kPool, r.subject(), "");
    flags_[static_cast<size_t>(i)].is_down = is_down;
    update_pool(i, t);
  }
  // SQL servers show through their pool's Back End lane.
}

void Builder::update_pool(int i, int64_t t) {
  // Failover states first: a failed-over pool is usually also down, and "failed over" is
  // what tells the administrator where its users went.
  const Flags& f = flags_[static_cast<size_t>(i)];
  State s = State::kUp;
  if (f.dr != State::kUp) s = f.dr;
  else if (f.is_down) s = State::kDown;
  else if (f.is_stopped) s = State::kStopped;
  model_.lanes[static_cast<size_t>(i)].states.set(t, s);
}

void Builder::dr_state(const log::Record& r) {
  const int i = lane(LaneKind::kPool, r.subject(), "");
  const std::string& s = rec::get(r, rec::pool_dr::state);
  State dr = State::kUp;
  if (s == "FailingOver") dr = State::kFailingOver;
  else if (s == "FailedOver") dr = State::kFailedOver;
  else if (s == "FailingBack") dr = State::kFailingBack;
  flags_[static_cast<size_t>(i)].dr = dr;
  update_pool(i, r.time_us());
}

void Builder::back_end(const log::Record& r) {
  const int i = lane(LaneKind::kBackEnd, r.subject(), "");
  Flags& f = flags_[static_cast<size_t>(i)];
  if (rec::backend_unavailable::kind.is(r)) f.is_down = true;
  else if (rec::backend_available::kind.is(r)) f.is_down = f.is_failing_over = false;
  else if (rec::backend_failover_start::kind.is(r)) f.is_failing_over = true;
  else if (rec::backend_failover::kind.is(r)) f.is_down = f.is_failing_over = false;  // the mirror serves
  else return;  // backend.threshold changes users, not the Back End
  const State s = f.is_failing_over ? State::kFailingOver : f.is_down ? State::kDown : State::kUp;
  model_.lanes[static_cast<size_t>(i)].states.set(r.time_us(), s);
}

void Builder::backup_status(const log::Record& r) {
  const int i = lane(LaneKind::kBackup, r.subject(), "");
  Lane& l = model_.lanes[static_cast<size_t>(i)];
  const std::string& status = rec::get(r, rec::backup_status::status);
  const State s = status == "lagging" ? State::kLagging
                  : status == "final" ? State::kFinal
                                      : State::kSteady;
  l.states.set(r.time_us(), s);
}

void Builder::backup_cycle(const log::Record& r) { lane(LaneKind::kBackup, r.subject(), ""); }

void Builder::incident(const log::Record& r) {
  const int id = static_cast<int>(rec::get(r, rec::incident_start::incident, -1));
  if (rec::incident_start::kind.is(r)) {
    IncidentSpan span;
    span.id = id;
    span.cause = r.subject();
    span.disruption = rec::get(r, rec::incident_start::disruption);
    span.start_us = r.time_us();
    model_.incidents.push_back(std::move(span));
    return;
  }
  // Incidents are few: a backwards search finds the one named.
  auto it = std::find_if(model_.incidents.rbegin(), model_.incidents.rend(),
                         [id](const IncidentSpan& s) { return s.id == id; });
  if (it == model_.incidents.rend()) return;
  namespace closing = rec::incident_end;  // incident.open carries the same keys
  if (rec::admin_detect::kind.is(r)) it->detect_us = r.time_us();
  else if (rec::admin_decide::kind.is(r)) it->decide_us = r.time_us();
  else if (rec::incident_restored::kind.is(r)) it->restored_us = r.time_us();
  else if (closing::kind.is(r) || rec::incident_open::kind.is(r)) {
    if (closing::kind.is(r)) it->end_us = r.time_us();
    static constexpr rec::NumberKey kStageKeys[] = {closing::rto_detect_s, closing::rto_decide_s,
                                                    closing::rto_execute_s, closing::rto_clients_back_s};
    it->stage_us[0] = seconds_to_us(rec::get(r, closing::start_s, static_cast<double>(it->start_us) / 1e6));
    for (size_t k = 0; k < kStageCount; ++k) {
      it->stage_us[k + 1] = it->stage_us[k] + seconds_to_us(rec::get(r, kStageKeys[k]));
    }
    it->has_stages = true;
  }
}

void Builder::cmdlet(const log::Record& r) {
  const int64_t step = rec::get(r, rec::cmdlet_start::step, -1);
  if (rec::cmdlet_start::kind.is(r)) {
    CmdletSpan span;
    span.cmdlet = rec::get(r, rec::cmdlet_start::cmdlet);
    span.pool = r.subject();
    span.step = step;
    span.start_us = r.time_us();
    span.is_disaster_mode = rec::get(r, rec::cmdlet_start::disaster_mode) != 0;
    model_.cmdlets.push_back(std::move(span));
  } else if (rec::cmdlet_end::kind.is(r)) {
    auto it = std::find_if(model_.cmdlets.rbegin(), model_.cmdlets.rend(),
                           [step](const CmdletSpan& s) { return s.step == step && s.end_us < 0; });
    if (it != model_.cmdlets.rend()) it->end_us = r.time_us();
  } else if (rec::cmdlet_error::kind.is(r)) {
    namespace error = rec::cmdlet_error;
    model_.cmdlet_errors.push_back({rec::get(r, error::cmdlet), r.subject(), rec::get(r, error::error),
                                    r.time_us(), rec::get(r, error::cost_s)});
  }
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

TimelineModel Builder::finish(const std::vector<log::Record>& records) {
  if (model_.end_us <= 0) model_.end_us = std::max<int64_t>(last_us_, 1);
  const std::string domain = common_domain(model_.lanes);
  for (Lane& l : model_.lanes) l.label = strip_domain(l.subject, domain);

  static constexpr const char* kTitles[] = {"Sites and links", "Pools", "Back Ends",
                                            "Backup Service", "Front End servers",
                                            "Routing groups"};
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
    for (int i : sorted.back().lanes) model_.lanes[static_cast<size_t>(i)].group = static_cast<int>(g);
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
  model_.backlogs = backlog_segments(records);
  for (Lane& l : model_.lanes) {
    if (l.kind != LaneKind::kBackup) continue;
    const auto it = std::find_if(model_.backlogs.begin(), model_.backlogs.end(),
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
  Builder builder(horizon_us);
  if (topology != nullptr) builder.add_topology(*topology);
  for (const log::Record& r : records) builder.add(r);
  return builder.finish(records);
}

}  // namespace drsim::viz
