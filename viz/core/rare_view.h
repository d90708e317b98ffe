// The sweep view's rare-event panel, prepared: one row per estimate of each pool, with its
// 95 % interval and relative half-width beside plain Monte Carlo given the same work and the
// Markov chain's value where the failure model has one. A pure function of the RareReport
// that `drsim sweep --rare ... --json` wrote (analysis/rare_report.h reads it back), tested
// without a window (viz/tests/test_viz_sweep.cpp); viz/ui/sweep_ui.cpp draws the rows.
#pragma once

#include <string>
#include <vector>

#include "analysis/rare_report.h"
#include "viz/core/states.h"

namespace drsim::viz {

namespace palette {
inline constexpr uint32_t kMarkovInside = rgba(110, 210, 120);
inline constexpr uint32_t kMarkovOutside = rgba(255, 90, 90);
inline constexpr uint32_t kMarkovNone = rgba(150, 155, 165);
}  // namespace palette

enum class MarkovVerdict { kNoChain, kInside, kOutside };

struct RareRow {
  std::string pool;
  std::string quantity;  // as the text says it: "unavailability"
  std::string estimate;  // "1.012e-07 (95 % CI 9.97e-08 .. 1.028e-07)" or "0 events observed..."
  std::string relative;  // "9.7 %", or "-" when nothing was observed
  std::string plain;     // plain Monte Carlo's figure, or "not reported" (downtime per year)
  std::string markov;    // the chain's value, or "none for this failure model"
  MarkovVerdict verdict = MarkovVerdict::kNoChain;
  uint32_t markov_color = palette::kMarkovNone;
};

// The rows, pool by pool in the report's order, each pool's estimates in the text's order.
std::vector<RareRow> rare_rows(const RareReport& r);

// A pool's one-line diagnostics: replications, hits, precision reached, and the warning.
std::string rare_pool_note(const RarePoolEstimate& p);

// The method and why it was chosen, as the text's "method:" line says it.
std::string rare_method_line(const RareReport& r);

}  // namespace drsim::viz
