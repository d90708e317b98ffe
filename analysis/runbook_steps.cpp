// The per-step outcome table of a rehearsal; see runbook_steps.h.
#include "analysis/runbook_steps.h"

#include "log/record_schema.h"

#include <map>

#include "analysis/report_format.h"
#include "sim/event_log.h"

namespace drsim {

namespace {
struct StepRecords {
  const log::Record* start = nullptr;
  const log::Record* end = nullptr;
  const log::Record* error = nullptr;
  bool stopped = false;
};

// When the script started: as the console has it (the first step that ran, less the sleeps
// before it; else the anchor).
int64_t start_of(const RunbookPlan& plan, const std::vector<log::Record>& records,
                 const std::map<int, StepRecords>& steps) {
  int64_t sleeps_us = 0;
  for (const RunbookLine& l : plan.lines) {
    if (l.kind == RunbookLine::Kind::kSleep) sleeps_us += l.sleep_ms * 1000;
    if (l.kind != RunbookLine::Kind::kCmdlet) continue;
    const auto it = steps.find(l.step);
    if (it != steps.end() && (it->second.start != nullptr || it->second.error != nullptr))
      return (it->second.start != nullptr ? it->second.start : it->second.error)->time_us() -
             sleeps_us;
    break;
  }
  if (plan.start.kind == RunbookAnchor::Kind::kAbsolute) return plan.start.seconds * 1000000;
  for (const log::Record& r : records)
    if (rec::admin_decide::kind.is(r))
      return r.time_us() +
             (plan.start.kind == RunbookAnchor::Kind::kDecide ? plan.start.seconds * 1000000 : 0);
  return -1;
}

std::string csv_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
}  // namespace

const char* outcome_name(RehearsalStep::Outcome o) {
  switch (o) {
    case RehearsalStep::Outcome::kCompleted:
      return "completed";
    case RehearsalStep::Outcome::kFailed:
      return "failed";
    case RehearsalStep::Outcome::kRunning:
      return "running at the horizon";
    case RehearsalStep::Outcome::kNotRun:
      return "not run";
  }
  return "";
}

std::vector<RehearsalStep> rehearsal_steps(const RunbookPlan& plan,
                                           const std::vector<log::Record>& records) {
  std::map<int, StepRecords> steps;
  for (const log::Record& r : records) {
    if (!rec::cmdlet_start::kind.is(r) && !rec::cmdlet_end::kind.is(r) &&
        !rec::cmdlet_error::kind.is(r) && !rec::runbook_stopped::kind.is(r))
      continue;
    // Every kind here names its runbook step under the same key.
    StepRecords& s = steps[static_cast<int>(rec::get(r, rec::cmdlet_start::step, -1))];
    if (rec::cmdlet_start::kind.is(r))
      s.start = &r;
    else if (rec::cmdlet_end::kind.is(r))
      s.end = &r;
    else if (rec::cmdlet_error::kind.is(r))
      s.error = &r;
    else
      s.stopped = true;
  }
  const int64_t horizon_us = plan.horizon_s * 1000000;
  int64_t clock_us = start_of(plan, records, steps);
  std::vector<RehearsalStep> out;
  bool stopped = false;
  int line_no = 0;
  for (const RunbookLine& l : plan.lines) {
    if (!l.continuation) line_no = l.line;
    const bool takes_time =
        l.kind == RunbookLine::Kind::kCmdlet || l.kind == RunbookLine::Kind::kSleep || l.fails;
    if (!takes_time) continue;
    RehearsalStep row;
    row.line = l.continuation ? (l.fails ? l.error.line : line_no) : l.line;
    row.statement = l.continuation ? "" : l.text;
    row.invocation = l.invocation;
    if (stopped) {
      out.push_back(row);
      continue;
    }
    const bool reached = clock_us >= 0 && (plan.horizon_s <= 0 || clock_us < horizon_us);
    if (l.kind == RunbookLine::Kind::kCmdlet) {
      row.is_model_step = true;
      const auto it = steps.find(l.step);
      const StepRecords* s = it != steps.end() ? &it->second : nullptr;
      if (s == nullptr || (s->start == nullptr && s->error == nullptr)) {
        out.push_back(row);
        continue;
      }
      if (s->error != nullptr) {
        row.start_us = s->error->time_us();
        row.end_us =
            row.start_us + duration_from_s(rec::get(*s->error, rec::cmdlet_error::cost_s)).us();
        row.outcome = RehearsalStep::Outcome::kFailed;
        row.error = rec::get(*s->error, rec::cmdlet_error::error);
        stopped = s->stopped;
      } else {
        row.start_us = s->start->time_us();
        row.end_us = s->end != nullptr ? s->end->time_us() : -1;
        row.outcome = s->end != nullptr ? RehearsalStep::Outcome::kCompleted
                                        : RehearsalStep::Outcome::kRunning;
      }
      clock_us = row.end_us >= 0
                     ? row.end_us
                     : row.start_us +
                           duration_from_s(rec::get(*s->start, rec::cmdlet_start::duration_s)).us();
    } else if (l.kind == RunbookLine::Kind::kSleep) {
      if (reached) {
        row.start_us = clock_us;
        row.end_us = clock_us + l.sleep_ms * 1000;
        row.outcome = RehearsalStep::Outcome::kCompleted;
      }
      if (clock_us >= 0) clock_us += l.sleep_ms * 1000;
    }
    if (l.fails && l.kind != RunbookLine::Kind::kCmdlet && reached) {
      // An error of the shell, not of a rehearsed cmdlet: no time.
      row.start_us = row.end_us = clock_us;
      row.outcome = RehearsalStep::Outcome::kFailed;
      row.error = l.error.message;
      stopped = l.ends_script;
    }
    out.push_back(row);
  }
  return out;
}

std::string rehearsal_steps_csv(const std::vector<RehearsalStep>& steps) {
  std::string out = "line,statement,invocation,start_s,end_s,duration_s,outcome,error\n";
  for (const RehearsalStep& s : steps) {
    const auto secs = [](int64_t us) {
      return us < 0 ? std::string() : std::to_string(us / 1000000);
    };
    out += std::to_string(s.line) + "," + csv_quote(s.statement) + "," + csv_quote(s.invocation) +
           "," + secs(s.start_us) + "," + secs(s.end_us) + "," +
           (s.start_us >= 0 && s.end_us >= 0 ? std::to_string((s.end_us - s.start_us) / 1000000)
                                             : std::string()) +
           "," + outcome_name(s.outcome) + "," + csv_quote(s.error) + "\n";
  }
  return out;
}

std::string rehearsal_steps_markdown(const RunbookPlan& plan,
                                     const std::vector<RehearsalStep>& steps) {
  std::string out = "# Rehearsal of " + plan.path + ": step by step\n\n";
  out +=
      "| line | statement | as run | start | end | duration | outcome "
      "|\n|---:|---|---|---|---|---:|---|\n";
  for (const RehearsalStep& s : steps) {
    std::string stmt = s.statement;
    for (char& c : stmt)
      if (c == '|') c = '/';
    std::string outcome = outcome_name(s.outcome);
    if (!s.error.empty()) outcome += ": " + s.error;
    std::string run = s.invocation;
    for (char& c : run)
      if (c == '|') c = '/';
    out += "| " + std::to_string(s.line) + " | `" + stmt + "` | " +
           (run.empty() ? "" : "`" + run + "`") + " | " +
           (s.start_us >= 0 ? clock_s(s.start_us) : "") + " | " +
           (s.end_us >= 0 ? clock_s(s.end_us) : "") + " | " +
           (s.start_us >= 0 && s.end_us >= 0
                ? human_s(static_cast<double>(s.end_us - s.start_us) / 1e6)
                : "") +
           " | " + outcome + " |\n";
  }
  return out;
}

}  // namespace drsim
