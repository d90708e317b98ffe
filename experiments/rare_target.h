// A policy target missed as a rare event (`--rare rto-target-missed`, `rpo-target-missed`):
// the conditional half of a decomposition. The event "an incident misses the policy's RTO (or
// RPO) target" needs a rare trigger, a pool's quorum loss from independent Front End failures,
// whose rate per year the pool-unavailable importance sampling estimates
// (experiments/rare_pool.h); what happens after it is the whole engine's business (detection,
// the admin's runbook or standard response, the Backup Service, failover), and no component
// chain can weight it. So this file runs the FULL engine many times from the trigger: a
// scripted quorum loss of the pool at a uniformly random instant of a year, the scenario's
// other random failures running as usual, and judges the trigger's incident with the policy
// rule the sweeps apply (judge_incident, analysis/sweep.h). The miss rate per year is then
// rate(trigger) x P(miss | trigger), summed over pools (analysis/rare_estimate.h combines the
// two independent estimates).
//
// The assumption, stated in the output and in docs/rare-events.md: the response to a quorum
// loss does not depend on the path that led to it. The trigger fails the seed servers that
// quorum loss takes down all at one instant (in the chain they fail one by one, the earlier
// ones often hours before), with repairs drawn afresh from the scenario's exponential repair
// law, which is exactly their remaining repair time in the chain (memoryless); the rest of
// the deployment is in whatever state the ordinary random failures left it at that instant.
//
// Replication r of a pool draws the trigger's instant, servers and repairs from the stream
// (seed, "rare.trigger.<pool>", r) and runs the engine as replication (pool index << 32) + r,
// so the pools' runs are independent of each other and every figure is the same for any
// thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/stats.h"
#include "experiments/rare_pool.h"
#include "proto/scenario.pb.h"

namespace drsim {

// One pool whose quorum loss triggers the runs.
struct TargetTrigger {
  std::string pool;  // the pool's FQDN
  int pool_index = 0;
  std::vector<std::string> seed_servers;  // the FQDNs of its seed Front Ends
  int down_at_loss = 0;                   // seed servers down when quorum is lost
  double repair_mean_s = 0;               // the scenario's exponential repair mean
  RarePoolModel chain;  // the Front End chain whose quorum losses are the trigger (its rate)
};

// How long each triggered run goes on after the trigger: a month, or twice the longest RTO
// target when that is longer, so that an incident still open at the run's end has already
// missed its target (the judge then counts its RTO so far, which exceeds the target).
inline constexpr int64_t kTriggerFollowS = 30 * 86400;
int64_t trigger_follow_s(const scenario::Scenario& s);

// The pools whose quorum loss is the trigger, after checking that the scenario is one the
// decomposition covers (`rpo` selects the RPO target). Throws InputError naming the rule: no
// policy target of the kind for a server incident (a quorum loss from Front End failures is
// one), scripted faults or timed runbook steps (their times mean nothing beside a random
// trigger), and whatever the trigger's importance sampling refuses (rare_pool_models).
std::vector<TargetTrigger> target_triggers(const scenario::Scenario& s, bool rpo,
                                           const std::string& what);

// The scenario of replication r's triggered run: the trigger's faults at a uniformly random
// second of the year after the warm-up, and the horizon `trigger_follow_s` later. `at_s` gets
// the trigger's instant.
scenario::Scenario triggered_scenario(const scenario::Scenario& s, const TargetTrigger& t,
                                      uint64_t seed, uint64_t replication, int64_t* at_s);

// What one triggered run's incident did against the policy: judged or not (an incident that
// cost no user service and lost no judged data is not judged), and whether it met the RTO
// and the RPO targets.
struct TriggeredOutcome {
  bool rto_judged = false, rto_missed = false;
  bool rpo_judged = false, rpo_missed = false;
};
TriggeredOutcome run_triggered(const scenario::Scenario& s, const TargetTrigger& t, uint64_t seed,
                               uint64_t replication);

struct TriggeredOptions {
  uint64_t runs = 1000;  // at most this many
  int threads = 1;
  uint64_t seed = 1;
  bool rpo = false;               // which target the precision is about
  double relative_halfwidth = 0;  // > 0: stop once P(miss | trigger)'s is this small
  uint64_t batch = 100;           // runs between precision checks
  std::atomic<bool>* stop = nullptr;
};

struct TriggeredResult {
  uint64_t runs = 0;
  Proportion rto_missed, rpo_missed;  // over all runs: unjudged runs count as not missed
  uint64_t rto_judged = 0, rpo_judged = 0;
  bool reached_precision = false;
  bool interrupted = false;
  double seconds = 0;
};

// Runs the triggered replications 0, 1, ... in batches, summed in replication order.
TriggeredResult run_triggered_batches(const scenario::Scenario& s, const TargetTrigger& t,
                                      const TriggeredOptions& o);

}  // namespace drsim
