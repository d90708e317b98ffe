// The sensitivity report: a tornado chart per metric that any parameter moved (bars from the
// base value to the value at each parameter's low and high setting, largest swing on top),
// the ranking as a table, what was varied and what was not. See sensitivity.h.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/report_format.h"
#include "analysis/report_style.h"
#include "analysis/sensitivity.h"
#include "analysis/svg.h"

namespace drsim {

namespace {

// Bars per chart: past a dozen the chart is a list, and the CSV has every parameter.
constexpr size_t kTornadoBars = 12;
constexpr const char* kLowFill = "#4e79a7";
constexpr const char* kHighFill = "#f28e2b";

bool moved(const MetricRanking& m) {
  return std::any_of(m.effects.begin(), m.effects.end(),
                     [](const SensitivityEffect& e) { return e.swing && *e.swing > 0; });
}

std::string tornado_svg(const MetricRanking& m) {
  std::vector<const SensitivityEffect*> bars;
  for (const SensitivityEffect& e : m.effects)
    if (e.swing && *e.swing > 0 && bars.size() < kTornadoBars) bars.push_back(&e);
  const double label_w = 330, plot_w = 380, right_w = 110, row_h = 22, top = 30, bottom = 26;
  const double width = label_w + plot_w + right_w;
  const double height = top + row_h * static_cast<double>(bars.size()) + bottom;
  const double base = m.base.value_or(*bars.front()->at_low);
  double lo = base, hi = base;
  for (const SensitivityEffect* e : bars) {
    lo = std::min({lo, *e->at_low, *e->at_high});
    hi = std::max({hi, *e->at_low, *e->at_high});
  }
  if (hi <= lo) hi = lo + 1;
  auto x = [&](double v) { return label_w + (v - lo) / (hi - lo) * plot_w; };
  SvgWriter w;
  w.rect(label_w, 6, 12, 12, kLowFill);
  w.text(label_w + 16, 16, "at the low setting", "t", "start");
  w.rect(label_w + 140, 6, 12, 12, kHighFill);
  w.text(label_w + 156, 16, "at the high setting", "t", "start");
  w.text(label_w + plot_w + 6, 16, "swing", "t", "start");
  for (size_t i = 0; i < bars.size(); ++i) {
    const SensitivityEffect& e = *bars[i];
    const double y = top + row_h * static_cast<double>(i);
    w.text(label_w - 6, y + 15, fit_text(e.parameter, 11, label_w - 10), "t", "end");
    for (const auto& [v, fill] :
         {std::pair{*e.at_low, kLowFill}, std::pair{*e.at_high, kHighFill}}) {
      const double a = std::min(x(base), x(v)), b = std::max(x(base), x(v));
      w.rect(a, y + 3, std::max(1.0, b - a), row_h - 6, fill, "",
             e.parameter + ": " + metric_text(m.column, v));
    }
    w.text(label_w + plot_w + 6, y + 15, difference_text(m.column, *e.swing), "t", "start");
  }
  w.line(x(base), top - 4, x(base), height - bottom + 4, "axis");
  w.text(x(base), height - 8, "base " + metric_text(m.column, base), "t", "middle");
  return svg_element(width, height, "Sensitivity of " + m.column.head, chart_css(), w.str());
}

std::string chart_file(const MetricRanking& m) { return "tornado-" + m.column.name + ".svg"; }

// The swing with its 95 % half-width and how it was made (sensitivity.h, SensitivityEffect).
Cell swing_cell(const GridColumn& column, const SensitivityEffect& e) {
  Cell c = cell(difference_text(column, *e.swing), "", "", true);
  if (e.swing_ci95)
    c.note = "± " + difference_text(column, *e.swing_ci95) + (e.paired ? " paired" : " unpaired");
  return c;
}

Table ranking_table(const SensitivityRun& run, const MetricRanking& m) {
  Table t;
  t.head = {"Parameter", "Low", "High", "At low", "At high", "Swing", "Beyond noise"};
  for (const SensitivityEffect& e : m.effects) {
    if (!e.swing || *e.swing <= 0) continue;
    const ParameterLevels* l = nullptr;
    for (const SensitivityPoint& p : run.points)
      if (p.levels.parameter == e.parameter) l = &p.levels;
    auto val = [&](const std::optional<double>& v, const std::optional<double>& ci) {
      Cell c = cell(v ? metric_text(m.column, *v) : "unknown", "", "", true);
      if (v && ci) c.note = "± " + difference_text(m.column, *ci);
      return c;
    };
    t.rows.push_back(
        {cell(e.parameter, l->why, "", false), cell(l->low_text, "", "", false),
         cell(l->high_text, "", "", false), val(e.at_low, e.ci95_low), val(e.at_high, e.ci95_high),
         swing_cell(m.column, e),
         cell(e.distinguishable ? "yes" : "no", "", e.distinguishable ? "" : "warn", false)});
  }
  return t;
}

Stamp stamp(const SensitivityRun& run) {
  std::string overrides, ranges;
  for (const std::string& s : run.base.overrides) overrides += " --set " + s;
  for (const std::string& s : run.ranges) ranges += " --range " + s;
  return {
      {"Scenario", run.base.scenario},
      {"Seed", std::to_string(run.base.seed)},
      {"Replications per sweep", std::to_string(run.base.replications)},
      {"Parameters varied", std::to_string(run.points.size()) +
                                (run.interrupted ? " (interrupted: the rest did not run)" : "")},
      {"Overrides", overrides.empty() ? "none" : overrides.substr(1)},
      {"Ranges given", ranges.empty() ? "the registered defaults" : ranges.substr(1)},
      {"Scenario SHA-256", run.base.scenario_sha256},
      {"drsim version", run.base.version},
      {"Commit", run.base.commit}};
}

Table varied_table(const SensitivityRun& run) {
  Table t;
  t.head = {"Parameter", "Scenario's value", "Low", "High", "Why this range"};
  for (const SensitivityPoint& p : run.points)
    t.rows.push_back({cell(p.levels.parameter), cell(p.levels.base_text), cell(p.levels.low_text),
                      cell(p.levels.high_text), cell(p.levels.why)});
  return t;
}

Table skipped_table(const SensitivityRun& run) {
  Table t;
  t.head = {"Parameter", "Why it was not varied"};
  t.empty_note = "Every registered parameter means something in this scenario.";
  for (const SkippedParameter& s : run.skipped)
    t.rows.push_back({cell(s.parameter), cell(s.reason)});
  return t;
}

constexpr const char* kNote =
    "Each parameter is swept at its low and at its high setting, the others at the scenario's "
    "values, with the same seed: every sweep sees the same failures (common random numbers), so "
    "the difference comes from the parameter. \"Beyond noise\": the swing exceeds its 95 % "
    "half-width. For a figure measured once per replication (availability, downtime, incidents, "
    "PSTN minutes, remote and chat user-hours per year) the half-width is that of the paired "
    "per-replication differences (\"paired\"): the shared failures cancel. RTO, RPO and the "
    "shares of incidents are over incidents, which a change can add or remove, so they do not "
    "pair: there the half-width is the two sweeps' added (\"unpaired\"; the intervals do not "
    "overlap), which is conservative.";

std::string footer(const SensitivityRun& run) {
  char buf[160];
  std::snprintf(buf, sizeof buf, ", seed %" PRIu64 ", %" PRIu64 " replications per sweep",
                run.base.seed, run.base.replications);
  return "sensitivity of " + run.base.scenario + buf + ", scenario SHA-256 " +
         run.base.scenario_sha256 + ", drsim " + run.base.version + " (commit " + run.base.commit +
         ")";
}

}  // namespace

std::vector<ReportFile> sensitivity_report_files(const SensitivityRun& run,
                                                 const std::vector<MetricRanking>& ranked) {
  const std::string name = run.base.scenario;
  const Stamp st = stamp(run);
  std::vector<ReportFile> charts;
  std::string html = html_page_begin("drsim sensitivity: " + name);
  std::string md = "# Sensitivity: " + md_cell(name) + "\n\n";
  html += "<h1>Sensitivity: " + xml_escape(name) + "</h1>\n";
  stamp_html(html, st);
  stamp_md(md, st);
  html += "<p>" + xml_escape(kNote) + "</p>\n";
  md += std::string(kNote).append("\n\n");
  size_t shown = 0;
  for (const MetricRanking& m : ranked) {
    if (!moved(m)) continue;
    ++shown;
    const std::string svg = tornado_svg(m);
    charts.push_back({chart_file(m), svg_file(svg)});
    const std::string base = m.base ? metric_text(m.column, *m.base) : "unknown";
    html +=
        "<h2>" + xml_escape(m.column.head) + " (base " + xml_escape(base) + ")</h2>\n" + svg + "\n";
    md += "## " + md_cell(m.column.head) + " (base " + base + ")\n\n![" + md_cell(m.column.head) +
          "](" + chart_file(m) + ")\n\n";
    const Table t = ranking_table(run, m);
    table_html(html, t);
    table_md(md, t);
  }
  if (shown == 0) {
    const char* none =
        "No parameter moved any metric: the scenario has no incident these "
        "parameters act on, or too few replications to see one.";
    html += "<p>" + xml_escape(none) + "</p>\n";
    md += std::string(none).append("\n\n");
  }
  if (!run.morris.empty()) {
    const std::string title =
        "Morris screening (" + std::to_string(run.morris.size()) + " trajectories)";
    const char* note =
        "Elementary effects: each trajectory moves every parameter once, by two thirds of its "
        "range, from a random point of the others' ranges. mu* is the mean absolute effect per "
        "whole range (the ranking), sigma its spread: a large sigma beside mu* means the "
        "parameter's effect depends on the others (interactions) or is not linear.";
    html += "<h2>" + xml_escape(title) + "</h2>\n<p>" + xml_escape(note) + "</p>\n";
    md += "## " + title + "\n\n" + note + "\n\n";
    for (const MorrisRanking& m : rank_morris(run)) {
      Table t;
      t.head = {"Parameter", "mu*", "± 95 %", "mu", "sigma", "Effects"};
      for (const MorrisEffect& e : m.effects) {
        if (e.n == 0 || e.mu_star <= 0 || t.rows.size() == kTornadoBars) continue;
        t.rows.push_back(
            {cell(e.parameter), cell(difference_text(m.column, e.mu_star), "", "", true),
             cell(difference_text(m.column, e.mu_star_ci95), "", "", true),
             cell((e.mu < 0 ? "-" : "") + difference_text(m.column, std::fabs(e.mu)), "", "", true),
             cell(difference_text(m.column, e.sigma), "", "", true),
             cell(std::to_string(e.n), "", "", true)});
      }
      if (t.rows.empty()) continue;
      html += "<h3>" + xml_escape(m.column.head) + "</h3>\n";
      md += "### " + md_cell(m.column.head) + "\n\n";
      table_html(html, t);
      table_md(md, t);
    }
  }
  html += "<h2>Parameters varied</h2>\n";
  md += "## Parameters varied\n\n";
  table_html(html, varied_table(run));
  table_md(md, varied_table(run));
  html += "<h2>Not varied</h2>\n";
  md += "## Not varied\n\n";
  table_html(html, skipped_table(run));
  table_md(md, skipped_table(run));
  html += html_page_end(footer(run));
  md += "---\n\n" + md_cell(footer(run)) + "\n";
  std::vector<ReportFile> out = {{"sensitivity.html", html},
                                 {"sensitivity.md", md},
                                 {"sensitivity.csv", sensitivity_csv(run, ranked)}};
  if (!run.morris.empty()) out.push_back({"sensitivity-morris.csv", morris_csv(rank_morris(run))});
  for (ReportFile& c : charts) out.push_back(std::move(c));
  return out;
}

}  // namespace drsim
