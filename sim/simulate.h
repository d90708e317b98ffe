// One simulation run of a validated scenario: the entry point the CLI, the sweeps and the
// visualiser share.
#pragma once

#include <cstdint>

#include "proto/scenario.pb.h"
#include "sim/engine.h"
#include "sim/event_log.h"
#include "sim/model/metrics.h"
#include "sim/model/model.h"

namespace drsim {

struct RunOptions {
  uint64_t seed = 1;
  uint64_t replication = 0;
  bool keep_log = true;  // false for Monte Carlo replications
  ModelOptions model;
};

struct RunResult {
  StopReason stop = StopReason::kQueueEmpty;
  uint64_t events_run = 0;
  Instant end;
  int incidents = 0;
  uint64_t backup_cycles_stepped = 0;
  RunMetrics metrics;
  EventLog log;
};

RunResult simulate(const scenario::Scenario& scenario, const RunOptions& options);

}  // namespace drsim
