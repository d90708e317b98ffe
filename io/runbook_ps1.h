// Reading an administrator's PowerShell runbook (.ps1) into a rehearsal plan.
//
// A runbook is PowerShell as admins write it (docs/runbook.md): statements, pipelines,
// functions, splatting, conditionals and loops over the simulated state, try/catch,
// transcripts, prompts, and the Skype for Business cmdlets with their real parameters. It is
// parsed (io/ps1_syntax.h) and run by the interpreter (io/runbook_interp.h) against the model
// (io/runbook_oracle.h, the run's own seed), which records what ran as the plan: a line per
// statement that ran, and the model steps of the cmdlets, chained from the anchor (`# drsim:
// start at detect+15m`). The file may be UTF-8 (with or without a byte-order mark) or UTF-16
// (io/source_text.h).
//
// Three kinds of finding, as PowerShell has them:
// - parse errors and a bad anchor: the script cannot be rehearsed; all of them are reported
//   at file:line:col (RunbookReading::fatal);
// - statement errors (an unknown command, a parameter typo, a missing mandatory parameter, an
//   unknown FQDN, an unset variable, throw): that statement fails, at its line. One of a
//   rehearsed cmdlet becomes a step that fails when it runs (RunbookStep.statement_error),
//   costing the admin failed_cmdlet_s; any other costs nothing unless it stops the script;
// - at run time, the model's preconditions (CMS first, ...), in sim/model/model_runbook.cpp.
//
// read_runbook is a pure function of its inputs (text, path, the scenario, the seed and the
// answers; it runs the model, which is deterministic). apply_runbook turns the plan into the
// scenario's runbook steps; runbook_findings places the scenario validator's findings about
// them back on the script's lines; the console rendering of the rehearsal is
// analysis/runbook_console.h, its step table analysis/runbook_steps.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/errors.h"
#include "proto/scenario.pb.h"
#include "sim/simulate.h"

namespace drsim {

// Runbook files larger than this are refused (a runbook is a few kilobytes).
inline constexpr size_t kMaxRunbookBytes = 1u << 20;
// A value with its variables expanded may be no longer than this: FQDNs and parameters are
// short, and `$b = "$a$a"` repeated would otherwise double memory on every line.
inline constexpr size_t kMaxRunbookValueChars = 4096;

// When the admin starts the script (the `# drsim: start at ...` comment).
struct RunbookAnchor {
  enum class Kind {
    kDecide,    // decide+DURATION: the scenario's decision on the first incident, then DURATION
    kDetect,    // detect+DURATION: the detection of the first incident, then DURATION
    kAbsolute,  // [day N] HH:MM[:SS]: a fixed time of the run (day 1 starts at time 0)
  };
  Kind kind = Kind::kDecide;
  int64_t seconds = 0;  // the DURATION, or the absolute time in seconds from the start
  int line = 0;         // where the comment is; 0 when the script has none (decide+0)
};

// A line PowerShell would run and fail (a binding or lookup error), as the console shows it.
struct StatementError {
  int line = 0, column = 0;  // where PowerShell points (the offending parameter or value)
  int width = 1;             // characters to underline
  std::string command;       // the command as the script names it ("" for an assignment)
  std::string message;       // PowerShell's wording
  std::string category;      // PowerShell's CategoryInfo for engine errors, "" for the cmdlet's own
};

// One command of the script, in order.
struct RunbookLine {
  enum class Kind {
    kCmdlet,      // a step the model runs (failover, query, a failing statement): `step` says which
    kSleep,       // Start-Sleep: the admin's clock advances by sleep_ms
    kPreference,  // $ErrorActionPreference = '...'
    kVariable,    // $name = "..."
    kNoOp,        // Import-Module, Write-Host: printed, no time
  };
  Kind kind = Kind::kCmdlet;
  int line = 0;      // 1-based, where the command starts
  int column = 0;    // 1-based, in characters
  std::string text;  // the command as written, continuation lines joined
  int step = -1;     // kCmdlet: index into RunbookPlan::steps
  int64_t sleep_ms = 0;
  std::string output;    // kNoOp: what Write-Host prints
  std::string category;  // Get-CsBackupServiceStatus -Category (CMS, UserData, RGS) or empty
  bool fails = false;    // a statement error: `error` says which; the step fails when it runs
  StatementError error;
  std::string error_source;   // the script line `error` points into, as written
  bool continuation = false;  // output of the statement above (no prompt of its own)
  bool quiet = false;  // kCmdlet: its output went into a variable or expression, not the console
  bool ends_script = false;  // an error nothing caught: the script stops here
  std::string work;  // kSleep: the topology cmdlet whose named duration this is, "" for Start-Sleep
  std::string invocation;  // kCmdlet: the cmdlet with every parameter as bound (splats and
                           // variables expanded)
};

struct RunbookPlan {
  std::string path;
  RunbookAnchor anchor;  // as the script's comment says
  // The anchor the steps are chained from: `anchor`, or for a clock-time or decide+ anchor
  // the same moment as detect+N, so that the RTO's decide stage ends when the script starts.
  RunbookAnchor start;
  std::vector<RunbookLine> lines;
  std::vector<scenario::RunbookStep> steps;  // in script order; steps[i] runs lines[step_line[i]]
  std::vector<int> step_line;
  int64_t trailing_sleep_ms = 0;  // Start-Sleep after the last cmdlet (shown, changes nothing)
  int64_t horizon_s = 0;          // the scenario's, for the console
  std::string transcript_path;    // Start-Transcript's -Path, "" when the script starts none
  std::vector<Diagnostic> not_rehearsed;  // calls drsim skipped (-ResetType FullReset, ...)
};

// How the rehearsal runs the model while it reads the script (io/runbook_oracle.h): the
// run's seed, replication and options, which the final run must share; and the answers to
// Read-Host, in order (`--answers FILE`, one a line).
struct RehearsalOptions {
  std::optional<uint64_t> seed;  // default: the scenario's
  uint64_t replication = 0;
  ModelOptions model;
  std::vector<std::string> answers;
};

// Reads an answers file: one answer a line (a blank line is an empty answer, Enter), lines
// starting with '#' skipped.
std::vector<std::string> load_answers(const std::string& path);

// A read runbook: the plan, and what keeps it from being rehearsed (syntax errors and
// unsupported constructs, in line order; empty when it can be).
struct RunbookReading {
  RunbookPlan plan;
  std::vector<Diagnostic> fatal;
};

RunbookReading read_runbook(const std::string& path, const std::string& bytes,
                            const scenario::Scenario& topology,
                            const RehearsalOptions& options = {});

// Reads a runbook; InputError with every fatal finding, each at file:line:col.
RunbookPlan parse_runbook(const std::string& path, const std::string& bytes,
                          const scenario::Scenario& topology, const RehearsalOptions& options = {});

// Reads and parses a runbook file.
RunbookPlan load_runbook(const std::string& path, const scenario::Scenario& topology,
                         const RehearsalOptions& options = {});

// Every statement error of a plan, as file:line:col diagnostics (for `drsim validate --runbook`).
std::vector<Diagnostic> statement_errors(const RunbookPlan& plan);

// Replaces the scenario's runbook with the plan's steps, chained line after line from the
// anchor. A detect+DURATION anchor makes DURATION the admin's decide delay (the decision is
// when the admin starts the script). The scenario must be validated again afterwards.
void apply_runbook(const RunbookPlan& plan, scenario::Scenario& scenario);

// The scenario validator's errors for a scenario the plan was applied to, each placed where
// it comes from: a runbook[i] finding at the script line of step i, the decide delay at the
// anchor, anything else at `origin` (the scenario file, as changed by --set).
std::vector<Diagnostic> runbook_findings(const RunbookPlan& plan, const scenario::Scenario& applied,
                                         const std::string& origin);

}  // namespace drsim
