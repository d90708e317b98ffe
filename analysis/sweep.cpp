// Monte Carlo sweeps; see sweep.h.
#include "analysis/sweep.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

#include "analysis/run_report.h"
#include "sim/check.h"
#include "sim/limits.h"

namespace drsim {

namespace {
bool protected_category(int c, bool rgs_replicated) {
  return policy_rpo_category(category_name(static_cast<Category>(c)), rgs_replicated);
}
}  // namespace

namespace {
// The RPO the policy judges of some data (an incident's, or one pool's in it: both hold the
// same per-category arrays): the worst over the judged categories with a backup, with
// stranded windows when policy.assume_sites_never_return; nothing when none was lost.
template <typename Data>
std::optional<double> judged_rpo_s(const scenario::Scenario& s, const Data& data) {
  const bool rgs = s.backup_service().enable_rgs_backup();
  const bool stranded_as_lost = s.policy().assume_sites_never_return();
  std::optional<double> worst;
  for (int c = 0; c < kCategoryCount; ++c) {
    const size_t k = static_cast<size_t>(c);
    if (!protected_category(c, rgs) || data.since_deployment[k]) continue;
    if (data.lost[k]) worst = std::max(worst.value_or(0), data.rpo[k].seconds_f());
    if (stranded_as_lost && data.stranded[k])
      worst = std::max(worst.value_or(0), data.stranded_window[k].seconds_f());
  }
  return worst;
}
}  // namespace

std::optional<double> policy_rpo_s(const scenario::Scenario& s, const IncidentMetrics& inc) {
  return judged_rpo_s(s, inc);
}

std::optional<double> pool_policy_rpo_s(const scenario::Scenario& s, const IncidentMetrics& inc,
                                        int pool) {
  for (const PoolDataOutcome& d : inc.pool_data)
    if (d.pool == pool) return judged_rpo_s(s, d);
  return std::nullopt;
}

namespace {
// The time until every user of the incident's pools could place and receive PSTN calls again
// (the later direction); nothing when some had not got it back by the horizon.
std::optional<double> incident_pstn_rto_s(const IncidentMetrics& inc) {
  Instant back = inc.start;
  for (const PstnOutcome& o : inc.pstn) {
    if (o.outbound_lost) back = std::max(back, o.outbound_restored);
    if (o.inbound_lost) back = std::max(back, o.inbound_restored);
  }
  for (const BranchOutcome& o : inc.branches) {
    if (o.outbound_lost) back = std::max(back, o.outbound_restored);
    if (o.inbound_lost) back = std::max(back, o.inbound_restored);
  }
  if (back == Instant::never()) return std::nullopt;
  return (back - inc.start).seconds_f();
}

// Some users could not place or receive PSTN calls (as lost_pstn reads it from the log).
bool incident_lost_pstn(const IncidentMetrics& inc) {
  return std::any_of(inc.pstn.begin(), inc.pstn.end(),
                     [](const PstnOutcome& o) {
                       return o.outbound_users_lost > 0 || o.inbound_users_lost > 0;
                     }) ||
         std::any_of(inc.branches.begin(), inc.branches.end(),
                     [](const BranchOutcome& o) { return o.outbound_lost || o.inbound_lost; });
}
}  // namespace

std::array<bool, kModalityCount> deployed_modalities(const scenario::Scenario& s) {
  std::array<bool, kModalityCount> d{};
  // Meeting content: some pool with users keeps it on a file store (model_content.cpp).
  for (const auto& store : s.file_stores())
    for (const auto& fqdn : store.pools())
      for (const auto& p : s.pools())
        if (p.fqdn() == fqdn && p.users() > 0)
          d[static_cast<size_t>(Modality::kConferencingContent)] = true;
  if (s.edge_pools_size() == 0) return d;
  int64_t remote_users = 0;
  for (const auto& p : s.pools())
    remote_users +=
        std::llround(static_cast<double>(p.users()) * s.parameters().remote_user_share());
  d[static_cast<size_t>(Modality::kRemoteSignIn)] = remote_users > 0;
  d[static_cast<size_t>(Modality::kRemoteMedia)] = remote_users > 0;
  d[static_cast<size_t>(Modality::kFederationOut)] = !s.federation_route().empty();
  d[static_cast<size_t>(Modality::kFederationIn)] = !s.federation_route().empty();
  d[static_cast<size_t>(Modality::kXmpp)] = !s.xmpp_route().empty();
  return d;
}

namespace {
// The policy's rule for one judged party (an incident, or one pool's users in it): the RTO
// against the target of the incident's kind when the party lost service, the party's judged
// RPO (`rpo`, none when it lost no judged data) when it lost service or judged data. Adds to
// the proportions given; nothing outside the warm-up or without a target for the incident's
// kind.
void judge(const scenario::Scenario& s, const IncidentMetrics& inc, bool lost_service, Duration rto,
           const std::optional<double>& rpo, Proportion* rto_met, Proportion* rpo_met) {
  if (inc.in_warm_up) return;
  const int d = disruption_index(inc.disruption);
  const auto* t = d < 0 ? nullptr : policy_target(s.policy(), d);
  if (t == nullptr) return;
  if (t->has_rto_s() && lost_service) rto_met->add(rto <= Duration::seconds(t->rto_s()));
  if (t->has_rpo_s() && (lost_service || rpo))
    rpo_met->add(rpo.value_or(0) <= static_cast<double>(t->rpo_s()));
}

// Judged data stranded (not lost), which the RPO judged leaves out: the incident's, or one
// pool's in it.
template <typename Data>
bool stranded_judged_data(const scenario::Scenario& s, const Data& data) {
  if (s.policy().assume_sites_never_return()) return false;
  const bool rgs = s.backup_service().enable_rgs_backup();
  for (int c = 0; c < kCategoryCount; ++c) {
    const size_t k = static_cast<size_t>(c);
    if (protected_category(c, rgs) && !data.since_deployment[k] && data.stranded[k]) return true;
  }
  return false;
}
}  // namespace

void judge_incident(const scenario::Scenario& s, const IncidentMetrics& inc,
                    std::array<Proportion, kDisruptionCount>* rto_met,
                    std::array<Proportion, kDisruptionCount>* rpo_met) {
  const int d = disruption_index(inc.disruption);
  if (d < 0) return;
  judge(s, inc, inc.had_impact, inc.total, policy_rpo_s(s, inc),
        &(*rto_met)[static_cast<size_t>(d)], &(*rpo_met)[static_cast<size_t>(d)]);
}

void judge_pool_incident(const scenario::Scenario& s, const IncidentMetrics& inc,
                         std::vector<Proportion>* rto_met, std::vector<Proportion>* rpo_met,
                         std::vector<uint64_t>* stranded) {
  if (inc.in_warm_up) return;
  DRSIM_CHECK(rto_met->size() == static_cast<size_t>(s.pools_size()) &&
                  rpo_met->size() == rto_met->size() && stranded->size() == rto_met->size(),
              "judge_pool_incident: one proportion per pool of the scenario");
  for (int p = 0; p < s.pools_size(); ++p) {
    const PoolOutcome* service = nullptr;
    for (const PoolOutcome& o : inc.pools)
      if (o.pool == p && o.users_affected > 0) service = &o;
    const PoolDataOutcome* data = nullptr;
    for (const PoolDataOutcome& o : inc.pool_data)
      if (o.pool == p) data = &o;
    if (service == nullptr && data == nullptr) continue;
    // Still without service at the horizon: the incident's total runs to the horizon too.
    const Duration rto = service == nullptr                      ? Duration::zero()
                         : service->restored != Instant::never() ? service->restored - inc.start
                                                                 : inc.total;
    const std::optional<double> rpo = data != nullptr ? judged_rpo_s(s, *data) : std::nullopt;
    const size_t k = static_cast<size_t>(p);
    judge(s, inc, service != nullptr, rto, rpo, &(*rto_met)[k], &(*rpo_met)[k]);
    if (service != nullptr || rpo)
      (*stranded)[k] += data != nullptr && stranded_judged_data(s, *data) ? 1 : 0;
  }
}

namespace {

// Persistent Chat in one incident (sweep.h): whether users lost chat other than for a
// failback, the time to restore chat (none when some pool's users were not back by the end),
// and whether a pool failed over to its log-shipping secondary, with the messages that lost.
struct PchatIncident {
  bool lost = false;
  std::optional<double> restore_s;
  bool failed_over = false;
  double messages_lost = 0;
};
PchatIncident pchat_incident(const IncidentMetrics& inc) {
  PchatIncident out;
  bool restored = true;
  double latest = 0;
  for (const PersistentChatOutcome& o : inc.pchat) {
    if (o.failed_over) {
      out.failed_over = true;
      out.messages_lost += o.messages_lost;
    }
    if (!o.had_loss) continue;
    out.lost = true;
    if (o.first_restored == Instant::never())
      restored = false;
    else
      latest = std::max(latest, (o.first_restored - inc.start).seconds_f());
  }
  if (out.lost && restored) out.restore_s = latest;
  return out;
}

int64_t pchat_users(const scenario::Scenario& s) {
  int64_t users = 0;
  for (const auto& p : s.persistent_chat_pools()) users += p.users();
  return users;
}

}  // namespace

SweepAccumulator::SweepAccumulator(const scenario::Scenario& s, bool keep)
    : pstn_modelled(s.pstn_gateways_size() > 0 || s.branches_size() > 0),
      access_modelled(s.edge_pools_size() > 0 || s.file_stores_size() > 0),
      access_deployed(deployed_modalities(s)),
      pchat_modelled(s.persistent_chat_pools_size() > 0),
      branches_modelled(s.branches_size() > 0),
      keep_rows(keep),
      scenario_(&s) {
  pool_availability.assign(static_cast<size_t>(s.pools_size()), Stat(1e12));
  pool_running.assign(static_cast<size_t>(s.pools_size()), Stat(1e12));
  backend_available.assign(static_cast<size_t>(s.pools_size()), Stat(1e12));
  pool_rto_met.assign(static_cast<size_t>(s.pools_size()), {});
  pool_rpo_met.assign(static_cast<size_t>(s.pools_size()), {});
  pool_rpo_stranded_incidents.assign(static_cast<size_t>(s.pools_size()), 0);
  for (int d = 0; d < kDisruptionCount; ++d) {
    const auto* t = policy_target(s.policy(), d);
    has_rto_target[static_cast<size_t>(d)] = t != nullptr && t->has_rto_s();
    has_rpo_target[static_cast<size_t>(d)] = t != nullptr && t->has_rpo_s();
  }
}

void SweepAccumulator::add(const RunMetrics& m, uint64_t rep, uint64_t event_count) {
  ++replications;
  const double years = m.measured.seconds_f() / static_cast<double>(kSecondsPerYear);
  measured_years = years;
  uint64_t counted = 0, with_impact = 0;
  double longest_rto = 0, worst_user_rpo = 0, worst_policy_rpo = 0, pstn_minutes = 0;
  double remote_user_s = 0, pstn_outbound_user_s = 0, pstn_inbound_user_s = 0;
  double branch_user_s = 0;
  for (const IncidentMetrics& inc : m.incidents) {
    if (inc.in_warm_up) continue;
    ++counted;
    if (pstn_modelled) {
      const bool lost = incident_lost_pstn(inc);
      pstn_impact.add(lost);
      if (lost) {
        const std::optional<double> rto = incident_pstn_rto_s(inc);
        if (rto)
          pstn_rto_s.add(*rto, rep);
        else
          ++pstn_unrestored_incidents;
        if (scenario_->policy().has_pstn_rto_s())
          pstn_target_met.add(rto && *rto <= static_cast<double>(scenario_->policy().pstn_rto_s()));
      }
      for (const PstnOutcome& o : inc.pstn) {
        pstn_minutes += o.minutes_lost;
        pstn_outbound_user_s += o.outbound_user_s;
        pstn_inbound_user_s += o.inbound_user_s;
      }
      for (const BranchOutcome& o : inc.branches) {
        pstn_minutes += o.minutes_lost;
        pstn_outbound_user_s += o.pstn_outbound_user_s;
        pstn_inbound_user_s += o.pstn_inbound_user_s;
      }
    }
    for (const BranchOutcome& o : inc.branches)
      for (double user_s : o.user_seconds) branch_user_s += user_s;
    for (size_t i = 0; i < kModalityCount; ++i) {
      if (!access_deployed[i]) continue;
      const bool lost = inc.has_access && inc.access.lost[i];
      access_impact[i].add(lost);
      if (!lost) continue;
      const bool restored = inc.access.restored[i] != Instant::never();
      if (!restored)
        ++access_unrestored_incidents[i];
      else
        access_rto_s[i].add((inc.access.restored[i] - inc.start).seconds_f(), rep);
      if (i == static_cast<size_t>(Modality::kRemoteSignIn) &&
          scenario_->policy().has_remote_sign_in_rto_s())
        remote_sign_in_target_met.add(
            restored && inc.access.restored[i] - inc.start <=
                            Duration::seconds(scenario_->policy().remote_sign_in_rto_s()));
    }
    if (inc.has_access) remote_user_s += inc.access.remote_user_s;
    if (pchat_modelled) {
      const PchatIncident chat = pchat_incident(inc);
      pchat_impact.add(chat.lost);
      if (chat.lost) {
        if (chat.restore_s)
          pchat_restore_s.add(*chat.restore_s, rep);
        else
          ++pchat_unrestored_incidents;
      }
      if (chat.failed_over) pchat_messages_lost.add(chat.messages_lost, rep);
    }
    for (int c = 0; c < kCategoryCount; ++c) {
      const size_t k = static_cast<size_t>(c);
      if (inc.since_deployment[k]) {
        // No backup at all: everything since deployment, which no run can measure.
        no_backup_incidents[k] += inc.lost[k] || inc.stranded[k] ? 1 : 0;
        continue;
      }
      if (inc.stranded[k]) stranded_s[k].add(inc.unreachable[k].seconds_f(), rep);
      if (!inc.lost[k]) continue;
      const double v = inc.rpo[k].seconds_f();
      rpo_s[k].add(v, rep);
      if (c == 0) worst_user_rpo = std::max(worst_user_rpo, v);
    }
    const std::optional<double> judged_rpo = policy_rpo_s(*scenario_, inc);
    worst_policy_rpo = std::max(worst_policy_rpo, judged_rpo.value_or(0));
    if (inc.had_impact) {
      ++with_impact;
      const Duration stages[kRtoStageCount] = {inc.detect, inc.decide, inc.execute,
                                               inc.clients_back, inc.total};
      for (int k = 0; k < kRtoStageCount; ++k)
        rto_s[static_cast<size_t>(k)].add(stages[k].seconds_f(), rep);
      if (const int d = disruption_index(inc.disruption); d >= 0)
        rto_total_by_disruption[static_cast<size_t>(d)].add(inc.total.seconds_f(), rep);
      longest_rto = std::max(longest_rto, inc.total.seconds_f());
    }
    judge_incident(*scenario_, inc, &rto_met, &rpo_met);
    judge_pool_incident(*scenario_, inc, &pool_rto_met, &pool_rpo_met,
                        &pool_rpo_stranded_incidents);
  }
  user_availability.add(m.user_availability, rep);
  double downtime = 0, users = 0;
  for (size_t p = 0; p < m.pools.size(); ++p) {
    pool_availability[p].add(m.pools[p].availability, rep);
    pool_running[p].add(m.pools[p].running_fraction, rep);
    backend_available[p].add(m.pools[p].backend_available_fraction, rep);
    downtime += m.pools[p].downtime_s * static_cast<double>(m.pools[p].users);
    users += static_cast<double>(m.pools[p].users);
  }
  // The model counts chat user-seconds after the warm-up only, so an incident that began in
  // it adds what followed the warm-up, as pool downtime does.
  double chat_user_s = 0;
  if (pchat_modelled)
    for (const IncidentMetrics& inc : m.incidents)
      for (const PersistentChatOutcome& o : inc.pchat) chat_user_s += o.user_s;
  if (years > 0) {
    downtime_s_per_year.add(users > 0 ? downtime / users / years : 0, rep);
    worst_downtime.add(users > 0 ? downtime / users / years : 0, rep);
    incidents_per_year.add(static_cast<double>(counted) / years, rep);
    user_hours_lost_per_year.add((downtime + branch_user_s) / 3600 / years, rep);
    if (pstn_modelled) {
      pstn_minutes_lost_per_year.add(pstn_minutes / years, rep);
      pstn_outbound_user_hours_per_year.add(pstn_outbound_user_s / 3600 / years, rep);
      pstn_inbound_user_hours_per_year.add(pstn_inbound_user_s / 3600 / years, rep);
    }
    if (access_deployed[static_cast<size_t>(Modality::kRemoteSignIn)])
      remote_user_hours_lost_per_year.add(remote_user_s / 3600 / years, rep);
    if (branches_modelled) branch_user_hours_lost_per_year.add(branch_user_s / 3600 / years, rep);
    if (pchat_modelled) {
      const double chat_users = static_cast<double>(pchat_users(*scenario_));
      pchat_user_hours_lost_per_year.add(chat_user_s / 3600 / years, rep);
      pchat_availability.add(
          chat_users > 0 ? 1 - chat_user_s / (chat_users * m.measured.seconds_f()) : 1, rep);
    }
  }
  events.add(static_cast<double>(event_count), rep);
  worst_rto.add(longest_rto, rep);
  worst_rpo.add(worst_user_rpo, rep);
  if (keep_rows) {
    const double per_user = users > 0 ? downtime / users : 0;
    const double per_year = years > 0 ? 1 / years : 0;
    rows.push_back(
        {rep, counted, with_impact, per_user, per_user * per_year, m.user_availability, longest_rto,
         worst_policy_rpo, worst_user_rpo, event_count, static_cast<double>(counted) * per_year,
         (downtime + branch_user_s) / 3600 * per_year, pstn_modelled ? pstn_minutes * per_year : 0,
         remote_user_s / 3600 * per_year, chat_user_s / 3600 * per_year});
  }
}

void SweepAccumulator::merge(const SweepAccumulator& o) {
  replications += o.replications;
  if (o.replications > 0) measured_years = o.measured_years;
  for (size_t i = 0; i < rpo_s.size(); ++i) {
    rpo_s[i].merge(o.rpo_s[i]);
    stranded_s[i].merge(o.stranded_s[i]);
    no_backup_incidents[i] += o.no_backup_incidents[i];
  }
  for (size_t i = 0; i < rto_s.size(); ++i) rto_s[i].merge(o.rto_s[i]);
  for (size_t i = 0; i < rto_total_by_disruption.size(); ++i)
    rto_total_by_disruption[i].merge(o.rto_total_by_disruption[i]);
  user_availability.merge(o.user_availability);
  for (size_t p = 0; p < pool_availability.size(); ++p) {
    pool_availability[p].merge(o.pool_availability[p]);
    pool_running[p].merge(o.pool_running[p]);
    backend_available[p].merge(o.backend_available[p]);
  }
  downtime_s_per_year.merge(o.downtime_s_per_year);
  incidents_per_year.merge(o.incidents_per_year);
  events.merge(o.events);
  for (auto [mine, theirs] :
       {std::pair{&worst_downtime, &o.worst_downtime}, std::pair{&worst_rto, &o.worst_rto},
        std::pair{&worst_rpo, &o.worst_rpo}})
    mine->merge(*theirs);
  for (int d = 0; d < kDisruptionCount; ++d) {
    rto_met[static_cast<size_t>(d)].merge(o.rto_met[static_cast<size_t>(d)]);
    rpo_met[static_cast<size_t>(d)].merge(o.rpo_met[static_cast<size_t>(d)]);
  }
  pstn_impact.merge(o.pstn_impact);
  pstn_rto_s.merge(o.pstn_rto_s);
  pstn_unrestored_incidents += o.pstn_unrestored_incidents;
  pstn_target_met.merge(o.pstn_target_met);
  remote_sign_in_target_met.merge(o.remote_sign_in_target_met);
  pstn_minutes_lost_per_year.merge(o.pstn_minutes_lost_per_year);
  for (size_t i = 0; i < kModalityCount; ++i) {
    access_impact[i].merge(o.access_impact[i]);
    access_rto_s[i].merge(o.access_rto_s[i]);
    access_unrestored_incidents[i] += o.access_unrestored_incidents[i];
  }
  remote_user_hours_lost_per_year.merge(o.remote_user_hours_lost_per_year);
  pchat_impact.merge(o.pchat_impact);
  pchat_restore_s.merge(o.pchat_restore_s);
  pchat_unrestored_incidents += o.pchat_unrestored_incidents;
  for (auto [mine, theirs] :
       {std::pair{&pchat_messages_lost, &o.pchat_messages_lost},
        std::pair{&pchat_user_hours_lost_per_year, &o.pchat_user_hours_lost_per_year},
        std::pair{&pchat_availability, &o.pchat_availability}})
    mine->merge(*theirs);
  for (size_t p = 0; p < pool_rto_met.size(); ++p) {
    pool_rto_met[p].merge(o.pool_rto_met[p]);
    pool_rpo_met[p].merge(o.pool_rpo_met[p]);
    pool_rpo_stranded_incidents[p] += o.pool_rpo_stranded_incidents[p];
  }
  user_hours_lost_per_year.merge(o.user_hours_lost_per_year);
  pstn_outbound_user_hours_per_year.merge(o.pstn_outbound_user_hours_per_year);
  pstn_inbound_user_hours_per_year.merge(o.pstn_inbound_user_hours_per_year);
  branch_user_hours_lost_per_year.merge(o.branch_user_hours_lost_per_year);
  if (keep_rows) {
    // Replication order, whatever thread or rank ran which: the CSV is the same bytes.
    const size_t mid = rows.size();
    rows.insert(rows.end(), o.rows.begin(), o.rows.end());
    auto by_replication = [](const ReplicationRow& a, const ReplicationRow& b) {
      return a.replication < b.replication;
    };
    std::sort(rows.begin() + static_cast<long>(mid), rows.end(), by_replication);
    std::inplace_merge(rows.begin(), rows.begin() + static_cast<long>(mid), rows.end(),
                       by_replication);
  }
}

std::vector<std::string> metric_names() {
  std::vector<std::string> names = {"user_availability", "downtime_s_per_year",
                                    "incidents_per_year"};
  for (const char* s : kRtoStages) names.push_back(std::string("rto_") + s + "_s");
  for (int c = 0; c < kCategoryCount; ++c)
    names.push_back(std::string("rpo_") + category_name(static_cast<Category>(c)) + "_s");
  return names;
}

double metric_value(const SweepAccumulator& a, const std::string& name, double* ci) {
  const Stat* s = nullptr;
  if (name == "user_availability") s = &a.user_availability;
  if (name == "downtime_s_per_year") s = &a.downtime_s_per_year;
  if (name == "incidents_per_year") s = &a.incidents_per_year;
  for (int k = 0; k < kRtoStageCount; ++k)
    if (name == std::string("rto_") + kRtoStages[k] + "_s") s = &a.rto_s[static_cast<size_t>(k)];
  for (int c = 0; c < kCategoryCount; ++c)
    if (name == std::string("rpo_") + category_name(static_cast<Category>(c)) + "_s")
      s = &a.rpo_s[static_cast<size_t>(c)];
  DRSIM_CHECK(s != nullptr, "unknown metric: the CLI validates metric names");
  if (ci != nullptr) *ci = s->ci95_halfwidth();
  return s->mean();
}

std::string replay_command(const std::string& scenario_path, uint64_t seed, uint64_t replication,
                           const std::vector<std::string>& sets) {
  // Words a POSIX shell reads as they are stay bare; anything else is single-quoted.
  auto word = [](const std::string& w) {
    const bool plain = !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) ||
             std::string_view("_.=,/:+-").find(c) != std::string_view::npos;
    });
    if (plain) return w;
    std::string quoted = "'";
    for (char c : w) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
  };
  std::string cmd = "drsim run " + word(scenario_path) + " --seed " + std::to_string(seed) +
                    " --replication " + std::to_string(replication);
  for (const std::string& o : sets) cmd += " --set " + word(o);
  return cmd;
}

}  // namespace drsim
