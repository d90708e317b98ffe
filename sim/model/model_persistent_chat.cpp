// Persistent Chat pools (sfb-hadr 5.1; sfb-other-roles 5; docs/model.md, "Persistent Chat").
//
// A pool serves its users while one of its active servers runs and reaches the database in
// use: the primary (or its mirror, failed over to automatically after
// backend_auto_failover_s when a witness runs, D-PCPLAN), or, once the admin has failed the
// pool over (D-PCMAN), the log-shipping secondary. Users of a failed active server move to the
// others by themselves (D-PCTOPO) after client_sign_in_s; the running active servers carry at
// most 20,000 users each (D-PCTOPO). The primary ships its log to the secondary every
// persistent_chat_log_shipping_interval_s; a backup is safe persistent_chat_log_shipping_delay_s
// after it was taken, so a failover loses the messages posted since the last safe backup. The
// compliance database is not failed over (D-PCMAN). Per incident the model measures the time
// users were without chat, how many, and the messages lost.
#include <algorithm>
#include <cmath>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

const char* pchat_level_name(PchatLevel l) {
  switch (l) {
    case PchatLevel::kOk:
      return "ok";
    case PchatLevel::kDegraded:
      return "degraded";
    case PchatLevel::kDown:
      return "down";
  }
  return "?";
}

namespace {
// Concurrent users one active Persistent Chat server carries (D-PCTOPO).
constexpr int64_t kPchatUsersPerServer = 20000;
enum PchatTimer : uint32_t { kMirrorFailover = 0, kReconnected = 1 };
EventPayload payload(EventKind kind, int target, uint64_t arg) {
  return EventPayload{static_cast<uint32_t>(kind), static_cast<uint32_t>(target), arg};
}
}  // namespace

int Model::pchat_index(const std::string& fqdn) const {
  for (int k = 0; k < scenario_.persistent_chat_pools_size(); ++k)
    if (scenario_.persistent_chat_pools(k).fqdn() == fqdn) return k;
  return -1;
}

int Model::pchat_db(int k) const {
  const PersistentChatInfo& info = topology_.persistent_chat()[static_cast<size_t>(k)];
  const PersistentChatState& s = pchat_[static_cast<size_t>(k)];
  if (s.failed_over) return info.secondary_sql;
  return s.on_mirror ? info.mirror_sql : info.primary_sql;
}

const std::vector<int>& Model::pchat_active(int k) const {
  const PersistentChatInfo& info = topology_.persistent_chat()[static_cast<size_t>(k)];
  return pchat_[static_cast<size_t>(k)].standby_active ? info.standby : info.active;
}

int Model::pchat_running(int k) const {
  const int db = pchat_db(k);
  const int db_site = topology_.component(db).site;
  const auto& servers = pchat_active(k);
  return static_cast<int>(std::count_if(servers.begin(), servers.end(), [&](int c) {
    return is_up(c) && sites_connected(topology_.component(c).site, db_site);
  }));
}

void Model::start_persistent_chat(Engine& e) {
  pchat_.assign(topology_.persistent_chat().size(), PersistentChatState{});
  for (size_t k = 0; k < pchat_.size(); ++k) {
    PersistentChatState& s = pchat_[k];
    s.mark = e.now();
    s.active_running = pchat_running(static_cast<int>(k));
    s.writing_since = s.shipped_until = e.now();
    s.history.push_back({e.now(), 0, 0});
  }
  update_persistent_chat(e);
}

double Model::pchat_posted_at(int k, Instant t) const {
  const auto& h = pchat_[static_cast<size_t>(k)].history;
  DRSIM_CHECK(!h.empty() && h.front().at <= t,
              "Persistent Chat history pruned past a needed point");
  auto it =
      std::upper_bound(h.begin(), h.end(), t,
                       [](Instant x, const PersistentChatState::Point& p) { return x < p.at; });
  const PersistentChatState::Point& p = *(it - 1);
  return p.posted + p.rate_per_s * (t - p.at).seconds_f();
}

// The newest log backup taken while the database wrote continuously and copied to the
// secondary by `now`: backups run at k * interval from the start of the run.
void Model::advance_log_shipping(int k, Instant now) {
  PersistentChatState& s = pchat_[static_cast<size_t>(k)];
  if (!s.writing || topology_.persistent_chat()[static_cast<size_t>(k)].secondary_sql < 0) return;
  const Duration interval = Duration::seconds(params().persistent_chat_log_shipping_interval_s());
  const Duration delay = Duration::seconds(params().persistent_chat_log_shipping_delay_s());
  const Duration copied_by = now - delay - Instant::origin();
  if (copied_by < Duration::zero()) return;
  const Instant backup = Instant::origin() + interval * (copied_by / interval);
  if (backup >= s.writing_since && backup > s.shipped_until) s.shipped_until = backup;
  // Keep one point at or before shipped_until: earlier ones are never read again.
  auto& h = s.history;
  size_t keep = 0;
  while (keep + 1 < h.size() && h[keep + 1].at <= s.shipped_until) ++keep;
  h.erase(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(keep));
}

void Model::on_pchat_timer(Engine& e, int k, uint32_t what) {
  PersistentChatState& s = pchat_[static_cast<size_t>(k)];
  const PersistentChatInfo& info = topology_.persistent_chat()[static_cast<size_t>(k)];
  if (what == kReconnected) {
    s.reconnect_timer = EventId{};
    s.reconnecting = 0;
    return;
  }
  s.mirror_timer = EventId{};
  // SQL mirroring with a witness fails over to the partner that runs (D-PCPLAN).
  const int from = s.on_mirror ? info.mirror_sql : info.primary_sql;
  const int to = s.on_mirror ? info.primary_sql : info.mirror_sql;
  if (s.failed_over || is_up(from) || !is_up(to) || !is_up(info.witness_sql)) return;
  s.on_mirror = !s.on_mirror;
  if (log_->enabled())
    log_->append(e.now(), "pchat.database", scenario_.persistent_chat_pools(k).fqdn())
        .s("database", topology_.component(to).name)
        .s("reason", "automatic mirror failover (witness)");
}

void Model::update_persistent_chat(Engine& e) {
  const Instant now = e.now();
  for (size_t i = 0; i < pchat_.size(); ++i) {
    const int k = static_cast<int>(i);
    PersistentChatState& s = pchat_[i];
    const PersistentChatInfo& info = topology_.persistent_chat()[i];
    const auto& spec = scenario_.persistent_chat_pools(k);
    account_pchat(k, now);
    advance_log_shipping(k, now);

    // Automatic mirror failover needs the witness; without one the mirror waits for the admin.
    const int db = pchat_db(k);
    const bool mirror_can_take_over = !s.failed_over && info.witness_sql >= 0 && !is_up(db) &&
                                      is_up(info.witness_sql) &&
                                      is_up(s.on_mirror ? info.primary_sql : info.mirror_sql);
    if (mirror_can_take_over && !s.mirror_timer.is_valid()) {
      s.mirror_timer = e.schedule_after(Duration::seconds(params().backend_auto_failover_s()),
                                        payload(EventKind::kPchatTimer, k, kMirrorFailover));
    } else if (!mirror_can_take_over && s.mirror_timer.is_valid()) {
      e.cancel(s.mirror_timer);
      s.mirror_timer = EventId{};
    }

    s.db_reachable = is_up(db) && (!s.failed_over || s.secondary_restored);
    const bool pool_up = is_up(info.component) && !s.switching;
    const int running = pool_up && s.db_reachable ? pchat_running(k) : 0;
    // Users of a failed active server move to the others by themselves (D-PCTOPO).
    if (running > 0 && running < s.active_running) {
      s.reconnecting += spec.users() * (s.active_running - running) / s.active_running;
      if (s.reconnect_timer.is_valid()) e.cancel(s.reconnect_timer);
      s.reconnect_timer = e.schedule_after(Duration::seconds(params().client_sign_in_s()),
                                           payload(EventKind::kPchatTimer, k, kReconnected));
    }
    if (running == 0 && s.reconnect_timer.is_valid()) {
      e.cancel(s.reconnect_timer);
      s.reconnect_timer = EventId{};
      s.reconnecting = 0;
    }
    s.active_running = running;
    const int64_t carried = std::min(spec.users(), kPchatUsersPerServer * running);
    s.users_served = std::max<int64_t>(0, carried - s.reconnecting);
    s.level = s.users_served == 0 && spec.users() > 0 ? PchatLevel::kDown
              : s.users_served < spec.users()         ? PchatLevel::kDegraded
                                                      : PchatLevel::kOk;

    // Messages are written on the primary database (or its mirror) while the pool serves in
    // Normal state; the log-shipping point follows them.
    const bool writing = !s.failed_over && !s.secondary_restored && s.users_served > 0;
    if (writing && !s.writing) s.writing_since = now;
    if (!writing && s.writing) s.stopped_writing_at = now;
    s.writing = writing;
    const double rate = writing ? static_cast<double>(s.users_served) *
                                      params().persistent_chat_messages_per_user_per_hour() / 3600.0
                                : 0.0;
    if (rate != s.history.back().rate_per_s) {
      s.history.push_back({now, pchat_posted_at(k, now), rate});
      // Without a secondary nothing is ever shipped or lost: one point is enough.
      if (info.secondary_sql < 0) s.history.erase(s.history.begin(), s.history.end() - 1);
    }

    // The incident the impairment belongs to, as for remote access (model_access.cpp).
    const bool nominal = s.level == PchatLevel::kOk;
    if (!nominal && s.outcome < 0) {
      IncidentMetrics* m = impact_owner();
      if (m == nullptr) m = attributed_incident();
      if (m != nullptr) {
        // One outcome per pool and incident: a failback's outage adds to its failover's.
        s.incident = m->id;
        s.outcome = -1;
        for (size_t j = 0; j < m->pchat.size(); ++j)
          if (m->pchat[j].pool == k) s.outcome = static_cast<int>(j);
        if (s.outcome < 0) {
          s.outcome = static_cast<int>(m->pchat.size());
          m->pchat.push_back(PersistentChatOutcome{});
          m->pchat.back().pool = k;
        }
      }
    }
    if (s.outcome >= 0) {
      PersistentChatOutcome& o = pchat_outcome(k);
      o.users_lost = std::max(o.users_lost, spec.users() - s.users_served);
      o.restored = nominal ? now : Instant::never();
      // The loss and the planned failback are told apart (metrics.h).
      if (!nominal && !s.switching) o.had_loss = true;
      if (!nominal && s.switching && o.failback_start == Instant::never()) o.failback_start = now;
      if (nominal && o.had_loss && o.first_restored == Instant::never()) o.first_restored = now;
      if (nominal && o.failback_start != Instant::never()) o.failback_end = now;
      if (nominal) s.outcome = s.incident = -1;
    }
    s.switching_since_mark = s.switching;
    log_pchat(now, k);
  }
}

PersistentChatOutcome& Model::pchat_outcome(int k) {
  const PersistentChatState& s = pchat_[static_cast<size_t>(k)];
  DRSIM_CHECK(s.outcome >= 0, "a Persistent Chat outcome is read while none is open");
  return metrics_.incidents[static_cast<size_t>(s.incident)].pchat[static_cast<size_t>(s.outcome)];
}

void Model::account_pchat(int k, Instant now) {
  PersistentChatState& s = pchat_[static_cast<size_t>(k)];
  if (s.outcome >= 0) {
    PersistentChatOutcome& o = pchat_outcome(k);
    const Instant from = std::max(s.mark, warm_up_);
    const int64_t without = scenario_.persistent_chat_pools(k).users() - s.users_served;
    if (now > from && without > 0) {
      o.without += now - from;
      o.user_s += static_cast<double>(without) * (now - from).seconds_f();
      if (s.switching_since_mark) o.failback_without += now - from;
    }
  }
  s.mark = now;
}

void Model::log_pchat(Instant now, int k) {
  if (!log_->enabled()) return;
  PersistentChatState& s = pchat_[static_cast<size_t>(k)];
  const int db = pchat_db(k);
  const std::string db_name = topology_.component(db).name;
  const std::string servers = s.standby_active ? "standby" : "primary-site";
  if (s.logged_once && s.level == s.logged_level && s.users_served == s.logged_users &&
      db_name == s.logged_db && servers == s.logged_servers)
    return;
  log_->append(now, "pchat.pool", scenario_.persistent_chat_pools(k).fqdn())
      .s("state", pchat_level_name(s.level))
      .s("pool_state", s.failed_over ? "FailedOver" : "Normal")
      .s("database", db_name)
      .s("active_servers", servers)
      .i("servers_running", s.active_running)
      .i("users", s.users_served)
      .i("of_users", scenario_.persistent_chat_pools(k).users());
  s.logged_once = true;
  s.logged_level = s.level;
  s.logged_users = s.users_served;
  s.logged_db = db_name;
  s.logged_servers = servers;
}

bool Model::pchat_nominal() const {
  return std::all_of(pchat_.begin(), pchat_.end(),
                     [](const PersistentChatState& s) { return s.level == PchatLevel::kOk; });
}

void Model::log_pchat_outcomes(Instant t, const IncidentMetrics& m) {
  for (const PersistentChatOutcome& o : m.pchat) {
    auto r = log_->append(t, "incident.pchat", scenario_.persistent_chat_pools(o.pool).fqdn())
                 .i("incident", m.id)
                 .secs("without_s", o.without)
                 .i("users_lost", o.users_lost)
                 .d("user_s", o.user_s)
                 .i("failed_over", o.failed_over ? 1 : 0);
    if (o.failed_over)
      r.d("messages_lost", o.messages_lost)
          .secs("loss_window_s", o.loss_window)
          .s("compliance", "not failed over");
    // rto_s is the time to restore chat after the loss; the failback's outage is its own.
    if (o.first_restored != Instant::never()) r.secs("rto_s", o.first_restored - m.start);
    if (o.failback_start != Instant::never()) {
      r.secs("failback_without_s", o.failback_without)
          .secs("failback_start_s", o.failback_start - m.start);
      if (o.failback_end != Instant::never()) r.secs("failback_end_s", o.failback_end - m.start);
    }
    r.i("back", o.restored != Instant::never() ? 1 : 0);
  }
}

}  // namespace drsim
