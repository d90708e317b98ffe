// The result of `drsim import-topology` and its defaults (ImportDefaults), shared by the two
// steps of the import: topology_import.h (pools, Edge, Directors, file stores, the CMS) and
// topology_import_roles.h (the voice path, Persistent Chat, Office Web Apps).
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
  // Voice policies are not in a topology: each pool calls through its own site's gateways and,
  // with this set, through the other sites' as failover routes (the documented advice, D-EVR).
  bool pstn_failover_routes = true;
  // Persistent Chat users, as a share of the Front End pools' users (capped at the documented
  // 20,000 per active server, D-PCTOPO): no document gives a typical share.
  int64_t persistent_chat_users_percent = 25;
  // Users homed on an imported branch appliance: no document gives a count; within the
  // documented ranges (SBA 25 to 1,000, SBS 1,000 to 2,000; D-EVR).
  int64_t users_per_branch_appliance = 500;
  int64_t users_per_branch_server = 1500;
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
  std::vector<std::string> not_modelled;  // roles read but not simulated (branch sites, ...)
  // Rules drsim inferred rather than read (a RoleName no public document shows, a gateway
  // paired with its site's Mediation Server): printed as warnings and in the header.
  std::vector<std::string> inferred;
  std::string source;   // the document's file name, without directories
  std::string dialect;  // "Topology Builder document" or "Get-CsTopology -AsXml"
};

}  // namespace drsim
