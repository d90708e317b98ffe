// Conferencing with content: the file stores and Office Web Apps farms meetings use
// (sfb-hadr 5.6, 2.2; sfb-other-roles 6; docs/model.md, "Conferencing with content").
//
// A file store serves while one of its DFS members runs in its site; users write to the first
// running member, and when it stops while a partner takes over, what it took within the DFS
// replication lag has no copy and is lost. A store that loses every member leaves its meetings
// without content; what its users wrote since the store's last backup is then at risk. An
// Office Web Apps farm serves while one of its servers runs; without it meetings go on
// without PowerPoint sharing. A pool's users meet on their serving pool: after a failover,
// the backup pool, with its file store and farm. The modality's level, its incident outcome
// and records are the access state's (model_access.cpp), as for remote sign-in.
#include <algorithm>
#include <cmath>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

bool Model::content_serving(const ContentInfo& info) const {
  return is_up(info.component) &&
         std::any_of(info.servers.begin(), info.servers.end(), [&](int c) { return is_up(c); });
}

int Model::meeting_pool(int p) const {
  const DrState dr = ps(p).dr;
  return dr == DrState::kFailingOver || dr == DrState::kFailedOver
             ? topology_.pools()[static_cast<size_t>(p)].backup
             : p;
}

void Model::start_content(Instant now) {
  content_.stores.assign(topology_.file_stores().size(), {});
  content_.farms.assign(topology_.owa_farms().size(), {});
  for (auto& s : content_.stores) s.member_since = now;
  content_.users = 0;
  for (int p = 0; p < scenario_.pools_size(); ++p)
    if (topology_.pool_file_store(p) >= 0) content_.users += pool_spec(p).users();
}

// Content the DFS member users wrote to lost when it stopped: what it took within the
// replication lag (when a partner takes over), or at risk since the last backup (when none
// does). `writes_per_s` is what the store's users wrote before this event.
void Model::content_member_lost(Instant now, int store, bool partner_took_over) {
  const ContentStoreState& st = content_.stores[static_cast<size_t>(store)];
  const std::string& fqdn = scenario_.file_stores(store).fqdn();
  if (st.writes_per_s <= 0) return;
  IncidentMetrics* m = attributed_incident();
  if (partner_took_over) {
    const Duration window =
        std::min(Duration::seconds(params().file_store_replication_lag_s()), now - st.member_since);
    if (window <= Duration::zero()) return;
    record_loss_at(now, Category::kConferenceContent, window, st.writes_per_s,
                   std::string(fqdn)
                       .append(": DFS member ")
                       .append(std::to_string(st.member + 1))
                       .append(" stopped before replicating"),
                   st.writer_pools, false, -2);
    if (m != nullptr) {
      m->has_access = true;
      m->access.content_lost_writes += st.writes_per_s * window.seconds_f();
    }
    return;
  }
  // Backups run every interval from the run's start (as data_backups do, model_stranded.cpp).
  const int64_t interval_s = params().file_store_backup_interval_s();
  DRSIM_CHECK(interval_s > 0, "the file-store backup interval is validated positive");
  const Duration since_backup = (now - Instant::origin()) % Duration::seconds(interval_s);
  if (m != nullptr) {
    m->has_access = true;
    m->access.content_at_risk_writes += st.writes_per_s * since_backup.seconds_f();
  }
}

void Model::update_content(Engine& e, std::vector<int>* changed) {
  if (topology_.file_stores().empty()) return;
  const Instant now = e.now();
  ContentState& c = content_;
  // Stores: which member takes the writes now, and what a stopped one took with it.
  for (size_t f = 0; f < c.stores.size(); ++f) {
    const ContentInfo& info = topology_.file_stores()[f];
    ContentStoreState& st = c.stores[f];
    int member = -1;
    if (is_up(info.component))
      for (size_t k = 0; k < info.servers.size() && member < 0; ++k)
        if (is_up(info.servers[k])) member = static_cast<int>(k);
    const bool old_member_down =
        st.member >= 0 && !is_up(info.servers[static_cast<size_t>(st.member)]);
    if (member != st.member) {
      if (old_member_down) content_member_lost(now, static_cast<int>(f), member >= 0);
      if (changed != nullptr) changed->push_back(info.component);
      st.member = member;
      st.member_since = now;
    }
    st.serving = member >= 0;
    st.users = 0;
    st.writes_per_s = 0;
    st.writer_pools.clear();
  }
  for (size_t o = 0; o < c.farms.size(); ++o) {
    const bool on = content_serving(topology_.owa_farms()[o]);
    if (on != c.farms[o].serving && changed != nullptr)
      changed->push_back(topology_.owa_farms()[o].component);
    c.farms[o].serving = on;
  }
  // Users: those in meetings (full service or resiliency; voice-only users on the backup
  // registrar and signed-out users hold none) on their serving pool's store and farm.
  c.with_content = c.no_content = c.no_powerpoint = 0;
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    if (topology_.pool_file_store(p) < 0 || pool_spec(p).users() <= 0) continue;
    const PoolState& s = ps(p);
    // (Counted as the users not signed out nor voice only: before the first derivation every
    // level count is zero and everyone has full service.)
    const int64_t meeting = pool_spec(p).users() -
                            s.level_users[static_cast<size_t>(ServiceLevel::kSignedOut)] -
                            s.level_users[static_cast<size_t>(ServiceLevel::kVoiceOnly)];
    if (meeting <= 0) continue;
    const int q = meeting_pool(p);
    const int store = q >= 0 ? topology_.pool_file_store(q) : -1;
    const int farm = q >= 0 ? topology_.pool_owa_farm(q) : -1;
    const bool has_store = store >= 0 && c.stores[static_cast<size_t>(store)].serving;
    // PowerPoint is expected where the pool's own meetings had a farm associated.
    const bool wants_powerpoint = topology_.pool_owa_farm(p) >= 0;
    const bool has_powerpoint = farm >= 0 && c.farms[static_cast<size_t>(farm)].serving;
    if (!has_store) {
      c.no_content += meeting;
      continue;
    }
    if (wants_powerpoint && !has_powerpoint)
      c.no_powerpoint += meeting;
    else
      c.with_content += meeting;
    ContentStoreState& st = c.stores[static_cast<size_t>(store)];
    st.users += meeting;
    st.writer_pools.push_back(p);
    st.writes_per_s += per_user_rate(p, Category::kConferenceContent) * active_users(p) *
                       static_cast<double>(meeting) / static_cast<double>(pool_spec(p).users());
  }
  DRSIM_CHECK(c.with_content + c.no_content + c.no_powerpoint <= c.users,
              "more users in meetings than use a file store: a pool was counted twice");
}

AccessLevel Model::content_level() const {
  const ContentState& c = content_;
  if (topology_.file_stores().empty() || c.users == 0) return AccessLevel::kNotDeployed;
  if (c.with_content == c.users) return AccessLevel::kOk;
  if (c.with_content == 0 && c.no_powerpoint == 0) return AccessLevel::kDown;
  return AccessLevel::kDegraded;
}

std::string Model::content_via() const {
  std::string via;
  auto add = [&](const std::string& name) { via.append(via.empty() ? "" : ", ").append(name); };
  for (size_t f = 0; f < content_.stores.size(); ++f)
    if (content_.stores[f].users > 0) {
      const ContentStoreState& st = content_.stores[f];
      add(std::string(scenario_.file_stores(static_cast<int>(f)).fqdn())
              .append("/")
              .append(std::to_string(st.member + 1)));
    }
  for (size_t o = 0; o < content_.farms.size(); ++o)
    if (content_.farms[o].serving) add(scenario_.office_web_apps_farms(static_cast<int>(o)).fqdn());
  return via;
}

void Model::log_content_store(Instant now, int component) {
  const Component& comp = topology_.component(component);
  const bool store = comp.kind == ComponentKind::kFileStore;
  const ContentInfo& info = store ? topology_.file_stores()[static_cast<size_t>(comp.index)]
                                  : topology_.owa_farms()[static_cast<size_t>(comp.index)];
  const int64_t up = is_up(component) ? std::count_if(info.servers.begin(), info.servers.end(),
                                                      [&](int s) { return is_up(s); })
                                      : 0;
  const bool on = store ? content_.stores[static_cast<size_t>(comp.index)].serving
                        : content_.farms[static_cast<size_t>(comp.index)].serving;
  auto r = log_->append(now, "access.pool", comp.name)
               .s("role", store ? "file_store" : "owa_farm")
               .i("servers_up", up)
               .i("serving", on ? 1 : 0);
  if (store && on) {
    const int member = content_.stores[static_cast<size_t>(comp.index)].member;
    r.s("member", std::string(comp.name).append("/").append(std::to_string(member + 1)));
  }
}

}  // namespace drsim
