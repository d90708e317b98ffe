// `drsim sweep --rare pool-unavailable`: the rare-event estimate of each pool's quorum loss,
// printed beside plain Monte Carlo given the same work and the Markov chain's value where the
// failures are exponential. Importance sampling where the failure model allows it, multilevel
// splitting where it does not; docs/rare-events.md explains both and what they cover.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>

#include "analysis/markov.h"
#include "analysis/rare_estimate.h"
#include "analysis/rare_report.h"
#include "cli/commands.h"
#include "cli/rare_print.h"
#include "experiments/rare_pool.h"
#include "experiments/rare_split.h"

namespace drsim::cli {

namespace {
// Why importance sampling does not apply, or empty when it does.
std::string why_not_importance(const scenario::Scenario& s) {
  if (!s.has_stochastic() || !s.stochastic().has_front_end())
    return "";  // refused by both, with the rule
  const auto& fe = s.stochastic().front_end();
  if (!fe.time_to_failure().has_exponential() || !fe.time_to_repair().has_exponential())
    return "stochastic.front_end is not exponential, so failure biasing has no rates to bias";
  if (s.stochastic().maintenance_size() > 0)
    return "maintenance windows drain servers on a schedule, which failure biasing cannot weight";
  return "";
}

std::string describe(const scenario::Distribution& d) {
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

int run_splitting(const SweepArgs& args, const scenario::Scenario& s, uint64_t seed, int threads,
                  std::atomic<bool>* stop, const std::string& why, RareReport* out) {
  out->method = "splitting";
  out->reason = why;
  out->effort = args.rare_effort;
  const std::vector<SplitPoolModel> models = split_pool_models(s, args.rare);
  std::printf("rare event: pool unavailable (Windows Fabric quorum lost) in %s, seed %" PRIu64 "\n",
              s.name().c_str(), seed);
  std::printf(
      "method: fixed-effort multilevel splitting of the first quorum loss within a year, levels = "
      "seed\n"
      "  servers not running; chosen because %s\n",
      why.c_str());
  bool interrupted = false;
  for (const SplitPoolModel& m : models) {
    SplitOptions o;
    o.replications = rare_replications(args);
    o.effort = args.rare_effort;
    o.threads = threads;
    o.seed = seed;
    o.relative_halfwidth = args.ci_halfwidth;
    o.stop = stop;
    const SplitResult r = run_split(m, o);
    interrupted = interrupted || r.interrupted;
    std::printf(
        "\npool %s: %d Front Ends, %d of the %d seed servers must run; failures %s; repairs %s; "
        "%zu maintenance window(s) on its servers\n",
        m.pool.c_str(), m.servers, m.required, m.seeds, describe(m.time_to_failure).c_str(),
        describe(m.time_to_repair).c_str(), m.windows.size());
    std::printf("  %" PRIu64 " replications x %" PRIu64 " trajectories per stage, %.2f s%s\n",
                r.replications, args.rare_effort, r.seconds,
                r.reached_precision     ? ", reached the requested relative half-width"
                : args.ci_halfwidth > 0 ? ", did NOT reach the requested relative half-width"
                                        : "");
    const double mean = r.mean(), ci = r.ci95();
    RarePoolEstimate pe;
    pe.pool = m.pool;
    pe.servers = m.servers;
    pe.required = m.required;
    pe.seeds = m.seeds;
    pe.failure_model = "failures " + describe(m.time_to_failure) + "; repairs " +
                       describe(m.time_to_repair) + "; " + std::to_string(m.windows.size()) +
                       " maintenance window(s) on its servers";
    pe.replications = r.replications;
    pe.reached_precision = r.reached_precision;
    pe.samples = r.trajectories;
    pe.hits = r.stage_hits.empty() ? 0 : static_cast<uint64_t>(r.stage_hits.back());
    pe.zero_replications = r.zero_replications;
    RareQuantity q;
    q.key = "p_loss_within_year";
    q.label = "P(quorum lost within a year)";
    q.estimate = {mean, ci, mean > 0};
    if (mean > 0) {
      std::printf(
          "  P(quorum lost within a year): %.4g (95%% CI %.4g .. %.4g, relative half-width "
          "%.1f%%)\n",
          mean, std::max(0.0, mean - ci), mean + ci, 100 * ci / mean);
    } else {
      std::printf("  P(quorum lost within a year): 0 events observed; no interval\n");
    }
    std::printf("  trajectories reaching each level (of all stages' starts):");
    for (size_t k = 0; k < r.stage_hits.size(); ++k)
      std::printf(" %zu down: %.0f", k + 1, r.stage_hits[k]);
    std::printf("\n  replications in which no trajectory lost quorum: %" PRIu64 " of %" PRIu64 "\n",
                r.zero_replications, r.replications);
    const auto& fe = s.stochastic().front_end();
    if (m.windows.empty() && fe.time_to_failure().has_exponential() &&
        fe.time_to_repair().has_exponential()) {
      const double exact =
          pool_loss_within(m.servers, 1 / fe.time_to_failure().exponential().mean_s(),
                           1 / fe.time_to_repair().exponential().mean_s(), m.horizon.seconds_f());
      q.markov = exact;
      std::printf("  Markov chain: %.4g (%s)\n", exact,
                  mean > 0 && std::fabs(mean - exact) <= ci ? "inside the interval"
                                                            : "OUTSIDE the interval");
    } else {
      std::printf("  Markov chain: none for this failure model\n");
    }
    const uint64_t plain = run_split_plain(m, seed, r.trajectories, threads);
    std::printf("  plain Monte Carlo, as many one-year trajectories (%" PRIu64 "): ",
                r.trajectories);
    pe.plain_samples = r.trajectories;
    pe.plain_hits = plain;
    q.plain_computed = true;
    if (plain == 0) {
      std::printf("0 events observed; no interval\n");
    } else {
      const double p = static_cast<double>(plain) / static_cast<double>(r.trajectories);
      const double h =
          1.959963984540054 * std::sqrt(p * (1 - p) / static_cast<double>(r.trajectories));
      std::printf("%" PRIu64 " lost quorum: %.4g (95%% CI %.4g .. %.4g)\n", plain, p,
                  std::max(0.0, p - h), p + h);
      q.plain = {p, h, true};
    }
    if (r.replications > 0 && 2 * r.zero_replications > r.replications) {
      char buf[256];
      std::snprintf(buf, sizeof buf,
                    "splitting degenerate: in %" PRIu64 " of %" PRIu64
                    " replications no trajectory lost "
                    "quorum; the interval may be too narrow (raise --rare-effort)",
                    r.zero_replications, r.replications);
      pe.is_degenerate = true;
      pe.warning = buf;
      std::fprintf(stderr, "warning: %s: %s\n", m.pool.c_str(), buf);
    }
    pe.quantities.push_back(std::move(q));
    out->pools.push_back(std::move(pe));
  }
  out->interrupted = interrupted;
  if (interrupted)
    std::fprintf(stderr, "interrupted: the figures cover the replications that finished\n");
  return interrupted ? kExitInternal : kExitOk;
}
}  // namespace

int rare_sweep_command(const SweepArgs& args, const scenario::Scenario& s, uint64_t seed,
                       int threads, std::atomic<bool>* stop, RareReport* out) {
  out->scenario = s.name();
  out->seed = seed;
  out->overrides = args.sets;
  out->requested_relative_halfwidth = args.ci_halfwidth;
  out->event = args.rare;
  if (args.rare == "rto-target-missed" || args.rare == "rpo-target-missed")
    return rare_target_command(args, s, seed, threads, stop, out);
  if (args.rare != "pool-unavailable")
    return rare_system_command(args, s, seed, threads, stop, out);
  const std::string why_not = why_not_importance(s);
  if (args.rare_method == "splitting")
    return run_splitting(args, s, seed, threads, stop, "--rare-method splitting asked for it", out);
  if (args.rare_method == "auto" && !why_not.empty())
    return run_splitting(args, s, seed, threads, stop, why_not, out);
  out->method = "importance-sampling";
  out->reason = "the scenario's Front End failures and repairs are exponential and independent";
  out->bias = args.rare_bias;
  out->cycles_per_replication = args.rare_cycles;
  const std::vector<RarePoolModel> models = rare_pool_models(s, args.rare);
  bool interrupted = false;
  std::printf(
      "rare event: pool unavailable (Windows Fabric stopped: quorum lost) in %s, seed %" PRIu64
      "\n",
      s.name().c_str(), seed);
  std::printf(
      "method: importance sampling with balanced failure biasing (failure probability %.2f) over\n"
      "  regenerative cycles of each pool's Front End failures and repairs; chosen because the\n"
      "  scenario's Front End failures and repairs are exponential and independent\n",
      args.rare_bias);
  for (const RarePoolModel& m : models) {
    RareOptions o;
    o.replications = rare_replications(args);
    o.cycles_per_replication = args.rare_cycles;
    o.threads = threads;
    o.seed = seed;
    o.bias = args.rare_bias;
    o.relative_halfwidth = args.ci_halfwidth;
    o.stop = stop;
    const RareResult r = run_rare(m, o);
    interrupted = interrupted || r.interrupted;
    const RareEstimate e = estimate_rare(r.sums);
    std::printf("\npool %s: %d Front Ends, %d of the %d seed servers must run", m.pool.c_str(),
                m.servers, m.required, m.seeds);
    if (m.first_start > 0) std::printf(", %d to start again", m.first_start);
    std::printf("; MTBF %.0f h, mean repair %.2f h per server\n", 1 / m.failure_per_s / 3600,
                1 / m.repair_per_s / 3600);
    const RareEstimateWords words{"quorum losses per year", "mean time stopped per loss",
                                  "lost quorum"};
    print_rare_estimate(r, e, args.rare_cycles, args.ci_halfwidth, words);
    const PoolQuorumLoss markov =
        pool_quorum_loss(m.servers, m.failure_per_s, m.repair_per_s, m.first_start == 0);
    RarePoolEstimate pe = importance_pool_estimate(m, r, e, r.reached_precision, "");
    if (e.events_per_year.is_known)
      pe.p_loss_per_year_poisson = probability_per_year(e.events_per_year.value);
    pe.quantities.push_back({"losses_per_year", "quorum losses per year", e.events_per_year,
                             markov.losses_per_s * kRareSecondsPerYear, true,
                             e.plain_events_per_year});
    pe.quantities.push_back({"downtime_s_per_year",
                             "expected downtime per year (s)",
                             e.downtime_s_per_year,
                             markov.unavailability * kRareSecondsPerYear,
                             false,
                             {}});
    pe.quantities.push_back({"unavailability", "unavailability", e.unavailability,
                             markov.unavailability, true, e.plain_unavailability});
    out->pools.push_back(std::move(pe));
    std::printf("  Markov chain: unavailability %.4g (%s), %.4g losses per year (%s)\n",
                markov.unavailability, rare_inside_text(e.unavailability, markov.unavailability),
                markov.losses_per_s * kRareSecondsPerYear,
                rare_inside_text(e.events_per_year, markov.losses_per_s * kRareSecondsPerYear));
    print_rare_plain(r, e, words);
    if (!e.warning.empty())
      std::fprintf(stderr, "warning: %s: %s\n", m.pool.c_str(), e.warning.c_str());
  }
  out->interrupted = interrupted;
  if (interrupted)
    std::fprintf(stderr, "interrupted: the figures cover the replications that finished\n");
  return interrupted ? kExitInternal : kExitOk;
}

}  // namespace drsim::cli
