// `drsim sweep --rare pool-unavailable`: the rare-event estimate of each pool's quorum loss,
// printed beside plain Monte Carlo given the same work and the Markov chain's value where the
// failures are exponential. Importance sampling where the failure model allows it, multilevel
// splitting where it does not; docs/rare-events.md explains both and what they cover.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "analysis/markov.h"
#include "analysis/rare_estimate.h"
#include "analysis/rare_report.h"
#include "cli/commands.h"
#include "cli/rare_print.h"
#include "cli/rare_split_print.h"
#include "experiments/rare_pool.h"
#include "experiments/rare_split.h"

namespace drsim::cli {

std::string rare_pool_why_not_importance(const scenario::Scenario& s) {
  if (!s.has_stochastic() || !s.stochastic().has_front_end())
    return "";  // refused by both, with the rule
  const auto& fe = s.stochastic().front_end();
  if (!fe.time_to_failure().has_exponential() || !fe.time_to_repair().has_exponential())
    return "stochastic.front_end is not exponential, so failure biasing has no rates to bias";
  if (s.stochastic().maintenance_size() > 0)
    return "maintenance windows drain servers on a schedule, which failure biasing cannot weight";
  return "";
}

namespace {
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
    const SplitOptions o = split_options(args, seed, threads, stop);
    const SplitResult r = run_split(m, o);
    interrupted = interrupted || r.interrupted;
    std::printf(
        "\npool %s: %d Front Ends, %d of the %d seed servers must run; failures %s; repairs %s; "
        "%zu maintenance window(s) on its servers\n",
        m.pool.c_str(), m.servers, m.required, m.seeds,
        describe_distribution(m.time_to_failure).c_str(),
        describe_distribution(m.time_to_repair).c_str(), m.windows.size());
    RarePoolEstimate pe;
    pe.pool = m.pool;
    pe.servers = m.servers;
    pe.required = m.required;
    pe.seeds = m.seeds;
    pe.failure_model = "failures " + describe_distribution(m.time_to_failure) + "; repairs " +
                       describe_distribution(m.time_to_repair) + "; " +
                       std::to_string(m.windows.size()) + " maintenance window(s) on its servers";
    std::optional<double> markov;
    const auto& fe = s.stochastic().front_end();
    if (m.windows.empty() && fe.time_to_failure().has_exponential() &&
        fe.time_to_repair().has_exponential())
      markov =
          pool_loss_within(m.servers, 1 / fe.time_to_failure().exponential().mean_s(),
                           1 / fe.time_to_repair().exponential().mean_s(), m.horizon.seconds_f());
    const uint64_t plain = run_split_plain(m, seed, r.trajectories, threads);
    print_split_estimate(r, args.rare_effort, args.ci_halfwidth, markov,
                         "none for this failure model", plain,
                         {"P(quorum lost within a year)", "lost quorum", true}, &pe);
    out->pools.push_back(std::move(pe));
  }
  return finish_rare(interrupted, out);
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
  const std::string why_not = rare_pool_why_not_importance(s);
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
    const RareOptions o = rare_options(args, seed, threads, stop, args.ci_halfwidth);
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
  return finish_rare(interrupted, out);
}

}  // namespace drsim::cli
