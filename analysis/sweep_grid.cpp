// Grid sweeps as CSV and as a page; see sweep_grid.h.
#include "analysis/sweep_grid.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/report_format.h"
#include "analysis/run_report.h"
#include "io/errors.h"
#include "sim/check.h"

namespace drsim {

namespace {

std::string footer(const Grid& g) {
  const SweepDigest& d = g.points.front().digest;
  char buf[128];
  std::snprintf(buf, sizeof buf, ", seed %" PRIu64 ", %zu points of %" PRIu64 " replications",
                d.seed, g.points.size(), d.replications);
  return "grid of " + d.scenario + buf + ", scenario SHA-256 " + d.scenario_sha256 + ", drsim " +
         d.version + " (commit " + d.commit + ")";
}

Stamp grid_stamp(const Grid& g) {
  const SweepDigest& d = g.points.front().digest;
  std::string swept, overrides;
  for (const std::string& p : g.paths) swept += (swept.empty() ? "" : ", ") + p;
  // Each point's overrides end with its grid values; the ones before are the --set given.
  for (size_t i = 0; i + g.paths.size() < d.overrides.size(); ++i)
    overrides += (overrides.empty() ? "--set " : " --set ") + d.overrides[i];
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
    "Every point runs the same replications with the same seed, so the failures are the same at "
    "every point and "
    "the differences between rows come from the fields swept.";

}  // namespace

namespace {

const DistributionDigest* find_named(
    const std::vector<std::pair<std::string, DistributionDigest>>& all, const std::string& name) {
  for (const auto& [n, d] : all)
    if (n == name) return &d;
  return nullptr;
}

// A distribution's figure, or nothing when it has no value (no incident measured it).
template <double DistributionDigest::*Field>
std::optional<double> rto(const SweepDigest& d, const std::string& stage) {
  const DistributionDigest* x = find_named(d.rto_s, stage);
  if (x == nullptr || x->n == 0) return std::nullopt;
  return x->*Field;
}
template <double DistributionDigest::*Field>
std::optional<double> rpo(const SweepDigest& d, const std::string& category) {
  const DistributionDigest* x = find_named(d.rpo_s, category);
  if (x == nullptr || x->n == 0) return std::nullopt;
  return x->*Field;
}
template <double DistributionDigest::*Field>
std::optional<double> pstn_rto(const SweepDigest& d, const std::string&) {
  if (!d.pstn_modelled || d.pstn_rto_s.n == 0) return std::nullopt;
  return d.pstn_rto_s.*Field;
}
// A deployed modality's figures (`which` is its modality_name); nothing without Edge pools
// or for a modality the scenario does not deploy.
// A Persistent Chat figure: none without a Persistent Chat pool or with no value measured.
template <DistributionDigest SweepDigest::*Figure, double DistributionDigest::*Field>
std::optional<double> pchat_figure(const SweepDigest& d, const std::string&) {
  if (!d.pchat_modelled || (d.*Figure).n == 0) return std::nullopt;
  return (d.*Figure).*Field;
}

const AccessModalityDigest* deployed_access(const SweepDigest& d, const std::string& modality) {
  if (!d.access_modelled) return nullptr;
  for (const AccessModalityDigest& m : d.access)
    if (m.modality == modality) return m.deployed ? &m : nullptr;
  return nullptr;
}
std::optional<double> access_impact(const SweepDigest& d, const std::string& modality) {
  const AccessModalityDigest* m = deployed_access(d, modality);
  if (m == nullptr || m->impact.incidents == 0) return std::nullopt;
  return m->impact.fraction;
}
template <double DistributionDigest::*Field>
std::optional<double> access_rto(const SweepDigest& d, const std::string& modality) {
  const AccessModalityDigest* m = deployed_access(d, modality);
  if (m == nullptr || m->rto_s.n == 0) return std::nullopt;
  return m->rto_s.*Field;
}
template <bool Rto>
std::optional<double> met(const SweepDigest& d, const std::string& disruption) {
  for (const PolicyDigest& p : d.policy) {
    if (p.disruption != disruption) continue;
    const bool has_target = Rto ? p.rto_target_s.has_value() : p.rpo_target_s.has_value();
    const ProportionDigest& m = Rto ? p.rto_met : p.rpo_met;
    if (!has_target || m.incidents == 0) return std::nullopt;
    return m.fraction;
  }
  return std::nullopt;
}

std::vector<GridColumn> make_columns() {
  using U = GridColumn::Unit;
  std::vector<GridColumn> c = {
      {"replications_count", "Replications", U::kCount,
       [](const SweepDigest& d, const std::string&) -> std::optional<double> {
         return static_cast<double>(d.replications);
       },
       ""},
      {"user_availability_mean_fraction", "User-weighted availability", U::kFraction,
       [](const SweepDigest& d, const std::string&) -> std::optional<double> {
         return d.user_availability.mean;
       },
       ""},
      {"user_availability_ci95_fraction", "± 95 %", U::kFraction,
       [](const SweepDigest& d, const std::string&) { return d.user_availability.ci95_halfwidth; },
       ""},
      {"downtime_per_year_mean_s", "Downtime per user per year", U::kSeconds,
       [](const SweepDigest& d, const std::string&) -> std::optional<double> {
         return d.downtime_s_per_year.mean;
       },
       ""},
      {"incidents_per_year_mean_count", "Incidents per year", U::kCount,
       [](const SweepDigest& d, const std::string&) -> std::optional<double> {
         return d.incidents_per_year.mean;
       },
       ""},
  };
  for (const char* stage : kRtoStages) {
    const std::string s = stage;
    c.push_back({"rto_" + s + "_mean_s", "RTO " + s + " mean", U::kSeconds,
                 rto<&DistributionDigest::mean>, s});
    c.push_back({"rto_" + s + "_p95_s", "RTO " + s + " p95", U::kSeconds,
                 rto<&DistributionDigest::p95>, s});
  }
  for (const std::string& cat : category_names()) {
    c.push_back({"rpo_" + cat + "_mean_s", "RPO " + cat + " mean", U::kSeconds,
                 rpo<&DistributionDigest::mean>, cat});
    c.push_back({"rpo_" + cat + "_p99_s", "RPO " + cat + " p99", U::kSeconds,
                 rpo<&DistributionDigest::p99>, cat});
    c.push_back({"rpo_" + cat + "_max_s", "RPO " + cat + " max", U::kSeconds,
                 rpo<&DistributionDigest::max>, cat});
  }
  // The PSTN: empty cells in the CSV, "PSTN not modelled" for people (pstn_cell), when the
  // scenario has no gateway.
  c.push_back({"pstn_impact_fraction", "Incidents losing PSTN", U::kFraction,
               [](const SweepDigest& d, const std::string&) -> std::optional<double> {
                 if (!d.pstn_modelled || d.pstn_impact.incidents == 0) return std::nullopt;
                 return d.pstn_impact.fraction;
               },
               ""});
  c.push_back({"pstn_rto_mean_s", "Time to PSTN restored mean", U::kSeconds,
               pstn_rto<&DistributionDigest::mean>, ""});
  c.push_back({"pstn_rto_p95_s", "Time to PSTN restored p95", U::kSeconds,
               pstn_rto<&DistributionDigest::p95>, ""});
  c.push_back({"pstn_lost_per_year_mean_minutes", "PSTN minutes lost per year", U::kMinutes,
               [](const SweepDigest& d, const std::string&) -> std::optional<double> {
                 if (!d.pstn_modelled || d.pstn_minutes_lost_per_year.n == 0) return std::nullopt;
                 return d.pstn_minutes_lost_per_year.mean;
               },
               ""});
  // Remote access and federation per modality, and remote sign-in's user-hours: empty cells
  // in the CSV, "remote access not modelled" or "not deployed" for people (point_cell).
  for (int i = 0; i < kModalityCount; ++i) {
    const std::string m = modality_name(static_cast<Modality>(i));
    const std::string text = access_modality_text(m);
    c.push_back({"access_" + m + "_impact_fraction", "Incidents impairing " + text, U::kFraction,
                 access_impact, m});
    c.push_back({"access_" + m + "_rto_mean_s", "Time to " + text + " restored mean", U::kSeconds,
                 access_rto<&DistributionDigest::mean>, m});
    c.push_back({"access_" + m + "_rto_p95_s", "Time to " + text + " restored p95", U::kSeconds,
                 access_rto<&DistributionDigest::p95>, m});
  }
  c.push_back({"access_remote_user_hours_lost_per_year_mean", "Remote user-hours lost per year",
               U::kHours,
               [](const SweepDigest& d, const std::string&) -> std::optional<double> {
                 if (!remote_sign_in_deployed(d) || d.remote_user_hours_lost_per_year.n == 0)
                   return std::nullopt;
                 return d.remote_user_hours_lost_per_year.mean;
               },
               "remote_sign_in"});
  // Persistent Chat: empty cells in the CSV, "Persistent Chat not modelled" for people
  // (point_cell), when the scenario has no Persistent Chat pool.
  c.push_back({"pchat_impact_fraction", "Incidents losing chat", U::kFraction,
               [](const SweepDigest& d, const std::string&) -> std::optional<double> {
                 if (!d.pchat_modelled || d.pchat_impact.incidents == 0) return std::nullopt;
                 return d.pchat_impact.fraction;
               },
               ""});
  c.push_back({"pchat_restore_mean_s", "Time to restore chat mean", U::kSeconds,
               pchat_figure<&SweepDigest::pchat_restore_s, &DistributionDigest::mean>, ""});
  c.push_back({"pchat_restore_p95_s", "Time to restore chat p95", U::kSeconds,
               pchat_figure<&SweepDigest::pchat_restore_s, &DistributionDigest::p95>, ""});
  c.push_back({"pchat_messages_lost_mean_count", "Chat messages lost per failover mean", U::kCount,
               pchat_figure<&SweepDigest::pchat_messages_lost, &DistributionDigest::mean>, ""});
  c.push_back(
      {"pchat_lost_per_year_mean_hours", "Chat user-hours lost per year", U::kHours,
       pchat_figure<&SweepDigest::pchat_user_hours_lost_per_year, &DistributionDigest::mean>, ""});
  c.push_back({"pchat_availability_mean_fraction", "Chat availability", U::kFraction,
               pchat_figure<&SweepDigest::pchat_availability, &DistributionDigest::mean>, ""});
  for (const char* disruption : kDisruptions) {
    const std::string d = disruption;
    c.push_back(
        {"policy_" + d + "_rto_met_fraction", d + " RTO target met", U::kFraction, met<true>, d});
    c.push_back(
        {"policy_" + d + "_rpo_met_fraction", d + " RPO target met", U::kFraction, met<false>, d});
  }
  return c;
}

std::string csv_cell(const GridColumn& c, const std::optional<double>& v) {
  if (!v) return "";
  char buf[64];
  switch (c.unit) {
    case GridColumn::Unit::kCount:
      std::snprintf(buf, sizeof buf, v == std::floor(*v) ? "%.0f" : "%.6f", *v);
      break;
    case GridColumn::Unit::kFraction:
      std::snprintf(buf, sizeof buf, "%.10f", *v);
      break;
    case GridColumn::Unit::kSeconds:
    case GridColumn::Unit::kMinutes:
    case GridColumn::Unit::kHours:
      std::snprintf(buf, sizeof buf, "%.3f", *v);
      break;
  }
  return buf;
}

std::string human_cell(const GridColumn& c, const std::optional<double>& v) {
  if (!v) return "-";
  switch (c.unit) {
    case GridColumn::Unit::kCount:
      return *v == std::floor(*v) ? grouped(static_cast<int64_t>(*v)) : fixed(*v, 3);
    case GridColumn::Unit::kFraction:
      return fixed(*v * 100, c.name.find("availability") != std::string::npos ? 6 : 2) + " %";
    case GridColumn::Unit::kSeconds:
      return human_s(*v);
    case GridColumn::Unit::kMinutes:
      return fixed(*v, 1) + " min";
    case GridColumn::Unit::kHours:
      return (*v < 100 ? fixed(*v, 1) : grouped(std::llround(*v))) + " h";
  }
  return "-";
}

// A cell for people: a PSTN column of a scenario without a gateway, or a remote access column
// of one without Edge pools or the modality, says so in words.
std::string point_cell(const GridColumn& c, const SweepDigest& d) {
  if (c.name.rfind("pstn_", 0) == 0 && !d.pstn_modelled) return "PSTN not modelled";
  if (c.name.rfind("pchat_", 0) == 0 && !d.pchat_modelled) return "Persistent Chat not modelled";
  if (c.name.rfind("access_", 0) == 0) {
    if (!d.access_modelled) return "remote access not modelled";
    if (deployed_access(d, c.which) == nullptr) return "not deployed";
  }
  return human_cell(c, c.read(d, c.which));
}

const std::vector<GridColumn>& shown(const std::vector<GridColumn>& asked) {
  return asked.empty() ? grid_columns() : asked;
}

}  // namespace

const std::vector<GridColumn>& grid_columns() {
  static const std::vector<GridColumn> all = make_columns();
  return all;
}

std::vector<std::string> grid_headline_columns() {
  return {"replications_count",
          "user_availability_mean_fraction",
          "user_availability_ci95_fraction",
          "downtime_per_year_mean_s",
          "incidents_per_year_mean_count",
          "rto_total_mean_s",
          "rto_total_p95_s",
          "rto_execute_mean_s",
          "rpo_user_data_mean_s",
          "rpo_user_data_p99_s",
          "rpo_user_data_max_s"};
}

std::vector<GridColumn> select_grid_columns(const std::vector<std::string>& names) {
  std::vector<GridColumn> out;
  for (const std::string& n : names) {
    const auto it = std::find_if(grid_columns().begin(), grid_columns().end(),
                                 [&](const GridColumn& c) { return c.name == n; });
    if (it == grid_columns().end()) {
      std::string all;
      for (const GridColumn& c : grid_columns()) all += " " + c.name;
      throw InputError("--columns", "'" + n + "' is not a grid column; one of:" + all);
    }
    out.push_back(*it);
  }
  return out;
}

std::string grid_csv_header(const std::vector<std::string>& paths,
                            const std::vector<GridColumn>& columns) {
  std::string h;
  for (const std::string& p : paths) h += p + ",";
  for (const GridColumn& c : shown(columns)) h += c.name + ",";
  h.back() = '\n';
  return h;
}

std::string grid_csv_row(const GridPoint& point, const std::vector<GridColumn>& columns) {
  std::string row;
  for (const std::string& v : point.values) row += v + ",";
  for (const GridColumn& c : shown(columns))
    row += csv_cell(c, c.read(point.digest, c.which)) + ",";
  row.back() = '\n';
  return row;
}

std::string grid_point_text(const std::vector<std::string>& paths, const GridPoint& point,
                            const std::vector<GridColumn>& columns) {
  std::string out = "grid point";
  for (size_t i = 0; i < paths.size() && i < point.values.size(); ++i)
    out += " " + paths[i] + "=" + point.values[i];
  out += ":";
  for (const GridColumn& c : shown(columns)) {
    const std::optional<double> v = c.read(point.digest, c.which);
    if (!v && columns.empty()) continue;  // all columns: leave out what this sweep never measured
    out += "\n  " + c.head + ": " + point_cell(c, point.digest);
  }
  return out + "\n";
}

Table grid_table(const Grid& g) {
  Table t;
  const std::vector<GridColumn> columns =
      g.columns.empty() ? select_grid_columns(grid_headline_columns()) : g.columns;
  // The last part of each path heads its column; the stamp names the whole path.
  for (const std::string& p : g.paths)
    t.head.push_back(
        p.substr(p.find_last_of('.') == std::string::npos ? 0 : p.find_last_of('.') + 1));
  for (const GridColumn& c : columns) t.head.push_back(c.head);
  t.empty_note = "The grid was interrupted before its first point finished.";
  t.note = kNote;
  for (const GridPoint& p : g.points) {
    std::vector<Cell> row;
    for (const std::string& v : p.values) row.push_back({v, "", "", false});
    for (const GridColumn& c : columns) row.push_back({point_cell(c, p.digest), "", "", true});
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<ReportFile> grid_report_files(const Grid& g) {
  std::string csv = grid_csv_header(g.paths, g.columns);
  for (const GridPoint& p : g.points) csv += grid_csv_row(p, g.columns);
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
