// The text the --rare commands print for an estimate (cli/cmd_rare*.cpp): one printer, so that
// every event's figures read alike.
#pragma once

#include <atomic>
#include <string>

#include "analysis/rare_estimate.h"
#include "analysis/rare_report.h"
#include "cli/commands.h"
#include "experiments/rare_pool.h"

namespace drsim::cli {

// The importance-sampling options of a --rare command: at most rare_replications(args),
// --rare-cycles biased and as many plain cycles each, --rare-bias, on `threads`, stopping at
// `relative_halfwidth` (--ci-halfwidth, or what the command derives from it).
RareOptions rare_options(const SweepArgs& args, uint64_t seed, int threads, std::atomic<bool>* stop,
                         double relative_halfwidth);

// Fills the work and diagnostics of an importance-sampling estimate (samples, hits, effective
// sample size, plain cycles, degeneracy) into `pe`, as every event reports them.
void fill_importance_work(const RareResult& r, const RareEstimate& e, bool reached_precision,
                          RarePoolEstimate* pe);

// Records in `out` whether the estimate was interrupted, says so on stderr, and gives the
// command's exit code (kExitInternal when interrupted).
int finish_rare(bool interrupted, RareReport* out);

// "1.012e-07 s (95% CI 9.97e-08 .. 1.028e-07, relative half-width 1.5%)", or
// "0 events observed; no interval" when nothing was observed. A known figure of 0 (no miss in
// the triggered runs) prints its interval without a relative half-width, which it has not.
std::string rare_figure_line(const RareFigure& f, const char* unit);

// "inside the interval" or "OUTSIDE the interval": the exact value against the figure's.
const char* rare_inside_text(const RareFigure& f, double exact);

// How an event's importance-sampling block names its figures.
struct RareEstimateWords {
  const char* losses;     // "quorum losses per year"
  const char* mean_time;  // "mean time stopped per loss"
  const char* reached;    // what a cycle that hit the event did: "lost quorum"
};

// The importance-sampling estimate's block, as every --rare event over regenerative cycles
// prints it: the work done and whether the precision was reached, the entries per year with
// the Poisson P(at least one), downtime, unavailability, the mean time per entry and the
// likelihood ratios' diagnostics. `cycles` is --rare-cycles, `ci_halfwidth` --ci-halfwidth.
void print_rare_estimate(const RareResult& r, const RareEstimate& e, uint64_t cycles,
                         double ci_halfwidth, const RareEstimateWords& w);
// A pool's importance-sampling estimate as the JSON and report hold it: the pool, its failure
// model ("MTBF .. h, mean repair .. h per server, exponential" and `model_suffix`), the work
// done and the diagnostics; the caller adds its quantities.
RarePoolEstimate importance_pool_estimate(const RarePoolModel& m, const RareResult& r,
                                          const RareEstimate& e, bool reached_precision,
                                          const std::string& model_suffix);
// Plain Monte Carlo over the same unbiased cycles, on one line.
void print_rare_plain(const RareResult& r, const RareEstimate& e, const RareEstimateWords& w);

}  // namespace drsim::cli
