// The cmdlets a runbook may use, their parameters and parameter sets, and binding one call
// to them the way PowerShell does (internal to the interpreter, io/runbook_commands.cpp; the
// supported set is in docs/runbook.md). The table is io/runbook_cmdlet_specs.cpp, from the Skype
// for Business Server PowerShell reference.
#pragma once

#include <string>
#include <vector>

#include "io/errors.h"
#include "io/runbook_ps1.h"

namespace drsim::ps1 {

// How PowerShell converts a parameter's argument.
enum class ParamType {
  kString,  // any text (Fqdn, String, TimeSpan, String[] of one element)
  kSwitch,  // present or -Name:$false
  kInt32,   // System.Int32
  kUInt16,  // System.UInt16 (ports)
  kNumber,  // Start-Sleep's seconds and milliseconds (decimals, as in PowerShell 7)
  kEnum,    // one of `values`, case-insensitive (an enumeration type of the cmdlet)
};

inline constexpr unsigned kAllSets = ~0u;

struct Param {
  explicit Param(const char* n, ParamType t = ParamType::kString) : name(n), type(t) {}
  // Builders, for the table: Param("PoolFqdn").must().at(0).
  Param& must() { return mandatory = true, *this; }
  Param& at(int p) { return position = p, *this; }
  Param& also(const char* a) { return alias = a, *this; }
  Param& in(unsigned s) { return sets = s, *this; }

  const char* name;
  ParamType type;
  bool mandatory = false;  // in each of its sets
  int position = -1;       // -1: named only
  const char* alias = nullptr;
  unsigned sets = kAllSets;  // bit i: the parameter is in the cmdlet's parameter set i
  const char* enum_type = nullptr;
  std::vector<const char*> values;  // kEnum
};

enum class Target { kModel, kSleep, kNoOp };

struct Spec {
  Spec(const char* n, Target t, scenario::Cmdlet c, std::vector<Param> p, bool process = false,
       std::vector<const char*> set_names = {}, int default_set_index = 0)
      : name(n),
        target(t),
        cmdlet(c),
        params(std::move(p)),
        should_process(process),
        sets(std::move(set_names)),
        default_set(default_set_index) {}

  const char* name;
  Target target;
  scenario::Cmdlet cmdlet;
  std::vector<Param> params;
  bool should_process;            // has -WhatIf and -Confirm
  std::vector<const char*> sets;  // parameter set names; empty: one set
  int default_set;
};

// The cmdlets, and PowerShell's common parameters (on every cmdlet).
const std::vector<Spec>& cmdlet_specs();
const std::vector<Param>& common_params();

// One argument of a command after variables were expanded: a parameter (`-Name`, maybe
// with `-Name:value`) or a value.
struct Arg {
  bool is_param = false;
  std::string text;         // the parameter name without '-', or the value
  bool has_inline = false;  // -Name:value
  std::string inline_value;
  int line = 0, column = 0, width = 1;
};

// What a bound call contributes to the plan.
struct Bound {
  RunbookLine::Kind kind = RunbookLine::Kind::kCmdlet;
  scenario::RunbookStep step;      // kCmdlet
  int64_t sleep_ms = 0;            // kSleep
  std::string output;              // kNoOp
  std::string category;            // Get-CsBackupServiceStatus -Category
  bool error_action_stop = false;  // -ErrorAction Stop on this line
};

// Where the command's name is, for whole-command messages.
struct CommandName {
  std::string text;
  int line = 0, column = 0, width = 1;
};

enum class BindOutcome {
  kBound,        // `out` holds the call
  kFails,        // PowerShell would run the line and it would fail: `failure` says how
  kUnsupported,  // drsim cannot rehearse it: diagnostics appended
};

// Binds `name args...` like PowerShell: one error per statement, the first one found.
BindOutcome bind_command(const std::string& path, const CommandName& name,
                         const std::vector<Arg>& args, const scenario::Scenario& topology,
                         Bound* out, StatementError* failure, std::vector<Diagnostic>* unsupported);

}  // namespace drsim::ps1
