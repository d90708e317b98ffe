// `drsim advise`: what to change to meet the policy. Generates the candidate changes
// (experiments/advise_candidates.h), sweeps the base and every allowed change with the same
// seed on every core and MPI rank, and writes the ranking as text, JSON and a report
// (analysis/advise.h). A change that no --set can express is written beside the report as a
// scenario file, so that its reproducing `drsim compare` command runs as printed.
#include <google/protobuf/text_format.h>

#include <cstdio>
#include <utility>

#include "analysis/advise.h"
#include "cli/commands.h"
#include "cli/mpi_world.h"
#include "cli/sweep_shared.h"
#include "experiments/advise_candidates.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/overrides.h"
#include "io/scenario_file.h"

namespace drsim::cli {

namespace {

std::string list_text(const std::vector<CandidateChange>& candidates) {
  std::string out;
  for (const CandidateChange& c : candidates) {
    out += c.info.id + ": " + c.info.title;
    if (!c.info.refused.empty()) out += " [refused: " + c.info.refused + "]";
    out += "\n";
  }
  return out;
}

// Rank 0's value on every rank (a sum to which only rank 0 contributes).
size_t from_root(size_t value) {
  const MpiWorld* world = MpiWorld::current();
  if (world == nullptr || world->size() == 1) return value;
  return static_cast<size_t>(world->sum(world->is_root() ? value : 0));
}

std::string scenario_text(const scenario::Scenario& s, const AdviceCandidate& c) {
  std::string body;
  google::protobuf::TextFormat::PrintToString(s, &body);
  return "# drsim advise: " + c.title + "\n" + body;
}

}  // namespace

int advise_into(const AdviseArgs& args, const LoadedScenario& loaded, std::atomic<bool>* stop,
                const SweepDigest* known_base, OutputSet* outputs, size_t* report_files,
                std::vector<std::pair<std::string, std::string>>* top) {
  scenario::Scenario base = loaded.scenario;
  apply_overrides(base, args.sets);
  if (!args.sets.empty()) validate_overridden(base, loaded.path);
  std::vector<CandidateChange> candidates = advice_candidates(base, loaded.path);
  apply_costs(&candidates, args.costs);
  const uint64_t seed = args.seed.value_or(loaded.scenario.seed());
  SweepOptions o;
  o.replications = args.replications;
  o.threads = sweep_thread_count(args.threads);
  o.seed = seed;
  o.stop = stop;
  o.keep_rows = true;  // each change's effect is paired with the base (analysis/paired.h)
  auto sweep = [&](const scenario::Scenario& s, const std::vector<std::string>& sets) {
    // The base's sweep, when the caller has just run it with these options (sweep --advise):
    // the same seed and replications give the same digest, so it is not run again.
    if (known_base != nullptr && &s == &base) return *known_base;
    std::vector<std::string> all = args.sets;
    all.insert(all.end(), sets.begin(), sets.end());
    SweepOptions point = o;
    point.replay = {args.scenario, all};
    const SweepResult r = sweep_on_all_ranks(s, point);
    const SweepReportInfo info{s.name(), loaded.sha256, seed, 0, r.interrupted, all};
    return digest_sweep(s, r.acc, info, {});
  };
  size_t started = 0;
  size_t total = 1;
  for (const CandidateChange& c : candidates) total += c.info.refused.empty() ? 1 : 0;
  auto progress = [&](const std::string& id) {
    ++started;
    if (is_sweep_root() && !args.quiet)
      std::fprintf(stderr, "[%zu/%zu] %s\n", started, total, id.c_str());
  };
  AdviceRun run = run_advice(candidates, sweep, base, progress);
  // Then the helpful changes together. Only rank 0 holds the merged sweeps that say which
  // changes helped; every rank must sweep the same combinations, so rank 0's choice is
  // sent to all.
  run.required_share = args.required_met_share;
  std::vector<size_t> helpful = helpful_changes(candidates, run);
  helpful.resize(from_root(helpful.size()));
  for (size_t& i : helpful) i = from_root(i);
  const std::vector<CandidateChange> combos = combined_candidates(candidates, helpful, base);
  for (const CandidateChange& c : combos) total += c.info.refused.empty() ? 1 : 0;
  sweep_candidates(&run, combos, sweep, progress);
  if (!is_sweep_root()) return run.interrupted ? kExitInternal : kExitOk;
  run.scenario_path = args.scenario;
  run.sets = args.sets;
  const std::vector<Recommendation> ranked = rank_advice(run);
  if (!args.quiet) std::fputs(advice_text(run, ranked, args.report_dir).c_str(), stdout);
  if (top != nullptr)
    for (const PlainRecommendation& r : top_recommendations(run, ranked, args.report_dir))
      top->emplace_back(r.line, r.command);
  if (!args.json_path.empty()) outputs->add(args.json_path, advice_json(run, ranked));
  if (!args.report_dir.empty()) {
    std::vector<ReportFile> report = advice_report_files(run, ranked, args.report_dir);
    for (const std::vector<CandidateChange>* list : {&std::as_const(candidates), &combos})
      for (const CandidateChange& c : *list)
        if (!c.info.file.empty() && c.info.refused.empty())
          report.push_back({c.info.file, scenario_text(c.changed, c.info)});
    *report_files += report.size();
    write_report_files(args.report_dir, "advice", report, outputs);
  }
  if (run.interrupted)
    std::fprintf(stderr, "interrupted: the ranking covers the changes that finished\n");
  return run.interrupted ? kExitInternal : kExitOk;
}

int advise_command(const AdviseArgs& args) {
  const LoadedScenario loaded = load_scenario(args.scenario);
  if (is_sweep_root())
    for (const Diagnostic& d : loaded.warnings) std::fprintf(stderr, "%s\n", d.format().c_str());
  if (args.list) {
    scenario::Scenario base = loaded.scenario;
    apply_overrides(base, args.sets);
    if (!args.sets.empty()) validate_overridden(base, loaded.path);
    std::vector<CandidateChange> candidates = advice_candidates(base, loaded.path);
    apply_costs(&candidates, args.costs);
    if (is_sweep_root()) std::fputs(list_text(candidates).c_str(), stdout);
    return kExitOk;
  }
  check_sweep_outputs({args.json_path}, args.report_dir);
  return run_interruptible([&](std::atomic<bool>* stop) {
    OutputSet outputs;
    size_t report_files = 0;
    const int code = advise_into(args, loaded, stop, nullptr, &outputs, &report_files);
    if (!is_sweep_root()) return code;
    if (!args.quiet)
      commit_sweep_outputs(outputs, report_files);
    else
      outputs.commit();
    return code;
  });
}

}  // namespace drsim::cli
