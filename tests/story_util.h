// Helpers for story tests: load a bundled scenario, run it, look at its measures.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "io/scenario_file.h"
#include "log/log_file.h"
#include "log/record_schema.h"
#include "sim/simulate.h"
#include "sim/validate.h"
#include "test_util.h"

namespace drsim::testing {

inline std::string source_path(const std::string& rel) {
  return std::string(DRSIM_SOURCE_DIR).append("/").append(rel);
}

inline scenario::Scenario load_story(const std::string& name) {
  return load_scenario(source_path("scenarios/" + name + ".pb.txt")).scenario;
}

// The ten-year two-site scenario cut to one year with site losses as its only random failures
// (a site every six months on average, exponential, back after a fixed eight hours): the
// failures a sensitivity or a paired comparison can be derived from by hand.
inline scenario::Scenario site_losses_only_one_year() {
  scenario::Scenario s = load_story("mc-two-site-10y");
  s.set_horizon_s(31'536'000);
  auto* st = s.mutable_stochastic();
  st->clear_front_end();
  st->clear_back_end_server();
  st->clear_witness();
  st->clear_link();
  st->mutable_site()->mutable_time_to_failure()->mutable_exponential()->set_mean_s(15'768'000);
  st->mutable_site()->mutable_time_to_repair()->set_fixed_s(28'800);
  return s;
}

// fe-crash without its scripted fault and runbook, its Front Ends failing at random every
// `fail_mean_s` on average and repaired after `repair_mean_s`, for `horizon_s`: a scenario
// that reaches the run's limits (log records, incidents) fast.
inline scenario::Scenario flapping_front_ends(double fail_mean_s, double repair_mean_s,
                                              int64_t horizon_s) {
  scenario::Scenario s = load_story("fe-crash");
  s.clear_faults();
  s.clear_runbook();
  s.set_horizon_s(horizon_s);
  auto* fe = s.mutable_stochastic()->mutable_front_end();
  fe->mutable_time_to_failure()->mutable_exponential()->set_mean_s(fail_mean_s);
  fe->mutable_time_to_repair()->mutable_exponential()->set_mean_s(repair_mean_s);
  return s;
}

inline RunResult run_story(const scenario::Scenario& s, bool always_step = false) {
  RunOptions o;
  o.seed = s.seed();
  o.model.always_step_backup = always_step;
  return simulate(s, o);
}

inline double rpo_s(const IncidentMetrics& m, Category c) {
  return m.rpo[static_cast<size_t>(c)].seconds_f();
}
inline double lost(const IncidentMetrics& m, Category c) {
  return m.lost_writes[static_cast<size_t>(c)];
}
inline const PoolMetrics& pool_metrics(const RunResult& r, const std::string& fqdn) {
  for (const PoolMetrics& p : r.metrics.pools)
    if (p.fqdn == fqdn) return p;
  FAIL("no pool " << fqdn);
  return r.metrics.pools.front();
}
inline int count_records(const RunResult& r, const std::string& kind) {
  int n = 0;
  for (const auto& rec : r.log.records()) n += rec.kind() == kind ? 1 : 0;
  return n;
}

// Scenario edits for rule tests.
inline void add_fault(scenario::Scenario& s, int64_t at_s, const std::string& component,
                      int64_t repair_s = 0) {
  auto* f = s.add_faults();
  f->set_at_s(at_s);
  f->set_component(component);
  if (repair_s > 0) f->set_repair_after_s(repair_s);
}

inline scenario::RunbookStep* add_step(scenario::Scenario& s, scenario::Cmdlet c, int64_t at_s,
                                       const std::string& pool = "") {
  auto* st = s.add_runbook();
  st->set_cmdlet(c);
  st->set_at_s(at_s);
  if (!pool.empty()) st->set_pool_fqdn(pool);
  return st;
}

// The error texts of the run's failed cmdlets, in order.
inline std::vector<std::string> errors_of(const RunResult& r) {
  std::vector<std::string> out;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "cmdlet.error") out.push_back(rec::text(rec, "error"));
  return out;
}

// The run's records as a log file, for the analysis functions that read one.
inline LogFile report_log(const RunResult& r) {
  LogFile log;
  log.header.set_horizon_us(r.metrics.horizon.us());
  log.records = r.log.records();
  return log;
}

inline bool valid(const scenario::Scenario& s) { return !has_errors(validate_scenario(s)); }

}  // namespace drsim::testing
