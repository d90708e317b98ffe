// The sensitivity registry and a scenario's plan; see sensitivity_params.h. The ranges are
// documented in docs/model.md ("Sensitivity ranges"): keep the two in step.
#include "experiments/sensitivity_params.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <functional>

#include "analysis/json_writer.h"
#include "io/errors.h"
#include "sim/check.h"

namespace drsim {

namespace pb = google::protobuf;

namespace {

using scenario::Scenario;

// What the registry needs of a scenario beyond the public entry: whether the parameter means
// anything there (empty: it does; else the reason it is skipped) and its value there.
struct Entry {
  SensitivityParameter p;
  std::function<std::string(const Scenario&)> skip_reason;
  std::function<double(const Scenario&)> base;  // not used for distributions
};

bool any_paired(const Scenario& s) {
  for (const auto& p : s.pools())
    if (p.has_backup_pool()) return true;
  return false;
}

bool any_ha(const Scenario& s, std::initializer_list<scenario::HaMode> modes) {
  for (const auto& p : s.pools())
    for (scenario::HaMode m : modes)
      if (p.has_back_end() && p.back_end().ha_mode() == m) return true;
  return false;
}

std::string needs_pair(const Scenario& s) {
  return any_paired(s) ? "" : "no pool is paired: nothing fails over or is backed up";
}
std::string needs_edge(const Scenario& s) {
  return s.edge_pools_size() > 0 ? "" : "the scenario has no Edge pool: no remote users";
}
std::string needs_file_store(const Scenario& s) {
  return s.file_stores_size() > 0 ? ""
                                  : "the scenario has no file store: meeting content not modelled";
}
std::string needs_pchat(const Scenario& s) {
  return s.persistent_chat_pools_size() > 0
             ? ""
             : "the scenario has no Persistent Chat pool: chat not modelled";
}
// Log shipping means something only to a pool with a log-shipping secondary.
std::string needs_pchat_secondary(const Scenario& s) {
  if (s.persistent_chat_pools_size() == 0) return needs_pchat(s);
  for (const auto& p : s.persistent_chat_pools())
    if (!p.secondary_sql().empty()) return "";
  return "no Persistent Chat pool has a log-shipping secondary";
}
std::string needs_gateway(const Scenario& s) {
  return s.pstn_gateways_size() > 0 ? "" : "the scenario has no PSTN gateway";
}
std::string needs_pool(const Scenario& s) {
  return s.pools_size() > 0 ? "" : "the scenario has no Front End pool";
}

// A distribution of the scenario named by its path (`admin.detect_delay`,
// `stochastic.site.time_to_repair`), or null when the scenario does not set it.
const scenario::Distribution* find_distribution(const Scenario& s, const std::string& path) {
  const pb::Message* m = &s;
  size_t pos = 0;
  while (pos < path.size()) {
    const size_t dot = path.find('.', pos);
    const std::string step = path.substr(pos, dot == std::string::npos ? dot : dot - pos);
    const pb::FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(step);
    DRSIM_CHECK(f != nullptr && f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE,
                "a registered distribution path names message fields only");
    if (!m->GetReflection()->HasField(*m, f)) return nullptr;
    m = &m->GetReflection()->GetMessage(*m, f);
    pos = dot == std::string::npos ? path.size() : dot + 1;
  }
  return dynamic_cast<const scenario::Distribution*>(m);
}

// The field holding a distribution's scale, and its value: multiplying it by k multiplies
// every quantile by k (the shape stays). Empty for an empirical distribution.
std::pair<std::string, double> distribution_scale(const scenario::Distribution& d) {
  switch (d.kind_case()) {
    case scenario::Distribution::kFixedS:
      return {"fixed_s", d.fixed_s()};
    case scenario::Distribution::kExponential:
      return {"exponential.mean_s", d.exponential().mean_s()};
    case scenario::Distribution::kWeibull:
      return {"weibull.scale_s", d.weibull().scale_s()};
    case scenario::Distribution::kLognormal:
      return {"lognormal.median_s", d.lognormal().median_s()};
    default:
      return {"", 0};
  }
}

Entry scalar(std::string path, std::string unit, double low, double high, bool is_integer,
             std::string why, std::function<std::string(const Scenario&)> skip,
             std::function<double(const Scenario&)> base) {
  return {{std::move(path), std::move(unit), low, high, is_integer, std::move(why)},
          std::move(skip),
          std::move(base)};
}

Entry distribution(std::string path, std::string why) {
  return {{path, "x", 0.5, 2, false, std::move(why)}, nullptr, nullptr};
}

std::vector<Entry> make_registry() {
  const auto& P = [](const Scenario& s) -> const scenario::ModelParameters& {
    return s.parameters();
  };
  std::vector<Entry> r = {
      scalar("backup_service.sync_interval_s", "s", 30, 600, true,
             "SyncInterval: 2 min by default; admins set from 30 s to 10 min", needs_pair,
             [](const Scenario& s) {
               return static_cast<double>(s.backup_service().sync_interval_s());
             }),
      scalar("backup_service.cycle_overhead_s", "s", 1, 30, false,
             "undocumented: export, zip and import of a batch, seconds", needs_pair,
             [](const Scenario& s) { return s.backup_service().cycle_overhead_s(); }),
      scalar("parameters.persistence_interval_s", "s", 10, 300, true,
             "\"as resources permit\": from seconds to a few minutes", needs_pool,
             [P](const Scenario& s) { return static_cast<double>(P(s).persistence_interval_s()); }),
      scalar("parameters.replica_rebuild_s", "s", 120, 3600, true,
             "undocumented: copying one routing group, minutes to an hour", needs_pool,
             [P](const Scenario& s) { return static_cast<double>(P(s).replica_rebuild_s()); }),
      scalar(
          "parameters.backend_auto_failover_s", "s", 10, 300, true,
          "undocumented: a synchronous mirror's failover, up to the 5-minute RTO target",
          [](const Scenario& s) -> std::string {
            using H = scenario::HaMode;
            return any_ha(s, {H::MIRRORING_WITH_WITNESS, H::ALWAYSON_AVAILABILITY_GROUP,
                              H::ALWAYSON_FAILOVER_CLUSTER_INSTANCE, H::SQL_FAILOVER_CLUSTERING})
                       ? ""
                       : "no Back End fails over automatically";
          },
          [P](const Scenario& s) { return static_cast<double>(P(s).backend_auto_failover_s()); }),
      scalar(
          "parameters.database_failover_s", "s", 30, 600, true,
          "undocumented: Invoke-CsDatabaseFailover, a minute to ten",
          [](const Scenario& s) -> std::string {
            using H = scenario::HaMode;
            return any_ha(s, {H::MIRRORING_WITHOUT_WITNESS, H::MIRRORING_WITH_WITNESS})
                       ? ""
                       : "no mirrored Back End";
          },
          [P](const Scenario& s) { return static_cast<double>(P(s).database_failover_s()); }),
      scalar("parameters.pool_failover_s", "s", 900, 1200, true,
             "the documented 15-20 min of Invoke-CsPoolFailover (D-DR)", needs_pair,
             [P](const Scenario& s) { return static_cast<double>(P(s).pool_failover_s()); }),
      scalar("parameters.pool_failback_s", "s", 900, 1200, true,
             "the documented 15-20 min, as the failover", needs_pair,
             [P](const Scenario& s) { return static_cast<double>(P(s).pool_failback_s()); }),
      scalar(
          "parameters.cms_failover_s", "s", 120, 900, true,
          "the documented 5-minute CMS RTO, from 2 to 15 min",
          [](const Scenario& s) -> std::string {
            return s.has_cms() ? "" : "the scenario places no Central Management Store";
          },
          [P](const Scenario& s) { return static_cast<double>(P(s).cms_failover_s()); }),
      scalar("parameters.quorum_loss_recovery_s", "s", 120, 1800, true,
             "undocumented: a reset restarts the fabric, minutes to half an hour", needs_pool,
             [P](const Scenario& s) { return static_cast<double>(P(s).quorum_loss_recovery_s()); }),
      scalar(
          "parameters.edge_next_hop_change_s", "s", 300, 1800, true,
          "undocumented: Topology Builder, publish and Edge setup, 5 to 30 min",
          [](const Scenario& s) -> std::string {
            if (s.edge_pools_size() == 0) return "the scenario has no Edge pool";
            return needs_pair(s);
          },
          [P](const Scenario& s) { return static_cast<double>(P(s).edge_next_hop_change_s()); }),
      scalar(
          "parameters.failed_cmdlet_s", "s", 30, 300, true,
          "undocumented: reading a cmdlet's error and deciding, half a minute to 5 min",
          [](const Scenario& s) -> std::string {
            return s.runbook_size() > 0 || s.admin().standard_response()
                       ? ""
                       : "no admin runs cmdlets (no runbook, no standard response)";
          },
          [P](const Scenario& s) { return static_cast<double>(P(s).failed_cmdlet_s()); }),
      scalar("parameters.client_sign_in_s", "s", 30, 600, true,
             "undocumented: clients retry and sign in again, half a minute to 10 min", needs_pool,
             [P](const Scenario& s) { return static_cast<double>(P(s).client_sign_in_s()); }),
      scalar(
          "parameters.voice_failure_detection_s", "s", 120, 300, true,
          "120 s (Topology Builder) or 300 s (planning guide), Corrections 5", needs_pair,
          [P](const Scenario& s) { return static_cast<double>(P(s).voice_failure_detection_s()); }),
      scalar("parameters.voice_failback_s", "s", 120, 600, true,
             "240 s is documented for branch registrars only", needs_pair,
             [P](const Scenario& s) { return static_cast<double>(P(s).voice_failback_s()); }),
      scalar("parameters.remote_user_share", "of users", 0.1, 0.6, false,
             "undocumented: your users' mix; a tenth to more than half remote", needs_edge,
             [P](const Scenario& s) { return P(s).remote_user_share(); }),
      scalar("parameters.remote_client_retry_s", "s", 15, 300, true,
             "undocumented: a client's connection timeout and DNS re-query", needs_edge,
             [P](const Scenario& s) { return static_cast<double>(P(s).remote_client_retry_s()); }),
      scalar(
          "parameters.federation_route_change_s", "s", 600, 3600, true,
          "undocumented: Topology Builder, Publish-CsTopology and Edge setup, 10 min to an hour",
          [](const Scenario& s) -> std::string {
            return s.has_federation_route() ? "" : "the scenario publishes no federation route";
          },
          [P](const Scenario& s) { return static_cast<double>(P(s).federation_route_change_s()); }),
      scalar(
          "parameters.edge_association_change_s", "s", 600, 3600, true,
          "undocumented: Topology Builder's Edge association and Publish-CsTopology, 10 min "
          "to an hour",
          needs_edge,
          [P](const Scenario& s) { return static_cast<double>(P(s).edge_association_change_s()); }),
      scalar(
          "parameters.xmpp_route_change_s", "s", 900, 14400, true,
          "undocumented: dominated by the DNS records' TTL, 15 min to 4 h",
          [](const Scenario& s) -> std::string {
            return s.has_xmpp_route() ? "" : "the scenario has no XMPP federation route";
          },
          [P](const Scenario& s) { return static_cast<double>(P(s).xmpp_route_change_s()); }),
      scalar("parameters.file_store_replication_lag_s", "s", 10, 600, true,
             "undocumented: DFS replication is best effort, 10 s to 10 min", needs_file_store,
             [P](const Scenario& s) {
               return static_cast<double>(P(s).file_store_replication_lag_s());
             }),
      scalar("parameters.file_store_backup_interval_s", "s", 14400, 28800, true,
             "the documented 4-8 h for critical shares", needs_file_store,
             [P](const Scenario& s) {
               return static_cast<double>(P(s).file_store_backup_interval_s());
             }),
      scalar("parameters.persistent_chat_log_shipping_interval_s", "s", 300, 3600, true,
             "undocumented (D-PCDEP): SQL Server's log-shipping backup job, 5 min to an hour",
             needs_pchat_secondary,
             [P](const Scenario& s) {
               return static_cast<double>(P(s).persistent_chat_log_shipping_interval_s());
             }),
      scalar("parameters.persistent_chat_log_shipping_delay_s", "s", 0, 900, true,
             "undocumented: the copy job after the backup job, at once to 15 min",
             needs_pchat_secondary,
             [P](const Scenario& s) {
               return static_cast<double>(P(s).persistent_chat_log_shipping_delay_s());
             }),
      scalar("parameters.persistent_chat_messages_per_user_per_hour", "messages/user/h", 0.5, 8,
             false, "undocumented: your chat rooms' traffic, a quarter to four times the default",
             needs_pchat,
             [P](const Scenario& s) { return P(s).persistent_chat_messages_per_user_per_hour(); }),
      scalar(
          "parameters.persistent_chat_restore_s", "s", 600, 7200, true,
          "undocumented (sfb-other-roles 5): SQL restore work, 10 min to 2 h", needs_pchat,
          [P](const Scenario& s) { return static_cast<double>(P(s).persistent_chat_restore_s()); }),
      scalar("parameters.persistent_chat_state_change_s", "s", 60, 900, true,
             "undocumented: Set-CsPersistentChatState cascading to the pool, 1 to 15 min",
             needs_pchat,
             [P](const Scenario& s) {
               return static_cast<double>(P(s).persistent_chat_state_change_s());
             }),
      scalar("parameters.persistent_chat_server_change_s", "s", 60, 900, true,
             "undocumented: Install-CsMirrorDatabase, Set-CsPersistentChatActiveServer, 1 to "
             "15 min",
             needs_pchat,
             [P](const Scenario& s) {
               return static_cast<double>(P(s).persistent_chat_server_change_s());
             }),
      scalar("parameters.trunk_down_detection_s", "s", 60, 900, true,
             "undocumented: the SIP OPTIONS keep-alive interval, 1 to 15 min", needs_gateway,
             [P](const Scenario& s) { return static_cast<double>(P(s).trunk_down_detection_s()); }),
      scalar("parameters.pstn_outbound_calls_per_user_per_hour", "calls/user/h", 0.1, 2, false,
             "undocumented: your users' traffic (CDR), a fifth to four times the default",
             needs_gateway,
             [P](const Scenario& s) { return P(s).pstn_outbound_calls_per_user_per_hour(); }),
      scalar("parameters.pstn_inbound_calls_per_user_per_hour", "calls/user/h", 0.1, 2, false,
             "undocumented: your users' traffic (CDR), a fifth to four times the default",
             needs_gateway,
             [P](const Scenario& s) { return P(s).pstn_inbound_calls_per_user_per_hour(); }),
      scalar("parameters.pstn_call_duration_s", "s", 60, 600, false,
             "undocumented: your users' calls (CDR), one to ten minutes", needs_gateway,
             [P](const Scenario& s) { return P(s).pstn_call_duration_s(); }),
      scalar("pools[*].workload.user_data_writes_per_hour", "writes/user/h", 0.5, 8, false,
             "undocumented: set from Get-CsBackupServiceStatus; a quarter to four times the "
             "default",
             needs_pool,
             [](const Scenario& s) { return s.pools(0).workload().user_data_writes_per_hour(); }),
      scalar(
          "admin.failback_after_s", "s", 600, 14400, true,
          "the admin's choice: 10 min to 4 h after the pool runs again",
          [](const Scenario& s) -> std::string {
            return s.admin().standard_response() ? "" : "the admin follows no standard response";
          },
          [](const Scenario& s) { return static_cast<double>(s.admin().failback_after_s()); }),
      distribution("admin.detect_delay", "the on-call admin: half to twice as slow to notice"),
      distribution("admin.decide_delay", "the on-call admin: half to twice as slow to decide"),
  };
  for (const char* cls : {"front_end", "back_end_server", "witness", "shared_storage", "site",
                          "link", "mediation_server", "pstn_gateway", "trunk", "branch_appliance",
                          "edge_server", "director_server", "file_server", "owa_server"}) {
    const std::string c = cls;
    r.push_back(distribution("stochastic." + c + ".time_to_failure",
                             "failure rates are not in the product documents: half to twice"));
    r.push_back(distribution("stochastic." + c + ".time_to_repair",
                             "repair times are the operator's: half to twice"));
  }
  return r;
}

const std::vector<Entry>& registry_entries() {
  static const std::vector<Entry> entries = make_registry();
  return entries;
}

double parse_number(const std::string& text, const std::string& option) {
  char* end = nullptr;
  errno = 0;
  const double x = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || errno != 0 || !std::isfinite(x))
    throw InputError("--range " + option, "'" + text + "' is not a number");
  return x;
}

// A value as the field takes it: whole numbers for integer fields.
std::string value_text(double x, bool is_integer) {
  if (is_integer) return std::to_string(static_cast<int64_t>(std::llround(x)));
  return json_number(x);
}

std::string with_unit(const std::string& value, const std::string& unit) {
  return unit == "s" ? std::string(value).append(" s")
                     : std::string(value).append(" ").append(unit);
}

// The --set assignments that put `path` at `value`: one per pool for `pools[*]`.
std::vector<std::string> assignments(const Scenario& s, const std::string& path,
                                     const std::string& value) {
  const std::string all = "pools[*]";
  if (path.compare(0, all.size(), all) != 0) return {std::string(path).append("=").append(value)};
  std::vector<std::string> out;
  for (int i = 0; i < s.pools_size(); ++i)
    out.push_back("pools[" + std::to_string(i) + "]" + path.substr(all.size()) + "=" + value);
  return out;
}

}  // namespace

const std::vector<SensitivityParameter>& sensitivity_registry() {
  static const std::vector<SensitivityParameter> params = [] {
    std::vector<SensitivityParameter> out;
    for (const Entry& e : registry_entries()) out.push_back(e.p);
    return out;
  }();
  return params;
}

SensitivityPlan plan_sensitivity(const Scenario& s, const std::vector<std::string>& ranges) {
  std::vector<Entry> entries = registry_entries();
  for (const std::string& option : ranges) {
    const size_t eq = option.find('=');
    const size_t comma = option.find(',', eq == std::string::npos ? 0 : eq);
    if (eq == std::string::npos || comma == std::string::npos)
      throw InputError("--range " + option, "expected path=low,high");
    const std::string path = option.substr(0, eq);
    const double low = parse_number(option.substr(eq + 1, comma - eq - 1), option);
    const double high = parse_number(option.substr(comma + 1), option);
    if (!(low < high)) throw InputError("--range " + option, "low must be below high");
    bool found = false;
    for (Entry& e : entries) {
      if (e.p.path != path) continue;
      if (e.p.unit == "x" && low <= 0)
        throw InputError("--range " + option, "a distribution's range is a factor above 0");
      e.p.low = low;
      e.p.high = high;
      found = true;
    }
    if (!found) {
      std::string names;
      for (const Entry& e : entries) names += " " + e.p.path;
      throw InputError("--range " + option,
                       "'" + path + "' is not a registered parameter; one of:" + names);
    }
  }
  SensitivityPlan plan;
  for (const Entry& e : entries) {
    ParameterLevels l;
    l.parameter = e.p.path;
    l.unit = e.p.unit;
    l.why = e.p.why;
    if (e.p.unit != "x") {
      if (const std::string why = e.skip_reason(s); !why.empty()) {
        plan.skipped.push_back({e.p.path, why});
        continue;
      }
      l.base_text = with_unit(value_text(e.base(s), e.p.is_integer), e.p.unit);
      const std::string lo = value_text(e.p.low, e.p.is_integer);
      const std::string hi = value_text(e.p.high, e.p.is_integer);
      l.low_text = with_unit(lo, e.p.unit);
      l.high_text = with_unit(hi, e.p.unit);
      l.low_sets = assignments(s, e.p.path, lo);
      l.high_sets = assignments(s, e.p.path, hi);
      for (const std::string& a : l.low_sets) l.paths.push_back(a.substr(0, a.rfind('=')));
      l.low = e.p.low;
      l.high = e.p.high;
      l.is_integer = e.p.is_integer;
      plan.varied.push_back(std::move(l));
      continue;
    }
    const scenario::Distribution* d = find_distribution(s, e.p.path);
    if (d == nullptr) {
      plan.skipped.push_back({e.p.path, "not set in the scenario"});
      continue;
    }
    const auto [field, scale] = distribution_scale(*d);
    if (field.empty() || scale <= 0) {
      plan.skipped.push_back({e.p.path, field.empty()
                                            ? "an empirical distribution has no scale to vary"
                                            : "fixed at 0: a factor leaves it at 0"});
      continue;
    }
    const std::string full = e.p.path + "." + field;
    const std::string lo = json_number(scale * e.p.low);
    const std::string hi = json_number(scale * e.p.high);
    l.base_text = field + " " + json_number(scale);
    l.low_text = field + " " + lo + " (" + json_number(e.p.low) + "x)";
    l.high_text = field + " " + hi + " (" + json_number(e.p.high) + "x)";
    l.low_sets = {full + "=" + lo};
    l.high_sets = {full + "=" + hi};
    l.paths = {full};
    l.low = e.p.low;
    l.high = e.p.high;
    l.scale = scale;
    plan.varied.push_back(std::move(l));
  }
  return plan;
}

std::vector<std::string> sets_at(const ParameterLevels& levels, double position) {
  DRSIM_CHECK(position >= 0 && position <= 1, "a position in a range is in [0, 1]");
  const double value = (levels.low + position * (levels.high - levels.low)) * levels.scale;
  std::vector<std::string> out;
  for (const std::string& path : levels.paths)
    out.push_back(std::string(path).append("=").append(value_text(value, levels.is_integer)));
  return out;
}

}  // namespace drsim
