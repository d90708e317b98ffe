// `drsim import-topology`: a Skype for Business topology document (Topology Builder's
// .tbxml or Get-CsTopology -AsXml) becomes a drsim scenario.
//
// import_topology() is a pure function of the document's text: it reads the central sites,
// the clusters told apart by the services installed on them (Front End pools and Standard
// Edition servers, Edge pools, SQL stores, file stores), the SQL instance behind each pool's
// user store with its mirror or AlwaysOn group, the CMS, Edge next hops and backup pools.
// Everything a topology does not record (users, the HA mode when no mirror or group is
// recorded, timings, the fault to rehearse) is filled from ImportDefaults and listed as
// assumed, so that render_imported_scenario() can mark each such line `# assumed`.
// docs/import.md describes every mapping and default.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "proto/scenario.pb.h"

namespace drsim {

// The values a topology document does not hold, with drsim's defaults (docs/import.md).
struct ImportDefaults {
  // Users homed on an Enterprise pool per Front End: under half the 6,660 a Front End
  // carries, so that either pool of a pair can carry both pools' users after a failover.
  int64_t users_per_front_end = 3000;
  int64_t users_per_standard_edition_server = 2000;  // under the 2,500 a server carries
  int64_t active_users_percent = 80;
  int64_t horizon_s = 86400;     // one day
  int64_t fault_at_s = 36000;    // the site is lost at 10:00 on day 1
  int64_t detect_delay_s = 600;  // the admin notices after 10 minutes ...
  int64_t decide_delay_s = 900;  // ... and decides after 15 more
  // Timer phases the model draws at random when absent (backup_service.phase_s, the fabric's
  // persistence_phase_s): fixed, so that every run of an imported scenario is the same.
  int64_t backup_phase_s = 0;
  int64_t unset_phase_s = 0;
};

// Names drsim gives to what a topology does not name apart. A Standard Edition server is at
// once a pool, a Front End and (SQL Express) its Back End, but scenario names are unique.
inline constexpr const char* kStandardEditionFrontEndSuffix = "#fe";
inline constexpr const char* kStandardEditionSqlSuffix = "#sql";
// A Standard Edition server's own file store (a share on the server itself).
inline constexpr const char* kStandardEditionFileStoreSuffix = "#fs";
// The secondary replica of an availability group: Topology Builder records only the listener
// and the primary node.
inline constexpr const char* kAvailabilityGroupSecondarySuffix = "#secondary";

// One value filled in from the defaults: its field path ("pools[0].users") and why.
struct AssumedValue {
  std::string field;
  std::string reason;
};

struct TopologyImport {
  scenario::Scenario scenario;
  std::vector<AssumedValue> assumed;
  std::vector<std::string> read;          // what the document said, one line each, for the header
  std::vector<std::string> not_modelled;  // roles read but not simulated (file stores, ...)
  std::string source;                     // the document's file name, without directories
  std::string dialect;                    // "Topology Builder document" or "Get-CsTopology -AsXml"
};

// Reads and maps a document; `path` names it in messages. InputError with file:line:col for
// malformed XML, an unknown root, missing elements, dangling references (a pool whose user
// store is on an unknown SQL instance, ...), duplicate FQDNs, or a deployment that breaks a
// drsim scenario rule.
TopologyImport import_topology(const std::string& path, const std::string& xml_text,
                               const ImportDefaults& defaults = {});

}  // namespace drsim
