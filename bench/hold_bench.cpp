// `drsim bench`: the classic hold model through the real engine. N entities each schedule
// their next event after an exponential delay of mean 1 s; the figure is events per second
// of wall time, at N = 10, 1,000 and 100,000.
#include <chrono>
#include <cinttypes>
#include <cstdio>

#include "analysis/sweep.h"
#include "cli/commands.h"
#include "experiments/sweep_run.h"
#include "io/scenario_file.h"
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

}  // namespace

int bench_command(const BenchArgs& args) {
  std::printf("hold model, exponential delay mean 1 s, %" PRIu64 " events per run, single thread\n",
              args.events);
  std::printf("%10s  %14s\n", "entities", "events/s");
  for (uint32_t n : {10u, 1000u, 100000u}) {
    // Best of three runs: the figure is the engine's speed, not the machine's noise.
    double best = 0;
    for (int rep = 0; rep < 3; ++rep) best = std::max(best, measure(n, args.events));
    std::printf("%10u  %14.0f\n", n, best);
  }
  if (args.scenario.empty()) return kExitOk;
  const LoadedScenario loaded = load_scenario(args.scenario);
  std::printf("\nsweep of %s: %" PRIu64 " replications of %.2f simulated years\n", loaded.scenario.name().c_str(),
              args.replications, static_cast<double>(loaded.scenario.horizon_s()) / (365.25 * 86400));
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
