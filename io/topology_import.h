// `drsim import-topology`: a Skype for Business topology document (Topology Builder's
// .tbxml or Get-CsTopology -AsXml) becomes a drsim scenario.
//
// import_topology() is a pure function of the document's text: it reads the central sites,
// the clusters told apart by the services installed on them (Front End pools and Standard
// Edition servers, Edge pools, SQL stores, file stores; then, in topology_import_roles.h,
// Mediation pools, PSTN gateways, Persistent Chat pools and Office Web Apps farms), the SQL
// instance behind each pool's user store with its mirror or AlwaysOn group, the CMS, Edge next
// hops and backup pools. Everything a topology does not record (users, the HA mode when no
// mirror or group is recorded, timings, voice routes, the fault to rehearse) is filled from
// ImportDefaults (topology_import_types.h) and listed as assumed, so that
// render_imported_scenario() can mark each such line `# assumed`.
// docs/import.md describes every mapping and default.
#pragma once

#include <string>

#include "io/topology_import_types.h"

namespace drsim {

// Reads and maps a document; `path` names it in messages. InputError with file:line:col for
// malformed XML, an unknown root, missing elements, dangling references (a pool whose user
// store is on an unknown SQL instance, ...), duplicate FQDNs, or a deployment that breaks a
// drsim scenario rule.
TopologyImport import_topology(const std::string& path, const std::string& xml_text,
                               const ImportDefaults& defaults = {});

}  // namespace drsim
