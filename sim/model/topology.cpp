// Topology indices; see topology.h.
#include "sim/model/topology.h"

#include <algorithm>
#include <map>

#include "sim/check.h"

namespace drsim {

const char* component_kind_name(ComponentKind k) {
  switch (k) {
    case ComponentKind::kSite:
      return "site";
    case ComponentKind::kLink:
      return "link";
    case ComponentKind::kPool:
      return "pool";
    case ComponentKind::kFrontEnd:
      return "front_end";
    case ComponentKind::kSqlServer:
      return "sql_server";
    case ComponentKind::kMediationPool:
      return "mediation_pool";
    case ComponentKind::kMediationServer:
      return "mediation_server";
    case ComponentKind::kPstnGateway:
      return "pstn_gateway";
    case ComponentKind::kTrunk:
      return "trunk";
    case ComponentKind::kBranchAppliance:
      return "branch_appliance";
    case ComponentKind::kEdgePool:
      return "edge_pool";
    case ComponentKind::kEdgeServer:
      return "edge_server";
    case ComponentKind::kDirectorPool:
      return "director_pool";
    case ComponentKind::kDirectorServer:
      return "director_server";
    case ComponentKind::kFileStore:
      return "file_store";
    case ComponentKind::kFileServer:
      return "file_server";
    case ComponentKind::kOwaFarm:
      return "owa_farm";
    case ComponentKind::kOwaServer:
      return "owa_server";
    case ComponentKind::kPersistentChatPool:
      return "persistent_chat_pool";
    case ComponentKind::kPersistentChatServer:
      return "persistent_chat_server";
    case ComponentKind::kPersistentChatSql:
      return "persistent_chat_sql";
  }
  return "?";
}

int Topology::add(ComponentKind kind, const std::string& name, int site, int pool, int index) {
  const int id = static_cast<int>(components_.size());
  components_.push_back({kind, name, site, pool, index});
  const bool inserted = by_name_.emplace(name, id).second;
  DRSIM_CHECK(inserted, "duplicate component name: the scenario was not validated");
  return id;
}

Topology::Topology(const scenario::Scenario& s) {
  for (int i = 0; i < s.sites_size(); ++i)
    sites_.push_back(add(ComponentKind::kSite, s.sites(i).name(), -1, -1, i));
  for (int i = 0; i < s.links_size(); ++i) {
    links_.push_back(add(ComponentKind::kLink, s.links(i).name(), -1, -1, i));
    link_sites_.push_back({find(s.links(i).site_a()), find(s.links(i).site_b())});
  }
  for (int p = 0; p < s.pools_size(); ++p) {
    const auto& pool = s.pools(p);
    const int site = find(pool.site());
    DRSIM_CHECK(site >= 0, "pool site unknown: the scenario was not validated");
    PoolInfo info;
    info.site = site;
    info.component = add(ComponentKind::kPool, pool.fqdn(), site, p, p);
    for (int j = 0; j < pool.front_ends_size(); ++j)
      info.front_ends.push_back(
          add(ComponentKind::kFrontEnd, pool.front_ends(j).fqdn(), site, p, j));
    for (int j = 0; j < pool.back_end().servers_size(); ++j) {
      const auto& sql = pool.back_end().servers(j);
      info.sql_servers.push_back(
          add(ComponentKind::kSqlServer, sql.fqdn(), find(sql.site()), p, j));
    }
    pools_.push_back(std::move(info));
  }
  for (int p = 0; p < s.pools_size(); ++p) {
    if (s.pools(p).has_backup_pool())
      pools_[static_cast<size_t>(p)].backup = pool_index(s.pools(p).backup_pool());
  }
  add_voice_path(s);
  add_access(s);
  add_content(s);
  add_persistent_chat(s);
}

// File stores and Office Web Apps farms come after Edge and Director pools, so that adding
// them renumbers nothing. Their servers are named FQDN/1 .. FQDN/n (docs/scenarios.md).
void Topology::add_content(const scenario::Scenario& s) {
  pool_store_.assign(static_cast<size_t>(s.pools_size()), -1);
  pool_owa_.assign(static_cast<size_t>(s.pools_size()), -1);
  auto add_one = [&](ComponentKind kind, ComponentKind server_kind, const auto& spec, int index,
                     std::vector<int>& pool_map) {
    ContentInfo info;
    info.site = find(spec.site());
    DRSIM_CHECK(info.site >= 0, "a file store's or farm's site is unknown: not validated");
    info.component = add(kind, spec.fqdn(), info.site, -1, index);
    for (int k = 1; k <= spec.servers(); ++k)
      info.servers.push_back(
          add(server_kind, spec.fqdn() + "/" + std::to_string(k), info.site, index, k - 1));
    for (const auto& fqdn : spec.pools()) {
      const int p = pool_index(fqdn);
      DRSIM_CHECK(p >= 0 && pool_map[static_cast<size_t>(p)] < 0,
                  "a pool uses one file store and one farm at most: not validated");
      pool_map[static_cast<size_t>(p)] = index;
      info.pools.push_back(p);
    }
    return info;
  };
  for (int f = 0; f < s.file_stores_size(); ++f)
    file_stores_.push_back(add_one(ComponentKind::kFileStore, ComponentKind::kFileServer,
                                   s.file_stores(f), f, pool_store_));
  for (int o = 0; o < s.office_web_apps_farms_size(); ++o)
    owa_farms_.push_back(add_one(ComponentKind::kOwaFarm, ComponentKind::kOwaServer,
                                 s.office_web_apps_farms(o), o, pool_owa_));
}

// Persistent Chat pools come after the Edge and Director pools, renumbering none of them.
// Servers are FQDN/1 .. FQDN/n, active first; the SQL stores are named by their FQDNs.
void Topology::add_persistent_chat(const scenario::Scenario& s) {
  for (int i = 0; i < s.persistent_chat_pools_size(); ++i) {
    const auto& pc = s.persistent_chat_pools(i);
    PersistentChatInfo info;
    info.site = find(pc.site());
    DRSIM_CHECK(info.site >= 0, "a Persistent Chat pool's site is unknown: not validated");
    info.secondary_site = pc.secondary_site().empty() ? -1 : find(pc.secondary_site());
    const int standby_site = info.secondary_site >= 0 ? info.secondary_site : info.site;
    // A stretched pool belongs to no one site: losing one site leaves the other's servers.
    info.component = add(ComponentKind::kPersistentChatPool, pc.fqdn(),
                         info.secondary_site >= 0 ? -1 : info.site, -1, i);
    const int n = pc.active_servers() + pc.standby_servers();
    for (int k = 0; k < n; ++k) {
      const bool active = k < pc.active_servers();
      const int c =
          add(ComponentKind::kPersistentChatServer, pc.fqdn() + "/" + std::to_string(k + 1),
              active ? info.site : standby_site, i, k);
      (active ? info.active : info.standby).push_back(c);
    }
    auto sql = [&](const std::string& fqdn, int site, int role) {
      return fqdn.empty() ? -1 : add(ComponentKind::kPersistentChatSql, fqdn, site, i, role);
    };
    info.primary_sql = sql(pc.primary_sql(), info.site, 0);
    info.mirror_sql = sql(pc.mirror_sql(), info.site, 1);
    info.witness_sql = sql(pc.witness_sql(), info.site, kPchatWitnessIndex);
    info.secondary_sql = sql(pc.secondary_sql(), standby_site, 3);
    pchat_.push_back(std::move(info));
  }
}

// Edge and Director pools come last in the numbering, so that adding them renumbers nothing.
// Their servers are named FQDN/1 .. FQDN/n (docs/scenarios.md).
void Topology::add_access(const scenario::Scenario& s) {
  auto add_pool = [&](ComponentKind pool_kind, ComponentKind server_kind, const std::string& fqdn,
                      const std::string& site_name, int servers, int index) {
    AccessPoolInfo info;
    info.site = find(site_name);
    DRSIM_CHECK(info.site >= 0, "an Edge or Director pool's site is unknown: not validated");
    info.component = add(pool_kind, fqdn, info.site, -1, index);
    for (int k = 1; k <= servers; ++k)
      info.servers.push_back(
          add(server_kind, fqdn + "/" + std::to_string(k), info.site, index, k - 1));
    return info;
  };
  for (int e = 0; e < s.edge_pools_size(); ++e) {
    const auto& edge = s.edge_pools(e);
    AccessPoolInfo info = add_pool(ComponentKind::kEdgePool, ComponentKind::kEdgeServer,
                                   edge.fqdn(), edge.site(), edge.servers(), e);
    info.next_hop = pool_index(edge.next_hop_pool());
    info.srv_priority = edge.srv_priority();
    edges_.push_back(std::move(info));
    edge_order_.push_back(e);
  }
  std::stable_sort(edge_order_.begin(), edge_order_.end(), [&](int a, int b) {
    return edges_[static_cast<size_t>(a)].srv_priority <
           edges_[static_cast<size_t>(b)].srv_priority;
  });
  for (int d = 0; d < s.director_pools_size(); ++d) {
    const auto& dir = s.director_pools(d);
    directors_.push_back(add_pool(ComponentKind::kDirectorPool, ComponentKind::kDirectorServer,
                                  dir.fqdn(), dir.site(), dir.servers(), d));
  }
}

void Topology::add_voice_path(const scenario::Scenario& s) {
  for (int m = 0; m < s.mediation_pools_size(); ++m) {
    const auto& mp = s.mediation_pools(m);
    MediationInfo info;
    info.site = find(mp.site());
    DRSIM_CHECK(info.site >= 0, "Mediation pool site unknown: the scenario was not validated");
    info.component = add(ComponentKind::kMediationPool, mp.fqdn(), info.site, m, m);
    for (int j = 0; j < mp.servers_size(); ++j)
      info.servers.push_back(
          add(ComponentKind::kMediationServer, mp.servers(j).fqdn(), info.site, m, j));
    mediation_.push_back(std::move(info));
  }
  for (int g = 0; g < s.pstn_gateways_size(); ++g) {
    const int site = find(s.pstn_gateways(g).site());
    DRSIM_CHECK(site >= 0, "gateway site unknown: the scenario was not validated");
    gateways_.push_back(
        {add(ComponentKind::kPstnGateway, s.pstn_gateways(g).fqdn(), site, -1, g), site});
  }
  std::map<std::string, int> gateway_by_name, trunk_by_name, route_by_name;
  for (int g = 0; g < s.pstn_gateways_size(); ++g) gateway_by_name[s.pstn_gateways(g).fqdn()] = g;
  for (int t = 0; t < s.trunks_size(); ++t) {
    const auto& tr = s.trunks(t);
    TrunkInfo info;
    info.component = add(ComponentKind::kTrunk, tr.name(), -1, -1, t);
    info.fe_pool = pool_index(tr.mediation_pool());
    for (int m = 0; m < s.mediation_pools_size(); ++m)
      if (s.mediation_pools(m).fqdn() == tr.mediation_pool()) info.mediation = m;
    DRSIM_CHECK((info.fe_pool >= 0) != (info.mediation >= 0),
                "a trunk's Mediation pool is a Front End pool or a stand-alone one: the scenario "
                "was not validated");
    info.mediation_site = info.fe_pool >= 0 ? pools_[static_cast<size_t>(info.fe_pool)].site
                                            : mediation_[static_cast<size_t>(info.mediation)].site;
    auto g = gateway_by_name.find(tr.gateway());
    DRSIM_CHECK(g != gateway_by_name.end(),
                "a trunk's gateway is unknown: the scenario was not validated");
    info.gateway = g->second;
    trunks_.push_back(info);
    trunk_by_name[tr.name()] = t;
  }
  for (int r = 0; r < s.voice_routes_size(); ++r) {
    std::vector<int> trunks;
    for (const auto& name : s.voice_routes(r).trunks()) {
      auto t = trunk_by_name.find(name);
      DRSIM_CHECK(t != trunk_by_name.end(),
                  "a route's trunk is unknown: the scenario was not validated");
      trunks.push_back(t->second);
    }
    routes_.push_back(std::move(trunks));
    route_by_name[s.voice_routes(r).name()] = r;
  }
  for (int b = 0; b < s.branches_size(); ++b) {
    const auto& br = s.branches(b);
    for (const auto& a : br.appliances()) {
      ApplianceInfo info;
      info.branch = b;
      info.site = find(br.site());
      info.wan_link = find(br.wan_link());
      info.backup_pool = pool_index(br.backup_pool());
      DRSIM_CHECK(info.site >= 0 && info.wan_link >= 0 && info.backup_pool >= 0,
                  "a branch's site, link or pool is unknown: the scenario was not validated");
      if (a.has_gateway()) info.gateway = gateway_by_name.at(a.gateway());
      info.users = a.users();
      for (const auto& name : br.pstn_routes()) info.routes.push_back(route_by_name.at(name));
      info.component = add(ComponentKind::kBranchAppliance, a.fqdn(), info.site, -1,
                           static_cast<int>(appliances_.size()));
      appliances_.push_back(std::move(info));
    }
  }
  pool_routes_.resize(static_cast<size_t>(s.pools_size()));
  for (int p = 0; p < s.pools_size(); ++p)
    for (const auto& name : s.pools(p).pstn_routes()) {
      auto r = route_by_name.find(name);
      DRSIM_CHECK(r != route_by_name.end(),
                  "a pool's route is unknown: the scenario was not validated");
      pool_routes_[static_cast<size_t>(p)].push_back(r->second);
    }
}

int Topology::link_between(int site_a, int site_b) const {
  for (size_t l = 0; l < link_sites_.size(); ++l) {
    const auto [a, b] = link_sites_[l];
    if ((a == site_a && b == site_b) || (a == site_b && b == site_a)) return links_[l];
  }
  return -1;
}

int Topology::find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? -1 : it->second;
}

int Topology::pool_index(const std::string& fqdn) const {
  const int id = find(fqdn);
  if (id < 0 || components_[static_cast<size_t>(id)].kind != ComponentKind::kPool) return -1;
  return components_[static_cast<size_t>(id)].pool;
}

std::vector<int> Topology::in_site(int site_component) const {
  std::vector<int> out;
  for (size_t i = 0; i < components_.size(); ++i) {
    const Component& c = components_[i];
    if (c.site == site_component && c.kind != ComponentKind::kSite)
      out.push_back(static_cast<int>(i));
  }
  return out;
}

}  // namespace drsim
