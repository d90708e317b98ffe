// The Back End's availability per HA mode.
//
// sfb-hadr 3.2-3.5: with a witness (mirroring) or a cluster quorum (AlwaysOn, clustering)
// the Back End fails over by itself after backend_auto_failover_s; mirroring without a
// witness waits for Invoke-CsDatabaseFailover; losing a partner together with the witness
// makes the Back End unavailable even if the principal runs. While it is unavailable users
// keep full service for BackupStoreUnavailableThreshold, then drop to resiliency mode.
#include <span>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

int Model::sql_role_server(int p, int role) const {
  const auto& servers = pool_spec(p).back_end().servers();
  for (int i = 0; i < servers.size(); ++i)
    if (servers.Get(i).role() == role) return i;
  return -1;
}

bool Model::back_end_available_now(int p, bool* can_auto_failover, int* failover_to) const {
  *can_auto_failover = false;
  *failover_to = -1;
  if (!pool_spec(p).has_back_end()) return true;  // Standard Edition: local SQL Express
  const auto& be = pool_spec(p).back_end();
  const auto& ids = topology_.pools()[static_cast<size_t>(p)].sql_servers;
  auto up = [&](int i) { return i >= 0 && is_up(ids[static_cast<size_t>(i)]); };
  const int principal = ps(p).be.principal;
  // Replica servers (principal, mirror, secondaries, cluster nodes) and their witnesses.
  // A fixed buffer: this runs after every event and must not allocate.
  int node_buf[16];
  int node_count = 0;
  int witness = -1, fsw = -1, storage = -1;
  for (int i = 0; i < be.servers_size(); ++i) {
    switch (be.servers(i).role()) {
      case scenario::PRIMARY:
      case scenario::MIRROR:
        if (node_count < 16) node_buf[node_count++] = i;
        break;
      case scenario::WITNESS:
        witness = i;
        break;
      case scenario::FILE_SHARE_WITNESS:
        fsw = i;
        break;
      case scenario::SHARED_STORAGE:
        storage = i;
        break;
      default:
        break;
    }
  }
  const std::span<const int> nodes(node_buf, static_cast<size_t>(node_count));
  auto first_other_up = [&]() {
    for (int n : nodes)
      if (n != principal && up(n)) return n;
    return -1;
  };
  // Windows Server Failover Clustering: a strict majority of node and witness votes. Without
  // a file-share witness that is node majority (a 2-node cluster stops with either node), or,
  // by the cluster_dynamic_quorum assumption, dynamic quorum down to the last node.
  auto cluster_quorum = [&]() {
    int votes = 0, total = 0;
    for (int n : nodes) {
      ++total;
      votes += up(n) ? 1 : 0;
    }
    if (fsw < 0 && params().cluster_dynamic_quorum()) return votes >= 1;
    if (fsw >= 0) {
      ++total;
      votes += up(fsw) ? 1 : 0;
    }
    return 2 * votes > total;
  };
  switch (be.ha_mode()) {
    case scenario::NONE:
      return up(principal);
    case scenario::MIRRORING_WITH_WITNESS: {
      const int partner = first_other_up() >= 0 ? first_other_up() : -1;
      if (up(principal)) {
        // The principal serves while it sees its mirror or the witness.
        bool mirror_up = false;
        for (int n : nodes) mirror_up |= (n != principal && up(n));
        return mirror_up || up(witness);
      }
      *can_auto_failover = partner >= 0 && up(witness);
      *failover_to = partner;
      return false;
    }
    case scenario::MIRRORING_WITHOUT_WITNESS:
      return up(principal);
    case scenario::ALWAYSON_AVAILABILITY_GROUP:
      if (!cluster_quorum()) return false;
      if (up(principal)) return true;
      *failover_to = first_other_up();
      *can_auto_failover = *failover_to >= 0;
      return false;
    case scenario::ALWAYSON_FAILOVER_CLUSTER_INSTANCE:
    case scenario::SQL_FAILOVER_CLUSTERING:
      if (!up(storage) || !cluster_quorum()) return false;
      if (up(principal)) return true;
      *failover_to = first_other_up();
      *can_auto_failover = *failover_to >= 0;
      return false;
    default:
      return up(principal);
  }
}

void Model::update_back_end(Engine& e, int p) {
  PoolState& s = ps(p);
  bool can_auto = false;
  int to = -1;
  const bool available = back_end_available_now(p, &can_auto, &to);
  const std::string& fqdn = pool_spec(p).fqdn();
  if (available != s.be.available) {
    account(s.backend_up_time, s.backend_mark, s.be.available, e.now());
    s.be.available = available;
    if (!available) {
      s.be.unavailable_since = e.now();
      s.be.threshold_timer =
          e.schedule_after(Duration::seconds(params().backup_store_unavailable_threshold_s()),
                           EventPayload{static_cast<uint32_t>(EventKind::kBackEndThreshold),
                                        static_cast<uint32_t>(p), 0});
    } else {
      e.cancel(s.be.threshold_timer);
      s.be.threshold_timer = EventId{};
      s.be.threshold_passed = false;
    }
    if (log_->enabled())
      log_->append(e.now(), available ? "backend.available" : "backend.unavailable", fqdn)
          .s("ha_mode", scenario::HaMode_Name(pool_spec(p).back_end().ha_mode()))
          .s("principal",
             s.be.principal >= 0 ? pool_spec(p).back_end().servers(s.be.principal).fqdn() : "");
  }
  if (!available && can_auto && !s.be.failover_timer.is_valid()) {
    s.be.failover_timer =
        e.schedule_after(Duration::seconds(params().backend_auto_failover_s()),
                         EventPayload{static_cast<uint32_t>(EventKind::kBackEndFailover),
                                      static_cast<uint32_t>(p), 0});
    if (log_->enabled())
      log_->append(e.now(), "backend.failover_start", fqdn)
          .s("to", pool_spec(p).back_end().servers(to).fqdn())
          .s("how", "automatic");
  } else if ((available || !can_auto) && s.be.failover_timer.is_valid()) {
    e.cancel(s.be.failover_timer);
    s.be.failover_timer = EventId{};
  }
}

void Model::on_back_end_failover(Engine& e, int p) {
  PoolState& s = ps(p);
  s.be.failover_timer = EventId{};
  bool can_auto = false;
  int to = -1;
  back_end_available_now(p, &can_auto, &to);
  if (!can_auto) return;
  s.be.principal = to;
  if (log_->enabled())
    log_->append(e.now(), "backend.failover", pool_spec(p).fqdn())
        .s("principal", pool_spec(p).back_end().servers(to).fqdn())
        .s("how", "automatic");
}

void Model::on_back_end_threshold(Engine& e, int p) {
  PoolState& s = ps(p);
  s.be.threshold_timer = EventId{};
  if (s.be.available) return;
  s.be.threshold_passed = true;
  if (log_->enabled())
    log_->append(e.now(), "backend.threshold", pool_spec(p).fqdn())
        .s("reason", "BackupStoreUnavailableThreshold passed: users enter resiliency mode");
}

}  // namespace drsim
