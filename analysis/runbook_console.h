// A rehearsed runbook as a console session: for each line of the script the simulated
// clock, the prompt and the command, then what happened (completed at ..., or the error the
// real cmdlet would print, PowerShell-style, with the script's line: for a line that did not
// bind, at the offending parameter with PowerShell's CategoryInfo), and for Get-* queries
// the simulated state at that moment shaped like the real cmdlet's output. Lines that would
// start after the horizon show `[--]`.
//
// A pure function of the plan (io/runbook_ps1.h) and the run's event log: the model logs
// cmdlet.start/end/error, query.* and runbook.stopped records (docs/event-log.md) and never
// formats text itself.
#pragma once

#include <string>
#include <vector>

#include "io/runbook_ps1.h"
#include "proto/eventlog.pb.h"

namespace drsim {

std::string format_rehearsal(const RunbookPlan& plan, const std::vector<log::Record>& records);

}  // namespace drsim
