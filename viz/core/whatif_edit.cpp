// What-if edits and the --what-if parser; see whatif_edit.h.
#include "viz/core/whatif_edit.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>

#include "io/errors.h"
#include "io/overrides.h"
#include "sim/check.h"
#include "viz/core/whatif.h"

namespace drsim::viz {

namespace {

// Every server name in the scenario, so that a generated Front End FQDN is new.
std::set<std::string> server_names(const scenario::Scenario& sc) {
  std::set<std::string> names;
  for (const auto& p : sc.pools()) {
    for (const auto& fe : p.front_ends()) names.insert(fe.fqdn());
    for (const auto& s : p.back_end().servers()) names.insert(s.fqdn());
  }
  return names;
}

// Adds Front Ends named feN.POOL (the lowest unused N) or removes the last ones in topology
// order: the first servers listed are the pool's seed servers and stay.
EditOutcome set_front_end_count(scenario::Scenario* sc, int pool, int count) {
  EditOutcome out;
  if (count < 0 || count > kMaxFrontEndsEdit) {
    out.error = "a pool's Front End count is 0 to " + std::to_string(kMaxFrontEndsEdit) + " (got " +
                std::to_string(count) + ")";
    return out;
  }
  scenario::Pool& p = *sc->mutable_pools(pool);
  std::set<std::string> names = server_names(*sc);
  for (int n = 1; p.front_ends_size() < count; ++n) {
    const std::string fqdn = "fe" + std::to_string(n) + "." + p.fqdn();
    if (!names.insert(fqdn).second) continue;
    p.add_front_ends()->set_fqdn(fqdn);
    out.notes.push_back(fqdn + " is added");
  }
  while (p.front_ends_size() > count) {
    out.notes.push_back(p.front_ends(p.front_ends_size() - 1).fqdn() + " is removed");
    p.mutable_front_ends()->RemoveLast();
  }
  return out;
}

scenario::Fault& fault(scenario::Scenario* sc, int index) {
  DRSIM_CHECK(index >= 0 && index < sc->faults_size(),
              "what-if edit of a fault that does not exist");
  return *sc->mutable_faults(index);
}

void check_pool(const scenario::Scenario& sc, int pool) {
  DRSIM_CHECK(pool >= 0 && pool < sc.pools_size(), "what-if edit of a pool that does not exist");
}

}  // namespace

EditOutcome apply_edit(scenario::Scenario* sc, const WhatIfEdit& edit) {
  DRSIM_CHECK(sc != nullptr, "apply_edit: null scenario");
  EditOutcome out;
  if (const auto* e = std::get_if<SetSyncInterval>(&edit)) {
    sc->mutable_backup_service()->set_sync_interval_s(e->seconds);
  } else if (const auto* d = std::get_if<SetAdminDelay>(&edit)) {
    auto* admin = sc->mutable_admin();
    set_typical_delay_s(d->which == AdminDelay::kDetect ? admin->mutable_detect_delay()
                                                        : admin->mutable_decide_delay(),
                        d->seconds);
  } else if (const auto* h = std::get_if<SetHaMode>(&edit)) {
    check_pool(*sc, h->pool);
    scenario::Pool& p = *sc->mutable_pools(h->pool);
    out.notes = apply_ha_mode(p.mutable_back_end(), h->mode, p.fqdn());
  } else if (const auto* u = std::get_if<SetPoolUsers>(&edit)) {
    check_pool(*sc, u->pool);
    sc->mutable_pools(u->pool)->set_users(u->users);
  } else if (const auto* a = std::get_if<SetActiveUsers>(&edit)) {
    check_pool(*sc, a->pool);
    sc->mutable_pools(a->pool)->set_active_users(a->active_users);
  } else if (const auto* n = std::get_if<SetFrontEndCount>(&edit)) {
    check_pool(*sc, n->pool);
    out = set_front_end_count(sc, n->pool, n->count);
  } else if (const auto* c = std::get_if<SetFaultComponent>(&edit)) {
    fault(sc, c->fault).set_component(c->component);
  } else if (const auto* at = std::get_if<SetFaultAt>(&edit)) {
    fault(sc, at->fault).set_at_s(at->at_s);
  } else if (const auto* r = std::get_if<SetFaultRepair>(&edit)) {
    scenario::Fault& repaired = fault(sc, r->fault);
    if (r->repair_after_s > 0)
      repaired.set_repair_after_s(r->repair_after_s);
    else
      repaired.clear_repair_after_s();
  } else if (std::holds_alternative<AddFault>(edit)) {
    const std::vector<std::string> components = fault_components(*sc);
    scenario::Fault* added = sc->add_faults();
    added->set_component(components.empty() ? "" : components.front());
    // Mid-morning of the first day, or the middle of a shorter run; repaired after an hour.
    added->set_at_s(std::min<int64_t>(36000, sc->horizon_s() / 2));
    added->set_repair_after_s(3600);
  } else if (const auto* rm = std::get_if<RemoveFault>(&edit)) {
    fault(sc, rm->fault);
    sc->mutable_faults()->DeleteSubrange(rm->fault, 1);
  } else if (const auto* set = std::get_if<SetField>(&edit)) {
    try {
      apply_override(*sc, set->assignment);
    } catch (const InputError& bad) {
      out.error = bad.what();
    }
  }
  return out;
}

int find_pool(const scenario::Scenario& sc, const std::string& selector) {
  for (int i = 0; i < sc.pools_size(); ++i) {
    const std::string& fqdn = sc.pools(i).fqdn();
    if (selector == fqdn || selector == fqdn.substr(0, fqdn.find('.'))) return i;
  }
  if (!selector.empty() && std::all_of(selector.begin(), selector.end(), ::isdigit)) {
    const long i = std::strtol(selector.c_str(), nullptr, 10);
    if (i < sc.pools_size()) return static_cast<int>(i);
  }
  return -1;
}

std::vector<WhatIfEdit> parse_setting(const scenario::Scenario& sc, const std::string& setting,
                                      std::string* error) {
  DRSIM_CHECK(error != nullptr, "parse_setting: null error");
  error->clear();
  auto fail = [error](std::string message) {
    *error = std::move(message);
    return std::vector<WhatIfEdit>{};
  };
  const size_t eq = setting.find('=');
  if (eq == std::string::npos) return fail("expected KEY=VALUE, got '" + setting + "'");
  // A path into the scenario: the command line's --set, one language for both.
  const std::string root = setting.substr(0, std::min(eq, setting.find_first_of(".[")));
  if (scenario::Scenario::descriptor()->FindFieldByName(root) != nullptr)
    return {SetField{setting}};
  std::string key = setting.substr(0, eq);
  const std::string value = setting.substr(eq + 1);

  // An optional [POOL] after the key: the pools the edit applies to.
  std::vector<int> pools;
  bool has_selector = false;
  if (const size_t open = key.find('['); open != std::string::npos) {
    if (key.back() != ']') return fail(key + ": expected KEY[POOL]");
    const std::string selector = key.substr(open + 1, key.size() - open - 2);
    key = key.substr(0, open);
    has_selector = true;
    const int p = find_pool(sc, selector);
    if (p < 0)
      return fail(key + ": no pool '" + selector + "' (an FQDN, its first label or an index)");
    pools.push_back(p);
  } else {
    for (int p = 0; p < sc.pools_size(); ++p) pools.push_back(p);
  }
  const bool is_pool_key = key == "ha_mode" || key == "pool_users" || key == "pool_active_users" ||
                           key == "pool_front_ends";
  if (has_selector && !is_pool_key) return fail(key + ": only pool keys take [POOL]");
  if (is_pool_key && pools.empty()) return fail(key + ": the scenario has no pool");

  if (key == "fault_component") {
    if (sc.faults_size() == 0) return fail(key + ": the scenario has no fault to edit");
    return {SetFaultComponent{0, value}};
  }
  if (key == "ha_mode") {
    std::string name = value;
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    scenario::HaMode mode{};
    if (!scenario::HaMode_Parse(name, &mode) || mode == scenario::HA_MODE_UNSPECIFIED) {
      return fail(key + ": '" + value + "' is not an HA mode (NONE, MIRRORING_WITH_WITNESS, " +
                  "MIRRORING_WITHOUT_WITNESS, ALWAYSON_AVAILABILITY_GROUP, " +
                  "ALWAYSON_FAILOVER_CLUSTER_INSTANCE, SQL_FAILOVER_CLUSTERING)");
    }
    std::vector<WhatIfEdit> edits;
    for (int p : pools) {
      if (sc.pools(p).has_back_end()) edits.push_back(SetHaMode{p, mode});
    }
    if (edits.empty()) return fail(key + ": no pool named has a Back End");
    return edits;
  }

  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0') return fail(key + ": '" + value + "' is not a number");
  // Checked before any conversion: llround of 1e30 is undefined.
  if (!std::isfinite(number) || std::fabs(number) > kMaxSettingValue) {
    return fail(key + ": '" + value + "' is out of range (at most 1e12 in magnitude)");
  }
  const bool is_whole = number == std::floor(number);
  const auto whole = static_cast<int64_t>(number);

  if (key == "detect_delay_s") return {SetAdminDelay{AdminDelay::kDetect, number}};
  if (key == "decide_delay_s") return {SetAdminDelay{AdminDelay::kDecide, number}};
  static constexpr const char* kWholeKeys[] = {"sync_interval_s",   "fault_at_s",
                                               "repair_after_s",    "pool_users",
                                               "pool_active_users", "pool_front_ends"};
  if (std::find(std::begin(kWholeKeys), std::end(kWholeKeys), key) == std::end(kWholeKeys)) {
    return fail("unknown what-if key '" + key +
                "' (sync_interval_s, detect_delay_s, decide_delay_s, fault_component, fault_at_s, "
                "repair_after_s, ha_mode, pool_users, pool_active_users, pool_front_ends)");
  }
  if (!is_whole) return fail(key + ": '" + value + "' is not a whole number");
  if (key == "sync_interval_s") return {SetSyncInterval{whole}};
  if (key == "fault_at_s" || key == "repair_after_s") {
    if (sc.faults_size() == 0) return fail(key + ": the scenario has no fault to edit");
    if (key == "fault_at_s") return {SetFaultAt{0, whole}};
    if (whole < 0) return fail(key + ": '" + value + "' is negative (0: never repaired)");
    return {SetFaultRepair{0, whole}};
  }
  std::vector<WhatIfEdit> edits;
  for (int p : pools) {
    if (key == "pool_users")
      edits.push_back(SetPoolUsers{p, whole});
    else if (key == "pool_active_users")
      edits.push_back(SetActiveUsers{p, whole});
    else {
      if (whole < 0 || whole > kMaxFrontEndsEdit) {
        return fail(key + ": '" + value + "': a pool has 0 to " +
                    std::to_string(kMaxFrontEndsEdit) +
                    " Front Ends here (the validator applies the product's limits)");
      }
      edits.push_back(SetFrontEndCount{p, static_cast<int>(whole)});
    }
  }
  return edits;
}

}  // namespace drsim::viz
