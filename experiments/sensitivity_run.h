// Runs a sensitivity plan (sensitivity_params.h): the base sweep, then each parameter's low
// and high sweeps, every one with the same seed and replications, so that all of them see
// the same failures (common random numbers). The sweep itself is a parameter so that the
// command line can run each across MPI ranks as `drsim sweep` does.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "analysis/sensitivity.h"
#include "experiments/sensitivity_params.h"
#include "experiments/sweep_run.h"

namespace drsim {

// One sweep of a scenario changed by `sets`, digested with its overrides stamped; `stop`
// set (Ctrl-C) makes it return what finished, marked interrupted.
using SensitivitySweep = std::function<SweepDigest(const std::vector<std::string>& sets)>;

// The base sweep, then low and high per varied parameter in plan order; `progress` (may be
// empty) is told each parameter's name as its sweeps start. Stops after the first sweep that
// reports itself interrupted, keeping the parameters that finished both.
SensitivityRun run_sensitivity(const SensitivityPlan& plan, const SensitivitySweep& sweep,
                               const std::function<void(const std::string&)>& progress);

// The Morris screening of the plan's parameters: `trajectories` paths (analysis/sensitivity.h,
// MorrisTrajectory) drawn from the stream "morris" of `seed` (trajectory t from replication t,
// so the paths do not depend on anything else), each a sweep per point, appended to
// `run->morris`. Stops after a sweep marked interrupted (the trajectory it was on is dropped).
void run_morris(const SensitivityPlan& plan, size_t trajectories, uint64_t seed,
                const SensitivitySweep& sweep,
                const std::function<void(const std::string&)>& progress, SensitivityRun* run);

// The sweep of `s` changed by `sets` (applied with apply_overrides and validated, naming
// `origin`) on this process's threads: what tests and a single-process run use.
SensitivitySweep local_sensitivity_sweep(const scenario::Scenario& s, const std::string& origin,
                                         const std::string& scenario_sha256,
                                         const SweepOptions& options,
                                         const std::vector<std::string>& base_sets);

}  // namespace drsim
