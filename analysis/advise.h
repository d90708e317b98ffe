// `drsim advise`: what an administrator can change to meet the policy. The candidates
// (experiments/advise_candidates.h) are each swept with the base scenario's seed, so that all
// see the same failures (common random numbers); this file holds the results as plain data,
// judges every policy target before and after each change, ranks the changes by what they
// do for the targets the base scenario fails, and writes the text, JSON and report pages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/report_markup.h"
#include "analysis/sweep_digest.h"

namespace drsim {

// One change an administrator can make, as plain data.
struct AdviceCandidate {
  std::string id;     // short and stable: what --cost names ("pair:pool1.contoso.com")
  std::string title;  // in plain language: "Pair pool1.contoso.com with pool2.contoso.com"
  // The --set assignments that make the change, or empty when it adds servers (no --set can):
  // the report then writes the changed scenario as `file` beside it.
  std::vector<std::string> sets;
  std::string file;            // whatif-<n>.pb.txt for a change no --set can express
  std::string refused;         // the rule the changed scenario breaks (sim/validate), or empty
  std::optional<double> cost;  // as the user gave it (--cost id=amount), in the user's unit
};

struct AdviceOutcome {
  AdviceCandidate candidate;
  SweepDigest digest;  // row digest of the changed scenario's sweep
};

struct AdviceRun {
  SweepDigest base;
  std::vector<AdviceCandidate> refused;  // changes that break a documented rule: not swept
  std::vector<AdviceOutcome> tried;
  double required_share = 0.99;   // a target passes when the share meeting it is surely above
  std::string scenario_path;      // as the user gave it, for the reproducing commands
  std::vector<std::string> sets;  // --set given for the base
  bool interrupted = false;
};

// A policy target (a disruption's RTO or RPO) before and after one change.
struct TargetChange {
  std::string disruption;  // kDisruptions
  std::string measure;     // "RTO" or "RPO"
  int64_t target_s = 0;
  ProportionDigest before, after;
  std::string verdict_before, verdict_after;  // policy_verdict: pass, fail, uncertain, ...
};

// A tried change and what it does for the targets the base does not pass.
struct Recommendation {
  const AdviceOutcome* outcome = nullptr;
  std::vector<TargetChange> targets;  // every target the base does not pass, in policy order
  int made_pass = 0;                  // of those, how many now pass
  int made_worse = 0;                 // targets that passed and no longer do
  double met_share_gain = 0;          // sum over the failing targets of after - before
  double availability_change = 0;     // user-weighted availability, after - before
  // User-hours without full service per year, after - before (mean over replications); the
  // downtime cost's change is this times the policy's cost_per_user_hour, when it gives one.
  double user_hours_change_per_year = 0;
  // The 95 % half-widths of the two changes above, from the paired per-replication
  // differences (analysis/paired.h: the change and the base met the same failures); none
  // when the sweeps kept no replication rows or ran fewer than two replications.
  std::optional<double> availability_change_ci95, user_hours_change_ci95;
  // With the PSTN modelled before and after: PSTN minutes lost per year; with remote sign-in
  // deployed before and after: remote user-hours without sign-in per year; each after -
  // before (mean over replications) with its paired 95 % half-width. None: not modelled.
  std::optional<double> pstn_minutes_change_per_year, pstn_minutes_change_ci95;
  std::optional<double> remote_user_hours_change_per_year, remote_user_hours_change_ci95;
  int still_failing = 0;    // targets of the policy that fail after the change
  int still_uncertain = 0;  // and that are uncertain (the interval straddles)
  int changes = 1;          // single changes it combines
};

// The targets the base does not pass (fail or uncertain), as TargetChange with after ==
// before; empty when every target passes or none is set.
std::vector<TargetChange> failing_targets(const SweepDigest& base, double required_share);

// Every tried change, best first: most failing targets made pass, then fewest made worse,
// then the largest gain in the share of incidents meeting them, then availability, then the
// fewest PSTN minutes lost, then the fewest remote user-hours without sign-in, then
// candidate order.
std::vector<Recommendation> rank_advice(const AdviceRun& run);

// The cheapest change that leaves no target failing (an uncertain one, whose interval
// straddles the required share, is not a failure: more replications settle it): the lowest
// cost among those with one, else (no cost given) the fewest changes combined, then rank
// order; null when every change tried leaves a target failing.
const Recommendation* cheapest_meeting_policy(const std::vector<Recommendation>& ranked);
// The changes with a cost that no other change beats on both cost and risk (the targets still
// failing, then the smaller gain in the share of incidents meeting the failing targets),
// cheapest first; empty when no cost was given.
std::vector<const Recommendation*> pareto_front(const std::vector<Recommendation>& ranked);

// A change's effect on the downtime cost per year (user_hours_change_per_year priced at the
// base's policy.cost_per_user_hour); none when the policy gives no cost.
std::optional<double> downtime_cost_change_per_year(const AdviceRun& run, const Recommendation& r);

// The reproducing command of a change: drsim compare with --whatif-set, or with its file.
std::string advice_command(const AdviceRun& run, const AdviceCandidate& c,
                           const std::string& report_dir);

// The top recommendations in plain language, each with the command that reproduces it: at
// most `n`, best first, only changes that make a failing target pass.
struct PlainRecommendation {
  std::string line;     // "Pair pool1 with pool2: makes site RTO 1h pass; ..."
  std::string command;  // advice_command
};
std::vector<PlainRecommendation> top_recommendations(const AdviceRun& run,
                                                     const std::vector<Recommendation>& ranked,
                                                     const std::string& report_dir, size_t n = 5);

std::string advice_text(const AdviceRun& run, const std::vector<Recommendation>& ranked,
                        const std::string& report_dir);
std::string advice_json(const AdviceRun& run, const std::vector<Recommendation>& ranked);
// advice.html, advice.md, advice.csv (one row per change and failing target).
std::vector<ReportFile> advice_report_files(const AdviceRun& run,
                                            const std::vector<Recommendation>& ranked,
                                            const std::string& report_dir);

}  // namespace drsim
