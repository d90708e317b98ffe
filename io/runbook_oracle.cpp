// Answers about the simulated state for the runbook interpreter; see runbook_oracle.h.
#include "io/runbook_oracle.h"

#include "log/record_schema.h"

#include "sim/check.h"
#include "sim/event_log.h"
#include "sim/validate.h"

namespace drsim {

void chain_step(const RunbookAnchor& anchor, size_t index, int64_t wait_ms,
                scenario::RunbookStep* st) {
  st->clear_after_detect();
  st->clear_after_previous();
  st->clear_at_s();
  if (index == 0) {
    if (anchor.kind == RunbookAnchor::Kind::kAbsolute) {
      st->set_at_s(anchor.seconds + wait_ms / 1000);  // whole seconds: at_s is in seconds
      st->clear_offset_s();
      st->clear_offset_ms();
    } else {
      st->set_after_detect(true);
      const int64_t anchor_ms =
          anchor.kind == RunbookAnchor::Kind::kDecide ? anchor.seconds * 1000 : 0;
      st->set_offset_s((anchor_ms + wait_ms) / 1000);
      st->set_offset_ms((anchor_ms + wait_ms) % 1000);
    }
  } else {
    st->set_after_previous(true);
    st->set_offset_s(wait_ms / 1000);
    st->set_offset_ms(wait_ms % 1000);
  }
}

ModelOracle::ModelOracle(const scenario::Scenario& scenario, const RunOptions& options,
                         const RunbookAnchor& anchor)
    : scenario_(scenario), options_(options), anchor_(anchor) {
  options_.keep_log = true;
  scenario_.clear_runbook();
  if (anchor.kind == RunbookAnchor::Kind::kDetect)
    scenario_.mutable_admin()->mutable_decide_delay()->set_fixed_s(
        static_cast<double>(anchor.seconds));
}

void ModelOracle::run(const std::vector<scenario::RunbookStep>& steps) {
  scenario::Scenario s = scenario_;
  for (const scenario::RunbookStep& st : steps) *s.add_runbook() = st;
  records_.clear();
  ran_steps_ = steps;
  ++runs_;
  // A step the validator refuses is reported when the whole script is checked; the model
  // must not run it.
  if (has_errors(validate_scenario(s))) return;
  RunResult r = simulate(s, options_);
  records_ = std::move(r.log.mutable_records());
}

StepOutcome ModelOracle::read(size_t k) const {
  StepOutcome o;
  const auto step = static_cast<int64_t>(k);
  for (const log::Record& r : records_) {
    const bool is_query = rec::query_backup_service_status::kind.is(r) ||
                          rec::query_backup_relationship::kind.is(r) ||
                          rec::query_cms_status::kind.is(r);
    if (!rec::cmdlet_start::kind.is(r) && !rec::cmdlet_end::kind.is(r) &&
        !rec::cmdlet_error::kind.is(r) && !rec::runbook_stopped::kind.is(r) && !is_query)
      continue;
    // Every kind here names its runbook step under the same key.
    if (rec::get(r, rec::cmdlet_start::step, -1) != step) continue;
    if (rec::cmdlet_start::kind.is(r)) {
      o.ran = true;
      o.ok = true;
      o.start_us = r.time_us();
      o.end_us = -1;  // until cmdlet.end
    } else if (rec::cmdlet_end::kind.is(r)) {
      o.end_us = r.time_us();
    } else if (rec::cmdlet_error::kind.is(r)) {
      o.ran = true;
      o.ok = false;
      o.error = rec::get(r, rec::cmdlet_error::error);
      o.start_us = r.time_us();
      o.end_us =
          r.time_us() +
          Duration::seconds(static_cast<int64_t>(rec::get(r, rec::cmdlet_error::cost_s))).us();
    } else if (rec::runbook_stopped::kind.is(r)) {
      o.stopped = true;
    } else {
      o.has_query = true;
      o.query = r;
    }
  }
  return o;
}

StepOutcome ModelOracle::outcome(const std::vector<scenario::RunbookStep>& steps, size_t k) {
  DRSIM_CHECK(k < steps.size(), "the oracle was asked about a step the script has not reached");
  const bool cached = k < ran_steps_.size() && ran_steps_.size() <= steps.size() &&
                      ran_steps_[k].SerializeAsString() == steps[k].SerializeAsString();
  if (!cached)
    run(std::vector<scenario::RunbookStep>(steps.begin(),
                                           steps.begin() + static_cast<long>(k) + 1));
  return read(k);
}

StepOutcome ModelOracle::probe(const std::vector<scenario::RunbookStep>& steps, int64_t wait_ms) {
  std::vector<scenario::RunbookStep> with = steps;
  scenario::RunbookStep p;
  p.set_cmdlet(scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS);
  chain_step(anchor_, with.size(), wait_ms, &p);
  with.push_back(p);
  run(with);
  StepOutcome o = read(with.size() - 1);
  ran_steps_.pop_back();  // the probe is not the script's: later steps will replace it
  return o;
}

std::vector<log::Record> ModelOracle::records_until(int64_t t_us) const {
  std::vector<log::Record> out;
  for (const log::Record& r : records_)
    if (r.time_us() <= t_us) out.push_back(r);
  return out;
}

}  // namespace drsim
