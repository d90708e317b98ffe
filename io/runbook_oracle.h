// What the simulated deployment answers a rehearsed script at the moment a statement runs:
// whether a cmdlet succeeded, what a query read, what time it is.
//
// The interpreter (io/runbook_interp.h) runs the script statement by statement, and its
// control flow may depend on the simulated state (`if ((Get-CsBackupServiceStatus ...)
// .ExportStatus -eq 'FinalState')`, a bounded `while` polling it, try/catch around a
// failover). It asks here. The oracle answers by running the model (sim/simulate.h, the same
// seed and options as the rehearsal) with the script's steps so far, and reads the step's
// records from the event log. Nothing in sim/ knows about scripts: a step appended later
// starts after the earlier ones ended (each step chains on the one before), so it cannot
// change what they did, and the final run of all the steps repeats every answer given here.
//
// Each answer costs one run of the model up to the step asked about; runs are cached, and a
// runbook asks at most a few dozen times.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/runbook_ps1.h"
#include "proto/eventlog.pb.h"
#include "sim/simulate.h"

namespace drsim {

// What the model did with one step.
struct StepOutcome {
  bool ran = false;   // false: it would start after the horizon, or nothing started the runbook
  bool ok = false;    // ran and succeeded
  std::string error;  // the model's error when it failed
  int64_t start_us = -1;
  int64_t end_us = -1;  // when the next line starts (-1: still running at the horizon)
  bool has_query = false;
  log::Record query;     // the query.* record of a Get-* step
  bool stopped = false;  // the step ended the script (stop_on_error)
};

class ModelOracle {
 public:
  // `scenario` is the one rehearsed (its runbook is replaced), `anchor` the script's.
  ModelOracle(const scenario::Scenario& scenario, const RunOptions& options,
              const RunbookAnchor& anchor);

  // The outcome of steps[k], the script's steps being `steps` (only steps[0..k] matter).
  StepOutcome outcome(const std::vector<scenario::RunbookStep>& steps, size_t k);

  // When a step appended after `steps` with `wait_ms` of sleeps before it would start, with
  // the Central Management Store's state then (a query.cms_status record); start_us -1 when
  // it would not start (after the horizon).
  StepOutcome probe(const std::vector<scenario::RunbookStep>& steps, int64_t wait_ms);

  // The records of the last run up to time t (for state a query reads from the log).
  std::vector<log::Record> records_until(int64_t t_us) const;

  // How many times the model ran (for tests and the bench).
  int runs() const { return runs_; }

 private:
  void run(const std::vector<scenario::RunbookStep>& steps);
  StepOutcome read(size_t k) const;

  scenario::Scenario scenario_;
  RunOptions options_;
  RunbookAnchor anchor_;
  std::vector<scenario::RunbookStep> ran_steps_;  // the steps of the cached run
  std::vector<log::Record> records_;
  int runs_ = 0;
};

// Fills in the chaining of a step appended to `steps`: the first one from the anchor (with
// the sleeps before it), later ones after the previous step. As apply_runbook expects them.
void chain_step(const RunbookAnchor& anchor, size_t index, int64_t wait_ms,
                scenario::RunbookStep* step);

}  // namespace drsim
