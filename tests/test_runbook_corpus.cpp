// The corpus of runbooks written the way administrators write them (tests/runbooks/), each
// rehearsed on the Contoso site loss (tests/data/contoso.pb.txt) with its per-step outcomes
// and RTO checked against figures derived by hand.
//
// Contoso: site Redmond (pool01, sql01 with the CMS, edge01) lost at 10:00:00, repaired at
// 18:00; detected at 10:10 (detect 600 s). Each script says `# drsim: start at detect+15m`
// (decide 900 s) unless noted. Durations: CMS failover 300 s, pool failover 1,050 s, a query
// 10 s, a failed cmdlet 60 s, clients back 120 s; topology cmdlets their named durations
// (Enable-CsTopology 60 s, Get-CsPool 10 s, Get-CsPoolFabricState 30 s). A rehearsed RTO is
// 600 + 900 + (what runs up to the end of the last action) + 120. A runbook that leaves
// pool01 down waits for the repair: the registrar fails back 240 s (voice_failback_s) after
// the site returns, full service at 18:04, an RTO of 8h 04m = 29,040 s.
#include <catch2/catch.hpp>
#include <filesystem>

#include "analysis/runbook_console.h"
#include "analysis/runbook_steps.h"
#include "io/files.h"
#include "io/overrides.h"
#include "io/runbook_ps1.h"
#include "story_util.h"
#include "test_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

struct Rehearsed {
  RunbookPlan plan;
  RunResult run;
  std::string console;
  std::vector<RehearsalStep> steps;
};

Rehearsed rehearse(const std::string& name, const std::vector<std::string>& answers = {}) {
  scenario::Scenario s = load_scenario(source_path("tests/data/contoso.pb.txt")).scenario;
  const std::string rel = "tests/runbooks/" + name;
  RehearsalOptions o;
  o.answers = answers;
  Rehearsed r;
  r.plan = parse_runbook(rel, read_file(source_path(rel), kMaxRunbookBytes), s, o);
  apply_runbook(r.plan, s);
  validate_overridden(s, "contoso.pb.txt");
  r.run = run_story(s);
  r.console = format_rehearsal(r.plan, r.run.log.records());
  r.steps = rehearsal_steps(r.plan, r.run.log.records());
  return r;
}

// The steps as "line:outcome:seconds", the seconds the step took ("-" when it did not run).
std::vector<std::string> outcomes(const Rehearsed& r) {
  std::vector<std::string> out;
  for (const RehearsalStep& s : r.steps)
    out.push_back(std::to_string(s.line) + ":" + outcome_name(s.outcome) + ":" +
                  (s.start_us >= 0 && s.end_us >= 0
                       ? std::to_string((s.end_us - s.start_us) / 1000000)
                       : "-"));
  return out;
}

int64_t rto_s(const Rehearsed& r) {
  REQUIRE(r.run.metrics.incidents.size() == 1);
  return r.run.metrics.incidents[0].total.us() / 1000000;
}

struct Case {
  const char* file;
  std::vector<std::string> steps;
  int64_t rto_s;
};

}  // namespace

TEST_CASE("runbook corpus: each runbook rehearses with its expected steps and RTO",
          "[runbook][corpus][story]") {
  const std::vector<Case> cases = {
      // CMS 300, the CMS status 10, pool 1,050: 600 + 900 + 1,360 + 120.
      {"01-site-loss-transcript.ps1",
       {"20:completed:300", "21:completed:10", "24:completed:1050"},
       2980},
      // Splatted: the same cmdlets; the query after the last action does not count.
      {"02-splatting.ps1", {"11:completed:300", "14:completed:1050", "16:completed:10"}, 2970},
      // The cmdlets run inside script blocks passed to a logging function.
      {"03-functions-log.ps1", {"28:completed:300", "31:completed:1050"}, 2970},
      // The check finds the CMS down (10 s), fails it over, reads the pairing (10 s), fails over.
      {"04-cms-check-conditional.ps1",
       {"6:completed:10", "9:completed:300", "18:completed:10", "20:completed:1050"},
       2990},
      // The first failover fails (60 s) into the catch block, which fixes the order.
      {"05-try-catch-retry.ps1", {"5:failed:60", "10:completed:300", "11:completed:1050"}, 3030},
      {"06-foreach-pools.ps1", {"5:completed:300", "7:completed:10", "9:completed:1050"}, 2980},
      // No answer (the default, Enter): the operator aborts, nothing runs, pool01 waits for the
      // repair.
      {"07-read-host-confirm.ps1", {}, 29040},
      // Get-CsPool takes its 10 s before the first cmdlet.
      {"08-pipelines.ps1",
       {"3:completed:10", "4:completed:300", "5:completed:1050", "6:completed:10"},
       2980},
      // Enable-CsTopology's 60 s sit between the two actions.
      {"09-topology.ps1",
       {"4:completed:300", "5:completed:60", "6:completed:1050", "7:completed:30",
        "8:completed:10"},
       3030},
      // Enable-CsTopology before the CMS failover fails (the CMS is down): 60 s lost.
      {"10-publish-before-cms.ps1", {"3:failed:60", "4:completed:300", "5:completed:1050"}, 3030},
      {"11-strings-and-separators.ps1",
       {"12:completed:300", "15:completed:10", "18:completed:1050"},
       2980},
      // Polling after the last action: four queries, three sleeps, none in the RTO.
      {"12-poll-backup-status.ps1",
       {"3:completed:300", "4:completed:1050", "6:completed:10", "9:completed:60", "6:completed:10",
        "9:completed:60", "6:completed:10", "9:completed:60", "6:completed:10"},
       2970},
      // The unknown command fails in no time and the script goes on.
      {"13-unknown-command-continue.ps1",
       {"4:completed:300", "5:failed:0", "6:completed:1050"},
       2970},
      // Under Stop it ends the script (and costs the admin's minute): pool01 is never failed over.
      {"14-unknown-command-stop.ps1", {"5:completed:300", "6:failed:60"}, 29040},
      {"15-misordered-stop.ps1", {"4:failed:60"}, 29040},
      {"16-throw-precheck.ps1",
       {"6:completed:10", "8:completed:300", "9:completed:10", "13:completed:1050"},
       2990},
      // Attempt 1 fails (60 s), the catch fails the CMS over (300 s) and sleeps 30 s; attempt 2
      // works.
      {"18-retry-loop.ps1",
       {"10:failed:60", "16:completed:300", "18:completed:30", "10:completed:1050"},
       3060},
      // Started at 10:40 (decide 30m), 120 s asleep, then 300 + 1,050: 600 + 1,800 + 1,470 + 120.
      {"19-clock-anchor-sleep.ps1",
       {"5:completed:120", "6:completed:300", "7:completed:1050"},
       3990},
      // The README's runbook: the CMS check 10, CMS 300, the pairing 10, pool 1,050; the status
      // after.
      {"20-contoso-dr.ps1",
       {"18:completed:10", "22:completed:300", "26:completed:10", "28:completed:1050",
        "37:completed:10"},
       2990},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    const Rehearsed r = rehearse(c.file);
    CHECK(outcomes(r) == c.steps);
    CHECK(rto_s(r) == c.rto_s);
  }
}

TEST_CASE(
    "runbook corpus: at least 15 runbooks, each of them read without a parse error but the broken "
    "one",
    "[runbook][corpus]") {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("tests/runbooks"))) {
    if (entry.path().extension() != ".ps1") continue;
    ++count;
    const std::string name = entry.path().filename().string();
    const scenario::Scenario s = load_scenario(source_path("tests/data/contoso.pb.txt")).scenario;
    const RunbookReading r =
        read_runbook(name, read_file(entry.path().string(), kMaxRunbookBytes), s);
    INFO(name);
    CHECK(r.fatal.empty() == (name != "17-broken-syntax.ps1"));
  }
  CHECK(count >= 15);
}

TEST_CASE("runbook corpus: a broken runbook fails at the right line", "[runbook][corpus]") {
  const scenario::Scenario s = load_scenario(source_path("tests/data/contoso.pb.txt")).scenario;
  const std::string rel = "tests/runbooks/17-broken-syntax.ps1";
  const RunbookReading r = read_runbook(rel, read_file(source_path(rel), kMaxRunbookBytes), s);
  REQUIRE(r.fatal.size() == 1);
  CHECK(r.fatal[0].format() ==
        rel + ":3:12: error: Missing closing '}' in statement block or type definition.");
}

TEST_CASE("runbook corpus: the operator's answer decides whether the failover runs",
          "[runbook][corpus][story]") {
  const Rehearsed yes = rehearse("07-read-host-confirm.ps1", {"YES"});
  CHECK(outcomes(yes) == std::vector<std::string>{"9:completed:300", "10:completed:1050"});
  CHECK(rto_s(yes) == 2970);
  CHECK(yes.console.find("Type YES to fail over to Dublin: YES\n") != std::string::npos);
  const Rehearsed no = rehearse("07-read-host-confirm.ps1", {"no"});
  CHECK(no.plan.steps.empty());
  CHECK(no.console.find("Aborted by operator") != std::string::npos);
}

TEST_CASE("runbook corpus: conditionals and loops read the simulated state when they run",
          "[runbook][corpus]") {
  // The CMS check reads an empty ActiveMasterFqdn (the CMS is down) and warns.
  const Rehearsed cms = rehearse("04-cms-check-conditional.ps1");
  CHECK(cms.console.find("WARNING: CMS unavailable: failing it over to sql02") !=
        std::string::npos);
  CHECK(cms.console.find("Failing pool01.contoso.com over to pool02.contoso.com") !=
        std::string::npos);
  // The status stays ErrorState (the path to Redmond is down): the loop stops at its bound.
  const Rehearsed poll = rehearse("12-poll-backup-status.ps1");
  CHECK(poll.console.find("Stopped polling after 3 tries") != std::string::npos);
  // The catch block sees the error record of the failed cmdlet.
  const Rehearsed retry = rehearse("05-try-catch-retry.ps1");
  CHECK(retry.console.find("Pool failover failed: The Central Management Store is unavailable") !=
        std::string::npos);
  CHECK(retry.console.find("Pool failover attempt finished") != std::string::npos);
  // Get-Date is the simulated clock: 10:40 to 11:04:30.
  const Rehearsed timed = rehearse("19-clock-anchor-sleep.ps1");
  CHECK(timed.console.find("Procedure took 24.5 minutes") != std::string::npos);
  REQUIRE(timed.run.metrics.incidents.size() == 1);
  CHECK(timed.run.metrics.incidents[0].decide ==
        Duration::seconds(1800));  // 10:10 to 10:40: the script's start
}

TEST_CASE("runbook corpus: the step table agrees with the console's clock", "[runbook][corpus]") {
  const Rehearsed r = rehearse("09-topology.ps1");
  for (const RehearsalStep& s : r.steps) {
    if (s.statement.empty() || s.start_us < 0) continue;
    const std::string prompt =
        "[" + format_instant(Instant::from_us(s.start_us)).substr(0, 12) + "] PS> " + s.statement;
    INFO(prompt);
    CHECK(r.console.find(prompt) != std::string::npos);
  }
  const std::string csv = rehearsal_steps_csv(r.steps);
  CHECK(csv.rfind("line,statement,invocation,start_s,end_s,duration_s,outcome,error\n", 0) == 0);
  CHECK(csv.find("5,\"Enable-CsTopology -Verbose\",\"\",37800,37860,60,completed,\"\"\n") !=
        std::string::npos);
  // Every parameter given is shown as bound: a splat's too.
  const Rehearsed splat = rehearse("02-splatting.ps1");
  REQUIRE(!splat.steps.empty());
  CHECK(splat.steps[0].invocation ==
        "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com "
        "-BackupSqlInstanceName rtc "
        "-Force:$true -Confirm:$false");
  CHECK(splat.console.find(
            "    (as run: Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com "
            "-BackupSqlInstanceName rtc -Force:$true -Confirm:$false)\n") != std::string::npos);
}
