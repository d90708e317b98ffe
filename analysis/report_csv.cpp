// The CSV exports; see report_csv.h.
#include "analysis/report_csv.h"

#include <algorithm>

#include "analysis/report_format.h"

namespace drsim {

namespace {
// Joins fields into one CSV line.
class CsvRow {
 public:
  CsvRow& add(const std::string& text) {
    if (started_) line_ += ',';
    started_ = true;
    line_ += csv_field(text);
    return *this;
  }
  // Every double in these exports is seconds except availability_fraction (added as text).
  CsvRow& add(double seconds) { return add(seconds_number(seconds)); }
  CsvRow& add(int64_t value) { return add(std::to_string(value)); }
  std::string str() const { return line_ + "\n"; }

 private:
  std::string line_;
  bool started_ = false;
};

const PolicyVerdict* verdict_for(const std::vector<PolicyVerdict>& verdicts, int incident) {
  for (const PolicyVerdict& v : verdicts) {
    if (v.incident == incident) return &v;
  }
  return nullptr;
}
}  // namespace

std::string incidents_csv(const RunReport& report, const std::vector<PolicyVerdict>& verdicts,
                          std::optional<bool> rgs_replicated) {
  CsvRow head;
  head.add("incident")
      .add("disruption")
      .add("cause")
      .add("status")
      .add("user_impact")
      .add("start_s")
      .add("restored_s");
  for (const char* stage : {"detect", "decide", "execute", "clients_back", "total"})
    head.add(std::string("rto_") + stage + "_s");
  head.add("cmdlet_errors_count")
      .add("admin_time_lost_s")
      .add("over_capacity_s")
      .add("over_capacity_users_max_count");
  for (const std::string& c : category_names()) head.add("rpo_" + c + "_s");
  for (const std::string& c : category_names()) head.add("lost_writes_" + c + "_count");
  head.add("rpo_max_s")
      .add("rpo_policy_max_s")
      .add("rto_target_s")
      .add("rpo_target_s")
      .add("rto_verdict")
      .add("rpo_verdict");
  std::string out = head.str();
  for (const IncidentReport& inc : report.incidents) {
    CsvRow row;
    row.add(static_cast<int64_t>(inc.id))
        .add(inc.disruption)
        .add(inc.cause)
        .add(inc.open ? "open" : "closed");
    row.add(had_user_impact(inc) ? "yes" : "no");
    row.add(inc.start_s).add(inc.restored_s ? number(*inc.restored_s) : "");
    row.add(inc.detect_s)
        .add(inc.decide_s)
        .add(inc.execute_s)
        .add(inc.clients_back_s)
        .add(inc.total_s);
    row.add(inc.cmdlet_errors)
        .add(inc.admin_time_lost_s)
        .add(inc.over_capacity_s)
        .add(inc.over_capacity_users_max);
    for (const auto& [c, rpo] : inc.rpo_s) row.add(rpo);
    for (const auto& [c, lost] : inc.lost_writes) row.add(lost);
    row.add(rpo_max_s(inc));
    if (rgs_replicated)
      row.add(policy_rpo_max_s(inc, *rgs_replicated));
    else
      row.add("");
    const PolicyVerdict* v = verdict_for(verdicts, inc.id);
    row.add(v != nullptr && v->rto_target_s ? std::to_string(*v->rto_target_s) : "");
    row.add(v != nullptr && v->rpo_target_s ? std::to_string(*v->rpo_target_s) : "");
    row.add(v != nullptr ? v->rto_verdict : "no target")
        .add(v != nullptr ? v->rpo_verdict : "no target");
    out += row.str();
  }
  return out;
}

std::string service_levels_csv(const ReportTimeline& timeline) {
  std::string out = CsvRow()
                        .add("group")
                        .add("pool")
                        .add("level")
                        .add("start_s")
                        .add("end_s")
                        .add("duration_s")
                        .add("users_count")
                        .str();
  for (const Lane& lane : timeline.lanes) {
    if (lane.kind != LaneKind::kRoutingGroup) continue;
    const std::string pool = lane.subject.substr(0, lane.subject.rfind('/'));
    for (const LaneSpan& s : lane.spans) {
      out += CsvRow()
                 .add(lane.subject)
                 .add(pool)
                 .add(s.state)
                 .add(static_cast<double>(s.start_us) / 1e6)
                 .add(static_cast<double>(s.end_us) / 1e6)
                 .add(static_cast<double>(s.end_us - s.start_us) / 1e6)
                 .add(s.users)
                 .str();
    }
  }
  return out;
}

std::string pools_csv(const RunReport& report, const ReportTopology& topology,
                      const std::vector<PoolLevelTime>& level_times) {
  std::string out = CsvRow()
                        .add("pool")
                        .add("site")
                        .add("backup_pool")
                        .add("users_count")
                        .add("routing_groups_count")
                        .add("availability_fraction")
                        .add("downtime_s")
                        .add("resiliency_s")
                        .add("voice_only_s")
                        .add("signed_out_s")
                        .str();
  for (const PoolReport& p : report.pools) {
    const TopologyPool* tp = find_pool(topology, p.fqdn);
    const PoolLevelTime* lt = nullptr;
    for (const PoolLevelTime& l : level_times) {
      if (l.pool == p.fqdn) lt = &l;
    }
    CsvRow row;
    row.add(p.fqdn).add(tp != nullptr ? tp->site : "").add(tp != nullptr ? tp->backup_pool : "");
    row.add(p.users).add(static_cast<int64_t>(tp != nullptr ? tp->routing_groups : 0));
    row.add(number(p.availability)).add(p.downtime_s).add(p.resiliency_s);
    row.add(lt != nullptr ? lt->per_user_s[2] : 0.0).add(lt != nullptr ? lt->per_user_s[3] : 0.0);
    out += row.str();
  }
  return out;
}

}  // namespace drsim
