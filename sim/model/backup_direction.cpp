// The Backup Service direction: analytic while quiet, stepped around disturbances; see
// backup_direction.h.
#include "sim/model/backup_direction.h"

#include <algorithm>
#include <cmath>

#include "sim/check.h"

namespace drsim {

namespace {
// Floor division for possibly negative numerators.
int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
}  // namespace

const char* backup_status_name(BackupStatus s) {
  switch (s) {
    case BackupStatus::kSteady:
      return "steady";
    case BackupStatus::kLagging:
      return "lagging";
    case BackupStatus::kFinal:
      return "final";
  }
  return "?";
}

BackupDirection::BackupDirection(BackupConfig config, Duration phase, Instant start,
                                 double bytes_per_s)
    : config_(config), phase_(phase), rate_(bytes_per_s) {
  DRSIM_CHECK(config.interval > Duration::zero(), "sync interval must be positive");
  DRSIM_CHECK(config.bandwidth_bits_per_s > 0, "link bandwidth must be positive");
  DRSIM_CHECK(phase >= Duration::zero() && phase < config.interval,
              "phase lies within one interval");
  DRSIM_CHECK(bytes_per_s >= 0 && std::isfinite(bytes_per_s), "change rate must be non-negative");
  // Steady state since forever: every cycle k, even before the start, is analytic.
  first_analytic_k_ = INT64_MIN / 4;
  durable_before_analytic_ = start;
  durable_ = start;
  pending_since_ = start;
  rate_since_ = start;
  // The ledger starts with the changes made since the last (notional) snapshot as pending.
  made_since_ = start;
  made_bytes_ = backlog_bytes_at(start);
  if (config.always_step) materialize(start);
}

Duration BackupDirection::cycle_duration(double bytes) const {
  const double transfer_us = bytes * 8.0 / config_.bandwidth_bits_per_s * 1e6;
  DRSIM_CHECK(std::isfinite(transfer_us) && transfer_us >= 0, "transfer time must be finite");
  return config_.overhead + config_.latency + Duration::micros(std::llround(transfer_us));
}

Instant BackupDirection::next_tick(Instant t) const {
  const int64_t i = config_.interval.us();
  const int64_t k = floor_div((t.since_origin() - phase_).us() + i - 1, i);
  return Instant::origin() + phase_ + config_.interval * k;
}

double BackupDirection::bytes_until(Instant t) const {
  return bytes_accum_ + rate_ * (t - rate_since_).seconds_f();
}

Instant BackupDirection::durable_snapshot_at(Instant t) const {
  if (!analytic_) {
    if (in_cycle_ && cycle_end_ <= t) return cycle_start_;
    return durable_;
  }
  const Duration d = steady_duration();
  const int64_t k = floor_div((t.since_origin() - d - phase_).us(), config_.interval.us());
  if (k < first_analytic_k_) return durable_before_analytic_;
  return Instant::origin() + phase_ + config_.interval * k;
}

double BackupDirection::backlog_bytes_at(Instant t) const {
  if (analytic_) return rate_ * (t - durable_snapshot_at(t)).seconds_f();
  double b = bytes_until(t);
  if (in_cycle_ && cycle_end_ <= t) b -= cycle_bytes_;
  return b;
}

BackupStatus BackupDirection::status_at(Instant t) const {
  // After a write-off the direction is not final (nothing was imported) until its path works.
  if (final_ && !written_off_ && backlog_bytes_at(t) <= 0.5) return BackupStatus::kFinal;
  if (analytic_) return BackupStatus::kSteady;
  if (!path_up_) return BackupStatus::kLagging;
  const Duration pending = t - durable_snapshot_at(t);
  return pending > config_.interval + steady_duration() ? BackupStatus::kLagging
                                                        : BackupStatus::kSteady;
}

Instant BackupDirection::next_event() const {
  if (analytic_) return Instant::never();
  if (in_cycle_) return cycle_end_;
  if (!path_up_) return Instant::never();
  return next_start_;
}

void BackupDirection::materialize(Instant now) {
  if (!analytic_) return;
  const Duration d = steady_duration();
  const Duration i = config_.interval;
  const int64_t k = floor_div((now.since_origin() - phase_).us(), i.us());  // last start <= now
  const Instant durable = durable_snapshot_at(now);
  // Analytic imports moved bytes from pending to durable without events: book them now.
  durable_bytes_ = made_bytes_at(now) - lost_bytes_ - backlog_bytes_at(now);
  analytic_ = false;
  rate_since_ = now;
  if (k >= first_analytic_k_ && now < Instant::origin() + phase_ + i * k + d) {
    // A cycle is in flight: it started at s_k and carries exactly one interval of changes.
    in_cycle_ = true;
    cycle_start_ = Instant::origin() + phase_ + i * k;
    cycle_end_ = cycle_start_ + d;
    cycle_bytes_ = rate_ * i.seconds_f();
    cycle_duration_ = d;
    next_start_ = cycle_start_ + i;
  } else {
    in_cycle_ = false;
    next_start_ = next_tick(now + Duration::micros(1));
  }
  durable_ = durable;
  pending_since_ = durable;
  bytes_accum_ = rate_ * (now - durable).seconds_f();
  logged_cycles_left_ = config_.extra_logged_cycles;
}

void BackupDirection::set_rate(Instant now, double bytes_per_s) {
  DRSIM_CHECK(bytes_per_s >= 0 && std::isfinite(bytes_per_s), "change rate must be non-negative");
  if (bytes_per_s == rate_) return;
  materialize(now);
  bytes_accum_ = bytes_until(now);
  rate_since_ = now;
  rate_changed_at_ = now;
  made_bytes_ = made_bytes_at(now);
  made_since_ = now;
  rate_ = bytes_per_s;
}

void BackupDirection::set_path_up(Instant now, bool up) {
  if (up == path_up_) return;
  materialize(now);
  path_up_ = up;
  if (!up) {
    // A transfer in flight fails; its changes stay pending for the next cycle.
    if (in_cycle_ && cycle_end_ > now) in_cycle_ = false;
  } else {
    next_start_ = next_tick(now);
    logged_cycles_left_ = config_.extra_logged_cycles;
    written_off_ = false;
  }
}

void BackupDirection::set_final(Instant now, bool is_final) {
  if (is_final == final_) return;
  materialize(now);
  final_ = is_final;
}

void BackupDirection::force_sync(Instant now) {
  materialize(now);
  if (!in_cycle_ && path_up_) next_start_ = now;
}

Instant BackupDirection::abandon_backlog(Instant now, Instant loss_end) {
  DRSIM_CHECK(loss_end <= now, "data is lost up to when the source stopped, never later than now");
  materialize(now);
  if (in_cycle_ && cycle_end_ <= now) {
    // An import that completes at this very instant is durable (its event is still queued).
    in_cycle_ = false;
    durable_bytes_ += cycle_bytes_;
    bytes_accum_ = std::max(0.0, bytes_until(now) - cycle_bytes_);
    rate_since_ = now;
    durable_ = cycle_start_;
    pending_since_ = cycle_start_;
  }
  const Instant start = std::min(std::max(std::min(durable_, loss_end), lost_until_), loss_end);
  DRSIM_CHECK(start >= std::min(durable_, loss_end),
              "a write durable on the target counted as lost");
  // Everything pending is written off: lost if made before loss_end, never made otherwise
  // (the source was down). A transfer in flight is abandoned with it.
  lost_bytes_ += backlog_bytes_at(now);
  bytes_accum_ = 0;
  rate_since_ = now;
  pending_since_ = now;
  in_cycle_ = false;
  lost_until_ = now;
  written_off_ = !path_up_;
  check_ledger(now);
  return start;
}

void BackupDirection::check_ledger(Instant t) const {
  if (analytic_) {
    // Steady: the last import is at most one interval plus one cycle old.
    const Instant d = durable_snapshot_at(t);
    DRSIM_CHECK(d <= t, "a durable snapshot lies in the future");
    DRSIM_CHECK(t - d <= config_.interval + steady_duration(),
                "a steady Backup Service direction fell more than a cycle behind");
    return;
  }
  const double made = made_bytes_at(t);
  const double pending = backlog_bytes_at(t);
  // Relative tolerance for rounding in sums of up to millions of cycles, plus one byte.
  const double tolerance = 1e-9 * made + 1.0;
  DRSIM_CHECK(pending >= -tolerance && durable_bytes_ >= -tolerance && lost_bytes_ >= 0,
              "Backup Service ledger: a negative amount of writes");
  DRSIM_CHECK(std::fabs(made - durable_bytes_ - lost_bytes_ - pending) <= tolerance,
              "Backup Service ledger: writes made != durable + lost + pending (a write counted "
              "twice or never)");
}

BackupDirection::Step BackupDirection::on_event(Instant now) {
  DRSIM_CHECK(!analytic_, "analytic backup direction needs no events");
  if (in_cycle_ && now >= cycle_end_) {
    DRSIM_CHECK(cycle_start_ >= durable_, "the durable snapshot never goes back");
    DRSIM_CHECK(pending_since_ >= lost_until_, "an import would make writes counted lost durable");
    durable_bytes_ += cycle_bytes_;
    in_cycle_ = false;
    bytes_accum_ = bytes_until(now) - cycle_bytes_;
    if (bytes_accum_ < 0) bytes_accum_ = 0;
    rate_since_ = now;
    durable_ = cycle_start_;
    pending_since_ = cycle_start_;
    ++cycles_stepped_;
    if (next_start_ < now) next_start_ = now;  // a late cycle delays the next one
    check_ledger(now);
    try_go_analytic();
    return Step::kCycleCompleted;
  }
  if (!in_cycle_ && path_up_ && now >= next_start_) {
    in_cycle_ = true;
    cycle_start_ = now;
    cycle_bytes_ = bytes_until(now);
    cycle_duration_ = cycle_duration(cycle_bytes_);
    cycle_end_ = now + cycle_duration_;
    next_start_ = now + config_.interval;
    // The timer runs on from the last cycle's start: a late or forced cycle moves its phase.
    phase_ = Duration::micros(now.since_origin().us() % config_.interval.us());
    return Step::kCycleStarted;
  }
  return Step::kNone;
}

void BackupDirection::try_go_analytic() {
  if (config_.always_step || !path_up_) return;
  const Duration i = config_.interval;
  // The next cycle must start on time, one interval after this one, and fit in an interval.
  // And the rate must not have changed since this cycle's snapshot, so that the next cycle
  // carries exactly one interval of changes at the current rate.
  if (next_start_ != cycle_start_ + i || steady_duration() >= i) return;
  if (rate_changed_at_ > cycle_start_) return;
  if (logged_cycles_left_ > 0) {
    --logged_cycles_left_;
    return;
  }
  analytic_ = true;
  first_analytic_k_ = (cycle_start_ + i - phase_).since_origin() / i;
  durable_before_analytic_ = cycle_start_;
}

}  // namespace drsim
