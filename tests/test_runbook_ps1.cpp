// The PowerShell runbook reader (io/runbook_ps1.h): what it accepts and how it maps lines to
// runbook steps, and every kind of error with its exact file:line:col message.
#include <catch2/catch.hpp>

#include <algorithm>

#include "io/files.h"
#include "io/runbook_ps1.h"
#include "io/scenario_file.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

const scenario::Scenario& contoso() {
  static const scenario::Scenario s =
      load_scenario(source_path("tests/data/contoso.pb.txt")).scenario;
  return s;
}

RunbookPlan parse(const std::string& text) { return parse_runbook("rb.ps1", text, contoso()); }

// The formatted errors of a runbook that cannot be rehearsed (syntax errors, unsupported
// constructs).
std::string errors_of(const std::string& text, const scenario::Scenario& topology = contoso()) {
  try {
    parse_runbook("rb.ps1", text, topology);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("the runbook parsed: " << text);
  return "";
}

// The statement errors of a runbook that parses: the lines PowerShell would run and fail.
std::string failures_of(const std::string& text, const scenario::Scenario& topology = contoso()) {
  std::string out;
  for (const Diagnostic& d : statement_errors(parse_runbook("rb.ps1", text, topology)))
    out += (out.empty() ? "" : "\n") + d.format();
  return out;
}

// The calls drsim skips because it cannot rehearse them (the script runs on without them).
std::string skipped_of(const std::string& text, const scenario::Scenario& topology = contoso()) {
  std::string out;
  for (const Diagnostic& d : parse_runbook("rb.ps1", text, topology).not_rehearsed)
    out += (out.empty() ? "" : "\n") + d.format();
  return out;
}

// The Contoso scenario over two days, for clock anchors on day 2.
scenario::Scenario contoso_two_days() {
  scenario::Scenario s = contoso();
  s.set_horizon_s(2 * 86400);
  return s;
}

}  // namespace

TEST_CASE("runbook reader: cmdlets map to chained steps with their real parameters", "[runbook]") {
  const RunbookPlan p = parse(
      "# Contoso DR\n"
      "# drsim: start at detect+15m\n"
      "Import-Module SkypeForBusiness\n"
      "$pool = 'pool01.contoso.com'\n"
      "invoke-csmanagementserverfailover -BackupSqlServerFqdn \"sql02.contoso.com\" -force "
      "-Confirm:$false\n"
      "Set-CsEdgeServer -Identity \"EdgeServer:edge01.contoso.com\" `\n"
      "    -Registrar \"Registrar:pool02.contoso.com\"\n"
      "Start-Sleep -Seconds 300\n"
      "Start-Sleep -s 5\n"
      "Start-Sleep 7\n"
      "Start-Sleep -Milliseconds 1500\n"
      "Invoke-CsPoolFailover -Pool $pool -Disaster -Verbose -ErrorAction Stop  # prefixes\n"
      "<# a block\n comment #>\n"
      "Get-CsBackupServiceStatus -PoolFqdn \"pool02.contoso.com\" -Category userdata\n");
  CHECK(p.anchor.kind == RunbookAnchor::Kind::kDetect);
  CHECK(p.anchor.seconds == 900);
  CHECK(p.anchor.line == 2);
  REQUIRE(p.steps.size() == 4);

  const auto& cms = p.steps[0];
  CHECK(cms.cmdlet() == scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER);
  CHECK(cms.backup_sql_server_fqdn() == "sql02.contoso.com");
  CHECK(cms.force());
  CHECK(cms.after_detect());
  CHECK(cms.offset_s() == 0);

  const auto& edge = p.steps[1];
  CHECK(edge.cmdlet() == scenario::SET_CS_EDGE_SERVER_NEXT_HOP);
  CHECK(edge.edge_pool() == "edge01.contoso.com");
  CHECK(edge.next_hop_pool() == "pool02.contoso.com");
  CHECK(edge.after_previous());

  // 300 s + 5 s + 7 s + 1.5 s of sleeps before the pool failover.
  const auto& fo = p.steps[2];
  CHECK(fo.cmdlet() == scenario::INVOKE_CS_POOL_FAILOVER);
  CHECK(fo.pool_fqdn() == "pool01.contoso.com");
  CHECK(fo.disaster_mode());
  CHECK(fo.after_previous());
  CHECK(fo.offset_s() == 313);
  CHECK(fo.offset_ms() == 500);
  CHECK(fo.stop_on_error());
  CHECK_FALSE(cms.stop_on_error());

  CHECK(p.steps[3].cmdlet() == scenario::GET_CS_BACKUP_SERVICE_STATUS);
  CHECK(p.steps[3].pool_fqdn() == "pool02.contoso.com");

  // Lines: where each command starts, continuation lines joined, the query's category.
  REQUIRE(p.lines.size() == 10);
  CHECK(p.lines[3].line == 6);
  CHECK(p.lines[3].text ==
        "Set-CsEdgeServer -Identity \"EdgeServer:edge01.contoso.com\" -Registrar "
        "\"Registrar:pool02.contoso.com\"");
  CHECK(p.lines[4].kind == RunbookLine::Kind::kSleep);
  CHECK(p.lines[4].sleep_ms == 300000);
  CHECK(p.lines[9].category == "UserData");
  CHECK(p.step_line == std::vector<int>{2, 3, 8, 9});
}

TEST_CASE("runbook reader: anchors at detection, decision or a clock time", "[runbook]") {
  CHECK(parse("").anchor.kind == RunbookAnchor::Kind::kDecide);
  CHECK(parse("").anchor.seconds == 0);
  const RunbookPlan d = parse(
      "# drsim: start at decide+1h30m\nGet-CsPoolBackupRelationship -PoolFqdn "
      "pool01.contoso.com\n");
  CHECK(d.anchor.kind == RunbookAnchor::Kind::kDecide);
  // The script starts at the decision (10:25) + 1h30m = 11:55, 1h45m after the detection
  // (10:10): that is the admin's decide delay, the RTO's decide stage (issue 18).
  CHECK(d.start.kind == RunbookAnchor::Kind::kDetect);
  CHECK(d.start.seconds == 6300);
  CHECK(d.steps[0].after_detect());
  CHECK(d.steps[0].offset_s() == 0);
  const RunbookPlan a = parse_runbook("rb.ps1",
                                      "# drsim: start at day 2 08:30\nStart-Sleep 10\n"
                                      "Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n",
                                      contoso_two_days());
  CHECK(a.anchor.kind == RunbookAnchor::Kind::kAbsolute);
  CHECK(a.steps[0].at_s() == 86400 + 8 * 3600 + 30 * 60 + 10);
  CHECK(parse("#drsim: start at 10:25:30\n").anchor.seconds == 37530);
  CHECK(parse("# drsim: start at detect\n").anchor.kind == RunbookAnchor::Kind::kDetect);
}

TEST_CASE("runbook reader: applying a detect anchor makes it the admin's decide delay",
          "[runbook]") {
  scenario::Scenario s = contoso();
  apply_runbook(
      parse("# drsim: start at detect+20m\nStart-CsPool pool01.contoso.com -QuorumLossRecovery\n"),
      s);
  REQUIRE(s.runbook_size() == 1);
  CHECK(s.runbook(0).cmdlet() == scenario::START_CS_POOL);
  CHECK(s.runbook(0).pool_fqdn() == "pool01.contoso.com");
  CHECK(s.admin().decide_delay().fixed_s() == 1200);
}

TEST_CASE(
    "runbook reader: a line PowerShell cannot bind becomes a failing step with PowerShell's error",
    "[runbook]") {
  // An unknown command: PowerShell's own words; no model step (it costs nothing under Continue).
  CHECK(failures_of("Get-CsPoolFailoverStatus -PoolFqdn pool01.contoso.com\n") ==
        "rb.ps1:1:1: error: Get-CsPoolFailoverStatus: The term 'Get-CsPoolFailoverStatus' is not "
        "recognized as the "
        "name of a cmdlet, function, script file, or operable program. Check the spelling of the "
        "name, or if a path "
        "was included, verify that the path is correct and try again.");
  CHECK(parse("Get-CsPoolFailoverStatus -PoolFqdn pool01.contoso.com\n").steps.empty());
  CHECK(failures_of("Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -Bogus\n") ==
        "rb.ps1:1:52: error: Invoke-CsPoolFailover: A parameter cannot be found that matches "
        "parameter name 'Bogus'.");
  CHECK(failures_of("\n  Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -D\n") ==
        "rb.ps1:2:54: error: Invoke-CsPoolFailover: Parameter cannot be processed because the "
        "parameter name 'D' "
        "is ambiguous. Possible matches include: -DisasterMode -DatabaseCommandTimeoutInSeconds "
        "-Debug.");
  CHECK(failures_of("Invoke-CsPoolFailover -DisasterMode\n") ==
        "rb.ps1:1:1: error: Invoke-CsPoolFailover: Cannot process command because of one or more "
        "missing "
        "mandatory parameters: PoolFqdn.");
  CHECK(failures_of("Get-CsBackupServiceStatus -PoolFqdn\n") ==
        "rb.ps1:1:27: error: Get-CsBackupServiceStatus: Missing an argument for parameter "
        "'PoolFqdn'. Specify a "
        "value and try again.");
  CHECK(failures_of("Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -Force -Force\n") ==
        "rb.ps1:1:59: error: Invoke-CsPoolFailover: Cannot bind parameter because parameter "
        "'Force' is specified "
        "more than once.");
  CHECK(failures_of("Invoke-CsPoolFailover pool01.contoso.com\n") ==
        "rb.ps1:1:23: error: Invoke-CsPoolFailover: A positional parameter cannot be found that "
        "accepts argument "
        "'pool01.contoso.com'.");
  CHECK(failures_of("Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com -Category Users\n") ==
        "rb.ps1:1:66: error: Get-CsBackupServiceStatus: Cannot bind parameter 'Category'. Cannot "
        "convert value "
        "\"Users\" to type \"BackupCategory\". Error: \"Unable to match the identifier name Users "
        "to a valid "
        "enumerator name. Specify one of the following enumerator names and try again: CMS, "
        "UserData, RGS\"");
  CHECK(failures_of("Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -WaitTime 1 "
                    "-ServicesStopDelayMins soon\n") ==
        "rb.ps1:1:87: error: Invoke-CsPoolFailover: Cannot bind parameter 'ServicesStopDelayMins'. "
        "Cannot convert "
        "value \"soon\" to type \"System.Int32\". Error: \"Input string was not in a correct "
        "format.\"");
  // The failing line is a step that fails when it runs: nothing else about it is checked.
  const RunbookPlan p = parse("Invoke-CsPoolFailover -PoolFdqn pool01.contoso.com -DisasterMode\n");
  REQUIRE(p.steps.size() == 1);
  CHECK(p.steps[0].cmdlet() == scenario::STATEMENT_ERROR);
  CHECK(p.steps[0].command() == "Invoke-CsPoolFailover");
  CHECK(p.steps[0].statement_error() ==
        "A parameter cannot be found that matches parameter name 'PoolFdqn'.");
  CHECK(p.lines[0].fails);
  CHECK(p.lines[0].error.width == 9);  // -PoolFdqn
  CHECK(p.lines[0].error.category ==
        "InvalidArgument: (:) [Invoke-CsPoolFailover], ParameterBindingException");
  CHECK(p.lines[0].error_source ==
        "Invoke-CsPoolFailover -PoolFdqn pool01.contoso.com -DisasterMode");
}

TEST_CASE("runbook reader: one error per statement, as PowerShell reports it (no cascades)",
          "[runbook]") {
  // The unknown -PoolFdqn leaves its value unbound; PowerShell stops at the first error.
  CHECK(failures_of("Invoke-CsPoolFailover -PoolFdqn pool01.contoso.com -DisasterMode\n") ==
        "rb.ps1:1:23: error: Invoke-CsPoolFailover: A parameter cannot be found that matches "
        "parameter name "
        "'PoolFdqn'.");
  // A typo on one line does not stop the others from being read and checked.
  const std::string all =
      failures_of("Get-Foo\nStart-Sleep 1\nInvoke-CsPoolFailover\nStart-Sleep -Minutes 5\n");
  CHECK(all.find("rb.ps1:1:1:") < all.find("rb.ps1:3:1:"));
  CHECK(all.find("rb.ps1:3:1:") <
        all.find("rb.ps1:4:13: error: Start-Sleep: A parameter cannot be found"));
  CHECK(std::count(all.begin(), all.end(), '\n') == 2);  // three errors
}

TEST_CASE("runbook reader: the real cmdlets' parameter sets and mandatory parameters",
          "[runbook]") {
  // Invoke-CsManagementServerFailover: DisasterRecovery (-BackupSqlServerFqdn and -Force both
  // mandatory) or Normal (no target, optionally -Restore).
  CHECK(failures_of("Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com\n") ==
        "rb.ps1:1:1: error: Invoke-CsManagementServerFailover: Cannot process command because of "
        "one or more "
        "missing mandatory parameters: Force.");
  CHECK(failures_of("Invoke-CsManagementServerFailover -Force\n") ==
        "rb.ps1:1:1: error: Invoke-CsManagementServerFailover: Cannot process command because of "
        "one or more "
        "missing mandatory parameters: BackupSqlServerFqdn.");
  CHECK(failures_of("Invoke-CsManagementServerFailover -Restore -Force\n") ==
        "rb.ps1:1:1: error: Invoke-CsManagementServerFailover: Parameter set cannot be resolved "
        "using the specified "
        "named parameters.");
  CHECK(failures_of("Invoke-CsManagementServerFailover -Report c:\\cms.html -Confirm:$false\n")
            .empty());
  CHECK(failures_of("Invoke-CsManagementServerFailover -Restore\n").empty());
  // Invoke-CsDatabaseFailover: -DatabaseType, -NewPrincipal and -PoolFqdn are mandatory;
  // -Report and -LocalStore exist.
  CHECK(failures_of(
            "Invoke-CsDatabaseFailover -PoolFqdn pool02.contoso.com -NewPrincipal Mirror\n") ==
        "rb.ps1:1:1: error: Invoke-CsDatabaseFailover: Cannot process command because of one or "
        "more missing "
        "mandatory parameters: DatabaseType.");
  CHECK(
      failures_of(
          "Invoke-CsDatabaseFailover -PoolFqdn pool02.contoso.com -DatabaseType user -NewPrincipal "
          "mirror -Report c:\\x.html -LocalStore\n")
          .empty());
  CHECK(failures_of("Invoke-CsDatabaseFailover -PoolFqdn pool02.contoso.com -DatabaseType Bogus "
                    "-NewPrincipal "
                    "Mirror\n")
            .find("rb.ps1:1:70: error: Invoke-CsDatabaseFailover: Cannot bind parameter "
                  "'DatabaseType'. Cannot "
                  "convert value \"Bogus\" to type \"DatabaseNameType\"") == 0);
  CHECK(skipped_of("Invoke-CsDatabaseFailover -PoolFqdn pool02.contoso.com -DatabaseType Archiving "
                   "-NewPrincipal "
                   "Mirror\n")
            .find("rb.ps1:1:70: error: Invoke-CsDatabaseFailover: drsim rehearses -DatabaseType "
                  "User only") == 0);
  // Reset-CsPoolRegistrarState: -PoolFqdn is named, -ResetType an enumeration.
  CHECK(failures_of("Reset-CsPoolRegistrarState pool01.contoso.com -ResetType QuorumLossRecovery\n")
            .find("rb.ps1:1:28: error: Reset-CsPoolRegistrarState: A positional parameter cannot "
                  "be found") == 0);
  CHECK(failures_of("Reset-CsPoolRegistrarState -PoolFqdn pool01.contoso.com -ResetType Quorum\n")
            .find("Cannot convert value \"Quorum\" to type \"PoolResetType\"") !=
        std::string::npos);
  CHECK(failures_of(
            "Reset-CsPoolRegistrarState -PoolFqdn pool01.contoso.com -ResetType quorumlossrecovery "
            "-ResetLocalDatabases -ServicesStopDelayMins 2\n")
            .empty());
  // Get-CsBackupServiceStatus -Category: CMS, UserData and, since 2015, RGS.
  CHECK(parse("Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com -Category rgs\n")
            .lines[0]
            .category == "RGS");
  // Start-Sleep: -Seconds (positional) or -Milliseconds, not both.
  CHECK(failures_of("Start-Sleep -Seconds 1 -Milliseconds 5\n") ==
        "rb.ps1:1:1: error: Start-Sleep: Parameter set cannot be resolved using the specified "
        "named parameters.");
  CHECK(failures_of("Start-Sleep\n") ==
        "rb.ps1:1:1: error: Start-Sleep: Cannot process command because of one or more missing "
        "mandatory "
        "parameters: Seconds.");
}

TEST_CASE("runbook reader: FQDNs are checked against the topology", "[runbook]") {
  CHECK(failures_of("Invoke-CsPoolFailover -PoolFqdn pool03.contoso.com -DisasterMode\n") ==
        "rb.ps1:1:33: error: Invoke-CsPoolFailover: Pool \"pool03.contoso.com\" was not found in "
        "the topology "
        "(-PoolFqdn).");
  CHECK(failures_of(
            "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql03.contoso.com -Force\n") ==
        "rb.ps1:1:56: error: Invoke-CsManagementServerFailover: SQL Server \"sql03.contoso.com\" "
        "was not found in "
        "the topology (-BackupSqlServerFqdn).");
  CHECK(failures_of("Set-CsEdgeServer -Identity EdgeServer:edge09.contoso.com -Registrar "
                    "Registrar:pool02.contoso.com\n") ==
        "rb.ps1:1:28: error: Set-CsEdgeServer: Edge pool \"EdgeServer:edge09.contoso.com\" was not "
        "found in the "
        "topology (-Identity).");
  // Case does not matter, as in DNS; the step carries the topology's spelling.
  CHECK(parse("Invoke-CsPoolFailback -PoolFqdn POOL01.Contoso.com\n").steps[0].pool_fqdn() ==
        "pool01.contoso.com");
  // -ReplicaFqdn takes any computer of the scenario, Edge pools included; a name the scenario
  // cannot know (an Edge pool's servers are counted, not named) is skipped with a clear message.
  CHECK(failures_of("Get-CsManagementStoreReplicationStatus -ReplicaFqdn edge02.contoso.com\n")
            .empty());
  CHECK(failures_of("Get-CsManagementStoreReplicationStatus fe02b.contoso.com\n").empty());
  CHECK(skipped_of("Get-CsManagementStoreReplicationStatus -ReplicaFqdn edge02a.contoso.com\n")
            .find("rb.ps1:1:53: error: Get-CsManagementStoreReplicationStatus: Computer "
                  "\"edge02a.contoso.com\" is "
                  "not in the scenario (-ReplicaFqdn): name a pool, a Front End or SQL server or "
                  "an Edge pool (a "
                  "scenario does not name the servers of an Edge pool)") == 0);
}

TEST_CASE("runbook reader: a Standard Edition server's FQDN names its Back End", "[runbook]") {
  // A Standard Edition server is its own Back End; the scenario calls that one se2...#sql
  // (io/topology_import.h), the admin calls it by the server's name.
  const scenario::Scenario se = parse_scenario("se.pb.txt", R"(
      name: "se" product_version: SFB_2015 horizon_s: 86400
      sites { name: "A" } sites { name: "B" }
      links { name: "A-B" site_a: "A" site_b: "B" }
      pools { fqdn: "se1.contoso.com" site: "A" edition: STANDARD front_ends { fqdn: "se1.contoso.com#fe" }
              users: 2000 backup_pool: "se2.contoso.com"
              back_end { ha_mode: NONE servers { fqdn: "se1.contoso.com#sql" site: "A" role: PRIMARY } } }
      pools { fqdn: "se2.contoso.com" site: "B" edition: STANDARD front_ends { fqdn: "se2.contoso.com#fe" }
              users: 2000 backup_pool: "se1.contoso.com"
              back_end { ha_mode: NONE servers { fqdn: "se2.contoso.com#sql" site: "B" role: PRIMARY } } }
      cms { pool: "se1.contoso.com" })")
                                    .scenario;
  const RunbookPlan p = parse_runbook("rb.ps1",
                                      "Invoke-CsManagementServerFailover -BackupSqlServerFqdn "
                                      "SE2.contoso.com -BackupSqlInstanceName rtc -Force\n",
                                      se);
  REQUIRE(p.steps.size() == 1);
  CHECK(p.steps[0].cmdlet() == scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER);
  CHECK(p.steps[0].backup_sql_server_fqdn() == "se2.contoso.com#sql");
  CHECK(failures_of("Get-CsManagementStoreReplicationStatus -ReplicaFqdn se1.contoso.com\n", se)
            .empty());
}

TEST_CASE(
    "runbook reader: files saved by Windows tools: byte-order marks, UTF-16, en dashes, curly "
    "quotes",
    "[runbook]") {
  const std::string text =
      "# drsim: start at detect+15m\r\nGet-CsPoolBackupRelationship -PoolFqdn "
      "pool01.contoso.com\r\n";
  const RunbookPlan plain = parse(text);
  auto utf16 = [](const std::string& ascii, bool little) {
    std::string out = little ? "\xFF\xFE" : "\xFE\xFF";
    for (const char c : ascii) out += little ? std::string{c, '\0'} : std::string{'\0', c};
    return out;
  };
  for (const std::string& saved : {"\xEF\xBB\xBF" + text, utf16(text, true), utf16(text, false)}) {
    const RunbookPlan p = parse(saved);
    REQUIRE(p.steps.size() == 1);
    CHECK(p.steps[0].SerializeAsString() == plain.steps[0].SerializeAsString());
    CHECK(p.anchor.seconds == 900);
    CHECK(p.lines[0].column == 1);
  }
  // PowerShell takes en dashes, em dashes and horizontal bars for '-', and curly quotes for
  // quotes (what word processors make of a pasted runbook).
  const RunbookPlan d = parse(
      "Invoke-CsManagementServerFailover \u2013BackupSqlServerFqdn \u201csql02.contoso.com\u201d "
      "\u2014Force \u2015Confirm:$false\nWrite-Host \u2018it\u2019\u2019s\u2019\n");
  REQUIRE(d.steps.size() == 1);
  CHECK(d.steps[0].backup_sql_server_fqdn() == "sql02.contoso.com");
  CHECK(d.steps[0].force());
  CHECK(d.lines[1].output == "it's");
  // Columns count characters: the error points at 'Bogus' after an en dash (3 bytes in UTF-8).
  CHECK(failures_of("Invoke-CsPoolFailover \u2013PoolFqdn pool01.contoso.com \u2013Bogus\n") ==
        "rb.ps1:1:52: error: Invoke-CsPoolFailover: A parameter cannot be found that matches "
        "parameter name 'Bogus'.");
  // A UTF-16 script's errors are at the same line and column as the UTF-8 one's.
  CHECK(errors_of(utf16("Start-Sleep 1\nWrite-Host \"open\n", true)) ==
        "rb.ps1:2:12: error: The string is missing the terminator: \".");
}

TEST_CASE("runbook reader: unsupported constructs, strings, variables and directives",
          "[runbook]") {
  // Pipelines, blocks and sub-expressions run (tests/test_ps1_language.cpp); what PowerShell's
  // parser refuses is an error at its place, and the script does not run.
  CHECK(parse("Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com | Format-List\n")
            .steps.size() == 1);
  CHECK(errors_of("foreach $p\n") ==
        "rb.ps1:1:9: error: Missing opening '(' after keyword 'foreach'.");
  CHECK(failures_of("if ($x) { Start-Sleep 1 }\n") ==
        "rb.ps1:1:5: error: The variable '$x' cannot be retrieved because it has not been set.");
  CHECK(parse("Start-Sleep -Seconds $(1+1)\n").trailing_sleep_ms == 2000);
  // -WhatIf shows what would run, and runs nothing.
  const RunbookPlan what_if = parse("Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -WhatIf\n");
  CHECK(what_if.steps.empty());
  CHECK(what_if.lines[0].output.rfind("What if: Performing the operation \"Invoke-CsPoolFailover\"",
                                      0) == 0);
  // An unset variable or a bad preference fails its line, as under Set-StrictMode.
  CHECK(
      failures_of("Invoke-CsPoolFailover -PoolFqdn $pool\n") ==
      "rb.ps1:1:33: error: The variable '$pool' cannot be retrieved because it has not been set.");
  CHECK(failures_of("$ErrorActionPreference = 'Halt'\n") ==
        "rb.ps1:1:26: error: Cannot convert value \"Halt\" to an ActionPreference: use Continue, "
        "Stop, "
        "SilentlyContinue or Ignore.");
  CHECK(errors_of("Write-Host \"unterminated\n") ==
        "rb.ps1:1:12: error: The string is missing the terminator: \".");
  CHECK(errors_of("# drsim: start at lunch\n") ==
        "rb.ps1:1:1: error: unknown drsim directive 'start at lunch': use '# drsim: start at "
        "detect+15m', "
        "'decide+5m' or '[day N] HH:MM[:SS]'");
  CHECK(errors_of("Start-Sleep 1\nGet-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n# "
                  "drsim: start at detect\n") ==
        "rb.ps1:3:1: error: the 'drsim: start at' anchor must come before the first command (line "
        "2)");
  // The directive is read in any case, like PowerShell's own #Requires.
  CHECK(parse("# DRSIM: Start At detect+20m\n").anchor.seconds == 1200);
  CHECK(parse("#Drsim: start at decide+1m\n").anchor.kind == RunbookAnchor::Kind::kDecide);
  // A start at or after the horizon is an error at the anchor, not a silent no-op.
  CHECK(errors_of("# drsim: start at day 2 10:00\nGet-CsPoolBackupRelationship -PoolFqdn "
                  "pool01.contoso.com\n") ==
        "rb.ps1:1:1: error: the script would start at d+1 10:00:00.000, not before the scenario's "
        "horizon "
        "(d+1 00:00:00.000)");
  CHECK(failures_of("Start-Sleep -Seconds soon\n") ==
        "rb.ps1:1:22: error: Start-Sleep: Cannot bind parameter 'Seconds'. Cannot convert value "
        "\"soon\" to a "
        "number of at most 1e9.");
  // Every fatal error in the file, in line order, not only the first.
  const std::string all = errors_of("Write-Host )\nStart-Sleep 1 ; Start-Sleep 2\n<# open\n");
  CHECK(all ==
        "rb.ps1:1:12: error: Unexpected token ')' in expression or statement.\n"
        "rb.ps1:3:1: error: Missing closing '#>' of the block comment ('<#' without '#>').");
  // Strings: '' and `" escapes, variables expanded in double quotes only.
  const RunbookPlan p =
      parse("$d = 'contoso.com'\nWrite-Host \"pool01.$d is `\"down`\"\"\nWrite-Host 'it''s $d'\n");
  CHECK(p.lines[1].output == "pool01.contoso.com is \"down\"");
  CHECK(p.lines[2].output == "it's $d");
}

TEST_CASE("runbook reader: the validator's findings about steps are placed on the script's lines",
          "[runbook]") {
  // -Force:$false binds (the switch is given) but the step has no force: the scenario rule
  // is reported at the line, not at the scenario file.
  const RunbookPlan p = parse(
      "Start-Sleep 1\n  Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com "
      "-Force:$false\n");
  scenario::Scenario s = contoso();
  apply_runbook(p, s);
  const std::vector<Diagnostic> f = runbook_findings(p, s, "contoso.pb.txt");
  REQUIRE(f.size() == 1);
  CHECK(f[0].format() ==
        "rb.ps1:2:3: error: Invoke-CsManagementServerFailover with -BackupSqlServerFqdn needs "
        "-Force");
  // An anchor's offset too large for a decide delay is reported at the anchor.
  const RunbookPlan big = parse(
      "# drsim: start at detect+999999999h\nStart-Sleep 1\n"
      "Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n");
  scenario::Scenario s2 = contoso();
  apply_runbook(big, s2);
  const std::vector<Diagnostic> g = runbook_findings(big, s2, "contoso.pb.txt");
  REQUIRE(g.size() == 1);
  CHECK(
      g[0].format().rfind(
          "rb.ps1:1:1: error: the anchor's offset becomes the decide delay, which must be at most",
          0) == 0);
}

TEST_CASE("runbook reader: mangled runbooks give a plan or an InputError, never a crash",
          "[runbook]") {
  // Deterministic mutations of the samples with the characters the lexer treats specially;
  // under the sanitizer build this also checks for memory errors.
  const char tricky[] = "`'\"$#<>{}()|;=-:@ \n\t\r0aZ";
  uint64_t x = 0x9E3779B97F4A7C15ull;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  int parsed = 0, rejected = 0;
  for (const char* sample :
       {"scenarios/contoso-site-loss.ps1", "scenarios/contoso-site-loss-misordered.ps1"}) {
    const std::string base = read_file(source_path(sample), kMaxRunbookBytes);
    for (int k = 0; k < 1500; ++k) {
      std::string text = base;
      for (int m = 1 + static_cast<int>(next() % 3); m > 0; --m)
        text[next() % text.size()] = tricky[next() % (sizeof tricky - 1)];
      if (k % 10 == 0) text.resize(next() % text.size());
      try {
        const RunbookPlan p = parse(text);
        CHECK(p.step_line.size() == p.steps.size());
        ++parsed;
      } catch (const InputError& e) {
        CHECK_FALSE(e.diagnostics().empty());
        ++rejected;
      }
    }
  }
  CHECK(parsed > 0);
  CHECK(rejected > 0);
}

TEST_CASE(
    "runbook reader: topology cmdlets take their named durations, other read-only ones are no-ops, "
    "made-up ones fail",
    "[runbook]") {
  const RunbookPlan p = parse(
      "Get-CsPoolFabricState -PoolFqdn pool01.contoso.com -Verbose\n"
      "get-cspool\n"
      "Get-CsPoolFailoverStatus -PoolFqdn pool01.contoso.com\n");
  REQUIRE(p.lines.size() == 3);
  // The topology cmdlets take their named durations (docs/runbook.md) and print simulated output.
  CHECK(p.lines[0].kind == RunbookLine::Kind::kSleep);
  CHECK(p.lines[0].sleep_ms == 30000);
  CHECK(p.lines[0].output.find("PoolState    : Active") != std::string::npos);
  CHECK(p.lines[1].kind == RunbookLine::Kind::kSleep);
  CHECK(p.lines[1].sleep_ms == 10000);
  CHECK(p.lines[1].output.find("Site      : Site:Redmond") != std::string::npos);
  // The made-up cmdlet fails as CommandNotFoundException, and is no model step: under
  // Continue the shell goes on, and so does the admin.
  CHECK(p.steps.empty());
  CHECK(p.lines[2].fails);
  CHECK(p.lines[2].error.message.find("The term 'Get-CsPoolFailoverStatus' is not recognized") ==
        0);
  // A real read-only cmdlet drsim does not model runs as a no-op.
  CHECK(parse("Get-CsDatabaseMirrorState -PoolFqdn pool02.contoso.com\n")
            .lines[0]
            .output.find("only reads") != std::string::npos);
}
