// Ranking a sensitivity run, and its CSV, JSON and text; see sensitivity.h.
#include "analysis/sensitivity.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/json_writer.h"
#include "analysis/paired.h"
#include "analysis/report_format.h"
#include "sim/check.h"

namespace drsim {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

const DistributionDigest* find_named(
    const std::vector<std::pair<std::string, DistributionDigest>>& all, const std::string& name) {
  for (const auto& [n, d] : all)
    if (n == name) return &d;
  return nullptr;
}

std::string optional_csv(const std::optional<double>& v) { return v ? json_number(*v) : ""; }

// How a swing's interval was made (docs/reports.md, "Sensitivity"): "paired" per-replication
// differences, "unpaired" half-widths added, or "none" (fewer than two values).
std::string swing_interval(const SensitivityEffect& e) {
  if (!e.swing_ci95) return "none";
  return e.paired ? "paired" : "unpaired";
}

}  // namespace

std::vector<GridColumn> sensitivity_metrics() {
  std::vector<GridColumn> out;
  for (const GridColumn& c : grid_columns()) {
    const std::string& n = c.name;
    if (n == "user_availability_mean_fraction" || n == "downtime_per_year_mean_s" ||
        n == "incidents_per_year_mean_count" || n == "pstn_impact_fraction" ||
        n == "pstn_rto_mean_s" || n == "pstn_lost_per_year_mean_minutes" ||
        (n.rfind("access_", 0) == 0 &&
         (ends_with(n, "_impact_fraction") || ends_with(n, "_rto_mean_s") ||
          n == "access_remote_user_hours_lost_per_year_mean")) ||
        n == "pchat_impact_fraction" || n == "pchat_restore_mean_s" ||
        n == "pchat_messages_lost_mean_count" || n == "pchat_lost_per_year_mean_hours" ||
        ((n.rfind("rto_", 0) == 0 || n.rfind("rpo_", 0) == 0) && ends_with(n, "_mean_s")) ||
        ends_with(n, "_met_fraction"))
      out.push_back(c);
  }
  return out;
}

std::optional<double> metric_ci95(const SweepDigest& d, const GridColumn& c) {
  const std::string& n = c.name;
  if (n == "user_availability_mean_fraction") return d.user_availability.ci95_halfwidth;
  if (n == "downtime_per_year_mean_s") return d.downtime_s_per_year.ci95_halfwidth;
  if (n == "incidents_per_year_mean_count") return d.incidents_per_year.ci95_halfwidth;
  if (n == "pstn_rto_mean_s")
    return d.pstn_modelled && d.pstn_rto_s.n > 0 ? d.pstn_rto_s.ci95_halfwidth : std::nullopt;
  if (n == "pstn_lost_per_year_mean_minutes")
    return d.pstn_modelled ? d.pstn_minutes_lost_per_year.ci95_halfwidth : std::nullopt;
  if (n == "pstn_impact_fraction") {
    const ProportionDigest& m = d.pstn_impact;
    if (!d.pstn_modelled || m.incidents == 0) return std::nullopt;
    return std::max(m.fraction - m.ci95_low, m.ci95_high - m.fraction);
  }
  if (n.rfind("pchat_", 0) == 0) {
    if (!d.pchat_modelled) return std::nullopt;
    if (n == "pchat_impact_fraction") {
      const ProportionDigest& m = d.pchat_impact;
      if (m.incidents == 0) return std::nullopt;
      return std::max(m.fraction - m.ci95_low, m.ci95_high - m.fraction);
    }
    const DistributionDigest& x = n == "pchat_restore_mean_s"             ? d.pchat_restore_s
                                  : n == "pchat_messages_lost_mean_count" ? d.pchat_messages_lost
                                  : n == "pchat_lost_per_year_mean_hours"
                                      ? d.pchat_user_hours_lost_per_year
                                      : d.pchat_availability;
    return x.n > 0 ? x.ci95_halfwidth : std::nullopt;
  }
  if (n.rfind("access_", 0) == 0) {
    if (n == "access_remote_user_hours_lost_per_year_mean")
      return remote_sign_in_deployed(d) && d.remote_user_hours_lost_per_year.n > 0
                 ? d.remote_user_hours_lost_per_year.ci95_halfwidth
                 : std::nullopt;
    for (const AccessModalityDigest& a : d.access) {
      if (a.modality != c.which || !a.deployed) continue;
      if (ends_with(n, "_rto_mean_s")) return a.rto_s.n > 0 ? a.rto_s.ci95_halfwidth : std::nullopt;
      const ProportionDigest& m = a.impact;
      if (m.incidents == 0) return std::nullopt;
      return std::max(m.fraction - m.ci95_low, m.ci95_high - m.fraction);
    }
    return std::nullopt;
  }
  if (n.rfind("rto_", 0) == 0 || n.rfind("rpo_", 0) == 0) {
    const DistributionDigest* x = find_named(n.rfind("rto_", 0) == 0 ? d.rto_s : d.rpo_s, c.which);
    if (x == nullptr || x->n == 0) return std::nullopt;
    return x->ci95_halfwidth;
  }
  if (ends_with(n, "_met_fraction")) {
    const bool rto = ends_with(n, "_rto_met_fraction");
    for (const PolicyDigest& p : d.policy) {
      if (p.disruption != c.which) continue;
      const ProportionDigest& m = rto ? p.rto_met : p.rpo_met;
      if (m.incidents == 0) return std::nullopt;
      // The Wilson interval is not symmetric: its larger side, so that "distinguishable"
      // stays conservative.
      return std::max(m.fraction - m.ci95_low, m.ci95_high - m.fraction);
    }
  }
  return std::nullopt;
}

std::vector<MetricRanking> rank_sensitivity(const SensitivityRun& run) {
  std::vector<MetricRanking> out;
  for (const GridColumn& c : sensitivity_metrics()) {
    MetricRanking m{c, c.read(run.base, c.which), {}};
    for (const SensitivityPoint& p : run.points) {
      SensitivityEffect e;
      e.parameter = p.levels.parameter;
      e.at_low = c.read(p.low, c.which);
      e.at_high = c.read(p.high, c.which);
      e.ci95_low = metric_ci95(p.low, c);
      e.ci95_high = metric_ci95(p.high, c);
      if (e.at_low && e.at_high) {
        e.swing = std::fabs(*e.at_high - *e.at_low);
        if (const std::optional<PairedDifference> d = paired_difference(p.low, p.high, c)) {
          e.paired = true;
          e.swing_ci95 = d->ci95_halfwidth;
          e.distinguishable = d->beyond_noise() && *e.swing > 0;
        } else if (e.ci95_low && e.ci95_high) {
          e.swing_ci95 = *e.ci95_low + *e.ci95_high;
          e.distinguishable = *e.swing > *e.swing_ci95;
        }
      }
      m.effects.push_back(std::move(e));
    }
    std::stable_sort(m.effects.begin(), m.effects.end(),
                     [](const SensitivityEffect& a, const SensitivityEffect& b) {
                       if (a.swing.has_value() != b.swing.has_value()) return a.swing.has_value();
                       return a.swing && *a.swing > *b.swing;
                     });
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<MorrisRanking> rank_morris(const SensitivityRun& run) {
  std::vector<MorrisRanking> out;
  if (run.morris.empty()) return out;
  const size_t k = run.morris_parameters.size();
  for (const GridColumn& c : sensitivity_metrics()) {
    MorrisRanking m{c, {}};
    for (size_t i = 0; i < k; ++i) {
      std::vector<double> effects;
      for (const MorrisTrajectory& t : run.morris) {
        DRSIM_CHECK(t.points.size() == k + 1 && t.order.size() == k,
                    "a trajectory has a point per parameter moved, and its start");
        for (size_t step = 1; step <= k; ++step) {
          if (t.order[step - 1] != i) continue;
          const std::optional<double> before = c.read(t.points[step - 1], c.which);
          const std::optional<double> after = c.read(t.points[step], c.which);
          if (before && after) effects.push_back((*after - *before) / kMorrisDelta);
        }
      }
      MorrisEffect e;
      e.parameter = run.morris_parameters[i];
      e.n = effects.size();
      if (e.n > 0) {
        double sum = 0, sum_abs = 0;
        for (double x : effects) {
          sum += x;
          sum_abs += std::fabs(x);
        }
        const double n = static_cast<double>(e.n);
        e.mu = sum / n;
        e.mu_star = sum_abs / n;
        if (e.n > 1) {
          double ss = 0, ss_abs = 0;
          for (double x : effects) {
            ss += (x - e.mu) * (x - e.mu);
            ss_abs += (std::fabs(x) - e.mu_star) * (std::fabs(x) - e.mu_star);
          }
          e.sigma = std::sqrt(ss / (n - 1));
          e.mu_star_ci95 = 1.96 * std::sqrt(ss_abs / (n - 1)) / std::sqrt(n);
        }
      }
      m.effects.push_back(std::move(e));
    }
    std::stable_sort(m.effects.begin(), m.effects.end(),
                     [](const MorrisEffect& a, const MorrisEffect& b) {
                       if ((a.n > 0) != (b.n > 0)) return a.n > 0;
                       return a.mu_star > b.mu_star;
                     });
    out.push_back(std::move(m));
  }
  return out;
}

std::string morris_csv(const std::vector<MorrisRanking>& ranked) {
  std::string out = "metric,rank,parameter,effects_count,mu_star,mu_star_ci95,mu,sigma\n";
  for (const MorrisRanking& m : ranked) {
    int rank = 0;
    for (const MorrisEffect& e : m.effects) {
      out += m.column.name + "," + std::to_string(++rank) + "," + csv_field(e.parameter) + "," +
             std::to_string(e.n) + ",";
      if (e.n > 0)
        out += json_number(e.mu_star) + "," + json_number(e.mu_star_ci95) + "," +
               json_number(e.mu) + "," + json_number(e.sigma);
      else
        out += ",,,";
      out += "\n";
    }
  }
  return out;
}

std::string metric_text(const GridColumn& c, double v) {
  switch (c.unit) {
    case GridColumn::Unit::kFraction:
      return fixed(v * 100, c.name == "user_availability_mean_fraction" ? 4 : 2) + " %";
    case GridColumn::Unit::kCount:
      return fixed(v, 3);
    case GridColumn::Unit::kSeconds:
      return human_s(v);
    case GridColumn::Unit::kMinutes:
      return fixed(v, 1) + " min";
    case GridColumn::Unit::kHours:
      return fixed(v, 1) + " h";
  }
  return number(v);
}

std::string difference_text(const GridColumn& c, double v) {
  if (c.unit != GridColumn::Unit::kFraction) return metric_text(c, v);
  // Availability moves in the fifth and sixth decimal of a percent: a paired half-width
  // would print as 0.0000 with four.
  return fixed(v * 100, c.name == "user_availability_mean_fraction" ? 6 : 2) + " points";
}

std::string sensitivity_csv(const SensitivityRun& run, const std::vector<MetricRanking>& ranked) {
  std::string out =
      "metric,rank,parameter,base_setting,low_setting,high_setting,base_value,low_value,"
      "low_ci95,high_value,high_ci95,swing,distinguishable,swing_ci95,swing_interval\n";
  for (const MetricRanking& m : ranked) {
    int rank = 0;
    for (const SensitivityEffect& e : m.effects) {
      ++rank;
      const ParameterLevels* l = nullptr;
      for (const SensitivityPoint& p : run.points)
        if (p.levels.parameter == e.parameter) l = &p.levels;
      DRSIM_CHECK(l != nullptr, "every effect comes from a point of the run");
      out += m.column.name + "," + std::to_string(rank) + "," + csv_field(e.parameter) + "," +
             csv_field(l->base_text) + "," + csv_field(l->low_text) + "," +
             csv_field(l->high_text) + "," + optional_csv(m.base) + "," + optional_csv(e.at_low) +
             "," + optional_csv(e.ci95_low) + "," + optional_csv(e.at_high) + "," +
             optional_csv(e.ci95_high) + "," + optional_csv(e.swing) + "," +
             (e.distinguishable ? "true" : "false") + "," + optional_csv(e.swing_ci95) + "," +
             swing_interval(e) + "\n";
    }
  }
  return out;
}

std::string sensitivity_json(const SensitivityRun& run, const std::vector<MetricRanking>& ranked) {
  JsonWriter w;
  auto opt = [&](std::string_view k, const std::optional<double>& v) {
    w.key(k);
    if (v)
      w.value(*v);
    else
      w.null();
  };
  w.begin_object();
  w.field("kind", "sensitivity");
  w.field("method", "one-at-a-time, common random numbers");
  w.field("scenario", run.base.scenario);
  w.field("scenario_sha256", run.base.scenario_sha256);
  w.field("seed", run.base.seed);
  w.field("replications", run.base.replications);
  w.field("version", run.base.version);
  w.field("commit", run.base.commit);
  w.field("interrupted", run.interrupted);
  w.key("overrides").begin_array();
  for (const std::string& s : run.base.overrides) w.value(s);
  w.end_array();
  w.key("ranges").begin_array();
  for (const std::string& s : run.ranges) w.value(s);
  w.end_array();
  w.key("varied").begin_array();
  for (const SensitivityPoint& p : run.points) {
    w.begin_object();
    w.field("parameter", p.levels.parameter);
    w.field("unit", p.levels.unit);
    w.field("base", p.levels.base_text);
    w.field("low", p.levels.low_text);
    w.field("high", p.levels.high_text);
    w.field("why", p.levels.why);
    w.key("low_sets").begin_array();
    for (const std::string& s : p.levels.low_sets) w.value(s);
    w.end_array();
    w.key("high_sets").begin_array();
    for (const std::string& s : p.levels.high_sets) w.value(s);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("skipped").begin_array();
  for (const SkippedParameter& s : run.skipped)
    w.begin_object().field("parameter", s.parameter).field("reason", s.reason).end_object();
  w.end_array();
  w.key("metrics").begin_array();
  for (const MetricRanking& m : ranked) {
    w.begin_object();
    w.field("metric", m.column.name);
    opt("base", m.base);
    w.key("ranked").begin_array();
    for (const SensitivityEffect& e : m.effects) {
      w.begin_object();
      w.field("parameter", e.parameter);
      opt("low_value", e.at_low);
      opt("low_ci95", e.ci95_low);
      opt("high_value", e.at_high);
      opt("high_ci95", e.ci95_high);
      opt("swing", e.swing);
      opt("swing_ci95", e.swing_ci95);
      w.field("swing_interval", swing_interval(e));
      w.field("distinguishable", e.distinguishable);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  if (!run.morris.empty()) {
    w.key("morris").begin_object();
    w.field("trajectories", static_cast<uint64_t>(run.morris.size()));
    w.field("levels", 4);
    w.field("delta", kMorrisDelta);
    w.key("metrics").begin_array();
    for (const MorrisRanking& m : rank_morris(run)) {
      w.begin_object();
      w.field("metric", m.column.name);
      w.key("ranked").begin_array();
      for (const MorrisEffect& e : m.effects) {
        w.begin_object();
        w.field("parameter", e.parameter);
        w.field("effects", static_cast<uint64_t>(e.n));
        if (e.n > 0) {
          w.field("mu_star", e.mu_star).field("mu_star_ci95", e.mu_star_ci95);
          w.field("mu", e.mu).field("sigma", e.sigma);
        }
        w.end_object();
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_object();
  return w.str();
}

std::string sensitivity_text(const SensitivityRun& run, const std::vector<MetricRanking>& ranked,
                             size_t per_metric) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "sensitivity of %s: %zu parameters varied one at a time, %" PRIu64
                " replications per sweep, seed %" PRIu64 "%s\n",
                run.base.scenario.c_str(), run.points.size(), run.base.replications, run.base.seed,
                run.interrupted ? " (interrupted)" : "");
  out += buf;
  for (const MetricRanking& m : ranked) {
    size_t shown = 0;
    for (const SensitivityEffect& e : m.effects)
      if (e.swing && *e.swing > 0) ++shown;
    if (shown == 0) continue;
    out += "\n" + m.column.head + " (base " +
           (m.base ? metric_text(m.column, *m.base) : "unknown") + ")\n";
    size_t n = 0;
    for (const SensitivityEffect& e : m.effects) {
      if (n == per_metric || !e.swing || *e.swing <= 0) break;
      ++n;
      const std::string interval = e.swing_ci95
                                       ? " +- " + difference_text(m.column, *e.swing_ci95) +
                                             (e.paired ? " paired" : " unpaired")
                                       : std::string();
      std::snprintf(buf, sizeof buf, "  %zu. %-52s %s .. %s (swing %s%s)%s\n", n,
                    e.parameter.c_str(), metric_text(m.column, *e.at_low).c_str(),
                    metric_text(m.column, *e.at_high).c_str(),
                    difference_text(m.column, *e.swing).c_str(), interval.c_str(),
                    e.distinguishable ? "" : "  within noise");
      out += buf;
    }
  }
  if (!run.morris.empty()) {
    std::snprintf(buf, sizeof buf,
                  "\nMorris screening: %zu trajectories; mu* (mean |elementary effect|, per whole "
                  "range) +- 95 %%, sigma (interactions, non-linearity)\n",
                  run.morris.size());
    out += buf;
    for (const MorrisRanking& m : rank_morris(run)) {
      if (m.effects.empty() || m.effects.front().n == 0 || m.effects.front().mu_star <= 0) continue;
      out += "\n" + m.column.head + "\n";
      size_t n = 0;
      for (const MorrisEffect& e : m.effects) {
        if (n == per_metric || e.n == 0 || e.mu_star <= 0) break;
        ++n;
        std::snprintf(buf, sizeof buf, "  %zu. %-52s mu* %s +- %s, sigma %s\n", n,
                      e.parameter.c_str(), difference_text(m.column, e.mu_star).c_str(),
                      difference_text(m.column, e.mu_star_ci95).c_str(),
                      difference_text(m.column, e.sigma).c_str());
        out += buf;
      }
    }
  }
  if (!run.skipped.empty()) {
    out += "\nnot varied:\n";
    for (const SkippedParameter& s : run.skipped)
      out += "  " + s.parameter + ": " + s.reason + "\n";
  }
  return out;
}

}  // namespace drsim
