// The Backup Service between paired pools: one BackupDirection per direction, fed with the
// pools' change rates and path states; see backup_direction.h for the cycle rules.
#include <string>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

double Model::per_user_rate(int p, Category c) const {
  const scenario::Workload& w = pool_spec(p).workload();
  switch (c) {
    case Category::kUserData:
      return w.user_data_writes_per_hour() / 3600.0;
    case Category::kConferenceContent:
      return w.conference_content_writes_per_hour() / 3600.0;
    case Category::kResponseGroups:
      return w.rgs_writes_per_hour() / 3600.0;
    case Category::kMonitoringArchiving:
      return w.monitoring_archiving_writes_per_hour() / 3600.0;
    // Per pool, not per user:
    case Category::kCms:
      return w.cms_writes_per_hour() / 3600.0;
    case Category::kLis:
      return w.lis_writes_per_hour() / 3600.0;
    case Category::kCallPark:
      return w.call_park_writes_per_hour() / 3600.0;
    case Category::kAnnouncements:
      return w.announcement_writes_per_hour() / 3600.0;
  }
  return 0;
}

double Model::active_users(int p) const {
  const scenario::Pool& spec = pool_spec(p);
  return static_cast<double>(spec.has_active_users() ? spec.active_users() : spec.users());
}

double Model::change_rate_bytes_per_s(int source, int target) const {
  // Writes follow the users who are actually served with persistent changes (full service),
  // at the pool serving them: a stopped pool, users signed out, on the backup registrar or in
  // resiliency mode write nothing for the Backup Service to ship.
  const bool rgs = scenario_.backup_service().enable_rgs_backup();
  auto user_bytes = [&](int home) {
    const scenario::Pool& spec = pool_spec(home);
    if (spec.users() <= 0) return 0.0;
    const double served =
        static_cast<double>(ps(home).full_users) / static_cast<double>(spec.users());
    const double writes = per_user_rate(home, Category::kUserData) +
                          per_user_rate(home, Category::kConferenceContent) +
                          (rgs ? per_user_rate(home, Category::kResponseGroups) : 0.0);
    return active_users(home) * served * writes * spec.workload().bytes_per_write();
  };
  double bytes = 0;
  // The source's own users while the source homes them (failed over, it is read-only).
  if (is_home(ps(source).dr)) bytes += user_bytes(source);
  // The target's users while the source serves them: their changes go back for failback.
  if (ps(target).dr == DrState::kFailedOver) bytes += user_bytes(target);
  if (cms_pool_ == source && cms_available())
    bytes += per_user_rate(source, Category::kCms) * pool_spec(source).workload().bytes_per_write();
  return bytes;
}

void Model::init_backup() {
  const scenario::BackupService& cfg = scenario_.backup_service();
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    const int b = topology_.pools()[static_cast<size_t>(p)].backup;
    if (b < 0) continue;
    const std::string& site_p = pool_spec(p).site();
    const std::string& site_b = pool_spec(b).site();
    BackupConfig c;
    c.interval = Duration::seconds(cfg.sync_interval_s());
    c.overhead = Duration::micros(static_cast<int64_t>(cfg.cycle_overhead_s() * 1e6));
    c.latency = Duration::zero();
    c.bandwidth_bits_per_s = 10e9;  // no link declared between the sites: unconstrained
    c.always_step = options_.always_step_backup;
    c.extra_logged_cycles = log_->enabled() ? options_.extra_logged_cycles : 0;
    int link_id = -1;
    for (int l = 0; l < scenario_.links_size(); ++l) {
      const auto& link = scenario_.links(l);
      if ((link.site_a() == site_p && link.site_b() == site_b) ||
          (link.site_a() == site_b && link.site_b() == site_p)) {
        link_id = topology_.links()[static_cast<size_t>(l)];
        c.latency = Duration::micros(static_cast<int64_t>(link.latency_ms() * 1000));
        c.bandwidth_bits_per_s = link.bandwidth_mbps() * 1e6;
        break;
      }
    }
    Duration phase = Duration::seconds(cfg.phase_s());
    if (!cfg.has_phase_s()) {
      Rng rng = streams_.stream("backup.phase/" + pool_spec(p).fqdn() + "->" + pool_spec(b).fqdn());
      phase = Duration::micros(
          static_cast<int64_t>(sample_unit(rng) * static_cast<double>(c.interval.us())));
    }
    backup_.push_back(BackupLink{
        p, b, link_id, BackupDirection(c, phase, Instant::origin(), change_rate_bytes_per_s(p, b)),
        EventId{}, Instant::never(), BackupStatus::kSteady});
  }
}

void Model::update_backup(Engine& e) {
  for (size_t l = 0; l < backup_.size(); ++l) {
    BackupLink& b = backup_[l];
    const bool link_up = b.link < 0 || is_up(b.link);
    const DrState src = ps(b.source).dr;
    b.direction.set_final(e.now(), src == DrState::kFailingOver || src == DrState::kFailedOver);
    b.direction.set_rate(e.now(), change_rate_bytes_per_s(b.source, b.target));
    b.direction.set_path_up(e.now(), serving(b.source) && serving(b.target) && link_up);
    reschedule_backup(e, static_cast<int>(l));
    log_backup_status(e, static_cast<int>(l), false);
  }
}

void Model::log_backup_status(Engine& e, int l, bool always) {
  if (!log_->enabled()) return;  // sweeps keep no log: nothing to compare
  BackupLink& b = backup_[static_cast<size_t>(l)];
  const Instant now = e.now();
  const BackupStatus status = b.direction.status_at(now);
  const bool path_up = b.direction.is_path_up();
  const double growth = b.direction.backlog_growth_bytes_per_s();
  // A record on every change of status, path or growth rate: readers reconstruct the backlog
  // between records from the last one's backlog and growth (docs/event-log.md).
  if (!always && status == b.logged_status && path_up == b.logged_path_up &&
      growth == b.logged_growth_bytes_per_s)
    return;
  b.logged_status = status;
  b.logged_path_up = path_up;
  b.logged_growth_bytes_per_s = growth;
  log_->append(now, "backup.status", backup_subject(b))
      .s("status", backup_status_name(status))
      .s("path", path_up ? "up" : "down")
      .d("durable_snapshot_s", b.direction.durable_snapshot_at(now).seconds_f())
      .d("backlog_bytes", b.direction.backlog_bytes_at(now))
      .d("backlog_growth_bytes_per_s", growth);
}

std::string Model::backup_subject(const BackupLink& b) const {
  return pool_spec(b.source).fqdn() + "->" + pool_spec(b.target).fqdn();
}

void Model::reschedule_backup(Engine& e, int l) {
  BackupLink& b = backup_[static_cast<size_t>(l)];
  const Instant want = b.direction.next_event();
  if (want == b.next_at && (b.next.is_valid() || want == Instant::never())) return;
  e.cancel(b.next);
  b.next = EventId{};
  b.next_at = want;
  if (want == Instant::never() || want >= e.horizon()) return;
  b.next = e.schedule_at(want, EventPayload{static_cast<uint32_t>(EventKind::kBackupCycle),
                                            static_cast<uint32_t>(l), 0});
}

void Model::on_backup_cycle(Engine& e, int l) {
  BackupLink& b = backup_[static_cast<size_t>(l)];
  b.next = EventId{};
  b.next_at = Instant::never();
  const BackupDirection::Step step = b.direction.on_event(e.now());
  if (log_->enabled() && step != BackupDirection::Step::kNone) {
    const Instant now = e.now();
    if (step == BackupDirection::Step::kCycleStarted) {
      log_->append(now, "backup.export", backup_subject(b))
          .d("bytes", b.direction.last_cycle_bytes())
          .secs("duration_s", b.direction.last_cycle_duration())
          .d("backlog_bytes", b.direction.backlog_bytes_at(now));
    } else {
      log_->append(now, "backup.import", backup_subject(b))
          .d("snapshot_s", b.direction.last_cycle_snapshot().seconds_f())
          .d("backlog_bytes", b.direction.backlog_bytes_at(now));
    }
  }
  reschedule_backup(e, l);
}

}  // namespace drsim
