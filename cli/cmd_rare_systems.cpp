// `drsim sweep --rare backend-unavailable` and `--rare pair-unavailable`: the rare events over
// several independent components (experiments/rare_systems.h), estimated by importance
// sampling with balanced failure biasing, printed beside plain Monte Carlo given the same
// cycles and the exact value of the Markov chains: the Back End's chain over its servers' up
// masks, or the product of the two pools' chains for a pair.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>

#include "analysis/markov.h"
#include "analysis/rare_estimate.h"
#include "analysis/rare_report.h"
#include "cli/commands.h"
#include "cli/rare_print.h"
#include "experiments/rare_systems.h"
#include "io/errors.h"
#include "sim/check.h"

namespace drsim::cli {

namespace {
// Why importance sampling does not apply to the Back End's servers (a class some server uses
// is not exponential, or a maintenance window drains one), or empty when it does.
std::string why_not_importance(const scenario::Scenario& s) {
  if (!s.has_stochastic()) return "";  // refused by both, with the rule
  const auto& st = s.stochastic();
  for (const auto& pool : s.pools()) {
    if (!pool.has_back_end()) continue;
    for (const auto& srv : pool.back_end().servers()) {
      std::string cls;
      const auto* fm = back_end_failure_model(st, srv.role(), &cls);
      if (fm != nullptr &&
          (!fm->time_to_failure().has_exponential() || !fm->time_to_repair().has_exponential()))
        return cls + " is not exponential, so failure biasing has no rates to bias";
      for (const auto& w : st.maintenance())
        if (w.server() == srv.fqdn())
          return "maintenance windows drain Back End servers on a schedule, which failure "
                 "biasing cannot weight";
    }
  }
  return "";
}

// The exact value of the event's chain: the Back End's own chain, or the product of the two
// pools' chains.
PoolQuorumLoss exact_loss(const RareSystem& sys) {
  if (sys.parts.size() == 1 && !sys.parts[0].down_when.empty())
    return independent_components_loss(sys.failure_per_s, sys.repair_per_s, sys.parts[0].down_when);
  DRSIM_CHECK(sys.parts.size() == 2, "a pair has two pools");
  PoolQuorumLoss halves[2];
  for (size_t k = 0; k < 2; ++k) {
    const RarePart& p = sys.parts[k];
    const size_t i = static_cast<size_t>(p.first);
    halves[k] =
        pool_quorum_loss(p.count, sys.failure_per_s[i], sys.repair_per_s[i], p.first_start == 0);
  }
  return both_down(halves[0], halves[1]);
}
}  // namespace

int rare_system_command(const SweepArgs& args, const scenario::Scenario& s, uint64_t seed,
                        int threads, std::atomic<bool>* stop, RareReport* out) {
  const bool is_pair = args.rare == "pair-unavailable";
  const std::string why_not = is_pair ? rare_pool_why_not_importance(s) : why_not_importance(s);
  if (args.rare_method == "splitting")
    return rare_system_splitting(args, s, seed, threads, stop,
                                 "--rare-method splitting asked for it", out);
  if (args.rare_method == "auto" && !why_not.empty())
    return rare_system_splitting(args, s, seed, threads, stop, why_not, out);
  const std::vector<RareSystemCase> cases =
      is_pair ? pair_cases(s, args.rare) : back_end_cases(s, args.rare);
  const char* what = is_pair ? "both pools of a pair unavailable at once (Windows Fabric quorum "
                               "lost in both)"
                             : "Back End unavailable (no SQL Server serves the pool's databases)";
  const char* losses = is_pair ? "times both go down per year" : "Back End losses per year";
  out->method = "importance-sampling";
  out->reason = is_pair ? "the pools' Front End failures and repairs are exponential and "
                          "independent"
                        : "the Back End servers' failures and repairs are exponential and "
                          "independent";
  out->bias = args.rare_bias;
  out->cycles_per_replication = args.rare_cycles;
  std::printf("rare event: %s in %s, seed %" PRIu64 "\n", what, s.name().c_str(), seed);
  std::printf(
      "method: importance sampling with balanced failure biasing (failure probability %.2f) over\n"
      "  regenerative cycles of the components' failures and repairs; chosen because %s\n",
      args.rare_bias, out->reason.c_str());
  bool interrupted = false;
  for (const RareSystemCase& c : cases) {
    const RareOptions o = rare_options(args, seed, threads, stop, args.ci_halfwidth);
    const RareResult r = run_system_rare(c.system, o);
    interrupted = interrupted || r.interrupted;
    const RareEstimate e = estimate_rare(r.sums);
    const PoolQuorumLoss exact = exact_loss(c.system);
    const double exact_per_year = exact.losses_per_s * kRareSecondsPerYear;
    std::printf("\n%s: %s\n", c.label.c_str(), c.subject.c_str());
    const RareEstimateWords words{losses, "mean time down per event", "reached the event"};
    print_rare_estimate(r, e, args.rare_cycles, args.ci_halfwidth, words);
    std::printf("  Markov chain%s: unavailability %.4g (%s), %.4g per year (%s)\n",
                is_pair ? " (product of the two pools' chains)" : " over the servers' up masks",
                exact.unavailability, rare_inside_text(e.unavailability, exact.unavailability),
                exact_per_year, rare_inside_text(e.events_per_year, exact_per_year));
    print_rare_plain(r, e, words);
    if (!e.warning.empty())
      std::fprintf(stderr, "warning: %s: %s\n", c.label.c_str(), e.warning.c_str());

    RarePoolEstimate pe;
    pe.pool = c.label;
    pe.servers = static_cast<int>(c.system.components.size());
    pe.subject = c.subject;
    pe.failure_model = "exponential, independent";
    fill_importance_work(r, e, r.reached_precision, &pe);
    if (e.events_per_year.is_known)
      pe.p_loss_per_year_poisson = probability_per_year(e.events_per_year.value);
    pe.quantities.push_back({"losses_per_year", losses, e.events_per_year, exact_per_year, true,
                             e.plain_events_per_year});
    pe.quantities.push_back({"downtime_s_per_year",
                             "expected downtime per year (s)",
                             e.downtime_s_per_year,
                             exact.unavailability * kRareSecondsPerYear,
                             false,
                             {}});
    pe.quantities.push_back({"unavailability", "unavailability", e.unavailability,
                             exact.unavailability, true, e.plain_unavailability});
    out->pools.push_back(std::move(pe));
  }
  return finish_rare(interrupted, out);
}

}  // namespace drsim::cli
