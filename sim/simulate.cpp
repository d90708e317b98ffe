// One run: build the model, schedule its initial events, run the engine; see simulate.h.
#include "sim/simulate.h"

#include "sim/model/model.h"
#include "sim/random.h"

namespace drsim {

RunResult simulate(const scenario::Scenario& scenario, const RunOptions& options) {
  RunResult result;
  result.log = EventLog(options.keep_log);
  EngineLimits limits;
  limits.horizon = Instant::origin() + Duration::seconds(scenario.horizon_s());
  limits.event_budget = scenario.event_budget();
  Engine engine(limits);
  Model model(scenario, RandomStreams(options.seed, options.replication), &result.log);
  model.start(engine);
  result.stop = engine.run(model);
  result.events_run = engine.events_run();
  result.end = engine.now();
  result.incidents = model.incidents();
  return result;
}

}  // namespace drsim
