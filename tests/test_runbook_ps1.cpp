// The PowerShell runbook reader (io/runbook_ps1.h): what it accepts and how it maps lines to
// runbook steps, and every kind of error with its exact file:line:col message.
#include <catch2/catch.hpp>

#include "io/files.h"
#include "io/runbook_ps1.h"
#include "io/scenario_file.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

const scenario::Scenario& contoso() {
  static const scenario::Scenario s = load_scenario(source_path("tests/data/contoso.pb.txt")).scenario;
  return s;
}

RunbookPlan parse(const std::string& text) { return parse_runbook("rb.ps1", text, contoso()); }

// The formatted errors of a runbook that must not parse.
std::string errors_of(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("the runbook parsed: " << text);
  return "";
}

}  // namespace

TEST_CASE("runbook reader: cmdlets map to chained steps with their real parameters", "[runbook]") {
  const RunbookPlan p = parse(
      "# Contoso DR\n"
      "# drsim: start at detect+15m\n"
      "Import-Module SkypeForBusiness\n"
      "$pool = 'pool01.contoso.com'\n"
      "invoke-csmanagementserverfailover -BackupSqlServerFqdn \"sql02.contoso.com\" -force -Confirm:$false\n"
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
        "Set-CsEdgeServer -Identity \"EdgeServer:edge01.contoso.com\" -Registrar \"Registrar:pool02.contoso.com\"");
  CHECK(p.lines[4].kind == RunbookLine::Kind::kSleep);
  CHECK(p.lines[4].sleep_ms == 300000);
  CHECK(p.lines[9].category == "UserData");
  CHECK(p.step_line == std::vector<int>{2, 3, 8, 9});
}

TEST_CASE("runbook reader: anchors at detection, decision or a clock time", "[runbook]") {
  CHECK(parse("").anchor.kind == RunbookAnchor::Kind::kDecide);
  CHECK(parse("").anchor.seconds == 0);
  const RunbookPlan d = parse("# drsim: start at decide+1h30m\nGet-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n");
  CHECK(d.anchor.kind == RunbookAnchor::Kind::kDecide);
  CHECK(d.steps[0].after_detect());
  CHECK(d.steps[0].offset_s() == 5400);
  const RunbookPlan a = parse("# drsim: start at day 2 08:30\nStart-Sleep 10\n"
                              "Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n");
  CHECK(a.anchor.kind == RunbookAnchor::Kind::kAbsolute);
  CHECK(a.steps[0].at_s() == 86400 + 8 * 3600 + 30 * 60 + 10);
  CHECK(parse("#drsim: start at 10:25:30\n").anchor.seconds == 37530);
  CHECK(parse("# drsim: start at detect\n").anchor.kind == RunbookAnchor::Kind::kDetect);
}

TEST_CASE("runbook reader: applying a detect anchor makes it the admin's decide delay", "[runbook]") {
  scenario::Scenario s = contoso();
  apply_runbook(parse("# drsim: start at detect+20m\nStart-CsPool pool01.contoso.com -QuorumLossRecovery\n"), s);
  REQUIRE(s.runbook_size() == 1);
  CHECK(s.runbook(0).cmdlet() == scenario::START_CS_POOL);
  CHECK(s.runbook(0).pool_fqdn() == "pool01.contoso.com");
  CHECK(s.admin().decide_delay().fixed_s() == 1200);
}

TEST_CASE("runbook reader: unknown cmdlets and parameters, ambiguous prefixes, missing mandatory ones",
          "[runbook]") {
  CHECK(errors_of("Get-CsPoolFailoverStatus -PoolFqdn pool01.contoso.com\n")
            .rfind("rb.ps1:1:1: error: The term 'Get-CsPoolFailoverStatus' is not recognized as the name of a "
                   "cmdlet drsim rehearses. Supported: Invoke-CsPoolFailover, ", 0) == 0);
  CHECK(errors_of("Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -Bogus\n") ==
        "rb.ps1:1:52: error: Invoke-CsPoolFailover: A parameter cannot be found that matches parameter name 'Bogus'.");
  CHECK(errors_of("\n  Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -D\n") ==
        "rb.ps1:2:54: error: Invoke-CsPoolFailover: Parameter cannot be processed because the parameter name 'D' "
        "is ambiguous. Possible matches include: -DisasterMode -DatabaseCommandTimeoutInSeconds -Debug.");
  CHECK(errors_of("Invoke-CsPoolFailover -DisasterMode\n") ==
        "rb.ps1:1:1: error: Invoke-CsPoolFailover: Cannot process command because of one or more missing "
        "mandatory parameters: PoolFqdn.");
  CHECK(errors_of("Get-CsBackupServiceStatus -PoolFqdn\n") ==
        "rb.ps1:1:27: error: Get-CsBackupServiceStatus: Missing an argument for parameter 'PoolFqdn'. Specify a "
        "value and try again.");
  CHECK(errors_of("Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -Force -Force\n") ==
        "rb.ps1:1:59: error: Invoke-CsPoolFailover: Cannot bind parameter because parameter 'Force' is specified "
        "more than once.");
  CHECK(errors_of("Invoke-CsPoolFailover pool01.contoso.com\n") ==
        "rb.ps1:1:23: error: Invoke-CsPoolFailover: A positional parameter cannot be found that accepts argument "
        "'pool01.contoso.com'.");
  CHECK(errors_of("Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com -Category Users\n") ==
        "rb.ps1:1:66: error: Get-CsBackupServiceStatus: Cannot validate argument on parameter 'Category'. The "
        "argument \"Users\" does not belong to the set \"CMS, UserData, RGS\".");
  CHECK(errors_of("Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -WhatIf\n") ==
        "rb.ps1:1:52: error: Invoke-CsPoolFailover: -WhatIf is not rehearsed: remove it or the line.");
}

TEST_CASE("runbook reader: FQDNs are checked against the topology", "[runbook]") {
  CHECK(errors_of("Invoke-CsPoolFailover -PoolFqdn pool03.contoso.com -DisasterMode\n") ==
        "rb.ps1:1:33: error: Invoke-CsPoolFailover: Pool \"pool03.contoso.com\" was not found in the topology "
        "(-PoolFqdn).");
  CHECK(errors_of("Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql03.contoso.com -Force\n") ==
        "rb.ps1:1:56: error: Invoke-CsManagementServerFailover: SQL Server \"sql03.contoso.com\" was not found in "
        "the topology (-BackupSqlServerFqdn).");
  CHECK(errors_of("Set-CsEdgeServer -Identity EdgeServer:edge09.contoso.com -Registrar Registrar:pool02.contoso.com\n") ==
        "rb.ps1:1:28: error: Set-CsEdgeServer: Edge pool \"EdgeServer:edge09.contoso.com\" was not found in the "
        "topology (-Identity).");
  // Case does not matter, as in DNS; the step carries the topology's spelling.
  CHECK(parse("Invoke-CsPoolFailback -PoolFqdn POOL01.Contoso.com\n").steps[0].pool_fqdn() == "pool01.contoso.com");
}

TEST_CASE("runbook reader: unsupported constructs, strings, variables and directives", "[runbook]") {
  CHECK(errors_of("Get-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com | Format-List\n") ==
        "rb.ps1:1:59: error: unsupported construct '|': drsim rehearses one command per line (no pipelines, "
        "blocks, sub-expressions, arrays or redirection)");
  CHECK(errors_of("if ($x) { Start-Sleep 1 }\n") ==
        "rb.ps1:1:4: error: unsupported construct '(': drsim rehearses one command per line (no pipelines, "
        "blocks, sub-expressions, arrays or redirection)");
  CHECK(errors_of("foreach $p\n") ==
        "rb.ps1:1:1: error: unsupported construct: 'foreach' statements are not rehearsed (one cmdlet per line)");
  CHECK(errors_of("Start-Sleep -Seconds $(1+1)\n") ==
        "rb.ps1:1:22: error: unsupported construct '$(...)': sub-expressions are not rehearsed");
  CHECK(errors_of("Invoke-CsPoolFailover -PoolFqdn $pool\n") ==
        "rb.ps1:1:33: error: The variable '$pool' cannot be retrieved because it has not been set.");
  CHECK(errors_of("Write-Host \"unterminated\n") == "rb.ps1:1:12: error: the string is missing the terminator: \"");
  CHECK(errors_of("$ErrorActionPreference = 'Halt'\n") ==
        "rb.ps1:1:26: error: Cannot convert value \"Halt\" to an ActionPreference: use Continue, Stop, "
        "SilentlyContinue or Ignore.");
  CHECK(errors_of("# drsim: start at lunch\n") ==
        "rb.ps1:1:1: error: unknown drsim directive 'start at lunch': use '# drsim: start at detect+15m', "
        "'decide+5m' or '[day N] HH:MM[:SS]'");
  CHECK(errors_of("Start-Sleep 1\nGet-CsPoolBackupRelationship -PoolFqdn pool01.contoso.com\n# drsim: start at detect\n") ==
        "rb.ps1:3:1: error: the 'drsim: start at' anchor must come before the first command (line 2)");
  CHECK(errors_of("Start-Sleep -Seconds soon\n") ==
        "rb.ps1:1:22: error: Start-Sleep: Cannot bind parameter 'Seconds'. Cannot convert value \"soon\" to a "
        "number of at most 1e9.");
  // Every error in the file, in line order, not only the first.
  const std::string all = errors_of("Get-Foo\nStart-Sleep 1 ; Start-Sleep 2\nInvoke-CsPoolFailover\n");
  CHECK(all.find("rb.ps1:1:1:") < all.find("rb.ps1:2:15:"));
  CHECK(all.find("rb.ps1:2:15:") < all.find("rb.ps1:3:1:"));
  // Strings: '' and `" escapes, variables expanded in double quotes only.
  const RunbookPlan p = parse("$d = 'contoso.com'\nWrite-Host \"pool01.$d is `\"down`\"\"\nWrite-Host 'it''s $d'\n");
  CHECK(p.lines[1].output == "pool01.contoso.com is \"down\"");
  CHECK(p.lines[2].output == "it's $d");
}

TEST_CASE("runbook reader: mangled runbooks give a plan or an InputError, never a crash", "[runbook]") {
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
  for (const char* sample : {"scenarios/contoso-site-loss.ps1", "scenarios/contoso-site-loss-misordered.ps1"}) {
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
