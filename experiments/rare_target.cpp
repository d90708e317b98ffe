// The triggered full-engine runs of a policy target missed; see rare_target.h.
#include "experiments/rare_target.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "analysis/rare_estimate.h"
#include "analysis/run_report.h"
#include "analysis/sweep.h"
#include "experiments/sweep_run.h"
#include "io/errors.h"
#include "sim/check.h"
#include "sim/limits.h"
#include "sim/model/product.h"
#include "sim/random.h"

namespace drsim {

namespace {
// The policy's rule files a quorum loss from Front End failures as a server incident: the
// incident's kind is its first fault's component (sim/model/model_incidents.cpp).
constexpr const char* kTriggerDisruption = "server";

const scenario::Policy::Target* trigger_target(const scenario::Scenario& s) {
  return policy_target(s.policy(), disruption_index(kTriggerDisruption));
}
}  // namespace

int64_t trigger_follow_s(const scenario::Scenario& s) {
  int64_t longest = 0;
  for (int d = 0; d < kDisruptionCount; ++d)
    if (const auto* t = policy_target(s.policy(), d); t != nullptr && t->has_rto_s())
      longest = std::max(longest, t->rto_s());
  return std::max(kTriggerFollowS, 2 * longest);
}

std::vector<TargetTrigger> target_triggers(const scenario::Scenario& s, bool rpo,
                                           const std::string& what) {
  const std::string flag = "--rare " + what;
  const auto* target = trigger_target(s);
  if (target == nullptr || (rpo ? !target->has_rpo_s() : !target->has_rto_s()))
    throw InputError(flag, std::string("policy.server.")
                               .append(rpo ? "rpo_s" : "rto_s")
                               .append(" is not set: a pool's quorum loss from Front End "
                                       "failures is a server incident, judged by the policy's "
                                       "server target, so there is no target to miss"));
  if (s.faults_size() > 0)
    throw InputError(flag,
                     "scripted faults: their fixed times mean nothing beside a trigger at a random "
                     "instant, and they are not the scenario's usual state");
  if (s.runbook_size() > 0)
    throw InputError(flag,
                     "a runbook runs once, from the first incident's decision, which in a "
                     "triggered run is usually an earlier ordinary failure, not the quorum loss: "
                     "give the admin the standard response (admin.standard_response) instead");
  // The trigger's rate: the Front End chain alone, which the admin's response does not change
  // until quorum is lost (what it does after changes the time stopped, not how often the pool
  // stops, but for the chance of a second loss while the first is open).
  scenario::Scenario chain = s;
  chain.mutable_admin()->set_standard_response(false);
  const std::vector<RarePoolModel> models = rare_pool_models(chain, what);
  const auto& repair = s.stochastic().front_end().time_to_repair();
  std::vector<TargetTrigger> out;
  for (const RarePoolModel& m : models) {
    TargetTrigger t;
    t.pool = m.pool;
    for (int p = 0; p < s.pools_size(); ++p)
      if (s.pools(p).fqdn() == m.pool) t.pool_index = p;
    const auto& pool = s.pools(t.pool_index);
    DRSIM_CHECK(pool.front_ends_size() == m.servers, "the trigger's pool is the model's");
    for (int i = 0; i < m.seeds; ++i) t.seed_servers.push_back(pool.front_ends(i).fqdn());
    t.down_at_loss = m.seeds - m.required + 1;
    t.repair_mean_s = repair.exponential().mean_s();
    t.chain = m;
    out.push_back(std::move(t));
  }
  return out;
}

scenario::Scenario triggered_scenario(const scenario::Scenario& s, const TargetTrigger& t,
                                      uint64_t seed, uint64_t replication, int64_t* at_s) {
  DRSIM_CHECK(t.down_at_loss >= 1 && t.down_at_loss <= static_cast<int>(t.seed_servers.size()),
              "a quorum loss takes down between one and all of the seed servers");
  const RandomStreams streams(seed, replication);
  Rng rng = streams.stream("rare.trigger." + t.pool);
  const int64_t warm_up_s = s.stochastic().warm_up_s();
  const int64_t within_s = std::min<int64_t>(
      kSecondsPerYear - 1, static_cast<int64_t>(sample_unit(rng) * kSecondsPerYear));
  *at_s = warm_up_s + within_s;
  scenario::Scenario out = s;
  out.set_horizon_s(*at_s + trigger_follow_s(s));
  // Which seed servers are down at the loss: any down_at_loss of them, equally likely (the
  // servers are exchangeable in the chain). A partial Fisher-Yates shuffle.
  std::vector<std::string> seeds = t.seed_servers;
  for (int i = 0; i < t.down_at_loss; ++i) {
    const size_t left = seeds.size() - static_cast<size_t>(i);
    const size_t j =
        static_cast<size_t>(i) +
        std::min(left - 1, static_cast<size_t>(sample_unit(rng) * static_cast<double>(left)));
    std::swap(seeds[static_cast<size_t>(i)], seeds[j]);
    auto* f = out.add_faults();
    f->set_at_s(*at_s);
    f->set_component(seeds[static_cast<size_t>(i)]);
    // The remaining repair of a server down at the loss: exponential repairs are memoryless,
    // so it is a fresh draw whatever its age. Whole seconds, at least one (the schema's unit).
    const double repair_s = -t.repair_mean_s * std::log1p(-sample_unit(rng));
    f->set_repair_after_s(std::max<int64_t>(1, std::llround(repair_s)));
    f->set_note("rare-event trigger: quorum loss");
  }
  return out;
}

TriggeredOutcome run_triggered(const scenario::Scenario& s, const TargetTrigger& t, uint64_t seed,
                               uint64_t replication) {
  int64_t at_s = 0;
  const scenario::Scenario run = triggered_scenario(s, t, seed, replication, &at_s);
  const uint64_t engine_replication = (static_cast<uint64_t>(t.pool_index) << 32) | replication;
  const RunResult result = simulate_replication(run, seed, engine_replication, {});
  // Faults at one instant are one incident, and a fault opens an incident of its own unless
  // another started at that very instant: the trigger's incident starts at the trigger.
  const Instant at = Instant::origin() + Duration::seconds(at_s);
  const IncidentMetrics* incident = nullptr;
  for (const IncidentMetrics& inc : result.metrics.incidents)
    if (inc.start == at) incident = &inc;
  DRSIM_CHECK(incident != nullptr, "the trigger's faults opened no incident at the trigger");
  std::array<Proportion, kDisruptionCount> rto_met{}, rpo_met{};
  judge_incident(run, *incident, &rto_met, &rpo_met);
  const size_t d = static_cast<size_t>(disruption_index(incident->disruption));
  TriggeredOutcome o;
  o.rto_judged = rto_met[d].n > 0;
  o.rto_missed = o.rto_judged && rto_met[d].k == 0;
  o.rpo_judged = rpo_met[d].n > 0;
  o.rpo_missed = o.rpo_judged && rpo_met[d].k == 0;
  return o;
}

TriggeredResult run_triggered_batches(const scenario::Scenario& s, const TargetTrigger& t,
                                      const TriggeredOptions& o) {
  DRSIM_CHECK(o.batch > 0, "triggered runs go in batches of at least one");
  TriggeredResult result;
  const auto t0 = std::chrono::steady_clock::now();
  for (uint64_t begin = 0; begin < o.runs;) {
    const uint64_t end = std::min(o.runs, begin + o.batch);
    std::vector<TriggeredOutcome> batch(end - begin);
    std::vector<char> done(end - begin, 0);
    for_replications<int>(
        begin, end, o.threads, o.stop, [] { return 0; },
        [&](int&, uint64_t r) {
          batch[r - begin] = run_triggered(s, t, o.seed, r);
          done[r - begin] = 1;
        },
        [](int&) {});
    // Summed in replication order; an interrupt keeps the runs 0 .. k-1 that finished.
    uint64_t finished = 0;
    while (finished < batch.size() && done[finished] != 0) ++finished;
    for (uint64_t i = 0; i < finished; ++i) {
      result.rto_missed.add(batch[i].rto_missed);
      result.rpo_missed.add(batch[i].rpo_missed);
      result.rto_judged += batch[i].rto_judged ? 1 : 0;
      result.rpo_judged += batch[i].rpo_judged ? 1 : 0;
      ++result.runs;
    }
    if (o.stop != nullptr && o.stop->load()) {
      result.interrupted = true;
      break;
    }
    begin = end;
    if (o.relative_halfwidth > 0) {
      const RareFigure p = miss_probability(o.rpo ? result.rpo_missed : result.rto_missed);
      // No miss yet has no relative half-width to reach: run on to the cap.
      if (p.value > 0 && p.relative_halfwidth() <= o.relative_halfwidth) {
        result.reached_precision = true;
        break;
      }
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace drsim
