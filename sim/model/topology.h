// The static structure of a scenario as indices: sites, links, pools, servers, Edge pools,
// and the voice path (Mediation pools, PSTN gateways, trunks, voice routes).
//
// Built once from a validated scenario; the model refers to components by index and never
// looks names up while running. Every component has a stable id in one numbering so that
// faults and log subjects can name any of them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "proto/scenario.pb.h"

namespace drsim {

enum class ComponentKind {
  kSite,
  kLink,
  kPool,
  kFrontEnd,
  kSqlServer,
  kMediationPool,
  kMediationServer,
  kPstnGateway,
  kTrunk,
  kBranchAppliance,
  kEdgePool,
  kEdgeServer,
  kDirectorPool,
  kDirectorServer,
  kFileStore,
  kFileServer,
  kOwaFarm,
  kOwaServer,
  kPersistentChatPool,
  kPersistentChatServer,
  kPersistentChatSql,
};
const char* component_kind_name(ComponentKind k);

struct Component {
  ComponentKind kind;
  std::string name;
  int site = -1;   // component id of its site (links: -1)
  int pool = -1;   // pool index for pools, Front Ends and SQL servers; Mediation pool index
                   // for Mediation pools and servers
  int index = -1;  // index within its kind (pool index, server index in pool, ...)
};

struct PoolInfo {
  int component = -1;            // component id of the pool
  int site = -1;                 // component id of its site
  std::vector<int> front_ends;   // component ids, in topology order
  std::vector<int> sql_servers;  // component ids, as listed
  int backup = -1;               // pool index of the paired pool, or -1
};

// A stand-alone Mediation pool: up while its component and any of its servers run.
struct MediationInfo {
  int component = -1;
  int site = -1;
  std::vector<int> servers;  // component ids
};

// A trunk from a Mediation pool (stand-alone, or collocated on a Front End pool) to a gateway.
struct TrunkInfo {
  int component = -1;
  int fe_pool = -1;         // pool index when the Mediation is collocated on a Front End pool
  int mediation = -1;       // index into mediation_pools() when stand-alone
  int gateway = -1;         // index into gateways()
  int mediation_site = -1;  // component id of the Mediation's site
};

struct GatewayInfo {
  int component = -1;
  int site = -1;
};

// A branch appliance (SBA or SBS) and its branch.
struct ApplianceInfo {
  int component = -1;
  int branch = -1;       // index into the scenario's branches
  int site = -1;         // component id of the branch site
  int wan_link = -1;     // component id of the branch's WAN link
  int backup_pool = -1;  // pool index of the backup Registrar
  int gateway = -1;      // SBS: index into gateways(); -1 for an SBA (its gateway is built in)
  int64_t users = 0;
  std::vector<int> routes;  // the branch's central routes (indices into routes())
};

// An Edge or Director pool (remote access, sfb-hadr 5.2, 5.3): up while one of its servers
// runs in its site.
struct AccessPoolInfo {
  int component = -1;
  int site = -1;
  std::vector<int> servers;  // component ids
  int next_hop = -1;         // Edge: pool index of its next hop
  int srv_priority = 0;      // Edge: DNS SRV priority, lower first
};

// A file store or an Office Web Apps farm (meeting content, sfb-hadr 5.6): up while one of
// its servers runs in its site; the pools listed use it.
struct ContentInfo {
  int component = -1;
  int site = -1;
  std::vector<int> servers;  // component ids; a file store's DFS members in write order
  std::vector<int> pools;    // pool indices
};

// A Persistent Chat pool (sfb-hadr 5.1): its servers, active ones first (in its site), then
// the standby ones (in its secondary site), and its SQL stores (-1 when not deployed).
// Component::index of a Persistent Chat SQL store: 0 primary, 1 mirror, 2 witness, 3 secondary.
inline constexpr int kPchatWitnessIndex = 2;
struct PersistentChatInfo {
  int component = -1;
  int site = -1, secondary_site = -1;  // component ids (secondary -1 when not stretched)
  std::vector<int> active, standby;    // server component ids
  int primary_sql = -1, mirror_sql = -1, witness_sql = -1, secondary_sql = -1;
};

class Topology {
 public:
  explicit Topology(const scenario::Scenario& scenario);

  const std::vector<Component>& components() const { return components_; }
  const Component& component(int id) const { return components_.at(static_cast<size_t>(id)); }
  const std::vector<PoolInfo>& pools() const { return pools_; }
  const std::vector<int>& sites() const { return sites_; }
  const std::vector<int>& links() const { return links_; }
  const std::vector<MediationInfo>& mediation_pools() const { return mediation_; }
  const std::vector<GatewayInfo>& gateways() const { return gateways_; }
  const std::vector<TrunkInfo>& trunks() const { return trunks_; }
  // Per voice route, its trunks (indices into trunks()) in the order they are tried.
  const std::vector<std::vector<int>>& routes() const { return routes_; }
  // Per pool, its users' routes (indices into routes()) in PSTN-usage order.
  const std::vector<std::vector<int>>& pool_routes() const { return pool_routes_; }
  const std::vector<ApplianceInfo>& appliances() const { return appliances_; }
  const std::vector<AccessPoolInfo>& edges() const { return edges_; }
  const std::vector<AccessPoolInfo>& directors() const { return directors_; }
  // Edge pool indices in the order remote clients try them (SRV priority, then as listed).
  const std::vector<int>& edge_order() const { return edge_order_; }
  const std::vector<ContentInfo>& file_stores() const { return file_stores_; }
  const std::vector<ContentInfo>& owa_farms() const { return owa_farms_; }
  // Per pool, the file store (index into file_stores()) and Office Web Apps farm (index
  // into owa_farms()) its meetings use; -1 when none is declared.
  int pool_file_store(int p) const { return pool_store_.at(static_cast<size_t>(p)); }
  int pool_owa_farm(int p) const { return pool_owa_.at(static_cast<size_t>(p)); }
  // The PSTN: it has at least one gateway.
  const std::vector<PersistentChatInfo>& persistent_chat() const { return pchat_; }
  // The scenario models the PSTN: it has at least one gateway.
  bool has_pstn() const { return !gateways_.empty(); }
  // The WAN link between two sites (component id), or -1 when none is declared.
  int link_between(int site_a, int site_b) const;
  // Component id by name; -1 when unknown.
  int find(const std::string& name) const;
  int pool_index(const std::string& fqdn) const;
  // Components located in a site (servers, pools), excluding the site itself.
  std::vector<int> in_site(int site_component) const;

 private:
  void add_voice_path(const scenario::Scenario& s);
  void add_access(const scenario::Scenario& s);
  void add_content(const scenario::Scenario& s);
  void add_persistent_chat(const scenario::Scenario& s);
  int add(ComponentKind kind, const std::string& name, int site, int pool, int index);

  std::vector<Component> components_;
  std::vector<PoolInfo> pools_;
  std::vector<int> sites_;
  std::vector<int> links_;
  std::vector<std::pair<int, int>> link_sites_;  // per link: its two site component ids
  std::vector<MediationInfo> mediation_;
  std::vector<GatewayInfo> gateways_;
  std::vector<TrunkInfo> trunks_;
  std::vector<std::vector<int>> routes_;
  std::vector<std::vector<int>> pool_routes_;
  std::vector<ApplianceInfo> appliances_;
  std::vector<AccessPoolInfo> edges_, directors_;
  std::vector<int> edge_order_;
  std::vector<ContentInfo> file_stores_, owa_farms_;
  std::vector<int> pool_store_, pool_owa_;
  std::vector<PersistentChatInfo> pchat_;
  std::map<std::string, int> by_name_;
};

}  // namespace drsim
