// Back End and pair systems for the splitting runner; see rare_split_systems.h.
#include "experiments/rare_split_systems.h"

#include <algorithm>

#include "experiments/rare_split.h"
#include "experiments/rare_systems.h"
#include "io/errors.h"
#include "sim/check.h"
#include "sim/limits.h"
#include "sim/model/product.h"

namespace drsim {

namespace {
void add_law(SplitSystemCase* c, const std::string& cls,
             const scenario::Stochastic::FailureModel& fm) {
  for (const auto& [name, law] : c->laws)
    if (name == cls) return;
  c->laws.emplace_back(cls, fm);
}

// Prepares the case's system and refuses one whose event no failure can reach.
void prepare(SplitSystemCase* c, const std::string& flag) {
  prepare_split_system(&c->system);
  const int levels = split_start_distance(c->system);
  if (levels >= kSplitUnreachable)
    throw InputError(flag, c->label +
                               ": no sequence of failures of the servers with a failure model "
                               "(or a maintenance window) reaches the event");
  DRSIM_CHECK(levels >= 1, "the builders refuse a system down with every component running");
}
}  // namespace

std::vector<SplitSystemCase> split_back_end_cases(const scenario::Scenario& s,
                                                  const std::string& what) {
  const std::string flag = "--rare " + what;
  const std::string not_covered =
      ": multilevel splitting covers independent failures and repairs of any distribution of "
      "the Back End's SQL servers, witnesses and shared storage, and maintenance windows on "
      "them, only";
  refuse_back_end_out_of_scope(s, flag, not_covered);
  const auto& st = s.stochastic();
  std::vector<SplitSystemCase> out;
  for (const auto& pool : s.pools()) {
    if (!pool.has_back_end()) continue;  // Standard Edition: local SQL Express, not modelled
    const auto& be = pool.back_end();
    check_back_end_size(pool, flag);
    SplitSystemCase c;
    c.label = pool.fqdn();
    c.system.name = "backend." + pool.fqdn();
    c.system.horizon = Duration::seconds(kSecondsPerYear);  // the schema's year
    std::vector<bool> has_model;
    int windows = 0;
    for (int i = 0; i < be.servers_size(); ++i) {
      const auto& srv = be.servers(i);
      std::string cls;
      const auto* fm = back_end_failure_model(st, srv.role(), &cls);
      SplitComponent comp;
      comp.name = srv.fqdn();
      comp.can_fail = fm != nullptr;
      if (fm != nullptr) {
        comp.time_to_failure = fm->time_to_failure();
        comp.time_to_repair = fm->time_to_repair();
        add_law(&c, cls, *fm);
      }
      has_model.push_back(fm != nullptr);
      c.system.components.push_back(std::move(comp));
      // sim/model/model_random.cpp on_maintenance: the server is down for the window.
      for (const auto& w : st.maintenance())
        if (w.server() == srv.fqdn()) {
          c.system.windows.push_back({i, Duration::seconds(w.start_s()),
                                      Duration::seconds(w.duration_s()),
                                      Duration::seconds(w.has_period_s() ? w.period_s() : 0)});
          ++windows;
        }
    }
    RarePart part;
    part.name = pool.fqdn();
    part.count = be.servers_size();
    part.down_when = back_end_down_table(pool, s.parameters().cluster_dynamic_quorum(), flag);
    if (std::none_of(has_model.begin(), has_model.end(), [](bool b) { return b; })) continue;
    c.subject = back_end_subject(s, be, has_model);
    if (windows > 0)
      c.subject.append("; ")
          .append(std::to_string(windows))
          .append(" maintenance window(s) on its servers, during which a server does not run");
    c.system.parts.push_back(std::move(part));
    prepare(&c, flag);
    out.push_back(std::move(c));
  }
  if (out.empty())
    throw InputError(flag,
                     "no pool has a Back End whose servers can fail: Standard Edition pools "
                     "(no back_end) use a local SQL Express that is not modelled as failing");
  return out;
}

std::vector<SplitSystemCase> split_pair_cases(const scenario::Scenario& s,
                                              const std::string& what) {
  const std::string flag = "--rare " + what;
  bool has_pair = false;
  for (const auto& pool : s.pools()) has_pair = has_pair || pool.has_backup_pool();
  if (!has_pair)
    throw InputError(flag,
                     "no pool names a backup_pool: the scenario has no pair of pools to lose "
                     "together");
  // Each half is a pool the pool splitting covers; its refusals name the rule.
  const std::vector<SplitPoolModel> pools = split_pool_models(s, what);
  auto model_of = [&](const std::string& fqdn) -> const SplitPoolModel* {
    for (const SplitPoolModel& m : pools)
      if (m.pool == fqdn) return &m;
    return nullptr;
  };
  // The pool's hysteresis, as rare_pool_models has it; a pool that never restarts by itself
  // stays stopped for the rest of the year (more servers than it has to start again).
  const bool at_functional =
      s.parameters().restart_below_first_start() == scenario::GROUPS_IN_QUORUM_LOSS;
  const bool restarts = s.parameters().stopped_pool_restarts_automatically();
  std::vector<SplitSystemCase> out;
  for (const auto& [i, j] : pool_pairs(s)) {
    const auto& pool = s.pools(i);
    const SplitPoolModel* a = model_of(pool.fqdn());
    const SplitPoolModel* b = model_of(pool.backup_pool());
    if (a == nullptr || b == nullptr)
      throw InputError(flag, pool.fqdn() + " and " + pool.backup_pool() +
                                 ": an even pool of 4 or more Front Ends with Back End server "
                                 "failures has a quorum that also depends on its primary "
                                 "database, which this estimator does not model");
    SplitSystemCase c;
    c.label = a->pool + " + " + b->pool;
    c.system.name = "pair." + a->pool + "+" + b->pool;
    c.system.horizon = a->horizon;
    add_law(&c, "stochastic.front_end", s.stochastic().front_end());
    int first = 0;
    for (const SplitPoolModel* m : {a, b}) {
      RarePart part;
      part.name = m->pool;
      part.first = first;
      part.count = m->servers;
      part.seeds = m->seeds;
      part.required = m->required;
      part.first_start = !restarts       ? m->servers + 1
                         : at_functional ? 0
                                         : product::first_start_quorum(m->servers);
      const auto& spec = s.pools(m == a ? i : j);
      for (int k = 0; k < m->servers; ++k)
        c.system.components.push_back(
            {spec.front_ends(k).fqdn(), true, m->time_to_failure, m->time_to_repair});
      for (const SplitPoolModel::Window& w : m->windows)
        c.system.windows.push_back({first + w.server, w.start, w.duration, w.period});
      first += m->servers;
      if (!c.subject.empty()) c.subject += "; ";
      c.subject += m->pool + ": " + std::to_string(m->servers) + " Front Ends, " +
                   std::to_string(m->required) + " of the " + std::to_string(m->seeds) +
                   " seed servers must run";
      if (!restarts)
        c.subject += ", never starts again by itself";
      else if (part.first_start > 0)
        c.subject += ", " + std::to_string(part.first_start) + " to start again";
      if (!m->windows.empty())
        c.subject += ", " + std::to_string(m->windows.size()) + " maintenance window(s)";
      c.system.parts.push_back(std::move(part));
    }
    DRSIM_CHECK(c.system.components.size() <= 62, "a pair of pools has at most 62 Front Ends");
    c.subject +=
        "; both stopped (Windows Fabric quorum lost) at once, the pools failing "
        "independently; their Back Ends are not in this event";
    prepare(&c, flag);
    out.push_back(std::move(c));
  }
  if (out.empty())
    throw InputError(flag, "no pool's backup_pool names another pool of the scenario");
  return out;
}

}  // namespace drsim
