// "What drives the answer", prepared; see sensitivity_view.h.
#include "viz/core/sensitivity_view.h"

#include <algorithm>
#include <cmath>

#include "analysis/sweep_grid.h"
#include "sim/check.h"

namespace drsim::viz {

namespace {

// The panel's widgets (viz/ui/whatif_ui.cpp) by the registry path they set.
struct SliderLink {
  const char* parameter;
  const char* slider;
};
constexpr SliderLink kSliders[] = {
    {"backup_service.sync_interval_s", kSyncIntervalSlider},
    {"admin.detect_delay", kDetectDelaySlider},
    {"admin.decide_delay", kDecideDelaySlider},
};

const char* unit_words(GridColumn::Unit u) {
  switch (u) {
    case GridColumn::Unit::kFraction:
      return "percentage points";
    case GridColumn::Unit::kCount:
      return "count";
    case GridColumn::Unit::kSeconds:
      return "time";
    case GridColumn::Unit::kMinutes:
      return "minutes";
    case GridColumn::Unit::kHours:
      return "hours";
  }
  return "";
}

// A signed difference in the metric's unit: "+1h 00m", "-0.0021 points", "0s".
std::string signed_difference(const GridColumn& c, double v) {
  const std::string magnitude = difference_text(c, std::fabs(v));
  if (v > 0) return "+" + magnitude;
  if (v < 0) return "-" + magnitude;
  return magnitude;
}

std::string short_hash(const std::string& sha) { return sha.substr(0, 12); }

}  // namespace

const char* whatif_slider_for(const std::string& parameter) {
  for (const SliderLink& s : kSliders)
    if (parameter == s.parameter) return s.slider;
  return nullptr;
}

int default_sensitivity_metric(const SensitivityFile& f) {
  auto index_of = [&](const std::string& name) {
    for (size_t i = 0; i < f.metrics.size(); ++i)
      if (f.metrics[i].column.name == name) return static_cast<int>(i);
    return -1;
  };
  if (const int rto = index_of("rto_total_mean_s"); rto >= 0) return rto;
  for (const std::string& name : grid_headline_columns())
    if (const int i = index_of(name); i >= 0) return i;
  return f.metrics.empty() ? -1 : 0;
}

SensitivityPanel prepare_sensitivity(const SensitivityFile& f, int metric,
                                     const std::string& open_scenario_name,
                                     const std::string& open_scenario_sha256) {
  DRSIM_CHECK(metric >= 0 && static_cast<size_t>(metric) < f.metrics.size(),
              "prepare_sensitivity: the caller picks one of the file's metrics");
  const MetricRanking& m = f.metrics[static_cast<size_t>(metric)];
  SensitivityPanel p;
  p.metric_head = m.column.head;
  p.unit = unit_words(m.column.unit);
  p.base = m.base ? metric_text(m.column, *m.base) : "unknown (no incident measured it)";

  // The bars start at the base; without one (no incident in the base sweep), at the middle
  // of each parameter's two values, so that the bar still shows the swing.
  auto centre = [&](const SensitivityEffect& e) -> std::optional<double> {
    if (m.base) return m.base;
    if (e.at_low && e.at_high) return (*e.at_low + *e.at_high) / 2;
    return std::nullopt;
  };
  double longest = 0;
  for (const SensitivityEffect& e : m.effects) {
    const std::optional<double> c = centre(e);
    if (!c) continue;
    if (e.at_low) longest = std::max(longest, std::fabs(*e.at_low - *c));
    if (e.at_high) longest = std::max(longest, std::fabs(*e.at_high - *c));
  }
  int rank = 0;
  for (const SensitivityEffect& e : m.effects) {
    ++rank;
    // A swing needs both values (the reader checks it; a file made in code may not).
    if (!e.swing || *e.swing <= 0 || !e.at_low || !e.at_high) {
      p.unmoved.push_back(e.parameter);
      continue;
    }
    SensitivityRow r;
    r.rank = rank;
    r.parameter = e.parameter;
    for (const ParameterLevels& l : f.varied) {
      if (l.parameter != e.parameter) continue;
      r.range = l.low_text + " .. " + l.high_text + " (now " + l.base_text + ")";
      r.why = l.why;
    }
    r.at_low = metric_text(m.column, *e.at_low);
    r.at_high = metric_text(m.column, *e.at_high);
    const std::optional<double> c = centre(e);
    if (c && longest > 0) {
      r.low_bar = static_cast<float>((*e.at_low - *c) / longest);
      r.high_bar = static_cast<float>((*e.at_high - *c) / longest);
    }
    const double effect = *e.at_high - *e.at_low;
    r.effect = signed_difference(m.column, effect);
    if (e.swing_ci95) {
      r.interval = "95 %: " + signed_difference(m.column, effect - *e.swing_ci95) + " .. " +
                   signed_difference(m.column, effect + *e.swing_ci95);
      r.interval_kind = e.paired ? "paired" : "unpaired";
      // Straddling zero (or touching it): the sweeps cannot tell the effect from none.
      r.is_not_sure = !(std::fabs(effect) > *e.swing_ci95);
    } else {
      r.interval = "no interval (fewer than two values)";
      r.is_not_sure = true;
    }
    r.slider = whatif_slider_for(e.parameter);
    p.rows.push_back(std::move(r));
  }

  p.stamp = std::to_string(f.replications) + " replications per sweep, seed " +
            std::to_string(f.seed) + ", one at a time with common random numbers; " +
            std::to_string(f.varied.size()) + " parameters varied, " +
            std::to_string(f.skipped.size()) + " not";
  if (f.scenario != open_scenario_name) {
    p.warnings.push_back("This ranking is of scenario '" + f.scenario + "', not of '" +
                         open_scenario_name + "' opened here: its figures are not this one's.");
  } else if (f.scenario_sha256 != open_scenario_sha256) {
    p.warnings.push_back("This ranking was made from another version of '" + f.scenario +
                         "' (scenario SHA-256 " + short_hash(f.scenario_sha256) + ", open: " +
                         short_hash(open_scenario_sha256) + "): its figures may not hold.");
  }
  if (!f.overrides.empty()) {
    std::string sets;
    for (const std::string& s : f.overrides) sets += (sets.empty() ? "" : ", ") + s;
    p.warnings.push_back("Ranked with --set " + sets + ", not the scenario as opened.");
  }
  if (f.interrupted)
    p.warnings.push_back("The run was interrupted: only the parameters that finished are ranked.");
  return p;
}

std::string sensitivity_edit_warning(bool shows_whatif_run, bool draft_edited) {
  if (shows_whatif_run)
    return "The timeline shows your what-if edits; this ranking is of the scenario as opened, so "
           "each effect is measured from there, not from your edits.";
  if (draft_edited) return "Your edits are not run yet; this ranking is of the scenario as opened.";
  return "";
}

std::string sensitivity_hint(const std::string& scenario_path) {
  return "drsim sensitivity " + scenario_path + " --json sens.json\nthen: drsim-viz " +
         scenario_path + " --sensitivity sens.json";
}

}  // namespace drsim::viz
