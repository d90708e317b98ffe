// One run: build the model, schedule its initial events, run the engine; see simulate.h.
#include "sim/simulate.h"

#include "sim/model/model.h"
#include "sim/random.h"

namespace drsim {

RunResult simulate(const scenario::Scenario& scenario, const RunOptions& options) {
  RunResult result;
  result.log = EventLog(options.keep_log, scenario.max_log_records());
  EngineLimits limits;
  limits.horizon = Instant::origin() + Duration::seconds(scenario.horizon_s());
  limits.event_budget = scenario.event_budget();
  Engine engine(limits);
  Model model(scenario, RandomStreams(options.seed, options.replication), &result.log,
              options.model);
  model.start(engine);
  result.stop = engine.run(model);
  if (result.log.is_full()) result.stop = StopReason::kLogFull;
  if (model.is_incident_limit_reached()) result.stop = StopReason::kIncidentsFull;
  result.events_run = engine.events_run();
  // The books close at the horizon even when the queue empties earlier.
  const bool cut_short = result.stop == StopReason::kBudget ||
                         result.stop == StopReason::kLogFull ||
                         result.stop == StopReason::kIncidentsFull;
  result.end = cut_short ? engine.now() : limits.horizon;
  model.finish(result.end);
  result.metrics = model.metrics();
  result.incidents = static_cast<int>(result.metrics.incidents.size());
  result.backup_cycles_stepped = model.backup_cycles_stepped();
  return result;
}

}  // namespace drsim
