// The what-if panel's "What drives the answer", prepared: a sensitivity ranking (`drsim
// sensitivity --json`, read by analysis/sensitivity.h) for one metric, as rows of a small
// tornado: each parameter's low and high bars from the base, the effect of going from its low
// to its high value with the 95 % interval in the metric's unit, "not sure" where that interval
// includes no effect, and which of the panel's own sliders sets the parameter. A pure function
// of the file and the open scenario's name and hash, tested without a window
// (viz/tests/test_viz_sensitivity.cpp); viz/ui/sensitivity_ui.cpp draws it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/sensitivity.h"
#include "viz/core/states.h"

namespace drsim::viz {

namespace palette {
inline constexpr uint32_t kAtLow = rgba(90, 150, 230);     // the metric at the parameter's low
inline constexpr uint32_t kAtHigh = rgba(240, 150, 60);    // and at its high value
inline constexpr uint32_t kNotSure = rgba(150, 155, 165);  // bars of an effect within noise
}  // namespace palette

// The labels of the what-if panel's widgets that set a sensitivity parameter (whatif_ui.cpp
// draws them with these labels, so a ranking row and its slider cannot drift apart).
inline constexpr const char* kSyncIntervalSlider = "Backup Service sync interval (s)";
inline constexpr const char* kDetectDelaySlider = "admin detect delay (s)";
inline constexpr const char* kDecideDelaySlider = "admin decide delay (s)";

// The what-if panel's widget that sets a sensitivity parameter ("admin decide delay (s)"),
// or null when the panel has none (the parameter is changed by --what-if PATH=VALUE only).
const char* whatif_slider_for(const std::string& parameter);

struct SensitivityRow {
  int rank = 0;                 // 1-based, the file's order (by swing, largest first)
  std::string parameter;        // the registry's path: "admin.decide_delay"
  std::string range;            // "30 s .. 600 s (now 120 s)", as the file says them
  std::string why;              // why that range (the tooltip)
  std::string at_low, at_high;  // the metric at each end, in its unit: "30m 01s", "unknown"
  // The bars, as a share of the longest bar of the metric: the metric at the low and at the
  // high value minus the base, in [-1, 1]; absent when the file has no value there.
  std::optional<float> low_bar, high_bar;
  // The effect of the parameter going from low to high (value at high minus value at low), and
  // its 95 % interval, signed, in the metric's unit: "+1h 00m", "95 %: +59m 29s .. +1h 00m 31s".
  std::string effect;
  std::string interval;
  std::string interval_kind;  // "paired", "unpaired" or "" (no interval)
  // The interval includes no effect (or there is no interval): the panel says "not sure".
  bool is_not_sure = true;
  const char* slider = nullptr;  // whatif_slider_for(parameter)
};

struct SensitivityPanel {
  std::string metric_head;           // "RTO total mean"
  std::string unit;                  // "time", "percentage points", "minutes", "hours", "count"
  std::string base;                  // the metric in the scenario as given: "47m 49s" or "unknown"
  std::vector<SensitivityRow> rows;  // parameters that moved the metric, ranked
  // Parameters whose swing was 0 or unknown (no incident measured the metric at one end).
  std::vector<std::string> unmoved;
  // How the file was made: "200 replications per sweep, seed 7, one at a time with common
  // random numbers; 31 parameters varied, 14 not".
  std::string stamp;
  // A visible warning when the file is not about the open scenario (name or hash differ), or
  // was made with --set overrides or interrupted; "" otherwise.
  std::vector<std::string> warnings;
};

// The metric shown first: the RTO total's mean if the file ranks it, else the first of the
// grid's headline columns it ranks, else its first metric; -1 when it ranks none.
int default_sensitivity_metric(const SensitivityFile& f);

// `metric` indexes f.metrics (the caller keeps it in range).
SensitivityPanel prepare_sensitivity(const SensitivityFile& f, int metric,
                                     const std::string& open_scenario_name,
                                     const std::string& open_scenario_sha256);

// The ranking was measured on the scenario as opened: once the timeline shows a what-if run
// (`shows_whatif_run`) or the sliders hold edits not yet run (`draft_edited`), the panel says
// so; "" while the timeline shows the scenario as opened.
std::string sensitivity_edit_warning(bool shows_whatif_run, bool draft_edited);

// What the panel says without a ranking: the exact command that makes one for `scenario_path`
// and how to open it here.
std::string sensitivity_hint(const std::string& scenario_path);

}  // namespace drsim::viz
