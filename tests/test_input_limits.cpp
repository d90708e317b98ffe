// Inputs built to exhaust drsim: errors are listed up to a cap, runbook strings cannot grow
// without bound, and a topology document with a huge list is refused as it is read.
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "io/errors.h"
#include "io/runbook_ps1.h"
#include "io/topology_import.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

std::string input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("no InputError");
  return "";
}

// A Topology Builder document with `sites` central sites and no clusters.
std::string tbxml_with_sites(int sites) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<TopologyBuilder "
      "xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008\">\n"
      "<NewTopology><PartialTopology><CentralSites>\n";
  for (int i = 1; i <= sites; ++i)
    xml += "<CentralSite SiteId=\"" + std::to_string(i) + "\"><Name>site" + std::to_string(i) +
           "</Name></CentralSite>\n";
  return xml + "</CentralSites></PartialTopology></NewTopology></TopologyBuilder>\n";
}

}  // namespace

TEST_CASE("errors: past 100 errors the rest are counted, not listed", "[robustness]") {
  std::vector<Diagnostic> ds;
  for (int i = 1; i <= 250; ++i) ds.push_back(Diagnostic{"junk.ps1", i, 1, false, "", "bad line"});
  ds.push_back(Diagnostic{"junk.ps1", 300, 1, true, "", "a warning is kept"});
  const InputError e(std::move(ds));
  REQUIRE(e.diagnostics().size() == 102);  // 100 errors, the warning, the count
  CHECK(e.diagnostics()[99].line == 100);
  CHECK(e.diagnostics()[100].is_warning);
  CHECK(e.diagnostics().back().message == "and 150 more errors not shown");
  const std::string text = e.what();
  CHECK(std::count(text.begin(), text.end(), '\n') == 100);
  CHECK(text.find("junk.ps1:101:") == std::string::npos);
}

TEST_CASE("runbook: a string that doubles on every line stops at 4,096 characters",
          "[robustness][runbook]") {
  // 40 lines of $vN = "$vN-1$vN-1" would be a terabyte string.
  std::string script = "$v0 = \"pool01.contoso.com\"\n";
  for (int i = 1; i <= 40; ++i)
    script += "$v" + std::to_string(i) + " = \"$v" + std::to_string(i - 1) + "$v" +
              std::to_string(i - 1) + "\"\n";
  const scenario::Scenario contoso =
      load_scenario(source_path("tests/data/contoso.pb.txt")).scenario;
  const std::vector<Diagnostic> errors =
      statement_errors(parse_runbook("laugh.ps1", script, contoso));
  // pool01.contoso.com is 18 characters: $v8 would hold 4,608 of them, on line 9. That line
  // fails (and $v8 stays unset, so the lines after it fail too).
  REQUIRE(!errors.empty());
  CHECK(errors[0].format().find(
            "laugh.ps1:9:7: error: This string is longer than 4096 characters") == 0);
}

TEST_CASE(
    "import: a document with more central sites than drsim models is refused at the first surplus "
    "site",
    "[robustness][import]") {
  const std::string xml = tbxml_with_sites(200000);  // about 12 MB
  const std::string error = input_error([&] { import_topology("sites.tbxml", xml); });
  // Site 65 is on line 3 + 65.
  CHECK(error.find(
            "sites.tbxml:68:1: error: more than 64 central sites: beyond what drsim imports") == 0);
}
