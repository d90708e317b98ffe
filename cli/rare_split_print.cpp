// The splitting estimate's text and record; see rare_split_print.h.
#include "cli/rare_split_print.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

namespace drsim::cli {

std::string describe_distribution(const scenario::Distribution& d) {
  char buf[120];
  if (d.has_exponential())
    std::snprintf(buf, sizeof buf, "exponential, mean %.4g h", d.exponential().mean_s() / 3600);
  else if (d.has_weibull())
    std::snprintf(buf, sizeof buf, "Weibull, shape %.3g, scale %.4g h", d.weibull().shape(),
                  d.weibull().scale_s() / 3600);
  else if (d.has_lognormal())
    std::snprintf(buf, sizeof buf, "lognormal, median %.4g h, sigma %.3g",
                  d.lognormal().median_s() / 3600, d.lognormal().sigma());
  else if (d.has_fixed_s())
    std::snprintf(buf, sizeof buf, "fixed %.4g h", d.fixed_s() / 3600);
  else
    std::snprintf(buf, sizeof buf, "empirical, %d samples", d.empirical().samples_s_size());
  return buf;
}

void print_split_estimate(const SplitResult& r, uint64_t effort, double ci_halfwidth,
                          std::optional<double> markov, const char* no_markov, uint64_t plain_hits,
                          const SplitWords& w, RarePoolEstimate* pe) {
  std::printf("  %" PRIu64 " replications x %" PRIu64 " trajectories per stage, %.2f s%s\n",
              r.replications, effort, r.seconds,
              r.reached_precision ? ", reached the requested relative half-width"
              : ci_halfwidth > 0  ? ", did NOT reach the requested relative half-width"
                                  : "");
  const double mean = r.mean(), ci = r.ci95();
  pe->replications = r.replications;
  pe->reached_precision = r.reached_precision;
  pe->samples = r.trajectories;
  pe->hits = r.stage_hits.empty() ? 0 : static_cast<uint64_t>(r.stage_hits.back());
  pe->zero_replications = r.zero_replications;
  RareQuantity q;
  q.key = "p_loss_within_year";
  q.label = w.probability;
  q.estimate = {mean, ci, mean > 0};
  if (mean > 0) {
    std::printf("  %s: %.4g (95%% CI %.4g .. %.4g, relative half-width %.1f%%)\n", w.probability,
                mean, std::max(0.0, mean - ci), mean + ci, 100 * ci / mean);
  } else {
    std::printf("  %s: 0 events observed; no interval\n", w.probability);
  }
  std::printf("  trajectories reaching each level (of all stages' starts):");
  const size_t levels = r.stage_hits.size();
  for (size_t k = 0; k < levels; ++k) {
    if (w.levels_are_servers_down)
      std::printf(" %zu down: %.0f", k + 1, r.stage_hits[k]);
    else
      std::printf(" %zu to go: %.0f", levels - k - 1, r.stage_hits[k]);
  }
  std::printf("\n  replications in which no trajectory %s: %" PRIu64 " of %" PRIu64 "\n", w.reached,
              r.zero_replications, r.replications);
  if (markov) {
    q.markov = *markov;
    std::printf("  Markov chain: %.4g (%s)\n", *markov,
                mean > 0 && std::fabs(mean - *markov) <= ci ? "inside the interval"
                                                            : "OUTSIDE the interval");
  } else {
    std::printf("  Markov chain: %s\n", no_markov);
  }
  std::printf("  plain Monte Carlo, as many one-year trajectories (%" PRIu64 "): ", r.trajectories);
  pe->plain_samples = r.trajectories;
  pe->plain_hits = plain_hits;
  q.plain_computed = true;
  if (plain_hits == 0) {
    std::printf("0 events observed; no interval\n");
  } else {
    const double p = static_cast<double>(plain_hits) / static_cast<double>(r.trajectories);
    const double h =
        1.959963984540054 * std::sqrt(p * (1 - p) / static_cast<double>(r.trajectories));
    std::printf("%" PRIu64 " %s: %.4g (95%% CI %.4g .. %.4g)\n", plain_hits, w.reached, p,
                std::max(0.0, p - h), p + h);
    q.plain = {p, h, true};
  }
  if (r.replications > 0 && 2 * r.zero_replications > r.replications) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "splitting degenerate: in %" PRIu64 " of %" PRIu64
                  " replications no trajectory %s; the interval may be too narrow (raise "
                  "--rare-effort)",
                  r.zero_replications, r.replications, w.reached);
    pe->is_degenerate = true;
    pe->warning = buf;
    std::fprintf(stderr, "warning: %s: %s\n", pe->pool.c_str(), buf);
  }
  pe->quantities.push_back(std::move(q));
}

SplitOptions split_options(const SweepArgs& args, uint64_t seed, int threads,
                           std::atomic<bool>* stop) {
  SplitOptions o;
  o.replications = rare_replications(args);
  o.effort = args.rare_effort;
  o.threads = threads;
  o.seed = seed;
  o.relative_halfwidth = args.ci_halfwidth;
  o.stop = stop;
  return o;
}

}  // namespace drsim::cli
