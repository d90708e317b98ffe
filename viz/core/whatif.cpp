// What-if edits and run comparison; see whatif.h.
#include "viz/core/whatif.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/check.h"
#include "sim/validate.h"
#include "viz/core/format.h"

namespace drsim::viz {

using scenario::Distribution;

double typical_delay_s(const Distribution& d) {
  switch (d.kind_case()) {
    case Distribution::kFixedS:
      return d.fixed_s();
    case Distribution::kLognormal:
      return d.lognormal().median_s();
    case Distribution::kExponential:
      return d.exponential().mean_s();
    case Distribution::kWeibull:
      return d.weibull().scale_s();
    case Distribution::kEmpirical: {
      std::vector<double> s(d.empirical().samples_s().begin(), d.empirical().samples_s().end());
      if (s.empty()) return 0;
      std::nth_element(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(s.size() / 2), s.end());
      return s[s.size() / 2];
    }
    default:
      return 0;
  }
}

void set_typical_delay_s(Distribution* d, double seconds) {
  DRSIM_CHECK(d != nullptr, "set_typical_delay_s: null distribution");
  switch (d->kind_case()) {
    case Distribution::kLognormal:
      d->mutable_lognormal()->set_median_s(seconds);
      break;
    case Distribution::kExponential:
      d->mutable_exponential()->set_mean_s(seconds);
      break;
    case Distribution::kWeibull:
      d->mutable_weibull()->set_scale_s(seconds);
      break;
    default:
      d->set_fixed_s(seconds);
      break;  // replaces an empirical or unset one
  }
}

const char* delay_kind(const Distribution& d) {
  switch (d.kind_case()) {
    case Distribution::kFixedS:
      return "fixed";
    case Distribution::kLognormal:
      return "lognormal median";
    case Distribution::kExponential:
      return "exponential mean";
    case Distribution::kWeibull:
      return "Weibull scale";
    case Distribution::kEmpirical:
      return "empirical median";
    default:
      return "unset";
  }
}

const char* ha_mode_label(scenario::HaMode mode) {
  switch (mode) {
    case scenario::NONE:
      return "none (one SQL server)";
    case scenario::MIRRORING_WITH_WITNESS:
      return "mirroring with witness";
    case scenario::MIRRORING_WITHOUT_WITNESS:
      return "mirroring without witness";
    case scenario::ALWAYSON_AVAILABILITY_GROUP:
      return "AlwaysOn availability group";
    case scenario::ALWAYSON_FAILOVER_CLUSTER_INSTANCE:
      return "AlwaysOn failover cluster instance";
    case scenario::SQL_FAILOVER_CLUSTERING:
      return "SQL failover clustering";
    default:
      return "unspecified";
  }
}

std::vector<std::string> apply_ha_mode(scenario::BackEnd* be, scenario::HaMode mode,
                                       const std::string& pool_fqdn) {
  DRSIM_CHECK(be != nullptr, "apply_ha_mode: null Back End");
  std::vector<std::string> notes;
  be->set_ha_mode(mode);
  const bool wants_mirror = mode != scenario::NONE;
  const bool wants_witness = mode == scenario::MIRRORING_WITH_WITNESS;
  const bool wants_storage = mode == scenario::ALWAYSON_FAILOVER_CLUSTER_INSTANCE ||
                             mode == scenario::SQL_FAILOVER_CLUSTERING;
  const bool allows_fsw = mode == scenario::ALWAYSON_AVAILABILITY_GROUP ||
                          mode == scenario::ALWAYSON_FAILOVER_CLUSTER_INSTANCE ||
                          mode == scenario::SQL_FAILOVER_CLUSTERING;
  std::string site;
  for (const auto& s : be->servers()) {
    if (s.role() == scenario::PRIMARY) site = s.site();
  }
  // Servers that the mode has no use for become the role it lacks, or are dropped.
  auto has_role = [be](scenario::SqlRole r) {
    return std::any_of(be->servers().begin(), be->servers().end(),
                       [r](const scenario::SqlServer& s) { return s.role() == r; });
  };
  auto* servers = be->mutable_servers();
  for (int i = servers->size() - 1; i >= 0; --i) {
    scenario::SqlServer& s = *servers->Mutable(i);
    const scenario::SqlRole r = s.role();
    const bool is_spare = (r == scenario::MIRROR && !wants_mirror) ||
                          (r == scenario::WITNESS && !wants_witness) ||
                          (r == scenario::SHARED_STORAGE && !wants_storage) ||
                          (r == scenario::FILE_SHARE_WITNESS && !allows_fsw);
    if (!is_spare) continue;
    if (wants_witness && !has_role(scenario::WITNESS) && r != scenario::MIRROR) {
      s.set_role(scenario::WITNESS);
      notes.push_back(s.fqdn() + " becomes the mirroring witness");
    } else if (wants_storage && !has_role(scenario::SHARED_STORAGE) && r != scenario::MIRROR) {
      s.set_role(scenario::SHARED_STORAGE);
      notes.push_back(s.fqdn() + " becomes the shared storage");
    } else {
      notes.push_back(s.fqdn() + " is removed");
      servers->DeleteSubrange(i, 1);
    }
  }
  auto add = [&](scenario::SqlRole role, const std::string& name) {
    if (has_role(role)) return;
    scenario::SqlServer* s = be->add_servers();
    s->set_fqdn(name + "." + pool_fqdn);
    s->set_site(site);
    s->set_role(role);
    notes.push_back(s->fqdn() + " is added as " + scenario::SqlRole_Name(role));
  };
  if (wants_mirror) add(scenario::MIRROR, "mirror");
  if (wants_witness) add(scenario::WITNESS, "witness");
  if (wants_storage) add(scenario::SHARED_STORAGE, "storage");
  return notes;
}

std::vector<std::string> fault_components(const scenario::Scenario& sc) {
  std::vector<std::string> out;
  for (const auto& s : sc.sites()) out.push_back(s.name());
  for (const auto& l : sc.links()) out.push_back(l.name());
  for (const auto& p : sc.pools()) out.push_back(p.fqdn());
  for (const auto& p : sc.pools()) {
    for (const auto& fe : p.front_ends()) out.push_back(fe.fqdn());
    for (const auto& s : p.back_end().servers()) out.push_back(s.fqdn());
  }
  return out;
}

ValidationResult check_scenario(const scenario::Scenario& sc) {
  ValidationResult result;
  for (const Finding& f : validate_scenario(sc)) {
    const std::string line = path_to_string(f.path) + ": " + f.message;
    (f.severity == Severity::kError ? result.errors : result.warnings).push_back(line);
  }
  return result;
}

namespace {
std::string metric_text(const std::optional<double>& v, bool is_percent) {
  if (!v) return "no incident";
  if (!is_percent) return format_seconds(*v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f %%", *v * 100);
  return buf;
}
}  // namespace

std::string MetricDiff::before_text() const { return metric_text(before, is_percent); }
std::string MetricDiff::after_text() const { return metric_text(after, is_percent); }

std::string MetricDiff::delta_text() const {
  if (!before || !after) return "";
  const double d = *after - *before;
  if (is_percent) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.4f %%", d * 100);
    return buf;
  }
  if (std::fabs(d) < 5e-7) return "same";
  return (d > 0 ? "+" : "-") + format_seconds(std::fabs(d));
}

int MetricDiff::verdict() const {
  if (!before || !after) return 0;
  const double d = *after - *before;
  const double tolerance = is_percent ? 5e-7 : 5e-4;
  if (std::fabs(d) < tolerance) return 0;
  return (d < 0) == lower_is_better ? -1 : 1;
}

std::vector<MetricDiff> compare_runs(const RunReport& before, const RunReport& after) {
  auto worst_rto = [](const RunReport& r) -> std::optional<double> {
    std::optional<double> worst;
    for (const IncidentReport& i : r.incidents) worst = std::max(worst.value_or(0), i.total_s);
    return worst;
  };
  auto worst_rpo = [](const RunReport& r) -> std::optional<double> {
    std::optional<double> worst;
    for (const IncidentReport& i : r.incidents) {
      for (const auto& [category, s] : i.rpo_s) {
        if (category == "user_data") worst = std::max(worst.value_or(0), s);
      }
    }
    return worst;
  };
  return {
      {"RTO total (worst incident)", worst_rto(before), worst_rto(after), true, false},
      {"RPO user_data (worst incident)", worst_rpo(before), worst_rpo(after), true, false},
      {"availability (user-weighted)", before.user_availability, after.user_availability, false,
       true},
  };
}

}  // namespace drsim::viz
