// Scenario validation of the voice path (sfb-hadr 5.4; sfb-other-roles 3.1-3.2): what the
// schema's field options cannot say about Mediation pools, gateways, trunks and routes.
#include <set>

#include "sim/validate_options.h"

namespace drsim::validate_detail {

void check_voice_path(const scenario::Scenario& s, const std::map<std::string, std::string>& kinds,
                      std::vector<Finding>* findings) {
  const auto* root = scenario::Scenario::descriptor();
  auto error = [&](FieldPath path, std::string message) {
    findings->push_back({Severity::kError, std::move(path), std::move(message)});
  };
  auto kind_of = [&](const std::string& name) {
    auto it = kinds.find(name);
    return it == kinds.end() ? std::string() : it->second;
  };
  for (int t = 0; t < s.trunks_size(); ++t) {
    const std::string k = kind_of(s.trunks(t).mediation_pool());
    // A trunk ends at a Mediation pool: stand-alone, or collocated on a Front End pool.
    if (!s.trunks(t).mediation_pool().empty() && k != "pool" && k != "mediation_pool")
      error(at(root, {{"trunks", t}, {"mediation_pool", -1}}),
            "'" + s.trunks(t).mediation_pool() +
                "' names no Front End pool (collocated Mediation) or Mediation pool of the scenario");
  }
  for (int r = 0; r < s.voice_routes_size(); ++r)
    if (s.voice_routes(r).trunks_size() == 0)
      error(at(root, {{"voice_routes", r}, {"trunks", -1}}), "a voice route lists at least one trunk");

  // sfb-hadr 5.4 (D-EVR): "Configure a failover route ... a gateway that is located at a
  // different site from the gateway specified in the primary route."
  std::map<std::string, std::string> gateway_site, trunk_gateway;
  std::map<std::string, std::vector<std::string>> route_trunks;
  for (const auto& g : s.pstn_gateways()) gateway_site[g.fqdn()] = g.site();
  for (const auto& t : s.trunks()) trunk_gateway[t.name()] = t.gateway();
  for (const auto& r : s.voice_routes()) route_trunks[r.name()].assign(r.trunks().begin(), r.trunks().end());
  for (int p = 0; p < s.pools_size(); ++p) {
    if (s.pools(p).pstn_routes_size() == 0) continue;
    std::set<std::string> sites;
    for (const auto& route : s.pools(p).pstn_routes())
      for (const auto& trunk : route_trunks[route]) sites.insert(gateway_site[trunk_gateway[trunk]]);
    if (sites.size() == 1)
      findings->push_back({Severity::kWarning, at(root, {{"pools", p}, {"pstn_routes", -1}}),
                           "every route of this pool reaches gateways in site '" + *sites.begin() +
                               "' only: losing that site takes its users' PSTN calls (sfb-hadr 5.4: configure "
                               "a failover route through a gateway in another site)"});
  }
}

}  // namespace drsim::validate_detail
