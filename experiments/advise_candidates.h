// The changes `drsim advise` tries, generated from the scenario: pair an unpaired pool with an
// unpaired pool in another site; give a Back End without HA mirroring with a witness or an
// AlwaysOn availability group; add a witness to mirroring without one; add a Front End;
// shorten SyncInterval; put the CMS in another pool; have the admin follow the standard
// response, detect within a minute (monitoring alerts) or decide within 5 minutes (a
// standing decision). Each changed scenario is validated: a change that breaks a documented
// rule (mirroring on 2019, more Front Ends than the version allows) is refused with the
// rule, never swept. docs/model.md ("Advice") lists the candidates and their figures.
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
};

// The candidates for `base`, in a fixed order, each applied and validated (info.refused holds
// the validation message of a change the rules forbid). `origin` names the scenario in
// validation messages.
std::vector<CandidateChange> advice_candidates(const scenario::Scenario& base,
                                               const std::string& origin);

// Applies --cost id=amount options to the candidates; InputError naming --cost for an id no
// candidate has or an amount that is not a non-negative number.
void apply_costs(std::vector<CandidateChange>* candidates, const std::vector<std::string>& costs);

// Sweeps the base and every candidate that is not refused with `sweep` (the same seed and
// replications for all: common random numbers). Stops after a sweep marked interrupted.
AdviceRun run_advice(const std::vector<CandidateChange>& candidates,
                     const std::function<SweepDigest(const scenario::Scenario&,
                                                     const std::vector<std::string>&)>& sweep,
                     const scenario::Scenario& base,
                     const std::function<void(const std::string&)>& progress);

}  // namespace drsim
