// Renders an imported topology (io/topology_import.h) as a scenario in Protobuf text
// format that the administrator can read and edit: a header that lists what the document
// said and what drsim does not model, then the scenario with every value the document did
// not record marked `# assumed: why`. The output is a function of the import alone (no
// clock, no paths beyond the document's file name), so the same document gives the same
// bytes.
#pragma once

#include <string>

#include "io/topology_import.h"

namespace drsim {

std::string render_imported_scenario(const TopologyImport& imported);

}  // namespace drsim
