// The run as a Chrome trace-event JSON document, which ui.perfetto.dev and chrome://tracing
// open: `{"traceEvents": [...], "displayTimeUnit": "ms", "metadata": {...}}`, timestamps in
// simulated microseconds (the log's own unit, so nothing is rounded).
//
// Each section of the timeline is a process and each lane a thread (metadata "M" events name
// and order them); every span is a complete event ("X"), healthy ones in the category
// "healthy", so each lane shows as a track even when nothing on it failed.
// Counters ("C"): users per service level per pool, and each Backup Service direction's
// backlog in bytes by the log's rule (backlog_series.h). Flow arrows ("s" to "f") run from the
// fault that opened an incident to each action taken during it: runbook cmdlets and voice-registrar
// failovers.
#pragma once

#include <string>

#include "analysis/report_timeline.h"
#include "log/log_file.h"

namespace drsim {

std::string chrome_trace_json(const LogFile& log, const ReportTimeline& timeline);

}  // namespace drsim
