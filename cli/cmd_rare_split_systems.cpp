// `drsim sweep --rare backend-unavailable` and `--rare pair-unavailable` by multilevel
// splitting (experiments/rare_split_systems.h): P(the event within a year), all servers new at
// time 0, for failure and repair laws importance sampling cannot bias (or when
// --rare-method splitting asks for it), printed beside plain Monte Carlo given as many one-year
// trajectories. No Markov chain checks it: for non-exponential laws none exists, and with
// exponential laws the chains here give long-run rates, which importance sampling prints.
#include <cinttypes>
#include <cstdio>
#include <optional>
#include <string>

#include "analysis/rare_report.h"
#include "cli/commands.h"
#include "cli/rare_print.h"
#include "cli/rare_split_print.h"
#include "experiments/rare_split_systems.h"

namespace drsim::cli {

namespace {
bool is_exponential(const scenario::Stochastic::FailureModel& f) {
  return f.time_to_failure().has_exponential() && f.time_to_repair().has_exponential();
}

// "stochastic.back_end_server: failures ...; repairs ...; stochastic.witness: ..."
std::string describe_laws(const SplitSystemCase& c) {
  std::string out;
  for (const auto& [cls, fm] : c.laws) {
    if (!out.empty()) out += "; ";
    out.append(cls)
        .append(": failures ")
        .append(describe_distribution(fm.time_to_failure()))
        .append(", repairs ")
        .append(describe_distribution(fm.time_to_repair()));
  }
  return out;
}

// What the output says in place of a chain's value.
const char* no_chain(const SplitSystemCase& c) {
  for (const auto& law : c.laws)
    if (!is_exponential(law.second)) return "none: no chain for non-exponential laws";
  if (!c.system.windows.empty()) return "none: no chain for maintenance windows";
  return "none for P(within a year) of this event (with these exponential laws --rare-method "
         "importance gives the chains' long-run rates)";
}
}  // namespace

int rare_system_splitting(const SweepArgs& args, const scenario::Scenario& s, uint64_t seed,
                          int threads, std::atomic<bool>* stop, const std::string& why,
                          RareReport* out) {
  const bool is_pair = args.rare == "pair-unavailable";
  const std::vector<SplitSystemCase> cases =
      is_pair ? split_pair_cases(s, args.rare) : split_back_end_cases(s, args.rare);
  out->method = "splitting";
  out->reason = why;
  out->effort = args.rare_effort;
  std::printf("rare event: %s in %s, seed %" PRIu64 "\n",
              is_pair ? "both pools of a pair unavailable at once (Windows Fabric quorum lost in "
                        "both)"
                      : "Back End unavailable (no SQL Server serves the pool's databases)",
              s.name().c_str(), seed);
  std::printf(
      "method: fixed-effort multilevel splitting of the first %s within a year (a probability\n"
      "  from all servers new at time 0, not a rate), levels = the fewest further server failures\n"
      "  that reach it; chosen because %s\n",
      is_pair ? "time both pools are stopped at once" : "Back End loss", why.c_str());
  const SplitWords words{is_pair ? "P(both pools down at once within a year)"
                                 : "P(Back End unavailable within a year)",
                         "reached the event", false};
  bool interrupted = false;
  for (const SplitSystemCase& c : cases) {
    const SplitOptions o = split_options(args, seed, threads, stop);
    const SplitResult r = run_split_system(c.system, o);
    interrupted = interrupted || r.interrupted;
    std::printf("\n%s: %s\n  laws: %s\n", c.label.c_str(), c.subject.c_str(),
                describe_laws(c).c_str());
    RarePoolEstimate pe;
    pe.pool = c.label;
    pe.servers = static_cast<int>(c.system.components.size());
    pe.subject = c.subject;
    pe.failure_model = describe_laws(c);
    const uint64_t plain = run_split_system_plain(c.system, seed, r.trajectories, threads);
    print_split_estimate(r, args.rare_effort, args.ci_halfwidth, std::nullopt, no_chain(c), plain,
                         words, &pe);
    out->pools.push_back(std::move(pe));
  }
  return finish_rare(interrupted, out);
}

}  // namespace drsim::cli
