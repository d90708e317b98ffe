// The changes `drsim advise` tries, generated from the scenario: pair an unpaired pool with an
// unpaired pool in another site; give a Back End without HA mirroring with a witness or an
// AlwaysOn availability group; add a witness to mirroring without one; add a Front End;
// shorten SyncInterval; put the CMS in another pool; add an Edge pool, a Director pool or a
// PSTN gateway (with a failover route) in a site that lacks one; put the runbook's steps in
// the documented order; have the admin follow the standard response, detect within a minute
// (monitoring alerts) or decide within 5 minutes (a standing decision). Each changed scenario
// is validated: a change that breaks a documented rule (mirroring on 2019, more Front Ends than
// the version allows) is refused with the rule, never swept. docs/model.md ("Advice") lists
// the candidates and their figures.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analysis/advise.h"
#include "proto/scenario.pb.h"

namespace drsim {

struct CandidateChange {
  AdviceCandidate info;
  scenario::Scenario changed;  // the base with the change applied (meaningful unless refused)
  std::function<void(scenario::Scenario&)> apply;  // the change, to combine with others
};

// The candidates for `base`, in a fixed order, each applied and validated (info.refused holds
// the validation message of a change the rules forbid). `origin` names the scenario in
// validation messages.
std::vector<CandidateChange> advice_candidates(const scenario::Scenario& base,
                                               const std::string& origin);

// Applies --cost id=amount options to the candidates; InputError naming --cost for an id no
// candidate has or an amount that is not a non-negative number.
void apply_costs(std::vector<CandidateChange>* candidates, const std::vector<std::string>& costs);

// The single changes that helped (made a failing target pass or raised the share of
// incidents meeting the failing targets, and broke no passing one), as indexes into
// `singles`, in rank_advice order, at most four. `run` holds the single changes' sweeps.
std::vector<size_t> helpful_changes(const std::vector<CandidateChange>& singles,
                                    const AdviceRun& run);
// Combinations of the helpful changes in their order: the first two, the first three, and so
// on, each validated (refused with the rule when the combination breaks one). A
// combination's cost is the sum of its members' when every member has one.
std::vector<CandidateChange> combined_candidates(const std::vector<CandidateChange>& singles,
                                                 const std::vector<size_t>& helpful,
                                                 const scenario::Scenario& base);

// Sweeps each candidate that is not refused into run->tried (the refused go to run->refused);
// skips the rest once a sweep is interrupted.
void sweep_candidates(AdviceRun* run, const std::vector<CandidateChange>& candidates,
                      const std::function<SweepDigest(const scenario::Scenario&,
                                                      const std::vector<std::string>&)>& sweep,
                      const std::function<void(const std::string&)>& progress);

// Sweeps the base and every candidate that is not refused with `sweep` (the same seed and
// replications for all: common random numbers). Stops after a sweep marked interrupted.
AdviceRun run_advice(const std::vector<CandidateChange>& candidates,
                     const std::function<SweepDigest(const scenario::Scenario&,
                                                     const std::vector<std::string>&)>& sweep,
                     const scenario::Scenario& base,
                     const std::function<void(const std::string&)>& progress);

}  // namespace drsim
