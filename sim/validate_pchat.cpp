// Scenario validation of Persistent Chat pools (sfb-hadr 5.1; sfb-other-roles 5): the product
// version, the documented server and user limits, the stretched layout's sites and SQL
// stores, and the runbook's Persistent Chat steps naming a Persistent Chat pool.
#include "sim/validate_options.h"

namespace drsim::validate_detail {

namespace {
// Concurrent users per active Persistent Chat server (D-PCTOPO).
constexpr int64_t kUsersPerActiveServer = 20000;

bool is_pchat_cmdlet(scenario::Cmdlet c) {
  return c == scenario::RESTORE_PERSISTENT_CHAT_SECONDARY ||
         c == scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER ||
         c == scenario::INSTALL_CS_MIRROR_DATABASE ||
         c == scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER ||
         c == scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL;
}
}  // namespace

void check_persistent_chat(const scenario::Scenario& s,
                           const std::map<std::string, std::string>& kinds,
                           std::vector<Finding>* findings) {
  const auto* root = scenario::Scenario::descriptor();
  auto error = [&](FieldPath path, std::string message) {
    findings->push_back({Severity::kError, std::move(path), std::move(message)});
  };
  for (int i = 0; i < s.persistent_chat_pools_size(); ++i) {
    const auto& pc = s.persistent_chat_pools(i);
    auto field = [&](const char* name) {
      return at(root, {{"persistent_chat_pools", i}, {name, -1}});
    };
    if (s.product_version() == scenario::SFB_2019)
      error(at(root, {{"persistent_chat_pools", i}}),
            "Persistent Chat is not supported in Skype for Business Server 2019 (D-PCMAN, "
            "D-DEP19): keep its users on a 2015 pool or move them to Teams");
    if (pc.users() > kUsersPerActiveServer * pc.active_servers())
      error(field("users"),
            "a Persistent Chat pool carries at most 20,000 concurrent users per "
            "active server (D-PCTOPO): " +
                std::to_string(pc.users()) + " users need " +
                std::to_string((pc.users() + kUsersPerActiveServer - 1) / kUsersPerActiveServer) +
                " active servers (got " + std::to_string(pc.active_servers()) + ")");
    const bool stretched = pc.standby_servers() > 0 || !pc.secondary_sql().empty();
    if (stretched && pc.secondary_site().empty())
      error(field("secondary_site"),
            "standby servers and the log-shipping secondary database are in the pool's second "
            "site (D-PCPLAN): give secondary_site");
    if (!pc.secondary_site().empty() && pc.secondary_site() == pc.site())
      error(field("secondary_site"),
            "a stretched Persistent Chat pool spans two different sites "
            "(both are '" +
                pc.site() + "')");
    if (!pc.witness_sql().empty() && pc.mirror_sql().empty())
      error(field("witness_sql"), "a SQL mirroring witness needs a mirror (mirror_sql)");
  }
  for (int i = 0; i < s.runbook_size(); ++i) {
    const auto& st = s.runbook(i);
    const auto it = kinds.find(st.pool_fqdn());
    const bool names_pchat = it != kinds.end() && it->second == "persistent_chat";
    if (is_pchat_cmdlet(st.cmdlet()) && !names_pchat)
      error(at(root, {{"runbook", i}, {"pool_fqdn", -1}}),
            scenario::Cmdlet_Name(st.cmdlet()) +
                " needs pool_fqdn naming a Persistent Chat pool of the scenario");
    if (!is_pchat_cmdlet(st.cmdlet()) && names_pchat)
      error(at(root, {{"runbook", i}, {"pool_fqdn", -1}}),
            "'" + st.pool_fqdn() + "' is a Persistent Chat pool: " +
                scenario::Cmdlet_Name(st.cmdlet()) + " needs a Front End pool");
  }
}

}  // namespace drsim::validate_detail
