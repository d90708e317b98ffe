// The runbook interpreter: runs a parsed script (io/ps1_syntax.h) statement by statement,
// as PowerShell would, against the simulated deployment, and records what ran as a
// rehearsal plan (io/runbook_ps1.h): one line per statement that ran (a loop's body once per
// iteration), and the model steps of the cmdlets, in order.
//
// Where the script reads the simulated state (a query's result, $? after a cmdlet, a
// try/catch around a failover, Get-Date), it asks the model through io/runbook_oracle.h at
// the moment the statement runs; sim/ never sees the script. The files:
//   runbook_interp.cpp     statements, control flow, errors and the plan's lines
//   runbook_eval.cpp       expressions and variables
//   runbook_commands.cpp   commands: functions, script blocks, the Skype for Business cmdlets
//   runbook_builtins.cpp   PowerShell's own cmdlets (Write-Host, Format-List, Start-Sleep ...)
//   runbook_objects.cpp    the objects cmdlets return and their console formatting
//
// Errors follow PowerShell: a statement-terminating error (an unknown command, a parameter
// that does not bind, an error in an expression) ends its statement and the script goes on,
// unless $ErrorActionPreference is Stop or a try catches it; a cmdlet's own (non-terminating)
// error ends nothing unless -ErrorAction Stop or the preference makes it terminating; throw
// ends the script unless caught; exit ends it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "io/ps1_syntax.h"
#include "io/ps1_value.h"
#include "io/runbook_oracle.h"
#include "io/runbook_ps1.h"

namespace drsim::ps1 {

// Bounds, so that any script stays quick (docs/runbook.md, Limits).
inline constexpr int kMaxLoopIterations = 1000;  // per loop, as a rehearsal's bound on while/for
inline constexpr int64_t kMaxStatementsRun = 100000;  // in a whole rehearsal
inline constexpr int kMaxCallDepth = 50;              // functions calling functions
inline constexpr int kMaxModelRuns = 100;  // answers from the model (io/runbook_oracle.h)
inline constexpr size_t kMaxValueWeight =
    100000;  // items of a variable's value, nested ones included

// A PowerShell error record, thrown through the interpreter.
struct PsError {
  std::string message;
  std::string category;  // CategoryInfo ("ObjectNotFound: (x:String) [], CommandNotFoundException")
  std::string command;   // the command that raised it ("" for the engine's own)
  std::string exception = "System.Management.Automation.RuntimeException";
  int line = 0, column = 0, width = 1;
  bool thrown = false;  // `throw`, or an error made terminating: ends the script unless caught
  bool shown = false;   // the plan already shows it (a model step's error)
  bool costs =
      false;  // an error of a statement running a rehearsed cmdlet (a STATEMENT_ERROR step)
  // One of drsim's rehearsal limits (statements, loop iterations, model answers): it ends the
  // script whatever the script does, so no try/catch holds it (docs/runbook.md, Limits).
  bool limit = false;
  Value target;  // what `throw` threw
};

// exit, break, continue, return: unwinding through the interpreter.
struct Flow {
  enum class Kind { kExit, kBreak, kContinue, kReturn };
  Kind kind;
  Value value;
};

struct InterpretInput {
  const std::string& path;
  const SourceText& source;
  const Script& script;
  const scenario::Scenario& topology;
  ModelOracle* oracle;
  const std::vector<std::string>& answers;  // Read-Host, in order
};

// Runs the script into `plan` (anchor already set); fatal findings go to `fatal`.
void interpret(const InterpretInput& in, RunbookPlan* plan, std::vector<Diagnostic>* fatal);

}  // namespace drsim::ps1
