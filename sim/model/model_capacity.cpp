// Capacity of the pools at run time (sfb-hadr 1.8): a pool's running Front Ends carry
// users_per_front_end concurrently active users each (1 Front End per 6,660 users), at most
// the version's users per pool. After a failover the backup pool carries both pools' users;
// users on the backup registrar (voice only) count against the backup pool too. A pool
// carrying more than it can hold is in a capacity breach, logged from when to when and by
// how many users, and measured on the incident. What happens to the users above capacity is
// the over_capacity parameter: they keep service (the default), or the routing groups above
// capacity drop to resiliency mode, the serving pool's own users first in line.
#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/check.h"
#include "sim/model/model.h"
#include "sim/model/product.h"

namespace drsim {

int Model::serving_pool(int home, const RoutingGroup& rg) const {
  const int b = topology_.pools()[static_cast<size_t>(home)].backup;
  switch (rg.level) {
    case ServiceLevel::kSignedOut:
      return -1;
    case ServiceLevel::kVoiceOnly:
      return b;  // registered on the backup registrar
    default:
      break;
  }
  const DrState dr = ps(home).dr;
  return dr == DrState::kFailingOver || dr == DrState::kFailedOver ? b : home;
}

int64_t Model::capacity_users(int p) const {
  const int64_t per_pool = product::limits_for(scenario_.product_version()).max_users_per_pool;
  return std::min<int64_t>(static_cast<int64_t>(ps(p).fe_running) * params().users_per_front_end(),
                           per_pool);
}

bool Model::update_capacity(Engine& e) {
  const int pools = scenario_.pools_size();
  // What is carried where follows from the service levels and the running servers, which
  // follow from each pool's level inputs: when none changed since the last pass, nor did the
  // breaches (most events touch no pool's users). A fixed vector: no allocation per event.
  bool same = capacity_inputs_.size() == static_cast<size_t>(pools);
  if (!same) capacity_inputs_.assign(static_cast<size_t>(pools), PoolInputs{});
  for (int p = 0; p < pools; ++p) {
    PoolInputs& seen = capacity_inputs_[static_cast<size_t>(p)];
    same = same && seen == ps(p).level_inputs;
    seen = ps(p).level_inputs;
  }
  same = same && capacity_branch_version_ == branch_version_;
  capacity_branch_version_ = branch_version_;
  if (same) return false;
  const bool degrade = params().over_capacity() == scenario::RESILIENCY;
  // Which groups are above their serving pool's capacity, decided for all before any mark
  // changes (a group is counted at the one pool serving it).
  std::vector<std::vector<uint8_t>> over_marks;
  if (degrade) {
    over_marks.resize(static_cast<size_t>(pools));
    for (int h = 0; h < pools; ++h) over_marks[static_cast<size_t>(h)].assign(ps(h).rgs.size(), 0);
  }
  bool any_over = false;
  for (int x = 0; x < pools; ++x) {
    PoolState& sx = ps(x);
    const int64_t capacity = serving(x) ? capacity_users(x) : 0;
    // The pool's own groups first, then its partner's: users who arrive by failover or by
    // the backup registrar are the ones above capacity.
    double load = 0;
    const int b = topology_.pools()[static_cast<size_t>(x)].backup;
    for (int home : {x, b}) {
      if (home < 0) continue;
      const double share = pool_spec(home).users() > 0
                               ? active_users(home) / static_cast<double>(pool_spec(home).users())
                               : 0.0;
      const std::vector<RoutingGroup>& rgs = ps(home).rgs;
      for (size_t g = 0; g < rgs.size(); ++g) {
        if (serving_pool(home, rgs[g]) != x) continue;
        load += static_cast<double>(rgs[g].users) * share;
        if (degrade && load > static_cast<double>(capacity) + 1e-9)
          over_marks[static_cast<size_t>(home)][g] = 1;
      }
    }
    // Branch users registered on this pool as their backup Registrar (sfb-hadr 5.5: they
    // count toward the central pool's capacity); all of them counted active.
    for (size_t a = 0; a < appliances_.size(); ++a) {
      const ApplianceInfo& info = topology_.appliances()[a];
      if (info.backup_pool == x && appliances_[a].on_backup &&
          appliances_[a].level != ServiceLevel::kSignedOut)
        load += static_cast<double>(info.users);
    }
    const int64_t carried = std::llround(load);
    const bool over = serving(x) && carried > capacity;
    any_over |= over;
    if (over == sx.over_capacity &&
        (!over || (carried == sx.carried_users && capacity == sx.capacity)))
      continue;
    const Instant now = e.now();
    if (over && !sx.over_capacity) sx.over_capacity_since = now;
    if (log_->enabled()) {
      if (over)
        log_->append(now, "capacity.breach", pool_spec(x).fqdn())
            .i("active_users", carried)
            .i("capacity", capacity)
            .i("excess", carried - capacity)
            .i("front_ends_running", sx.fe_running);
      else
        log_->append(now, "capacity.restored", pool_spec(x).fqdn())
            .secs("breach_s", now - sx.over_capacity_since);
    }
    sx.over_capacity = over;
    sx.carried_users = carried;
    sx.capacity = capacity;
    if (IncidentMetrics* m = attributed_incident(); m != nullptr && over)
      m->over_capacity_users_max = std::max(m->over_capacity_users_max, carried - capacity);
  }
  bool groups_changed = false;
  for (int h = 0; h < pools && degrade; ++h) {
    for (size_t g = 0; g < ps(h).rgs.size(); ++g) {
      RoutingGroup& rg = ps(h).rgs[g];
      const bool over = over_marks[static_cast<size_t>(h)][g] != 0;
      if (over == rg.over_capacity) continue;
      rg.over_capacity = over;
      ++ps(h).rg_version;
      groups_changed = true;
    }
  }
  // Time with any pool over capacity belongs to the incident carrying the impact.
  const Instant now = e.now();
  if (any_over != (capacity_breach_since_ != Instant::never())) {
    if (any_over) {
      capacity_breach_since_ = now;
    } else {
      if (IncidentMetrics* m = attributed_incident())
        m->over_capacity += now - capacity_breach_since_;
      capacity_breach_since_ = Instant::never();
    }
  }
  return groups_changed;
}

}  // namespace drsim
