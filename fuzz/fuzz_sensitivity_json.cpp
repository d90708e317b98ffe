// libFuzzer target: arbitrary bytes as a sensitivity ranking (`drsim sensitivity --json`).
// read_sensitivity_json() must return the file or throw InputError; a file it returns must
// then go through what the visualiser does with one without a crash, a sanitizer report or a
// hang: "What drives the answer" prepared for every metric, for the file's own scenario and
// for another one.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/sensitivity.h"
#include "io/errors.h"
#ifdef DRSIM_FUZZ_VIZ
#include "viz/core/sensitivity_view.h"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The visualiser reads at most this much as a ranking (viz/ui/main.cpp).
  if (size > (size_t{64} << 20)) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  drsim::SensitivityFile f;
  try {
    f = drsim::read_sensitivity_json(text, "f.json");
  } catch (const drsim::InputError&) {
    return 0;  // not a ranking: reported as such
  }
  (void)drsim::is_sensitivity_json(text);
#ifdef DRSIM_FUZZ_VIZ
  (void)drsim::viz::default_sensitivity_metric(f);
  for (size_t m = 0; m < f.metrics.size(); ++m) {
    (void)drsim::viz::prepare_sensitivity(f, static_cast<int>(m), f.scenario, f.scenario_sha256);
    (void)drsim::viz::prepare_sensitivity(f, static_cast<int>(m), "other", "");
  }
#endif
  return 0;
}
