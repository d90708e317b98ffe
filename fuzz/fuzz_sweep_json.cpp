// libFuzzer target: arbitrary bytes as a sweep's results (`drsim sweep --json`).
// read_sweep_json() must return a digest or throw InputError; a digest it returns must then
// go through everything that reads one without a crash, a sanitizer report or a hang: the
// sweep's text summary, every file of its report (`sweep --report`, in memory), and, when
// the visualiser's core is built, the sweep view's histograms and worst lists.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/sweep_digest.h"
#include "analysis/sweep_page.h"
#include "analysis/sweep_report.h"
#include "io/errors.h"
#ifdef DRSIM_FUZZ_VIZ
#include "viz/core/sweep_view.h"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The visualiser reads at most this much as a sweep's JSON (viz/core/sweep_session.cpp).
  if (size > (size_t{64} << 20)) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  drsim::SweepDigest d;
  try {
    d = drsim::read_sweep_json(text, "f.json");
  } catch (const drsim::InputError&) {
    return 0;  // not a sweep's results: reported as such
  }
  (void)drsim::sweep_text(d);
  (void)drsim::sweep_json(d);
  (void)drsim::sweep_report_files(d, drsim::SweepReportOptions{});
#ifdef DRSIM_FUZZ_VIZ
  using namespace drsim::viz;
  const drsim::viz::TextMetrics text_metrics;
  DrawList out;
  for (bool is_rto : {true, false}) {
    const std::vector<TargetMark> targets = policy_marks(d, is_rto);
    for (const auto& [name, dist] : is_rto ? d.rto_s : d.rpo_s)
      prepare_sweep_histogram(dist, targets, 600, 200, HistogramLayout{}, text_metrics, out);
  }
  prepare_sweep_histogram(d.downtime_s_per_year, {}, 600, 200, HistogramLayout{}, text_metrics,
                          out);
  for (int m = 0; m < kWorstMeasureCount; ++m) (void)worst_rows(d, m);
#endif
  return 0;
}
