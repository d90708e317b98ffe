// The deployment a Skype for Business topology document describes, read from either of its
// two XML dialects into one plain form (the first step of `drsim import-topology`).
//
// - Topology Builder's saved document (.tbxml): root `TopologyBuilder`, the topology in
//   `NewTopology/PartialTopology`; clusters nest in their `CentralSite`; everything is
//   referenced by `UniqueId` GUIDs (`InstalledOn="<cluster or SQL instance id>"`,
//   `<Dependency ServiceUniqueId="..."/>`).
// - The published topology (`Get-CsTopology -AsXml`): root `Topology`; clusters are listed
//   apart with `<ClusterId SiteId Number>`, SQL instances as `<SqlInstanceId Name>` inside
//   it, services as `<ServiceId SiteId RoleName Instance>`.
//
// Both become RawTopology with references as opaque keys (the GUID, or "SiteId:Number",
// "SiteId:Number\instance" and "SiteId:RoleName:Instance"); resolving them, and every rule
// about what they mean, is topology_import's job. docs/import.md maps each element.
#pragma once

#include <string>
#include <vector>

#include "io/json_locate.h"
#include "io/text_case.h"
#include "io/xml_source.h"

namespace drsim {

enum class TopologyDialect { kTopologyBuilder, kPublished };

struct RawSite {
  std::string id;  // SiteId
  std::string name;
  TextPosition at;
  // A branch site's central site (index into RawTopology::sites): the CentralSite a Topology
  // Builder document nests it in; -1 in a published topology, which lists it apart.
  int parent = -1;
};

struct RawCluster {
  std::string key;
  std::string fqdn;
  int site = -1;                      // index into RawTopology::sites
  int branch_site = -1;               // or into RawTopology::branch_sites
  std::vector<std::string> machines;  // machine FQDNs in document order ("" when unnamed)
  TextPosition at;
};

struct RawSqlInstance {
  std::string key;
  int cluster = -1;               // index into RawTopology::clusters
  std::string name;               // "" is the default instance
  std::string always_on_primary;  // AlwaysOnPrimaryNodeFqdn, when an availability group
  TextPosition at;
};

struct RawDependency {
  std::string usage;   // "Default", or a special use such as "Mirror" (docs/import.md)
  std::string target;  // key of the service depended on
  TextPosition at;
};

struct RawService {
  std::string key;
  std::string role;          // RoleName: UserServices, Registrar, UserStore, EdgeServer, ...
  std::string installed_on;  // key of a cluster or a SQL instance
  int service_version = 0;   // ServiceVersion (7: 2015, 8: 2019); 0 when absent
  bool is_director = false;  // a Registrar whose <RegistrarService IsDirector="true">
  std::vector<RawDependency> depends_on;
  TextPosition at;
};

// What a document may hold (docs/import.md, Limits). Sites are capped at the scenario's limit;
// the others leave room for large deployments' branch sites and their appliances.
inline constexpr size_t kMaxImportSites = 64;
inline constexpr size_t kMaxImportPools = 64;  // Front End pools and Standard Edition servers
inline constexpr size_t kMaxImportClusters = 4096;
inline constexpr size_t kMaxImportSqlInstances = 4096;
inline constexpr size_t kMaxImportServices = 16384;
inline constexpr size_t kMaxImportMachines = 64;      // per cluster
inline constexpr size_t kMaxImportDependencies = 64;  // per service

struct RawTopology {
  TopologyDialect dialect = TopologyDialect::kTopologyBuilder;
  std::vector<RawSite> sites;         // central sites
  std::vector<RawSite> branch_sites;  // RemoteSite elements
  std::vector<RawCluster> clusters;   // of central and branch sites, in document order
  std::vector<RawSqlInstance> sql_instances;
  std::vector<RawService> services;
  TextPosition root_at;
};

// Reads a parsed document. InputError (file:line:col) for an unknown root or namespace, a
// missing required element or attribute, or a cluster placed in an unknown site.
RawTopology read_topology_document(const XmlSource& xml);

}  // namespace drsim
