// Sweep results for people (text tables) and programs (JSON), both drawn from a SweepDigest
// (sweep_digest.h). The JSON holds nothing that depends on the thread or rank count or the
// wall clock, so the same scenario and seed give the same bytes however the sweep ran.
#pragma once

#include <string>
#include <vector>

#include "analysis/sweep.h"
#include "analysis/sweep_digest.h"
#include "proto/scenario.pb.h"

namespace drsim {

struct AnalyticCheck;  // analysis/markov.h

// The JSON `drsim sweep --json` writes (README "Sweep JSON") and the text it prints.
std::string sweep_json(const SweepDigest& d);
std::string sweep_text(const SweepDigest& d);
// The PSTN lines of sweep_text: "PSTN not modelled" without a gateway, otherwise the share of
// incidents that lost PSTN calling, the minutes lost per year and the time to PSTN restored.
std::string sweep_pstn_text(const SweepDigest& d);
// The remote access lines of sweep_text: "remote access not modelled" without Edge pools,
// otherwise per modality "not deployed" or the share of incidents that impaired it and the
// time to it restored, and the remote user-hours without sign-in per year.
std::string sweep_access_text(const SweepDigest& d);

// The same from a live sweep: digest_sweep, then the above.
std::string sweep_report_json(const scenario::Scenario& s, const SweepAccumulator& a,
                              const SweepReportInfo& info,
                              const std::vector<AnalyticCheck>& analytic);
std::string sweep_report_text(const scenario::Scenario& s, const SweepAccumulator& a,
                              const SweepReportInfo& info,
                              const std::vector<AnalyticCheck>& analytic);

}  // namespace drsim
