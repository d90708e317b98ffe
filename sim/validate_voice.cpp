// Scenario validation of the voice path (sfb-hadr 5.4; sfb-other-roles 3.1-3.2): what the
// schema's field options cannot say about Mediation pools, gateways, trunks and routes.
#include <set>

#include "sim/validate_options.h"

namespace drsim::validate_detail {

namespace {
std::string gateway_site_of(const scenario::Scenario& s, const std::string& fqdn) {
  for (const auto& g : s.pstn_gateways())
    if (g.fqdn() == fqdn) return g.site();
  return "";
}
}  // namespace

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
      error(
          at(root, {{"trunks", t}, {"mediation_pool", -1}}),
          "'" + s.trunks(t).mediation_pool() +
              "' names no Front End pool (collocated Mediation) or Mediation pool of the scenario");
  }
  for (int r = 0; r < s.voice_routes_size(); ++r)
    if (s.voice_routes(r).trunks_size() == 0)
      error(at(root, {{"voice_routes", r}, {"trunks", -1}}),
            "a voice route lists at least one trunk");

  // Branches (sfb-hadr 5.5; sfb-other-roles 4.1): an SBA serves 25 to 1,000 users, an SBS
  // 1,000 to 2,000; an SBS needs the branch's gateway, an SBA has its own; the WAN link joins
  // the branch to its backup pool's site; a branch site holds no Front End pool.
  std::map<std::string, std::pair<std::string, std::string>> link_sites;
  for (const auto& l : s.links()) link_sites[l.name()] = {l.site_a(), l.site_b()};
  std::map<std::string, std::string> pool_site;
  for (const auto& p : s.pools()) pool_site[p.fqdn()] = p.site();
  for (int b = 0; b < s.branches_size(); ++b) {
    const auto& br = s.branches(b);
    for (const auto& p : s.pools())
      if (p.site() == br.site())
        error(at(root, {{"branches", b}, {"site", -1}}),
              "a branch site holds no Front End pool (pool '" + p.fqdn() + "' is in '" + br.site() +
                  "')");
    if (br.appliances_size() == 0)
      error(at(root, {{"branches", b}, {"appliances", -1}}), "a branch has an SBA or an SBS");
    const auto link = link_sites.find(br.wan_link());
    const auto central = pool_site.find(br.backup_pool());
    if (link != link_sites.end() && central != pool_site.end()) {
      const auto [a, z] = link->second;
      if (!((a == br.site() && z == central->second) || (z == br.site() && a == central->second)))
        error(at(root, {{"branches", b}, {"wan_link", -1}}),
              "the WAN link '" + br.wan_link() + "' joins the branch site '" + br.site() +
                  "' and the backup pool's site '" + central->second + "'");
    }
    for (int k = 0; k < br.appliances_size(); ++k) {
      const auto& ap = br.appliances(k);
      const bool sba = ap.kind() == scenario::SBA;
      const int64_t lo = sba ? 25 : 1000, hi = sba ? 1000 : 2000;
      if (ap.has_users() && (ap.users() < lo || ap.users() > hi))
        error(at(root, {{"branches", b}, {"appliances", k}, {"users", -1}}),
              std::string(sba ? "an SBA" : "an SBS") + " serves " + std::to_string(lo) + " to " +
                  std::to_string(hi) + " users (sfb-hadr 5.5; got " + std::to_string(ap.users()) +
                  ")");
      if (sba && ap.has_gateway())
        error(at(root, {{"branches", b}, {"appliances", k}, {"gateway", -1}}),
              "an SBA has its own PSTN gateway: gateway is for an SBS");
      if (!sba && !ap.has_gateway())
        error(at(root, {{"branches", b}, {"appliances", k}, {"gateway", -1}}),
              "an SBS needs the branch's PSTN gateway (gateway)");
      if (!sba && ap.has_gateway() && gateway_site_of(s, ap.gateway()) != br.site() &&
          !gateway_site_of(s, ap.gateway()).empty())
        error(at(root, {{"branches", b}, {"appliances", k}, {"gateway", -1}}),
              "an SBS's gateway is in its branch site '" + br.site() + "'");
    }
  }

  // sfb-hadr 5.4 (D-EVR): "Configure a failover route ... a gateway that is located at a
  // different site from the gateway specified in the primary route."
  std::map<std::string, std::string> gateway_site, trunk_gateway;
  std::map<std::string, std::vector<std::string>> route_trunks;
  for (const auto& g : s.pstn_gateways()) gateway_site[g.fqdn()] = g.site();
  for (const auto& t : s.trunks()) trunk_gateway[t.name()] = t.gateway();
  for (const auto& r : s.voice_routes())
    route_trunks[r.name()].assign(r.trunks().begin(), r.trunks().end());
  for (int p = 0; p < s.pools_size(); ++p) {
    if (s.pools(p).pstn_routes_size() == 0) continue;
    std::set<std::string> sites;
    for (const auto& route : s.pools(p).pstn_routes())
      for (const auto& trunk : route_trunks[route])
        sites.insert(gateway_site[trunk_gateway[trunk]]);
    if (sites.size() == 1)
      findings->push_back(
          {Severity::kWarning, at(root, {{"pools", p}, {"pstn_routes", -1}}),
           "every route of this pool reaches gateways in site '" + *sites.begin() +
               "' only: losing that site takes its users' PSTN calls (sfb-hadr 5.4: configure "
               "a failover route through a gateway in another site)"});
  }
}

}  // namespace drsim::validate_detail
