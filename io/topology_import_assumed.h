// The part of `drsim import-topology` that fills in what a topology document cannot say: the
// horizon, WAN links between paired pools' sites, the Backup Service's settings, the
// disaster to rehearse (the loss of the site holding the CMS), the admin's delays and every
// model parameter at its default, each listed in TopologyImport::assumed with why.
#pragma once

#include "io/topology_import_types.h"

namespace drsim {

// Adds them to out.scenario, whose sites, pools and roles are already imported.
void add_import_assumptions(const ImportDefaults& defaults, TopologyImport& out);

}  // namespace drsim
