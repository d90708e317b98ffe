// Topology indices; see topology.h.
#include "sim/model/topology.h"

#include "sim/check.h"

namespace drsim {

const char* component_kind_name(ComponentKind k) {
  switch (k) {
    case ComponentKind::kSite: return "site";
    case ComponentKind::kLink: return "link";
    case ComponentKind::kPool: return "pool";
    case ComponentKind::kFrontEnd: return "front_end";
    case ComponentKind::kSqlServer: return "sql_server";
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
  for (int i = 0; i < s.links_size(); ++i)
    links_.push_back(add(ComponentKind::kLink, s.links(i).name(), -1, -1, i));
  for (int p = 0; p < s.pools_size(); ++p) {
    const auto& pool = s.pools(p);
    const int site = find(pool.site());
    DRSIM_CHECK(site >= 0, "pool site unknown: the scenario was not validated");
    PoolInfo info;
    info.site = site;
    info.component = add(ComponentKind::kPool, pool.fqdn(), site, p, p);
    for (int j = 0; j < pool.front_ends_size(); ++j)
      info.front_ends.push_back(add(ComponentKind::kFrontEnd, pool.front_ends(j).fqdn(), site, p, j));
    for (int j = 0; j < pool.back_end().servers_size(); ++j) {
      const auto& sql = pool.back_end().servers(j);
      info.sql_servers.push_back(add(ComponentKind::kSqlServer, sql.fqdn(), find(sql.site()), p, j));
    }
    pools_.push_back(std::move(info));
  }
  for (int p = 0; p < s.pools_size(); ++p) {
    if (s.pools(p).has_backup_pool()) pools_[static_cast<size_t>(p)].backup = pool_index(s.pools(p).backup_pool());
  }
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
    if (c.site == site_component && c.kind != ComponentKind::kSite) out.push_back(static_cast<int>(i));
  }
  return out;
}

}  // namespace drsim
