// The objects a rehearsed runbook's cmdlets return, built from the model's query records
// (docs/event-log.md, query.*), and PowerShell's default formatting of objects for the
// console (Format-List, Format-Table). See runbook_interp.h.
//
// Get-CsBackupServiceStatus returns what the real one does, BackupModules with each
// module's ExportStatus and ImportStatus, and, to make the test runbooks write
// (`(Get-CsBackupServiceStatus -PoolFqdn $p).ExportStatus -eq 'FinalState'`) mean what they
// mean, the user-data modules' ExportStatus and ImportStatus on the object itself.
#include <algorithm>

#include "io/runbook_interp_impl.h"
#include "log/record_schema.h"
#include "sim/event_log.h"

namespace drsim::ps1 {

namespace {
// The Backup Service's status names, as analysis/runbook_console.cpp shows them.
namespace status = rec::query_backup_service_status;

std::string export_state(const log::Record& q) {
  if (rec::get(q, status::export_path_up, 1) == 0) return "ErrorState";
  const std::string& s = rec::get(q, status::export_status);
  return s == "final" ? "FinalState" : s == "lagging" ? "NonSteadyState" : "SteadyState";
}

Value module(const std::string& id, const std::string& exp, const std::string& imp) {
  Value m = Value::object("Microsoft.Rtc.Management.BackupModuleStatus");
  m.add("Identity", Value::string(id));
  m.add("ExportStatus", Value::string(exp));
  m.add("ImportStatus", Value::string(imp));
  return m;
}
}  // namespace

Value query_object(const log::Record& q, const std::string& category) {
  if (status::kind.is(q)) {
    Value o = Value::object("Microsoft.Rtc.Management.BackupServiceStatus");
    const std::string exp = export_state(q);
    const std::string imp =
        rec::get(q, status::import_path_up, 1) == 0 ? "ErrorState" : "NormalState";
    o.add("PoolFqdn", Value::string(q.subject()));
    o.add("BackupPoolFqdn", Value::string(rec::get(q, status::backup_pool)));
    o.add("ExportStatus", Value::string(exp));
    o.add("ImportStatus", Value::string(imp));
    o.add("ExportBacklogBytes", Value::real(rec::get(q, status::export_backlog_bytes)));
    std::vector<Value> modules;
    if (category.empty() || category == "UserData") {
      modules.push_back(module("UserServices.PresenceFocus", exp, imp));
      modules.push_back(module("ConfServices.DataConf", exp, imp));
    }
    if (category.empty() || category == "CMS")
      modules.push_back(module("CentralMgmt.CMSMaster",
                               rec::get(q, status::cms_master) != 0 ? exp : "NotInitialized", imp));
    o.add("BackupModules", Value::array(std::move(modules)));
    return o;
  }
  if (rec::query_backup_relationship::kind.is(q)) {
    Value o = Value::object("Microsoft.Rtc.Management.PoolBackupRelationship");
    o.add("PoolFqdn", Value::string(q.subject()));
    o.add("BackupPoolFqdn",
          Value::string(rec::get(q, rec::query_backup_relationship::backup_pool)));
    return o;
  }
  Value o = Value::object("Microsoft.Rtc.Management.ManagementStoreReplicationStatus");
  const bool up = rec::get(q, rec::query_cms_status::available) != 0;
  o.add("ActiveMasterFqdn", up ? Value::string(q.subject()) : Value::null());
  o.add("ActiveFileTransferAgents",
        up ? Value::array({Value::string(q.subject())}) : Value::array({}));
  o.add("CentralManagementDatabase",
        Value::string(up ? rec::get(q, rec::query_cms_status::active_master_sql) : ""));
  o.add("StandbyPoolFqdn", Value::string(rec::get(q, rec::query_cms_status::standby_pool)));
  return o;
}

Value error_record(const PsError& e) {
  Value r = Value::object("System.Management.Automation.ErrorRecord");
  Value ex = Value::object(e.exception);
  ex.add("Message", Value::string(e.message));
  r.add("Exception", ex);
  r.add("CategoryInfo", Value::string(e.category));
  r.add("FullyQualifiedErrorId", Value::string(e.exception.substr(e.exception.rfind('.') + 1)));
  r.add("TargetObject", e.target);
  Value inv = Value::object("System.Management.Automation.InvocationInfo");
  inv.add("ScriptLineNumber", Value::integer(e.line));
  inv.add("MyCommand", Value::string(e.command));
  r.add("InvocationInfo", inv);
  // "$_" in a string is the message, as PowerShell's ErrorRecord.ToString().
  r.add("Name", Value::string(e.message));
  return r;
}

std::string format_values(const std::vector<Value>& values, bool as_table,
                          const std::vector<std::string>& props) {
  std::string out;
  const auto columns = [&](const Value& v) {
    std::vector<std::string> cols;
    if (!props.empty()) {
      for (const std::string& p : props)
        if (p == "*") {
          for (const auto& [k, x] : v.props) cols.push_back(k);
        } else {
          cols.push_back(p);
        }
    } else {
      for (const auto& [k, x] : v.props)
        if (k != "Name" || v.s != "System.Management.Automation.ErrorRecord") cols.push_back(k);
    }
    return cols;
  };
  const auto cell = [](const Value& v, const std::string& k) {
    const Value* x = v.find(k);
    if (x == nullptr) return std::string();
    if (x->kind == Value::Kind::kArray) return "{" + join_values(x->items, ", ") + "}";
    return to_string(*x);
  };
  std::vector<std::string> lines;
  const Value* table_head = nullptr;
  std::vector<std::string> cols;
  std::vector<size_t> widths;
  for (const Value& v : values) {
    if (v.kind != Value::Kind::kObject && v.kind != Value::Kind::kHash) {
      lines.push_back(v.kind == Value::Kind::kDateTime || v.kind == Value::Kind::kTimeSpan
                          ? format_time(v)
                          : to_string(v));
      continue;
    }
    if (!as_table) {
      const std::vector<std::string> c = columns(v);
      size_t w = 0;
      for (const std::string& k : c) w = std::max(w, k.size());
      lines.push_back("");
      for (const std::string& k : c)
        lines.push_back(k + std::string(w - k.size(), ' ') + " : " + cell(v, k));
      continue;
    }
    if (table_head == nullptr) {
      table_head = &v;
      cols = columns(v);
      for (const std::string& k : cols) widths.push_back(k.size());
      for (const Value& row : values)
        for (size_t k = 0; k < cols.size(); ++k)
          widths[k] = std::max(widths[k], cell(row, cols[k]).size());
      std::string head, rule;
      for (size_t k = 0; k < cols.size(); ++k) {
        head += cols[k] + std::string(widths[k] - cols[k].size() + 1, ' ');
        rule += std::string(cols[k].size(), '-') + std::string(widths[k] - cols[k].size() + 1, ' ');
      }
      lines.push_back("");
      lines.push_back(head);
      lines.push_back(rule);
    }
    std::string row;
    for (size_t k = 0; k < cols.size(); ++k) {
      const std::string c = cell(v, cols[k]);
      row += c + std::string(widths[k] - std::min(widths[k], c.size()) + 1, ' ');
    }
    lines.push_back(row);
  }
  for (size_t k = 0; k < lines.size(); ++k) {
    std::string l = lines[k];
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += (k > 0 ? "\n" : "") + l;
  }
  if (!out.empty() &&
      (values.front().kind == Value::Kind::kObject || values.front().kind == Value::Kind::kHash))
    out += "\n";
  return out;
}

}  // namespace drsim::ps1
