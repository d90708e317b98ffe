// Rehearsing PowerShell runbooks on the Contoso deployment (tests/data/contoso.pb.txt):
// stories with hand-derived RTOs, what failures cost, the console session with the Get-*
// outputs, and `drsim run --runbook` end to end (exit codes, determinism).
//
// Contoso: site Redmond lost at 10:00:00; detected at 10:10:00 (detect 600 s). Durations:
// CMS failover 300 s, pool failover 1,050 s, Edge next hop 600 s, a query 10 s, a failed
// cmdlet 60 s, clients back 120 s (docs/model.md defaults).
#include <catch2/catch.hpp>
#include <filesystem>

#include "analysis/runbook_console.h"
#include "cli_util.h"
#include "io/files.h"
#include "io/overrides.h"
#include "io/runbook_ps1.h"
#include "story_util.h"
#include "test_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

scenario::Scenario contoso() {
  return load_scenario(source_path("tests/data/contoso.pb.txt")).scenario;
}

struct Rehearsal {
  RunbookPlan plan;
  RunResult run;
  std::string console;
};

Rehearsal rehearse(const std::string& path, const std::string& text,
                   scenario::Scenario s = contoso()) {
  Rehearsal r;
  r.plan = parse_runbook(path, text, s);
  apply_runbook(r.plan, s);
  validate_overridden(s, "contoso.pb.txt");
  r.run = run_story(s);
  r.console = format_rehearsal(r.plan, r.run.log.records());
  return r;
}

Rehearsal rehearse_file(const std::string& rel, scenario::Scenario s = contoso()) {
  return rehearse(rel, read_file(source_path(rel), kMaxRunbookBytes), std::move(s));
}

const IncidentMetrics& only_incident(const Rehearsal& r) {
  REQUIRE(r.run.metrics.incidents.size() == 1);
  return r.run.metrics.incidents[0];
}

const log::Record* first_record(const Rehearsal& r, const std::string& kind) {
  for (const log::Record& rec : r.run.log.records())
    if (rec.kind() == kind) return &rec;
  return nullptr;
}

Instant at(int h, int m, int s) {
  return Instant::origin() + Duration::seconds(h * 3600 + m * 60 + s);
}

const char* kCorrect =
    "# drsim: start at detect+15m\n"
    "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force\n"
    "Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode\n";
const char* kMisordered =
    "# drsim: start at detect+15m\n"
    "Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode\n"
    "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force\n"
    "Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode\n";

}  // namespace

TEST_CASE("rehearsal: a correct runbook's RTO is detect + anchor + the cmdlets' durations",
          "[runbook][story]") {
  const Rehearsal r = rehearse("rb.ps1", kCorrect);
  const IncidentMetrics& m = only_incident(r);
  CHECK(m.cmdlet_errors == 0);
  CHECK(m.detect == Duration::seconds(600));
  CHECK(m.decide == Duration::seconds(900));          // the anchor: detect+15m
  CHECK(m.execute == Duration::seconds(300 + 1050));  // CMS, then the pool
  CHECK(m.clients_back == Duration::seconds(120));
  CHECK(m.total == Duration::seconds(600 + 900 + 1350 + 120));
  CHECK(m.restored == at(10, 49, 30));
}

TEST_CASE("rehearsal: the sample runbook, with its status checks", "[runbook][story]") {
  const Rehearsal r = rehearse_file("scenarios/contoso-site-loss.ps1");
  const IncidentMetrics& m = only_incident(r);
  CHECK(m.cmdlet_errors == 0);
  // From 10:25: the CMS failover (300 s), the CMS status check (10 s), the pool failover
  // (1,050 s); then clients back. The last query is not an action.
  CHECK(m.execute == Duration::seconds(300 + 10 + 1050));
  CHECK(m.total == Duration::seconds(600 + 900 + 1360 + 120));
  CHECK(r.console.find("[d+0 10:47:40] PS> Get-CsBackupServiceStatus -PoolFqdn $backupPool "
                       "-Category UserData") != std::string::npos);
  CHECK(r.console.find("script done at d+0 10:47:50") != std::string::npos);
}

TEST_CASE("rehearsal: a pool failover before the CMS failover fails and costs failed_cmdlet_s",
          "[runbook][story]") {
  const Rehearsal good = rehearse("rb.ps1", kCorrect);
  const Rehearsal bad = rehearse("rb.ps1", kMisordered);
  const IncidentMetrics& m = only_incident(bad);
  CHECK(m.cmdlet_errors == 1);
  CHECK(m.admin_time_lost == Duration::seconds(60));
  CHECK(m.total - only_incident(good).total == Duration::seconds(60));
  CHECK(m.total == Duration::seconds(3030));
  const log::Record* e = first_record(bad, "cmdlet.error");
  REQUIRE(e != nullptr);
  CHECK(e->time_us() == at(10, 25, 0).us());
  CHECK(rec::text(*e, "error") ==
        "The Central Management Store is unavailable: fail it over first "
        "(Invoke-CsManagementServerFailover).");
  // The console shows the error like PowerShell, at the script's line.
  CHECK(
      bad.console.find(
          "[d+0 10:25:00] PS> Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode\n"
          "Invoke-CsPoolFailover : The Central Management Store is unavailable: fail it over first "
          "(Invoke-CsManagementServerFailover).\n"
          "At rb.ps1:2 char:1\n") != std::string::npos);
  CHECK(bad.console.find("(failed: 1m 00s of admin time lost, until d+0 10:26:00)\n"
                         "[d+0 10:26:00] PS> Invoke-CsManagementServerFailover") !=
        std::string::npos);
  CHECK(bad.console.find("runbook: 3 cmdlets, 1 failed, 1m 00s of admin time lost") !=
        std::string::npos);
}

TEST_CASE("rehearsal: the mis-ordered sample recovers 60 s later than the same script in order",
          "[runbook][story]") {
  const Rehearsal bad = rehearse_file("scenarios/contoso-site-loss-misordered.ps1");
  std::string fixed =
      read_file(source_path("scenarios/contoso-site-loss-misordered.ps1"), kMaxRunbookBytes);
  const std::string first =
      "Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Verbose\n";
  REQUIRE(fixed.find(first) != std::string::npos);
  fixed.erase(fixed.find(first), first.size());
  const Rehearsal good = rehearse("fixed.ps1", fixed);
  CHECK(only_incident(good).cmdlet_errors == 0);
  CHECK(only_incident(bad).cmdlet_errors == 1);
  CHECK(only_incident(bad).total - only_incident(good).total == Duration::seconds(60));
}

TEST_CASE("rehearsal: the samples on the imported Contoso topology (import, then rehearse)",
          "[runbook][story]") {
  // scenarios/contoso.pb.txt is what `drsim import-topology scenarios/contoso.tbxml` writes.
  const scenario::Scenario imported =
      load_scenario(source_path("scenarios/contoso.pb.txt")).scenario;
  const Rehearsal good = rehearse_file("scenarios/contoso-site-loss.ps1", imported);
  const Rehearsal bad = rehearse_file("scenarios/contoso-site-loss-misordered.ps1", imported);
  CHECK(only_incident(good).cmdlet_errors == 0);
  CHECK(only_incident(bad).cmdlet_errors == 1);
  CHECK(only_incident(bad).admin_time_lost == Duration::seconds(60));
  // The imported admin notices in 600 s; the anchor (detect+15m) is the decision; clients come
  // back 120 s after the pool failover. In order: 4 queries of 10 s, the CMS failover (300 s),
  // a 60 s sleep, the pool failover (1,050 s). Mis-ordered: the failed pool failover (60 s),
  // the CMS failover, the pool failover.
  CHECK(only_incident(good).detect == Duration::seconds(600));
  // In order: the CMS failover (300 s), its check (10 s), the pool failover (1,050 s).
  // Mis-ordered: the failed pool failover (60 s) first, then the same.
  CHECK(only_incident(good).total == Duration::seconds(600 + 900 + 300 + 10 + 1050 + 120));
  CHECK(only_incident(bad).total == Duration::seconds(600 + 900 + 60 + 300 + 10 + 1050 + 120));
  // The right order is the faster one, by exactly what the mistake cost.
  CHECK(only_incident(bad).total - only_incident(good).total == Duration::seconds(60));
}

TEST_CASE("rehearsal: with ErrorActionPreference Stop the first error ends the script",
          "[runbook][story]") {
  for (const std::string& stop : {std::string("$ErrorActionPreference = 'Stop'\n") + kMisordered,
                                  std::string(kMisordered)
                                      .replace(std::string(kMisordered).find("-DisasterMode\n"), 14,
                                               "-DisasterMode -ea Stop\n")}) {
    const Rehearsal r = rehearse("rb.ps1", stop);
    CHECK(count_records(r.run, "cmdlet.error") == 1);
    CHECK(count_records(r.run, "cmdlet.start") == 0);  // nothing ran after the error
    CHECK(count_records(r.run, "runbook.stopped") == 1);
    CHECK(count_records(r.run, "cms.moved") == 0);
    CHECK(r.console.find("(the script stops here: ErrorAction is Stop)") != std::string::npos);
    // The script ends there, as in PowerShell: what follows never runs and is not shown.
    CHECK(r.console.find("PS> Invoke-CsManagementServerFailover") == std::string::npos);
  }
}

TEST_CASE("rehearsal: a running Edge pool needs its next hop moved before the pool failover",
          "[runbook][story]") {
  // Only pool01's Front Ends are lost: edge01 in Redmond still runs with pool01 as next hop.
  // The CMS ran on pool01, so it is down with the pool (sfb-hadr 2.6) and goes first.
  scenario::Scenario s = contoso();
  s.mutable_faults(0)->set_component("pool01.contoso.com");
  const std::string cms =
      "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force\n";
  const std::string failover = "Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode\n";
  const Rehearsal without =
      rehearse("rb.ps1", "# drsim: start at detect+15m\n" + cms + failover, s);
  CHECK(only_incident(without).cmdlet_errors == 1);
  const log::Record* e = first_record(without, "cmdlet.error");
  REQUIRE(e != nullptr);
  CHECK(rec::text(*e, "error") ==
        "Edge pool edge01.contoso.com uses pool01.contoso.com as its next hop: change the next hop "
        "first.");

  const Rehearsal with = rehearse("rb.ps1",
                                  "# drsim: start at detect+15m\n" + cms +
                                      "Set-CsEdgeServer EdgeServer:edge01.contoso.com -Registrar "
                                      "Registrar:pool02.contoso.com\n" +
                                      failover,
                                  s);
  const IncidentMetrics& m = only_incident(with);
  CHECK(m.cmdlet_errors == 0);
  CHECK(m.execute == Duration::seconds(300 + 600 + 1050));
  const log::Record* hop = first_record(with, "edge.next_hop");
  REQUIRE(hop != nullptr);
  CHECK(hop->subject() == "edge01.contoso.com");
  CHECK(rec::text(*hop, "next_hop") == "pool02.contoso.com");
}

TEST_CASE("rehearsal: a pool lost with the CMS on it needs the CMS failed over first",
          "[runbook][story]") {
  // Before the correction the CMS counted as available while pool01's Back End ran.
  scenario::Scenario s = contoso();
  s.mutable_faults(0)->set_component("pool01.contoso.com");
  const Rehearsal r = rehearse(
      "rb.ps1",
      "# drsim: start at detect+15m\n"
      "Set-CsEdgeServer EdgeServer:edge01.contoso.com -Registrar Registrar:pool02.contoso.com\n"
      "Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode\n",
      s);
  const log::Record* e = first_record(r, "cmdlet.error");
  REQUIRE(e != nullptr);
  // The next-hop change publishes the topology, which needs the CMS too.
  CHECK(rec::text(*e, "error") ==
        "Publishing the topology needs the Central Management Store, which is unavailable.");
  CHECK(count_records(r.run, "cmdlet.error") == 2);
}

TEST_CASE("rehearsal: anchors and Start-Sleep set when each line runs", "[runbook]") {
  const std::string q = "Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n";
  auto starts = [](const Rehearsal& r) {
    std::vector<int64_t> t;
    for (const log::Record& rec : r.run.log.records())
      if (rec.kind() == "cmdlet.start") t.push_back(rec.time_us());
    return t;
  };
  // decide+5m: the scenario's decision (10:25) plus 5 minutes; then 10 s per query, 1.5 s asleep.
  CHECK(starts(rehearse("rb.ps1", "# drsim: start at decide+5m\n" + q +
                                      "Start-Sleep -Milliseconds 1500\n" + q)) ==
        std::vector<int64_t>{at(10, 30, 0).us(), at(10, 30, 10).us() + 1'500'000});
  // A clock time, and a sleep before the first command.
  CHECK(starts(rehearse("rb.ps1", "# drsim: start at 10:40\nStart-Sleep 30\n" + q)) ==
        std::vector<int64_t>{at(10, 40, 30).us()});
  // No anchor: at the decision.
  CHECK(starts(rehearse("rb.ps1", q)) == std::vector<int64_t>{at(10, 25, 0).us()});
}

TEST_CASE("rehearsal: Get-* cmdlets print the simulated state at that moment", "[runbook]") {
  // Before the disaster both directions are steady: at 09:00:00 a cycle just started, so the
  // last imported snapshot is the 08:58:00 one.
  const Rehearsal calm =
      rehearse("rb.ps1",
               "# drsim: start at 09:00\n"
               "Get-CsBackupServiceStatus -PoolFqdn pool01.contoso.com\n"
               "Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus\n");
  CHECK(calm.console.find("pool01.contoso.com -> pool02.contoso.com    SteadyState     d+0 "
                          "08:58:00 (2m 00s ago)") != std::string::npos);
  CHECK(calm.console.find("CentralMgmt.CMSMaster       SteadyState     NormalState") !=
        std::string::npos);
  CHECK(calm.console.find("ActiveMasterFqdn         : pool01.contoso.com") != std::string::npos);
  CHECK(calm.console.find("CentralManagementDatabase: sql01.contoso.com") != std::string::npos);

  // After the site loss: the last import into Dublin is the 09:58:00 snapshot, the path is
  // down, and the CMS master moves to pool02 with its failover.
  const Rehearsal r =
      rehearse("rb.ps1",
               "# drsim: start at detect+15m\n"
               "Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n"
               "Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus\n"
               "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force\n"
               "Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus\n"
               "Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com\n"
               "Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com -Category UserData\n");
  CHECK(r.console.find(
            "    PoolFqdn       : pool01.contoso.com\n    BackupPoolFqdn : pool02.contoso.com\n") !=
        std::string::npos);
  CHECK(r.console.find("ActiveMasterFqdn         : \n") != std::string::npos);
  CHECK(r.console.find("ActiveMasterFqdn         : pool02.contoso.com") != std::string::npos);
  // 10:25:00 + 2 queries + the CMS failover + 1 query: the status at 10:30:30.
  CHECK(r.console.find("pool01.contoso.com -> pool02.contoso.com    ErrorState      d+0 09:58:00 "
                       "(32m 30s ago)") != std::string::npos);
  CHECK(r.console.find("UserServices.PresenceFocus  ErrorState      ErrorState") !=
        std::string::npos);
  // -Category UserData leaves the CMS module out of the second status.
  const size_t last = r.console.rfind("Get-CsBackupServiceStatus");
  CHECK(r.console.find("CentralMgmt.CMSMaster", last) == std::string::npos);
  // The sim logged the data; the text came from the formatter.
  const log::Record* q = first_record(r, "query.backup_service_status");
  REQUIRE(q != nullptr);
  CHECK(rec::text(*q, "import_status") == "lagging");
  CHECK(rec::number(*q, "import_durable_snapshot_s") == Approx(9 * 3600 + 58 * 60));
  CHECK(rec::number(*q, "import_path_up") == 0);
}

TEST_CASE(
    "cli: run --runbook rehearses, and a runbook with a syntax error exits 2 with file:line:col",
    "[cli][runbook]") {
  const auto dir = std::filesystem::temp_directory_path() / "drsim-test-runbook";
  std::filesystem::remove_all(dir);
  const std::string scenario = source_path("tests/data/contoso.pb.txt");
  const std::string good = source_path("scenarios/contoso-site-loss-misordered.ps1");
  auto run = [&](const std::string& out) {
    return run_cli("run " + scenario + " --runbook " + good + " -q --out " + (dir / out).string() +
                   " --json " + (dir / out / "run.json").string());
  };
  const CliOutput a = run("a");
  CHECK(a.code == 0);
  CHECK(a.text.find("At " + good + ":10 char:1") != std::string::npos);
  CHECK(a.text.find("RTO 50m 40s = detect 10m 00s + decide 15m 00s + execute 23m 40s + clients "
                    "back 2m 00s") != std::string::npos);
  CHECK(a.text.find("1 cmdlet(s) failed, costing the admin 1m 00s") != std::string::npos);
  // Determinism: the same bytes twice.
  REQUIRE(run("b").code == 0);
  for (const char* f : {"contoso.drlog", "contoso.rehearsal.txt", "run.json"})
    CHECK(read_file((dir / "a" / f).string(), 1 << 24) ==
          read_file((dir / "b" / f).string(), 1 << 24));

  // A script PowerShell could not even parse is refused, nothing run or written.
  const std::string bad = (dir / "bad.ps1").string();
  write_file_atomically(bad,
                        "Start-Sleep 1\nInvoke-CsPoolFailover -PoolFqdn \"pool01.contoso.com\n");
  const CliOutput b =
      run_cli("run " + scenario + " --runbook " + bad + " -q --out " + (dir / "c").string());
  CHECK(b.code == 2);
  CHECK(b.text.find(bad + ":2:33: error: The string is missing the terminator: \".") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "c" / "contoso.drlog"));
  // A line that would fail in production is rehearsed as a failure, and the run goes on.
  const std::string typo = (dir / "typo.ps1").string();
  write_file_atomically(typo, "Start-Sleep 1\nInvoke-CsPoolFailover -PoolFqdn pool9.contoso.com\n");
  const CliOutput t =
      run_cli("run " + scenario + " --runbook " + typo + " -q --out " + (dir / "t").string());
  CHECK(t.code == 0);
  CHECK(t.text.find("Invoke-CsPoolFailover : Pool \"pool9.contoso.com\" was not found in the "
                    "topology (-PoolFqdn).\n"
                    "At " +
                    typo + ":2 char:33\n") != std::string::npos);
  CHECK(t.text.find("1 cmdlet(s) failed, costing the admin 1m 00s") != std::string::npos);
  CHECK(run_cli("run " + scenario + " --runbook " + (dir / "missing.ps1").string() + " -q --out " +
                (dir / "c").string())
            .code == 2);
}

TEST_CASE(
    "rehearsal: a line PowerShell cannot bind fails when it runs, costs failed_cmdlet_s, and the "
    "script goes on",
    "[runbook][story]") {
  const std::string script =
      "# drsim: start at detect+15m\n"
      "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com\n"
      "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force\n"
      "Invoke-CsPoolFailover -PoolFdqn pool01.contoso.com -ea Stop\n"
      "Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode\n";
  const Rehearsal r = rehearse("rb.ps1", script);
  const IncidentMetrics& m = only_incident(r);
  // Two failed lines (60 s each) on the way: the missing -Force and the -PoolFdqn typo. The
  // typo's -ErrorAction Stop never bound, so the script went on, as in PowerShell.
  CHECK(m.cmdlet_errors == 2);
  CHECK(m.admin_time_lost == Duration::seconds(120));
  CHECK(m.total == Duration::seconds(600 + 900 + 60 + 300 + 60 + 1050 + 120));
  const log::Record* e = first_record(r, "cmdlet.error");
  REQUIRE(e != nullptr);
  CHECK(e->time_us() == at(10, 25, 0).us());
  CHECK(rec::text(*e, "cmdlet") == "Invoke-CsManagementServerFailover");
  CHECK(rec::text(*e, "error") ==
        "Cannot process command because of one or more missing mandatory parameters: Force.");
  CHECK(rec::number(*e, "cost_s") == 60);
  // The console shows PowerShell's error record at the offending parameter.
  CHECK(r.console.find(
            "[d+0 10:31:00] PS> Invoke-CsPoolFailover -PoolFdqn pool01.contoso.com -ea Stop\n"
            "Invoke-CsPoolFailover : A parameter cannot be found that matches parameter name "
            "'PoolFdqn'.\n"
            "At rb.ps1:4 char:23\n"
            "+ Invoke-CsPoolFailover -PoolFdqn pool01.contoso.com -ea Stop\n"
            "+                       ~~~~~~~~~\n"
            "    + CategoryInfo          : InvalidArgument: (:) [Invoke-CsPoolFailover], "
            "ParameterBindingException\n"
            "(failed: 1m 00s of admin time lost, until d+0 10:32:00)\n") != std::string::npos);
  CHECK(r.console.find("runbook: 4 cmdlets, 2 failed, 2m 00s of admin time lost") !=
        std::string::npos);

  // Under $ErrorActionPreference = 'Stop' the first failing line ends the script.
  const Rehearsal stop = rehearse("rb.ps1", "$ErrorActionPreference = 'Stop'\n" + script);
  CHECK(count_records(stop.run, "cmdlet.error") == 1);
  CHECK(count_records(stop.run, "cmdlet.start") == 0);
  CHECK(count_records(stop.run, "runbook.stopped") == 1);
  CHECK(stop.console.find("(the script stops here: ErrorAction is Stop)") != std::string::npos);
}

TEST_CASE(
    "rehearsal: a Start-Sleep that starts before the horizon shows its time, what it delays does "
    "not",
    "[runbook]") {
  const Rehearsal none_ran =
      rehearse("rb.ps1",
               "# drsim: start at detect+15m\n"
               "Start-Sleep -Seconds 100000\n"
               "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force\n");
  CHECK(none_ran.console.find("[d+0 10:25:00] PS> Start-Sleep -Seconds 100000\n"
                              "[--] PS> Invoke-CsManagementServerFailover -BackupSqlServerFqdn "
                              "sql02.contoso.com -Force\n"
                              "(not run: it would start after the horizon)\n") !=
        std::string::npos);
  CHECK(none_ran.console.find("not done by the horizon") != std::string::npos);
  const Rehearsal one_ran = rehearse("rb.ps1",
                                     "# drsim: start at 23:00\n"
                                     "Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n"
                                     "Start-Sleep 7200\n"
                                     "Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n");
  CHECK(one_ran.console.find(
            "[d+0 23:00:10] PS> Start-Sleep 7200\n[--] PS> Get-CsPoolBackupRelationship") !=
        std::string::npos);
}

TEST_CASE(
    "cli: validate --runbook lists every problem of a runbook at file:line:col without running it",
    "[cli][runbook]") {
  const auto dir = std::filesystem::temp_directory_path() / "drsim-test-runbook-lint";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string scenario = source_path("tests/data/contoso.pb.txt");
  const std::string rb = (dir / "rb.ps1").string();
  write_file_atomically(
      rb,
      "Invoke-CsPoolFailover -PoolFdqn pool01.contoso.com\n"
      "Get-CsPoolFailoverStatus\n"
      "Reset-CsPoolRegistrarState -PoolFqdn pool01.contoso.com -ResetType FullReset\n"
      "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com\n");
  const CliOutput o = run_cli("validate " + scenario + " --runbook " + rb);
  CHECK(o.code == 2);
  const std::vector<std::string> expected = {
      rb + ":1:23: error: Invoke-CsPoolFailover: A parameter cannot be found that matches "
           "parameter name 'PoolFdqn'.",
      rb + ":2:1: error: Get-CsPoolFailoverStatus: The term 'Get-CsPoolFailoverStatus' is not "
           "recognized",
      rb + ":3:68: error: Reset-CsPoolRegistrarState: drsim rehearses only -ResetType "
           "QuorumLossRecovery.",
      rb + ":4:1: error: Invoke-CsManagementServerFailover: Cannot process command because of one "
           "or more missing "
           "mandatory parameters: Force."};
  size_t from = 0;
  for (const std::string& line : expected) {
    const size_t at_line = o.text.find(line, from);
    CHECK(at_line != std::string::npos);
    if (at_line != std::string::npos) from = at_line + line.size();
  }
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);  // nothing written
  // What PowerShell's parser refuses: the script cannot run, so that is all there is to say.
  write_file_atomically(rb,
                        "Invoke-CsPoolFailover -PoolFdqn pool01.contoso.com\nWrite-Host 'open\n");
  const CliOutput parse_error = run_cli("validate " + scenario + " --runbook " + rb);
  CHECK(parse_error.code == 2);
  CHECK(parse_error.text.find(rb + ":2:12: error: The string is missing the terminator: '.") !=
        std::string::npos);
  CHECK(parse_error.text.find("PoolFdqn") == std::string::npos);
  const CliOutput clean = run_cli("validate " + scenario + " --runbook " +
                                  source_path("scenarios/contoso-site-loss.ps1"));
  CHECK(clean.code == 0);
  CHECK(clean.text.find("contoso-site-loss.ps1: valid against ") != std::string::npos);
}

TEST_CASE("rehearsal: drsim's limits end the script, and no try/catch holds them", "[runbook]") {
  // A polling loop that never ends asks the model once per pass: after 100 answers the
  // rehearsal stops, and the script's own catch block never sees that error.
  const Rehearsal r = rehearse("rb.ps1",
                               "# drsim: start at detect+15m\n"
                               "while ($true) {\n"
                               "  try {\n"
                               "    if ((Get-CsBackupServiceStatus -PoolFqdn "
                               "pool02.contoso.com).ExportStatus -eq 'Never') { break }\n"
                               "  } catch {\n"
                               "    Write-Host \"caught: $_\"\n"
                               "  }\n"
                               "}\n"
                               "Write-Host 'after the loop'\n");
  CHECK(r.console.find("drsim stops a rehearsal after 100 answers from the model") !=
        std::string::npos);
  CHECK(r.console.find("caught:") == std::string::npos);
  CHECK(r.console.find("after the loop") == std::string::npos);
}
