// libFuzzer target: arbitrary bytes as a scenario file, in text format and as JSON. Any
// outcome but a parsed scenario or an InputError (a crash, a sanitizer report, another
// exception, a hang) is a bug in the loader or the validator.
//
// A scenario that loads is also simulated, with its event budget and log capped so that
// one input stays fast, and its event log must read back: the model writes only what the
// log reader accepts (log/log_file.h), and a broken invariant aborts (sim/check.h).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/errors.h"
#include "io/scenario_file.h"
#include "log/log_file.h"
#include "sim/simulate.h"

namespace {

// Events per input, divided by the scenario's size: every event re-derives each pool's
// routing groups, so a large topology gets fewer.
constexpr uint64_t kWorkPerInput = 2'000'000;

void simulate_capped(drsim::scenario::Scenario s) {
  uint64_t size = 1;
  for (const auto& p : s.pools())
    size += static_cast<uint64_t>(p.routing_groups()) + static_cast<uint64_t>(p.front_ends_size());
  s.set_event_budget(
      std::min<uint64_t>(s.event_budget(), std::max<uint64_t>(100, kWorkPerInput / size)));
  s.set_max_log_records(std::min<uint64_t>(s.max_log_records(), 20'000));
  s.set_max_incidents(std::min<uint64_t>(s.max_incidents(), 2'000));
  drsim::RunOptions o;
  o.seed = s.seed();
  const drsim::RunResult r = drsim::simulate(s, o);
  drsim::log::Header h;
  h.set_horizon_us(drsim::Duration::seconds(s.horizon_s()).us());
  try {
    (void)drsim::decode_drlog("run.drlog", drsim::encode_drlog(h, r.log.records()));
  } catch (const drsim::InputError& e) {
    std::fprintf(stderr, "the model wrote a log its reader refuses: %s\n", e.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // load_scenario() refuses larger files before parsing; mirror that cap.
  if (size > drsim::kMaxScenarioBytes) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* path : {"f.pb.txt", "f.json"}) {
    try {
      const drsim::LoadedScenario loaded = drsim::parse_scenario(path, text);
      simulate_capped(loaded.scenario);
    } catch (const drsim::InputError&) {
      // Bad input reported as such: the expected outcome for most inputs.
    }
  }
  return 0;
}
