// The static structure of a scenario as indices: sites, links, pools, servers, Edge pools.
//
// Built once from a validated scenario; the model refers to components by index and never
// looks names up while running. Every component has a stable id in one numbering so that
// faults and log subjects can name any of them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "proto/scenario.pb.h"

namespace drsim {

enum class ComponentKind { kSite, kLink, kPool, kFrontEnd, kSqlServer };
const char* component_kind_name(ComponentKind k);

struct Component {
  ComponentKind kind;
  std::string name;
  int site = -1;   // component id of its site (links: -1)
  int pool = -1;   // pool index for pools, Front Ends and SQL servers
  int index = -1;  // index within its kind (pool index, server index in pool, ...)
};

struct PoolInfo {
  int component = -1;              // component id of the pool
  int site = -1;                   // component id of its site
  std::vector<int> front_ends;     // component ids, in topology order
  std::vector<int> sql_servers;    // component ids, as listed
  int backup = -1;                 // pool index of the paired pool, or -1
};

class Topology {
 public:
  explicit Topology(const scenario::Scenario& scenario);

  const std::vector<Component>& components() const { return components_; }
  const Component& component(int id) const { return components_.at(static_cast<size_t>(id)); }
  const std::vector<PoolInfo>& pools() const { return pools_; }
  const std::vector<int>& sites() const { return sites_; }
  const std::vector<int>& links() const { return links_; }
  // Component id by name; -1 when unknown.
  int find(const std::string& name) const;
  int pool_index(const std::string& fqdn) const;
  // Components located in a site (servers, pools), excluding the site itself.
  std::vector<int> in_site(int site_component) const;

 private:
  int add(ComponentKind kind, const std::string& name, int site, int pool, int index);

  std::vector<Component> components_;
  std::vector<PoolInfo> pools_;
  std::vector<int> sites_;
  std::vector<int> links_;
  std::map<std::string, int> by_name_;
};

}  // namespace drsim
