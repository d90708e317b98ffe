// `drsim sweep` (Monte Carlo, grids) and `drsim compare` (what-if with common random numbers).
#include <unistd.h>

#include <atomic>
#include <cinttypes>
#include <csignal>
#include <cstdio>
#include <thread>

#include "analysis/compare.h"
#include "analysis/markov.h"
#include "analysis/sweep.h"
#include "analysis/sweep_report.h"
#include "cli/commands.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/overrides.h"
#include "io/scenario_file.h"
#include "sim/simulate.h"

namespace drsim::cli {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_sigint(int) { g_stop.store(true); }

// Ctrl-C stops the sweep cleanly: running replications finish, the rest are skipped, and
// what finished is reported (marked interrupted).
struct InterruptGuard {
  InterruptGuard() { std::signal(SIGINT, on_sigint); }
  ~InterruptGuard() { std::signal(SIGINT, SIG_DFL); }
};

void progress_bar(uint64_t done, uint64_t total) {
  if (!isatty(STDERR_FILENO)) return;
  const int width = 40;
  const int filled = total > 0 ? static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width) : width;
  std::fprintf(stderr, "\r[%.*s%*s] %" PRIu64 "/%" PRIu64, filled, "########################################",
               width - filled, "", done, total);
  if (done >= total) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

int thread_count(int requested) {
  return requested > 0 ? requested : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// A scenario with overrides applied and validated, ready to sweep.
scenario::Scenario prepare(const LoadedScenario& loaded, const std::vector<std::string>& sets) {
  scenario::Scenario s = loaded.scenario;
  apply_overrides(s, sets);
  if (!sets.empty()) validate_overridden(s, loaded.path);
  return s;
}

void check_metric(const std::string& metric) {
  for (const std::string& m : metric_names())
    if (m == metric) return;
  std::string all;
  for (const std::string& m : metric_names()) all += " " + m;
  throw InputError("--metric", "'" + metric + "' is not a sweep metric; one of:" + all);
}

// One CSV row per grid point, the unit as the last word of every column name.
std::string grid_csv_header(const std::vector<std::string>& paths) {
  std::string h;
  for (const std::string& p : paths) h += p + ",";
  h += "replications_count,user_availability_mean_fraction,user_availability_ci95_fraction,"
       "downtime_per_year_mean_s,incidents_per_year_mean_count,rto_total_mean_s,rto_total_p95_s,"
       "rto_execute_mean_s,rpo_user_data_mean_s,rpo_user_data_p99_s,rpo_user_data_max_s\n";
  return h;
}

std::string grid_csv_row(const std::vector<std::string>& values, const SweepAccumulator& a) {
  std::string row;
  for (const std::string& v : values) row += v + ",";
  char buf[512];
  const Stat& rto = a.rto_s[4];
  const Stat& rpo = a.rpo_s[0];
  std::snprintf(buf, sizeof buf, "%" PRIu64 ",%.10f,%.10f,%.3f,%.6f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", a.replications,
                a.user_availability.mean(), a.user_availability.ci95_halfwidth(), a.downtime_s_per_year.mean(),
                a.incidents_per_year.mean(), rto.mean(), rto.quantile(0.95), a.rto_s[2].mean(), rpo.mean(),
                rpo.quantile(0.99), rpo.n() > 0 ? rpo.max() : 0.0);
  return row + buf;
}

}  // namespace

int sweep_command(const SweepArgs& args) {
  const LoadedScenario loaded = load_scenario(args.scenario);
  for (const Diagnostic& d : loaded.warnings) std::fprintf(stderr, "%s\n", d.format().c_str());
  if (args.ci_halfwidth > 0) check_metric(args.metric);
  const uint64_t seed = args.seed.value_or(loaded.scenario.seed());
  InterruptGuard guard;

  if (!args.grid.empty()) {
    // Every combination of the grid's values, in the order given, each a full sweep.
    std::vector<std::string> paths;
    std::vector<std::vector<std::string>> values;
    for (const std::string& g : args.grid) {
      const size_t eq = g.find('=');
      if (eq == std::string::npos) throw InputError("--grid " + g, "expected path=v1,v2,...");
      paths.push_back(g.substr(0, eq));
      values.emplace_back();
      size_t pos = eq + 1;
      while (pos <= g.size()) {
        const size_t comma = g.find(',', pos);
        values.back().push_back(g.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        if (comma == std::string::npos) break;
        pos = comma + 1;
      }
    }
    std::string csv = grid_csv_header(paths);
    std::vector<size_t> at(paths.size(), 0);
    for (;;) {
      std::vector<std::string> sets = args.sets, point;
      for (size_t i = 0; i < paths.size(); ++i) {
        sets.push_back(paths[i] + "=" + values[i][at[i]]);
        point.push_back(values[i][at[i]]);
      }
      const scenario::Scenario s = prepare(loaded, sets);
      SweepOptions o;
      o.replications = args.replications;
      o.threads = thread_count(args.threads);
      o.seed = seed;
      o.stop = &g_stop;
      const SweepResult r = run_sweep(s, o);
      csv += grid_csv_row(point, r.acc);
      std::fprintf(stderr, "grid point %s: availability %.6f %%\n", sets.back().c_str(), r.acc.user_availability.mean() * 100);
      if (r.interrupted) break;
      size_t i = 0;
      while (i < at.size() && ++at[i] == values[i].size()) at[i++] = 0;
      if (i == at.size()) break;
    }
    if (args.csv_path.empty()) std::fputs(csv.c_str(), stdout);
    else write_file_atomically(args.csv_path, csv);
    return g_stop.load() ? kExitInternal : kExitOk;
  }

  const scenario::Scenario s = prepare(loaded, args.sets);
  SweepOptions o;
  o.replications = args.replications;
  o.first_replication = args.first_replication;
  o.threads = thread_count(args.threads);
  o.seed = seed;
  o.ci_halfwidth = args.ci_halfwidth;
  o.metric = args.metric;
  o.stop = &g_stop;
  o.progress = progress_bar;
  const SweepResult r = run_sweep(s, o);
  SweepReportInfo info{s.name(), loaded.sha256, seed, args.first_replication, r.interrupted, args.sets};
  const std::vector<AnalyticCheck> analytic = analytic_checks(s, r.acc);
  std::fputs(sweep_report_text(s, r.acc, info, analytic).c_str(), stdout);
  std::fprintf(stderr, "%" PRIu64 " replications in %.2f s on %d threads: %.0f replications/s%s\n",
               r.acc.replications, r.seconds, o.threads, static_cast<double>(r.acc.replications) / r.seconds,
               r.reached_precision ? " (reached the requested precision)" : "");
  if (!args.json_path.empty()) write_file_atomically(args.json_path, sweep_report_json(s, r.acc, info, analytic));
  if (r.interrupted) std::fprintf(stderr, "interrupted: the report covers the replications that finished\n");
  return r.interrupted ? kExitInternal : kExitOk;
}

int compare_command(const CompareArgs& args) {
  const LoadedScenario base = load_scenario(args.base);
  const LoadedScenario whatif = load_scenario(args.whatif);
  const uint64_t seed = args.seed.value_or(base.scenario.seed());
  InterruptGuard guard;
  const scenario::Scenario b = prepare(base, args.sets);
  const scenario::Scenario w = prepare(whatif, args.sets);
  const CompareResult r = run_compare(b, w, seed, args.replications, thread_count(args.threads), &g_stop);
  std::printf("base %s vs what-if %s\n", b.name().c_str(), w.name().c_str());
  std::fputs(compare_report_text(r).c_str(), stdout);
  if (!args.json_path.empty()) write_file_atomically(args.json_path, compare_report_json(r, seed, b.name(), w.name()));
  return r.interrupted ? kExitInternal : kExitOk;
}

}  // namespace drsim::cli
