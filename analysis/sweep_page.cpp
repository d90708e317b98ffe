// The sweep report's tables, charts, pages and files; see sweep_page.h. The CSV files are in
// sweep_csv.cpp.
#include "analysis/sweep_page.h"

#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "analysis/distribution_svg.h"
#include "analysis/downtime_cost.h"
#include "analysis/pool_targets.h"
#include "analysis/report_format.h"
#include "analysis/run_report.h"
#include "analysis/svg.h"
#include "analysis/sweep_cells.h"
#include "analysis/sweep_pchat.h"

namespace drsim {

namespace {

using sweep_cells::u64;
std::string percent6(double fraction) { return fixed(fraction * 100, 6) + " %"; }
std::string percent2(double fraction) { return fixed(fraction * 100, 2) + " %"; }
using sweep_cells::num;
using sweep_cells::word;

std::string stage_title(const std::string& stage) {
  return "RTO " + (stage == "clients_back" ? std::string("clients back") : stage);
}
std::string rpo_title(const std::string& category) { return "RPO: " + category_title(category); }

// The policy's targets for one measure as chart lines: one line per distinct value, named by
// the kinds of disruption it applies to when they differ.
std::vector<ChartTarget> targets(const SweepDigest& d, bool rto) {
  std::vector<std::pair<int64_t, std::string>> distinct;
  size_t with_target = 0;
  for (const PolicyDigest& p : d.policy) {
    const std::optional<int64_t>& t = rto ? p.rto_target_s : p.rpo_target_s;
    if (!t) continue;
    ++with_target;
    auto it = std::find_if(distinct.begin(), distinct.end(),
                           [&](const auto& e) { return e.first == *t; });
    if (it == distinct.end())
      distinct.emplace_back(*t, p.disruption);
    else
      it->second += ", " + p.disruption;
  }
  std::vector<ChartTarget> out;
  for (const auto& [value, kinds] : distinct) {
    const std::string who =
        distinct.size() == 1 && with_target == d.policy.size() ? "" : kinds + " ";
    out.push_back(
        {static_cast<double>(value), who + "target " + short_duration(static_cast<double>(value))});
  }
  return out;
}

Cell optional_halfwidth(const DistributionDigest& x) {
  return num(x.ci95_halfwidth ? "± " + human_s(*x.ci95_halfwidth) : "-");
}

void distribution_row(Table& t, const std::string& name, const DistributionDigest& x,
                      const char* counted) {
  t.rows.push_back({word(name), num(u64(x.n), counted), num(human_s(x.mean)), optional_halfwidth(x),
                    num(human_s(x.p50)), num(human_s(x.p95)), num(human_s(x.p99)),
                    num(human_s(x.max)), num(x.max_replication ? u64(*x.max_replication) : "-")});
}

Table availability_table(const SweepDigest& d) {
  Table t;
  t.head = {"Scope", "Replications", "Mean availability", "± 95 %", "95 % interval"};
  t.empty_note = "No replications finished.";
  if (d.replications == 0) return t;
  auto row = [&](const std::string& scope, const DistributionDigest& a, const std::string& note) {
    const double h = a.ci95_halfwidth.value_or(0);
    t.rows.push_back({word(scope, note), num(u64(a.n)), num(percent6(a.mean)),
                      num(a.ci95_halfwidth ? "± " + fixed(h * 100, 6) : "-"),
                      num(a.ci95_halfwidth ? "[" + fixed((a.mean - h) * 100, 6) + ", " +
                                                 fixed(std::min(1.0, a.mean + h) * 100, 6) + "] %"
                                           : "-")});
  };
  row("all users", d.user_availability, "user-weighted");
  for (const auto& [fqdn, a] : d.pool_availability) row(fqdn, a, "");
  return t;
}

Table distributions_table(const SweepDigest& d) {
  Table t;
  t.head = {"Quantity",          "Values", "Mean", "± 95 %", "p50", "p95", "p99", "Max",
            "Replication of max"};
  t.note =
      "RTO over incidents with user impact, RPO over incidents that lost data in the category, "
      "downtime "
      "per user per year over replications. Percentiles are read from 2 % buckets.";
  t.empty_note = "No incidents in any replication.";
  for (const auto& [stage, x] : d.rto_s)
    if (x.n > 0) distribution_row(t, stage_title(stage), x, "incidents");
  for (const auto& [category, x] : d.rpo_s)
    if (x.n > 0) distribution_row(t, rpo_title(category), x, "incidents");
  if (d.downtime_s_per_year.n > 0)
    distribution_row(t, "Downtime per user per year", d.downtime_s_per_year, "replications");
  return t;
}

// The PSTN: how often incidents cost users PSTN calling, how long until every user could
// place and receive calls again, and the minutes lost per year; one row saying so in words
// when the scenario has no gateway.
Table pstn_table(const SweepDigest& d) {
  Table t;
  t.head = {"Quantity", "Values", "Mean", "p50", "p95", "p99", "Max"};
  if (!d.pstn_modelled) {
    t.empty_note = "PSTN not modelled: the scenario has no PSTN gateway or branch office.";
    return t;
  }
  t.note =
      "Incidents in which some users (of the pools or the branch offices) could not place or "
      "receive PSTN calls; the time until every user could do both again; PSTN minutes lost "
      "(calls refused or cut off x the mean call duration) per replication and year.";
  sweep_cells::share_row(t, "Incidents with PSTN impact", d.pstn_impact, "with impact");
  sweep_cells::spread_row(t, "Time to PSTN restored", d.pstn_rto_s, "incidents", human_s);
  if (d.pstn_unrestored_incidents > 0)
    sweep_cells::count_row(t, "PSTN not restored by the horizon", d.pstn_unrestored_incidents);
  sweep_cells::spread_row(
      t, "PSTN minutes lost per year", d.pstn_minutes_lost_per_year, "replications",
      [](double v) { return (v < 100 ? fixed(v, 1) : grouped(std::llround(v))) + " min"; });
  return t;
}

// Remote access and federation: per modality the scenario deploys, how often incidents
// impaired it and how long until it was fully back; the remote user-hours without sign-in
// per year. A modality not deployed says so in words, and so does a scenario without Edge
// pools.
Table access_table(const SweepDigest& d) {
  Table t;
  t.head = {"Quantity", "Values", "Mean", "p50", "p95", "p99", "Max"};
  if (!d.access_modelled) {
    t.empty_note = "Remote access not modelled: the scenario has no Edge pool.";
    return t;
  }
  t.note =
      "Per modality: incidents in which it was degraded or down for users outside the network "
      "or federated partners, and the time from the incident's start until it was fully back; "
      "remote user-hours without sign-in per replication and year (docs/model.md, remote "
      "access and federation).";
  using sweep_cells::dash;
  for (const AccessModalityDigest& m : d.access) {
    const std::string name = access_modality_text(m.modality);
    if (!m.deployed) {
      std::string head = name;
      head[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(head[0])));
      t.rows.push_back({word(head), num("not deployed"), dash(), dash(), dash(), dash(), dash()});
      continue;
    }
    sweep_cells::share_row(t, "Incidents impairing " + name, m.impact, "impaired");
    sweep_cells::spread_row(t, "Time to " + name + " restored", m.rto_s, "incidents", human_s);
    if (m.unrestored_incidents > 0)
      sweep_cells::count_row(t, std::string(name).append(" not restored by the horizon"),
                             m.unrestored_incidents);
  }
  if (remote_sign_in_deployed(d))
    sweep_cells::spread_row(t, "Remote user-hours without sign-in per year",
                            d.remote_user_hours_lost_per_year, "replications", [](double v) {
                              return (v < 100 ? fixed(v, 1) : grouped(std::llround(v))) + " h";
                            });
  return t;
}

// The headline for remote access: remote sign-in's share of incidents and user-hours, or in
// words why there is none.
Headline access_headline(const SweepDigest& d) {
  if (!d.access_modelled)
    return {"Remote access", "not modelled", "no Edge pool in the scenario", ""};
  if (!remote_sign_in_deployed(d))
    return {"Remote sign-in", "not deployed", "no remote users (remote_user_share)", ""};
  const AccessModalityDigest& m = d.access[static_cast<size_t>(Modality::kRemoteSignIn)];
  return {"Incidents impairing remote sign-in", percent2(m.impact.fraction),
          grouped(std::llround(d.remote_user_hours_lost_per_year.mean)) +
              " remote user-hours lost per year",
          ""};
}

std::string verdict_tone(const std::string& verdict) {
  if (verdict == "pass") return "good";
  if (verdict == "fail") return "bad";
  return verdict == "uncertain" ? "warn" : "";
}

Table policy_table(const SweepDigest& d, const SweepReportOptions& o) {
  Table t;
  t.head = {
      "Disruption", "Measure", "Target", "Incidents", "Met", "Share met", "95 % interval (Wilson)",
      "Verdict"};
  t.empty_note = "The scenario sets no policy targets (policy { site { rto_s: ... rpo_s: ... } }).";
  t.note =
      "Each incident's total RTO, and its worst RPO over the data the Backup Service protects, "
      "against the "
      "target for its kind of disruption. Pass: the interval lies at or above " +
      percent2(o.required_met_share) +
      " of incidents; fail: below it; uncertain: it straddles it." +
      (d.modality_targets.empty()
           ? ""
           : " PSTN calling and remote sign-in (policy.pstn_rto_s, remote_sign_in_rto_s): of the "
             "incidents of any kind that cost them, those back within the target; one not back "
             "by the horizon misses it.");
  auto row = [&](const std::string& disruption, const std::string& measure, int64_t target,
                 const ProportionDigest& m) {
    const std::string verdict = policy_verdict(m, o.required_met_share);
    const bool any = m.incidents > 0;
    t.rows.push_back(
        {word(disruption), word(measure), num(human_s(static_cast<double>(target))),
         num(u64(m.incidents)), num(u64(m.met)), num(any ? percent2(m.fraction) : "-"),
         num(any ? "[" + fixed(m.ci95_low * 100, 2) + ", " + fixed(m.ci95_high * 100, 2) + "] %"
                 : "-"),
         word(verdict, "", verdict_tone(verdict))});
  };
  for (const PolicyDigest& p : d.policy) {
    if (p.rto_target_s) row(p.disruption, "RTO", *p.rto_target_s, p.rto_met);
    if (p.rpo_target_s) row(p.disruption, "RPO", *p.rpo_target_s, p.rpo_met);
  }
  for (const ModalityTargetDigest& m : d.modality_targets)
    row("any", std::string(modality_target_text(m.modality)).append(" back"), m.rto_target_s,
        m.rto_met);
  return t;
}

Table analytic_table(const SweepDigest& d) {
  Table t;
  t.head = {"Quantity", "Analytic (Markov chain)", "Monte Carlo mean", "± 95 %", "Agrees"};
  t.empty_note = "No analytic check applies: it needs exponential failure and repair times.";
  t.note =
      "Steady-state availability from continuous-time Markov chains beside the sweep's estimate; "
      "the "
      "analytic value should fall inside the estimate's interval.";
  for (const AnalyticDigest& a : d.analytic)
    t.rows.push_back({word(a.what), num(fixed(a.analytic, 8)), num(fixed(a.monte_carlo_mean, 8)),
                      num(fixed(a.monte_carlo_ci95_halfwidth, 8)),
                      word(a.inside_interval ? "yes" : "outside the interval", "",
                           a.inside_interval ? "good" : "bad")});
  return t;
}

std::string worst_title(const std::string& measure) {
  if (measure == "downtime_s_per_year") return "downtime per user per year";
  if (measure == "rto_total_s") return "longest incident RTO";
  if (measure == "rpo_user_data_s") return "worst user-data RPO";
  return measure;
}

Table worst_table(const SweepDigest& d, const SweepReportOptions& o) {
  Table t;
  t.head = {"By", "Rank", "Replication", "Value", "Replay with"};
  t.empty_note = "No replication had downtime, an incident or data loss.";
  t.note =
      "Each replication replays alone, with its full event log and report, by the command beside "
      "it.";
  for (const auto& [measure, list] : d.worst_replications) {
    for (size_t i = 0; i < std::min(o.worst_rows, list.size()); ++i)
      t.rows.push_back({word(worst_title(measure)), num(std::to_string(i + 1)),
                        num(u64(list[i].replication)), num(human_s(list[i].value)),
                        word(replay_command(d, o.scenario_path, list[i].replication))});
  }
  return t;
}

Table files_table(const std::vector<SweepChart>& charts) {
  Table t;
  t.head = {"File", "What it holds"};
  auto add = [&](const std::string& name, const std::string& what) {
    t.rows.push_back({word(name), word(what)});
  };
  add("sweep.html", "this report, standalone");
  add("sweep.md", "this report as Markdown, with the charts as .svg files");
  for (const SweepChart& c : charts) add(c.file, c.caption);
  add("sweep_distributions.csv", "per quantity: count, mean, interval, p50, p95, p99, max");
  add("sweep_histograms.csv", "per quantity: the sweep's non-empty histogram buckets");
  add("sweep_availability.csv", "user-weighted and per-pool availability");
  add("sweep_policy.csv", "per policy target: share of incidents meeting it, interval, verdict");
  add("sweep_pool_targets.csv", "per pool: RTO, RPO and availability against their targets");
  add("sweep_worst.csv", "the worst replications with their replay commands");
  return t;
}

void charts_html(std::string& out, const std::vector<SweepChart>& charts,
                 const std::string& prefix) {
  for (size_t i = 0; i + 1 < charts.size(); i += 2) {
    if (charts[i].file.rfind(prefix, 0) != 0) continue;
    out += "<div class=\"duo\">\n<div class=\"chart\">\n" + charts[i].svg +
           "</div>\n<div class=\"chart\">\n" + charts[i + 1].svg + "</div>\n</div>\n";
  }
}

void charts_md(std::string& out, const std::vector<SweepChart>& charts, const std::string& prefix) {
  for (const SweepChart& c : charts)
    if (c.file.rfind(prefix, 0) == 0) out += "![" + md_cell(c.caption) + "](" + c.file + ")\n";
  out += "\n";
}

std::string footer(const SweepDigest& d) {
  char buf[128];
  std::snprintf(buf, sizeof buf, ", seed %" PRIu64 ", %" PRIu64 " replications", d.seed,
                d.replications);
  return "sweep of " + d.scenario + buf + ", scenario SHA-256 " + d.scenario_sha256 + ", drsim " +
         d.version + " (commit " + d.commit + ")";
}

// The sections both pages share, in order: (heading, note, table or chart prefix).
struct Section {
  const char* heading;
  const char* note;
  const Table* table;
  const char* charts;  // chart file prefix, or null
};

std::vector<Section> sections(const SweepTables& t) {
  return {
      {"Availability", "The share of user-time with full service, per replication, averaged.",
       &t.availability, nullptr},
      {"Recovery time (RTO)",
       "RTO = detect + decide + execute + clients back (docs/glossary.md), over incidents "
       "with user impact. Bars: share of incidents; dashed lines: p50, p95, p99; blue: the mean, "
       "its 95 % interval "
       "shaded; red: the policy's RTO target.",
       nullptr, "rto-"},
      {"Data loss (RPO)",
       "Per data category, over incidents that lost data in it. Red: the policy's RPO target, on "
       "the categories the Backup Service protects.",
       nullptr, "rpo-"},
      {"Downtime per user per year",
       "Per replication: time without full service per user, per year.", nullptr, "downtime-"},
      {"Percentiles and intervals", "", &t.distributions, nullptr},
      {"PSTN calling", "", &t.pstn, nullptr},
      {"Remote access and federation", "", &t.access, nullptr},
      {"Persistent Chat", "", &t.pchat, nullptr},
      {"Policy verdicts", "", &t.policy, nullptr},
      {"Targets per pool", "", &t.pool_targets, nullptr},
      {"Downtime cost", "", &t.downtime_cost, nullptr},
      {"Analytic cross-check", "", &t.analytic, nullptr},
      {"Worst replications", "", &t.worst, nullptr},
      {"Files of this report", "", &t.files, nullptr},
  };
}

// What the recommendations list is, or that it is empty.
std::string recommendations_note(const SweepReportOptions& o) {
  return o.recommendations.empty()
             ? "No change advise tried makes a failing policy target pass (advice.html ranks "
               "them all)."
             : "The changes that make failing policy targets pass, best first (drsim sweep "
               "--advise; advice.html ranks every change tried), each with the command that "
               "reproduces it against the same failures.";
}

}  // namespace

std::string replay_command(const SweepDigest& d, const std::string& scenario_path,
                           uint64_t replication) {
  return replay_command(scenario_path, d.seed, replication, d.overrides);
}

SweepTables sweep_tables(const SweepDigest& d, const SweepReportOptions& o) {
  SweepTables t;
  char buf[160];
  t.stamp.push_back({"Scenario", d.scenario});
  std::snprintf(buf, sizeof buf, "%" PRIu64, d.seed);
  t.stamp.push_back({"Seed", buf});
  std::snprintf(buf, sizeof buf, "%" PRIu64 " (indexes %" PRIu64 " to %" PRIu64 ")%s",
                d.replications, d.first_replication,
                d.first_replication + std::max<uint64_t>(d.replications, 1) - 1,
                d.interrupted ? ", INTERRUPTED: the report covers those that finished" : "");
  t.stamp.push_back({"Replications", buf});
  t.stamp.push_back({"Measured per replication",
                     fixed(d.measured_years, 2) + " years (horizon " + human_s(d.horizon_s) + ")"});
  std::string overrides;
  for (const std::string& s : d.overrides)
    overrides += (overrides.empty() ? "--set " : " --set ") + s;
  t.stamp.push_back({"Overrides", overrides.empty() ? "none" : overrides});
  t.stamp.push_back({"Scenario SHA-256", d.scenario_sha256});
  t.stamp.push_back({"drsim version", d.version});
  t.stamp.push_back({"Commit", d.commit});

  const DistributionDigest& a = d.user_availability;
  t.headlines.push_back(
      {"User-weighted availability", percent6(a.mean),
       a.ci95_halfwidth ? "± " + fixed(*a.ci95_halfwidth * 100, 6) + " (95 %)" : "one replication",
       ""});
  t.headlines.push_back({"Downtime per user per year", human_s(d.downtime_s_per_year.mean),
                         "mean over replications", ""});
  t.headlines.push_back(
      {"Incidents per year", fixed(d.incidents_per_year.mean, 3), "mean over replications", ""});
  t.headlines.push_back(
      d.pstn_modelled
          ? Headline{"Incidents losing PSTN calling", percent2(d.pstn_impact.fraction),
                     grouped(std::llround(d.pstn_minutes_lost_per_year.mean)) +
                         " PSTN minutes lost per year",
                     ""}
          : Headline{"PSTN calling", "not modelled", "no PSTN gateway in the scenario", ""});
  t.headlines.push_back(access_headline(d));
  t.headlines.push_back(downtime_cost_headline(d));
  for (const auto& [stage, x] : d.rto_s)
    if (stage == "total" && x.n > 0)
      t.headlines.push_back({"RTO p95", human_s(x.p95), "mean " + human_s(x.mean), ""});
  for (const auto& [category, x] : d.rpo_s)
    if (category == "user_data" && x.n > 0)
      t.headlines.push_back({"User-data RPO p99", human_s(x.p99), "worst " + human_s(x.max), ""});
  int pass = 0, fail = 0, judged = 0;
  for (const PolicyDigest& p : d.policy) {
    for (const ProportionDigest* m :
         {p.rto_target_s ? &p.rto_met : nullptr, p.rpo_target_s ? &p.rpo_met : nullptr}) {
      if (m == nullptr) continue;
      const std::string v = policy_verdict(*m, o.required_met_share);
      judged += 1;
      pass += v == "pass" ? 1 : 0;
      fail += v == "fail" ? 1 : 0;
    }
  }
  if (judged > 0)
    t.headlines.push_back({"Policy targets",
                           std::to_string(pass) + " of " + std::to_string(judged) + " pass",
                           std::to_string(fail) + " fail",
                           fail > 0         ? "bad"
                           : pass == judged ? "good"
                                            : "warn"});
  t.availability = availability_table(d);
  t.distributions = distributions_table(d);
  t.policy = policy_table(d, o);
  t.analytic = analytic_table(d);
  t.worst = worst_table(d, o);
  t.pstn = pstn_table(d);
  t.access = access_table(d);
  t.pchat = sweep_pchat_table(d);
  t.pool_targets = pool_targets_table(d);
  t.downtime_cost = downtime_cost_table(d);
  t.files = files_table(sweep_charts(d));
  return t;
}

std::vector<SweepChart> sweep_charts(const SweepDigest& d) {
  std::vector<SweepChart> out;
  auto add = [&](const std::string& stem, const std::string& title, const DistributionDigest& x,
                 const char* counted, std::vector<ChartTarget> lines) {
    const DistributionChart chart{title, counted, std::move(lines)};
    out.push_back({stem + "-histogram.svg", title + ": histogram", histogram_svg(x, chart)});
    out.push_back({stem + "-cdf.svg", title + ": cumulative distribution", cdf_svg(x, chart)});
  };
  // The total first: it is what the policy judges; then the stages that make it up.
  for (const auto& [stage, x] : d.rto_s)
    if (stage == "total") add("rto-total", stage_title(stage), x, "incidents", targets(d, true));
  // Split by kind of disruption when more than one kind cost users service: a server's
  // recovery and a site's are different questions, each against its own target.
  size_t kinds = 0;
  for (const auto& [disruption, x] : d.rto_total_s_by_disruption) kinds += x.n > 0 ? 1 : 0;
  for (const auto& [disruption, x] : d.rto_total_s_by_disruption) {
    if (kinds < 2 || x.n == 0) continue;
    std::vector<ChartTarget> lines;
    for (const PolicyDigest& p : d.policy)
      if (p.disruption == disruption && p.rto_target_s)
        lines.push_back({static_cast<double>(*p.rto_target_s),
                         "target " + short_duration(static_cast<double>(*p.rto_target_s))});
    add("rto-total-" + disruption, "Total RTO of " + disruption + " incidents", x, "incidents",
        std::move(lines));
  }
  // A stage or category whose values are all zero has nothing to show beyond its table row.
  auto positive = [](const DistributionDigest& x) { return x.n > 0 && x.max > 0; };
  for (const auto& [stage, x] : d.rto_s)
    if (positive(x) && stage != "total")
      add("rto-" + stage, stage_title(stage), x, "incidents", {});
  for (const auto& [category, x] : d.rpo_s)
    if (positive(x) || category == "user_data")
      add("rpo-" + category, rpo_title(category), x, "incidents",
          policy_rpo_category(category, false) ? targets(d, false) : std::vector<ChartTarget>{});
  add("downtime-per-year", "Downtime per user per year", d.downtime_s_per_year, "replications", {});
  return out;
}

std::string sweep_html(const SweepDigest& d, const SweepReportOptions& o) {
  const SweepTables t = sweep_tables(d, o);
  const std::vector<SweepChart> charts = sweep_charts(d);
  std::string out = html_page_begin("drsim sweep report: " + d.scenario);
  out += "<h1>Monte Carlo sweep report: " + xml_escape(d.scenario) + "</h1>\n";
  out += "<p class=\"lead\">What " + u64(d.replications) +
         " independent replications of this deployment say about "
         "its availability, how long recovery takes and how much data is lost, with 95 % "
         "intervals.</p>\n";
  stamp_html(out, t.stamp);
  headlines_html(out, t.headlines);
  if (o.advised) {
    out += "<h2>Recommendations</h2>\n<p class=\"note\">" + xml_escape(recommendations_note(o)) +
           "</p>\n<ul>\n";
    for (const auto& [line, command] : o.recommendations)
      out += "<li>" + xml_escape(line) + ". Reproduce: <code>" + xml_escape(command) +
             "</code></li>\n";
    out += "</ul>\n";
  }
  for (const Section& s : sections(t)) {
    out += "<h2>" + xml_escape(s.heading) + "</h2>\n";
    if (*s.note != '\0') out += "<p class=\"note\">" + xml_escape(s.note) + "</p>\n";
    if (s.table != nullptr) table_html(out, *s.table);
    if (s.charts != nullptr) charts_html(out, charts, s.charts);
  }
  return out + html_page_end(footer(d));
}

std::string sweep_markdown(const SweepDigest& d, const SweepReportOptions& o) {
  const SweepTables t = sweep_tables(d, o);
  const std::vector<SweepChart> charts = sweep_charts(d);
  std::string out = "# Monte Carlo sweep report: " + md_cell(d.scenario) + "\n\n";
  stamp_md(out, t.stamp);
  headlines_md(out, t.headlines);
  if (o.advised) {
    out += "## Recommendations\n\n" + md_cell(recommendations_note(o)) + "\n\n";
    for (const auto& [line, command] : o.recommendations)
      out += "- " + md_cell(line) + ". Reproduce: `" + command + "`\n";
    out += "\n";
  }
  for (const Section& s : sections(t)) {
    out += "## " + std::string(s.heading) + "\n\n";
    if (*s.note != '\0') out += md_cell(s.note) + "\n\n";
    if (s.table != nullptr) table_md(out, *s.table);
    if (s.charts != nullptr) charts_md(out, charts, s.charts);
  }
  return out + "---\n\n" + md_cell(footer(d)) + "\n";
}

std::vector<ReportFile> sweep_report_files(const SweepDigest& d, const SweepReportOptions& o) {
  std::vector<ReportFile> files;
  files.push_back({"sweep.html", sweep_html(d, o)});
  files.push_back({"sweep.md", sweep_markdown(d, o)});
  for (const SweepChart& c : sweep_charts(d)) files.push_back({c.file, svg_file(c.svg)});
  files.push_back({"sweep_distributions.csv", sweep_distributions_csv(d)});
  files.push_back({"sweep_histograms.csv", sweep_histograms_csv(d)});
  files.push_back({"sweep_availability.csv", sweep_availability_csv(d)});
  files.push_back({"sweep_policy.csv", sweep_policy_csv(d, o)});
  files.push_back({"sweep_pool_targets.csv", pool_targets_csv(d)});
  files.push_back({"sweep_worst.csv", sweep_worst_csv(d, o)});
  return files;
}

}  // namespace drsim
