// Reading an administrator's PowerShell runbook (.ps1) into a rehearsal plan.
//
// A runbook is one command per line, as admins write them: the failover cmdlets with their
// real parameter names (matched like PowerShell: case-insensitive, unambiguous prefixes,
// common parameters), Get-* queries, Start-Sleep, comments, quoted strings, backtick line
// continuation, `$name = "..."` string variables and `$ErrorActionPreference`. A comment
// `# drsim: start at detect+15m` anchors the script to the incident. docs/runbook.md lists
// the supported set; everything else (pipelines, blocks, unknown cmdlets or parameters) is
// an error at file:line:col, all of them reported at once.
//
// parse_runbook is pure (text, path and the scenario whose topology the FQDNs are checked
// against, in; a plan or an InputError, out). apply_runbook turns the plan into the
// scenario's runbook steps, which the model runs (sim/model/model_runbook.cpp); the console
// rendering of the rehearsal is analysis/runbook_console.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/errors.h"
#include "proto/scenario.pb.h"

namespace drsim {

// Runbook files larger than this are refused (a runbook is a few kilobytes).
inline constexpr size_t kMaxRunbookBytes = 1u << 20;

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

// One command of the script, in order.
struct RunbookLine {
  enum class Kind {
    kCmdlet,      // a cmdlet the model runs (failover, query, ...): `step` says which
    kSleep,       // Start-Sleep: the admin's clock advances by sleep_ms
    kPreference,  // $ErrorActionPreference = '...'
    kVariable,    // $name = "..."
    kNoOp,        // Import-Module, Write-Host: printed, no time
  };
  Kind kind = Kind::kCmdlet;
  int line = 0;        // 1-based, where the command starts
  int column = 0;      // 1-based
  std::string text;    // the command as written, continuation lines joined
  int step = -1;       // kCmdlet: index into RunbookPlan::steps
  int64_t sleep_ms = 0;
  std::string output;  // kNoOp: what Write-Host prints
  std::string category;  // Get-CsBackupServiceStatus -Category (CMS, UserData, RGS) or empty
};

struct RunbookPlan {
  std::string path;
  RunbookAnchor anchor;
  std::vector<RunbookLine> lines;
  std::vector<scenario::RunbookStep> steps;  // in script order; steps[i] runs lines[step_line[i]]
  std::vector<int> step_line;
  int64_t trailing_sleep_ms = 0;  // Start-Sleep after the last cmdlet (shown, changes nothing)
};

// Parses a runbook; InputError with every error found, each at file:line:col.
RunbookPlan parse_runbook(const std::string& path, const std::string& text,
                          const scenario::Scenario& topology);

// Reads and parses a runbook file.
RunbookPlan load_runbook(const std::string& path, const scenario::Scenario& topology);

// Replaces the scenario's runbook with the plan's steps, chained line after line from the
// anchor. A detect+DURATION anchor makes DURATION the admin's decide delay (the decision is
// when the admin starts the script). The scenario must be validated again afterwards.
void apply_runbook(const RunbookPlan& plan, scenario::Scenario& scenario);

}  // namespace drsim
