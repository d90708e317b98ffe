// Renders a rehearsal as a console session; see runbook_console.h.
#include "analysis/runbook_console.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "analysis/report_format.h"
#include "log/record_schema.h"
#include "sim/check.h"

namespace drsim {

namespace {

// What the log says about one runbook step.
struct StepRecords {
  const log::Record* start = nullptr;  // cmdlet.start
  const log::Record* end = nullptr;    // cmdlet.end
  const log::Record* error = nullptr;  // cmdlet.error
  const log::Record* query = nullptr;  // query.*
  bool stopped = false;                // runbook.stopped
};

std::map<int, StepRecords> index_steps(const std::vector<log::Record>& records) {
  std::map<int, StepRecords> by_step;
  for (const log::Record& r : records) {
    const bool is_query = r.kind().rfind("query.", 0) == 0;
    if (!rec::cmdlet_start::kind.is(r) && !rec::cmdlet_end::kind.is(r) &&
        !rec::cmdlet_error::kind.is(r) && !rec::runbook_stopped::kind.is(r) && !is_query)
      continue;
    // Every kind here names its runbook step under the same key.
    StepRecords& s = by_step[static_cast<int>(rec::get(r, rec::cmdlet_start::step, -1))];
    if (rec::cmdlet_start::kind.is(r))
      s.start = &r;
    else if (rec::cmdlet_end::kind.is(r))
      s.end = &r;
    else if (rec::cmdlet_error::kind.is(r))
      s.error = &r;
    else if (rec::runbook_stopped::kind.is(r))
      s.stopped = true;
    else
      s.query = &r;
  }
  return by_step;
}

std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

namespace status_query = rec::query_backup_service_status;
// The keys of one direction of a query.backup_service_status record.
struct DirectionKeys {
  rec::TextKey status;
  rec::IntKey path_up;
  rec::NumberKey durable_snapshot_s, backlog_bytes;
};
constexpr DirectionKeys kExport{status_query::export_status, status_query::export_path_up,
                                status_query::export_durable_snapshot_s,
                                status_query::export_backlog_bytes};
constexpr DirectionKeys kImport{status_query::import_status, status_query::import_path_up,
                                status_query::import_durable_snapshot_s,
                                status_query::import_backlog_bytes};

// The Backup Service's module states as Get-CsBackupServiceStatus names them.
std::string export_state(const log::Record& q, const DirectionKeys& dir) {
  if (rec::get(q, dir.path_up, 1) == 0) return "ErrorState";
  const std::string& s = rec::get(q, dir.status);
  return s == "final" ? "FinalState" : s == "lagging" ? "NonSteadyState" : "SteadyState";
}

void backup_status(std::string& out, const log::Record& q, const std::string& category) {
  const std::string& pool = q.subject();
  const std::string& backup = rec::get(q, status_query::backup_pool);
  const int64_t now_us = q.time_us();
  out += "    PoolFqdn       : " + pool + "\n    BackupPoolFqdn : " + backup + "\n\n";
  out += "    " + pad("Direction", 44) + pad("Status", 16) + pad("LastImportedSnapshot", 28) +
         "Backlog\n";
  out += "    " + pad("---------", 44) + pad("------", 16) + pad("--------------------", 28) +
         "-------\n";
  for (const bool is_export : {true, false}) {
    const DirectionKeys& dir = is_export ? kExport : kImport;
    const std::string name = is_export ? pool + " -> " + backup : backup + " -> " + pool;
    const double snap_s = rec::get(q, dir.durable_snapshot_s);
    const std::string snap = clock_s(duration_from_s(snap_s).us()) + " (" +
                             human_s(static_cast<double>(now_us) / 1e6 - snap_s) + " ago)";
    out += "    " + pad(name, 44) + pad(export_state(q, dir), 16) + pad(snap, 28) +
           human_bytes(rec::get(q, dir.backlog_bytes)) + "\n";
  }
  // Per module, as $status.BackupModules shows them: export = this pool's changes to its
  // backup pool, import = the backup pool's changes arriving here.
  const std::string exp = export_state(q, kExport);
  const std::string imp = rec::get(q, kImport.path_up, 1) == 0 ? "ErrorState" : "NormalState";
  const bool cms = rec::get(q, status_query::cms_master) != 0;
  out += "\n    " + pad("Identity", 28) + pad("ExportStatus", 16) + "ImportStatus\n";
  out += "    " + pad("--------", 28) + pad("------------", 16) + "------------\n";
  if (category.empty() || category == "UserData") {
    out += "    " + pad("UserServices.PresenceFocus", 28) + pad(exp, 16) + imp + "\n";
    out += "    " + pad("ConfServices.DataConf", 28) + pad(exp, 16) + imp + "\n";
  }
  if (category.empty() || category == "CMS")
    out += "    " + pad("CentralMgmt.CMSMaster", 28) + pad(cms ? exp : "NotInitialized", 16) + imp +
           "\n";
  if (category == "RGS")
    out +=
        "    (Response Group data: the Backup Service replicates it only on 2019 with "
        "EnableRgsBackupService)\n";
}

void query_output(std::string& out, const log::Record& q, const RunbookLine& line) {
  out += "\n";
  if (status_query::kind.is(q)) {
    backup_status(out, q, line.category);
  } else if (rec::query_backup_relationship::kind.is(q)) {
    out += "    PoolFqdn       : " + q.subject() +
           "\n    BackupPoolFqdn : " + rec::get(q, rec::query_backup_relationship::backup_pool) +
           "\n";
  } else if (rec::query_cms_status::kind.is(q)) {
    const bool up = rec::get(q, rec::query_cms_status::available) != 0;
    out += "    ActiveMasterFqdn         : " + std::string(up ? q.subject() : "") + "\n";
    out += "    ActiveFileTransferAgents : {" + std::string(up ? q.subject() : "") + "}\n";
    out += "    CentralManagementDatabase: " +
           (up ? rec::get(q, rec::query_cms_status::active_master_sql)
               : std::string("(unreachable)")) +
           "\n    StandbyPoolFqdn          : " + rec::get(q, rec::query_cms_status::standby_pool) +
           "\n";
  }
  out += "\n";
}

// PowerShell's error record for a failed line: a precondition of the model (the whole
// command underlined, as a cmdlet's own error is) or a statement error found when the script
// was read (the offending parameter or value underlined, with PowerShell's CategoryInfo).
void error_output(std::string& out, const log::Record* e, const RunbookLine& line,
                  const std::string& path) {
  const std::string cmdlet =
      e != nullptr ? rec::get(*e, rec::cmdlet_error::cmdlet) : line.error.command;
  out += (cmdlet.empty() ? "" : cmdlet + " : ") +
         (e != nullptr ? rec::get(*e, rec::cmdlet_error::error) : line.error.message) + "\n";
  if (!line.fails) {
    out += "At " + path + ":" + std::to_string(line.line) + " char:" + std::to_string(line.column) +
           "\n";
    out += "+ " + line.text + "\n+ " + std::string(line.text.size(), '~') + "\n";
    return;
  }
  const StatementError& err = line.error;
  out +=
      "At " + path + ":" + std::to_string(err.line) + " char:" + std::to_string(err.column) + "\n";
  out += "+ " + line.error_source + "\n+ " +
         std::string(static_cast<size_t>(std::max(err.column - 1, 0)), ' ') +
         std::string(static_cast<size_t>(std::max(err.width, 1)), '~') + "\n";
  if (!err.category.empty()) out += "    + CategoryInfo          : " + err.category + "\n";
}

// When the script started: the first command that ran, less the sleeps before it; when
// none ran, the anchor (a clock time, or the admin's decision plus a decide+ offset); -1
// when nothing tells (no incident started the script).
int64_t script_start_us(const RunbookPlan& plan, const std::vector<log::Record>& records,
                        const std::map<int, StepRecords>& steps) {
  int64_t sleeps_before_us = 0;
  for (const RunbookLine& l : plan.lines) {
    if (l.kind == RunbookLine::Kind::kSleep) sleeps_before_us += l.sleep_ms * 1000;
    if (l.kind != RunbookLine::Kind::kCmdlet) continue;
    const auto it = steps.find(l.step);
    if (it != steps.end() && (it->second.start != nullptr || it->second.error != nullptr))
      return (it->second.start != nullptr ? it->second.start : it->second.error)->time_us() -
             sleeps_before_us;
    break;
  }
  if (plan.start.kind == RunbookAnchor::Kind::kAbsolute)
    return duration_from_s(static_cast<double>(plan.start.seconds)).us();
  for (const log::Record& r : records)
    if (rec::admin_decide::kind.is(r))
      return r.time_us() + (plan.start.kind == RunbookAnchor::Kind::kDecide
                                ? duration_from_s(static_cast<double>(plan.start.seconds)).us()
                                : 0);
  return -1;
}

}  // namespace

std::string format_rehearsal(const RunbookPlan& plan, const std::vector<log::Record>& records) {
  const std::map<int, StepRecords> steps = index_steps(records);
  auto ran = [&](int step) {
    const auto it = steps.find(step);
    return it != steps.end() && (it->second.start != nullptr || it->second.error != nullptr)
               ? &it->second
               : nullptr;
  };
  const int64_t horizon_us = duration_from_s(static_cast<double>(plan.horizon_s)).us();
  const auto before_horizon = [&](int64_t t_us) {
    return t_us >= 0 && (plan.horizon_s <= 0 || t_us < horizon_us);
  };
  int64_t clock_us = script_start_us(plan, records, steps);
  std::string out = "Rehearsal of " + plan.path + "\n\n";
  int commands = 0, failed = 0;
  double lost_s = 0;
  bool stopped = false;
  for (const RunbookLine& l : plan.lines) {
    const StepRecords* s = l.kind == RunbookLine::Kind::kCmdlet ? ran(l.step) : nullptr;
    if (s != nullptr) clock_us = (s->start != nullptr ? s->start : s->error)->time_us();
    const bool reached = !stopped && before_horizon(clock_us);
    if (!l.continuation)
      out += "[" + (reached ? clock_s(clock_us) : std::string("--")) + "] PS> " + l.text + "\n";
    // A splat or a variable hides what the cmdlet was given: show every parameter as bound.
    if (!l.invocation.empty() && l.text.find('@') != std::string::npos)
      out += "    (as run: " + l.invocation + ")\n";
    if (stopped) continue;
    if (l.kind != RunbookLine::Kind::kCmdlet && l.fails && reached) {
      // An error the script met outside a rehearsed cmdlet: no model step, no time.
      error_output(out, nullptr, l, plan.path);
      if (l.ends_script) {
        out += "(the script stops here)\n";
        stopped = true;
      }
    }
    switch (l.kind) {
      case RunbookLine::Kind::kSleep:
        if (reached && !l.output.empty()) out += l.output + "\n";
        if (clock_us >= 0) clock_us += l.sleep_ms * 1000;
        if (reached && !l.work.empty())
          out += "(completed at " + clock_s(clock_us) + " after " +
                 human_s(static_cast<double>(l.sleep_ms) / 1000) + ")\n";
        break;
      case RunbookLine::Kind::kNoOp:
      case RunbookLine::Kind::kVariable:
      case RunbookLine::Kind::kPreference:
        if (reached && !l.output.empty()) out += l.output + "\n";
        break;
      case RunbookLine::Kind::kCmdlet:
        ++commands;
        if (s == nullptr) {
          out += clock_us >= 0 ? "(not run: it would start after the horizon)\n"
                               : "(not run: no incident started the runbook before the horizon)\n";
          break;
        }
        if (s->error != nullptr) {
          ++failed;
          const double cost_s = rec::get(*s->error, rec::cmdlet_error::cost_s);
          lost_s += cost_s;
          error_output(out, s->error, l, plan.path);
          clock_us = s->error->time_us() + duration_from_s(cost_s).us();
          out += "(failed: " + human_s(cost_s) + " of admin time lost, until " + clock_s(clock_us) +
                 ")\n";
          if (s->stopped) {
            out += "(the script stops here: ErrorAction is Stop)\n";
            stopped = true;
          }
        } else {
          if (s->query != nullptr && !l.quiet) query_output(out, *s->query, l);
          if (!l.output.empty()) out += l.output + "\n";
          if (s->end == nullptr) {
            out += "(still running at the horizon)\n";
            clock_us = s->start->time_us() +
                       duration_from_s(rec::get(*s->start, rec::cmdlet_start::duration_s)).us();
          } else {
            clock_us = s->end->time_us();
            out += "(completed at " + clock_s(clock_us) + " after " +
                   human_s(static_cast<double>(s->end->time_us() - s->start->time_us()) / 1e6) +
                   ")\n";
          }
        }
        break;
      default:
        break;
    }
  }
  out += "\nrunbook: " + std::to_string(commands) + " cmdlets, " + std::to_string(failed) +
         " failed, " + human_s(lost_s) + " of admin time lost";
  if (stopped)
    out += ", stopped at the first error";
  else if (before_horizon(clock_us))
    out += ", script done at " + clock_s(clock_us);
  else if (clock_us >= 0)
    out += ", not done by the horizon";
  return out + "\n";
}

}  // namespace drsim
