// The --rare commands' figure text; see rare_print.h.
#include "cli/rare_print.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

namespace drsim::cli {

std::string rare_figure_line(const RareFigure& f, const char* unit) {
  if (!f.is_known) return "0 events observed; no interval";
  char buf[200];
  if (f.value <= 0)
    std::snprintf(buf, sizeof buf, "0%s (95%% CI 0 .. %.4g)", unit, f.high());
  else
    std::snprintf(buf, sizeof buf, "%.4g%s (95%% CI %.4g .. %.4g, relative half-width %.1f%%)",
                  f.value, unit, f.low(), f.high(), 100 * f.relative_halfwidth());
  return buf;
}

const char* rare_inside_text(const RareFigure& f, double exact) {
  return f.is_known && std::fabs(f.value - exact) <= f.ci95 ? "inside the interval"
                                                            : "OUTSIDE the interval";
}

void print_rare_estimate(const RareResult& r, const RareEstimate& e, uint64_t cycles,
                         double ci_halfwidth, const RareEstimateWords& w) {
  std::printf("  %" PRIu64 " replications x %" PRIu64
              " cycles (biased) + as many unbiased, %.2f s%s\n",
              r.replications, cycles, r.seconds,
              r.reached_precision ? ", reached the requested relative half-width"
              : ci_halfwidth > 0  ? ", did NOT reach the requested relative half-width"
                                  : "");
  std::printf("  %-28s %s\n", std::string(w.losses).append(":").c_str(),
              rare_figure_line(e.events_per_year, "").c_str());
  if (e.events_per_year.is_known)
    std::printf("  P(at least one in a year):   %.4g (Poisson approximation)\n",
                probability_per_year(e.events_per_year.value));
  std::printf("  expected downtime per year:  %s\n",
              rare_figure_line(e.downtime_s_per_year, " s").c_str());
  std::printf("  unavailability:              %s\n",
              rare_figure_line(e.unavailability, "").c_str());
  if (e.events_per_year.is_known && e.events_per_year.value > 0)
    std::printf("  %-28s %.4g s\n", std::string(w.mean_time).append(":").c_str(),
                e.downtime_s_per_year.value / e.events_per_year.value);
  std::printf("  cycles that %s: %" PRIu64 " of %" PRIu64
              "; effective sample size %.0f; mean likelihood ratio %.3f +- %.2g (1 expected)\n",
              w.reached, r.sums.hits, r.sums.biased_cycles, e.effective_sample_size, e.mean_ratio,
              e.mean_ratio_se);
}

void print_rare_plain(const RareResult& r, const RareEstimate& e, const RareEstimateWords& w) {
  std::printf("  plain Monte Carlo, same number of unbiased cycles: ");
  if (r.sums.plain_hits == 0)
    std::printf("0 events observed; no interval\n");
  else
    std::printf("%" PRIu64 " cycles %s; unavailability %s\n", r.sums.plain_hits, w.reached,
                rare_figure_line(e.plain_unavailability, "").c_str());
}

RarePoolEstimate importance_pool_estimate(const RarePoolModel& m, const RareResult& r,
                                          const RareEstimate& e, bool reached_precision,
                                          const std::string& model_suffix) {
  RarePoolEstimate pe;
  pe.pool = m.pool;
  pe.servers = m.servers;
  pe.required = m.required;
  pe.seeds = m.seeds;
  pe.first_start = m.first_start;
  char model[120];
  std::snprintf(model, sizeof model, "MTBF %.0f h, mean repair %.2f h per server, exponential",
                1 / m.failure_per_s / 3600, 1 / m.repair_per_s / 3600);
  pe.failure_model = std::string(model).append(model_suffix);
  fill_importance_work(r, e, reached_precision, &pe);
  return pe;
}

void fill_importance_work(const RareResult& r, const RareEstimate& e, bool reached_precision,
                          RarePoolEstimate* pe) {
  pe->replications = r.replications;
  pe->reached_precision = reached_precision;
  pe->samples = r.sums.biased_cycles;
  pe->hits = r.sums.hits;
  pe->effective_sample_size = e.effective_sample_size;
  pe->max_share = e.max_share;
  pe->plain_samples = r.sums.plain_cycles;
  pe->plain_hits = r.sums.plain_hits;
  pe->is_degenerate = e.is_degenerate;
  pe->warning = e.warning;
}

RareOptions rare_options(const SweepArgs& args, uint64_t seed, int threads, std::atomic<bool>* stop,
                         double relative_halfwidth) {
  RareOptions o;
  o.replications = rare_replications(args);
  o.cycles_per_replication = args.rare_cycles;
  o.threads = threads;
  o.seed = seed;
  o.bias = args.rare_bias;
  o.relative_halfwidth = relative_halfwidth;
  o.stop = stop;
  return o;
}

int finish_rare(bool interrupted, RareReport* out) {
  out->interrupted = interrupted;
  if (interrupted)
    std::fprintf(stderr, "interrupted: the figures cover the replications that finished\n");
  return interrupted ? kExitInternal : kExitOk;
}

}  // namespace drsim::cli
