// Data at risk while a pool is down: stranded, or lost for good (docs/model.md, "Data: lost,
// stranded or safe").
//
// When a pool stops serving, the writes whose only copy is in it become unreachable: per
// category, those made since the last moment they were protected elsewhere: the snapshot of
// the last import on the backup pool for what the Backup Service replicates, the last backup
// under data_backups for the rest, and nothing at all ("since deployment") without either.
// They are *stranded* while the pool is down and will come back: when it serves again they
// are reachable again, and drsim reports how many were stranded and for how long. A
// disaster-mode failover writes them off instead (*lost*, with the RPO; model_effects.cpp).
// A pool still down at the end of the run under a fault that is never repaired loses them
// for good; one whose repair lies beyond the horizon keeps them stranded, "and counting".
#include <algorithm>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

double Model::category_rate(int p, Category c) const {
  // Writes per second the pool holds in category `c`: per active user for the users' own
  // data (its users while it homes them, its partner's while it hosts them), per pool for
  // the rest, and the CMS only on the pool holding the master.
  const int b = topology_.pools()[static_cast<size_t>(p)].backup;
  double users = is_home(ps(p).dr) ? active_users(p) : 0.0;
  if (b >= 0 && ps(b).dr == DrState::kFailedOver) users += active_users(b);
  switch (c) {
    case Category::kUserData:
    case Category::kConferenceContent:
    case Category::kResponseGroups:
    case Category::kMonitoringArchiving:
      return users * per_user_rate(p, c);
    case Category::kCms:
      return p == cms_pool_ ? per_user_rate(p, c) : 0.0;
    default:
      return is_home(ps(p).dr) ? per_user_rate(p, c) : 0.0;
  }
}

Instant Model::protected_until(int p, Category c, Instant t, bool* since_deployment) const {
  *since_deployment = false;
  const bool rgs = scenario_.backup_service().enable_rgs_backup();
  const bool replicated = c == Category::kUserData || c == Category::kConferenceContent ||
                          c == Category::kCms || (c == Category::kResponseGroups && rgs);
  if (replicated) {
    for (const BackupLink& l : backup_)
      if (l.source == p) return std::min(l.direction.durable_snapshot_at(t), t);
  }
  // Not replicated (or an unpaired pool): its last backup, periodic from the run's start.
  for (const auto& policy : scenario_.data_backups()) {
    if (policy.category() != static_cast<int>(c) + 1) continue;
    const int64_t i_us = Duration::seconds(policy.interval_s()).us();
    return Instant::from_us((t.us() / i_us) * i_us);
  }
  *since_deployment = true;
  return Instant::origin();
}

void Model::update_strandings(Engine& e) {
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    PoolState& s = ps(p);
    const bool down = !serving(p);
    if (down && s.strand_since == Instant::never()) {
      s.strand_since = e.now();
      const IncidentMetrics* m = attributed_incident();
      s.strand_incident = m != nullptr ? m->id : -1;
      for (int k = 0; k < kCategoryCount; ++k) {
        const Category c = static_cast<Category>(k);
        bool deployment = false;
        s.strand_from[static_cast<size_t>(k)] = protected_until(p, c, e.now(), &deployment);
        s.strand_since_deployment[static_cast<size_t>(k)] = deployment;
        s.strand_rate[static_cast<size_t>(k)] = category_rate(p, c);
      }
    } else if (!down && s.strand_since != Instant::never()) {
      end_stranding(p, e.now(), false);
    }
  }
}

void Model::write_off_stranding(int p, Category c) {
  PoolState& s = ps(p);
  s.strand_rate[static_cast<size_t>(c)] = 0;  // lost instead (record_loss): not stranded too
}

void Model::end_stranding(int p, Instant end, bool at_horizon) {
  PoolState& s = ps(p);
  DRSIM_CHECK(s.strand_since != Instant::never() && s.strand_since <= end,
              "a stranding ends after it starts");
  const Duration unreachable = end - s.strand_since;
  IncidentMetrics* m = s.strand_incident >= 0
                           ? &metrics_.incidents[static_cast<size_t>(s.strand_incident)]
                           : nullptr;
  // A pool down at the end under a fault never repaired will not bring its data back.
  const bool for_good = at_horizon && is_down_for_good(p);
  for (int k = 0; k < kCategoryCount; ++k) {
    const size_t i = static_cast<size_t>(k);
    const Category c = static_cast<Category>(k);
    const double rate = s.strand_rate[i];
    if (rate <= 0) continue;
    const Duration window = s.strand_since - s.strand_from[i];
    DRSIM_CHECK(window >= Duration::zero(), "stranded writes were made before the pool stopped");
    if (for_good) {
      record_loss_at(end, c, window, rate,
                     pool_spec(p).fqdn() + " (down for good: never repaired within the run)", {p},
                     s.strand_since_deployment[i], s.strand_incident);
      continue;
    }
    const double writes = rate * window.seconds_f();
    if (m != nullptr) {
      m->stranded[i] = true;
      m->stranded_window[i] = std::max(m->stranded_window[i], window);
      m->stranded_writes[i] += writes;
      m->unreachable[i] = std::max(m->unreachable[i], unreachable);
      m->stranded_open[i] = m->stranded_open[i] || at_horizon;
      m->since_deployment[i] = m->since_deployment[i] || s.strand_since_deployment[i];
      PoolDataOutcome& o = pool_data(*m, p);
      o.stranded[i] = true;
      o.stranded_window[i] = std::max(o.stranded_window[i], window);
      o.since_deployment[i] = o.since_deployment[i] || s.strand_since_deployment[i];
    }
    if (log_->enabled()) {
      auto r = log_->append(end, "data.stranded", pool_spec(p).fqdn())
                   .s("category", category_name(c))
                   .secs("window_s", window)
                   .d("writes", writes)
                   .secs("unreachable_s", unreachable)
                   .i("open", at_horizon ? 1 : 0)
                   .i("incident", s.strand_incident);
      if (s.strand_since_deployment[i]) r.i("since_deployment", 1);
    }
  }
  s.strand_since = Instant::never();
  s.strand_incident = -1;
}

bool Model::is_down_for_good(int p) const {
  // A scripted fault without a repair on the pool, its site or one of its Front Ends.
  const auto& pool = topology_.pools()[static_cast<size_t>(p)];
  const int site = topology_.find(pool_spec(p).site());
  const int pool_component = topology_.find(pool_spec(p).fqdn());
  for (int f = 0; f < scenario_.faults_size(); ++f) {
    const auto& fault = scenario_.faults(f);
    if (fault.has_repair_after_s() || fault_incident_[static_cast<size_t>(f)] < 0) continue;
    const int c = topology_.find(fault.component());
    if (c == site || c == pool_component ||
        std::find(pool.front_ends.begin(), pool.front_ends.end(), c) != pool.front_ends.end())
      return true;
  }
  return false;
}

}  // namespace drsim
