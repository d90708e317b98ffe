// `drsim bench`: the classic hold model through the real engine. N entities each schedule
// their next event after an exponential delay of mean 1 s; the figure is events per second
// of wall time, at N = 10, 1,000 and 100,000. Beside it, in the same run, the same hold model
// as a bare loop over std::priority_queue of (double time, id) with std::mt19937_64 and
// std::exponential_distribution: the floor any event set is measured against, so the ratio
// means the same on any machine.
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <functional>
#include <queue>
#include <random>
#include <utility>
#include <vector>

#include "analysis/sweep.h"
#include "cli/commands.h"
#include "experiments/sweep_run.h"
#include "io/scenario_file.h"
#include "sim/check.h"
#include "sim/limits.h"
#include "sim/engine.h"
#include "sim/random.h"

namespace drsim::cli {

namespace {

class Hold : public EventHandler {
 public:
  explicit Hold(Rng rng) : rng_(rng) {}
  void handle(Engine& engine, const Event& event) override {
    engine.schedule_after(sample_exponential(rng_, Duration::seconds(1)), event.payload);
  }

 private:
  Rng rng_;
};

double measure(uint32_t entities, uint64_t events) {
  EngineLimits limits;
  limits.event_budget = events;
  Engine engine(limits);
  engine.queue().reserve(entities + 16);
  Hold hold(RandomStreams(42, 0).stream("bench.hold"));
  Rng init = RandomStreams(42, 0).stream("bench.init");
  for (uint32_t i = 0; i < entities; ++i)
    engine.schedule_at(Instant::origin() + sample_exponential(init, Duration::seconds(1)),
                       EventPayload{1, i, 0});
  const auto t0 = std::chrono::steady_clock::now();
  engine.run(hold);
  const auto t1 = std::chrono::steady_clock::now();
  const double secs = std::chrono::duration<double>(t1 - t0).count();
  return static_cast<double>(engine.events_run()) / secs;
}

// The bare hold loop: no engine, no handler, no slots, no cancel. Returns events per second.
double measure_bare_heap(uint32_t entities, uint64_t events) {
  using Item = std::pair<double, uint64_t>;
  std::vector<Item> storage;
  storage.reserve(entities + 16);
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap(std::greater<Item>(),
                                                                        std::move(storage));
  std::mt19937_64 rng(42);
  std::exponential_distribution<double> exp(1.0);
  for (uint32_t i = 0; i < entities; ++i) heap.push({exp(rng), i});
  double checksum = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (uint64_t k = 0; k < events; ++k) {
    const Item top = heap.top();
    heap.pop();
    checksum += top.first;
    heap.push({top.first + exp(rng), top.second});
  }
  const auto t1 = std::chrono::steady_clock::now();
  // The checksum keeps the loop from being optimised away.
  DRSIM_CHECK(checksum > 0, "bare heap loop ran no events");
  const double secs = std::chrono::duration<double>(t1 - t0).count();
  return static_cast<double>(events) / secs;
}

}  // namespace

int bench_command(const BenchArgs& args) {
  std::printf("hold model, exponential delay mean 1 s, %" PRIu64 " events per run, single thread\n",
              args.events);
  std::printf(
      "bare heap: std::priority_queue<(double, id)>, std::mt19937_64, "
      "std::exponential_distribution; best of 3 each\n");
  std::printf("%10s  %16s  %16s  %8s\n", "entities", "drsim events/s", "bare heap ev/s", "ratio");
  for (uint32_t n : {10u, 1000u, 100000u}) {
    // Best of three runs: the figure is the engine's speed, not the machine's noise. The two
    // loops alternate so that both see the same machine state.
    double best = 0;
    double best_bare = 0;
    for (int rep = 0; rep < 3; ++rep) {
      best = std::max(best, measure(n, args.events));
      best_bare = std::max(best_bare, measure_bare_heap(n, args.events));
    }
    std::printf("%10u  %16.0f  %16.0f  %7.2fx\n", n, best, best_bare, best / best_bare);
  }
  if (args.scenario.empty()) return kExitOk;
  const LoadedScenario loaded = load_scenario(args.scenario);
  std::printf("\nsweep of %s: %" PRIu64 " replications of %.2f simulated years\n",
              loaded.scenario.name().c_str(), args.replications,
              static_cast<double>(loaded.scenario.horizon_s()) / static_cast<double>(kSecondsPerYear));
  std::printf("%8s  %16s  %16s  %10s\n", "threads", "replications/s", "events/repl.", "speed-up");
  double single = 0;
  for (int threads : {1, 2}) {
    SweepOptions o;
    o.replications = args.replications;
    o.threads = threads;
    o.seed = loaded.scenario.seed();
    o.replay = {args.scenario, {}};
    const SweepResult r = run_sweep(loaded.scenario, o);
    const double rate = static_cast<double>(r.acc.replications) / r.seconds;
    if (threads == 1) single = rate;
    std::printf("%8d  %16.0f  %16.0f  %9.2fx\n", threads, rate, r.acc.events.mean(), rate / single);
  }
  return kExitOk;
}

}  // namespace drsim::cli
