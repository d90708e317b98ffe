// The report of a Monte Carlo sweep as files (docs/reports.md): a standalone sweep.html, the
// same as sweep.md with its charts as .svg files, and CSV exports. Everything is a pure
// function of a SweepDigest, so a report drawn from a live sweep and one drawn from the JSON
// it wrote are the same; writing the files is cli/'s job.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analysis/report_markup.h"
#include "analysis/sweep_digest.h"
#include "analysis/verdict.h"

namespace drsim {

struct SweepReportOptions {
  // The scenario as the replay command names it; "SCENARIO" when unknown.
  std::string scenario_path = "SCENARIO";
  // A policy target passes when the Wilson 95 % interval of the share of incidents meeting it
  // lies wholly at or above this share, and fails when it lies wholly below; otherwise the
  // sweep cannot tell yet. The product documents name no such share: it is the reader's
  // choice, and this is a common one.
  double required_met_share = 0.99;
  // How many of the worst replications per measure the HTML and Markdown list (the CSV has
  // every one the sweep kept).
  size_t worst_rows = 5;
  // With `sweep --advise`: the page's summary lists advise's top recommendations in plain
  // language, each with the command that reproduces it (line, command), or says that none
  // makes a failing target pass.
  bool advised = false;
  std::vector<std::pair<std::string, std::string>> recommendations;
};

// The tables of sweep.html and sweep.md, as data.
struct SweepTables {
  Stamp stamp;
  std::vector<Headline> headlines;
  Table availability;   // user-weighted and per pool
  Table distributions;  // RTO stages, RPO per category, downtime: mean, interval, p50 ... max
  Table policy;         // targets: share met, Wilson interval, verdict
  Table analytic;       // the Markov cross-check
  Table worst;          // the worst replications with their replay commands
  Table pstn;           // PSTN impact, time to PSTN restored, minutes lost ("not modelled")
  Table access;         // per modality impact and time to restored, remote user-hours lost
  Table pchat;          // Persistent Chat: impact, time to restore chat, messages lost
  Table pool_targets;   // per pool: RTO, RPO and availability against their targets
  Table downtime_cost;  // user-hours lost per year per modality, and their cost
  Table files;
};
SweepTables sweep_tables(const SweepDigest& d, const SweepReportOptions& options);

// A chart of the report: its file name and its <svg> element.
struct SweepChart {
  std::string file;     // "rto-total-histogram.svg"
  std::string caption;  // for Markdown's alt text
  std::string svg;
};
// Histogram and cumulative distribution, in that order: RTO total, each other RTO stage and
// each data category with a value above zero (user-data RPO always), then downtime per year.
std::vector<SweepChart> sweep_charts(const SweepDigest& d);

// "drsim run SCENARIO --seed S --replication K" with the sweep's --set overrides.
std::string replay_command(const SweepDigest& d, const std::string& scenario_path,
                           uint64_t replication);

std::string sweep_html(const SweepDigest& d, const SweepReportOptions& options);
std::string sweep_markdown(const SweepDigest& d, const SweepReportOptions& options);

// CSV exports; docs/reports.md lists every column.
std::string sweep_distributions_csv(const SweepDigest& d);
std::string sweep_histograms_csv(const SweepDigest& d);
std::string sweep_availability_csv(const SweepDigest& d);
std::string sweep_policy_csv(const SweepDigest& d, const SweepReportOptions& options);
std::string sweep_worst_csv(const SweepDigest& d, const SweepReportOptions& options);

// Every file of the sweep report, in a fixed order.
std::vector<ReportFile> sweep_report_files(const SweepDigest& d, const SweepReportOptions& options);

}  // namespace drsim
