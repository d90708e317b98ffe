// `drsim sweep` (Monte Carlo, grids) and `drsim compare` (what-if with common random numbers).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <csignal>
#include <cstdio>
#include <functional>
#include <thread>

#include "analysis/compare.h"
#include "analysis/compare_page.h"
#include "analysis/compare_text.h"
#include "analysis/markov.h"
#include "analysis/rare_report.h"
#include "analysis/sweep.h"
#include "analysis/sweep_digest.h"
#include "analysis/sweep_grid.h"
#include "analysis/sweep_page.h"
#include "analysis/sweep_report.h"
#include "analysis/sweep_rows.h"
#include "cli/commands.h"
#include "cli/mpi_world.h"
#include "cli/sweep_shared.h"
#include "experiments/compare_run.h"
#include "experiments/grid_run.h"
#include "experiments/sweep_run.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/overrides.h"
#include "io/scenario_file.h"
#include "sim/simulate.h"

namespace drsim::cli {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_sigint(int) { g_stop.store(true); }

// Ctrl-C (or a SIGTERM, as from `timeout`) stops the sweep cleanly: running replications
// finish, the rest are skipped, and what finished is reported (marked interrupted).
struct InterruptGuard {
  InterruptGuard() {
    std::signal(SIGINT, on_sigint);
    std::signal(SIGTERM, on_sigint);
  }
  ~InterruptGuard() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
  }
};

void progress_bar(uint64_t done, uint64_t total) {
  if (!isatty(STDERR_FILENO)) return;
  const int width = 40;
  const int filled =
      total > 0 ? static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width)
                : width;
  std::fprintf(stderr, "\r[%.*s%*s] %" PRIu64 "/%" PRIu64, filled,
               "########################################", width - filled, "", done, total);
  if (done >= total) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

// A sweep across this process's threads and, under mpirun, every rank. On rank 0 the result
// holds every finished replication; the other ranks' results are their own share.
SweepResult sweep_everywhere(const scenario::Scenario& s, const SweepOptions& o) {
  static MpiWorld single(nullptr, nullptr);
  const MpiWorld& world = MpiWorld::current() != nullptr ? *MpiWorld::current() : single;
  SweepResult result{SweepAccumulator(s, o.keep_rows), false, false, 0};
  const auto t0 = std::chrono::steady_clock::now();
  // Batches set the progress bar's steps and the --ci-halfwidth checks; across ranks each
  // batch ends in a collective, so they are larger there.
  // Each batch ends with every thread joined: too many small batches cost scaling.
  const uint64_t per_step = std::max<uint64_t>(1, o.replications / 20);
  const uint64_t batch =
      o.ci_halfwidth > 0 ? o.batch
      : world.size() > 1 ? std::max<uint64_t>(per_step, 250 * static_cast<uint64_t>(world.size()))
                         : per_step;
  run_distributed(
      world, s, o.seed, o.first_replication, o.replications, batch, o.threads, o.stop, &result.acc,
      o.ci_halfwidth > 0,
      [&](uint64_t done, const SweepAccumulator& merged) {
        if (world.is_root() && o.progress) o.progress(done, o.replications);
        if (o.ci_halfwidth <= 0) return false;
        double ci = 0;
        metric_value(merged, o.metric, &ci);
        result.reached_precision = ci <= o.ci_halfwidth;
        return result.reached_precision;
      },
      o.replay);
  result.reached_precision = world.broadcast(result.reached_precision);
  result.interrupted = o.stop != nullptr && o.stop->load();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

bool is_root() { return MpiWorld::current() == nullptr || MpiWorld::current()->is_root(); }

// Every output (on rank 0, which alone writes) is checked before the first replication: an
// unwritable path fails in a second, not after an hour of sweeping.
void check_outputs(const std::vector<std::string>& files, const std::string& report_dir) {
  if (!is_root()) return;
  // The report directory first: made with its parents, it may hold the other files.
  if (!report_dir.empty()) prepare_output_directory(report_dir);
  for (const std::string& f : files)
    if (!f.empty()) check_writable(f);
}

// Commits a command's outputs together and says what was written (the report's files as one
// line: there are dozens).
void commit_outputs(OutputSet& outputs, size_t report_files) {
  const std::vector<std::string> written = outputs.commit();
  for (size_t i = 0; i + report_files < written.size(); ++i)
    std::fprintf(stderr, "wrote %s\n", written[i].c_str());
  if (report_files > 0)
    std::fprintf(stderr, "wrote %s and %zu more files\n",
                 written[written.size() - report_files].c_str(), report_files - 1);
}

int thread_count(int requested) {
  return requested > 0 ? requested
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
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

// Every combination of the grid's values, in the order given (the first path varies
// fastest), each a full sweep. Rows are written as each point finishes, to the CSV's temp
// file (renamed at the end, with the report) or to stdout; Ctrl-C keeps the rows finished.
int grid_command(const SweepArgs& args, const LoadedScenario& loaded, uint64_t seed) {
  const GridSpec spec = parse_grid(args.grid);
  // A value that is no value of its field fails before the first point runs.
  for (size_t i = 0; i < spec.paths.size(); ++i)
    for (const std::string& v : spec.values[i]) {
      scenario::Scenario probe = loaded.scenario;
      apply_overrides(probe, args.sets);
      apply_override(probe, spec.paths[i] + "=" + v);
    }
  check_outputs({args.csv_path}, args.report_dir);
  std::unique_ptr<AtomicFile> csv;
  if (is_root() && !args.csv_path.empty()) csv = std::make_unique<AtomicFile>(args.csv_path);
  auto emit = [&](const std::string& text) {
    if (!is_root()) return;
    if (csv != nullptr) {
      csv->write(text);
    } else {
      std::fputs(text.c_str(), stdout);
      std::fflush(stdout);
    }
  };
  Grid grid{spec.paths, {}, select_grid_columns(args.columns)};
  emit(grid_csv_header(spec.paths, grid.columns));
  for_grid_points(spec, [&](const std::vector<std::string>& point) {
    std::vector<std::string> sets = args.sets;
    for (size_t i = 0; i < spec.paths.size(); ++i) sets.push_back(spec.paths[i] + "=" + point[i]);
    const scenario::Scenario s = prepare(loaded, sets);
    SweepOptions o;
    o.replications = args.replications;
    o.threads = thread_count(args.threads);
    o.seed = seed;
    o.stop = &g_stop;
    o.replay = {args.scenario, sets};
    const SweepResult r = sweep_everywhere(s, o);
    const SweepReportInfo info{s.name(), loaded.sha256, seed, 0, r.interrupted, sets};
    GridPoint done{point, row_digest(digest_sweep(s, r.acc, info, {}))};
    emit(grid_csv_row(done, grid.columns));
    if (is_root() && !args.quiet)
      std::fputs(grid_point_text(spec.paths, done, grid.columns).c_str(), stderr);
    if (!args.report_dir.empty()) grid.points.push_back(std::move(done));
    return !r.interrupted;
  });
  if (!is_root()) return kExitOk;
  OutputSet outputs;
  if (csv != nullptr) outputs.add(std::move(csv));
  const std::vector<ReportFile> report =
      args.report_dir.empty() ? std::vector<ReportFile>{} : grid_report_files(grid);
  if (!report.empty()) write_report_files(args.report_dir, "grid", report, &outputs);
  if (!args.quiet)
    commit_outputs(outputs, report.size());
  else
    outputs.commit();
  if (g_stop.load()) std::fprintf(stderr, "interrupted: the grid holds the points that finished\n");
  return g_stop.load() ? kExitInternal : kExitOk;
}

// advise's options from the sweep's: the same scenario, overrides, seed, replications,
// threads, required share and report directory.
AdviseArgs advise_args(const SweepArgs& args) {
  AdviseArgs a;
  a.scenario = args.scenario;
  a.replications = args.replications;
  a.threads = args.threads;
  a.seed = args.seed;
  a.sets = args.sets;
  a.costs = args.costs;
  a.required_met_share = args.required_met_share;
  a.json_path = args.advise_json_path;
  a.report_dir = args.report_dir;
  a.quiet = args.quiet;
  return a;
}

}  // namespace

// What the other sweep-running commands share with sweep (cli/sweep_shared.h).
SweepResult sweep_on_all_ranks(const scenario::Scenario& s, const SweepOptions& o) {
  return sweep_everywhere(s, o);
}
bool is_sweep_root() { return is_root(); }
int sweep_thread_count(int requested) { return thread_count(requested); }
void check_sweep_outputs(const std::vector<std::string>& files, const std::string& report_dir) {
  check_outputs(files, report_dir);
}
void commit_sweep_outputs(OutputSet& outputs, size_t report_files) {
  commit_outputs(outputs, report_files);
}
int run_interruptible(const std::function<int(std::atomic<bool>*)>& body) {
  InterruptGuard guard;
  return body(&g_stop);
}

int sweep_command(const SweepArgs& args) {
  const LoadedScenario loaded = load_scenario(args.scenario);
  if (is_root())
    for (const Diagnostic& d : loaded.warnings) std::fprintf(stderr, "%s\n", d.format().c_str());
  if (args.ci_halfwidth > 0) check_metric(args.metric);
  const uint64_t seed = args.seed.value_or(loaded.scenario.seed());
  if (!args.columns.empty() && args.grid.empty())
    throw InputError("--columns", "only with --grid: a sweep's text and JSON report every figure");
  if (!args.replications_csv.empty() && !args.grid.empty())
    throw InputError("--replications-csv", "not with --grid: it is the rows of one sweep");
  if (!args.replications_csv.empty() && args.replications > kMaxReplicationRows)
    throw InputError("--replications-csv", "keeps a row per replication in memory: at most " +
                                               std::to_string(kMaxReplicationRows) +
                                               " replications");
  if (args.advise) {
    const char* clash = !args.grid.empty()           ? "--grid"
                        : !args.rare.empty()         ? "--rare"
                        : args.ci_halfwidth > 0      ? "--ci-halfwidth"
                        : args.first_replication > 0 ? "--first-replication"
                        : args.replications < 2      ? "-n 1"
                                                     : nullptr;
    if (clash != nullptr)
      throw InputError("--advise", std::string("not with ")
                                       .append(clash)
                                       .append(": advise sweeps every change over the sweep's own "
                                               "replications, from the first, -n of them"));
  } else if (!args.advise_json_path.empty() || !args.costs.empty()) {
    throw InputError(args.costs.empty() ? "--advise-json" : "--cost", "only with --advise");
  }
  InterruptGuard guard;
  if (!args.rare.empty() && !args.grid.empty())
    throw InputError("--grid", "not with --rare: the rare-event estimate is of one scenario");
  if (!args.grid.empty()) return grid_command(args, loaded, seed);

  const scenario::Scenario s = prepare(loaded, args.sets);
  if (!args.rare.empty()) {
    if (!args.replications_csv.empty())
      throw InputError("--replications-csv",
                       "not with --rare: the rare-event estimate has no replication rows "
                       "(--json and --report write its figures)");
    if (args.first_replication != 0)
      throw InputError("--first-replication",
                       "not with --rare: the rare-event estimate runs its replications in "
                       "one process, from the first");
    // Rank 0 runs every replication: the figures do not depend on the rank count.
    if (!is_root()) return kExitOk;
    check_outputs({args.json_path}, args.report_dir);
    RareReport rare;
    rare.scenario_sha256 = loaded.sha256;
    const int code = rare_sweep_command(args, s, seed, thread_count(args.threads), &g_stop, &rare);
    OutputSet outputs;
    if (!args.json_path.empty()) outputs.add(args.json_path, rare_json(rare));
    std::vector<ReportFile> report;
    if (!args.report_dir.empty()) {
      report = rare_report_files(rare);
      write_report_files(args.report_dir, "rare", report, &outputs);
    }
    if (!args.quiet)
      commit_outputs(outputs, report.size());
    else
      outputs.commit();
    return code;
  }
  check_outputs({args.json_path, args.replications_csv, args.advise_json_path}, args.report_dir);
  SweepOptions o;
  o.replications = args.replications;
  o.first_replication = args.first_replication;
  o.threads = thread_count(args.threads);
  o.seed = seed;
  o.ci_halfwidth = args.ci_halfwidth;
  o.metric = args.metric;
  o.stop = &g_stop;
  if (!args.quiet) o.progress = progress_bar;
  o.replay = {args.scenario, args.sets};
  // advise pairs its candidates with the base replication by replication (analysis/paired.h).
  o.keep_rows = !args.replications_csv.empty() || args.advise;
  const SweepResult r = sweep_everywhere(s, o);
  // advise's own sweep of the base, made as advise makes it: the same seed and replications.
  const AdviseArgs advice = advise_args(args);
  const SweepDigest advise_base = digest_sweep(
      s, r.acc, SweepReportInfo{s.name(), loaded.sha256, seed, 0, r.interrupted, args.sets}, {});
  const bool advise = args.advise && !r.interrupted;
  if (!is_root()) {
    if (!advise) return r.interrupted ? kExitInternal : kExitOk;
    OutputSet none;
    size_t ignored = 0;
    return advise_into(advice, loaded, &g_stop, &advise_base, &none, &ignored);
  }
  SweepReportInfo info{s.name(),      loaded.sha256, seed, args.first_replication,
                       r.interrupted, args.sets};
  SweepDigest digest = digest_sweep(s, r.acc, info, analytic_checks(s, r.acc));
  digest.required_met_share = args.required_met_share;
  digest.availability_target = args.availability_target;
  if (!args.quiet) std::fputs(sweep_text(digest).c_str(), stdout);
  const int ranks = MpiWorld::current() != nullptr ? MpiWorld::current()->size() : 1;
  if (!args.quiet)
    std::fprintf(stderr,
                 "%" PRIu64
                 " replications in %.2f s on %d rank(s) x %d threads: %.0f replications/s%s\n",
                 r.acc.replications, r.seconds, ranks, o.threads,
                 static_cast<double>(r.acc.replications) / r.seconds,
                 r.reached_precision ? " (reached the requested precision)" : "");
  OutputSet outputs;
  if (!args.json_path.empty()) outputs.add(args.json_path, sweep_json(digest));
  if (!args.replications_csv.empty())
    outputs.add(args.replications_csv, replication_rows_csv(r.acc.rows, seed));
  size_t report_files = 0;
  int code = r.interrupted ? kExitInternal : kExitOk;
  SweepReportOptions options;
  options.scenario_path = args.scenario;
  options.required_met_share = args.required_met_share;
  if (advise) {
    if (!args.quiet) std::fputs("\nadvice:\n", stdout);
    code = advise_into(advice, loaded, &g_stop, &advise_base, &outputs, &report_files,
                       &options.recommendations);
    options.advised = code == kExitOk;
  } else if (args.advise) {
    std::fprintf(stderr, "interrupted: no advice (it needs the whole sweep)\n");
  }
  if (!args.report_dir.empty()) {
    const std::vector<ReportFile> report = sweep_report_files(digest, options);
    report_files += report.size();
    write_report_files(args.report_dir, "sweep", report, &outputs);
  }
  if (!args.quiet)
    commit_outputs(outputs, report_files);
  else
    outputs.commit();
  if (r.interrupted)
    std::fprintf(stderr, "interrupted: the report covers the replications that finished\n");
  return code;
}

int compare_command(const CompareArgs& args) {
  const LoadedScenario base = load_scenario(args.base);
  const LoadedScenario whatif = args.whatif.empty() ? base : load_scenario(args.whatif);
  if (args.whatif.empty() && args.whatif_sets.empty())
    throw InputError("compare", "give a what-if scenario or --whatif-set path=value");
  const uint64_t seed = args.seed.value_or(base.scenario.seed());
  InterruptGuard guard;
  const scenario::Scenario b = prepare(base, args.sets);
  std::vector<std::string> whatif_sets = args.sets;
  whatif_sets.insert(whatif_sets.end(), args.whatif_sets.begin(), args.whatif_sets.end());
  const scenario::Scenario w = prepare(whatif, whatif_sets);
  check_outputs({args.json_path}, args.report_dir);
  const CompareResult r = run_compare(b, w, seed, args.replications, thread_count(args.threads),
                                      &g_stop, {args.base, args.sets},
                                      {args.whatif.empty() ? args.base : args.whatif, whatif_sets});
  std::printf("base %s vs what-if %s\n", b.name().c_str(), w.name().c_str());
  std::fputs(compare_report_text(r).c_str(), stdout);
  OutputSet outputs;
  if (!args.json_path.empty())
    outputs.add(args.json_path, compare_report_json(r, seed, b.name(), w.name()));
  std::vector<ReportFile> report;
  if (!args.report_dir.empty()) {
    const CompareReportInfo info{seed,          b.name(),  w.name(),        base.sha256,
                                 whatif.sha256, args.sets, args.whatif_sets};
    report = compare_report_files(r, info);
    write_report_files(args.report_dir, "compare", report, &outputs);
  }
  commit_outputs(outputs, report.size());
  return r.interrupted ? kExitInternal : kExitOk;
}

}  // namespace drsim::cli
