// Mediation, PSTN gateways and trunks, Persistent Chat and Office Web Apps from a topology
// document; see topology_import_roles.h and docs/import.md.
#include "io/topology_import_roles.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>

#include "io/errors.h"
#include "io/text_case.h"

namespace drsim {

namespace {

// RoleNames. MediationServer (collocated on a Front End pool) and WacService are seen in a
// public document (SfBAutomatedLab's Contoso.tbxml); the others follow the documented service
// identities (docs/import.md, "Why these role names").
constexpr const char* kMediationRole = "MediationServer";
constexpr const char* kGatewayRole = "PstnGateway";
constexpr const char* kChatStoreRole = "PersistentChatStore";
constexpr const char* kWacRole = "WacService";
// Lync Server 2013's documents name the Persistent Chat front end role PersistentChatService;
// its cmdlets' identities are PersistentChatServer:fqdn. Either is read.
bool is_chat_role(const std::string& role) {
  return role == "PersistentChatService" || role == "PersistentChatServer";
}

// The documented limits the import checks before the validator does, to name the element.
constexpr size_t kMaxChatActiveServers = 4;   // D-PCTOPO
constexpr size_t kMaxChatStandbyServers = 4;  // D-PCTOPO
constexpr int64_t kChatUsersPerActiveServer = 20000;
constexpr size_t kMaxOwaServers = 16;  // OfficeWebAppsFarm.servers' bound

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) out.append(out.empty() ? "" : sep).append(p);
  return out;
}

class RoleImporter {
 public:
  RoleImporter(const std::string& path, const RawTopology& raw, const ImportDefaults& d,
               TopologyImport& out)
      : path_(path), raw_(raw), d_(d), out_(out) {
    for (size_t i = 0; i < raw_.clusters.size(); ++i) cluster_of_key_[raw_.clusters[i].key] = i;
    for (size_t i = 0; i < raw_.sql_instances.size(); ++i)
      sql_of_key_[raw_.sql_instances[i].key] = i;
    for (size_t i = 0; i < raw_.services.size(); ++i) service_of_key_[raw_.services[i].key] = i;
  }

  RolePositions run() {
    add_mediation();
    add_gateways_and_trunks();
    add_voice_routes();
    add_branches();
    for (size_t c = 0; c < raw_.clusters.size(); ++c)
      if (const RawService* s = chat_service_on(c); s != nullptr && in_central_site(c))
        add_persistent_chat(c, *s);
    for (size_t c = 0; c < raw_.clusters.size(); ++c)
      if (const RawService* s = service_on(c, kWacRole); s != nullptr && in_central_site(c))
        add_owa_farm(c, *s);
    return std::move(at_);
  }

 private:
  scenario::Scenario& sc() { return out_.scenario; }

  [[noreturn]] void fail(const TextPosition& at, std::string message) const {
    throw InputError({{path_, at.line, at.column, false, "", std::move(message)}});
  }
  void assume(std::string field, std::string reason) {
    out_.assumed.push_back({std::move(field), std::move(reason)});
  }
  // Each role name read by inference is said once, naming the first element read that way.
  void inferred_role(const std::string& role, const std::string& identity,
                     const std::string& element) {
    if (!inferred_roles_.insert(role).second) return;
    out_.inferred.push_back("RoleName \"" + role + "\" (" + element +
                            ") is drsim's inference from the documented service identity '" +
                            identity + "': no published topology document shows it");
  }

  bool in_central_site(size_t c) const { return raw_.clusters[c].site >= 0; }
  std::string site_of(size_t c) const { return raw_.sites[raw_.clusters[c].site].name; }
  // The cluster a service runs on (its own, or the SQL instance's).
  size_t cluster_of(const RawService& s) const {
    if (const auto c = cluster_of_key_.find(s.installed_on); c != cluster_of_key_.end())
      return c->second;
    return static_cast<size_t>(raw_.sql_instances[sql_of_key_.at(s.installed_on)].cluster);
  }
  const RawService* service_on(size_t cluster, const char* role) const {
    for (const RawService& s : raw_.services)
      if (s.role == role && s.installed_on == raw_.clusters[cluster].key) return &s;
    return nullptr;
  }
  const RawService* chat_service_on(size_t cluster) const {
    for (const RawService& s : raw_.services)
      if (is_chat_role(s.role) && s.installed_on == raw_.clusters[cluster].key) return &s;
    return nullptr;
  }
  const RawService& target(const RawDependency& d) const {
    return raw_.services[service_of_key_.at(d.target)];
  }
  const RawDependency* dependency(const RawService& s, std::initializer_list<const char*> usages,
                                  const char* role) const {
    for (const RawDependency& d : s.depends_on) {
      bool usage_ok = usages.size() == 0;
      for (const char* u : usages) usage_ok |= iequals(d.usage, u);
      if (usage_ok && target(d).role == role) return &d;
    }
    return nullptr;
  }
  // The machines' FQDNs, leaving out an unnamed machine and one that repeats the cluster's.
  std::vector<std::string> named_machines(size_t c) const {
    std::vector<std::string> names;
    for (const std::string& m : raw_.clusters[c].machines)
      if (!m.empty() && ascii_lower(m) != ascii_lower(raw_.clusters[c].fqdn)) names.push_back(m);
    return names;
  }
  int32_t machine_count(size_t c) const {
    return static_cast<int32_t>(std::max<size_t>(raw_.clusters[c].machines.size(), 1));
  }
  bool is_pool_cluster(size_t c) const {
    for (const scenario::Pool& p : sc_const().pools())
      if (ascii_lower(p.fqdn()) == ascii_lower(raw_.clusters[c].fqdn)) return true;
    return false;
  }
  const scenario::Scenario& sc_const() const { return out_.scenario; }

  // --- the voice path -------------------------------------------------------------------------
  // A MediationServer service on a Front End pool's cluster is collocated (the trunk names the
  // pool, as the schema has it); on a cluster of its own it is a stand-alone Mediation pool.
  void add_mediation() {
    for (const RawService& s : raw_.services) {
      if (s.role != kMediationRole) continue;
      const size_t c = cluster_of(s);
      if (!in_central_site(c)) continue;  // a branch appliance's: add_branches reads it
      const RawCluster& cl = raw_.clusters[c];
      mediation_of_service_[s.key] = cl.fqdn;
      mediation_site_[cl.fqdn] = site_of(c);
      mediation_order_.push_back(cl.fqdn);
      if (is_pool_cluster(c)) {
        out_.read.push_back("Mediation Server collocated on Front End pool " + cl.fqdn + " in " +
                            site_of(c));
        continue;
      }
      scenario::MediationPool* m = sc().add_mediation_pools();
      at_.mediation_pools.push_back(cl.at);
      m->set_fqdn(cl.fqdn);
      m->set_site(site_of(c));
      // A single-machine pool is its own server (the model treats a pool without servers as one).
      const std::vector<std::string> names = named_machines(c);
      if (names.size() > 1 || (names.size() == 1 && cl.machines.size() == 1))
        for (const std::string& n : names) m->add_servers()->set_fqdn(n);
      out_.read.push_back("stand-alone Mediation pool " + cl.fqdn + " in " + m->site() + ": " +
                          std::to_string(machine_count(c)) + " server(s)" +
                          (names.empty() ? "" : " (" + join(names, ", ") + ")"));
    }
  }

  // A gateway is a cluster with a PstnGateway service. A trunk is a dependency between it and
  // a MediationServer service, in either direction; a gateway with none is paired with the
  // first Mediation Server of its own site, which the import says.
  void add_gateways_and_trunks() {
    for (const RawService& g : raw_.services) {
      if (g.role != kGatewayRole) continue;
      const size_t c = cluster_of(g);
      if (!in_central_site(c)) continue;
      const RawCluster& cl = raw_.clusters[c];
      inferred_role(kGatewayRole, "PstnGateway:" + cl.fqdn, "gateway " + cl.fqdn);
      scenario::PstnGateway* gw = sc().add_pstn_gateways();
      at_.pstn_gateways.push_back(cl.at);
      gw->set_fqdn(cl.fqdn);
      gw->set_site(site_of(c));
      std::vector<std::string> mediation;  // in document order, each once
      auto link = [&](const std::string& service_key) {
        const auto it = mediation_of_service_.find(service_key);
        if (it != mediation_of_service_.end() &&
            std::find(mediation.begin(), mediation.end(), it->second) == mediation.end())
          mediation.push_back(it->second);
      };
      for (const RawDependency& d : g.depends_on) link(d.target);
      for (const RawService& s : raw_.services)
        if (s.role == kMediationRole)
          for (const RawDependency& d : s.depends_on)
            if (d.target == g.key) link(s.key);
      std::string how = "trunk";
      if (mediation.empty()) {
        for (const std::string& m : mediation_order_)
          if (mediation_site_[m] == gw->site()) {
            mediation.push_back(m);
            break;
          }
        out_.inferred.push_back(
            mediation.empty()
                ? "gateway " + cl.fqdn +
                      ": no trunk recorded and no Mediation Server in its site " + gw->site() +
                      ": imported without a trunk, so it carries no calls; add its trunks"
                : "gateway " + cl.fqdn + ": no trunk recorded; paired with " + mediation[0] +
                      ", the Mediation Server of its site " + gw->site());
        how = "trunk inferred";
      }
      for (const std::string& m : mediation) {
        scenario::Trunk* t = sc().add_trunks();
        t->set_name(cl.fqdn + "-" + m);
        t->set_mediation_pool(m);
        t->set_gateway(cl.fqdn);
      }
      out_.read.push_back("PSTN gateway " + cl.fqdn + " in " + gw->site() +
                          (mediation.empty() ? std::string("; no trunk")
                                             : "; " + how + " to " + join(mediation, ", ")));
    }
  }

  // --- branch sites ---------------------------------------------------------------------------
  // An SBA or SBS is a branch site's cluster with both a Registrar and a MediationServer
  // service (sfb-other-roles 4: Registrar + Mediation Server, with a gateway in an SBA). Its
  // backup Registrar pool is the Front End pool its Registrar depends on (Topology Builder's
  // "associated Front End pool", the way a central Registrar depends on its pool's
  // UserServices); it is an SBS when its Mediation Server and a PstnGateway in the branch
  // depend on each other (that gateway is the branch's), else an SBA with its own. Each rule
  // is drsim's inference, said as a warning.
  void add_branches() {
    for (size_t b = 0; b < raw_.branch_sites.size(); ++b) {
      const RawSite& site = raw_.branch_sites[b];
      scenario::Branch branch;
      const TextPosition* first = nullptr;
      for (size_t c = 0; c < raw_.clusters.size(); ++c) {
        const RawCluster& cl = raw_.clusters[c];
        if (cl.branch_site != static_cast<int>(b)) continue;
        const RawService* registrar = service_on(c, "Registrar");
        const RawService* mediation = service_on(c, kMediationRole);
        if (registrar == nullptr || mediation == nullptr) continue;
        if (branch.appliances_size() == 2)
          fail(cl.at, "branch site " + site.name + " has a third appliance " + cl.fqdn +
                          ": a branch site has at most 2 (D-EVR)");
        if (first == nullptr) first = &cl.at;
        const std::string pool = backup_pool_of(*registrar, site, cl.fqdn);
        if (branch.has_backup_pool() && branch.backup_pool() != pool)
          fail(cl.at, "the appliances of branch site " + site.name + " name two backup pools (" +
                          branch.backup_pool() + ", " + pool +
                          "): drsim models one per branch; split the branch by hand");
        branch.set_backup_pool(pool);
        scenario::BranchAppliance* ap = branch.add_appliances();
        ap->set_fqdn(cl.fqdn);
        const std::string gateway = branch_gateway(*mediation, b);
        const std::string field = "branches[" + std::to_string(sc().branches_size()) +
                                  "].appliances[" + std::to_string(branch.appliances_size() - 1) +
                                  "].users";
        if (gateway.empty()) {
          ap->set_kind(scenario::SBA);
          ap->set_users(d_.users_per_branch_appliance);
          assume(field, "users homed on an SBA are not in the topology (25 to 1,000)");
        } else {
          ap->set_kind(scenario::SBS);
          ap->set_gateway(gateway);
          ap->set_users(d_.users_per_branch_server);
          assume(field, "users homed on an SBS are not in the topology (1,000 to 2,000)");
        }
        out_.read.push_back(std::string(gateway.empty() ? "SBA " : "SBS ") + cl.fqdn +
                            " in branch site " + site.name + ", backup pool " + pool +
                            (gateway.empty() ? std::string() : "; gateway " + gateway));
      }
      if (branch.appliances_size() == 0) continue;  // a branch without one: not modelled
      if (!branch_rule_said_) {
        branch_rule_said_ = true;
        out_.inferred.push_back(
            "branch appliance " + branch.appliances(0).fqdn() +
            ": a branch site's cluster with a Registrar and a MediationServer is read as an SBA "
            "(an SBS with a PstnGateway in its branch), backed up by the pool its Registrar "
            "depends on: no published topology document shows a branch site's appliances");
      }
      add_branch(site, *first, std::move(branch));
    }
  }

  // The branch's site, its WAN link to the backup pool's site and its PSTN routes.
  void add_branch(const RawSite& site, const TextPosition& at, scenario::Branch branch) {
    std::string name = site.name;
    for (const scenario::Site& s : sc_const().sites())
      if (s.name() == name) name = "branch-" + site.id;  // a central site's name taken
    scenario::Site* s = sc().add_sites();
    s->set_name(name);
    s->set_description("branch office");
    std::string central;
    const scenario::Pool* backup = nullptr;
    for (const scenario::Pool& p : sc_const().pools())
      if (p.fqdn() == branch.backup_pool()) backup = &p;
    central = backup->site();
    const std::string link = central + "-" + name;
    scenario::Link* l = sc().add_links();
    assume("links[" + std::to_string(sc().links_size() - 1) + "]",
           "the branch's WAN link is not in the topology: product-default bandwidth and latency");
    l->set_name(link);
    l->set_site_a(name);
    l->set_site_b(central);
    l->set_bandwidth_mbps(l->bandwidth_mbps());
    l->set_latency_ms(l->latency_ms());
    branch.set_site(name);
    branch.set_wan_link(link);
    // D-EVR: branch users' voice policy has the branch gateway first, then the central site.
    const std::string route = central + "-route";
    for (const scenario::VoiceRoute& r : sc_const().voice_routes())
      if (r.name() == route) branch.add_pstn_routes(route);
    if (branch.pstn_routes_size() > 0)
      assume("branches[" + std::to_string(sc().branches_size()) + "].pstn_routes",
             "voice policies are not in the topology: the backup pool's site's route after the "
             "branch's own gateway (D-EVR)");
    for (scenario::PstnGateway& g : *sc().mutable_pstn_gateways())
      if (g.site().empty()) g.set_site(name);  // the SBS's gateway, read before its site
    *sc().add_branches() = std::move(branch);
    at_.branches.push_back(at);
  }

  // The Front End pool a branch Registrar depends on, else the first pool of the branch's
  // central site (or of the deployment), which the import says.
  std::string backup_pool_of(const RawService& registrar, const RawSite& site,
                             const std::string& appliance) {
    // A Registrar's backup is its "Backup" dependency on another Registrar, as between the
    // central pools of a pair; failing that, any Registrar or User Services it depends on.
    std::vector<const RawDependency*> order;
    for (const RawDependency& d : registrar.depends_on)
      if (iequals(d.usage, "Backup")) order.push_back(&d);
    for (const RawDependency& d : registrar.depends_on)
      if (!iequals(d.usage, "Backup")) order.push_back(&d);
    for (const RawDependency* d : order) {
      const RawService& t = target(*d);
      if (t.role != "UserServices" && t.role != "Registrar") continue;
      const size_t c = cluster_of(t);
      if (in_central_site(c) && is_pool_cluster(c)) {
        for (const scenario::Pool& p : sc_const().pools())
          if (ascii_lower(p.fqdn()) == ascii_lower(raw_.clusters[c].fqdn)) return p.fqdn();
      }
    }
    const scenario::Pool* pick = &sc_const().pools(0);
    if (site.parent >= 0)
      for (const scenario::Pool& p : sc_const().pools())
        if (p.site() == raw_.sites[static_cast<size_t>(site.parent)].name) {
          pick = &p;
          break;
        }
    out_.inferred.push_back("appliance " + appliance +
                            ": its Registrar depends on no Front End pool; backed up by " +
                            pick->fqdn() + ", the first pool of " +
                            (site.parent >= 0 ? "its central site" : "the deployment"));
    return pick->fqdn();
  }

  // An SBS's gateway: a PstnGateway in branch site `b` that the appliance's Mediation Server
  // depends on or that depends on it; added to the scenario's gateways (its site set when the
  // branch's is). "" for an SBA.
  std::string branch_gateway(const RawService& mediation, size_t b) {
    for (const RawService& g : raw_.services) {
      if (g.role != kGatewayRole) continue;
      const size_t c = cluster_of(g);
      if (raw_.clusters[c].branch_site != static_cast<int>(b)) continue;
      bool linked = false;
      for (const RawDependency& d : mediation.depends_on) linked |= d.target == g.key;
      for (const RawDependency& d : g.depends_on) linked |= d.target == mediation.key;
      if (!linked) continue;
      const std::string& fqdn = raw_.clusters[c].fqdn;
      for (const scenario::PstnGateway& known : sc_const().pstn_gateways())
        if (known.fqdn() == fqdn) return fqdn;
      inferred_role(kGatewayRole, "PstnGateway:" + fqdn, "gateway " + fqdn);
      sc().add_pstn_gateways()->set_fqdn(fqdn);
      at_.pstn_gateways.push_back(raw_.clusters[c].at);
      return fqdn;
    }
    return "";
  }

  // Voice routes and the voice policies' PSTN usages are in the CMS (Get-CsVoiceRoute), not in
  // the topology: one route per site through its gateways' trunks, each pool's users calling
  // through their own site's route first and the other sites' as failover routes (D-EVR).
  void add_voice_routes() {
    if (sc().trunks_size() == 0) return;
    std::vector<std::string> routes;
    for (const scenario::Site& site : sc_const().sites()) {
      scenario::VoiceRoute r;
      r.set_name(site.name() + "-route");
      for (const scenario::Trunk& t : sc_const().trunks())
        for (const scenario::PstnGateway& g : sc_const().pstn_gateways())
          if (g.fqdn() == t.gateway() && g.site() == site.name()) r.add_trunks(t.name());
      if (r.trunks_size() == 0) continue;
      assume("voice_routes[" + std::to_string(sc().voice_routes_size()) + "]",
             "routes are not in the topology (Get-CsVoiceRoute): the trunks to " + site.name() +
                 "'s gateways");
      *sc().add_voice_routes() = r;
    }
    for (int p = 0; p < sc().pools_size(); ++p) {
      scenario::Pool* pool = sc().mutable_pools(p);
      const std::string own = pool->site() + "-route";
      for (const scenario::VoiceRoute& r : sc_const().voice_routes())
        if (r.name() == own) pool->add_pstn_routes(r.name());
      if (d_.pstn_failover_routes)
        for (const scenario::VoiceRoute& r : sc_const().voice_routes())
          if (r.name() != own) pool->add_pstn_routes(r.name());
      if (pool->pstn_routes_size() > 0)
        assume("pools[" + std::to_string(p) + "].pstn_routes",
               d_.pstn_failover_routes
                   ? "voice policies are not in the topology: its site's route, then the "
                     "others as failover routes (D-EVR)"
                   : "voice policies are not in the topology: its site's route only");
    }
  }

  // --- Persistent Chat ------------------------------------------------------------------------
  // The SQL store's component name: its server's FQDN, or FQDN\instance when that name is a
  // Back End server of a pool already.
  std::string chat_store_name(const RawService& store) {
    const auto q = sql_of_key_.find(store.installed_on);
    if (q == sql_of_key_.end())
      fail(store.at, std::string(kChatStoreRole) + " is installed on '" + store.installed_on +
                         "', which is no SQL instance of the document");
    const RawSqlInstance& sql = raw_.sql_instances[q->second];
    const std::string fqdn = raw_.clusters[static_cast<size_t>(sql.cluster)].fqdn;
    for (const scenario::Pool& p : sc_const().pools())
      for (const scenario::SqlServer& s : p.back_end().servers())
        if (ascii_lower(s.fqdn()) == ascii_lower(fqdn))
          return sql.name.empty() ? fqdn + "#pchat" : fqdn + "\\" + sql.name;
    return fqdn;
  }

  void add_persistent_chat(size_t c, const RawService& service) {
    const RawCluster& cl = raw_.clusters[c];
    inferred_role(service.role, "PersistentChatServer:" + cl.fqdn,
                  "Persistent Chat pool " + cl.fqdn);
    const RawDependency* primary = dependency(service, {"Default"}, kChatStoreRole);
    if (primary == nullptr)
      fail(service.at, "Persistent Chat pool '" + cl.fqdn + "': its " + service.role +
                           " service depends (Usage=\"Default\") on no " + kChatStoreRole +
                           ", so the document does not say where its chat database is");
    const RawService& store = target(*primary);
    inferred_role(kChatStoreRole, "PersistentChatStore:" + raw_.clusters[cluster_of(store)].fqdn,
                  "the store of " + cl.fqdn);
    const size_t servers = std::max<size_t>(cl.machines.size(), 1);
    if (servers > kMaxChatActiveServers + kMaxChatStandbyServers)
      fail(cl.at, "Persistent Chat pool '" + cl.fqdn + "' has " + std::to_string(servers) +
                      " servers: a pool has at most 4 active and 4 standby servers (D-PCTOPO)");
    const int index = sc().persistent_chat_pools_size();
    const std::string at = "persistent_chat_pools[" + std::to_string(index) + "]";
    scenario::PersistentChatPool* pc = sc().add_persistent_chat_pools();
    at_.persistent_chat_pools.push_back(cl.at);
    pc->set_fqdn(cl.fqdn);
    pc->set_site(site_of(c));
    // The active server list is set by Set-CsPersistentChatActiveServer, not in the topology.
    const size_t active = std::min(servers, kMaxChatActiveServers);
    pc->set_active_servers(static_cast<int32_t>(active));
    pc->set_standby_servers(static_cast<int32_t>(servers - active));
    assume(at + ".active_servers",
           "the active server list is not in the topology (Set-CsPersistentChatActiveServer): "
           "the first " +
               std::to_string(active) + " in document order, the rest standby");
    pc->set_primary_sql(chat_store_name(store));
    if (const RawDependency* m = dependency(store, {"Mirror"}, kChatStoreRole))
      pc->set_mirror_sql(chat_store_name(target(*m)));
    if (const RawDependency* w = dependency(store, {"Witness", "MirrorWitness"}, kChatStoreRole))
      pc->set_witness_sql(chat_store_name(target(*w)));
    if (const RawDependency* b = dependency(service, {"Backup"}, kChatStoreRole)) {
      pc->set_secondary_sql(chat_store_name(target(*b)));
      pc->set_secondary_site(site_of(cluster_of(target(*b))));
    }
    int64_t pool_users = 0;
    for (const scenario::Pool& p : sc_const().pools()) pool_users += p.users();
    const int64_t cap = kChatUsersPerActiveServer * static_cast<int64_t>(active);
    pc->set_users(std::min(cap, pool_users * d_.persistent_chat_users_percent / 100));
    assume(at + ".users",
           "not in the topology: " + std::to_string(d_.persistent_chat_users_percent) +
               " % of the pools' users, at most 20,000 per active server");
    std::string line = "Persistent Chat pool " + cl.fqdn + " in " + pc->site() + ": " +
                       std::to_string(servers) + " server(s); database " + pc->primary_sql();
    if (pc->has_mirror_sql()) line.append(", mirror ").append(pc->mirror_sql());
    if (pc->has_witness_sql()) line.append(", witness ").append(pc->witness_sql());
    if (pc->has_secondary_sql())
      line.append("; log shipping to ")
          .append(pc->secondary_sql())
          .append(" in ")
          .append(pc->secondary_site());
    else
      line.append("; no backup store (Usage=\"Backup\") recorded: no log shipping");
    out_.read.push_back(line);
  }

  // --- Office Web Apps ------------------------------------------------------------------------
  // The farm serves the pools any of whose services depends on its WacService; with none
  // recorded, the pools of its site, which the import says.
  void add_owa_farm(size_t c, const RawService& wac) {
    const RawCluster& cl = raw_.clusters[c];
    if (cl.machines.size() > kMaxOwaServers)
      fail(cl.at, "Office Web Apps farm '" + cl.fqdn + "' has " +
                      std::to_string(cl.machines.size()) +
                      " servers: drsim takes at most 16 per farm");
    std::vector<std::string> pools;
    for (const scenario::Pool& p : sc_const().pools()) {
      bool uses = false;
      for (const RawService& s : raw_.services) {
        const auto on = cluster_of_key_.find(s.installed_on);
        if (on == cluster_of_key_.end() ||
            ascii_lower(raw_.clusters[on->second].fqdn) != ascii_lower(p.fqdn()))
          continue;
        for (const RawDependency& d : s.depends_on) uses |= d.target == wac.key;
      }
      if (uses) pools.push_back(p.fqdn());
    }
    const bool recorded = !pools.empty();
    if (!recorded) {
      // A pool has one farm: a pool another farm serves already is left to it.
      std::set<std::string> served;
      for (const scenario::OfficeWebAppsFarm& f : sc_const().office_web_apps_farms())
        served.insert(f.pools().begin(), f.pools().end());
      for (const scenario::Pool& p : sc_const().pools())
        if (p.site() == site_of(c) && !served.count(p.fqdn())) pools.push_back(p.fqdn());
      out_.inferred.push_back("Office Web Apps farm " + cl.fqdn +
                              ": no pool's service depends on it; associated with the pools of "
                              "its site " +
                              site_of(c) + (pools.empty() ? " (none)" : ": " + join(pools, ", ")));
    }
    scenario::OfficeWebAppsFarm* f = sc().add_office_web_apps_farms();
    at_.owa_farms.push_back(cl.at);
    f->set_fqdn(cl.fqdn);
    f->set_site(site_of(c));
    f->set_servers(machine_count(c));
    for (const std::string& p : pools) f->add_pools(p);
    out_.read.push_back("Office Web Apps farm " + cl.fqdn + " in " + f->site() + ": " +
                        std::to_string(f->servers()) + " server(s); " +
                        (recorded ? "used by " : "inferred for ") +
                        (pools.empty() ? std::string("no pool") : join(pools, ", ")));
  }

  const std::string& path_;
  const RawTopology& raw_;
  const ImportDefaults& d_;
  TopologyImport& out_;
  RolePositions at_;
  std::map<std::string, size_t> cluster_of_key_, sql_of_key_, service_of_key_;
  std::map<std::string, std::string> mediation_of_service_;  // service key -> trunk end
  std::map<std::string, std::string> mediation_site_;        // trunk end -> site
  std::vector<std::string> mediation_order_;                 // trunk ends, document order
  std::set<std::string> inferred_roles_;
  bool branch_rule_said_ = false;
};

}  // namespace

RolePositions import_other_roles(const std::string& path, const RawTopology& raw,
                                 const ImportDefaults& defaults, TopologyImport& out) {
  return RoleImporter(path, raw, defaults, out).run();
}

}  // namespace drsim
