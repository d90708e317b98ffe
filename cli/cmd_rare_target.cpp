// `drsim sweep --rare rto-target-missed` and `--rare rpo-target-missed`: how often a pool's
// quorum loss ends in an incident that misses the policy's server RTO (RPO) target, as the
// product of two independent estimates: the trigger's rate per year by importance sampling of
// the pool's Front End chain (experiments/rare_pool.h), and P(miss | trigger) from the whole
// engine run many times from a scripted quorum loss (experiments/rare_target.h).
// docs/rare-events.md ("A policy target missed") explains the decomposition and its assumption.
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
#include "experiments/rare_target.h"

namespace drsim::cli {

int rare_target_command(const SweepArgs& args, const scenario::Scenario& s, uint64_t seed,
                        int threads, std::atomic<bool>* stop, RareReport* out) {
  const bool rpo = args.rare == "rpo-target-missed";
  const char* rxo = rpo ? "RPO" : "RTO";
  if (args.rare_method == "splitting")
    throw InputError("--rare-method",
                     "splitting has no rate per year of quorum losses to multiply; " + args.rare +
                         " estimates its trigger by importance sampling (--rare-method auto or "
                         "importance)");
  const std::vector<TargetTrigger> triggers = target_triggers(s, rpo, args.rare);
  const int64_t target_s = rpo ? s.policy().server().rpo_s() : s.policy().server().rto_s();
  // Each factor gets half the relative variance the product may have.
  const double factor_halfwidth = args.ci_halfwidth / std::sqrt(2.0);
  const uint64_t max_runs = args.replications_given ? args.replications
                            : args.ci_halfwidth > 0 ? kRareTriggeredRunsToPrecision
                                                    : args.replications;
  out->method = "importance-sampling";
  out->reason = std::string(
                    "a decomposition: the trigger (each pool's quorum loss from independent, "
                    "exponential Front End failures) by importance sampling; P(")
                    .append(rxo)
                    .append(
                        " target missed | the trigger) from the whole engine run from a "
                        "scripted quorum loss at a random instant");
  out->bias = args.rare_bias;
  out->cycles_per_replication = args.rare_cycles;
  std::printf("rare event: %s target missed (an incident judged over policy.server.%s = %" PRId64
              " s after a pool's quorum loss) in %s, seed %" PRIu64 "\n",
              rxo, rpo ? "rpo_s" : "rto_s", target_s, s.name().c_str(), seed);
  std::printf(
      "method: rate of misses = rate of quorum losses x P(miss | a quorum loss), per pool.\n"
      "  The rate: importance sampling with balanced failure biasing (failure probability %.2f)\n"
      "  over the pool's Front End chain. P(miss | a quorum loss): the whole engine run from a\n"
      "  scripted quorum loss (the seed servers it takes down, failed at one uniformly random\n"
      "  instant of a year, repairs drawn afresh) with the scenario's other random failures as\n"
      "  usual, the loss's incident judged by the policy's rule (a server incident).\n"
      "assumption: the response to a quorum loss does not depend on the path to it (the rest of\n"
      "  the deployment is in its usual state when the pool falls).\n"
      "not in this estimate: targets missed after other causes (a single server's failure, the\n"
      "  Back End, a site loss, common-cause groups, links); plain drsim sweep judges those.\n",
      args.rare_bias);
  bool interrupted = false;
  std::vector<RareFigure> pool_rates;
  for (const TargetTrigger& t : triggers) {
    const RarePoolModel& m = t.chain;
    const RareOptions o = rare_options(args, seed, threads, stop, factor_halfwidth);
    const RareResult r = run_rare(m, o);
    interrupted = interrupted || r.interrupted;
    const RareEstimate e = estimate_rare(r.sums);
    const PoolQuorumLoss markov =
        pool_quorum_loss(m.servers, m.failure_per_s, m.repair_per_s, m.first_start == 0);
    const double markov_per_year = markov.losses_per_s * kRareSecondsPerYear;

    TriggeredOptions to;
    to.runs = interrupted ? 0 : max_runs;
    to.threads = threads;
    to.seed = seed;
    to.rpo = rpo;
    to.relative_halfwidth = factor_halfwidth;
    to.stop = stop;
    const TriggeredResult tr = run_triggered_batches(s, t, to);
    interrupted = interrupted || tr.interrupted;
    const Proportion& missed = rpo ? tr.rpo_missed : tr.rto_missed;
    const uint64_t judged = rpo ? tr.rpo_judged : tr.rto_judged;
    const RareFigure p = miss_probability(missed);
    const RareFigure rate = rare_product(e.events_per_year, p);
    pool_rates.push_back(rate);
    const bool precise = r.reached_precision && rate.is_known && rate.value > 0 &&
                         (args.ci_halfwidth <= 0 || rate.relative_halfwidth() <= args.ci_halfwidth);

    std::printf("\npool %s: %d Front Ends, %d of the %d seed servers must run", m.pool.c_str(),
                m.servers, m.required, m.seeds);
    if (m.first_start > 0) std::printf(", %d to start again", m.first_start);
    std::printf("; MTBF %.0f h, mean repair %.2f h per server; a loss takes %d seed servers down\n",
                1 / m.failure_per_s / 3600, 1 / m.repair_per_s / 3600, t.down_at_loss);
    std::printf("  quorum losses per year:      %s\n",
                rare_figure_line(e.events_per_year, "").c_str());
    std::printf("    %" PRIu64 " replications x %" PRIu64
                " cycles (biased) + as many unbiased, %.2f s; effective sample size %.0f; "
                "Markov chain %.4g (%s)\n",
                r.replications, args.rare_cycles, r.seconds, e.effective_sample_size,
                markov_per_year, rare_inside_text(e.events_per_year, markov_per_year));
    std::printf("  triggered runs:              %" PRIu64 " (%.2f s), %" PRIu64
                " judged against the %s target, %" PRIu64 " missed it\n",
                missed.n, tr.seconds, judged, rxo, missed.k);
    std::printf("  P(miss | a quorum loss):     %s\n", rare_figure_line(p, "").c_str());
    std::printf("  %s target misses per year:  %s%s\n", rxo, rare_figure_line(rate, "").c_str(),
                precise                 ? ", reached the requested relative half-width"
                : args.ci_halfwidth > 0 ? ", did NOT reach the requested relative half-width"
                                        : "");
    if (rate.is_known)
      std::printf("  P(at least one in a year):   %.4g (Poisson approximation)\n",
                  probability_per_year(rate.value));
    if (!e.warning.empty())
      std::fprintf(stderr, "warning: %s: %s\n", m.pool.c_str(), e.warning.c_str());

    RarePoolEstimate pe =
        importance_pool_estimate(m, r, e, precise, "; the whole engine after the loss");
    pe.triggered_runs = missed.n;
    pe.triggered_judged = judged;
    pe.triggered_misses = missed.k;
    if (rate.is_known) pe.p_loss_per_year_poisson = probability_per_year(rate.value);
    pe.quantities.push_back({"losses_per_year", "quorum losses per year", e.events_per_year,
                             markov_per_year, true, e.plain_events_per_year});
    pe.quantities.push_back({"p_miss_given_loss",
                             rare_quantity_label(args.rare, "p_miss_given_loss"),
                             p,
                             std::nullopt,
                             false,
                             {}});
    pe.quantities.push_back({"misses_per_year",
                             rare_quantity_label(args.rare, "misses_per_year"),
                             rate,
                             std::nullopt,
                             false,
                             {}});
    out->pools.push_back(std::move(pe));
    if (interrupted) break;
  }
  const RareFigure total = rare_sum(pool_rates);
  std::printf("\nall pools: %s target misses per year after a quorum loss: %s\n", rxo,
              rare_figure_line(total, "").c_str());
  out->misses_per_year_all_pools = total;
  return finish_rare(interrupted, out);
}

}  // namespace drsim::cli
