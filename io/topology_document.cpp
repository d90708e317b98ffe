// Reading both topology dialects into RawTopology; see topology_document.h.
#include "io/topology_document.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "io/text_case.h"

namespace drsim {

namespace {

constexpr const char* kBuilderNamespace =
    "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008";
constexpr const char* kTopologyNamespace =
    "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008";

using Node = pugi::xml_node;

// A Registrar service marked as a Director (<RegistrarService IsDirector="true">, in both
// formats).
bool is_director(const Node& service) {
  const Node r = XmlSource::child(service, "RegistrarService");
  return r && iequals(r.attribute("IsDirector").value(), "true");
}

int service_version(const Node& service) {
  const char* v = service.attribute("ServiceVersion").value();
  return std::atoi(v);  // 0 when absent or not a number: treated as "not recorded"
}

class Reader {
 public:
  explicit Reader(const XmlSource& xml) : xml_(xml) {}

  RawTopology read() {
    const Node root = xml_.root();
    out_.root_at = xml_.position(root);
    const std::string name = XmlSource::local_name(root);
    if (name == "TopologyBuilder") {
      expect_namespace(root, kBuilderNamespace);
      out_.dialect = TopologyDialect::kTopologyBuilder;
      const Node fresh = xml_.required_child(root, "NewTopology");
      read_builder(xml_.required_child(fresh, "PartialTopology"));
    } else if (name == "Topology") {
      expect_namespace(root, kTopologyNamespace);
      out_.dialect = TopologyDialect::kPublished;
      read_published(root);
    } else {
      xml_.fail(root, "unknown document: the root element '" + name +
                          "' is neither 'TopologyBuilder' (a Topology Builder .tbxml) nor "
                          "'Topology' (Get-CsTopology -AsXml)");
    }
    return std::move(out_);
  }

 private:
  void expect_namespace(const Node& root, const char* uri) {
    const std::string got = XmlSource::namespace_uri(root);
    if (got != uri)
      xml_.fail(root, "element '" + XmlSource::local_name(root) + "' is in namespace '" + got +
                          "', expected '" + uri + "'");
  }

  // Every list the document feeds is capped as it is read (docs/import.md, Limits): a
  // machine-made document of a million elements is refused at the first surplus one, before
  // any lookup over the lists could take quadratic time.
  template <typename T>
  void check_room(const std::vector<T>& list, size_t max, const Node& at, const char* what) {
    if (list.size() >= max)
      xml_.fail(at, std::string("more than ") + std::to_string(max) + " " + what +
                        ": beyond what drsim imports (docs/import.md, Limits)");
  }

  // A branch site's SiteId and Name (its name may be absent: the SiteId stands in), and the
  // central site it belongs to when the document nests it there.
  int add_branch_site(const Node& site, int parent) {
    check_room(out_.branch_sites, kMaxImportClusters, site, "branch sites");
    RawSite s{xml_.required_attribute(site, "SiteId"), XmlSource::child_text(site, "Name"),
              xml_.position(site), parent};
    if (s.name.empty()) s.name = "branch-" + s.id;
    out_.branch_sites.push_back(std::move(s));
    return static_cast<int>(out_.branch_sites.size()) - 1;
  }

  int branch_site_index(const std::string& id) const {
    for (size_t i = 0; i < out_.branch_sites.size(); ++i)
      if (out_.branch_sites[i].id == id) return static_cast<int>(i);
    return -1;
  }

  // A central site's SiteId and Name.
  int add_site(const Node& site) {
    check_room(out_.sites, kMaxImportSites, site, "central sites");
    RawSite s{xml_.required_attribute(site, "SiteId"), XmlSource::child_text(site, "Name"),
              xml_.position(site), -1};
    if (s.name.empty()) xml_.fail(site, "central site " + s.id + " has no 'Name'");
    out_.sites.push_back(std::move(s));
    return static_cast<int>(out_.sites.size()) - 1;
  }

  // --- Topology Builder (.tbxml) -------------------------------------------------------------
  void read_builder(const Node& topology) {
    for (const Node& site :
         XmlSource::children(xml_.required_child(topology, "CentralSites"), "CentralSite")) {
      const int index = add_site(site);
      for (const Node& cluster : XmlSource::children(XmlSource::child(site, "Clusters"), "Cluster"))
        add_builder_cluster(cluster, index);
      for (const Node& remote :
           XmlSource::children(XmlSource::child(site, "RemoteSites"), "RemoteSite")) {
        const int branch = add_branch_site(remote, index);
        for (const Node& cluster :
             XmlSource::children(XmlSource::child(remote, "Clusters"), "Cluster"))
          add_builder_cluster(cluster, -1, branch);
      }
    }
    for (const Node& service :
         XmlSource::children(xml_.required_child(topology, "Services"), "Service")) {
      RawService s;
      s.key = ascii_lower(xml_.required_attribute(service, "UniqueId"));
      s.role = xml_.required_attribute(service, "RoleName");
      s.installed_on = ascii_lower(xml_.required_attribute(service, "InstalledOn"));
      s.service_version = service_version(service);
      s.is_director = is_director(service);
      s.at = xml_.position(service);
      add_dependencies(service, &s, [&](const Node& dep) {
        return ascii_lower(xml_.required_attribute(dep, "ServiceUniqueId"));
      });
      check_room(out_.services, kMaxImportServices, service, "services");
      out_.services.push_back(std::move(s));
    }
  }

  // A service's <DependsOn> entries; the two formats name the service depended on differently.
  template <typename KeyOf>
  void add_dependencies(const Node& service, RawService* s, KeyOf key_of) {
    for (const Node& dep :
         XmlSource::children(XmlSource::child(service, "DependsOn"), "Dependency")) {
      const pugi::xml_attribute usage = dep.attribute("Usage");
      check_room(s->depends_on, kMaxImportDependencies, dep, "dependencies of one service");
      s->depends_on.push_back({usage ? usage.value() : "Default", key_of(dep), xml_.position(dep)});
    }
  }

  void add_builder_cluster(const Node& cluster, int site, int branch_site = -1) {
    RawCluster c;
    c.key = ascii_lower(xml_.required_attribute(cluster, "UniqueId"));
    c.fqdn = xml_.required_attribute(cluster, "Fqdn");
    c.site = site;
    c.branch_site = branch_site;
    c.at = xml_.position(cluster);
    for (const Node& m : XmlSource::children(XmlSource::child(cluster, "Machines"), "Machine")) {
      check_room(c.machines, kMaxImportMachines, m, "machines in one cluster");
      c.machines.push_back(m.attribute("Fqdn").value());
    }
    const int index = static_cast<int>(out_.clusters.size());
    for (const Node& sql :
         XmlSource::children(XmlSource::child(cluster, "SqlInstances"), "SqlInstance")) {
      check_room(out_.sql_instances, kMaxImportSqlInstances, sql, "SQL instances");
      out_.sql_instances.push_back({ascii_lower(xml_.required_attribute(sql, "UniqueId")), index,
                                    sql.attribute("Name").value(),
                                    sql.attribute("AlwaysOnPrimaryNodeFqdn").value(),
                                    xml_.position(sql)});
    }
    check_room(out_.clusters, kMaxImportClusters, cluster, "clusters");
    out_.clusters.push_back(std::move(c));
  }

  // --- Get-CsTopology -AsXml ---------------------------------------------------------------
  void read_published(const Node& topology) {
    const Node sites = xml_.required_child(topology, "Sites");
    for (const Node& site : XmlSource::children(sites, "CentralSite")) add_site(site);
    for (const Node& remote : XmlSource::children(sites, "RemoteSite")) add_branch_site(remote, -1);
    for (const Node& cluster :
         XmlSource::children(xml_.required_child(topology, "Clusters"), "Cluster")) {
      const Node id = xml_.required_child(cluster, "ClusterId");
      RawCluster c;
      c.key = cluster_key(id);
      c.fqdn = xml_.required_attribute(cluster, "Fqdn");
      c.site = site_index(id.attribute("SiteId").value());
      c.at = xml_.position(cluster);
      c.branch_site = branch_site_index(id.attribute("SiteId").value());
      if (c.site < 0 && c.branch_site < 0)
        xml_.fail(id, "cluster '" + c.fqdn + "' is in site " + id.attribute("SiteId").value() +
                          ", which the document does not define");
      for (const Node& m : XmlSource::children(cluster, "Machine")) {
        check_room(c.machines, kMaxImportMachines, m, "machines in one cluster");
        c.machines.push_back(m.attribute("Fqdn").value());
      }
      check_room(out_.clusters, kMaxImportClusters, cluster, "clusters");
      out_.clusters.push_back(std::move(c));
    }
    for (const Node& sql :
         XmlSource::children(XmlSource::child(topology, "SqlInstances"), "SqlInstance")) {
      const Node id = xml_.required_child(sql, "SqlInstanceId");
      const std::string key = sql_key(id);
      const std::string cluster = cluster_key(xml_.required_child(id, "ClusterId"));
      const auto it = std::find_if(out_.clusters.begin(), out_.clusters.end(),
                                   [&](const RawCluster& c) { return c.key == cluster; });
      if (it == out_.clusters.end())
        xml_.fail(id, "SQL instance '" + key + "' is on cluster '" + cluster +
                          "', which the document does not define");
      check_room(out_.sql_instances, kMaxImportSqlInstances, sql, "SQL instances");
      out_.sql_instances.push_back(
          {key, static_cast<int>(it - out_.clusters.begin()), id.attribute("Name").value(),
           sql.attribute("AlwaysOnPrimaryNodeFqdn").value(), xml_.position(sql)});
    }
    for (const Node& service :
         XmlSource::children(xml_.required_child(topology, "Services"), "Service")) {
      const Node id = xml_.required_child(service, "ServiceId");
      RawService s;
      s.key = service_key(id);
      s.role = xml_.required_attribute(id, "RoleName");
      const Node on = xml_.required_child(service, "InstalledOn");
      if (const Node sql = XmlSource::child(on, "SqlInstanceId"))
        s.installed_on = sql_key(sql);
      else
        s.installed_on = cluster_key(xml_.required_child(on, "ClusterId"));
      s.service_version = service_version(service);
      s.is_director = is_director(service);
      s.at = xml_.position(service);
      add_dependencies(service, &s, [&](const Node& dep) {
        return service_key(xml_.required_child(dep, "ServiceId"));
      });
      check_room(out_.services, kMaxImportServices, service, "services");
      out_.services.push_back(std::move(s));
    }
  }

  std::string cluster_key(const Node& id) const {
    return xml_.required_attribute(id, "SiteId") + ":" + xml_.required_attribute(id, "Number");
  }
  std::string sql_key(const Node& id) const {
    return cluster_key(xml_.required_child(id, "ClusterId")) + "\\" +
           ascii_lower(id.attribute("Name").value());
  }
  std::string service_key(const Node& id) const {
    return xml_.required_attribute(id, "SiteId") + ":" + xml_.required_attribute(id, "RoleName") +
           ":" + xml_.required_attribute(id, "Instance");
  }
  int site_index(const std::string& id) const {
    for (size_t i = 0; i < out_.sites.size(); ++i)
      if (out_.sites[i].id == id) return static_cast<int>(i);
    return -1;
  }

  const XmlSource& xml_;
  RawTopology out_;
};

}  // namespace

RawTopology read_topology_document(const XmlSource& xml) { return Reader(xml).read(); }

}  // namespace drsim
