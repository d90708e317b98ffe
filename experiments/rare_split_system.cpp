// Fixed-effort multilevel splitting over independent components; see rare_split_system.h.
#include "experiments/rare_split_system.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>

#include "experiments/sweep_run.h"
#include "sim/check.h"
#include "sim/model/distribution.h"
#include "sim/random.h"

namespace drsim {

namespace {
// A trajectory's state: the clock, and per component whether it is failed, since when (its
// age in that condition) and when it next changes (its next failure when up, the end of its
// repair when failed; never for a component that cannot fail). The observable state is the
// clock, the flags, the ages and the parts already down; `next` holds draws already made,
// which a clone replaces by fresh draws given the ages (redraw).
struct Trajectory {
  Instant now = Instant::origin();
  std::vector<Instant> next;
  std::vector<Instant> since;
  uint64_t failed = 0;      // bit i: component i failed
  uint64_t running = 0;     // bit i: neither failed nor in a maintenance window
  uint64_t parts_down = 0;  // bit p: part p down (a quorum part keeps its hysteresis here)
};

// Rejection draws of one residual duration before the clone keeps its parent's draw.
constexpr int kMaxRedrawAttempts = 1000;

// Plain Monte Carlo's trajectories per random stream: chunk c runs on (seed,
// "rare.plain-split.<name>", c), so the chunks can run on any number of threads and the count
// is the same.
constexpr uint64_t kPlainChunk = 4096;

// At most this many state changes in one trajectory: a year of a dozen servers is thousands.
constexpr uint64_t kMaxTrajectorySteps = 50'000'000;

// The most components: the masks are 64-bit, and two bits stay free for the shifts below.
constexpr size_t kMaxComponents = 62;

uint64_t low_bits(int n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

Duration draw(const scenario::Distribution& d, Rng& rng) {
  // At least 1 us, so that a zero draw cannot stall the clock.
  return std::max(Duration::micros(1), sample_duration(d, rng, Duration::micros(1)));
}

bool in_window(const SplitWindow& w, Instant t) {
  Duration d = t.since_origin() - w.start;
  if (d < Duration::zero()) return false;
  if (w.period > Duration::zero()) d = d % w.period;
  return d < w.duration;
}

// The first instant after t at which the window opens or closes.
Instant next_boundary(const SplitWindow& w, Instant t) {
  const Duration d = t.since_origin() - w.start;
  if (d < Duration::zero()) return Instant::origin() + w.start;
  if (w.period == Duration::zero())
    return d < w.duration ? Instant::origin() + w.start + w.duration : Instant::never();
  const int64_t k = d / w.period;
  const Duration base = w.start + w.period * k;
  return Instant::origin() + (d - w.period * k < w.duration ? base + w.duration : base + w.period);
}

uint64_t running_mask(const SplitSystem& sys, const Trajectory& t) {
  uint64_t running = ~t.failed & low_bits(static_cast<int>(sys.components.size()));
  for (const SplitWindow& w : sys.windows)
    if (in_window(w, t.now)) running &= ~(uint64_t{1} << w.component);
  return running;
}

// The parts' states after the running mask changed (or at the start, nothing down before).
void update(const SplitSystem& sys, Trajectory* t) {
  t->running = running_mask(sys, *t);
  uint64_t down = 0;
  for (size_t p = 0; p < sys.parts.size(); ++p)
    if (rare_part_down(sys.parts[p], ((t->parts_down >> p) & 1) != 0, t->running))
      down |= uint64_t{1} << p;
  t->parts_down = down;
}

Trajectory start(const SplitSystem& sys, Rng& rng) {
  Trajectory t;
  for (const SplitComponent& c : sys.components) {
    t.next.push_back(c.can_fail ? Instant::origin() + draw(c.time_to_failure, rng)
                                : Instant::never());
    t.since.push_back(Instant::origin());
  }
  update(sys, &t);
  return t;
}

// Runs t until its distance falls to `target` (true) or the horizon (false).
bool run_until(const SplitSystem& sys, Trajectory* t, int target, Rng& rng) {
  const Instant horizon = Instant::origin() + sys.horizon;
  for (uint64_t step = 0;; ++step) {
    DRSIM_CHECK(step < kMaxTrajectorySteps, "a splitting trajectory ran without bound");
    if (split_distance(sys, t->running, t->parts_down) <= target) return true;
    Instant next = Instant::never();
    for (const Instant x : t->next) next = std::min(next, x);
    for (const SplitWindow& w : sys.windows) next = std::min(next, next_boundary(w, t->now));
    if (next >= horizon) return false;
    t->now = next;
    for (size_t i = 0; i < t->next.size(); ++i) {
      if (t->next[i] != next) continue;
      const SplitComponent& c = sys.components[i];
      t->failed ^= uint64_t{1} << i;
      t->since[i] = next;
      const bool is_failed = ((t->failed >> i) & 1) != 0;
      t->next[i] = next + draw(is_failed ? c.time_to_repair : c.time_to_failure, rng);
    }
    update(sys, t);
  }
}

// Replaces every component's pending draw by a fresh one from its law given its age: a
// component up (or in repair) since `since` with no change by `now` next changes at since + X,
// X drawn from the time to failure (repair) conditioned on X > now - since, by rejection.
// Given the observable state this is the same law the parent's draw has, so the splitting
// estimator stays unbiased, but clones of one entrance state no longer share their futures:
// without it, every clone fails its up components at the same instants and ends its repairs
// together, and the clones of a state succeed or fail as one. When no accepted draw comes
// within the attempts (an age deep in the tail), the clone keeps its parent's draw, which has
// that law too; the choice does not depend on the kept value, so it adds no bias.
void redraw(const SplitSystem& sys, Trajectory* t, Rng& rng) {
  for (size_t i = 0; i < t->next.size(); ++i) {
    if (t->next[i] == Instant::never()) continue;  // cannot fail: nothing pending
    DRSIM_CHECK(t->next[i] > t->now, "an entrance state has a change already due");
    const Duration age = t->now - t->since[i];
    const SplitComponent& c = sys.components[i];
    const scenario::Distribution& d =
        ((t->failed >> i) & 1) != 0 ? c.time_to_repair : c.time_to_failure;
    for (int attempt = 0; attempt < kMaxRedrawAttempts; ++attempt) {
      const Duration x = draw(d, rng);
      if (x > age) {
        t->next[i] = t->since[i] + x;
        break;
      }
    }
  }
}

// The fewest further failures from each up mask of a table part to a mask marked down, over
// the components that can go down (fail or enter a window). A failure clears one bit, so a
// mask's value depends only on smaller masks: one pass in increasing order.
std::vector<uint8_t> table_distances(const SplitSystem& sys, const RarePart& part) {
  uint64_t can_go_down = 0;
  for (int i = 0; i < part.count; ++i)
    if (sys.components[static_cast<size_t>(part.first + i)].can_fail)
      can_go_down |= uint64_t{1} << i;
  for (const SplitWindow& w : sys.windows)
    if (w.component >= part.first && w.component < part.first + part.count)
      can_go_down |= uint64_t{1} << (w.component - part.first);
  std::vector<uint8_t> dist(part.down_when.size(), kSplitUnreachable);
  for (uint64_t mask = 0; mask < dist.size(); ++mask) {
    if (part.down_when[mask] != 0) {
      dist[mask] = 0;
      continue;
    }
    for (uint64_t bits = mask & can_go_down; bits != 0; bits &= bits - 1) {
      const uint64_t after = mask & ~(bits & (~bits + 1));
      if (dist[after] != kSplitUnreachable)
        dist[mask] = std::min<uint8_t>(dist[mask], static_cast<uint8_t>(dist[after] + 1));
    }
  }
  return dist;
}
}  // namespace

void prepare_split_system(SplitSystem* sys) {
  DRSIM_CHECK(!sys->components.empty() && sys->components.size() <= kMaxComponents &&
                  !sys->parts.empty() && sys->parts.size() <= 64,
              "a splitting system has 1 to 62 components and 1 to 64 parts");
  sys->distance_tables.clear();
  for (const RarePart& p : sys->parts) {
    DRSIM_CHECK(p.first >= 0 && p.count >= 1 &&
                    static_cast<size_t>(p.first + p.count) <= sys->components.size(),
                "a part's components are the system's");
    DRSIM_CHECK(
        p.down_when.empty() || (p.count <= 16 && p.down_when.size() == (size_t{1} << p.count)),
        "a table part has one entry per up mask of at most 16 components");
    sys->distance_tables.push_back(p.down_when.empty() ? std::vector<uint8_t>{}
                                                       : table_distances(*sys, p));
  }
  for (const SplitWindow& w : sys->windows)
    DRSIM_CHECK(w.component >= 0 && static_cast<size_t>(w.component) < sys->components.size() &&
                    w.duration > Duration::zero(),
                "a maintenance window takes one of the system's components out for a while");
}

int split_distance(const SplitSystem& sys, uint64_t running_mask, uint64_t parts_down) {
  int total = 0;
  for (size_t p = 0; p < sys.parts.size(); ++p) {
    if (((parts_down >> p) & 1) != 0) continue;
    const RarePart& part = sys.parts[p];
    const uint64_t bits = (running_mask >> part.first) & low_bits(part.count);
    if (!part.down_when.empty()) {
      total += sys.distance_tables[p][bits];
    } else {
      const int seeds_up = std::popcount(bits & low_bits(part.seeds));
      total += std::max(0, seeds_up - part.required + 1);
    }
  }
  return total;
}

int split_start_distance(const SplitSystem& sys) {
  const uint64_t all = low_bits(static_cast<int>(sys.components.size()));
  uint64_t down = 0;
  for (size_t p = 0; p < sys.parts.size(); ++p)
    if (rare_part_down(sys.parts[p], false, all)) down |= uint64_t{1} << p;
  return split_distance(sys, all, down);
}

double run_split_system_replication(const SplitSystem& sys, uint64_t seed, uint64_t replication,
                                    uint64_t effort, std::vector<double>* stage_hits,
                                    bool redraw_residuals) {
  DRSIM_CHECK(sys.distance_tables.size() == sys.parts.size(),
              "prepare_split_system runs before the splitting");
  const int levels = split_start_distance(sys);
  DRSIM_CHECK(effort > 0 && levels >= 1 && levels < kSplitUnreachable,
              "splitting needs trajectories and a reachable level");
  Rng rng = RandomStreams(seed, replication).stream("rare.split." + sys.name);
  stage_hits->resize(static_cast<size_t>(levels), 0.0);
  std::vector<Trajectory> entrances{start(sys, rng)};
  double p = 1;
  for (int k = 1; k <= levels; ++k) {
    std::vector<Trajectory> reached;
    for (uint64_t i = 0; i < effort; ++i) {
      // Stage 1 draws every trajectory's first failures afresh; later stages copy their
      // entrance states round-robin (fixed assignment).
      Trajectory t = k == 1 ? start(sys, rng) : entrances[i % entrances.size()];
      if (k > 1 && redraw_residuals) redraw(sys, &t, rng);
      if (run_until(sys, &t, levels - k, rng)) reached.push_back(std::move(t));
    }
    (*stage_hits)[static_cast<size_t>(k - 1)] += static_cast<double>(reached.size());
    if (reached.empty()) return 0;
    p *= static_cast<double>(reached.size()) / static_cast<double>(effort);
    entrances = std::move(reached);
  }
  return p;
}

double SplitResult::ci95() const {
  if (replications < 2) return 0;
  const double n = static_cast<double>(replications);
  const double mean = sum / n;
  const double var = std::max(0.0, (sum_sq - n * mean * mean) / (n - 1));
  return 1.959963984540054 * std::sqrt(var / n);
}

SplitResult run_split_system(const SplitSystem& sys, const SplitOptions& o) {
  DRSIM_CHECK(o.batch > 0, "splitting batches are not empty");
  SplitResult result;
  result.stage_hits.assign(static_cast<size_t>(split_start_distance(sys)), 0.0);
  const auto t0 = std::chrono::steady_clock::now();
  for (uint64_t begin = 0; begin < o.replications;) {
    const uint64_t end = std::min(o.replications, begin + o.batch);
    std::vector<double> estimate(end - begin, -1);
    std::vector<std::vector<double>> hits(end - begin);
    for_replications<int>(
        begin, end, o.threads, o.stop, [] { return 0; },
        [&](int&, uint64_t r) {
          estimate[r - begin] = run_split_system_replication(sys, o.seed, r, o.effort,
                                                             &hits[r - begin], o.redraw_residuals);
        },
        [](int&) {});
    // In replication order; after an interrupt, only the unbroken prefix that finished.
    for (size_t i = 0; i < estimate.size() && estimate[i] >= 0; ++i) {
      result.sum += estimate[i];
      result.sum_sq += estimate[i] * estimate[i];
      result.zero_replications += estimate[i] == 0 ? 1 : 0;
      for (size_t k = 0; k < hits[i].size(); ++k) {
        result.stage_hits[k] += hits[i][k];
        result.trajectories += o.effort;
        if (hits[i][k] == 0) break;  // the later stages did not run
      }
      ++result.replications;
    }
    if (o.stop != nullptr && o.stop->load()) {
      result.interrupted = true;
      break;
    }
    begin = end;
    if (o.relative_halfwidth > 0 && result.mean() > 0 &&
        result.ci95() <= o.relative_halfwidth * result.mean()) {
      result.reached_precision = true;
      break;
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

uint64_t run_split_system_plain(const SplitSystem& sys, uint64_t seed, uint64_t trajectories,
                                int threads) {
  const uint64_t chunks = (trajectories + kPlainChunk - 1) / kPlainChunk;
  std::vector<uint64_t> hits(chunks, 0);
  for_replications<int>(
      0, chunks, threads, nullptr, [] { return 0; },
      [&](int&, uint64_t c) {
        Rng rng = RandomStreams(seed, c).stream("rare.plain-split." + sys.name);
        const uint64_t n = std::min(kPlainChunk, trajectories - c * kPlainChunk);
        for (uint64_t i = 0; i < n; ++i) {
          Trajectory t = start(sys, rng);
          hits[c] += run_until(sys, &t, 0, rng) ? 1 : 0;
        }
      },
      [](int&) {});
  uint64_t total = 0;
  for (const uint64_t h : hits) total += h;
  return total;
}

}  // namespace drsim
