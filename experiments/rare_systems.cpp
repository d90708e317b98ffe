// Back End and pair systems for the rare-event runner; see rare_systems.h.
#include "experiments/rare_systems.h"

#include <algorithm>

#include "experiments/rare_pool.h"
#include "io/errors.h"
#include "sim/check.h"

namespace drsim {

namespace {
// The most servers a Back End may have here: its table has 2^n entries and the Markov chain
// 2^n states.
constexpr int kMaxBackEndServers = 12;

bool exponential(const scenario::Stochastic::FailureModel& f) {
  return f.time_to_failure().has_exponential() && f.time_to_repair().has_exponential();
}

const char* role_name(scenario::SqlRole r) {
  switch (r) {
    case scenario::PRIMARY:
      return "primary";
    case scenario::MIRROR:
      return "mirror/replica";
    case scenario::WITNESS:
      return "witness";
    case scenario::FILE_SHARE_WITNESS:
      return "file-share witness";
    case scenario::SHARED_STORAGE:
      return "shared storage";
    default:
      return "unspecified role";
  }
}

const char* ha_rule(scenario::HaMode m, bool has_fsw, bool dynamic) {
  switch (m) {
    case scenario::NONE:
    case scenario::MIRRORING_WITHOUT_WITNESS:
      return "unavailable while the primary is down (no automatic failover; the admin's manual "
             "failover is not modelled here)";
    case scenario::MIRRORING_WITH_WITNESS:
      return "unavailable when no partner runs, or only one runs and the witness is down";
    case scenario::ALWAYSON_AVAILABILITY_GROUP:
      return has_fsw ? "unavailable when the cluster loses its vote majority (nodes and file-share "
                       "witness) or no replica runs"
             : dynamic ? "unavailable when no replica runs (dynamic quorum)"
                       : "unavailable when the cluster loses its node majority";
    default:
      return "unavailable when the shared storage is down, the cluster loses its vote majority, "
             "or no node runs";
  }
}
}  // namespace

void refuse_back_end_out_of_scope(const scenario::Scenario& s, const std::string& flag,
                                  const std::string& not_covered) {
  if (!s.has_stochastic() ||
      (!s.stochastic().has_back_end_server() && !s.stochastic().has_witness() &&
       !s.stochastic().has_shared_storage()))
    throw InputError(flag,
                     "the scenario has no stochastic.back_end_server, witness or shared_storage "
                     "failure model: its Back End never fails");
  refuse_correlated(s, flag, not_covered);
}

void refuse_correlated(const scenario::Scenario& s, const std::string& flag,
                       const std::string& not_covered) {
  const auto& st = s.stochastic();
  if (st.has_site()) throw InputError(flag, "stochastic.site fails servers together" + not_covered);
  if (st.common_cause_size() > 0)
    throw InputError(flag, "stochastic.common_cause fails servers together" + not_covered);
  if (s.faults_size() > 0 || s.runbook_size() > 0 || s.admin().standard_response())
    throw InputError(flag,
                     std::string("scripted faults, runbooks and the admin's standard response act "
                                 "on the servers")
                         .append(not_covered));
}

bool back_end_down_after_failover(const scenario::BackEnd& be, uint32_t up_mask,
                                  bool cluster_dynamic_quorum) {
  int nodes = 0, nodes_up = 0, fsw_votes = 0, fsw_up = 0;
  bool primary_up = false, witness_up = false, storage_up = true;
  for (int i = 0; i < be.servers_size(); ++i) {
    const bool up = ((up_mask >> i) & 1) != 0;
    switch (be.servers(i).role()) {
      case scenario::PRIMARY:
        primary_up = up;
        [[fallthrough]];
      case scenario::MIRROR:
        ++nodes;
        nodes_up += up ? 1 : 0;
        break;
      case scenario::WITNESS:
        witness_up = up;
        break;
      case scenario::FILE_SHARE_WITNESS:
        ++fsw_votes;
        fsw_up += up ? 1 : 0;
        break;
      case scenario::SHARED_STORAGE:
        storage_up = up;
        break;
      default:
        break;
    }
  }
  // Windows Server Failover Clustering (model_back_end.cpp cluster_quorum): a strict majority
  // of node and witness votes, or dynamic quorum down to the last node without a witness.
  const bool quorum = fsw_votes == 0 && cluster_dynamic_quorum
                          ? nodes_up >= 1
                          : 2 * (nodes_up + fsw_up) > nodes + fsw_votes;
  switch (be.ha_mode()) {
    case scenario::MIRRORING_WITH_WITNESS:
      // The principal serves while it sees a partner or the witness; a failover needs both.
      return !(nodes_up >= 1 && nodes_up + (witness_up ? 1 : 0) >= 2);
    case scenario::ALWAYSON_AVAILABILITY_GROUP:
      return !(quorum && nodes_up >= 1);
    case scenario::ALWAYSON_FAILOVER_CLUSTER_INSTANCE:
    case scenario::SQL_FAILOVER_CLUSTERING:
      return !(storage_up && quorum && nodes_up >= 1);
    default:
      return !primary_up;
  }
}

const scenario::Stochastic::FailureModel* back_end_failure_model(const scenario::Stochastic& st,
                                                                 scenario::SqlRole role,
                                                                 std::string* cls) {
  const bool is_witness = role == scenario::WITNESS || role == scenario::FILE_SHARE_WITNESS;
  const bool is_storage = role == scenario::SHARED_STORAGE;
  *cls = is_witness   ? "stochastic.witness"
         : is_storage ? "stochastic.shared_storage"
                      : "stochastic.back_end_server";
  if (is_witness) return st.has_witness() ? &st.witness() : nullptr;
  if (is_storage) return st.has_shared_storage() ? &st.shared_storage() : nullptr;
  return st.has_back_end_server() ? &st.back_end_server() : nullptr;
}

void check_back_end_size(const scenario::Pool& pool, const std::string& flag) {
  if (pool.back_end().servers_size() > kMaxBackEndServers)
    throw InputError(flag, pool.fqdn() + "'s Back End has more than " +
                               std::to_string(kMaxBackEndServers) +
                               " servers, more than this estimator's state table holds");
}

std::vector<uint8_t> back_end_down_table(const scenario::Pool& pool, bool cluster_dynamic_quorum,
                                         const std::string& flag) {
  const auto& be = pool.back_end();
  const uint32_t masks = uint32_t{1} << be.servers_size();
  std::vector<uint8_t> down(masks);
  for (uint32_t mask = 0; mask < masks; ++mask)
    down[mask] = back_end_down_after_failover(be, mask, cluster_dynamic_quorum) ? 1 : 0;
  if (down[masks - 1] != 0)
    throw InputError(flag, pool.fqdn() +
                               "'s Back End is unavailable with every server up (its HA mode "
                               "needs a PRIMARY and, for clustering, shared storage)");
  return down;
}

std::string back_end_subject(const scenario::Scenario& s, const scenario::BackEnd& be,
                             const std::vector<bool>& has_model) {
  DRSIM_CHECK(has_model.size() == static_cast<size_t>(be.servers_size()),
              "one flag per Back End server");
  bool has_fsw = false;
  std::string servers;
  for (int i = 0; i < be.servers_size(); ++i) {
    const auto& srv = be.servers(i);
    has_fsw = has_fsw || srv.role() == scenario::FILE_SHARE_WITNESS;
    if (!servers.empty()) servers += ", ";
    servers += srv.fqdn() + " (" + role_name(srv.role()) +
               (has_model[static_cast<size_t>(i)] ? "" : ", never fails") + ")";
  }
  const bool dynamic = s.parameters().cluster_dynamic_quorum();
  const bool auto_failover =
      be.ha_mode() != scenario::NONE && be.ha_mode() != scenario::MIRRORING_WITHOUT_WITNESS;
  std::string subject = std::string(scenario::HaMode_Name(be.ha_mode()))
                            .append(": ")
                            .append(servers)
                            .append("; ")
                            .append(ha_rule(be.ha_mode(), has_fsw, dynamic));
  if (auto_failover && s.parameters().backend_auto_failover_s() > 0)
    subject.append(". Counted once automatic failover is done: each failover's own ")
        .append(std::to_string(s.parameters().backend_auto_failover_s()))
        .append(
            " s (parameters.backend_auto_failover_s) follows every primary failure, is "
            "not rare, and is not in this estimate (plain `drsim sweep` measures it)");
  return subject;
}

std::vector<RareSystemCase> back_end_cases(const scenario::Scenario& s, const std::string& what) {
  const std::string flag = "--rare " + what;
  const std::string not_covered =
      ": the importance-sampling estimator covers independent, exponential failures and repairs "
      "of the Back End's SQL servers, witnesses and shared storage only (--rare-method "
      "splitting covers other distributions and maintenance)";
  refuse_back_end_out_of_scope(s, flag, not_covered);
  const auto& st = s.stochastic();
  std::vector<RareSystemCase> out;
  for (const auto& pool : s.pools()) {
    if (!pool.has_back_end()) continue;  // Standard Edition: local SQL Express, not modelled
    const auto& be = pool.back_end();
    check_back_end_size(pool, flag);
    RareSystemCase c;
    c.label = pool.fqdn();
    c.system.name = "backend." + pool.fqdn();
    RarePart part;
    part.name = pool.fqdn();
    part.count = be.servers_size();
    std::vector<bool> has_model;
    for (const auto& srv : be.servers()) {
      std::string cls;
      const auto* fm = back_end_failure_model(st, srv.role(), &cls);
      for (const auto& w : st.maintenance())
        if (w.server() == srv.fqdn())
          throw InputError(flag, "stochastic.maintenance drains " + srv.fqdn() +
                                     " on a schedule, which failure biasing cannot weight" +
                                     not_covered);
      double lambda = 0, mu = 1;
      if (fm != nullptr) {
        if (!exponential(*fm))
          throw InputError(flag, cls +
                                     " is not exponential in both time_to_failure and "
                                     "time_to_repair, so failure biasing has no rates to bias" +
                                     not_covered);
        lambda = 1 / fm->time_to_failure().exponential().mean_s();
        mu = 1 / fm->time_to_repair().exponential().mean_s();
      }
      has_model.push_back(fm != nullptr);
      c.system.components.push_back(srv.fqdn());
      c.system.failure_per_s.push_back(lambda);
      c.system.repair_per_s.push_back(mu);
    }
    part.down_when = back_end_down_table(pool, s.parameters().cluster_dynamic_quorum(), flag);
    if (std::none_of(c.system.failure_per_s.begin(), c.system.failure_per_s.end(),
                     [](double l) { return l > 0; }))
      continue;
    c.subject = back_end_subject(s, be, has_model);
    c.system.parts.push_back(std::move(part));
    out.push_back(std::move(c));
  }
  if (out.empty())
    throw InputError(flag,
                     "no pool has a Back End whose servers can fail: Standard Edition pools "
                     "(no back_end) use a local SQL Express that is not modelled as failing");
  return out;
}

std::vector<std::pair<int, int>> pool_pairs(const scenario::Scenario& s) {
  std::vector<std::pair<int, int>> out;
  for (int i = 0; i < s.pools_size(); ++i) {
    const auto& pool = s.pools(i);
    if (!pool.has_backup_pool()) continue;
    int j = 0;
    while (j < s.pools_size() && s.pools(j).fqdn() != pool.backup_pool()) ++j;
    if (j >= s.pools_size() || j == i) continue;
    // Each pair once: from its first pool, or from the second when the first names no
    // partner back.
    const bool reciprocal = s.pools(j).backup_pool() == pool.fqdn();
    if (reciprocal && j < i) continue;
    out.emplace_back(i, j);
  }
  return out;
}

std::vector<RareSystemCase> pair_cases(const scenario::Scenario& s, const std::string& what) {
  const std::string flag = "--rare " + what;
  bool has_pair = false;
  for (const auto& pool : s.pools()) has_pair = has_pair || pool.has_backup_pool();
  if (!has_pair)
    throw InputError(flag,
                     "no pool names a backup_pool: the scenario has no pair of pools to lose "
                     "together");
  // Each half is a pool the quorum estimator covers; its refusals name the rule.
  const std::vector<RarePoolModel> pools = rare_pool_models(s, what);
  auto model_of = [&](const std::string& fqdn) -> const RarePoolModel* {
    for (const RarePoolModel& m : pools)
      if (m.pool == fqdn) return &m;
    return nullptr;
  };
  std::vector<RareSystemCase> out;
  for (const auto& [i, j] : pool_pairs(s)) {
    const auto& pool = s.pools(i);
    const RarePoolModel* a = model_of(pool.fqdn());
    const RarePoolModel* b = model_of(pool.backup_pool());
    if (a == nullptr || b == nullptr)
      throw InputError(flag, pool.fqdn() + " and " + pool.backup_pool() +
                                 ": an even pool of 4 or more Front Ends with Back End server "
                                 "failures has a quorum that also depends on its primary "
                                 "database, which this estimator does not model");
    RareSystemCase c;
    c.label = a->pool + " + " + b->pool;
    c.system.name = "pair." + a->pool + "+" + b->pool;
    int first = 0;
    for (const RarePoolModel* m : {a, b}) {
      RarePart part;
      part.name = m->pool;
      part.first = first;
      part.count = m->servers;
      part.seeds = m->seeds;
      part.required = m->required;
      part.first_start = m->first_start;
      for (int k = 0; k < m->servers; ++k) {
        const auto& fe = s.pools(m == a ? i : j).front_ends(k);
        c.system.components.push_back(fe.fqdn());
        c.system.failure_per_s.push_back(m->failure_per_s);
        c.system.repair_per_s.push_back(m->repair_per_s);
      }
      first += m->servers;
      if (!c.subject.empty()) c.subject += "; ";
      c.subject += m->pool + ": " + std::to_string(m->servers) + " Front Ends, " +
                   std::to_string(m->required) + " of the " + std::to_string(m->seeds) +
                   " seed servers must run";
      if (m->first_start > 0)
        c.subject += ", " + std::to_string(m->first_start) + " to start again";
      c.system.parts.push_back(std::move(part));
    }
    DRSIM_CHECK(c.system.components.size() <= 62, "a pair of pools has at most 62 Front Ends");
    c.subject +=
        "; both stopped (Windows Fabric quorum lost) at once, the pools failing "
        "independently";
    out.push_back(std::move(c));
  }
  if (out.empty())
    throw InputError(flag, "no pool's backup_pool names another pool of the scenario");
  return out;
}

}  // namespace drsim
