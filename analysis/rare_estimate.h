// Rare-event estimates from regenerative cycles: pure statistics over the sums that the
// rare-event runner (experiments/rare_pool.h) collects, and the text a planner reads.
//
// The estimand is a ratio of cycle expectations (regenerative theory): a quantity per year
// is E[what a cycle contributes] / E[cycle length]. The numerator comes from cycles run
// under importance sampling, each weighted by its likelihood ratio; the denominator from
// independent cycles run without biasing. Both are unbiased, and the ratio's 95 % interval
// follows from the delta method over the two independent samples. docs/rare-events.md
// explains the method, its assumptions and when to trust it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/stats.h"
#include "sim/limits.h"

namespace drsim {

// What one regenerative cycle contributed, as the runners (experiments/rare_pool.cpp,
// rare_components.cpp) simulate it.
struct RareCycle {
  double length_s = 0;  // expected holding times summed (unbiased cycles only)
  double down_s = 0;    // expected time in the rare set
  double entries = 0;   // entries into the rare set
  double ratio = 1;     // likelihood ratio (1 without biasing)
  bool is_hit = false;
};

// Sums over cycles; added in replication order so that the totals, and every figure derived
// from them, are the same for any thread count.
struct RareSums {
  uint64_t biased_cycles = 0;
  uint64_t hits = 0;  // biased cycles that reached the rare set
  double down_s = 0;  // sum of L * (expected time in the rare set in the cycle)
  double down_s_sq = 0;
  double entries = 0;  // sum of L * (entries into the rare set in the cycle)
  double entries_sq = 0;
  double down_s_max = 0;  // the largest single weighted contribution
  // Sum of the biased cycles' whole likelihood ratios, and of their squares: the ratio's mean
  // is 1 exactly under any biasing, so a sample mean far from 1 shows paths never sampled.
  double ratio = 0;
  double ratio_sq = 0;
  uint64_t plain_cycles = 0;
  double cycle_s = 0;  // sum of expected cycle lengths, no biasing
  double cycle_s_sq = 0;
  uint64_t plain_hits = 0;  // plain cycles that reached the rare set
  double plain_down_s = 0;  // their time in it: plain Monte Carlo with the same cycles
  double plain_down_s_sq = 0;
  double plain_down_cycle = 0;  // sum of (time in the rare set) * (cycle length)
  double plain_entries = 0;
  double plain_entries_sq = 0;
  double plain_entries_cycle = 0;
  void add(const RareSums& o);
  // One biased cycle into the numerator's sums, weighted by its likelihood ratio.
  void add_biased(const RareCycle& c);
  // One unbiased cycle into the denominator's and plain Monte Carlo's sums.
  void add_plain(const RareCycle& c);
};

// One figure with its 95 % interval; `is_known` is false when nothing was observed.
struct RareFigure {
  double value = 0;
  double ci95 = 0;  // half-width
  bool is_known = false;
  // A probability's interval ends at 1 (P(miss | trigger)); rates and times have no such end.
  bool is_probability = false;
  double relative_halfwidth() const { return value > 0 ? ci95 / value : 0; }
  // The interval's ends as printed: clipped at 0, and at 1 for a probability.
  double low() const { return value - ci95 > 0 ? value - ci95 : 0; }
  double high() const { return is_probability && value + ci95 > 1 ? 1 : value + ci95; }
};

struct RareEstimate {
  RareFigure unavailability;        // fraction of time in the rare set
  RareFigure events_per_year;       // expected entries into the rare set per year
  RareFigure downtime_s_per_year;   // expected seconds in the rare set per year
  RareFigure plain_unavailability;  // the unbiased cycles alone (plain Monte Carlo)
  RareFigure plain_events_per_year;
  // Kish's effective sample size of the weighted contributions, (sum Y)^2 / sum Y^2: the
  // number of equally weighted cycles that would carry the same information.
  double effective_sample_size = 0;
  // The largest single cycle's share of the estimate.
  double max_share = 0;
  // The biased cycles' mean likelihood ratio and its standard error (0 when not collected).
  double mean_ratio = 0;
  double mean_ratio_se = 0;
  bool is_degenerate = false;
  std::string warning;  // why the interval may not be trusted; empty when none
};

// The schema's year (sim/limits.h: 365 days), as every per-year figure uses it.
inline constexpr double kRareSecondsPerYear = static_cast<double>(kSecondsPerYear);
// Below this effective sample size, or above this single-cycle share, the likelihood ratios
// are called degenerate: the interval rests on a few heavy cycles and may be too narrow.
inline constexpr double kRareMinEffectiveSamples = 100;
inline constexpr double kRareMaxSingleShare = 0.1;
// The mean likelihood ratio over the biased cycles is 1 in expectation. When it is further
// from 1 than this and than kRareRatioSigmas standard errors, the biasing starves paths that
// carry real probability (their ratios are huge and they are seldom or never drawn): the
// estimate is then low even though the sampled cycles look well balanced.
inline constexpr double kRareRatioTolerance = 0.1;
inline constexpr double kRareRatioSigmas = 4;

RareEstimate estimate_rare(const RareSums& sums);

// Probability of at least one entry in a year, from the rate, assuming entries form a
// Poisson process (close for rare entries of a regenerative process).
double probability_per_year(double events_per_year);

// A policy target missed (experiments/rare_target.h): P(miss | trigger) from k misses in n
// triggered runs, as the estimate k / n with the Agresti-Coull half-width
// 1.96 sqrt(q (1 - q) / (n + 4)), q = (k + 2) / (n + 4), which stays above zero when no run or
// every run missed (the plain binomial one is then 0 and would claim certainty). Unknown when
// no run was made.
RareFigure miss_probability(const Proportion& missed);
// The product of two independent unbiased estimates, a trigger's rate and P(miss | trigger):
// value r p, variance r^2 var(p) + p^2 var(r) + var(r) var(p) (exact for independent factors;
// each variance is (half-width / 1.96)^2). Unknown when either factor is.
RareFigure rare_product(const RareFigure& rate, const RareFigure& probability);
// The sum of independent estimates (the pools' miss rates): values and variances add.
RareFigure rare_sum(const std::vector<RareFigure>& terms);

}  // namespace drsim
