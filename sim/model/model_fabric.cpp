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
  s.full_users = spec.users();
  const int groups = spec.routing_groups();
  const std::vector<std::array<int, 3>> sets = replica_sets(p);
  const int replicas = std::min(3, n);
  for (int g = 0; g < groups; ++g) {
    RoutingGroup rg;
    rg.users = spec.users() / groups + (g < spec.users() % groups ? 1 : 0);
    const std::array<int, 3>& set = sets[static_cast<size_t>(g) % sets.size()];
    rg.replicas.assign(set.begin(), set.begin() + replicas);
    s.rgs.push_back(std::move(rg));
  }
  s.be.principal = sql_role_server(p, scenario::PRIMARY);
  if (params().has_persistence_phase_s()) {
    s.persistence_phase = Duration::seconds(params().persistence_phase_s());
  } else {
    Rng rng = streams_.stream("fabric.persistence/" + spec.fqdn());
    s.persistence_phase = Duration::micros(static_cast<int64_t>(
        sample_unit(rng) *
        static_cast<double>(Duration::seconds(params().persistence_interval_s()).us())));
  }
}

std::vector<std::array<int, 3>> Model::replica_sets(int p) {
  // Windows Fabric's placement is undocumented. CONSECUTIVE puts group g on servers g, g+1,
  // g+2, so that two adjacent servers share far more groups than two others (in a 5-server
  // pool with 16 groups, 7 groups lose quorum with two adjacent servers down, 4 with two
  // apart). SPREAD, the default, deals the groups every distinct set of 3 servers in an
  // order shuffled on the pool's own stream, and deals them again when there are more
  // groups than sets: every pair of servers then shares nearly the same number of groups.
  const int n = static_cast<int>(ps(p).fe_up.size());
  std::vector<std::array<int, 3>> sets;
  if (n < 3 || params().replica_placement() == scenario::CONSECUTIVE) {
    for (int g = 0; g < n; ++g) sets.push_back({g % n, (g + 1) % n, (g + 2) % n});
    return sets;
  }
  for (int a = 0; a < n; ++a)
    for (int b = a + 1; b < n; ++b)
      for (int c = b + 1; c < n; ++c) sets.push_back({a, b, c});
  // Fisher-Yates on the pool's own stream: the same placement for the same seed.
  Rng rng = streams_.stream("fabric.placement/" + pool_spec(p).fqdn());
  for (size_t i = sets.size() - 1; i > 0; --i) {
    const auto j = static_cast<size_t>(sample_unit(rng) * static_cast<double>(i + 1));
    std::swap(sets[i], sets[std::min(j, i)]);
  }
  return sets;
}

int Model::replicas_up(int p, const RoutingGroup& rg) const {
  int up = 0;
  for (int r : rg.replicas) up += ps(p).fe_up[static_cast<size_t>(r)] ? 1 : 0;
  return up;
}

int Model::group_quorum(int p, const RoutingGroup& rg) const {
  // sfb-hadr 1.3, 1.5: a pool of 2 servers runs with 1, so its groups (one replica per
  // server) keep service on one replica; 3 or more servers give every group 3 replicas.
  const int n = static_cast<int>(ps(p).fe_up.size());
  const int need = n < 3 ? params().small_pool_group_quorum_replicas()
                         : params().routing_group_quorum_replicas();
  return std::min<int>(need, static_cast<int>(rg.replicas.size()));
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
    const int need =
        params().even_pool_witness_uses_first_start() ? product::first_start_quorum(n) : q.required;
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
      log_->append(e.now(), "pool.stopped", fqdn)
          .i("front_ends_running", s.fe_running)
          .s("reason", "pool-level quorum loss: all services stop");
    return;
  }
  if (!functional_quorum_met(p)) {
    s.awaiting_recovery = false;
    return;
  }
  // The pool could run again. Whether it does by itself is an assumption
  // (stopped_pool_restarts_automatically); below the first-start count the two readings of
  // sfb-hadr Corrections 3 differ (restart_below_first_start).
  const bool automatic = params().stopped_pool_restarts_automatically();
  if (automatic && first_start_met(p)) {
    start_pool(e, p, "first-start quorum running");
    return;
  }
  if (automatic && params().restart_below_first_start() == scenario::GROUPS_IN_QUORUM_LOSS) {
    start_pool(e, p,
               "functional quorum running, below first-start: routing groups short of replicas "
               "stay in quorum loss until QuorumLossRecovery");
    return;
  }
  if (!s.awaiting_recovery) {
    s.awaiting_recovery = true;
    if (log_->enabled()) {
      const char* reason = !automatic
                               ? "stopped pools do not restart by themselves: needs Start-CsPool"
                               : "below first-start quorum: needs Reset-CsPoolRegistrarState "
                                 "-ResetType QuorumLossRecovery";
      log_->append(e.now(), "pool.awaiting_recovery", fqdn)
          .i("front_ends_running", s.fe_running)
          .s("reason", reason);
    }
  }
}

void Model::start_pool(Engine& e, int p, const char* reason) {
  PoolState& s = ps(p);
  DRSIM_CHECK(!s.running && functional_quorum_met(p),
              "only a stopped pool with functional quorum starts");
  account(s.running_time, s.running_mark, false, e.now());
  s.running = true;
  s.awaiting_recovery = false;
  if (log_->enabled())
    log_->append(e.now(), "pool.started", pool_spec(p).fqdn())
        .i("front_ends_running", s.fe_running)
        .s("reason", reason);
  // Groups short of replicas at the restart lost their quorum when the pool stopped: what
  // the fabric had not persisted by then is what a QuorumLossRecovery would lose.
  for (size_t g = 0; g < s.rgs.size(); ++g) {
    RoutingGroup& rg = s.rgs[g];
    if (rg.quorum_loss || replicas_up(p, rg) >= group_quorum(p, rg)) continue;
    rg.quorum_loss = true;
    rg.quorum_loss_since = s.stopped_since;
    ++s.rg_version;
    if (log_->enabled())
      log_->append(e.now(), "rg.quorum_loss", pool_spec(p).fqdn() + "/rg" + std::to_string(g))
          .i("replicas_up", replicas_up(p, rg))
          .i("users", rg.users);
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
    const int quorum = group_quorum(p, rg);
    // A group in quorum loss heals on the rebuild timer once its replica servers are back,
    // unless that assumption is off (quorum_loss_heals_on_return): then only
    // QuorumLossRecovery ends it.
    const bool needs_timer = rg.quorum_loss ? up >= quorum && params().quorum_loss_heals_on_return()
                                            : (up < want && s.fe_running > up);
    if (!rg.quorum_loss && up < quorum) {
      rg.quorum_loss = true;
      ++s.rg_version;
      rg.quorum_loss_since = e.now();
      e.cancel(rg.rebuild);
      rg.rebuild = EventId{};
      if (log_->enabled())
        log_->append(e.now(), "rg.quorum_loss", pool_spec(p).fqdn() + "/rg" + std::to_string(g))
            .i("replicas_up", up)
            .i("users", rg.users);
      continue;
    }
    if (needs_timer && !rg.rebuild.is_valid()) {
      rg.rebuild = e.schedule_after(
          Duration::seconds(params().replica_rebuild_s()),
          EventPayload{static_cast<uint32_t>(EventKind::kRebuild), static_cast<uint32_t>(p), g});
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
    if (log_->enabled())
      log_->append(e.now(), "rg.recovered", subject()).s("how", "replicas rebuilt");
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
    if (log_->enabled()) log_->append(e.now(), "rg.rebuilt", subject()).i("replicas", count);
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
    const int quorum = group_quorum(p, rg);
    // Groups in quorum loss, including those of a stopped pool that would be on restart.
    const bool lost = rg.quorum_loss || (!s.running && up < quorum);
    if (!lost) continue;
    const Instant since = rg.quorum_loss ? rg.quorum_loss_since : s.stopped_since;
    const Duration window = since - last_persisted(p, since);
    // Persistence runs every interval until the Back End became unavailable (if it is).
    const Instant persisted_until =
        !s.be.available && s.be.unavailable_since < since ? s.be.unavailable_since : since;
    DRSIM_CHECK(since <= e.now() && window >= Duration::zero() &&
                    window < (since - persisted_until) +
                                 Duration::seconds(params().persistence_interval_s()),
                "a QuorumLossRecovery loses at most the time since the last persistence to the "
                "Back End: one "
                "persistence interval before persistence stopped");
    // A stopped pool's reloaded groups lose their writes: lost, not stranded too.
    double& strand = s.strand_rate[static_cast<size_t>(Category::kUserData)];
    strand = std::max(0.0, strand - static_cast<double>(rg.users) * active_share *
                                        per_user_rate(p, Category::kUserData));
    record_loss(
        e, Category::kUserData, window,
        static_cast<double>(rg.users) * active_share * per_user_rate(p, Category::kUserData),
        pool_spec(p).fqdn() + "/rg" + std::to_string(g) + " reloaded from the Back End", {p});
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
  if (!s.running && functional_quorum_met(p)) start_pool(e, p, "QuorumLossRecovery");
}

}  // namespace drsim
