// The rare-event estimate as a plain record (what `drsim sweep --rare` printed), and its
// outputs: the JSON (`--json`) and the standalone page rare.html / rare.md (`--report`).
// Pure: a function from the record to text; the command line writes the files.
// docs/rare-events.md lists the JSON keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/rare_estimate.h"
#include "analysis/report_markup.h"

namespace drsim {

// One estimated quantity of one pool, beside the Markov chain and plain Monte Carlo.
struct RareQuantity {
  std::string key;    // JSON key: "losses_per_year", "downtime_s_per_year", "unavailability",
                      // "p_loss_within_year"
  std::string label;  // as the text says it: "quorum losses per year"
  RareFigure estimate;
  std::optional<double> markov;  // the chain's value, where the failure model has one
  // Plain Monte Carlo given the same work; `plain_computed` false where none is reported.
  bool plain_computed = false;
  RareFigure plain;
};

struct RarePoolEstimate {
  std::string pool;
  int servers = 0, required = 0, seeds = 0;
  int first_start = 0;  // importance sampling: servers to start again after a loss; 0 if none
  // What was modelled, in a sentence, for the events beyond one pool's quorum (the Back End's
  // servers and HA rule, or the two pools of a pair); empty for pool-unavailable, whose
  // servers, seeds and first-start count say it.
  std::string subject;
  std::string failure_model;  // "MTBF 20000 h, mean repair 8.00 h per server" or the distributions
  uint64_t replications = 0;
  bool reached_precision = false;
  uint64_t hits = 0;     // cycles (trajectories of the last stage) that lost quorum
  uint64_t samples = 0;  // biased cycles, or one-year trajectories (all stages' starts)
  std::optional<double> effective_sample_size;  // importance sampling only (Kish)
  std::optional<double> max_share;  // importance sampling only: the heaviest cycle's share
  uint64_t zero_replications = 0;   // splitting only: replications with no loss
  // Importance sampling: P(at least one loss in a year) from the loss rate, assuming losses
  // form a Poisson process (as the text prints it); empty when no rate is known.
  std::optional<double> p_loss_per_year_poisson;
  uint64_t plain_samples = 0, plain_hits = 0;  // plain Monte Carlo: cycles or one-year trajectories
  bool is_degenerate = false;
  std::string warning;  // why the interval may be too narrow; empty when none
  // rto-target-missed and rpo-target-missed: the whole engine's runs from a scripted quorum
  // loss, those whose incident was judged against the target, and those that missed it.
  uint64_t triggered_runs = 0, triggered_judged = 0, triggered_misses = 0;
  std::vector<RareQuantity> quantities;
};

// Whether the event is a policy target missed (rto-target-missed, rpo-target-missed): the
// product of a trigger's rate and P(miss | trigger) (experiments/rare_target.h).
bool is_target_event(const std::string& event);

struct RareReport {
  std::string event = "pool-unavailable";
  std::string scenario, scenario_sha256;
  std::vector<std::string> overrides;
  uint64_t seed = 0;
  std::string method;  // "importance-sampling" or "splitting"
  std::string reason;  // why this method, as the text says it
  double bias = 0;     // importance sampling: the failure probability of the biasing
  uint64_t cycles_per_replication = 0;      // importance sampling
  uint64_t effort = 0;                      // splitting: trajectories per stage
  double requested_relative_halfwidth = 0;  // --ci-halfwidth; 0 when none
  bool interrupted = false;
  std::vector<RarePoolEstimate> pools;
  // Target events: the misses per year summed over the pools (independent: variances add).
  RareFigure misses_per_year_all_pools;
};

// The JSON (one document, keys in a fixed order, no timing: the same bytes for any thread
// count).
std::string rare_json(const RareReport& r);

// rare.html and rare.md.
std::vector<ReportFile> rare_report_files(const RareReport& r);

// True when `text` is a JSON object with the keys rare_json writes (rare_event, method,
// pools): how the visualiser tells a rare-event estimate from a sweep's results.
bool is_rare_json(const std::string& text);
// Reads rare_json's output back (analysis/rare_report_read.cpp): the figures, the Markov
// values and plain Monte Carlo of each pool, and the method; InputError at file:line:col
// naming the key when one is missing or of the wrong type. Labels are the text's.
RareReport read_rare_json(const std::string& text, const std::string& path);

// The label the text prints for an estimate key of an event: "quorum losses per year",
// "Back End losses per year", "times both go down per year", "unavailability", ...
std::string rare_quantity_label(const std::string& event, const std::string& key);
// What stands in the Markov column where an estimate has no chain's value, in words (never 0):
// "none for this failure model", for a Back End or pair by splitting "none: no chain for
// non-exponential laws, windows or P(within a year)", for a target "none: the whole engine
// decides".
std::string rare_no_markov_text(const RareReport& r, const RareQuantity& q);
// What the event is, in words: "pool unavailable (Windows Fabric quorum lost)".
std::string rare_event_title(const std::string& event);

// "1.012e-07 (95 % CI 9.97e-08 .. 1.028e-07)" or "0 events observed; no interval".
std::string rare_figure_text(const RareFigure& f);

}  // namespace drsim
