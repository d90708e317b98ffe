// The second step of `drsim import-topology`, after the Front End pools: the voice path
// (Mediation pools, PSTN gateways and their trunks), Persistent Chat pools and Office Web
// Apps farms, read from the same RawTopology into the scenario fields that model them.
//
// A public Topology Builder document shows `MediationServer` (collocated on a Front End pool)
// and a pool's `ConfServices` depending on the Office Web Apps `WacService`; no public
// document shows a gateway or Persistent Chat, so those RoleNames are drsim's inference from
// the documented service identities (`PstnGateway:192.168.0.240`, `PersistentChatServer:fqdn`;
// a service ID is `SITE-RoleName-Instance`), as is reading a trunk from a dependency. Each
// inference the import relies on is listed in TopologyImport::inferred and printed as a warning.
// docs/import.md lists every rule.
#pragma once

#include <string>
#include <vector>

#include "io/topology_document.h"
#include "io/topology_import_types.h"

namespace drsim {

// Where each imported element came from, for placing a validation error at its element.
struct RolePositions {
  std::vector<TextPosition> mediation_pools, pstn_gateways, persistent_chat_pools, owa_farms,
      branches;
};

// Adds the roles to out.scenario (whose sites and pools are already imported) and its lines
// to out.read, out.assumed and out.inferred. InputError (file:line:col) for a Persistent
// Chat pool with no store, or more servers than the roles take. The references of `raw` have
// been checked by the caller (every InstalledOn and dependency resolves).
RolePositions import_other_roles(const std::string& path, const RawTopology& raw,
                                 const ImportDefaults& defaults, TopologyImport& out);

}  // namespace drsim
