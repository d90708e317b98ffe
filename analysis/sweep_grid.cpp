// Grid sweeps as CSV and as a page; see sweep_grid.h.
#include "analysis/sweep_grid.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/report_format.h"
#include "sim/check.h"

namespace drsim {

namespace {

const DistributionDigest& named(const std::vector<std::pair<std::string, DistributionDigest>>& all, const char* name) {
  for (const auto& [n, d] : all)
    if (n == name) return d;
  DRSIM_CHECK(false, "a sweep digest without a distribution every sweep has");
  return all.front().second;
}

std::string footer(const Grid& g) {
  const SweepDigest& d = g.points.front().digest;
  char buf[128];
  std::snprintf(buf, sizeof buf, ", seed %" PRIu64 ", %zu points of %" PRIu64 " replications", d.seed,
                g.points.size(), d.replications);
  return "grid of " + d.scenario + buf + ", scenario SHA-256 " + d.scenario_sha256 + ", drsim " + d.version +
         " (commit " + d.commit + ")";
}

Stamp grid_stamp(const Grid& g) {
  const SweepDigest& d = g.points.front().digest;
  std::string swept, overrides;
  for (const std::string& p : g.paths) swept += (swept.empty() ? "" : ", ") + p;
  // Each point's overrides end with its grid values; the ones before are the --set given.
  for (size_t i = 0; i + g.paths.size() < d.overrides.size(); ++i) overrides += (overrides.empty() ? "--set " : " --set ") + d.overrides[i];
  return {{"Scenario", d.scenario},
          {"Seed", std::to_string(d.seed)},
          {"Replications per point", std::to_string(d.replications)},
          {"Fields swept", swept},
          {"Overrides", overrides.empty() ? "none" : overrides},
          {"Scenario SHA-256", d.scenario_sha256},
          {"drsim version", d.version},
          {"Commit", d.commit}};
}

constexpr const char* kNote =
    "Every point runs the same replications with the same seed, so the failures are the same at every point and "
    "the differences between rows come from the fields swept.";

}  // namespace

std::string grid_csv_header(const std::vector<std::string>& paths) {
  std::string h;
  for (const std::string& p : paths) h += p + ",";
  h += "replications_count,user_availability_mean_fraction,user_availability_ci95_fraction,"
       "downtime_per_year_mean_s,incidents_per_year_mean_count,rto_total_mean_s,rto_total_p95_s,"
       "rto_execute_mean_s,rpo_user_data_mean_s,rpo_user_data_p99_s,rpo_user_data_max_s\n";
  return h;
}

std::string grid_csv_row(const GridPoint& point) {
  std::string row;
  for (const std::string& v : point.values) row += v + ",";
  const SweepDigest& d = point.digest;
  const DistributionDigest& rto = named(d.rto_s, "total");
  const DistributionDigest& rpo = named(d.rpo_s, "user_data");
  char buf[512];
  std::snprintf(buf, sizeof buf, "%" PRIu64 ",%.10f,%.10f,%.3f,%.6f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", d.replications,
                d.user_availability.mean, d.user_availability.ci95_halfwidth.value_or(INFINITY),
                d.downtime_s_per_year.mean, d.incidents_per_year.mean, rto.mean, rto.p95,
                named(d.rto_s, "execute").mean, rpo.mean, rpo.p99, rpo.max);
  return row + buf;
}

Table grid_table(const Grid& g) {
  Table t;
  // The last part of each path heads its column; the stamp names the whole path.
  for (const std::string& p : g.paths) t.head.push_back(p.substr(p.find_last_of('.') == std::string::npos ? 0 : p.find_last_of('.') + 1));
  for (const char* h : {"Replications", "User-weighted availability", "± 95 %", "Downtime per user per year",
                        "Incidents per year", "RTO total mean", "RTO total p95", "RTO execute mean",
                        "User-data RPO mean", "User-data RPO p99", "User-data RPO max"})
    t.head.push_back(h);
  t.empty_note = "The grid was interrupted before its first point finished.";
  t.note = kNote;
  for (const GridPoint& p : g.points) {
    std::vector<Cell> row;
    for (const std::string& v : p.values) row.push_back({v, "", "", false});
    const SweepDigest& d = p.digest;
    const DistributionDigest& rto = named(d.rto_s, "total");
    const DistributionDigest& rpo = named(d.rpo_s, "user_data");
    auto cell = [&](std::string text) { row.push_back({std::move(text), "", "", true}); };
    cell(grouped(static_cast<int64_t>(d.replications)));
    cell(fixed(d.user_availability.mean * 100, 6) + " %");
    cell(d.user_availability.ci95_halfwidth ? fixed(*d.user_availability.ci95_halfwidth * 100, 6) : "-");
    cell(human_s(d.downtime_s_per_year.mean));
    cell(fixed(d.incidents_per_year.mean, 3));
    for (double s : {rto.mean, rto.p95, named(d.rto_s, "execute").mean, rpo.mean, rpo.p99, rpo.max}) cell(human_s(s));
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<ReportFile> grid_report_files(const Grid& g) {
  std::string csv = grid_csv_header(g.paths);
  for (const GridPoint& p : g.points) csv += grid_csv_row(p);
  if (g.points.empty()) return {{"grid.csv", csv}};
  const std::string name = g.points.front().digest.scenario;
  const Table table = grid_table(g);
  const Stamp stamp = grid_stamp(g);
  std::string html = html_page_begin("drsim grid: " + name);
  html += "<h1>Grid of sweeps: " + xml_escape(name) + "</h1>\n";
  stamp_html(html, stamp);
  html += "<h2>One sweep per point</h2>\n";
  table_html(html, table);
  html += html_page_end(footer(g));
  std::string md = "# Grid of sweeps: " + md_cell(name) + "\n\n";
  stamp_md(md, stamp);
  md += "## One sweep per point\n\n";
  table_md(md, table);
  md += "---\n\n" + md_cell(footer(g)) + "\n";
  return {{"grid.html", html}, {"grid.md", md}, {"grid.csv", csv}};
}

}  // namespace drsim
