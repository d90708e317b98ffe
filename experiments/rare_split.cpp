// Fixed-effort multilevel splitting of a pool's first quorum loss; see rare_split.h.
#include "experiments/rare_split.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "experiments/sweep_run.h"
#include "io/errors.h"
#include "sim/check.h"
#include "sim/limits.h"
#include "sim/model/distribution.h"
#include "sim/model/product.h"
#include "sim/random.h"

namespace drsim {

namespace {
// A trajectory's state: the clock, and per server whether it is failed, since when (its age
// in that condition) and when it next changes (its next failure when up, the end of its
// repair when failed). The observable state is the clock, the flags and the ages; `next`
// holds draws already made, which a clone replaces by fresh draws given the ages (redraw).
struct Trajectory {
  Instant now = Instant::origin();
  std::vector<Instant> next;
  std::vector<Instant> since;
  std::vector<uint8_t> failed;
};

// Rejection draws of one residual duration before the clone keeps its parent's draw.
constexpr int kMaxRedrawAttempts = 1000;

// Plain Monte Carlo's trajectories per random stream: chunk c runs on (seed,
// "rare.plain-split.<pool>", c), so the chunks can run on any number of threads and the count
// is the same.
constexpr uint64_t kPlainChunk = 4096;

// At most this many state changes in one trajectory: a year of a pool is thousands at most.
constexpr uint64_t kMaxTrajectorySteps = 50'000'000;

Duration draw(const scenario::Distribution& d, Rng& rng) {
  // At least 1 us, so that a zero draw cannot stall the clock.
  return std::max(Duration::micros(1), sample_duration(d, rng, Duration::micros(1)));
}

bool in_window(const SplitPoolModel::Window& w, Instant t) {
  Duration d = t.since_origin() - w.start;
  if (d < Duration::zero()) return false;
  if (w.period > Duration::zero()) d = d % w.period;
  return d < w.duration;
}

// The first instant after t at which the window opens or closes.
Instant next_boundary(const SplitPoolModel::Window& w, Instant t) {
  const Duration d = t.since_origin() - w.start;
  if (d < Duration::zero()) return Instant::origin() + w.start;
  if (w.period == Duration::zero())
    return d < w.duration ? Instant::origin() + w.start + w.duration : Instant::never();
  const int64_t k = d / w.period;
  const Duration base = w.start + w.period * k;
  return Instant::origin() + (d - w.period * k < w.duration ? base + w.duration : base + w.period);
}

int level(const SplitPoolModel& m, const Trajectory& t) {
  int down = 0;
  for (int i = 0; i < m.seeds; ++i) {
    bool is_down = t.failed[static_cast<size_t>(i)] != 0;
    for (const auto& w : m.windows) is_down = is_down || (w.server == i && in_window(w, t.now));
    down += is_down ? 1 : 0;
  }
  return down;
}

Trajectory start(const SplitPoolModel& m, Rng& rng) {
  Trajectory t;
  for (int i = 0; i < m.servers; ++i) {
    t.next.push_back(Instant::origin() + draw(m.time_to_failure, rng));
    t.since.push_back(Instant::origin());
    t.failed.push_back(0);
  }
  return t;
}

// Runs t until its level reaches `target` (true) or the horizon (false).
bool run_until(const SplitPoolModel& m, Trajectory* t, int target, Rng& rng) {
  const Instant horizon = Instant::origin() + m.horizon;
  for (uint64_t step = 0;; ++step) {
    DRSIM_CHECK(step < kMaxTrajectorySteps, "a splitting trajectory ran without bound");
    if (level(m, *t) >= target) return true;
    Instant next = Instant::never();
    for (const Instant x : t->next) next = std::min(next, x);
    for (const auto& w : m.windows) next = std::min(next, next_boundary(w, t->now));
    if (next >= horizon) return false;
    t->now = next;
    for (size_t i = 0; i < t->next.size(); ++i) {
      if (t->next[i] != next) continue;
      t->failed[i] = t->failed[i] != 0 ? 0 : 1;
      t->since[i] = next;
      t->next[i] = next + draw(t->failed[i] != 0 ? m.time_to_repair : m.time_to_failure, rng);
    }
  }
}

// Replaces every server's pending draw by a fresh one from its law given its age: a server
// up (or in repair) since `since` with no change by `now` next changes at since + X, X drawn
// from the time to failure (repair) conditioned on X > now - since, by rejection. Given the
// observable state this is the same law the parent's draw has, so the splitting estimator
// stays unbiased, but clones of one entrance state no longer share their futures: without
// it, every clone fails its up servers at the same instants and ends its repairs together,
// and the clones of a state succeed or fail as one. When no accepted draw comes within the
// attempts (an age deep in the tail), the clone keeps its parent's draw, which has that law
// too; the choice does not depend on the kept value, so it adds no bias.
void redraw(const SplitPoolModel& m, Trajectory* t, Rng& rng) {
  for (size_t i = 0; i < t->next.size(); ++i) {
    DRSIM_CHECK(t->next[i] > t->now, "an entrance state has a change already due");
    const Duration age = t->now - t->since[i];
    const scenario::Distribution& d = t->failed[i] != 0 ? m.time_to_repair : m.time_to_failure;
    for (int attempt = 0; attempt < kMaxRedrawAttempts; ++attempt) {
      const Duration x = draw(d, rng);
      if (x > age) {
        t->next[i] = t->since[i] + x;
        break;
      }
    }
  }
}
}  // namespace

std::vector<SplitPoolModel> split_pool_models(const scenario::Scenario& s,
                                              const std::string& what) {
  const std::string flag = "--rare " + what;
  const std::string not_covered =
      ": multilevel splitting covers independent Front End failures and repairs of any "
      "distribution and maintenance windows only";
  if (!s.has_stochastic() || !s.stochastic().has_front_end())
    throw InputError(flag, "the scenario has no stochastic.front_end failure model" + not_covered);
  const auto& st = s.stochastic();
  if (st.has_site()) throw InputError(flag, "stochastic.site fails servers together" + not_covered);
  if (st.common_cause_size() > 0)
    throw InputError(flag, "stochastic.common_cause fails servers together" + not_covered);
  if (s.faults_size() > 0 || s.runbook_size() > 0 || s.admin().standard_response())
    throw InputError(flag,
                     "scripted faults, runbooks and the admin's standard response act on the pool" +
                         not_covered);
  std::vector<SplitPoolModel> out;
  for (const auto& pool : s.pools()) {
    const int n = pool.front_ends_size();
    if (n < 1 || (n % 2 == 0 && n >= 4 && st.has_back_end_server())) continue;
    const product::FunctionalQuorum q = product::functional_quorum(n);
    SplitPoolModel m;
    m.pool = pool.fqdn();
    m.servers = n;
    m.seeds = q.seed_count;
    m.required = q.required;
    m.time_to_failure = st.front_end().time_to_failure();
    m.time_to_repair = st.front_end().time_to_repair();
    m.horizon = Duration::seconds(kSecondsPerYear);  // the schema's year
    for (const auto& w : st.maintenance())
      for (int i = 0; i < n; ++i)
        if (pool.front_ends(i).fqdn() == w.server())
          m.windows.push_back({i, Duration::seconds(w.start_s()), Duration::seconds(w.duration_s()),
                               Duration::seconds(w.has_period_s() ? w.period_s() : 0)});
    out.push_back(m);
  }
  if (out.empty())
    throw InputError(flag,
                     "no pool qualifies: an even pool of 4 or more Front Ends with Back End server "
                     "failures has a quorum that also depends on its primary database");
  return out;
}

double run_split_replication(const SplitPoolModel& m, uint64_t seed, uint64_t replication,
                             uint64_t effort, std::vector<double>* stage_hits,
                             bool redraw_residuals) {
  DRSIM_CHECK(effort > 0 && m.loss_level() >= 1,
              "splitting needs trajectories and a level to reach");
  Rng rng = RandomStreams(seed, replication).stream("rare.split." + m.pool);
  stage_hits->resize(static_cast<size_t>(m.loss_level()), 0.0);
  std::vector<Trajectory> entrances{start(m, rng)};
  double p = 1;
  for (int k = 1; k <= m.loss_level(); ++k) {
    std::vector<Trajectory> reached;
    for (uint64_t i = 0; i < effort; ++i) {
      // Stage 1 draws every trajectory's first failures afresh; later stages copy their
      // entrance states round-robin (fixed assignment).
      Trajectory t = k == 1 ? start(m, rng) : entrances[i % entrances.size()];
      if (k > 1 && redraw_residuals) redraw(m, &t, rng);
      if (run_until(m, &t, k, rng)) reached.push_back(std::move(t));
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

SplitResult run_split(const SplitPoolModel& m, const SplitOptions& o) {
  DRSIM_CHECK(o.batch > 0, "splitting batches are not empty");
  SplitResult result;
  result.stage_hits.assign(static_cast<size_t>(m.loss_level()), 0.0);
  const auto t0 = std::chrono::steady_clock::now();
  for (uint64_t begin = 0; begin < o.replications;) {
    const uint64_t end = std::min(o.replications, begin + o.batch);
    std::vector<double> estimate(end - begin, -1);
    std::vector<std::vector<double>> hits(end - begin);
    for_replications<int>(
        begin, end, o.threads, o.stop, [] { return 0; },
        [&](int&, uint64_t r) {
          estimate[r - begin] =
              run_split_replication(m, o.seed, r, o.effort, &hits[r - begin], o.redraw_residuals);
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

uint64_t run_split_plain(const SplitPoolModel& m, uint64_t seed, uint64_t trajectories,
                         int threads) {
  const uint64_t chunks = (trajectories + kPlainChunk - 1) / kPlainChunk;
  std::vector<uint64_t> losses(chunks, 0);
  for_replications<int>(
      0, chunks, threads, nullptr, [] { return 0; },
      [&](int&, uint64_t c) {
        Rng rng = RandomStreams(seed, c).stream("rare.plain-split." + m.pool);
        const uint64_t n = std::min(kPlainChunk, trajectories - c * kPlainChunk);
        for (uint64_t i = 0; i < n; ++i) {
          Trajectory t = start(m, rng);
          losses[c] += run_until(m, &t, m.loss_level(), rng) ? 1 : 0;
        }
      },
      [](int&) {});
  uint64_t total = 0;
  for (const uint64_t l : losses) total += l;
  return total;
}

}  // namespace drsim
