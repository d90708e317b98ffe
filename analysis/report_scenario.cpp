// The scenario summary; see report_scenario.h.
#include "analysis/report_scenario.h"

#include <cmath>

#include <utility>

#include "analysis/report_format.h"
#include "analysis/sweep.h"
#include "proto/options.pb.h"
#include "sim/model/distribution.h"
#include "sim/model/product.h"

namespace drsim {

namespace {

Cell text_cell(const std::string& s) { return {s, "", "", false}; }
Cell duration_cell(double s) { return {human_s(s), "", "", true}; }

// Adds a row unless the table is full; counts what it left out in the note.
void add_row(Table& t, std::vector<Cell> row, size_t total, const std::string& what) {
  if (t.rows.size() >= kMaxScenarioRows) return;
  t.rows.push_back(std::move(row));
  if (t.rows.size() == kMaxScenarioRows && total > kMaxScenarioRows)
    t.note = "The first " + std::to_string(kMaxScenarioRows) + " of " + std::to_string(total) +
             " " + what + ".";
}

Table faults_table(const scenario::Scenario& sc) {
  Table t;
  t.head = {"At", "Component", "Repaired after", "Note"};
  t.empty_note = "No scripted faults.";
  const size_t n = static_cast<size_t>(sc.faults_size());
  for (const scenario::Fault& f : sc.faults()) {
    add_row(t,
            {text_cell(clock_s(Duration::seconds(f.at_s()).us())), text_cell(f.component()),
             f.has_repair_after_s() ? duration_cell(static_cast<double>(f.repair_after_s()))
                                    : Cell{"never", "", "", true},
             text_cell(f.note())},
            n, "faults");
  }
  return t;
}

Table random_table(const scenario::Scenario& sc) {
  Table t;
  t.head = {"Component class", "Time to failure", "Time to repair"};
  t.empty_note = "No random failures.";
  if (!sc.has_stochastic()) return t;
  const scenario::Stochastic& st = sc.stochastic();
  const std::pair<const char*, const scenario::Stochastic::FailureModel*> classes[] = {
      {"Front End", st.has_front_end() ? &st.front_end() : nullptr},
      {"Back End SQL server", st.has_back_end_server() ? &st.back_end_server() : nullptr},
      {"witness", st.has_witness() ? &st.witness() : nullptr},
      {"shared storage", st.has_shared_storage() ? &st.shared_storage() : nullptr},
      {"site", st.has_site() ? &st.site() : nullptr},
      {"WAN link", st.has_link() ? &st.link() : nullptr}};
  for (const auto& [name, model] : classes) {
    if (model == nullptr) continue;
    t.rows.push_back({text_cell(name), text_cell(describe_distribution(model->time_to_failure())),
                      text_cell(describe_distribution(model->time_to_repair()))});
  }
  std::string extra;
  if (st.warm_up_s() > 0)
    extra += "Statistics from " + human_s(static_cast<double>(st.warm_up_s())) + " on (warm-up). ";
  if (st.common_cause_size() > 0)
    extra += std::to_string(st.common_cause_size()) + " common-cause groups. ";
  if (st.maintenance_size() > 0)
    extra += std::to_string(st.maintenance_size()) + " maintenance windows. ";
  if (!extra.empty()) t.note = extra.substr(0, extra.size() - 1);
  return t;
}

// When a step runs (scenario.proto, RunbookStep): `last_decision_step` is the 1-based number
// of the latest after_detect step before it, 0 when none: after_detect steps run one after
// another from the admin's decision.
std::string step_when(const scenario::RunbookStep& st, int last_decision_step) {
  const double offset_s =
      static_cast<double>(st.offset_s()) + static_cast<double>(st.offset_ms()) / 1000;
  const std::string plus = offset_s > 0 ? " + " + human_s(offset_s) : "";
  if (st.after_previous()) return "when the step before ends" + plus;
  if (st.after_detect() && last_decision_step > 0)
    return "when step " + std::to_string(last_decision_step) + " ends" + plus +
           " (from the admin's decision)";
  if (st.after_detect()) return "at the admin's decision" + plus;
  return "at " + clock_s(Duration::seconds(st.at_s()).us());
}

std::string step_target(const scenario::RunbookStep& st) {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : " ") + s; };
  if (!st.pool_fqdn().empty()) add("-PoolFqdn " + st.pool_fqdn());
  if (!st.backup_sql_server_fqdn().empty())
    add("-BackupSqlServerFqdn " + st.backup_sql_server_fqdn());
  if (!st.edge_pool().empty()) add("-Identity " + st.edge_pool());
  if (!st.next_hop_pool().empty()) add("-Registrar " + st.next_hop_pool());
  if (st.disaster_mode()) add("-DisasterMode");
  if (st.force()) add("-Force");
  return out;
}

Table runbook_table(const scenario::Scenario& sc) {
  Table t;
  t.head = {"Step", "Cmdlet", "Parameters", "When", "Note"};
  t.empty_note =
      sc.admin().standard_response()
          ? "No scripted steps: the admin follows the standard procedure at each decision."
          : "No runbook steps.";
  const size_t n = static_cast<size_t>(sc.runbook_size());
  int last_decision_step = 0;
  for (int i = 0; i < sc.runbook_size(); ++i) {
    const scenario::RunbookStep& st = sc.runbook(i);
    std::string when = step_when(st, last_decision_step);
    if (st.after_detect()) last_decision_step = i + 1;
    if (st.stop_on_error()) when += "; stops the runbook if it fails";
    add_row(
        t,
        {Cell{std::to_string(i + 1), "", "", true}, text_cell(product::cmdlet_name(st.cmdlet())),
         text_cell(step_target(st)), text_cell(when), text_cell(st.note())},
        n, "runbook steps");
  }
  return t;
}

Table admin_table(const scenario::Scenario& sc) {
  Table t;
  t.head = {"Admin", "Value"};
  const scenario::Admin& a = sc.admin();
  t.rows.push_back({text_cell("Detect delay (until the admin notices)"),
                    text_cell(a.has_detect_delay() ? describe_distribution(a.detect_delay())
                                                   : "none: at once")});
  t.rows.push_back({text_cell("Decide delay (until the admin acts)"),
                    text_cell(a.has_decide_delay() ? describe_distribution(a.decide_delay())
                                                   : "none: at once")});
  t.rows.push_back({text_cell("Standard procedure at each decision"),
                    text_cell(a.standard_response() ? "yes" : "no")});
  if (a.standard_response())
    t.rows.push_back({text_cell("Failback after the pool runs again"),
                      text_cell(human_s(static_cast<double>(a.failback_after_s())))});
  return t;
}

Table policy_table(const scenario::Scenario& sc) {
  Table t;
  t.head = {"Disruption", "RTO target", "RPO target"};
  t.empty_note = "No policy targets.";
  for (int d = 0; d < kDisruptionCount; ++d) {
    const scenario::Policy::Target* target = policy_target(sc.policy(), d);
    if (target == nullptr || (!target->has_rto_s() && !target->has_rpo_s())) continue;
    t.rows.push_back({text_cell(kDisruptions[d]),
                      target->has_rto_s() ? duration_cell(static_cast<double>(target->rto_s()))
                                          : Cell{"none", "", "", true},
                      target->has_rpo_s() ? duration_cell(static_cast<double>(target->rpo_s()))
                                          : Cell{"none", "", "", true}});
  }
  return t;
}

// A parameter's value as a person reads it: durations in human units, enums by name.
std::string parameter_value(const google::protobuf::Message& m,
                            const google::protobuf::FieldDescriptor* fd) {
  namespace pb = google::protobuf;
  const pb::Reflection* refl = m.GetReflection();
  const std::string& name = fd->name();
  const bool seconds = name.size() > 2 && name.compare(name.size() - 2, 2, "_s") == 0;
  switch (fd->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return std::to_string(refl->GetInt32(m, fd));
    case pb::FieldDescriptor::CPPTYPE_INT64: {
      if (!fd->has_default_value() && !refl->HasField(m, fd)) return "random per pool";
      const int64_t v = refl->GetInt64(m, fd);
      return seconds ? human_s(static_cast<double>(v)) : grouped(v);
    }
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return refl->GetBool(m, fd) ? "true" : "false";
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return refl->GetEnum(m, fd)->name();
    case pb::FieldDescriptor::CPPTYPE_DOUBLE: {
      const double v = refl->GetDouble(m, fd);
      if (seconds) return human_s(v);
      // Shares and rates: as written, with what they are (a share as a percentage).
      if (name.find("share") != std::string::npos) return fixed(v * 100, 0) + " %";
      return fixed(v, v == std::floor(v) ? 0 : 2);
    }
    default:
      return "(see the scenario)";
  }
}

Table assumptions_table(const scenario::Scenario& sc) {
  Table t;
  t.head = {"Assumption", "Value", "Set by", "Why this is an assumption"};
  const scenario::ModelParameters& m = sc.parameters();
  const auto* desc = m.GetDescriptor();
  for (int f = 0; f < desc->field_count(); ++f) {
    const auto* fd = desc->field(f);
    if (!fd->options().HasExtension(options::assumption)) continue;
    const bool set = m.GetReflection()->HasField(m, fd);
    t.rows.push_back({text_cell(fd->name()), Cell{parameter_value(m, fd), "", "", true},
                      text_cell(set ? "the scenario" : "drsim's default"),
                      text_cell(fd->options().GetExtension(options::assumption))});
  }
  t.note =
      "Model parameters the product documents do not give (docs/model.md, Assumptions): the answer "
      "above depends on them. Override one (parameters.NAME) in a what-if to see by how much.";
  return t;
}

}  // namespace

std::string describe_distribution(const scenario::Distribution& d) {
  switch (d.kind_case()) {
    case scenario::Distribution::kFixedS:
      return "fixed " + human_s(d.fixed_s());
    case scenario::Distribution::kExponential:
      return "exponential, mean " + human_s(d.exponential().mean_s());
    case scenario::Distribution::kWeibull:
      return "Weibull, shape " + number(d.weibull().shape()) + ", scale " +
             human_s(d.weibull().scale_s());
    case scenario::Distribution::kLognormal:
      return "lognormal, median " + human_s(d.lognormal().median_s()) + ", sigma " +
             number(d.lognormal().sigma());
    case scenario::Distribution::kEmpirical:
      return "empirical, " + std::to_string(d.empirical().samples_s_size()) + " samples, mean " +
             human_s(distribution_mean_s(d));
    case scenario::Distribution::KIND_NOT_SET:
      break;
  }
  return "none";
}

ScenarioSummary scenario_summary(const scenario::Scenario& sc) {
  ScenarioSummary s;
  s.faults = faults_table(sc);
  s.random = random_table(sc);
  s.runbook = runbook_table(sc);
  s.admin = admin_table(sc);
  s.policy_targets = policy_table(sc);
  s.assumptions = assumptions_table(sc);
  return s;
}

}  // namespace drsim
