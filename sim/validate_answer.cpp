// Warnings about what a run can answer (issue 15): the scenario is valid, but a planner
// reading its figures should know before the run that a pool has nothing to fail over to,
// that nobody will answer its faults, that an AlwaysOn group runs without the recommended
// witness, or that annual figures come from less than a year of simulated time.
#include "sim/validate.h"
#include "sim/validate_options.h"

namespace drsim::validate_detail {

namespace {
constexpr int64_t kYearS = 365LL * 86400;
}  // namespace

void warn_about_answers(const scenario::Scenario& s, std::vector<Finding>* findings) {
  const auto* root = scenario::Scenario::descriptor();
  auto warn = [&](FieldPath path, std::string message) {
    findings->push_back({Severity::kWarning, std::move(path), std::move(message)});
  };
  for (int i = 0; i < s.pools_size(); ++i) {
    const auto& p = s.pools(i);
    if (!p.has_backup_pool() && s.pools_size() > 1)
      warn(at(root, {{"pools", i}, {"backup_pool", -1}}),
           "'" + p.fqdn() +
               "' has no backup pool: if it is lost its users have no service until it is "
               "repaired (no pool failover is possible)");
    const auto& be = p.back_end();
    if (be.ha_mode() != scenario::ALWAYSON_AVAILABILITY_GROUP) continue;
    bool witness = false;
    for (const auto& srv : be.servers()) witness |= srv.role() == scenario::FILE_SHARE_WITNESS;
    if (!witness)
      warn(at(root, {{"pools", i}, {"back_end", -1}, {"servers", -1}}),
           "'" + p.fqdn() +
               "': an AlwaysOn Availability Group without a file-share witness (recommended, "
               "sfb-hadr 3.3): drsim assumes node majority (parameters.cluster_dynamic_quorum)");
  }
  // Faults that hurt users with nobody to answer them: no runbook, no standard response.
  const bool answers = s.runbook_size() > 0 || s.admin().standard_response();
  const bool random =
      s.has_stochastic() && (s.stochastic().has_site() || s.stochastic().has_front_end() ||
                             s.stochastic().has_back_end_server());
  if (!answers && (s.faults_size() > 0 || random))
    warn(at(root, {{"admin", -1}}),
         std::string(kUnansweredFaultsWarning)
             .append(
                 ": no runbook and no admin.standard_response; users wait for "
                 "repairs, and the report says 'nobody acted' (give one: runbook steps, --runbook "
                 "FILE.ps1, or "
                 "admin.standard_response)"));
  if (s.has_stochastic() && s.horizon_s() < kYearS)
    warn(
        at(root, {{"horizon_s", -1}}),
        "random failures over less than a year: the per-year figures of a sweep extrapolate from " +
            std::to_string(s.horizon_s() / 86400) + " days");
}

}  // namespace drsim::validate_detail
