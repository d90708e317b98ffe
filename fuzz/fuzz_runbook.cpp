// libFuzzer target: arbitrary bytes as a PowerShell runbook (.ps1) for a fixed small
// scenario (two paired pools in two sites, below). parse_runbook() must return a plan or
// throw InputError: it parses the whole grammar (io/ps1_syntax.h) and interprets the script
// against the model (io/runbook_interp.h: control flow, pipelines, functions, the model's
// answers, all bounded). A plan must apply to the scenario, and the scenario it makes, when
// it validates, must rehearse (a capped run) without a crash or a broken invariant, and its
// console session and step table must format.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/runbook_console.h"
#include "analysis/runbook_steps.h"
#include "io/errors.h"
#include "io/runbook_ps1.h"
#include "io/scenario_file.h"
#include "sim/simulate.h"
#include "sim/validate.h"

namespace {

// The topology the runbook's FQDNs are checked against: the contoso sample's shape, small.
constexpr const char* kScenario = R"pb(
  name: "fuzz-runbook"
  product_version: SFB_2015
  horizon_s: 172800
  event_budget: 200000
  max_log_records: 20000
  sites { name: "Redmond" }
  sites { name: "Dublin" }
  links { name: "wan" site_a: "Redmond" site_b: "Dublin" }
  pools {
    fqdn: "pool01.contoso.com"
    site: "Redmond"
    edition: ENTERPRISE
    front_ends { fqdn: "fe01a.contoso.com" }
    front_ends { fqdn: "fe01b.contoso.com" }
    front_ends { fqdn: "fe01c.contoso.com" }
    users: 9000
    backup_pool: "pool02.contoso.com"
    back_end {
      ha_mode: NONE
      servers { fqdn: "sql01.contoso.com" site: "Redmond" role: PRIMARY }
    }
  }
  pools {
    fqdn: "pool02.contoso.com"
    site: "Dublin"
    edition: ENTERPRISE
    front_ends { fqdn: "fe02a.contoso.com" }
    front_ends { fqdn: "fe02b.contoso.com" }
    front_ends { fqdn: "fe02c.contoso.com" }
    users: 9000
    backup_pool: "pool01.contoso.com"
    back_end {
      ha_mode: NONE
      servers { fqdn: "sql02.contoso.com" site: "Dublin" role: PRIMARY }
    }
  }
  edge_pools { fqdn: "edge01.contoso.com" site: "Redmond" next_hop_pool: "pool01.contoso.com" }
  cms { pool: "pool01.contoso.com" }
  faults { at_s: 36000 component: "Redmond" }
  admin {
    detect_delay { fixed_s: 600 }
    decide_delay { fixed_s: 900 }
  }
)pb";

const drsim::scenario::Scenario& topology() {
  static const drsim::scenario::Scenario s =
      drsim::parse_scenario("fuzz-runbook.pb.txt", kScenario).scenario;
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // load_runbook() refuses larger files before parsing; mirror that cap.
  if (size > drsim::kMaxRunbookBytes) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  drsim::RunbookPlan plan;
  try {
    plan = drsim::parse_runbook("f.ps1", text, topology());
  } catch (const drsim::InputError&) {
    return 0;  // bad input reported as such
  }
  drsim::scenario::Scenario s = topology();
  drsim::apply_runbook(plan, s);
  if (drsim::has_errors(drsim::validate_scenario(s))) return 0;  // `drsim run` reports these
  drsim::RunOptions o;
  o.seed = s.seed();  // the seed the rehearsal read the model with
  const drsim::RunResult r = drsim::simulate(s, o);
  (void)drsim::format_rehearsal(plan, r.log.records());
  (void)drsim::rehearsal_steps_csv(drsim::rehearsal_steps(plan, r.log.records()));
  return 0;
}
