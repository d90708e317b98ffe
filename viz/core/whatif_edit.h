// The edits the what-if panel and `drsim-viz --what-if KEY=VALUE` make to a scenario, as
// plain commands. The Session applies them to its draft (Session::apply); the UI only says
// which edit the administrator made and never writes into the scenario itself.
//
// An edit changes one field, plus whatever that field needs to stay meaningful: a new HA
// mode adapts the Back End's servers, a Front End count adds servers with generated FQDNs or
// removes the last ones. Whether the result is a valid deployment is the simulator's
// validator's business (check_scenario), run before every re-run.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "proto/scenario.pb.h"

namespace drsim::viz {

enum class AdminDelay : uint8_t { kDetect, kDecide };

struct SetSyncInterval {
  int64_t seconds;
};
struct SetAdminDelay {
  AdminDelay which;
  double seconds;
};  // keeps the distribution's kind
struct SetHaMode {
  int pool;
  scenario::HaMode mode;
};
struct SetPoolUsers {
  int pool;
  int64_t users;
};
struct SetActiveUsers {
  int pool;
  int64_t active_users;
};
struct SetFrontEndCount {
  int pool;
  int count;
};
struct SetFaultComponent {
  int fault;
  std::string component;
};
struct SetFaultAt {
  int fault;
  int64_t at_s;
};
struct SetFaultRepair {
  int fault;
  int64_t repair_after_s;
};  // 0: never repaired
struct AddFault {};
struct RemoveFault {
  int fault;
};
// Any field by its schema path, in the command line's override language (io/overrides.h):
// `drsim-viz --what-if backup_service.sync_interval_s=60` is `drsim run --set` of the same.
struct SetField {
  std::string assignment;
};

using WhatIfEdit = std::variant<SetSyncInterval, SetAdminDelay, SetHaMode, SetPoolUsers,
                                SetActiveUsers, SetFrontEndCount, SetFaultComponent, SetFaultAt,
                                SetFaultRepair, AddFault, RemoveFault, SetField>;

// The largest Front End count an edit makes: far above any product limit (the validator
// names those), and a bound on the FQDNs an edit generates.
inline constexpr int kMaxFrontEndsEdit = 64;
// The largest magnitude a numeric --what-if value may have before it is converted to an
// integer (seconds, users): beyond every field's schema limit, far inside int64.
inline constexpr double kMaxSettingValue = 1e12;

struct EditOutcome {
  std::string error;  // "" when the edit was made
  std::vector<std::string>
      notes;  // what else changed: "mirror.pool1.contoso.com is added as MIRROR"
};

// Applies one edit to `sc`. Pool and fault indices must exist (the caller's invariant);
// values are checked only as far as the edit needs (a Front End count within
// 0..kMaxFrontEndsEdit), the rest is left to the validator.
EditOutcome apply_edit(scenario::Scenario* sc, const WhatIfEdit& edit);

// Parses one `--what-if` setting into edits of `sc`. A setting whose key starts with a
// field of the scenario (`backup_service.sync_interval_s=60`, `pools[pool1].users=5000`) is
// a `--set` override (io/overrides.h), the command line's language; the keys below are edits
// that do more than set one field (an HA mode adapts the Back End's servers):
//   sync_interval_s=S  detect_delay_s=S  decide_delay_s=S
//   fault_component=NAME  fault_at_s=S  repair_after_s=S      (the first fault)
//   ha_mode[POOL]=MODE  pool_users[POOL]=N  pool_active_users[POOL]=N  pool_front_ends[POOL]=N
// POOL is a pool's FQDN, its first label ("pool1") or its index; without [POOL] the edit is
// made to every pool. MODE is a HaMode name (ALWAYSON_AVAILABILITY_GROUP, any case).
// Whole-number keys refuse fractions; every number must lie within +-kMaxSettingValue.
// Returns the edits, or sets *error ("pool_users: 'x' is not a number") and returns none.
std::vector<WhatIfEdit> parse_setting(const scenario::Scenario& sc, const std::string& setting,
                                      std::string* error);

// The index of the pool named by `selector` (FQDN, first label or index), or -1.
int find_pool(const scenario::Scenario& sc, const std::string& selector);

}  // namespace drsim::viz
