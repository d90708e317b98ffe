// Product facts of Skype for Business Server 2015 and 2019 that the model and the validator
// share: limits per version and the two quorum tables. Each value cites its section of
// ../shared/domain/sfb-hadr.md.
#pragma once

#include <cstdint>

#include "proto/scenario.pb.h"

namespace drsim::product {

struct VersionLimits {
  int min_front_ends;               // Enterprise pool (sfb-hadr 1.5: 2019 refuses 2-server pools)
  int max_front_ends;               // sfb-hadr 1.8: 12 (2015) / 16 (2019)
  int64_t max_users_per_pool;       // sfb-hadr 1.8: 80,000 / 106,000
  int64_t max_users_paired_pool;    // sfb-hadr 1.8: 40,000 / 53,000 in a paired design
  int64_t users_per_front_end;      // sfb-hadr 1.8: 1 FE per 6,660 users
  int64_t max_users_standard_pair;  // sfb-hadr 1.8: 2,500 per Standard Edition server
  bool supports_mirroring;          // sfb-hadr 3.1: mirroring not supported on 2019
  bool supports_rgs_backup;         // sfb-hadr 2.2: RGS via Backup Service, 2019 only
};

const VersionLimits& limits_for(scenario::ProductVersion version);
const char* version_name(scenario::ProductVersion version);
// The PowerShell name of a runbook cmdlet, as the event log and the reports spell it
// ("Invoke-CsPoolFailover"; the next-hop change is "Set-CsEdgeServer").
const char* cmdlet_name(scenario::Cmdlet cmdlet);

// sfb-hadr 1.2: servers that must run for the pool to start (first start, and the count
// below which routing groups are in quorum loss at a later restart). Rows 13 to 15 are not
// documented; drsim interpolates linearly between the 12 and 16 rows (docs/model.md).
int first_start_quorum(int pool_size);

// sfb-hadr 1.3 and Corrections 1: the functional (pool-level) quorum as a lookup.
struct FunctionalQuorum {
  int required;    // servers that must run
  int seed_count;  // of the first seed_count servers in topology order (= pool size below 8)
};
FunctionalQuorum functional_quorum(int pool_size);

}  // namespace drsim::product
