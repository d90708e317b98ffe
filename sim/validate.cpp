// Scenario validation: a generic pass over the schema's field options (sim/validate_options.cpp),
// then the references and the product rules (sfb-hadr sections cited beside each rule).
#include "sim/validate.h"

#include "sim/validate_options.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "proto/options.pb.h"
#include "sim/event_log.h"
#include "sim/model/product.h"

namespace drsim {

namespace pb = google::protobuf;
using scenario::Scenario;

bool is_unanswered_faults_warning(const std::string& message) {
  return message.rfind(kUnansweredFaultsWarning, 0) == 0;
}

namespace validate_detail {

FieldPath at(const pb::Descriptor* root, std::initializer_list<std::pair<const char*, int>> steps) {
  FieldPath path;
  const pb::Descriptor* d = root;
  for (const auto& [name, index] : steps) {
    const pb::FieldDescriptor* fd = d->FindFieldByName(name);
    if (fd == nullptr) break;
    path.push_back({fd, index});
    d = fd->message_type();
    if (d == nullptr) break;
  }
  return path;
}

}  // namespace validate_detail

namespace {

using validate_detail::at;
using validate_detail::Reference;

// The domain pass: names, references and the product's rules.
class DomainPass {
 public:
  DomainPass(const Scenario& s, std::vector<Finding>* findings) : s_(s), findings_(findings) {}

  void run(const std::vector<Reference>& refs) {
    collect_names();
    for (const Reference& r : refs) check_reference(r);
    check_links();
    check_pools();
    check_pairing();
    check_cms_and_edges();
    check_content();
    check_faults_and_runbook();
    check_phases();
    check_logged_counts();
    validate_detail::check_voice_path(s_, kinds_, findings_);
    validate_detail::check_persistent_chat(s_, kinds_, findings_);
  }

 private:
  const pb::Descriptor* root() const { return Scenario::descriptor(); }
  void error(FieldPath path, std::string message) {
    findings_->push_back({Severity::kError, std::move(path), std::move(message)});
  }
  void warn(FieldPath path, std::string message) {
    findings_->push_back({Severity::kWarning, std::move(path), std::move(message)});
  }

  void name(const std::string& kind, const std::string& value, FieldPath path) {
    if (value.empty()) return;
    auto [it, inserted] = owner_.emplace(value, path);
    if (!inserted) {
      error(path, "duplicate name '" + value + "': already used by " + path_to_string(it->second) +
                      " (component names must be unique)");
      return;
    }
    kinds_[value] = kind;
  }

  void collect_names() {
    for (int i = 0; i < s_.sites_size(); ++i)
      name("site", s_.sites(i).name(), at(root(), {{"sites", i}, {"name", -1}}));
    for (int i = 0; i < s_.links_size(); ++i)
      name("link", s_.links(i).name(), at(root(), {{"links", i}, {"name", -1}}));
    for (int i = 0; i < s_.pools_size(); ++i) {
      const auto& p = s_.pools(i);
      name("pool", p.fqdn(), at(root(), {{"pools", i}, {"fqdn", -1}}));
      for (int j = 0; j < p.front_ends_size(); ++j)
        name("server", p.front_ends(j).fqdn(),
             at(root(), {{"pools", i}, {"front_ends", j}, {"fqdn", -1}}));
      for (int j = 0; j < p.back_end().servers_size(); ++j)
        name("server", p.back_end().servers(j).fqdn(),
             at(root(), {{"pools", i}, {"back_end", -1}, {"servers", j}, {"fqdn", -1}}));
    }
    // Edge and Director servers are named FQDN/1 .. FQDN/n (sim/model/topology.cpp).
    for (int i = 0; i < s_.edge_pools_size(); ++i) {
      const auto path = at(root(), {{"edge_pools", i}, {"fqdn", -1}});
      name("edge", s_.edge_pools(i).fqdn(), path);
      for (int k = 1; k <= s_.edge_pools(i).servers(); ++k)
        name("edge_server", s_.edge_pools(i).fqdn() + "/" + std::to_string(k), path);
    }
    for (int i = 0; i < s_.director_pools_size(); ++i) {
      const auto path = at(root(), {{"director_pools", i}, {"fqdn", -1}});
      name("director", s_.director_pools(i).fqdn(), path);
      for (int k = 1; k <= s_.director_pools(i).servers(); ++k)
        name("director_server", s_.director_pools(i).fqdn() + "/" + std::to_string(k), path);
    }
    // File stores and Office Web Apps farms likewise (sim/model/topology.cpp).
    for (int i = 0; i < s_.file_stores_size(); ++i) {
      const auto path = at(root(), {{"file_stores", i}, {"fqdn", -1}});
      name("file_store", s_.file_stores(i).fqdn(), path);
      for (int k = 1; k <= s_.file_stores(i).servers(); ++k)
        name("file_server", s_.file_stores(i).fqdn() + "/" + std::to_string(k), path);
    }
    for (int i = 0; i < s_.office_web_apps_farms_size(); ++i) {
      const auto path = at(root(), {{"office_web_apps_farms", i}, {"fqdn", -1}});
      name("owa_farm", s_.office_web_apps_farms(i).fqdn(), path);
      for (int k = 1; k <= s_.office_web_apps_farms(i).servers(); ++k)
        name("owa_server", s_.office_web_apps_farms(i).fqdn() + "/" + std::to_string(k), path);
    }
    for (int i = 0; i < s_.mediation_pools_size(); ++i) {
      name("mediation_pool", s_.mediation_pools(i).fqdn(),
           at(root(), {{"mediation_pools", i}, {"fqdn", -1}}));
      for (int j = 0; j < s_.mediation_pools(i).servers_size(); ++j)
        name("mediation_server", s_.mediation_pools(i).servers(j).fqdn(),
             at(root(), {{"mediation_pools", i}, {"servers", j}, {"fqdn", -1}}));
    }
    for (int i = 0; i < s_.pstn_gateways_size(); ++i)
      name("gateway", s_.pstn_gateways(i).fqdn(), at(root(), {{"pstn_gateways", i}, {"fqdn", -1}}));
    for (int i = 0; i < s_.trunks_size(); ++i)
      name("trunk", s_.trunks(i).name(), at(root(), {{"trunks", i}, {"name", -1}}));
    for (int i = 0; i < s_.voice_routes_size(); ++i)
      name("voice_route", s_.voice_routes(i).name(),
           at(root(), {{"voice_routes", i}, {"name", -1}}));
    // Persistent Chat servers are FQDN/1 .. FQDN/n; its SQL stores are named by their FQDNs.
    for (int i = 0; i < s_.persistent_chat_pools_size(); ++i) {
      const auto& pc = s_.persistent_chat_pools(i);
      const auto path = at(root(), {{"persistent_chat_pools", i}, {"fqdn", -1}});
      name("persistent_chat", pc.fqdn(), path);
      for (int k = 1; k <= pc.active_servers() + pc.standby_servers(); ++k)
        name("persistent_chat_server", pc.fqdn() + "/" + std::to_string(k), path);
      const char* stores[] = {"primary_sql", "mirror_sql", "witness_sql", "secondary_sql"};
      const std::string values[] = {pc.primary_sql(), pc.mirror_sql(), pc.witness_sql(),
                                    pc.secondary_sql()};
      for (size_t k = 0; k < 4; ++k)
        name("persistent_chat_sql", values[k],
             at(root(), {{"persistent_chat_pools", i}, {stores[k], -1}}));
    }
    for (int i = 0; i < s_.branches_size(); ++i)
      for (int j = 0; j < s_.branches(i).appliances_size(); ++j)
        name("branch_appliance", s_.branches(i).appliances(j).fqdn(),
             at(root(), {{"branches", i}, {"appliances", j}, {"fqdn", -1}}));
  }

  void check_reference(const Reference& r) {
    auto it = kinds_.find(r.value);
    if (r.kind == "component") {
      if (it == kinds_.end() || it->second == "voice_route")
        error(r.path, "'" + r.value +
                          "' names no site, link, pool, server, gateway, trunk, branch appliance, "
                          "Edge, Director or Persistent Chat pool or server, file store, Office "
                          "Web Apps farm or their servers");
      return;
    }
    // A runbook step's pool_fqdn names a Persistent Chat pool for the Persistent Chat cmdlets;
    // check_persistent_chat matches the kind to the cmdlet.
    const bool pchat_step = r.kind == "pool" && it != kinds_.end() &&
                            it->second == "persistent_chat" && !r.path.empty() &&
                            r.path.front().field->name() == "runbook";
    if (pchat_step) return;
    if (it == kinds_.end() || it->second != r.kind)
      error(r.path, "'" + r.value + "' names no " + r.kind + " of the scenario");
  }

  int pool_index(const std::string& fqdn) const {
    for (int i = 0; i < s_.pools_size(); ++i)
      if (s_.pools(i).fqdn() == fqdn) return i;
    return -1;
  }

  void check_links() {
    for (int i = 0; i < s_.links_size(); ++i) {
      const auto& l = s_.links(i);
      if (!l.site_a().empty() && l.site_a() == l.site_b())
        error(at(root(), {{"links", i}, {"site_b", -1}}),
              "a link joins two different sites (both ends are '" + l.site_a() + "')");
    }
  }

  void check_pools() {
    if (!s_.has_product_version() || s_.product_version() == 0) return;
    const product::VersionLimits& lim = product::limits_for(s_.product_version());
    const std::string ver = product::version_name(s_.product_version());
    for (int i = 0; i < s_.pools_size(); ++i) {
      const auto& p = s_.pools(i);
      const int n = p.front_ends_size();
      const FieldPath fe_path = at(root(), {{"pools", i}, {"front_ends", -1}});
      if (p.edition() == scenario::ENTERPRISE) {
        // sfb-hadr 1.5 and 1.8: 2 to 12 Front Ends on 2015, 3 to 16 on 2019.
        if (n < lim.min_front_ends || n > lim.max_front_ends)
          error(fe_path, "an Enterprise pool on " + ver + " has " +
                             std::to_string(lim.min_front_ends) + " to " +
                             std::to_string(lim.max_front_ends) + " Front End servers (got " +
                             std::to_string(n) + ")");
        if (!p.has_back_end())
          error(at(root(), {{"pools", i}, {"back_end", -1}}),
                "an Enterprise pool needs a back_end");
      } else if (p.edition() == scenario::STANDARD) {
        if (n != 1)
          error(fe_path,
                "a Standard Edition pool is exactly one server (got " + std::to_string(n) + ")");
        if (p.has_back_end() && p.back_end().ha_mode() != scenario::NONE)
          error(at(root(), {{"pools", i}, {"back_end", -1}, {"ha_mode", -1}}),
                "a Standard Edition server has no Back End high availability");
        if (p.users() > lim.max_users_standard_pair)
          error(at(root(), {{"pools", i}, {"users", -1}}),
                "a Standard Edition server homes at most " +
                    std::to_string(lim.max_users_standard_pair) + " users");
      }
      if (p.users() > lim.max_users_per_pool)
        error(at(root(), {{"pools", i}, {"users", -1}}),
              ver + " homes at most " + std::to_string(lim.max_users_per_pool) +
                  " users per pool (got " + std::to_string(p.users()) + ")");
      if (p.has_active_users() && p.active_users() > p.users())
        error(at(root(), {{"pools", i}, {"active_users", -1}}), "active_users cannot exceed users");
      if (p.has_back_end()) check_back_end(i, lim, ver);
    }
  }

  void check_back_end(int i, const product::VersionLimits& lim, const std::string& ver) {
    const auto& be = s_.pools(i).back_end();
    const FieldPath mode_path = at(root(), {{"pools", i}, {"back_end", -1}, {"ha_mode", -1}});
    const bool mirroring = be.ha_mode() == scenario::MIRRORING_WITH_WITNESS ||
                           be.ha_mode() == scenario::MIRRORING_WITHOUT_WITNESS;
    // sfb-hadr 3.1: SQL mirroring is not supported on Skype for Business Server 2019.
    if (mirroring && !lim.supports_mirroring)
      error(mode_path, "database mirroring is not supported on " + ver);
    std::map<int, int> count;
    for (const auto& srv : be.servers()) ++count[srv.role()];
    const FieldPath servers_path = at(root(), {{"pools", i}, {"back_end", -1}, {"servers", -1}});
    auto need = [&](scenario::SqlRole role, int lo, int hi, const char* why) {
      const int c = count[role];
      if (c < lo || c > hi)
        error(servers_path, std::string(why) + " (" + scenario::SqlRole_Name(role) + ": want " +
                                (lo == hi ? std::to_string(lo)
                                          : std::to_string(lo) + " to " + std::to_string(hi)) +
                                ", got " + std::to_string(c) + ")");
    };
    switch (be.ha_mode()) {
      case scenario::NONE:
        need(scenario::PRIMARY, 1, 1, "a Back End without HA is one SQL server");
        need(scenario::MIRROR, 0, 0, "a Back End without HA has no mirror");
        break;
      case scenario::MIRRORING_WITH_WITNESS:
        need(scenario::PRIMARY, 1, 1, "mirroring has one principal");
        need(scenario::MIRROR, 1, 1, "mirroring has one mirror");
        need(scenario::WITNESS, 1, 1, "mirroring with witness needs a witness");
        break;
      case scenario::MIRRORING_WITHOUT_WITNESS:
        need(scenario::PRIMARY, 1, 1, "mirroring has one principal");
        need(scenario::MIRROR, 1, 1, "mirroring has one mirror");
        need(scenario::WITNESS, 0, 0, "mirroring without witness has no witness");
        break;
      case scenario::ALWAYSON_AVAILABILITY_GROUP:
        need(scenario::PRIMARY, 1, 1, "an availability group has one primary replica");
        need(scenario::MIRROR, 1, 8, "an availability group needs a secondary replica");
        break;
      case scenario::ALWAYSON_FAILOVER_CLUSTER_INSTANCE:
      case scenario::SQL_FAILOVER_CLUSTERING:
        need(scenario::PRIMARY, 1, 1, "a failover cluster has one active node");
        need(scenario::MIRROR, 1, 8, "a failover cluster needs a passive node");
        need(scenario::SHARED_STORAGE, 1, 1, "a failover cluster has one shared storage");
        break;
      default:
        break;
    }
  }

  void check_pairing() {
    if (!s_.has_product_version() || s_.product_version() == 0) return;
    const product::VersionLimits& lim = product::limits_for(s_.product_version());
    for (int i = 0; i < s_.pools_size(); ++i) {
      const auto& p = s_.pools(i);
      if (!p.has_backup_pool()) continue;
      const FieldPath bp = at(root(), {{"pools", i}, {"backup_pool", -1}});
      const int j = pool_index(p.backup_pool());
      if (j < 0) continue;  // reported as a bad reference
      const auto& q = s_.pools(j);
      // sfb-hadr 2.1: pairing is 1:1 and reciprocal.
      if (j == i) {
        error(bp, "a pool cannot be its own backup pool");
        continue;
      }
      if (q.backup_pool() != p.fqdn())
        error(bp, "pairing is 1:1 and reciprocal: '" + q.fqdn() + "' must name '" + p.fqdn() +
                      "' as its backup_pool" +
                      (q.has_backup_pool() ? " (it names '" + q.backup_pool() + "')" : ""));
      if (i > j) continue;  // check each pair once, from its first pool
      if (p.edition() != q.edition())
        error(bp, "Enterprise pools pair only with Enterprise pools and Standard with Standard");
      if (p.is_virtual() != q.is_virtual())
        error(bp, "physical pools pair only with physical pools and virtual with virtual");
      if (p.operating_system() != q.operating_system())
        error(bp, "paired pools run the same operating system ('" + p.operating_system() +
                      "' vs '" + q.operating_system() + "')");
      if (p.site() == q.site()) {
        warn(bp, "paired pools should be in different sites for disaster recovery");
      } else {
        bool linked = false;
        for (const auto& l : s_.links())
          linked |= (l.site_a() == p.site() && l.site_b() == q.site()) ||
                    (l.site_a() == q.site() && l.site_b() == p.site());
        if (!linked)
          warn(bp,
               "no link joins sites '" + p.site() + "' and '" + q.site() +
                   "': the Backup Service between them is modelled on an unconstrained network");
      }
      check_backup_volume(i, j);
      if (p.back_end().ha_mode() != q.back_end().ha_mode())
        warn(bp, "paired pools should use the same Back End HA mode (sfb-hadr 2.1)");
      // sfb-hadr 1.8: each pool of a pair is sized to carry both pools' users; a pool in a
      // paired design homes at most 40,000 (2015) / 53,000 (2019) users.
      for (int k : {i, j})
        if (s_.pools(k).users() > lim.max_users_paired_pool)
          warn(at(root(), {{"pools", k}, {"users", -1}}),
               "a pool in a paired design homes at most " +
                   std::to_string(lim.max_users_paired_pool) + " users on " +
                   std::string(product::version_name(s_.product_version())) + " (got " +
                   std::to_string(s_.pools(k).users()) +
                   "): its partner cannot carry it after a failover");
      const int64_t both = p.users() + q.users();
      if (both > lim.max_users_per_pool)
        warn(bp, "a surviving pool would carry " + std::to_string(both) + " users, above the " +
                     std::to_string(lim.max_users_per_pool) + " a pool supports");
      for (int k : {i, j}) {
        const auto& r = s_.pools(k);
        const int64_t fe = r.front_ends_size();
        // At the largest pool size the per-pool maximum is the binding limit (80,000 users on
        // 12 servers is 6,667 each, a hair above the 6,660 sizing rule).
        if (fe > 0 && fe < lim.max_front_ends && r.edition() == scenario::ENTERPRISE &&
            both > fe * lim.users_per_front_end)
          warn(at(root(), {{"pools", k}, {"front_ends", -1}}),
               "'" + r.fqdn() + "' cannot carry both pools' " + std::to_string(both) +
                   " users on " + std::to_string(fe) + " Front Ends at " +
                   std::to_string(lim.users_per_front_end) + " users each");
      }
    }
  }

  // A limit, not a product rule: the Backup Service between a pair must be able to ship
  // every change written over the horizon within 100 years, or cycle durations overflow the
  // simulator's clock. Bounded from above: all users of both pools active, every category.
  void check_backup_volume(int i, int j) {
    auto bytes_per_s = [&](const scenario::Pool& p, bool is_cms) {
      const auto& w = p.workload();
      const double per_user = w.user_data_writes_per_hour() +
                              w.conference_content_writes_per_hour() + w.rgs_writes_per_hour();
      double writes = static_cast<double>(p.users()) * per_user;
      if (is_cms) writes += w.cms_writes_per_hour();
      return writes / 3600.0 * w.bytes_per_write();
    };
    const auto& p = s_.pools(i);
    const auto& q = s_.pools(j);
    const bool cms_p = s_.has_cms() && s_.cms().pool() == p.fqdn();
    const bool cms_q = s_.has_cms() && s_.cms().pool() == q.fqdn();
    const double bytes = bytes_per_s(p, cms_p) + bytes_per_s(q, cms_q);
    double bits_per_s = 10e9;  // the model's unconstrained network between unlinked sites
    FieldPath where = at(root(), {{"pools", i}, {"backup_pool", -1}});
    for (int l = 0; l < s_.links_size(); ++l) {
      const auto& link = s_.links(l);
      if ((link.site_a() == p.site() && link.site_b() == q.site()) ||
          (link.site_a() == q.site() && link.site_b() == p.site())) {
        bits_per_s = link.bandwidth_mbps() * 1e6;
        where = at(root(), {{"links", l}, {"bandwidth_mbps", -1}});
        break;
      }
    }
    constexpr double kMaxTransferS = 3153600000.0;  // 100 years
    const double transfer_s = bytes * 8.0 * static_cast<double>(s_.horizon_s()) / bits_per_s;
    if (!(bits_per_s > 0) || !(transfer_s <= kMaxTransferS))
      error(where, "the Backup Service between '" + p.fqdn() + "' and '" + q.fqdn() +
                       "' could need more than 100 years to ship the changes written over the "
                       "horizon: raise bandwidth_mbps or lower the write rates or bytes_per_write");
  }

  // A limit, not a product rule: every count the event log carries fits its readers' ranges
  // (sim/event_log.h): the writes of all pools over the horizon are at most 2^53 (an exact
  // integer in a double) and their bytes at most 1e18. Lost writes and backlogs are parts of
  // these totals. Bounded from above: all users active, every category.
  void check_logged_counts() {
    double writes = 0, bytes = 0;
    for (const auto& p : s_.pools()) {
      const auto& w = p.workload();
      const double per_user = w.user_data_writes_per_hour() +
                              w.conference_content_writes_per_hour() + w.rgs_writes_per_hour() +
                              w.monitoring_archiving_writes_per_hour();
      const double per_pool = w.cms_writes_per_hour() + w.lis_writes_per_hour() +
                              w.call_park_writes_per_hour() + w.announcement_writes_per_hour();
      const double pool_writes = (static_cast<double>(p.users()) * per_user + per_pool) *
                                 static_cast<double>(s_.horizon_s()) / 3600.0;
      writes += pool_writes;
      bytes += pool_writes * w.bytes_per_write();
    }
    if (!(writes <= static_cast<double>(kLogMaxInteger)) || !(bytes <= kLogMaxValue)) {
      char amount[96];
      std::snprintf(amount, sizeof amount, "%.3g changes (%.3g bytes)", writes, bytes);
      error(at(root(), {{"horizon_s", -1}}),
            std::string("the pools could write ") + amount +
                " over the horizon, more than the event log counts exactly (2^53 writes, 1e18 "
                "bytes): "
                "shorten horizon_s or lower the write rates or bytes_per_write");
    }
  }

  void check_phases() {
    const auto& b = s_.backup_service();
    if (b.has_phase_s() && b.phase_s() >= b.sync_interval_s())
      error(at(root(), {{"backup_service", -1}, {"phase_s", -1}}),
            "phase_s must be less than sync_interval_s");
    const auto& m = s_.parameters();
    if (m.has_persistence_phase_s() && m.persistence_phase_s() >= m.persistence_interval_s())
      error(at(root(), {{"parameters", -1}, {"persistence_phase_s", -1}}),
            "persistence_phase_s must be less than persistence_interval_s");
  }

  // A pool's meetings keep their content on one file store and share PowerPoint through one
  // Office Web Apps farm (the association is per pool, sfb-other-roles 6).
  void check_content() {
    auto once = [&](const char* list, const char* what, auto count, auto pools_of) {
      std::map<std::string, std::string> owner;
      for (int i = 0; i < count; ++i) {
        const auto& pools = pools_of(i);
        for (int j = 0; j < pools.size(); ++j) {
          std::string where(list);
          where.append("[").append(std::to_string(i)).append("]");
          auto [it, inserted] = owner.emplace(pools.Get(j), where);
          if (!inserted)
            error(at(root(), {{list, i}, {"pools", j}}), std::string("pool '")
                                                             .append(pools.Get(j))
                                                             .append("' already uses ")
                                                             .append(what)
                                                             .append(" ")
                                                             .append(it->second)
                                                             .append(" (one per pool)"));
        }
      }
    };
    once(
        "file_stores", "file store",
        s_.file_stores_size(), [&](int i) -> const auto& { return s_.file_stores(i).pools(); });
    once(
        "office_web_apps_farms", "Office Web Apps farm",
        s_.office_web_apps_farms_size(), [&](int i) -> const auto& {
          return s_.office_web_apps_farms(i).pools();
        });
    // sfb-other-roles 6: OWA must be on its own servers, and the file store is shared by a
    // site's pools; a store in another site than its pool works, over the WAN.
    for (int i = 0; i < s_.file_stores_size(); ++i)
      for (int j = 0; j < s_.file_stores(i).pools_size(); ++j) {
        const int p = pool_index(s_.file_stores(i).pools(j));
        if (p >= 0 && s_.pools(p).site() != s_.file_stores(i).site())
          warn(at(root(), {{"file_stores", i}, {"pools", j}}),
               "a pool's file store is normally in its own site (drsim does not model the WAN "
               "between them for content)");
      }
  }

  void check_cms_and_edges() {
    if (s_.has_backup_service() && s_.backup_service().enable_rgs_backup() &&
        s_.product_version() == scenario::SFB_2015)
      error(at(root(), {{"backup_service", -1}, {"enable_rgs_backup", -1}}),
            "Response Group backup through the Backup Service needs Skype for Business Server "
            "2019 (July 2019 CU)");
    for (int i = 0; i < s_.edge_pools_size(); ++i) {
      const int j = pool_index(s_.edge_pools(i).next_hop_pool());
      if (j >= 0 && s_.pools(j).site() != s_.edge_pools(i).site())
        warn(at(root(), {{"edge_pools", i}, {"next_hop_pool", -1}}),
             "an Edge pool's next hop is normally a pool in its own site");
    }
    // sfb-hadr 5.2: inbound federation keeps working when an Edge pool fails only if each
    // Edge pool has its own SRV priority.
    for (int i = 0; i < s_.edge_pools_size(); ++i)
      for (int k = 0; k < i; ++k)
        if (s_.edge_pools(i).srv_priority() == s_.edge_pools(k).srv_priority())
          warn(at(root(), {{"edge_pools", i}, {"srv_priority", -1}}),
               "Edge pools " + s_.edge_pools(k).fqdn() + " and " + s_.edge_pools(i).fqdn() +
                   " share SRV priority " + std::to_string(s_.edge_pools(i).srv_priority()) +
                   ": while one is down, partners' inbound federation through the pair fails "
                   "in part (give each Edge pool its own priority)");
  }

  void check_faults_and_runbook() {
    for (int i = 0; i < s_.faults_size(); ++i) {
      if (s_.faults(i).at_s() >= s_.horizon_s() && s_.horizon_s() > 0)
        error(at(root(), {{"faults", i}, {"at_s", -1}}), "a fault must start before the horizon");
    }
    for (int i = 0; i < s_.runbook_size(); ++i) {
      const auto& st = s_.runbook(i);
      const bool timed = st.has_at_s();
      if ((timed ? 1 : 0) + (st.after_detect() ? 1 : 0) + (st.after_previous() ? 1 : 0) != 1)
        error(at(root(), {{"runbook", i}}),
              "a runbook step has exactly one of at_s, after_detect: true or after_previous: true");
      if (i == 0 && st.after_previous())
        error(at(root(), {{"runbook", i}, {"after_previous", -1}}),
              "the first runbook step has no step before it to follow");
      if (timed && st.at_s() >= s_.horizon_s() && s_.horizon_s() > 0)
        error(at(root(), {{"runbook", i}, {"at_s", -1}}),
              "a runbook step must start before the horizon");
      const bool needs_pool = st.cmdlet() == scenario::INVOKE_CS_POOL_FAILOVER ||
                              st.cmdlet() == scenario::INVOKE_CS_POOL_FAILBACK ||
                              st.cmdlet() == scenario::INVOKE_CS_DATABASE_FAILOVER ||
                              st.cmdlet() == scenario::RESET_CS_POOL_REGISTRAR_STATE ||
                              st.cmdlet() == scenario::INVOKE_CS_BACKUP_SERVICE_SYNC ||
                              st.cmdlet() == scenario::START_CS_POOL ||
                              st.cmdlet() == scenario::GET_CS_BACKUP_SERVICE_STATUS ||
                              st.cmdlet() == scenario::GET_CS_POOL_BACKUP_RELATIONSHIP ||
                              st.cmdlet() == scenario::PUBLISH_CS_TOPOLOGY_EDGE_ASSOCIATION;
      if (needs_pool && !st.has_pool_fqdn())
        error(at(root(), {{"runbook", i}, {"pool_fqdn", -1}}),
              scenario::Cmdlet_Name(st.cmdlet()) + " needs pool_fqdn (-PoolFqdn)");
      const bool route_change = st.cmdlet() == scenario::SET_CS_SITE_XMPP_ROUTE ||
                                st.cmdlet() == scenario::PUBLISH_CS_TOPOLOGY_FEDERATION_ROUTE ||
                                st.cmdlet() == scenario::PUBLISH_CS_TOPOLOGY_EDGE_ASSOCIATION;
      if (route_change && (!st.has_edge_pool() || kinds_.count(st.edge_pool()) == 0 ||
                           kinds_.at(st.edge_pool()) != "edge"))
        error(at(root(), {{"runbook", i}, {"edge_pool", -1}}),
              scenario::Cmdlet_Name(st.cmdlet()) +
                  " needs edge_pool naming an Edge pool of the scenario (the new route)");
      if (st.cmdlet() == scenario::SET_CS_EDGE_SERVER_NEXT_HOP) {
        if (!st.has_edge_pool() || !st.has_next_hop_pool())
          error(at(root(), {{"runbook", i}}),
                "the Edge next-hop change needs edge_pool and next_hop_pool");
        else if (kinds_.count(st.edge_pool()) == 0 || kinds_.at(st.edge_pool()) != "edge")
          error(at(root(), {{"runbook", i}, {"edge_pool", -1}}),
                "'" + st.edge_pool() + "' names no edge pool of the scenario");
      }
      if ((st.cmdlet() == scenario::STATEMENT_ERROR) != st.has_statement_error())
        error(at(root(), {{"runbook", i}, {"statement_error", -1}}),
              "statement_error goes with cmdlet STATEMENT_ERROR, and only with it");
      if (st.has_backup_sql_server_fqdn() && !st.force())
        error(at(root(), {{"runbook", i}, {"force", -1}}),
              "Invoke-CsManagementServerFailover with -BackupSqlServerFqdn needs -Force");
    }
  }

  const Scenario& s_;
  std::vector<Finding>* findings_;
  std::map<std::string, FieldPath> owner_;
  std::map<std::string, std::string> kinds_;
};

}  // namespace

std::vector<Finding> validate_scenario(const Scenario& scenario) {
  std::vector<Finding> findings;
  std::vector<Reference> refs;
  if (validate_detail::check_field_options(scenario, &findings, &refs))
    DomainPass(scenario, &findings).run(refs);
  if (!has_errors(findings)) validate_detail::warn_about_answers(scenario, &findings);
  return findings;
}

}  // namespace drsim
