// The cmdlets a runbook may use, their parameters, and binding one call to them the way
// PowerShell does (internal to io/runbook_ps1.cpp; the supported set is in docs/runbook.md).
#pragma once

#include <string>
#include <vector>

#include "io/errors.h"
#include "io/runbook_ps1.h"

namespace drsim::ps1 {

// One argument of a command after variables were expanded: a parameter (`-Name`, maybe
// with `-Name:value`) or a value.
struct Arg {
  bool is_param = false;
  std::string text;        // the parameter name without '-', or the value
  bool has_inline = false;  // -Name:value
  std::string inline_value;
  int line = 0, column = 0;
};

// What a bound call contributes to the plan.
struct Bound {
  RunbookLine::Kind kind = RunbookLine::Kind::kCmdlet;
  scenario::RunbookStep step;  // kCmdlet
  int64_t sleep_ms = 0;        // kSleep
  std::string output;          // kNoOp
  std::string category;        // Get-CsBackupServiceStatus -Category
  bool error_action_stop = false;  // -ErrorAction Stop on this line
};

// Binds `name args...`; on failure appends diagnostics (the cmdlet's kind of message at the
// offending argument) and returns false. `name_line`/`name_column` place the command.
bool bind_command(const std::string& path, const std::string& name, int name_line, int name_column,
                  const std::vector<Arg>& args, const scenario::Scenario& topology, Bound* out,
                  std::vector<Diagnostic>* diagnostics);

// The cmdlet names drsim knows, for messages and docs.
std::string supported_cmdlets();

}  // namespace drsim::ps1
