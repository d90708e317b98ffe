// `drsim compare SCENARIO --runbook A.ps1 --runbook B.ps1`: two runbooks rehearsed against the
// same disaster (the Contoso site loss), with common random numbers.
#include <catch2/catch.hpp>

#include "cli_util.h"
#include "story_util.h"
#include "test_util.h"

using namespace drsim;
using namespace drsim::testing;

TEST_CASE("cli: compare --runbook A --runbook B reports the paired differences step by step",
          "[cli][runbook]") {
  const std::string scenario = source_path("tests/data/contoso.pb.txt");
  const std::string good = source_path("scenarios/contoso-site-loss.ps1");
  const std::string misordered = source_path("scenarios/contoso-site-loss-misordered.ps1");
  const CliOutput o =
      run_cli("compare " + scenario + " --runbook " + good + " --runbook " + misordered);
  REQUIRE(o.code == 0);
  // The misordered script loses failed_cmdlet_s = 60 s, in the execute stage only.
  CHECK(o.text.find("RTO                       49m 40s        50m 40s        +1m 00s\n") !=
        std::string::npos);
  CHECK(o.text.find("  decide                  15m 00s        15m 00s        0s\n") !=
        std::string::npos);
  CHECK(o.text.find("  execute                 22m 40s        23m 40s        +1m 00s\n") !=
        std::string::npos);
  CHECK(o.text.find("cmdlets failed            0              1              +1\n") !=
        std::string::npos);
  // pool01's users (9,000) are without full service 60 s longer: 150 user-hours.
  CHECK(o.text.find("user-hours lost           7450           7600           +150\n") !=
        std::string::npos);
  CHECK(o.text.find("RPO user_data             2m 00s         2m 00s         0s\n") !=
        std::string::npos);
  CHECK(o.text.find("10:25:00 10: Invoke-CsPoolFailover -PoolFqdn pool01.~ [failed 1m 00s]") !=
        std::string::npos);
  // Across replications: the mean differences with their half-widths.
  const CliOutput n =
      run_cli("compare " + scenario + " --runbook " + good + " --runbook " + misordered + " -n 3");
  REQUIRE(n.code == 0);
  CHECK(n.text.find("seed 1, 3 replications") != std::string::npos);
  CHECK(n.text.find("+1m 00s +/- 0s") != std::string::npos);
  // One runbook is not a comparison.
  CHECK(run_cli("compare " + scenario + " --runbook " + good).code == 2);
}
