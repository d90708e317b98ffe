// One direction of the Backup Service between paired pools (source -> target).
//
// sfb-hadr 2.2-2.4: every SyncInterval the service snapshots the changes made since the
// previous snapshot, transfers them (fixed overhead + latency + bytes / bandwidth) and imports
// them; a snapshot is durable on the target once its import completes. A cycle still running
// when the next is due delays it, so a backlog builds (NonSteadyState).
//
// Quiet time is cheap: while the path is up and each cycle finishes within the interval, the
// direction is *analytic*: cycle k starts at phase + k * interval and completes a fixed
// duration later, so the last durable snapshot at any instant is arithmetic and no event is
// needed. A disturbance (path down, rate change, a forced sync) *materialises* the state at
// that instant and the direction steps cycle by cycle, one event per cycle start and end,
// until a cycle again covers exactly one interval; then it returns to analytic mode.
// `always_step` turns the shortcut off, which tests use to show both give the same RPO.
#pragma once

#include <cstdint>

#include "sim/time.h"

namespace drsim {

enum class BackupStatus { kSteady, kLagging, kFinal };
const char* backup_status_name(BackupStatus s);

struct BackupConfig {
  Duration interval;            // SyncInterval
  Duration overhead;            // fixed cost of a cycle (export, zip, import)
  Duration latency;             // one-way link latency
  double bandwidth_bits_per_s;  // link bandwidth
  bool always_step = false;     // never use the analytic shortcut
  int extra_logged_cycles = 0;  // cycles to keep stepping after steady, for timelines
};

class BackupDirection {
 public:
  // The direction starts in steady state at `start`, as if cycles had always run on the
  // timer (phase + k * interval) at the initial rate.
  BackupDirection(BackupConfig config, Duration phase, Instant start, double bytes_per_s);

  // The source's change rate in bytes per second, from `now` on.
  void set_rate(Instant now, double bytes_per_s);
  // Whether source export, link and target import all work, from `now` on.
  void set_path_up(Instant now, bool up);
  // The source is read-only (failed over): no new changes; status Final once drained.
  void set_final(Instant now, bool is_final);
  // Invoke-CsBackupServiceSync: start a cycle now unless one is running.
  void force_sync(Instant now);
  // A failover or failback in disaster mode: the source's writes made before `loss_end` and
  // not durable on the target at `now` are lost. The direction drops its backlog and any
  // transfer in flight, so that no later import makes a lost write durable (from `now` on the
  // source starts afresh). Returns the start of the lost window: the snapshot of the last
  // completed import, capped at `loss_end`, or the end of an earlier loss if that is later
  // (no write is lost twice). The window's length is the RPO.
  Instant abandon_backlog(Instant now, Instant loss_end);

  // Snapshot time of the last import completed on the target at or before `t`, where `t`
  // is not before the last call that changed the direction.
  Instant durable_snapshot_at(Instant t) const;
  BackupStatus status_at(Instant t) const;
  // Changes produced at the source but not yet durable on the target at `t`, in bytes.
  double backlog_bytes_at(Instant t) const;

  // How fast the backlog grows from now until the next cycle starts or completes: the
  // source's change rate while stepping cycle by cycle (every cycle is then an event), zero
  // while analytic (steady: the backlog stays below one interval's changes).
  double backlog_growth_bytes_per_s() const { return analytic_ ? 0.0 : rate_; }
  bool is_path_up() const { return path_up_; }

  // The next instant this direction needs the engine, or Instant::never() in analytic mode.
  Instant next_event() const;
  // Advances stepped mode at `now` == next_event(). Returns what happened.
  enum class Step { kNone, kCycleStarted, kCycleCompleted };
  Step on_event(Instant now);

  bool is_analytic() const { return analytic_; }
  // The cycle that just started or completed (valid after on_event).
  Instant last_cycle_start() const { return cycle_start_; }
  Instant last_cycle_snapshot() const { return durable_; }
  double last_cycle_bytes() const { return cycle_bytes_; }
  Duration last_cycle_duration() const { return cycle_duration_; }
  uint64_t cycles_stepped() const { return cycles_stepped_; }

  // Duration of a cycle that carries `bytes`.
  Duration cycle_duration(double bytes) const;

  // The ledger of the source's writes, in bytes: each is pending, durable on the target or
  // lost, exactly once. made = durable + lost + pending (backlog) at any `t` not before the
  // last change; checked (DRSIM_CHECK) at every import, every loss and by check_ledger().
  double made_bytes_at(Instant t) const {
    return made_bytes_ + rate_ * (t - made_since_).seconds_f();
  }
  double durable_bytes() const { return durable_bytes_; }
  double lost_bytes() const { return lost_bytes_; }
  // Checks the ledger and, in analytic mode, that the last import is at most one interval
  // plus one cycle old. Aborts with a message when an invariant is broken.
  void check_ledger(Instant t) const;

 private:
  // Converts the analytic state at `now` into the equivalent stepped state.
  void materialize(Instant now);
  // Next timer tick at or after t.
  Instant next_tick(Instant t) const;
  // Bytes produced between pending_since_ and t.
  double bytes_until(Instant t) const;
  Duration steady_duration() const { return cycle_duration(rate_ * config_.interval.seconds_f()); }
  void try_go_analytic();

  BackupConfig config_;
  // Cycle k nominally starts at origin + phase + k * interval; the phase is that of the last
  // cycle start, so a late or forced cycle moves the timer.
  Duration phase_;
  double rate_ = 0;  // bytes per second at the source
  bool path_up_ = true;
  bool final_ = false;

  // Analytic mode: cycles start at phase_ + k * interval for k >= first_analytic_k_.
  bool analytic_ = true;
  int64_t first_analytic_k_ = 0;
  Instant durable_before_analytic_;  // durable snapshot before the first analytic cycle ends

  // Stepped mode.
  Instant durable_;          // snapshot time of the last completed import
  Instant pending_since_;    // changes since then are not yet in a completed import
  double bytes_accum_ = 0;   // bytes produced from pending_since_ to rate_since_
  Instant rate_since_;       // start of the span that bytes_accum_ does not yet cover
  Instant rate_changed_at_;  // when rate_ last changed
  bool in_cycle_ = false;
  Instant cycle_start_;
  Instant cycle_end_;
  double cycle_bytes_ = 0;
  Duration cycle_duration_;
  Instant next_start_ = Instant::never();
  int logged_cycles_left_ = 0;
  uint64_t cycles_stepped_ = 0;

  // The ledger (see made_bytes_at). In analytic mode durable_bytes_ is brought up to date
  // when the direction materialises.
  double made_bytes_ = 0;  // bytes made up to made_since_ (including the initial backlog)
  Instant made_since_;
  double durable_bytes_ = 0;
  double lost_bytes_ = 0;
  // Writes before this were written off by a loss; before any loss, the earliest instant
  // (snapshots of a direction steady since before the origin may be negative).
  Instant lost_until_ = Instant::from_us(INT64_MIN);
  bool written_off_ = false;  // the backlog was written off while the path was down
};

}  // namespace drsim
