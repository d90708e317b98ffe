// Scenario validation: a generic pass over the schema's field options, then the references
// and the product rules (sfb-hadr sections cited beside each rule).
#include "sim/validate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "proto/options.pb.h"
#include "sim/model/product.h"

namespace drsim {

namespace pb = google::protobuf;
using scenario::Scenario;

std::string path_to_string(const FieldPath& path) {
  std::string out;
  for (const PathStep& step : path) {
    if (!out.empty()) out += '.';
    out += step.field->name();
    if (step.index >= 0) out += "[" + std::to_string(step.index) + "]";
  }
  return out.empty() ? "(scenario)" : out;
}

bool has_errors(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kError; });
}

namespace {

std::string number_text(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

struct Reference {
  std::string kind;
  std::string value;
  FieldPath path;
};

// The generic pass: required fields, numeric ranges, and the references to check later.
class OptionPass {
 public:
  OptionPass(std::vector<Finding>* findings, std::vector<Reference>* refs)
      : findings_(findings), refs_(refs) {}

  void walk(const pb::Message& msg, FieldPath& path) {
    const pb::Descriptor* desc = msg.GetDescriptor();
    const pb::Reflection* refl = msg.GetReflection();
    for (int f = 0; f < desc->field_count(); ++f) {
      const pb::FieldDescriptor* fd = desc->field(f);
      const pb::FieldOptions& opts = fd->options();
      if (fd->is_repeated()) {
        const int n = refl->FieldSize(msg, fd);
        if (!check_count(fd, n, path)) continue;
        for (int i = 0; i < n; ++i) {
          path.push_back({fd, i});
          check_value(msg, fd, i, path);
          path.pop_back();
        }
        continue;
      }
      if (!refl->HasField(msg, fd)) {
        if (opts.GetExtension(options::required)) {
          path.push_back({fd, -1});
          error(path, "is required");
          path.pop_back();
        }
        continue;
      }
      path.push_back({fd, -1});
      check_value(msg, fd, -1, path);
      path.pop_back();
    }
  }

 private:
  void error(const FieldPath& path, std::string message) {
    findings_->push_back({Severity::kError, path, std::move(message)});
  }

  // Every list that scales memory or run time has a ceiling (docs/scenarios.md, "Limits").
  // A list over its limit is reported once, at its first surplus element, and not walked.
  static int max_count(const pb::FieldDescriptor* fd) {
    static const std::map<std::string, int> kMax = {
        {"drsim.scenario.Scenario.sites", 64},
        {"drsim.scenario.Scenario.links", 64},
        {"drsim.scenario.Scenario.pools", 64},
        {"drsim.scenario.Scenario.edge_pools", 64},
        {"drsim.scenario.Scenario.data_backups", 64},
        {"drsim.scenario.Scenario.faults", 10000},
        {"drsim.scenario.Scenario.runbook", 10000},
        {"drsim.scenario.BackEnd.servers", 16},
        {"drsim.scenario.Distribution.Empirical.samples_s", 100000},
        {"drsim.scenario.Stochastic.common_cause", 1000},
        {"drsim.scenario.Stochastic.CommonCauseGroup.members", 4096},
        {"drsim.scenario.Stochastic.maintenance", 10000},
    };
    const auto it = kMax.find(fd->full_name());
    return it == kMax.end() ? -1 : it->second;
  }

  bool check_count(const pb::FieldDescriptor* fd, int n, FieldPath& path) {
    const int limit = max_count(fd);
    if (limit >= 0 && n > limit) {
      path.push_back({fd, limit});
      error(path, "at most " + std::to_string(limit) + " " + fd->name() + " entries are allowed (got " +
                      std::to_string(n) + ")");
      path.pop_back();
      over_limit_ = true;
      return false;
    }
    // The simulator samples an empirical distribution by picking one of its samples.
    if (n == 0 && fd->full_name() == "drsim.scenario.Distribution.Empirical.samples_s") {
      path.push_back({fd, -1});
      error(path, "an empirical distribution needs at least one sample");
      path.pop_back();
    }
    return true;
  }

  void check_value(const pb::Message& msg, const pb::FieldDescriptor* fd, int index,
                   FieldPath& path) {
    const pb::Reflection* refl = msg.GetReflection();
    const pb::FieldOptions& opts = fd->options();
    const bool rep = index >= 0;
    double value = 0;
    bool numeric = true;
    switch (fd->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_INT32:
        value = rep ? refl->GetRepeatedInt32(msg, fd, index) : refl->GetInt32(msg, fd);
        break;
      case pb::FieldDescriptor::CPPTYPE_INT64:
        value = static_cast<double>(rep ? refl->GetRepeatedInt64(msg, fd, index)
                                        : refl->GetInt64(msg, fd));
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT32:
        value = rep ? refl->GetRepeatedUInt32(msg, fd, index) : refl->GetUInt32(msg, fd);
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT64:
        value = static_cast<double>(rep ? refl->GetRepeatedUInt64(msg, fd, index)
                                        : refl->GetUInt64(msg, fd));
        break;
      case pb::FieldDescriptor::CPPTYPE_DOUBLE:
        value = rep ? refl->GetRepeatedDouble(msg, fd, index) : refl->GetDouble(msg, fd);
        break;
      case pb::FieldDescriptor::CPPTYPE_FLOAT:
        value = rep ? refl->GetRepeatedFloat(msg, fd, index) : refl->GetFloat(msg, fd);
        break;
      case pb::FieldDescriptor::CPPTYPE_ENUM: {
        numeric = false;
        const int v = rep ? refl->GetRepeatedEnumValue(msg, fd, index)
                          : refl->GetEnumValue(msg, fd);
        if (v == 0) error(path, "must be set to one of the named values, not " +
                                    fd->enum_type()->value(0)->name());
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_STRING: {
        numeric = false;
        const std::string s = rep ? refl->GetRepeatedString(msg, fd, index)
                                  : refl->GetString(msg, fd);
        if (opts.GetExtension(options::required) && s.empty()) error(path, "must not be empty");
        if (opts.HasExtension(options::ref) && !s.empty()) {
          refs_->push_back({opts.GetExtension(options::ref), s, path});
        }
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
        numeric = false;
        const pb::Message& sub = rep ? refl->GetRepeatedMessage(msg, fd, index)
                                     : refl->GetMessage(msg, fd);
        walk(sub, path);
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_BOOL:
        numeric = false;
        break;
    }
    if (!numeric) return;
    if (!std::isfinite(value)) {
      error(path, "must be a finite number");
      return;
    }
    if (opts.GetExtension(options::positive) && !(value > 0)) {
      error(path, "must be greater than 0 (got " + number_text(value) + ")");
    }
    if (opts.HasExtension(options::min) && value < opts.GetExtension(options::min)) {
      error(path, "must be at least " + number_text(opts.GetExtension(options::min)) + " (got " +
                      number_text(value) + ")");
    }
    if (opts.HasExtension(options::max) && value > opts.GetExtension(options::max)) {
      error(path, "must be at most " + number_text(opts.GetExtension(options::max)) + " (got " +
                      number_text(value) + ")");
    }
  }

  std::vector<Finding>* findings_;
  std::vector<Reference>* refs_;

 public:
  // A list is longer than its limit: the domain pass, some of whose checks compare every
  // pool with every other, is skipped.
  bool over_limit_ = false;
};


// Builds paths by field name, checked against the descriptor at run time.
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
    check_faults_and_runbook();
    check_phases();
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
    for (int i = 0; i < s_.edge_pools_size(); ++i)
      name("edge", s_.edge_pools(i).fqdn(), at(root(), {{"edge_pools", i}, {"fqdn", -1}}));
  }

  void check_reference(const Reference& r) {
    auto it = kinds_.find(r.value);
    if (r.kind == "component") {
      if (it == kinds_.end() || it->second == "edge")
        error(r.path, "'" + r.value + "' names no site, link, pool or server");
      return;
    }
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
          error(fe_path, "a Standard Edition pool is exactly one server (got " +
                             std::to_string(n) + ")");
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
        error(at(root(), {{"pools", i}, {"active_users", -1}}),
              "active_users cannot exceed users");
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
          warn(bp, "no link joins sites '" + p.site() + "' and '" + q.site() +
                       "': the Backup Service between them is modelled on an unconstrained network");
      }
      check_backup_volume(i, j);
      if (p.back_end().ha_mode() != q.back_end().ha_mode())
        warn(bp, "paired pools should use the same Back End HA mode (sfb-hadr 2.1)");
      // sfb-hadr 1.8: each pool of a pair is sized to carry both pools' users.
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
      const double per_user = w.user_data_writes_per_hour() + w.conference_content_writes_per_hour() +
                              w.rgs_writes_per_hour();
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
                              st.cmdlet() == scenario::GET_CS_POOL_BACKUP_RELATIONSHIP;
      if (needs_pool && !st.has_pool_fqdn())
        error(at(root(), {{"runbook", i}, {"pool_fqdn", -1}}),
              scenario::Cmdlet_Name(st.cmdlet()) + " needs pool_fqdn (-PoolFqdn)");
      if (st.cmdlet() == scenario::SET_CS_EDGE_SERVER_NEXT_HOP) {
        if (!st.has_edge_pool() || !st.has_next_hop_pool())
          error(at(root(), {{"runbook", i}}), "the Edge next-hop change needs edge_pool and next_hop_pool");
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
  FieldPath path;
  OptionPass options(&findings, &refs);
  options.walk(scenario, path);
  if (!options.over_limit_) DomainPass(scenario, &findings).run(refs);
  return findings;
}

}  // namespace drsim
