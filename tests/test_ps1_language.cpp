// The PowerShell a rehearsed runbook may use (io/ps1_syntax.h, io/runbook_interp.h): each
// construct runs with the semantics PowerShell gives it, on the Contoso site loss
// (tests/data/contoso.pb.txt: Redmond lost at 10:00, the script starts at the decision, 10:25).
#include <catch2/catch.hpp>

#include "analysis/runbook_console.h"
#include "io/files.h"
#include "io/overrides.h"
#include "io/runbook_ps1.h"
#include "story_util.h"
#include "test_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

const scenario::Scenario& contoso() {
  static const scenario::Scenario s =
      load_scenario(source_path("tests/data/contoso.pb.txt")).scenario;
  return s;
}

RunbookPlan plan(const std::string& text, const std::vector<std::string>& answers = {}) {
  RehearsalOptions o;
  o.answers = answers;
  return parse_runbook("rb.ps1", text, contoso(), o);
}

// What the script printed (Write-Host, output, errors), line by line, without the prompts.
std::string printed(const std::string& text, const std::vector<std::string>& answers = {}) {
  const RunbookPlan p = plan(text, answers);
  std::string out;
  for (const RunbookLine& l : p.lines) {
    if (!l.output.empty()) out += l.output + "\n";
    if (l.fails && l.step < 0) out += "error: " + l.error.message + "\n";
  }
  return out;
}

std::string console(const std::string& text) {
  scenario::Scenario s = contoso();
  const RunbookPlan p = parse_runbook("rb.ps1", text, s);
  apply_runbook(p, s);
  validate_overridden(s, "contoso.pb.txt");
  return format_rehearsal(p, run_story(s).log.records());
}

std::string errors_of(const std::string& text) {
  try {
    plan(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const char* kCms =
    "Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force\n";
const char* kPool = "Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode\n";

}  // namespace

TEST_CASE(
    "runbook language: ';' separates statements and a trailing pipe or operator continues the line",
    "[runbook][language]") {
  CHECK(printed("Write-Host a; Write-Host b ;Write-Host c\n") == "a\nb\nc\n");
  CHECK(printed("$x = 1 +\n  2\nWrite-Host $x\n") == "3\n");
  CHECK(printed("@('b', 'a') |\n  Sort-Object |\n  Write-Host\n") == "a b\n");
  CHECK(printed("Write-Host `\n  'continued'\n") == "continued\n");
  CHECK(printed("<# a block\ncomment #> Write-Host after # and a comment\n") == "after\n");
}

TEST_CASE(
    "runbook language: splatting a hashtable binds the same step as the parameters written out",
    "[runbook][language]") {
  const RunbookPlan written = plan(kCms);
  const RunbookPlan splatted = plan(
      "$p = @{ BackupSqlServerFqdn = 'sql02.contoso.com'; Force = $true "
      "}\nInvoke-CsManagementServerFailover @p\n");
  REQUIRE(written.steps.size() == 1);
  REQUIRE(splatted.steps.size() == 1);
  CHECK(written.steps[0].backup_sql_server_fqdn() == splatted.steps[0].backup_sql_server_fqdn());
  CHECK(splatted.steps[0].force());
  // A switch turned off by its splatted value, and an array splatted positionally.
  CHECK(!plan("$p = @{ BackupSqlServerFqdn = 'sql02.contoso.com'; Force = $false }\n"
              "Invoke-CsManagementServerFailover @p\n")
             .steps[0]
             .force());
  CHECK(plan("$a = @('pool01.contoso.com')\nStart-CsPool @a\n").steps[0].pool_fqdn() ==
        "pool01.contoso.com");
}

TEST_CASE(
    "runbook language: strings expand $var and $(...) but not $var.Property, as PowerShell does",
    "[runbook][language]") {
  CHECK(printed("$p = @{ Name = 'pool01' }\nWrite-Host \"$($p.Name) and $p.Name\"\n") ==
        "pool01 and System.Collections.Hashtable.Name\n");
  CHECK(printed("$n = 3\nWrite-Host \"${n}rd: $(1 + $n * 2) `$n 'q' \"\"dq\"\"\"\n") ==
        "3rd: 7 $n 'q' \"dq\"\n");
  CHECK(printed("$s = @\"\nline $(2 * 2)\n  two\n\"@\nWrite-Host $s\n") == "line 4\n  two\n");
  CHECK(printed("$s = @'\nno $expansion\n'@\nWrite-Host $s\n") == "no $expansion\n");
  CHECK(printed("Write-Host ('{0}-{1}' -f 'a', 2)\n") == "a-2\n");
}

TEST_CASE("runbook language: if, foreach, for, while and do run as PowerShell runs them",
          "[runbook][language]") {
  CHECK(printed("$x = 2\nif ($x -gt 2) { 'big' } elseif ($x -eq 2) { 'two' } else { 'small' }\n") ==
        "two\n");
  CHECK(printed("foreach ($p in 'a', 'b') { Write-Host \"<$p>\" }\n") == "<a>\n<b>\n");
  CHECK(printed("for ($i = 0; $i -lt 3; $i++) { if ($i -eq 1) { continue }; Write-Host $i }\n") ==
        "0\n2\n");
  CHECK(printed("$i = 0\nwhile ($true) { $i++; if ($i -ge 2) { break } }\nWrite-Host $i\n") ==
        "2\n");
  CHECK(printed("$i = 5\ndo { $i++ } until ($i -ge 3)\nWrite-Host $i\n") == "6\n");
  // Comparisons convert the right operand to the left's type, ignore case, filter arrays.
  CHECK(printed("Write-Host ('10' -eq 10) ('ABC' -eq 'abc') ('ABC' -ceq 'abc') (@(1, 2, 3) -gt "
                "1).Count\n") == "True True False 2\n");
}

TEST_CASE("runbook language: a loop that never ends stops at its bound, with an error at the loop",
          "[runbook][language]") {
  const RunbookPlan p = plan("while ($true) { Start-Sleep -Milliseconds 1 }\nWrite-Host never\n");
  REQUIRE(!p.lines.empty());
  CHECK(p.lines.back().ends_script);
  CHECK(p.lines.back().error.line == 1);
  CHECK(p.lines.back().error.message.find("drsim stops a loop after 1000 iterations") == 0);
}

TEST_CASE("runbook language: values that double on every line stop at a limit, at their line",
          "[runbook][language]") {
  const RunbookPlan arrays =
      plan("$a = 1\nfor ($i = 0; $i -lt 40; $i++) { $a = $a, $a }\nWrite-Host done\n");
  const auto failed = std::find_if(arrays.lines.begin(), arrays.lines.end(),
                                   [](const RunbookLine& l) { return l.fails; });
  REQUIRE(failed != arrays.lines.end());
  CHECK(failed->error.message.find("is larger than drsim rehearses") != std::string::npos);
  const RunbookPlan strings = plan("$s = 'x'\nforeach ($i in 1..40) { $s += $s }\n");
  CHECK(std::any_of(strings.lines.begin(), strings.lines.end(), [](const RunbookLine& l) {
    return l.fails && l.error.message.find("longer than 4096") != std::string::npos;
  }));
  // Nested loops count in the statement budget.
  const RunbookPlan nested = plan("while (1) { while (1) { while (1) { } } }\n");
  REQUIRE(!nested.lines.empty());
  CHECK(nested.lines.back().ends_script);
}

TEST_CASE("runbook language: try/catch/finally catch terminating errors as PowerShell raises them",
          "[runbook][language]") {
  // A cmdlet's own error is not terminating under Continue: the catch block does not run.
  const std::string misordered =
      std::string("try { ") + kPool + " } catch { Write-Host caught } finally { Write-Host fin }\n";
  CHECK(printed(misordered) == "fin\n");
  // -ErrorAction Stop (or the preference) makes it terminating.
  CHECK(printed("try { Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode "
                "-ErrorAction Stop }\n"
                "catch { Write-Host \"caught: $($_.Exception.Message)\" }\n")
            .rfind("caught: The Central Management Store is unavailable", 0) == 0);
  // An unknown command, a parameter that does not bind and throw are terminating anyway.
  CHECK(printed("try { Get-Nothing } catch [System.Management.Automation.CommandNotFoundException] "
                "{ 'nf' }\n") == "nf\n");
  CHECK(printed("try { Invoke-CsPoolFailover -Bogus } catch { 'binding' }\n") == "binding\n");
  CHECK(printed("try { throw 'boom' } catch { \"got $_\" } finally { 'fin' }\n") ==
        "got boom\nfin\n");
  // $? after a cmdlet is what the model made of it.
  CHECK(printed(std::string(kPool) + "if (-not $?) { 'failed' }\n" + kCms + "if ($?) { 'ok' }\n") ==
        "failed\nok\n");
}

TEST_CASE("runbook language: throw ends the script unless caught, exit ends it",
          "[runbook][language]") {
  const RunbookPlan thrown = plan(std::string("throw 'CMS check failed'\n") + kCms);
  CHECK(thrown.steps.empty());
  REQUIRE(!thrown.lines.empty());
  CHECK(thrown.lines.back().ends_script);
  CHECK(thrown.lines.back().error.message == "CMS check failed");
  CHECK(plan(std::string("exit 3\n") + kCms).steps.empty());
  CHECK(console(std::string("throw 'CMS check failed'\n") + kCms).find("(the script stops here)") !=
        std::string::npos);
}

TEST_CASE(
    "runbook language: functions take named, positional and switch parameters and return their "
    "output",
    "[runbook][language]") {
  CHECK(printed("function Get-Label { param([string]$Name, [int]$N = 1, [switch]$Loud)\n"
                "  $s = \"$Name x$N\"; if ($Loud) { return $s.ToUpper() }; $s }\n"
                "Write-Host (Get-Label pool)\nWrite-Host (Get-Label -Name pool -N 2 -Loud)\n") ==
        "pool x1\nPOOL X2\n");
  CHECK(printed("function Add($a, $b) { $a + $b }\nWrite-Host (Add 2 3)\n") == "5\n");
  CHECK(printed("$b = { param($x) \"[$x]\" }\nWrite-Host (& $b 7) ($b.Invoke(8))\n") ==
        "[7] [8]\n");
}

TEST_CASE("runbook language: Start-Sleep advances the simulated clock and Get-Date reads it",
          "[runbook][language]") {
  CHECK(printed("$t = Get-Date\nStart-Sleep -Seconds 90\nWrite-Host $t ((Get-Date) - "
                "$t).TotalSeconds\n") == "d+0 10:25:00 90\n");
  CHECK(printed(std::string(kCms) + "Write-Host (Get-Date -Format 'HH:mm:ss')\n") == "10:30:00\n");
}

TEST_CASE("runbook language: Read-Host answers from the answers file, else Enter",
          "[runbook][language]") {
  CHECK(printed("$a = Read-Host 'Proceed?'\n$b = Read-Host 'Pool'\nWrite-Host \"[$a][$b]\"\n",
                {"y"}) == "Proceed?: y\nPool: \n[y][]\n");
}

TEST_CASE(
    "runbook language: Where-Object, Select-Object and Sort-Object shape the simulated objects at "
    "no cost",
    "[runbook][language]") {
  const RunbookPlan p = plan(
      "Get-CsPool | Where-Object { $_.Site -like '*Dublin' } | Select-Object -ExpandProperty Fqdn\n"
      "$s = Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com\n"
      "$s.BackupModules | Sort-Object Identity -Descending | Select-Object -First 1 Identity, "
      "ExportStatus | Format-List\n");
  CHECK(p.lines[0].output == "pool02.contoso.com");
  CHECK(p.lines[0].sleep_ms == 10000);  // Get-CsPool's own named duration, nothing for the filters
  REQUIRE(p.steps.size() == 1);         // the Backup Service query
  CHECK(p.lines[1].quiet);              // its output went into $s
  CHECK(p.lines[2].output ==
        "\nIdentity     : UserServices.PresenceFocus\nExportStatus : ErrorState\n");
}

TEST_CASE(
    "runbook language: an unknown command fails its statement only, at its line, with PowerShell's "
    "text",
    "[runbook][language]") {
  const RunbookPlan p =
      plan(std::string(kCms) + "  Get-CsPoolFailoverStatus -PoolFqdn x\n" + kPool);
  CHECK(p.steps.size() == 2);
  const auto failed =
      std::find_if(p.lines.begin(), p.lines.end(), [](const RunbookLine& l) { return l.fails; });
  REQUIRE(failed != p.lines.end());
  CHECK(failed->error.line == 2);
  CHECK(failed->error.column == 3);
  CHECK(failed->error.category ==
        "ObjectNotFound: (Get-CsPoolFailoverStatus:String) [], CommandNotFoundException");
}

TEST_CASE(
    "runbook language: what PowerShell's parser refuses stops the whole script, at file:line:col",
    "[runbook][language]") {
  CHECK(errors_of("if ($x -eq 1 {\n") ==
        "rb.ps1:1:14: error: Missing closing ')' after expression in 'if' statement.");
  CHECK(errors_of("Write-Host 'a\n") ==
        "rb.ps1:1:12: error: The string is missing the terminator: '.");
  CHECK(errors_of("$x = \n") ==
        "rb.ps1:2:1: error: You must provide a value expression on the right-hand side of the '=' "
        "operator.");
  CHECK(errors_of("try { 1 }\n") ==
        "rb.ps1:1:10: error: The Try statement is missing its Catch or Finally block.");
  CHECK(errors_of("Get-Date |\n") == "rb.ps1:2:1: error: An empty pipe element is not allowed.");
}

TEST_CASE("runbook language: unsupported statements fail at their line, and the script goes on",
          "[runbook][language]") {
  const RunbookPlan p = plan("switch ($x) { 1 { 'one' } }\nWrite-Host after\n");
  REQUIRE(p.lines.size() == 2);
  CHECK(p.lines[0].fails);
  CHECK(p.lines[0].error.message ==
        "drsim does not rehearse 'switch' statements (docs/runbook.md).");
  CHECK(p.lines[1].output == "after");
}

TEST_CASE(
    "runbook language: the same script and seed give the same plan and console, byte for byte",
    "[runbook][language][determinism]") {
  const std::string script =
      read_file(source_path("tests/runbooks/18-retry-loop.ps1"), kMaxRunbookBytes);
  CHECK(console(script) == console(script));
}
