// libFuzzer target: arbitrary bytes as a scenario file, in text format and as JSON. Any
// outcome but a parsed scenario or an InputError (a crash, a sanitizer report, another
// exception, a hang) is a bug in the loader or the validator.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/errors.h"
#include "io/scenario_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // load_scenario() refuses larger files before parsing; mirror that cap.
  if (size > drsim::kMaxScenarioBytes) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* path : {"f.pb.txt", "f.json"}) {
    try {
      drsim::parse_scenario(path, text);
    } catch (const drsim::InputError&) {
      // Bad input reported as such: the expected outcome for most inputs.
    }
  }
  return 0;
}
