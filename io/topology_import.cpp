// Mapping a topology document onto a scenario; see topology_import.h and docs/import.md.
#include "io/topology_import.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>

#include "io/text_case.h"
#include "io/topology_document.h"
#include "io/topology_import_assumed.h"
#include "io/topology_import_roles.h"
#include "io/xml_source.h"
#include "sim/check.h"
#include "sim/validate.h"

namespace drsim {

namespace {

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& name) {
  const size_t dot = name.find('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

class Importer {
 public:
  Importer(std::string path, RawTopology raw, const ImportDefaults& defaults)
      : path_(std::move(path)), raw_(std::move(raw)), d_(defaults) {}

  TopologyImport run() {
    out_.source = base_name(path_);
    sc().set_name(stem(out_.source));
    sc().set_description("imported from " + out_.source + " by drsim import-topology");
    index();
    check_fqdns();
    add_sites();
    for (size_t c = 0; c < raw_.clusters.size(); ++c)
      if (raw_.clusters[c].site >= 0 && service_on(c, "UserServices")) add_pool(c);
    if (sc().pools_size() == 0)
      fail(raw_.root_at,
           "the document defines no Front End pool or Standard Edition server in "
           "a central site: there is nothing to simulate");
    for (size_t c = 0; c < raw_.clusters.size(); ++c)
      if (raw_.clusters[c].site >= 0 && service_on(c, "EdgeServer")) add_edge(c);
    for (size_t c = 0; c < raw_.clusters.size(); ++c)
      if (raw_.clusters[c].site >= 0 && !service_on(c, "UserServices"))
        if (const RawService* r = service_on(c, "Registrar"); r != nullptr && r->is_director)
          add_director(c);
    for (size_t c = 0; c < raw_.clusters.size(); ++c)
      if (raw_.clusters[c].site >= 0 && service_on(c, "FileStore")) add_file_store(c);
    roles_at_ = import_other_roles(path_, raw_, d_, out_);
    add_cms();
    add_product_version();
    add_import_assumptions(d_, out_);
    add_not_modelled();
    validate();
    return std::move(out_);
  }

 private:
  scenario::Scenario& sc() { return out_.scenario; }
  const scenario::Scenario& sc() const { return out_.scenario; }

  [[noreturn]] void fail(const TextPosition& at, std::string message) const {
    throw InputError({{path_, at.line, at.column, false, "", std::move(message)}});
  }
  void assume(std::string field, std::string reason) {
    out_.assumed.push_back({std::move(field), std::move(reason)});
  }

  // --- references -----------------------------------------------------------------------------
  void index() {
    for (size_t i = 0; i < raw_.clusters.size(); ++i)
      unique(cluster_of_key_, raw_.clusters[i].key, i, raw_.clusters[i].at, "cluster");
    for (size_t i = 0; i < raw_.sql_instances.size(); ++i)
      unique(sql_of_key_, raw_.sql_instances[i].key, i, raw_.sql_instances[i].at, "SQL instance");
    for (size_t i = 0; i < raw_.services.size(); ++i)
      unique(service_of_key_, raw_.services[i].key, i, raw_.services[i].at, "service");
    hosted_.resize(raw_.clusters.size());
    for (size_t i = 0; i < raw_.services.size(); ++i) {
      const RawService& s = raw_.services[i];
      if (const auto c = cluster_of_key_.find(s.installed_on); c != cluster_of_key_.end())
        hosted_[c->second].push_back(i);
      else if (const auto q = sql_of_key_.find(s.installed_on); q != sql_of_key_.end())
        hosted_[static_cast<size_t>(raw_.sql_instances[q->second].cluster)].push_back(i);
      else
        fail(s.at, "service " + s.role + " is installed on '" + s.installed_on +
                       "', which is no cluster or SQL instance of the document");
      for (const RawDependency& d : s.depends_on)
        if (!service_of_key_.count(d.target))
          fail(d.at, "service " + s.role + " depends on service '" + d.target +
                         "', which the document does not define");
    }
  }

  void unique(std::map<std::string, size_t>& map, const std::string& key, size_t i,
              const TextPosition& at, const char* what) {
    if (!map.emplace(key, i).second)
      fail(at, std::string("duplicate ") + what + " id '" + key + "'");
  }

  // Every cluster and machine FQDN names one computer (a single-machine cluster's machine
  // may repeat the cluster's own name).
  void check_fqdns() {
    std::map<std::string, TextPosition> seen;
    auto claim = [&](const std::string& fqdn, const TextPosition& at) {
      const auto [it, fresh] = seen.emplace(ascii_lower(fqdn), at);
      if (!fresh)
        fail(at, "duplicate FQDN '" + fqdn + "': already used at line " +
                     std::to_string(it->second.line));
    };
    for (const RawCluster& c : raw_.clusters) {
      claim(c.fqdn, c.at);
      for (const std::string& m : c.machines)
        if (!m.empty() && !(c.machines.size() == 1 && ascii_lower(m) == ascii_lower(c.fqdn)))
          claim(m, c.at);
    }
  }

  const RawService* service_on(size_t cluster, const char* role) const {
    for (const size_t i : hosted_[cluster]) {
      const RawService& s = raw_.services[i];
      if (s.role == role && s.installed_on == raw_.clusters[cluster].key) return &s;
    }
    return nullptr;
  }
  const RawService& target(const RawDependency& d) const {
    return raw_.services[service_of_key_.at(d.target)];
  }
  // The first dependency of `s` with one of `usages` (exactly, case-insensitively; any usage
  // when the list is empty) and, if `role` is given, whose target has that role.
  const RawDependency* dependency(const RawService* s, std::initializer_list<const char*> usages,
                                  const char* role = nullptr) const {
    if (s == nullptr) return nullptr;
    for (const RawDependency& d : s->depends_on) {
      bool usage_ok = usages.size() == 0;
      for (const char* u : usages) usage_ok |= iequals(d.usage, u);
      if (usage_ok && (role == nullptr || target(d).role == role)) return &d;
    }
    return nullptr;
  }
  // The SQL instance a store service is installed on, or a failure naming the pool.
  const RawSqlInstance& store_instance(const RawService& store, const std::string& pool) const {
    const auto it = sql_of_key_.find(store.installed_on);
    if (it == sql_of_key_.end())
      fail(store.at, store.role + " of pool '" + pool + "' is installed on '" + store.installed_on +
                         "', which is no SQL instance of the document");
    return raw_.sql_instances[it->second];
  }
  const RawCluster& cluster_of(const RawSqlInstance& sql) const {
    return raw_.clusters[sql.cluster];
  }
  std::string site_name(const RawCluster& c) const {
    return c.site >= 0 ? raw_.sites[c.site].name : std::string();
  }
  static std::string instance_label(const RawSqlInstance& sql) {
    return sql.name.empty() ? "the default instance" : "instance " + sql.name;
  }

  // --- topology -------------------------------------------------------------------------------
  void add_sites() {
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const RawSite& s : raw_.sites) {
      if (!seen.insert(s.name).second) fail(s.at, "duplicate central site name '" + s.name + "'");
      sc().add_sites()->set_name(s.name);
      names.push_back(s.name);
    }
    out_.read.push_back("central sites: " + join(names, ", "));
  }

  void add_pool(size_t c) {
    const RawCluster& cl = raw_.clusters[c];
    if (static_cast<size_t>(sc().pools_size()) >= kMaxImportPools)
      fail(cl.at, "more than " + std::to_string(kMaxImportPools) +
                      " Front End pools and Standard Edition servers: beyond what drsim imports "
                      "(docs/import.md, Limits)");
    const RawService* user_services = service_on(c, "UserServices");
    const RawDependency* store_dep = dependency(user_services, {}, "UserStore");
    if (store_dep == nullptr)
      fail(user_services->at, "pool '" + cl.fqdn +
                                  "': its UserServices service depends on no "
                                  "UserStore, so the document does not say which SQL Server holds "
                                  "the pool's users");
    const RawService& store = target(*store_dep);
    const RawSqlInstance& sql = store_instance(store, cl.fqdn);
    const bool standard = sql.cluster == static_cast<int>(c);
    const int index = sc().pools_size();
    const std::string at = "pools[" + std::to_string(index) + "]";
    scenario::Pool* p = sc().add_pools();
    pool_at_.push_back(cl.at);
    pool_store_.push_back(sql.key);
    p->set_fqdn(cl.fqdn);
    p->set_site(site_name(cl));
    p->set_edition(standard ? scenario::STANDARD : scenario::ENTERPRISE);
    if (standard) {
      p->add_front_ends()->set_fqdn(cl.fqdn + kStandardEditionFrontEndSuffix);
    } else {
      for (const std::string& m : cl.machines) {
        if (m.empty()) fail(cl.at, "a machine of pool '" + cl.fqdn + "' has no Fqdn");
        p->add_front_ends()->set_fqdn(m);
      }
      // The product's quorum tables start at two Front Ends and it advises a Standard Edition
      // server for one or two (sfb-hadr 1.3, 1.5): drsim has no rule for a one-server pool,
      // and inventing servers would simulate a deployment that does not exist.
      if (p->front_ends_size() == 1)
        fail(cl.at,
             "pool '" + cl.fqdn + "' is an Enterprise Edition pool with one Front End server (" +
                 cl.machines[0] +
                 "): drsim models Enterprise pools of 2 or more Front Ends, whose "
                 "quorum rules the product documents, and has no rule for a one-server pool; "
                 "describe it as a Standard Edition server in a scenario by hand, or add its Front "
                 "Ends to the topology (docs/import.md, Limits)");
    }
    const int64_t users = standard ? d_.users_per_standard_edition_server
                                   : d_.users_per_front_end * p->front_ends_size();
    p->set_users(users);
    p->set_active_users(users * d_.active_users_percent / 100);
    assume(
        at + ".users",
        standard
            ? "not in the topology: " + std::to_string(users) + " per Standard Edition server"
            : "not in the topology: " + std::to_string(d_.users_per_front_end) + " per Front End");
    assume(at + ".active_users",
           "not in the topology: " + std::to_string(d_.active_users_percent) + " % of users");
    add_back_end(*p, at, cl, store, sql, standard);
    const RawDependency* backup = dependency(user_services, {"Backup"});
    if (backup == nullptr) backup = dependency(service_on(c, "Registrar"), {"Backup"});
    std::string line = "Front End pool " + cl.fqdn + " in " + p->site() + ": " +
                       (standard ? std::string("a Standard Edition server")
                                 : std::to_string(p->front_ends_size()) + " Front Ends") +
                       "; users on " + cluster_of(sql).fqdn + " (" + instance_label(sql) + ")";
    if (backup != nullptr) {
      const RawService& other = target(*backup);
      const auto it = cluster_of_key_.find(other.installed_on);
      if (it == cluster_of_key_.end() || !service_on(it->second, "UserServices"))
        fail(backup->at, "the backup pool of '" + cl.fqdn + "' is service " + other.role + " '" +
                             other.key + "', which is installed on no Front End pool");
      p->set_backup_pool(raw_.clusters[it->second].fqdn);
      line += "; backup pool " + p->backup_pool();
    } else {
      line += "; no backup pool";
    }
    out_.read.push_back(line);
  }

  void add_back_end(scenario::Pool& p, const std::string& at, const RawCluster& pool_cluster,
                    const RawService& store, const RawSqlInstance& sql, bool standard) {
    scenario::BackEnd* be = p.mutable_back_end();
    const RawCluster& sql_cluster = cluster_of(sql);
    auto server = [&](const std::string& fqdn, const std::string& site, scenario::SqlRole role) {
      scenario::SqlServer* s = be->add_servers();
      s->set_fqdn(fqdn);
      s->set_site(site);
      s->set_role(role);
    };
    const RawDependency* mirror = dependency(&store, {"Mirror"});
    const RawDependency* witness = dependency(&store, {"Witness", "MirrorWitness"});
    if (standard) {
      be->set_ha_mode(scenario::NONE);
      server(pool_cluster.fqdn + kStandardEditionSqlSuffix, p.site(), scenario::PRIMARY);
    } else if (!sql.always_on_primary.empty()) {
      be->set_ha_mode(scenario::ALWAYSON_AVAILABILITY_GROUP);
      server(sql.always_on_primary, site_name(sql_cluster), scenario::PRIMARY);
      server(sql_cluster.fqdn + kAvailabilityGroupSecondarySuffix, site_name(sql_cluster),
             scenario::MIRROR);
      assume(at + ".back_end.servers[1]",
             "the topology records only the listener and the primary node of the group");
    } else if (mirror != nullptr) {
      const RawCluster& m = cluster_of(store_instance(target(*mirror), p.fqdn()));
      be->set_ha_mode(witness ? scenario::MIRRORING_WITH_WITNESS
                              : scenario::MIRRORING_WITHOUT_WITNESS);
      server(sql_cluster.fqdn, site_name(sql_cluster), scenario::PRIMARY);
      server(m.fqdn, site_name(m), scenario::MIRROR);
      if (witness != nullptr) {
        const RawCluster& w = cluster_of(store_instance(target(*witness), p.fqdn()));
        server(w.fqdn, site_name(w), scenario::WITNESS);
      }
    } else {
      be->set_ha_mode(scenario::NONE);
      server(sql_cluster.fqdn, site_name(sql_cluster), scenario::PRIMARY);
      assume(at + ".back_end.ha_mode",
             "the topology records no mirror or AlwaysOn group (failover clustering is not "
             "recorded in a topology)");
    }
    for (const scenario::SqlServer& s : be->servers()) {
      const auto [it, fresh] = sql_owner_.emplace(ascii_lower(s.fqdn()), p.fqdn());
      // A server in two roles of one pool's Back End is the validator's to report.
      if (!fresh && it->second != p.fqdn())
        fail(store.at, "SQL Server '" + s.fqdn() + "' serves both pool '" + it->second +
                           "' and pool '" + p.fqdn() + "': drsim models one Back End per pool");
    }
  }

  void add_edge(size_t c) {
    const RawCluster& cl = raw_.clusters[c];
    const RawDependency* hop = dependency(service_on(c, "EdgeServer"), {}, "Registrar");
    const auto it = hop ? cluster_of_key_.find(target(*hop).installed_on) : cluster_of_key_.end();
    if (it == cluster_of_key_.end() || !service_on(it->second, "UserServices")) {
      out_.not_modelled.push_back("Edge pool " + cl.fqdn +
                                  ": no Front End pool recorded as its next hop");
      return;
    }
    scenario::EdgePool* e = sc().add_edge_pools();
    edge_at_.push_back(cl.at);
    e->set_fqdn(cl.fqdn);
    e->set_site(site_name(cl));
    e->set_next_hop_pool(raw_.clusters[it->second].fqdn);
    e->set_servers(static_cast<int32_t>(std::max<size_t>(cl.machines.size(), 1)));
    // The SRV records are in DNS, not in the topology: each pool its own priority, in document
    // order, so that inbound federation survives the loss of one (sfb-hadr 5.2).
    e->set_srv_priority(10 * sc().edge_pools_size());
    assume("edge_pools[" + std::to_string(sc().edge_pools_size() - 1) + "].srv_priority",
           "DNS holds the SRV records: each Edge pool its own priority, in document order");
    // The scenario keeps the number of servers; their names go to the header, for the admin.
    std::vector<std::string> names;
    for (const std::string& m : cl.machines)
      if (!m.empty()) names.push_back(m);
    out_.read.push_back("Edge pool " + cl.fqdn + " in " + e->site() + ": " +
                        std::to_string(e->servers()) + " servers" +
                        (names.empty() ? "" : " (" + join(names, ", ") + ")") + "; next hop " +
                        e->next_hop_pool());
  }

  void add_director(size_t c) {
    const RawCluster& cl = raw_.clusters[c];
    scenario::DirectorPool* d = sc().add_director_pools();
    d->set_fqdn(cl.fqdn);
    d->set_site(site_name(cl));
    d->set_servers(static_cast<int32_t>(std::max<size_t>(cl.machines.size(), 1)));
    out_.read.push_back("Director pool " + cl.fqdn + " in " + d->site() + ": " +
                        std::to_string(d->servers()) + " servers");
  }

  // A file store (role FileStore, as in Get-CsTopology -AsXml): the pools whose UserServices
  // depend on it keep their meeting content there (sfb-other-roles 6). The topology names the
  // share's server, not its DFS partners: the scenario gets the servers the document lists.
  void add_file_store(size_t c) {
    const RawCluster& cl = raw_.clusters[c];
    const RawService* store = service_on(c, "FileStore");
    std::vector<std::string> pools;
    for (size_t p = 0; p < raw_.clusters.size(); ++p) {
      const RawService* users = service_on(p, "UserServices");
      if (users == nullptr || raw_.clusters[p].site < 0) continue;
      for (const RawDependency& d : users->depends_on)
        if (d.target == store->key) pools.push_back(raw_.clusters[p].fqdn);
    }
    scenario::FileStore* f = sc().add_file_stores();
    // On a Standard Edition server the share is on the pool's own machine, whose FQDN the pool
    // already takes.
    f->set_fqdn(service_on(c, "UserServices") != nullptr
                    ? std::string(cl.fqdn).append(kStandardEditionFileStoreSuffix)
                    : cl.fqdn);
    f->set_site(site_name(cl));
    f->set_servers(static_cast<int32_t>(std::max<size_t>(cl.machines.size(), 1)));
    for (const std::string& p : pools) f->add_pools(p);
    out_.read.push_back("file store " + cl.fqdn + " in " + f->site() + ": " +
                        std::to_string(f->servers()) +
                        " server(s), DFS partners not recorded in the document; used by " +
                        (pools.empty() ? std::string("no pool") : join(pools, ", ")));
  }

  void add_cms() {
    for (const RawService& s : raw_.services) {
      if (s.role != "CentralMgmtStore") continue;
      const auto it = sql_of_key_.find(s.installed_on);
      if (it == sql_of_key_.end())
        fail(s.at, "CentralMgmtStore is installed on '" + s.installed_on +
                       "', which is no SQL instance of the document");
      const RawSqlInstance& sql = raw_.sql_instances[it->second];
      // The CMS may have a SQL instance of its own on the Back End server: what counts is the
      // server (cluster), not the instance.
      for (int i = 0; i < sc().pools_size(); ++i) {
        if (raw_.sql_instances[sql_of_key_.at(pool_store_[static_cast<size_t>(i)])].cluster !=
            sql.cluster)
          continue;
        sc().mutable_cms()->set_pool(sc().pools(i).fqdn());
        out_.read.push_back("Central Management Store on " + cluster_of(sql).fqdn + " (" +
                            instance_label(sql) + "), the Back End of " + sc().pools(i).fqdn());
        return;
      }
      out_.not_modelled.push_back("Central Management Store on " + cluster_of(sql).fqdn +
                                  ", which holds no pool's users: the scenario has no cms");
      return;
    }
    out_.not_modelled.push_back("no CentralMgmtStore in the document: the scenario has no cms");
  }

  void add_product_version() {
    int version = 0;
    for (const RawService& s : raw_.services) version = std::max(version, s.service_version);
    sc().set_product_version(version >= 8 ? scenario::SFB_2019 : scenario::SFB_2015);
    if (version < 7)
      assume("product_version", version == 0 ? "the services record no ServiceVersion"
                                             : "ServiceVersion " + std::to_string(version) +
                                                   " predates Skype for Business Server 2015");
  }

  void add_not_modelled() {
    std::set<std::string> used;  // clusters the scenario models
    for (const scenario::Pool& p : sc().pools()) used.insert(ascii_lower(p.fqdn()));
    for (const scenario::EdgePool& e : sc().edge_pools()) used.insert(ascii_lower(e.fqdn()));
    for (const scenario::DirectorPool& d : sc().director_pools())
      used.insert(ascii_lower(d.fqdn()));
    for (const scenario::FileStore& f : sc().file_stores()) used.insert(ascii_lower(f.fqdn()));
    for (const scenario::MediationPool& m : sc().mediation_pools())
      used.insert(ascii_lower(m.fqdn()));
    for (const scenario::PstnGateway& g : sc().pstn_gateways()) used.insert(ascii_lower(g.fqdn()));
    for (const scenario::Branch& b : sc().branches())
      for (const scenario::BranchAppliance& a : b.appliances()) used.insert(ascii_lower(a.fqdn()));
    for (const scenario::OfficeWebAppsFarm& f : sc().office_web_apps_farms())
      used.insert(ascii_lower(f.fqdn()));
    // A Persistent Chat store may be named FQDN\instance: its server is what is used.
    for (const scenario::PersistentChatPool& pc : sc().persistent_chat_pools())
      for (const std::string& n :
           {pc.fqdn(), pc.primary_sql(), pc.mirror_sql(), pc.witness_sql(), pc.secondary_sql()})
        used.insert(ascii_lower(n.substr(0, n.find_first_of("\\#"))));
    for (size_t i = 0; i < pool_store_.size(); ++i)
      for (const scenario::SqlServer& s : sc().pools(static_cast<int>(i)).back_end().servers())
        used.insert(ascii_lower(s.fqdn()));
    for (const std::string& key : pool_store_)
      used.insert(ascii_lower(cluster_of(raw_.sql_instances[sql_of_key_.at(key)]).fqdn));
    for (size_t c = 0; c < raw_.clusters.size(); ++c) {
      const RawCluster& cl = raw_.clusters[c];
      if ((cl.site < 0 && cl.branch_site < 0) || used.count(ascii_lower(cl.fqdn))) continue;
      std::vector<std::string> roles;
      for (const size_t i : hosted_[c]) {
        const std::string& role = raw_.services[i].role;
        if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
      }
      const std::string site =
          cl.site >= 0
              ? raw_.sites[static_cast<size_t>(cl.site)].name
              : "branch site " + raw_.branch_sites[static_cast<size_t>(cl.branch_site)].name;
      out_.not_modelled.push_back(cl.fqdn + " in " + site + " (" +
                                  (roles.empty() ? std::string("no services") : join(roles, ", ")) +
                                  ")");
    }
  }

  // The scenario must pass drsim's own rules; a finding is placed at the element it came from.
  void validate() {
    std::vector<Diagnostic> errors;
    for (const Finding& f : validate_scenario(sc())) {
      if (f.severity != Severity::kError) continue;
      TextPosition at = raw_.root_at;
      if (!f.path.empty() && f.path[0].index >= 0) {
        const std::string& name = f.path[0].field->name();
        const size_t i = static_cast<size_t>(f.path[0].index);
        if (name == "pools" && i < pool_at_.size()) at = pool_at_[i];
        if (name == "edge_pools" && i < edge_at_.size()) at = edge_at_[i];
        if (name == "sites" && i < raw_.sites.size()) at = raw_.sites[i].at;
        const std::pair<const char*, const std::vector<TextPosition>*> roles[] = {
            {"branches", &roles_at_.branches},
            {"mediation_pools", &roles_at_.mediation_pools},
            {"pstn_gateways", &roles_at_.pstn_gateways},
            {"persistent_chat_pools", &roles_at_.persistent_chat_pools},
            {"office_web_apps_farms", &roles_at_.owa_farms}};
        for (const auto& [field, positions] : roles)
          if (name == field && i < positions->size()) at = (*positions)[i];
      }
      errors.push_back({path_, at.line, at.column, false, path_to_string(f.path),
                        "the deployment breaks a drsim rule: " + f.message});
    }
    if (!errors.empty()) throw InputError(std::move(errors));
  }

  std::string path_;
  RawTopology raw_;
  ImportDefaults d_;
  TopologyImport out_;
  std::map<std::string, size_t> cluster_of_key_, sql_of_key_, service_of_key_;
  std::vector<std::vector<size_t>> hosted_;  // per cluster: services on it or its SQL instances
  std::vector<TextPosition> pool_at_, edge_at_;
  RolePositions roles_at_;
  std::vector<std::string> pool_store_;           // key of each pool's user-store SQL instance
  std::map<std::string, std::string> sql_owner_;  // SQL Server FQDN -> pool
};

}  // namespace

TopologyImport import_topology(const std::string& path, const std::string& xml_text,
                               const ImportDefaults& defaults) {
  const XmlSource xml(path, xml_text);
  RawTopology raw = read_topology_document(xml);
  const TopologyDialect dialect = raw.dialect;
  TopologyImport out = Importer(path, std::move(raw), defaults).run();
  out.dialect = dialect == TopologyDialect::kTopologyBuilder ? "Topology Builder document"
                                                             : "Get-CsTopology -AsXml";
  DRSIM_CHECK(out.scenario.pools_size() > 0, "an import without pools is refused before here");
  return out;
}

}  // namespace drsim
