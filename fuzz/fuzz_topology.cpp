// libFuzzer target: arbitrary bytes as a topology document for `drsim import-topology`. Any
// outcome but an imported scenario or an InputError (a crash, a sanitizer report, another
// exception, a hang) is a bug in the XML reader, the mapping or the text writer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/errors.h"
#include "io/imported_scenario_text.h"
#include "io/topology_import.h"
#include "io/xml_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The command refuses larger files before parsing; mirror that cap.
  if (size > drsim::kMaxXmlBytes) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const drsim::TopologyImport imported = drsim::import_topology("f.tbxml", text);
    (void)drsim::render_imported_scenario(imported);
  } catch (const drsim::InputError&) {
    // Bad input reported as such: the expected outcome for most inputs.
  }
  return 0;
}
