// The per-step outcome table of a rehearsed runbook: for each statement that took the
// admin's time or failed, when it started and ended on the simulated clock, how long it
// took, and whether it completed or the error it raised. Written beside the report
// (`drsim run --runbook ... --report DIR`: runbook-steps.csv and runbook-steps.md), and
// what the corpus tests check (tests/test_runbook_corpus.cpp).
//
// A pure function of the plan (io/runbook_ps1.h) and the run's event log, like the console
// session (analysis/runbook_console.h), whose prompts show the same start times.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/runbook_ps1.h"
#include "proto/eventlog.pb.h"

namespace drsim {

struct RehearsalStep {
  enum class Outcome { kCompleted, kFailed, kRunning, kNotRun };
  int line = 0;           // the script line it starts on
  std::string statement;  // as written
  std::string
      invocation;  // a rehearsed cmdlet with every parameter as bound (splats, variables expanded)
  int64_t start_us = -1;  // -1: not run
  int64_t end_us = -1;    // -1: not run, or still running at the horizon
  Outcome outcome = Outcome::kNotRun;
  std::string error;           // the error record's message when it failed
  bool is_model_step = false;  // a rehearsed cmdlet the model ran (not a sleep or a shell error)
};

std::vector<RehearsalStep> rehearsal_steps(const RunbookPlan& plan,
                                           const std::vector<log::Record>& records);

const char* outcome_name(RehearsalStep::Outcome o);
std::string rehearsal_steps_csv(const std::vector<RehearsalStep>& steps);
std::string rehearsal_steps_markdown(const RunbookPlan& plan,
                                     const std::vector<RehearsalStep>& steps);

}  // namespace drsim
