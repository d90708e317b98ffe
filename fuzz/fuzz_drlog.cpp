// libFuzzer target: arbitrary bytes as a .drlog event log. decode_drlog() must either return
// the records or throw InputError; the records it returns must also format as a timeline.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/errors.h"
#include "io/log_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    const drsim::LogFile log = drsim::decode_drlog("f.drlog", bytes);
    (void)drsim::format_timeline(log.records);
  } catch (const drsim::InputError&) {
    // Not a well-formed log: reported as such.
  }
  return 0;
}
