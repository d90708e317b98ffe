// Fixed-effort multilevel splitting of a pool's first quorum loss; see rare_split.h.
#include "experiments/rare_split.h"

#include <algorithm>

#include "io/errors.h"
#include "sim/check.h"
#include "sim/limits.h"
#include "sim/model/product.h"

namespace drsim {

std::vector<SplitPoolModel> split_pool_models(const scenario::Scenario& s,
                                              const std::string& what) {
  const std::string flag = "--rare " + what;
  const std::string not_covered =
      ": multilevel splitting covers independent Front End failures and repairs of any "
      "distribution and maintenance windows only";
  if (!s.has_stochastic() || !s.stochastic().has_front_end())
    throw InputError(flag, "the scenario has no stochastic.front_end failure model" + not_covered);
  const auto& st = s.stochastic();
  if (st.has_site()) throw InputError(flag, "stochastic.site fails servers together" + not_covered);
  if (st.common_cause_size() > 0)
    throw InputError(flag, "stochastic.common_cause fails servers together" + not_covered);
  if (s.faults_size() > 0 || s.runbook_size() > 0 || s.admin().standard_response())
    throw InputError(flag,
                     "scripted faults, runbooks and the admin's standard response act on the pool" +
                         not_covered);
  std::vector<SplitPoolModel> out;
  for (const auto& pool : s.pools()) {
    const int n = pool.front_ends_size();
    if (n < 1 || (n % 2 == 0 && n >= 4 && st.has_back_end_server())) continue;
    const product::FunctionalQuorum q = product::functional_quorum(n);
    SplitPoolModel m;
    m.pool = pool.fqdn();
    m.servers = n;
    m.seeds = q.seed_count;
    m.required = q.required;
    m.time_to_failure = st.front_end().time_to_failure();
    m.time_to_repair = st.front_end().time_to_repair();
    m.horizon = Duration::seconds(kSecondsPerYear);  // the schema's year
    for (const auto& w : st.maintenance())
      for (int i = 0; i < n; ++i)
        if (pool.front_ends(i).fqdn() == w.server())
          m.windows.push_back({i, Duration::seconds(w.start_s()), Duration::seconds(w.duration_s()),
                               Duration::seconds(w.has_period_s() ? w.period_s() : 0)});
    out.push_back(m);
  }
  if (out.empty())
    throw InputError(flag,
                     "no pool qualifies: an even pool of 4 or more Front Ends with Back End server "
                     "failures has a quorum that also depends on its primary database");
  return out;
}

SplitSystem split_pool_system(const SplitPoolModel& m) {
  DRSIM_CHECK(m.servers >= 1 && m.seeds <= m.servers && m.loss_level() >= 1,
              "a pool has servers and a quorum to lose");
  SplitSystem sys;
  sys.name = m.pool;
  for (int i = 0; i < m.servers; ++i)
    sys.components.push_back({"", true, m.time_to_failure, m.time_to_repair});
  for (const SplitPoolModel::Window& w : m.windows)
    sys.windows.push_back({w.server, w.start, w.duration, w.period});
  RarePart part;
  part.name = m.pool;
  part.count = m.servers;
  part.seeds = m.seeds;
  part.required = m.required;
  sys.parts.push_back(part);
  sys.horizon = m.horizon;
  prepare_split_system(&sys);
  return sys;
}

SplitResult run_split(const SplitPoolModel& m, const SplitOptions& o) {
  return run_split_system(split_pool_system(m), o);
}

uint64_t run_split_plain(const SplitPoolModel& m, uint64_t seed, uint64_t trajectories,
                         int threads) {
  return run_split_system_plain(split_pool_system(m), seed, trajectories, threads);
}

}  // namespace drsim
