// Front End servers, Windows Fabric pool quorum and routing groups.
//
// sfb-hadr 1.1-1.3 and Corrections 1-4: a pool stops all services below its functional
// quorum (a lookup table; for 8 or more servers a majority of a seed prefix); once stopped it
// starts again only with the first-start count running, or after QuorumLossRecovery. A
// routing group has 3 replicas on distinct Front Ends and keeps service while
// routing_group_quorum_replicas of them run; lost replicas are rebuilt on other servers
// after replica_rebuild_s.
#include <algorithm>

#include "sim/check.h"
#include "sim/model/model.h"
#include "sim/model/product.h"

namespace drsim {

void Model::init_fabric(int p) {
  const scenario::Pool& spec = pool_spec(p);
  PoolState& s = ps(p);
  const int n = spec.front_ends_size();
  DRSIM_CHECK(n >= 1 && n <= 16, "pool size outside 1..16: the scenario was not validated");
  s.fe_up.assign(static_cast<size_t>(n), true);
  s.fe_up_bits = (uint64_t{1} << n) - 1;
  s.fe_running = n;
  const int groups = spec.routing_groups();
  const int replicas = std::min(3, n);
  for (int g = 0; g < groups; ++g) {
    RoutingGroup rg;
    rg.users = spec.users() / groups + (g < spec.users() % groups ? 1 : 0);
    // Replicas on consecutive servers, so that every server is primary for some groups.
    for (int j = 0; j < replicas; ++j) rg.replicas.push_back((g + j) % n);
    s.rgs.push_back(std::move(rg));
  }
  s.be.principal = sql_role_server(p, scenario::PRIMARY);
  if (params().has_persistence_phase_s()) {
    s.persistence_phase = Duration::seconds(params().persistence_phase_s());
  } else {
    Rng rng = streams_.stream("fabric.persistence/" + spec.fqdn());
    s.persistence_phase = Duration::micros(static_cast<int64_t>(
        sample_unit(rng) * static_cast<double>(Duration::seconds(params().persistence_interval_s()).us())));
  }
}

int Model::replicas_up(int p, const RoutingGroup& rg) const {
  int up = 0;
  for (int r : rg.replicas) up += ps(p).fe_up[static_cast<size_t>(r)] ? 1 : 0;
  return up;
}

int Model::group_quorum(const RoutingGroup& rg) const {
  return std::min<int>(params().routing_group_quorum_replicas(), static_cast<int>(rg.replicas.size()));
}

int Model::functional_quorum_met(int p) const {
  const PoolState& s = ps(p);
  const int n = static_cast<int>(s.fe_up.size());
  const product::FunctionalQuorum q = product::functional_quorum(n);
  int seeds_running = 0;
  for (int i = 0; i < q.seed_count; ++i) seeds_running += s.fe_up[static_cast<size_t>(i)] ? 1 : 0;
  if (seeds_running < q.required) return 0;
  // sfb-hadr 1.4, Corrections 2: in an even-sized pool the primary database is a witness; with
  // it down the pool needs the first-start count (or the functional count, by parameter).
  const int primary = sql_role_server(p, scenario::PRIMARY);
  if (n % 2 == 0 && n >= 4 && primary >= 0 &&
      !is_up(topology_.pools()[static_cast<size_t>(p)].sql_servers[static_cast<size_t>(primary)])) {
    const int need = params().even_pool_witness_uses_first_start() ? product::first_start_quorum(n)
                                                                   : q.required;
    if (s.fe_running < need) return 0;
  }
  return 1;
}

bool Model::first_start_met(int p) const {
  const PoolState& s = ps(p);
  return s.fe_running >= product::first_start_quorum(static_cast<int>(s.fe_up.size()));
}

void Model::update_fabric(Engine& e, int p) {
  PoolState& s = ps(p);
  const std::string& fqdn = pool_spec(p).fqdn();
  if (s.running) {
    if (functional_quorum_met(p)) return;
    account(s.running_time, s.running_mark, true, e.now());
    s.running = false;
    s.stopped_since = e.now();
    if (log_->enabled())
      log_->append(e.now(), "pool.stopped", fqdn).i("front_ends_running", s.fe_running)
          .s("reason", "pool-level quorum loss: all services stop");
    return;
  }
  if (!functional_quorum_met(p)) {
    s.awaiting_recovery = false;
    return;
  }
  if (first_start_met(p)) {
    account(s.running_time, s.running_mark, false, e.now());
    s.running = true;
    s.awaiting_recovery = false;
    if (log_->enabled())
      log_->append(e.now(), "pool.started", fqdn).i("front_ends_running", s.fe_running)
          .s("reason", "first-start quorum running");
  } else if (!s.awaiting_recovery) {
    s.awaiting_recovery = true;
    if (log_->enabled())
      log_->append(e.now(), "pool.awaiting_recovery", fqdn).i("front_ends_running", s.fe_running)
          .s("reason", "below first-start quorum: needs Reset-CsPoolRegistrarState -ResetType QuorumLossRecovery");
  }
}

void Model::update_routing_groups(Engine& e, int p) {
  PoolState& s = ps(p);
  if (!s.running) return;  // the whole pool is down; groups keep their state
  const int n = static_cast<int>(s.fe_up.size());
  const int want = std::min(3, n);
  for (size_t g = 0; g < s.rgs.size(); ++g) {
    RoutingGroup& rg = s.rgs[g];
    const int up = replicas_up(p, rg);
    const int quorum = group_quorum(rg);
    const bool needs_timer = rg.quorum_loss ? up >= quorum : (up < want && s.fe_running > up);
    if (!rg.quorum_loss && up < quorum) {
      rg.quorum_loss = true;
      ++s.rg_version;
      rg.quorum_loss_since = e.now();
      e.cancel(rg.rebuild);
      rg.rebuild = EventId{};
      if (log_->enabled())
        log_->append(e.now(), "rg.quorum_loss", pool_spec(p).fqdn() + "/rg" + std::to_string(g))
            .i("replicas_up", up).i("users", rg.users);
      continue;
    }
    if (needs_timer && !rg.rebuild.is_valid()) {
      rg.rebuild = e.schedule_after(Duration::seconds(params().replica_rebuild_s()),
                                    EventPayload{static_cast<uint32_t>(EventKind::kRebuild),
                                                 static_cast<uint32_t>(p), g});
    } else if (!needs_timer && rg.rebuild.is_valid()) {
      e.cancel(rg.rebuild);
      rg.rebuild = EventId{};
    }
  }
}

void Model::on_rebuild(Engine& e, int p, int g) {
  PoolState& s = ps(p);
  RoutingGroup& rg = s.rgs[static_cast<size_t>(g)];
  rg.rebuild = EventId{};
  ++s.rg_version;
  if (!s.running) return;
  auto subject = [&]() { return pool_spec(p).fqdn() + "/rg" + std::to_string(g); };
  if (rg.quorum_loss) {
    // A returning replica has caught up: the group has quorum again and loses nothing.
    rg.quorum_loss = false;
    if (log_->enabled()) log_->append(e.now(), "rg.recovered", subject()).s("how", "replicas rebuilt");
  }
  // Move replicas off servers that are down onto running servers that hold none.
  const int n = static_cast<int>(s.fe_up.size());
  // At most 3 replicas: a fixed buffer keeps this path free of allocation.
  int kept[3];
  int count = 0;
  for (int r : rg.replicas)
    if (s.fe_up[static_cast<size_t>(r)] && count < 3) kept[count++] = r;
  for (int k = 0; k < n && count < std::min(3, n); ++k) {
    const int cand = (g + k) % n;
    if (s.fe_up[static_cast<size_t>(cand)] && std::find(kept, kept + count, cand) == kept + count)
      kept[count++] = cand;
  }
  if (!std::equal(kept, kept + count, rg.replicas.begin(), rg.replicas.end())) {
    rg.replicas.assign(kept, kept + count);
    if (log_->enabled())
      log_->append(e.now(), "rg.rebuilt", subject()).i("replicas", count);
  }
}

Instant Model::last_persisted(int p, Instant t) const {
  // The fabric writes to the Back End lazily every persistence_interval_s; nothing is
  // persisted while the Back End is unavailable.
  const PoolState& s = ps(p);
  if (!s.be.available && s.be.unavailable_since < t) t = s.be.unavailable_since;
  const int64_t i = Duration::seconds(params().persistence_interval_s()).us();
  int64_t x = (t.since_origin() - s.persistence_phase).us();
  int64_t k = x / i;
  if (x % i != 0 && x < 0) --k;
  return Instant::origin() + s.persistence_phase + Duration::micros(k * i);
}

void Model::recover_quorum_loss(Engine& e, int p) {
  // sfb-hadr 1.7: QuorumLossRecovery reloads routing groups in quorum loss from the Back End;
  // data not yet written there is lost.
  PoolState& s = ps(p);
  const int n = static_cast<int>(s.fe_up.size());
  const double active_share =
      pool_spec(p).users() > 0 ? active_users(p) / static_cast<double>(pool_spec(p).users()) : 0;
  for (size_t g = 0; g < s.rgs.size(); ++g) {
    RoutingGroup& rg = s.rgs[g];
    const int up = replicas_up(p, rg);
    const int quorum = group_quorum(rg);
    // Groups in quorum loss, including those of a stopped pool that would be on restart.
    const bool lost = rg.quorum_loss || (!s.running && up < quorum);
    if (!lost) continue;
    const Instant since = rg.quorum_loss ? rg.quorum_loss_since : s.stopped_since;
    const Duration window = since - last_persisted(p, since);
    // Persistence runs every interval until the Back End became unavailable (if it is).
    const Instant persisted_until = !s.be.available && s.be.unavailable_since < since ? s.be.unavailable_since : since;
    DRSIM_CHECK(since <= e.now() && window >= Duration::zero() &&
                    window < (since - persisted_until) + Duration::seconds(params().persistence_interval_s()),
                "a QuorumLossRecovery loses at most the time since the last persistence to the Back End: one "
                "persistence interval before persistence stopped");
    record_loss(e, Category::kUserData, window,
                static_cast<double>(rg.users) * active_share * per_user_rate(p, Category::kUserData),
                pool_spec(p).fqdn() + "/rg" + std::to_string(g) + " reloaded from the Back End");
    rg.quorum_loss = false;
    ++s.rg_version;
    e.cancel(rg.rebuild);
    rg.rebuild = EventId{};
    std::vector<int> fresh;
    for (int k = 0; k < n && static_cast<int>(fresh.size()) < std::min(3, n); ++k) {
      const int cand = (static_cast<int>(g) + k) % n;
      if (s.fe_up[static_cast<size_t>(cand)]) fresh.push_back(cand);
    }
    if (!fresh.empty()) rg.replicas = fresh;
  }
  if (!s.running && functional_quorum_met(p)) {
    account(s.running_time, s.running_mark, false, e.now());
    s.running = true;
    s.awaiting_recovery = false;
    if (log_->enabled())
      log_->append(e.now(), "pool.started", pool_spec(p).fqdn()).i("front_ends_running", s.fe_running)
          .s("reason", "QuorumLossRecovery");
  }
}

}  // namespace drsim
