// The report's topology from a scenario or, best effort, from a log; see report_topology.h.
#include "analysis/report_topology.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "log/record_schema.h"
#include "sim/check.h"

namespace drsim {

namespace {

std::string lower_role(scenario::SqlRole role) {
  std::string name = scenario::SqlRole_Name(role);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Collects what a log says about the deployment, keeping names in order of first appearance
// so that the inferred topology is deterministic.
class LogTopologyBuilder {
 public:
  void add(const log::Record& r);
  ReportTopology finish();

 private:
  TopologyPool& pool(const std::string& fqdn);
  void add_site(const std::string& name) {
    if (std::find(sites_.begin(), sites_.end(), name) == sites_.end()) sites_.push_back(name);
  }

  std::vector<std::string> sites_;
  std::vector<std::string> links_;
  std::vector<TopologyPool> pools_;
  std::map<std::string, size_t> pool_index_;
  // Servers in order of first appearance, with what the log says about where they belong.
  struct Server {
    TopologyServer server;
    std::string pool;
  };
  std::vector<Server> servers_;
  std::map<std::string, size_t> server_index_;
  std::map<std::string, int> max_group_;
  std::vector<TopologyEdgePool> edges_;
  // The last site or pool change, so that the cascade right after it (same time, same
  // direction, cause=site or cause=pool) can be attributed to it.
  struct Cascade {
    std::string subject;
    int64_t time_us = -1;
    std::string kind;
  };
  Cascade site_cascade_, pool_cascade_;
};

TopologyPool& LogTopologyBuilder::pool(const std::string& fqdn) {
  DRSIM_CHECK(!fqdn.empty(), "a pool record without a subject");
  auto [it, inserted] = pool_index_.emplace(fqdn, pools_.size());
  if (inserted) {
    pools_.emplace_back();
    pools_.back().fqdn = fqdn;
  }
  return pools_[it->second];
}

void LogTopologyBuilder::add(const log::Record& r) {
  const std::string& kind = r.kind();
  const std::string& subject = r.subject();
  // Cmdlets without a pool have no subject; nothing else the topology reads lacks one.
  if (subject.empty()) return;
  if (rec::component_down::kind.is(r) || rec::component_up::kind.is(r) ||
      rec::fault_start::kind.is(r)) {
    const std::string component_kind = rec::get(r, rec::component_down::component_kind);
    const std::string cause = rec::get(r, rec::component_down::cause);
    std::string site, owner_pool;
    if (cause == "site" && site_cascade_.time_us == r.time_us() && site_cascade_.kind == kind)
      site = site_cascade_.subject;
    if (cause == "pool" && pool_cascade_.time_us == r.time_us() && pool_cascade_.kind == kind)
      owner_pool = pool_cascade_.subject;
    if (component_kind == "site") {
      add_site(subject);
      if (!rec::fault_start::kind.is(r)) site_cascade_ = {subject, r.time_us(), kind};
    } else if (component_kind == "link") {
      if (std::find(links_.begin(), links_.end(), subject) == links_.end())
        links_.push_back(subject);
    } else if (component_kind == "pool") {
      TopologyPool& p = pool(subject);
      if (!site.empty()) p.site = site;
      if (!rec::fault_start::kind.is(r)) pool_cascade_ = {subject, r.time_us(), kind};
    } else if (component_kind == "front_end" || component_kind == "sql_server") {
      auto [it, inserted] = server_index_.emplace(subject, servers_.size());
      if (inserted) {
        servers_.push_back(
            {{subject, component_kind == "front_end" ? "front_end" : "sql_server", ""}, ""});
      }
      Server& s = servers_[it->second];
      if (!site.empty()) s.server.site = site;
      if (!owner_pool.empty()) s.pool = owner_pool;
    }
    return;
  }
  if (kind.rfind("pool.", 0) == 0 || kind.rfind("backend.", 0) == 0 ||
      kind.rfind("registrar.", 0) == 0) {
    TopologyPool& p = pool(subject);
    if (rec::pool_summary::kind.is(r)) p.users = rec::get(r, rec::pool_summary::users, p.users);
    if (rec::registrar_failover::kind.is(r))
      p.backup_pool = rec::get(r, rec::registrar_failover::backup);
    if (kind.rfind("backend.", 0) == 0) {
      if (const std::string ha = rec::get(r, rec::backend_available::ha_mode); !ha.empty())
        p.ha_mode = ha;
      // The Back End's principal names one of the pool's SQL servers.
      for (const rec::TextKey key :
           {rec::backend_failover::principal, rec::backend_failover_start::to}) {
        const std::string server = rec::get(r, key);
        if (server.empty()) continue;
        auto [it, inserted] = server_index_.emplace(server, servers_.size());
        if (inserted) servers_.push_back({{server, "sql_server", ""}, ""});
        servers_[it->second].pool = subject;
      }
    }
    return;
  }
  if (kind.rfind("backup.", 0) == 0) {
    const size_t arrow = subject.find("->");
    if (arrow != std::string::npos && arrow > 0 && arrow + 2 < subject.size()) {
      pool(subject.substr(0, arrow)).backup_pool = subject.substr(arrow + 2);
      pool(subject.substr(arrow + 2));
    }
    return;
  }
  if (rec::service_level::kind.is(r) || kind.rfind("rg.", 0) == 0) {
    const size_t slash = subject.rfind("/rg");
    if (slash == std::string::npos || slash == 0) return;
    pool(subject.substr(0, slash));
    int& n = max_group_[subject.substr(0, slash)];
    n = std::max(n, std::atoi(subject.c_str() + slash + 3) + 1);
    return;
  }
  if (rec::edge_next_hop::kind.is(r)) {
    for (TopologyEdgePool& e : edges_) {
      if (e.fqdn == subject) return;
    }
    edges_.push_back({subject, "", ""});  // the first next hop in the log is already a change
  }
}

ReportTopology LogTopologyBuilder::finish() {
  ReportTopology t;
  t.from_scenario = false;
  t.sites = sites_;
  for (const std::string& l : links_) t.links.push_back({l, "", "", 0, 0});
  for (Server& s : servers_) {
    // SfB names servers inside their pool's domain (fe1.pool1.contoso.com) more often than
    // not; when the log gives no owner, that naming is the best remaining hint.
    if (s.pool.empty()) {
      for (const TopologyPool& p : pools_) {
        if (ends_with(s.server.fqdn, "." + p.fqdn)) s.pool = p.fqdn;
      }
    }
  }
  for (Server& s : servers_) {
    // A server lost with a site that holds a single known pool belongs to that pool (the
    // usual case: each pool's Back End in its own data centre).
    if (!s.pool.empty() || s.server.site.empty()) continue;
    const TopologyPool* only = nullptr;
    int in_site = 0;
    for (const TopologyPool& p : pools_) {
      if (p.site == s.server.site) {
        only = &p;
        ++in_site;
      }
    }
    if (in_site == 1) s.pool = only->fqdn;
  }
  for (TopologyPool& p : pools_) {
    p.routing_groups = max_group_.count(p.fqdn) > 0 ? max_group_[p.fqdn] : 0;
    for (const Server& s : servers_) {
      if (s.pool != p.fqdn) continue;
      if (p.site.empty()) p.site = s.server.site;
      (s.server.role == "front_end" ? p.front_ends : p.back_end).push_back(s.server);
    }
    for (TopologyServer& s : p.front_ends) {
      if (s.site.empty()) s.site = p.site;
    }
    if (!p.site.empty()) add_site(p.site);
  }
  for (const Server& s : servers_) {
    if (s.pool.empty()) t.unplaced_servers.push_back(s.server);
  }
  t.sites = sites_;
  t.pools = pools_;
  t.edge_pools = edges_;
  return t;
}

}  // namespace

ReportTopology topology_from_scenario(const scenario::Scenario& sc) {
  ReportTopology t;
  t.from_scenario = true;
  for (const scenario::Site& s : sc.sites()) t.sites.push_back(s.name());
  for (const scenario::Link& l : sc.links())
    t.links.push_back({l.name(), l.site_a(), l.site_b(), l.bandwidth_mbps(), l.latency_ms()});
  for (const scenario::Pool& sp : sc.pools()) {
    TopologyPool p;
    p.fqdn = sp.fqdn();
    p.site = sp.site();
    p.backup_pool = sp.backup_pool();
    p.users = sp.users();
    p.routing_groups = sp.routing_groups();
    if (sp.has_back_end()) p.ha_mode = scenario::HaMode_Name(sp.back_end().ha_mode());
    for (const scenario::FrontEndServer& fe : sp.front_ends())
      p.front_ends.push_back({fe.fqdn(), "front_end", sp.site()});
    for (const scenario::SqlServer& s : sp.back_end().servers())
      p.back_end.push_back({s.fqdn(), lower_role(s.role()), s.site()});
    t.pools.push_back(std::move(p));
  }
  for (const scenario::EdgePool& e : sc.edge_pools())
    t.edge_pools.push_back({e.fqdn(), e.site(), e.next_hop_pool()});
  auto short_fqdn = [](const std::string& fqdn) { return fqdn.substr(0, fqdn.find('.')); };
  auto servers = [](int n, const char* what) {
    return std::to_string(n).append(" ").append(what).append(n == 1 ? "" : "s");
  };
  for (const scenario::DirectorPool& d : sc.director_pools())
    t.role_boxes.push_back({d.site(), std::string("Director ")
                                          .append(short_fqdn(d.fqdn()))
                                          .append(" (")
                                          .append(servers(d.servers(), "server"))
                                          .append(")")});
  for (const scenario::FileStore& f : sc.file_stores())
    t.role_boxes.push_back({f.site(), std::string("File store ")
                                          .append(short_fqdn(f.fqdn()))
                                          .append(" (")
                                          .append(servers(f.servers(), "DFS member"))
                                          .append(")")});
  for (const scenario::OfficeWebAppsFarm& o : sc.office_web_apps_farms())
    t.role_boxes.push_back({o.site(), std::string("Office Web Apps ")
                                          .append(short_fqdn(o.fqdn()))
                                          .append(" (")
                                          .append(servers(o.servers(), "server"))
                                          .append(")")});
  if (sc.has_cms()) t.cms_pool = sc.cms().pool();
  return t;
}

ReportTopology topology_from_log(const LogFile& log) {
  LogTopologyBuilder b;
  for (const log::Record& r : log.records) b.add(r);
  return b.finish();
}

const TopologyPool* find_pool(const ReportTopology& topology, std::string_view fqdn) {
  for (const TopologyPool& p : topology.pools) {
    if (p.fqdn == fqdn) return &p;
  }
  return nullptr;
}

std::string routing_group_subject(std::string_view pool_fqdn, int index) {
  return std::string(pool_fqdn) + "/rg" + std::to_string(index);
}

int64_t routing_group_users(const TopologyPool& pool, int index) {
  DRSIM_CHECK(index >= 0 && index < pool.routing_groups, "routing group index outside the pool");
  const int64_t groups = pool.routing_groups;
  return pool.users / groups + (index < pool.users % groups ? 1 : 0);
}

}  // namespace drsim
