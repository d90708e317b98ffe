// Indexing a log into tracks, incidents, cmdlets and markers; see timeline.h.
//
// One pass over the records, in log order. A pool's quorum track combines two record kinds
// (its component going down, Windows Fabric stopping it), so the indexer keeps each pool's
// flags; a Back End's failover reads its track's current state.
#include "log/timeline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "log/record_schema.h"
#include "sim/check.h"

namespace drsim::timeline {

namespace {

int64_t seconds_to_us(double s) { return static_cast<int64_t>(std::llround(s * 1e6)); }

class Indexer {
 public:
  explicit Indexer(int64_t horizon_us) { out_.end_us = horizon_us; }
  void add(const log::Record& r, size_t seq);
  TimelineIndex finish(const std::vector<log::Record>& records);

 private:
  struct PoolFlags {
    bool is_down = false;
    std::string fabric = "running";
  };
  Track& track(Aspect aspect, const std::string& subject);
  void change(Aspect aspect, const log::Record& r, std::string state, std::string detail = "",
              int64_t users = -1) {
    track(aspect, r.subject())
        .changes.push_back({r.time_us(), std::move(state), std::move(detail), users, {}});
  }
  void component(const log::Record& r, bool is_down);
  void back_end(const log::Record& r);
  void pstn(const log::Record& r);
  void pchat(const log::Record& r);
  void incident(const log::Record& r);
  void cmdlet(const log::Record& r, size_t seq);

  TimelineIndex out_;
  int64_t last_us_ = 0;
  std::map<std::pair<Aspect, std::string>, size_t> tracks_;
  std::map<std::string, PoolFlags> pools_;
  std::map<std::string, int64_t> pool_users_;  // each pool's users, from its pool.users records
};

Track& Indexer::track(Aspect aspect, const std::string& subject) {
  auto [it, added] = tracks_.try_emplace({aspect, subject}, out_.tracks.size());
  if (added) out_.tracks.push_back({aspect, subject, "", {}});
  return out_.tracks[it->second];
}

void Indexer::add(const log::Record& r, size_t seq) {
  DRSIM_CHECK(r.time_us() >= last_us_, "index_timeline: records must be in time order");
  last_us_ = r.time_us();
  ++out_.record_count;
  const std::string& kind = r.kind();
  const std::string& subject = r.subject();
  if (rec::component_down::kind.is(r) || rec::component_up::kind.is(r)) {
    component(r, rec::component_down::kind.is(r));
  } else if (rec::pool_stopped::kind.is(r) || rec::pool_started::kind.is(r) ||
             rec::pool_awaiting_recovery::kind.is(r)) {
    PoolFlags& p = pools_[subject];
    p.fabric = rec::pool_stopped::kind.is(r)   ? "stopped"
               : rec::pool_started::kind.is(r) ? "running"
                                               : "awaiting_recovery";
    change(Aspect::kPoolQuorum, r, p.is_down ? "down" : p.fabric,
           rec::get(r, rec::pool_stopped::reason));
  } else if (rec::pool_dr::kind.is(r)) {
    change(Aspect::kPoolDr, r, rec::get(r, rec::pool_dr::state));
  } else if (rec::registrar_failover::kind.is(r)) {
    change(Aspect::kRegistrar, r, "on_backup",
           "voice registrar on " + rec::get(r, rec::registrar_failover::backup));
  } else if (rec::registrar_failback::kind.is(r)) {
    change(Aspect::kRegistrar, r, "home");
  } else if (kind.rfind("backend.", 0) == 0) {
    back_end(r);
  } else if (rec::backup_status::kind.is(r)) {
    change(Aspect::kBackup, r,
           rec::get(r, rec::backup_status::status));  // the backlog: log/backlog.h
  } else if (rec::backup_export::kind.is(r) || rec::backup_import::kind.is(r)) {
    track(Aspect::kBackup, subject);
  } else if (rec::service_level::kind.is(r)) {
    change(Aspect::kRoutingGroup, r, rec::get(r, rec::service_level::level), "",
           rec::get(r, rec::service_level::users));
  } else if (rec::pool_users::kind.is(r)) {
    Change c{r.time_us(), "", "", -1, {}};
    int64_t total = 0;
    for (size_t l = 0; l < c.mix.size(); ++l) total += rec::get(r, rec::kPoolUsersKeys[l]);
    pool_users_[subject] = total;
    for (size_t l = 0; l < c.mix.size(); ++l) c.mix[l] = rec::get(r, rec::kPoolUsersKeys[l]);
    track(Aspect::kPoolUsers, subject).changes.push_back(std::move(c));
  } else if (rec::pstn_users::kind.is(r)) {
    pstn(r);
  } else if (rec::access_modality::kind.is(r)) {
    // A modality the scenario does not deploy gets no lane: "works" would be a claim.
    const std::string& state = rec::get(r, rec::access_modality::state);
    if (state != "not_deployed") {
      std::string detail = "via " + rec::get(r, rec::access_modality::via);
      // Meeting content counts every user of a pool with a file store, not remote ones.
      const bool content = r.subject() == "conferencing_content";
      if (rec::has(r, rec::access_modality::users.key))
        detail += "; " + std::to_string(rec::get(r, rec::access_modality::users)) + " of " +
                  std::to_string(rec::get(r, rec::access_modality::of_users)) +
                  (content ? " users with meeting content" : " remote users signed in");
      if (content && rec::get(r, rec::access_modality::without_powerpoint) > 0)
        detail += ", " + std::to_string(rec::get(r, rec::access_modality::without_powerpoint)) +
                  " without PowerPoint";
      change(Aspect::kAccess, r, "access_" + state, std::move(detail));
    }
  } else if (rec::access_pool::kind.is(r)) {
    const bool serving = rec::get(r, rec::access_pool::serving) != 0;
    const std::string& role = rec::get(r, rec::access_pool::role);
    std::string detail = role == "file_store" ? std::string("file store")
                         : role == "owa_farm" ? std::string("Office Web Apps farm")
                                              : std::string(role).append(" pool");
    detail.append(", ")
        .append(std::to_string(rec::get(r, rec::access_pool::servers_up)))
        .append(" servers running");
    if (rec::has(r, rec::access_pool::member.key))
      detail += ", writes to " + rec::get(r, rec::access_pool::member);
    if (rec::has(r, rec::access_pool::reason.key))
      detail += " (" + rec::get(r, rec::access_pool::reason) + ")";
    track(Aspect::kAccessPool, r.subject()).component_kind = role;
    change(Aspect::kAccessPool, r, serving ? "up" : "down", std::move(detail));
  } else if (rec::pchat_pool::kind.is(r)) {
    pchat(r);
  } else if (rec::fault_start::kind.is(r)) {
    out_.markers.push_back(
        {r.time_us(), MarkerKind::kFault, subject, rec::get(r, rec::fault_start::note), -1});
  } else if (rec::fault_end::kind.is(r)) {
    out_.markers.push_back({r.time_us(), MarkerKind::kRepair, subject, "", -1});
  } else if (kind.rfind("incident.", 0) == 0 || kind.rfind("admin.", 0) == 0) {
    incident(r);
  } else if (kind.rfind("cmdlet.", 0) == 0) {
    cmdlet(r, seq);
  }
}

void Indexer::component(const log::Record& r, bool is_down) {
  const std::string detail = std::string(is_down ? "down" : "up") +
                             " (cause: " + rec::get(r, rec::component_down::cause) + ")";
  const std::string& component_kind = rec::get(r, rec::component_down::component_kind);
  if (component_kind == "pool") {
    PoolFlags& p = pools_[r.subject()];
    p.is_down = is_down;
    change(Aspect::kPoolQuorum, r, is_down ? "down" : p.fabric, detail);
    return;
  }
  Track& t = track(Aspect::kComponent, r.subject());
  t.component_kind = component_kind;
  t.changes.push_back({r.time_us(), is_down ? "down" : "up", detail, -1, {}});
}

void Indexer::back_end(const log::Record& r) {
  if (rec::backend_threshold::kind.is(r)) return;  // it changes users, not the Back End
  Track& t = track(Aspect::kBackEnd, r.subject());
  std::string now = "available";
  for (auto c = t.changes.rbegin(); c != t.changes.rend(); ++c) {
    if (!c->state.empty()) {
      now = c->state;
      break;
    }
  }
  const int64_t at = r.time_us();
  if (rec::backend_available::kind.is(r)) {
    t.changes.push_back({at, "available", "", -1, {}});
  } else if (rec::backend_unavailable::kind.is(r)) {
    t.changes.push_back({at,
                         "unavailable",
                         "principal " + rec::get(r, rec::backend_unavailable::principal),
                         -1,
                         {}});
  } else if (rec::backend_failover_start::kind.is(r)) {
    t.changes.push_back({at,
                         "failing_over",
                         "failing over to " + rec::get(r, rec::backend_failover_start::to),
                         -1,
                         {}});
  } else if (rec::backend_failover::kind.is(r) && now == "failing_over") {
    // The automatic failover is done; the Back End is available again once the model says so
    // (a backend.available at the same instant, when the new principal serves).
    t.changes.push_back({at,
                         "unavailable",
                         "principal now " + rec::get(r, rec::backend_failover::principal),
                         -1,
                         {}});
  }
}

void Indexer::pstn(const log::Record& r) {
  // ok: every user of the pool can place and receive PSTN calls with no wait; none: nobody
  // can place or receive one (signed out, or voice only with no route: colleagues only);
  // degraded: anything between (some users, one direction, or a fast-failover wait).
  namespace p = rec::pstn_users;
  const int64_t signed_in = rec::get(r, p::signed_in), out = rec::get(r, p::outbound),
                in = rec::get(r, p::inbound);
  const double wait_s = rec::get(r, p::post_dial_delay_s);
  const int64_t users = pool_users_.count(r.subject()) != 0 ? pool_users_[r.subject()] : signed_in;
  std::string state = "pstn_degraded";
  if (out == 0 && in == 0)
    state = "pstn_none";
  else if (out >= users && in >= users && wait_s <= 0)
    state = "pstn_ok";
  std::string detail =
      std::to_string(out) + " can call out, " + std::to_string(in) + " can be called";
  if (signed_in > out)
    detail +=
        "; " + std::to_string(signed_in - out) + " signed in can call colleagues but not the PSTN";
  if (wait_s > 0)
    detail += "; outbound calls wait " + std::to_string(std::llround(wait_s)) +
              " s for the fast-failover timer";
  change(Aspect::kPstn, r, std::move(state), std::move(detail));
}

void Indexer::pchat(const log::Record& r) {
  // The pool's users with chat (ok, degraded, down as the model says), and for the tooltip
  // where they chat: the database in use and which server list is active.
  namespace p = rec::pchat_pool;
  std::string detail = std::to_string(rec::get(r, p::users));
  detail.append(" of ")
      .append(std::to_string(rec::get(r, p::of_users)))
      .append(" users with chat; ")
      .append(std::to_string(rec::get(r, p::servers_running)))
      .append(" ")
      .append(rec::get(r, p::active_servers))
      .append(" servers running on ")
      .append(rec::get(r, p::database));
  if (rec::get(r, p::pool_state) != "Normal")
    detail.append(" (").append(rec::get(r, p::pool_state)).append(")");
  change(Aspect::kPchat, r, "pchat_" + rec::get(r, p::state), std::move(detail));
}

void Indexer::incident(const log::Record& r) {
  const int id = static_cast<int>(rec::get(r, rec::incident_start::incident, -1));
  if (rec::incident_start::kind.is(r)) {
    Incident span;
    span.id = id;
    span.cause = r.subject();
    span.disruption = rec::get(r, rec::incident_start::disruption);
    span.start_us = r.time_us();
    out_.incidents.push_back(std::move(span));
    return;
  }
  if (rec::admin_detect::kind.is(r) || rec::admin_decide::kind.is(r)) {
    const MarkerKind k = rec::admin_detect::kind.is(r) ? MarkerKind::kDetect : MarkerKind::kDecide;
    out_.markers.push_back(
        {r.time_us(), k, r.subject(), "", rec::get(r, rec::admin_detect::incident)});
  } else if (rec::incident_restored::kind.is(r)) {
    out_.markers.push_back({r.time_us(), MarkerKind::kRestored, r.subject(), "",
                            rec::get(r, rec::incident_restored::incident)});
  }
  // Incidents are few: a backwards search finds the one named.
  auto it = std::find_if(out_.incidents.rbegin(), out_.incidents.rend(),
                         [id](const Incident& s) { return s.id == id; });
  if (it == out_.incidents.rend()) return;
  namespace closing = rec::incident_end;  // incident.open carries the same keys
  if (rec::admin_detect::kind.is(r))
    it->detect_us = r.time_us();
  else if (rec::admin_decide::kind.is(r))
    it->decide_us = r.time_us();
  else if (rec::incident_restored::kind.is(r))
    it->restored_us = r.time_us();
  else if (closing::kind.is(r) || rec::incident_open::kind.is(r)) {
    if (closing::kind.is(r)) it->end_us = r.time_us();
    static constexpr rec::NumberKey kStageKeys[] = {closing::rto_detect_s, closing::rto_decide_s,
                                                    closing::rto_execute_s,
                                                    closing::rto_clients_back_s};
    it->stage_us[0] =
        seconds_to_us(rec::get(r, closing::start_s, static_cast<double>(it->start_us) / 1e6));
    for (size_t k = 0; k < kStageCount; ++k) {
      it->stage_us[k + 1] = it->stage_us[k] + seconds_to_us(rec::get(r, kStageKeys[k]));
    }
    it->has_stages = true;
  }
}

void Indexer::cmdlet(const log::Record& r, size_t seq) {
  const int64_t step = rec::get(r, rec::cmdlet_start::step, -1);
  if (rec::cmdlet_start::kind.is(r)) {
    Cmdlet c;
    c.cmdlet = rec::get(r, rec::cmdlet_start::cmdlet);
    c.pool = r.subject();
    c.step = step;
    c.start_us = r.time_us();
    c.duration_us = seconds_to_us(rec::get(r, rec::cmdlet_start::duration_s));
    c.is_disaster_mode = rec::get(r, rec::cmdlet_start::disaster_mode) != 0;
    out_.cmdlets.push_back(std::move(c));
  } else if (rec::cmdlet_end::kind.is(r)) {
    auto it = std::find_if(out_.cmdlets.rbegin(), out_.cmdlets.rend(),
                           [step](const Cmdlet& c) { return c.step == step && c.end_us < 0; });
    if (it == out_.cmdlets.rend()) return;
    it->end_us = r.time_us();
    it->end_seq = seq;
  } else if (rec::cmdlet_error::kind.is(r)) {
    namespace error = rec::cmdlet_error;
    out_.cmdlet_errors.push_back({rec::get(r, error::cmdlet), r.subject(),
                                  rec::get(r, error::error), r.time_us(),
                                  rec::get(r, error::cost_s), seq});
  }
}

TimelineIndex Indexer::finish(const std::vector<log::Record>& records) {
  if (out_.end_us <= 0) out_.end_us = last_us_;
  out_.backlogs = backlog_segments(records);
  return std::move(out_);
}

}  // namespace

TimelineIndex index_timeline(const std::vector<log::Record>& records, int64_t horizon_us) {
  Indexer indexer(horizon_us);
  for (size_t i = 0; i < records.size(); ++i) indexer.add(records[i], i);
  return indexer.finish(records);
}

}  // namespace drsim::timeline
