// The rare-event ratio estimators; see rare_estimate.h.
#include "analysis/rare_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/check.h"

namespace drsim {

void RareSums::add_biased(const RareCycle& c) {
  const double y = c.down_s * c.ratio, e = c.entries * c.ratio;
  ++biased_cycles;
  hits += c.is_hit ? 1 : 0;
  down_s += y;
  down_s_sq += y * y;
  entries += e;
  entries_sq += e * e;
  down_s_max = std::max(down_s_max, y);
  ratio += c.ratio;
  ratio_sq += c.ratio * c.ratio;
}

void RareSums::add_plain(const RareCycle& c) {
  ++plain_cycles;
  cycle_s += c.length_s;
  cycle_s_sq += c.length_s * c.length_s;
  plain_hits += c.is_hit ? 1 : 0;
  plain_down_s += c.down_s;
  plain_down_s_sq += c.down_s * c.down_s;
  plain_down_cycle += c.down_s * c.length_s;
  plain_entries += c.entries;
  plain_entries_sq += c.entries * c.entries;
  plain_entries_cycle += c.entries * c.length_s;
}

void RareSums::add(const RareSums& o) {
  biased_cycles += o.biased_cycles;
  hits += o.hits;
  down_s += o.down_s;
  down_s_sq += o.down_s_sq;
  entries += o.entries;
  entries_sq += o.entries_sq;
  down_s_max = std::max(down_s_max, o.down_s_max);
  ratio += o.ratio;
  ratio_sq += o.ratio_sq;
  plain_cycles += o.plain_cycles;
  cycle_s += o.cycle_s;
  cycle_s_sq += o.cycle_s_sq;
  plain_hits += o.plain_hits;
  plain_down_s += o.plain_down_s;
  plain_down_s_sq += o.plain_down_s_sq;
  plain_down_cycle += o.plain_down_cycle;
  plain_entries += o.plain_entries;
  plain_entries_sq += o.plain_entries_sq;
  plain_entries_cycle += o.plain_entries_cycle;
}

namespace {
double sample_variance(double sum, double sum_sq, double n) {
  if (n < 2) return 0;
  const double mean = sum / n;
  return std::max(0.0, (sum_sq - n * mean * mean) / (n - 1));
}

// The ratio E[Y] / E[T] of two independent samples, by the delta method.
RareFigure ratio(double y_sum, double y_sum_sq, double n_y, double t_mean, double t_var, double n_t,
                 double scale) {
  RareFigure f;
  if (n_y < 2 || n_t < 2 || t_mean <= 0 || y_sum <= 0) return f;
  const double y_mean = y_sum / n_y;
  const double r = y_mean / t_mean;
  const double var = sample_variance(y_sum, y_sum_sq, n_y) / n_y / (t_mean * t_mean) +
                     r * r * t_var / n_t / (t_mean * t_mean);
  f.value = r * scale;
  f.ci95 = 1.959963984540054 * std::sqrt(var) * scale;
  f.is_known = true;
  return f;
}
// The ratio sum Y / sum T of one sample of cycles (Y and T correlated), by the delta method.
RareFigure paired_ratio(double y_sum, double y_sq, double yt_sum, double t_sum, double t_sq,
                        double n, double scale) {
  RareFigure f;
  if (n < 2 || t_sum <= 0 || y_sum <= 0) return f;
  const double r = y_sum / t_sum;
  const double t_mean = t_sum / n;
  // Residuals Y - r T: their variance is var Y - 2 r cov(Y, T) + r^2 var T.
  const double resid_sq = y_sq - 2 * r * yt_sum + r * r * t_sq;
  const double var = std::max(0.0, resid_sq / (n - 1)) / n / (t_mean * t_mean);
  f.value = r * scale;
  f.ci95 = 1.959963984540054 * std::sqrt(var) * scale;
  f.is_known = true;
  return f;
}
}  // namespace

RareEstimate estimate_rare(const RareSums& s) {
  RareEstimate e;
  const double n_y = static_cast<double>(s.biased_cycles);
  const double n_t = static_cast<double>(s.plain_cycles);
  if (n_t < 2) return e;
  const double t_mean = s.cycle_s / n_t;
  const double t_var = sample_variance(s.cycle_s, s.cycle_s_sq, n_t);
  e.unavailability = ratio(s.down_s, s.down_s_sq, n_y, t_mean, t_var, n_t, 1.0);
  e.events_per_year = ratio(s.entries, s.entries_sq, n_y, t_mean, t_var, n_t, kRareSecondsPerYear);
  e.downtime_s_per_year =
      ratio(s.down_s, s.down_s_sq, n_y, t_mean, t_var, n_t, kRareSecondsPerYear);
  // Plain Monte Carlo over the unbiased cycles: known only when something happened.
  if (s.plain_hits > 0) {
    e.plain_unavailability = paired_ratio(s.plain_down_s, s.plain_down_s_sq, s.plain_down_cycle,
                                          s.cycle_s, s.cycle_s_sq, n_t, 1.0);
    e.plain_events_per_year =
        paired_ratio(s.plain_entries, s.plain_entries_sq, s.plain_entries_cycle, s.cycle_s,
                     s.cycle_s_sq, n_t, kRareSecondsPerYear);
  }
  if (s.down_s > 0) {
    e.effective_sample_size = s.down_s * s.down_s / s.down_s_sq;
    e.max_share = s.down_s_max / s.down_s;
  }
  // Sums without ratios (hand-built in tests, or from before they were collected) skip the
  // check rather than read a mean of 0 as starvation.
  const bool has_ratios = s.ratio > 0 && n_y >= 2;
  if (has_ratios) {
    e.mean_ratio = s.ratio / n_y;
    e.mean_ratio_se = std::sqrt(sample_variance(s.ratio, s.ratio_sq, n_y) / n_y);
  }
  const double ratio_gap = std::fabs(e.mean_ratio - 1);
  const bool is_starved = has_ratios && ratio_gap > kRareRatioTolerance &&
                          ratio_gap > kRareRatioSigmas * e.mean_ratio_se;
  char buf[384];
  if (s.hits == 0) {
    e.is_degenerate = true;
    e.warning = "no biased cycle reached the rare set: no estimate; run more cycles";
  } else if (e.effective_sample_size < kRareMinEffectiveSamples ||
             e.max_share > kRareMaxSingleShare) {
    e.is_degenerate = true;
    std::snprintf(buf, sizeof buf,
                  "likelihood ratios degenerate: effective sample size %.1f of %llu cycles that "
                  "reached the rare set, one cycle carries %.0f%% of the estimate; the interval "
                  "may be too narrow (run more cycles or move the bias toward 0.5)",
                  e.effective_sample_size, static_cast<unsigned long long>(s.hits),
                  100 * e.max_share);
    e.warning = buf;
  } else if (is_starved) {
    // The effective sample size cannot see paths that were never drawn: test the ratio's
    // known mean instead.
    e.is_degenerate = true;
    std::snprintf(buf, sizeof buf,
                  "likelihood ratios degenerate: their mean over the biased cycles is %.3g "
                  "(+- %.2g) where its expectation is 1, so the biasing rarely or never draws "
                  "paths that carry real probability and the estimate is likely %s (move the "
                  "bias toward 0.5)",
                  e.mean_ratio, e.mean_ratio_se, e.mean_ratio < 1 ? "too low" : "off");
    e.warning = buf;
  }
  return e;
}

double probability_per_year(double events_per_year) {
  DRSIM_CHECK(events_per_year >= 0, "a rate is never negative");
  return -std::expm1(-events_per_year);
}

namespace {
constexpr double kZ95 = 1.959963984540054;
}  // namespace

RareFigure miss_probability(const Proportion& missed) {
  if (missed.n == 0) return {};
  const double n = static_cast<double>(missed.n);
  const double q = (static_cast<double>(missed.k) + 2) / (n + 4);
  return {missed.value(), kZ95 * std::sqrt(q * (1 - q) / (n + 4)), true, true};
}

RareFigure rare_product(const RareFigure& rate, const RareFigure& probability) {
  if (!rate.is_known || !probability.is_known) return {};
  const double vr = (rate.ci95 / kZ95) * (rate.ci95 / kZ95);
  const double vp = (probability.ci95 / kZ95) * (probability.ci95 / kZ95);
  const double r = rate.value, p = probability.value;
  return {r * p, kZ95 * std::sqrt(r * r * vp + p * p * vr + vr * vp), true};
}

RareFigure rare_sum(const std::vector<RareFigure>& terms) {
  RareFigure out;
  double var = 0;
  for (const RareFigure& t : terms) {
    if (!t.is_known) return {};
    out.value += t.value;
    var += (t.ci95 / kZ95) * (t.ci95 / kZ95);
  }
  out.ci95 = kZ95 * std::sqrt(var);
  out.is_known = !terms.empty();
  return out;
}

}  // namespace drsim
