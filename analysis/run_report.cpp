// The run report from the log; see run_report.h.
#include "analysis/run_report.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <map>

#include "analysis/report_format.h"
#include "log/record_schema.h"
#include "sim/time.h"

namespace drsim {

int disruption_index(const std::string& d) {
  for (int i = 0; i < kDisruptionCount; ++i)
    if (d == kDisruptions[i]) return i;
  return -1;
}

const scenario::Policy::Target* policy_target(const scenario::Policy& p, int d) {
  switch (d) {
    case 0:
      return p.has_server() ? &p.server() : nullptr;
    case 1:
      return p.has_back_end() ? &p.back_end() : nullptr;
    case 2:
      return p.has_pool() ? &p.pool() : nullptr;
    case 3:
      return p.has_site() ? &p.site() : nullptr;
    default:
      return nullptr;  // links have no target in the schema
  }
}

const std::vector<std::string>& category_names() {
  static const std::vector<std::string> names = {
      "user_data", "conference_content", "cms",           "response_groups",
      "lis",       "call_park",          "announcements", "monitoring_archiving"};
  return names;
}

bool policy_rpo_category(const std::string& c, bool rgs_replicated) {
  return c == "user_data" || c == "conference_content" || c == "cms" ||
         (rgs_replicated && c == "response_groups");
}

bool lost_pstn(const IncidentReport& inc) {
  return std::any_of(inc.pstn.begin(), inc.pstn.end(), [](const IncidentReport::Pstn& p) {
    return p.outbound_users_lost > 0 || p.inbound_users_lost > 0;
  });
}

bool lost_access(const IncidentReport& inc) { return !inc.access.empty(); }

bool lost_content(const IncidentReport& inc) { return inc.content && !inc.content->kept; }

bool lost_pchat(const IncidentReport& inc) {
  return std::any_of(inc.pchat.begin(), inc.pchat.end(),
                     [](const IncidentReport::PersistentChat& p) {
                       return p.users_lost > 0 && p.without_s > p.failback_without_s.value_or(0);
                     });
}

std::string lost_beyond_service(const IncidentReport& inc, const char* pstn) {
  std::string out;
  auto add = [&](const char* what) { out.append(out.empty() ? "" : ", ").append(what); };
  if (lost_pstn(inc)) add(pstn);
  if (lost_access(inc)) add("remote access or federation");
  if (lost_content(inc)) add("meeting content");
  if (lost_pchat(inc)) add("Persistent Chat");
  return out;
}

const char* access_modality_text(const std::string& m) {
  if (m == "remote_sign_in") return "remote sign-in";
  if (m == "federation_out") return "outbound federation";
  if (m == "federation_in") return "inbound federation";
  if (m == "xmpp") return "XMPP federation";
  if (m == kContentModality) return "conferencing with content";
  // Short: it labels a timeline lane (the labels' column fits "outbound federation").
  if (m == "remote_media") return "remote media";
  return "?";
}

bool had_user_impact(const IncidentReport& inc) {
  return inc.restored_s.has_value() || inc.total_s > 0;
}

bool lost_data(const IncidentReport& inc) {
  for (size_t c = 0; c < inc.rpo_s.size(); ++c) {
    if (inc.rpo_s[c].second > 0 || inc.lost_writes[c].second > 0) return true;
  }
  return false;
}

double policy_rpo_max_s(const IncidentReport& inc, bool rgs_replicated, std::string* category,
                        bool stranded_as_lost) {
  double worst = 0;
  if (category != nullptr) category->clear();
  for (const auto& [c, rpo] : inc.rpo_s) {
    if (!policy_rpo_category(c, rgs_replicated) || rpo <= worst) continue;
    worst = rpo;
    if (category != nullptr) *category = c;
  }
  if (!stranded_as_lost) return worst;
  for (const IncidentReport::Stranded& st : inc.stranded) {
    if (!policy_rpo_category(st.category, rgs_replicated) || has_no_backup(inc, st.category))
      continue;
    if (st.window_s <= worst) continue;
    worst = st.window_s;
    if (category != nullptr) *category = st.category;
  }
  return worst;
}

bool has_no_backup(const IncidentReport& inc, const std::string& category) {
  return std::find(inc.no_backup.begin(), inc.no_backup.end(), category) != inc.no_backup.end();
}

double rpo_max_s(const IncidentReport& inc) {
  // A category with no backup configured has no RPO to speak of (everything since
  // deployment): it is said in words, not counted in the worst RPO.
  double worst = 0;
  for (const auto& [c, rpo] : inc.rpo_s)
    if (!has_no_backup(inc, c)) worst = std::max(worst, rpo);
  return worst;
}

std::string writes_lost_count(double expected) {
  if (!(expected > 0)) return "0";
  if (expected < 1) return "<1";
  return grouped(std::llround(expected));
}

std::string writes_count_text(double expected) {
  const std::string n = writes_lost_count(expected);
  return n + (n == "<1" || n == "1" ? " write" : " writes");
}

std::string writes_lost_text(double expected) {
  if (!(expected > 0)) return "no writes lost";
  const std::string n = writes_lost_count(expected);
  return n + (n == "<1" || n == "1" ? " write lost" : " writes lost");
}

RunReport summarize_log(const LogFile& log) {
  RunReport report;
  report.header = log.header;
  // Expected writes lost per (incident, category), from the data.loss records.
  std::map<std::pair<int, std::string>, double> expected;
  for (const log::Record& r : log.records) {
    if (rec::data_loss::kind.is(r))
      expected[{static_cast<int>(rec::get(r, rec::data_loss::incident, -1)),
                rec::get(r, rec::data_loss::category)}] += rec::get(r, rec::data_loss::lost_writes);
  }
  namespace closing = rec::incident_end;  // incident.open carries the same keys
  // incident.pool records come just before their incident's closing record.
  std::vector<IncidentReport::Pool> pools;
  std::map<int, std::vector<IncidentReport::Pstn>>
      pstn;  // incident.pstn, before their incident's record
  std::map<int, std::vector<IncidentReport::Access>> access;  // incident.access, likewise
  std::map<int, IncidentReport::Content> content;             // incident.access for meeting content
  std::map<int, std::vector<IncidentReport::Branch>> branches;       // incident.branch, likewise
  std::map<int, std::vector<IncidentReport::PersistentChat>> pchat;  // incident.pchat, likewise
  for (const log::Record& r : log.records) {
    if (rec::incident_pool::kind.is(r)) {
      IncidentReport::Pool p;
      p.fqdn = r.subject();
      p.users_affected = rec::get(r, rec::incident_pool::users_affected);
      p.resiliency_user_s = rec::get(r, rec::incident_pool::resiliency_user_s);
      p.voice_only_user_s = rec::get(r, rec::incident_pool::voice_only_user_s);
      p.signed_out_user_s = rec::get(r, rec::incident_pool::signed_out_user_s);
      if (rec::has(r, rec::incident_pool::rto_s)) p.rto_s = rec::get(r, rec::incident_pool::rto_s);
      pools.push_back(std::move(p));
    } else if (rec::pstn_users::kind.is(r)) {
      report.pstn_modelled = true;
    } else if (rec::access_modality::kind.is(r) && r.subject() == kContentModality) {
      report.content_modelled = true;
    } else if (rec::incident_access::kind.is(r) && r.subject() == kContentModality) {
      namespace ia = rec::incident_access;
      IncidentReport::Content ct;
      ct.impaired_s = rec::get(r, ia::impaired_s);
      ct.users_lost = rec::get(r, ia::users_lost);
      ct.user_s = rec::get(r, ia::user_s);
      ct.lost_writes = rec::get(r, ia::lost_writes);
      ct.at_risk_writes = rec::get(r, ia::at_risk_writes);
      ct.kept = rec::has(r, ia::service_kept.key);
      if (rec::has(r, ia::rto_s.key)) ct.rto_s = rec::get(r, ia::rto_s);
      content[static_cast<int>(rec::get(r, ia::incident))] = ct;
    } else if (rec::access_modality::kind.is(r)) {
      report.access_modelled = true;
      auto& d = report.access_deployed;
      if (rec::get(r, rec::access_modality::state) != "not_deployed" &&
          std::find(d.begin(), d.end(), r.subject()) == d.end())
        d.push_back(r.subject());
    } else if (rec::incident_access::kind.is(r)) {
      namespace ia = rec::incident_access;
      IncidentReport::Access a;
      a.modality = r.subject();
      a.impaired_s = rec::get(r, ia::impaired_s);
      a.users_lost = rec::get(r, ia::users_lost);
      a.user_s = rec::get(r, ia::user_s);
      if (rec::has(r, ia::rto_s.key)) a.rto_s = rec::get(r, ia::rto_s);
      access[static_cast<int>(rec::get(r, ia::incident))].push_back(std::move(a));
    } else if (rec::pchat_pool::kind.is(r)) {
      auto& d = report.pchat_pools;
      if (std::find(d.begin(), d.end(), r.subject()) == d.end()) d.push_back(r.subject());
    } else if (rec::incident_pchat::kind.is(r)) {
      namespace ic = rec::incident_pchat;
      IncidentReport::PersistentChat c;
      c.pool = r.subject();
      c.without_s = rec::get(r, ic::without_s);
      c.users_lost = rec::get(r, ic::users_lost);
      c.user_s = rec::get(r, ic::user_s);
      c.failed_over = rec::get(r, ic::failed_over) != 0;
      c.messages_lost = rec::get(r, ic::messages_lost);
      c.loss_window_s = rec::get(r, ic::loss_window_s);
      if (rec::has(r, ic::rto_s.key)) c.rto_s = rec::get(r, ic::rto_s);
      if (rec::has(r, ic::failback_without_s.key)) {
        c.failback_without_s = rec::get(r, ic::failback_without_s);
        c.failback_start_s = rec::get(r, ic::failback_start_s);
      }
      if (rec::has(r, ic::failback_end_s.key)) c.failback_end_s = rec::get(r, ic::failback_end_s);
      // Logs written before `back` existed: back when rto_s was there.
      c.back = rec::get(r, ic::back, rec::has(r, ic::rto_s.key) ? 1 : 0) != 0;
      pchat[static_cast<int>(rec::get(r, ic::incident))].push_back(std::move(c));
    } else if (rec::incident_pstn::kind.is(r)) {
      namespace ip = rec::incident_pstn;
      IncidentReport::Pstn p;
      p.pool = r.subject();
      p.outbound_users_lost = rec::get(r, ip::outbound_users_lost);
      p.inbound_users_lost = rec::get(r, ip::inbound_users_lost);
      p.colleagues_only_users = rec::get(r, ip::colleagues_only_users);
      p.outbound_user_s = rec::get(r, ip::outbound_user_s);
      p.inbound_user_s = rec::get(r, ip::inbound_user_s);
      p.calls_failed = rec::get(r, ip::calls_failed);
      p.calls_rerouted = rec::get(r, ip::calls_rerouted);
      p.minutes_lost = rec::get(r, ip::minutes_lost);
      if (rec::has(r, ip::outbound_rto_s.key)) p.outbound_rto_s = rec::get(r, ip::outbound_rto_s);
      if (rec::has(r, ip::inbound_rto_s.key)) p.inbound_rto_s = rec::get(r, ip::inbound_rto_s);
      pstn[static_cast<int>(rec::get(r, ip::incident))].push_back(std::move(p));
    } else if (rec::incident_branch::kind.is(r)) {
      namespace ib = rec::incident_branch;
      IncidentReport::Branch b;
      b.appliance = r.subject();
      b.branch = rec::get(r, ib::branch);
      b.users = rec::get(r, ib::users);
      // Per user: the record has user-seconds.
      const double users = static_cast<double>(std::max<int64_t>(b.users, 1));
      b.voice_only_s = rec::get(r, ib::voice_only_user_s) / users;
      b.resiliency_s = rec::get(r, ib::resiliency_user_s) / users;
      b.signed_out_s = rec::get(r, ib::signed_out_user_s) / users;
      b.on_backup_s = rec::get(r, ib::on_backup_user_s) / users;
      b.pstn_outbound_lost_s = rec::get(r, ib::pstn_outbound_user_s) / users;
      b.pstn_inbound_lost_s = rec::get(r, ib::pstn_inbound_user_s) / users;
      b.pstn_calls_failed = rec::get(r, ib::pstn_calls_failed);
      b.pstn_minutes_lost = rec::get(r, ib::pstn_minutes_lost);
      if (rec::has(r, ib::pstn_outbound_rto_s.key))
        b.pstn_outbound_rto_s = rec::get(r, ib::pstn_outbound_rto_s);
      if (rec::has(r, ib::pstn_inbound_rto_s.key))
        b.pstn_inbound_rto_s = rec::get(r, ib::pstn_inbound_rto_s);
      if (rec::has(r, ib::rto_s.key)) b.rto_s = rec::get(r, ib::rto_s);
      branches[static_cast<int>(rec::get(r, ib::incident))].push_back(std::move(b));
    } else if (closing::kind.is(r) || rec::incident_open::kind.is(r)) {
      IncidentReport inc;
      inc.id = static_cast<int>(rec::get(r, closing::incident));
      inc.cause = r.subject();
      inc.disruption = rec::get(r, closing::disruption);
      inc.start_s = rec::get(r, closing::start_s);
      if (rec::has(r, closing::restored_s)) inc.restored_s = rec::get(r, closing::restored_s);
      inc.open = rec::incident_open::kind.is(r);
      for (size_t k = 0; k < category_names().size(); ++k) {
        const std::string& c = category_names()[k];
        inc.rpo_s.emplace_back(c, rec::get(r, rec::kIncidentRpoKeys[k]));
        inc.lost_writes.emplace_back(c, rec::get(r, rec::kIncidentLostWritesKeys[k]));
        const auto e = expected.find({inc.id, c});
        // A log without data.loss records (trimmed by hand) still reads: the rounded count.
        inc.lost_writes_expected.emplace_back(
            c,
            e != expected.end() ? e->second : static_cast<double>(inc.lost_writes.back().second));
      }
      inc.detect_s = rec::get(r, closing::rto_detect_s);
      inc.decide_s = rec::get(r, closing::rto_decide_s);
      inc.execute_s = rec::get(r, closing::rto_execute_s);
      inc.clients_back_s = rec::get(r, closing::rto_clients_back_s);
      inc.total_s = rec::get(r, closing::rto_total_s);
      inc.cmdlet_errors = rec::get(r, closing::cmdlet_errors);
      inc.admin_time_lost_s = rec::get(r, closing::admin_time_lost_s);
      inc.awaiting_repair_s = rec::get(r, closing::rto_awaiting_repair_s);
      inc.nobody_acted_s = rec::get(r, closing::rto_nobody_acted_s);
      inc.nobody_acted_reason = rec::get(r, closing::nobody_acted);
      for (size_t k = 0; k < category_names().size(); ++k) {
        const std::string& c = category_names()[k];
        if (rec::get(r, rec::kIncidentNoBackupKeys[k]) != 0) inc.no_backup.push_back(c);
        if (!rec::has(r, rec::kIncidentStrandedKeys[k].key)) continue;
        inc.stranded.push_back({c, rec::get(r, rec::kIncidentStrandedKeys[k]),
                                rec::get(r, rec::kIncidentStrandedWritesKeys[k]),
                                rec::get(r, rec::kIncidentUnreachableKeys[k]),
                                rec::get(r, rec::kIncidentStrandedOpenKeys[k]) != 0});
      }
      inc.over_capacity_s = rec::get(r, closing::over_capacity_s);
      inc.over_capacity_users_max = rec::get(r, closing::over_capacity_users_max);
      inc.pools = std::move(pools);
      pools.clear();
      if (auto it = pstn.find(inc.id); it != pstn.end()) inc.pstn = std::move(it->second);
      if (auto it = access.find(inc.id); it != access.end()) inc.access = std::move(it->second);
      if (auto it = content.find(inc.id); it != content.end()) inc.content = it->second;
      if (auto it = pchat.find(inc.id); it != pchat.end()) inc.pchat = std::move(it->second);
      if (auto it = branches.find(inc.id); it != branches.end())
        inc.branches = std::move(it->second);
      inc.pstn_calls_failed = rec::get(r, closing::pstn_calls_failed);
      inc.pstn_calls_rerouted = rec::get(r, closing::pstn_calls_rerouted);
      inc.pstn_minutes_lost = rec::get(r, closing::pstn_minutes_lost);
      if (rec::has(r, closing::pstn_outbound_rto_s.key))
        inc.pstn_outbound_rto_s = rec::get(r, closing::pstn_outbound_rto_s);
      if (rec::has(r, closing::pstn_inbound_rto_s.key))
        inc.pstn_inbound_rto_s = rec::get(r, closing::pstn_inbound_rto_s);
      report.incidents.push_back(std::move(inc));
    } else if (rec::pool_summary::kind.is(r)) {
      PoolReport p;
      p.fqdn = r.subject();
      p.users = rec::get(r, rec::pool_summary::users);
      p.availability = rec::get(r, rec::pool_summary::availability, 1.0);
      p.downtime_s = rec::get(r, rec::pool_summary::downtime_s);
      p.resiliency_s = rec::get(r, rec::pool_summary::resiliency_s);
      report.pools.push_back(std::move(p));
    }
  }
  std::stable_sort(report.incidents.begin(), report.incidents.end(),
                   [](const IncidentReport& a, const IncidentReport& b) { return a.id < b.id; });
  double full = 0, users = 0;
  for (const PoolReport& p : report.pools) {
    full += p.availability * static_cast<double>(p.users);
    users += static_cast<double>(p.users);
  }
  report.user_availability = users > 0 ? full / users : 1;
  return report;
}

}  // namespace drsim
