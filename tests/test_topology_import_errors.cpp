// drsim import-topology, the refusals: malformed and unknown documents, dangling references
// and duplicates, deployments drsim cannot model, and the command's exit codes
// (io/topology_import.h; docs/import.md). The documents are built here or read from
// tests/data/topology/.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>
#include "cli_util.h"
#include "io/files.h"
#include "io/imported_scenario_text.h"
#include "io/scenario_file.h"
#include "io/topology_import.h"
#include "io/xml_source.h"
#include "story_util.h"

#include "topology_import_util.h"

using namespace drsim::testing::topology;

TEST_CASE("topology import: malformed and unknown documents name the line", "[import]") {
  // A wrong end tag: at its '<', naming the element it fails to close.
  CHECK(import_error("<?xml version=\"1.0\"?>\n<TopologyBuilder>\n  <NewTopology>\n"
                     "  </Topology>\n</TopologyBuilder>\n") ==
        "doc.tbxml:4:3: error: malformed XML: the end tag '</Topology>' does not close element "
        "'NewTopology' "
        "(opened at line 3)");
  // The innermost open element, not a closed one below it nor the root.
  CHECK(import_error("<TopologyBuilder>\n <NewTopology>\n  <PartialTopology/>\n  <CentralSites>\n  "
                     " <Name>x</Name>\n"
                     " </PartialTopology>\n</TopologyBuilder>\n") ==
        "doc.tbxml:6:2: error: malformed XML: the end tag '</PartialTopology>' does not close "
        "element "
        "'CentralSites' (opened at line 4)");
  // A truncated document names what it leaves open.
  CHECK(import_error("<TopologyBuilder>\n <NewTopology>\n  <PartialTopology>\n   <Services/>\n") ==
        "doc.tbxml:4:15: error: malformed XML: the document ends before element 'PartialTopology' "
        "(opened at "
        "line 3) is closed");
  CHECK(import_error("") == "doc.tbxml:1:1: error: malformed XML: No document element found");
  CHECK(import_error("<?xml version=\"1.0\"?>\n\n<Deployment xmlns=\"urn:x\"/>\n") ==
        "doc.tbxml:3:1: error: unknown document: the root element 'Deployment' is neither "
        "'TopologyBuilder' (a Topology Builder .tbxml) nor 'Topology' (Get-CsTopology -AsXml)");
  CHECK(import_error(
            "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2007\"/>") ==
        "doc.tbxml:1:1: error: element 'Topology' is in namespace "
        "'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2007', expected "
        "'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008'");
  CHECK(import_error("<TopologyBuilder xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy."
                     "TopologyBuilder.2008\">\n  <OriginalTopology/>\n</TopologyBuilder>") ==
        "doc.tbxml:1:1: error: element 'TopologyBuilder' has no 'NewTopology' element");
}

TEST_CASE("topology import: dangling references and duplicates are errors at their element",
          "[import]") {
  SECTION("a dependency on a service the document does not define") {
    Tbxml t;
    t.site("1", "East").pool("pa", "poola.example", {"fe1.example", "fe2.example"}, "nowhere");
    const std::string xml = t.str();
    CHECK(import_error(xml) == "doc.tbxml:" + where(xml, "ServiceUniqueId=\"nowhere\"") +
                                   ": error: service UserServices depends on service 'nowhere', "
                                   "which the document does not define");
  }
  SECTION("two services with one UniqueId") {
    Tbxml t;
    t.site("1", "East")
        .pool("pa", "poola.example", {"fe1.example", "fe2.example"}, "sa-us")
        .sql_server("sqa", "sqla.example", "sqa-i")
        .service("sa-us", "UserStore", "sqa-i")
        .service("sa-us", "FileStore", "sqa");
    const std::string xml = t.str();
    CHECK(import_error(xml) == "doc.tbxml:" + where(xml, "RoleName=\"FileStore\"") +
                                   ": error: duplicate service id 'sa-us'");
  }
  SECTION("a pool whose user store is on an unknown SQL instance") {
    Tbxml t;
    t.site("1", "East")
        .pool("pa", "poola.example", {"fe1.example", "fe2.example"}, "sa-us")
        .service("sa-us", "UserStore", "sql-missing");
    const std::string xml = t.str();
    CHECK(import_error(xml) == "doc.tbxml:" + where(xml, "Service UniqueId=\"sa-us\"") +
                                   ": error: service UserStore is installed on 'sql-missing', "
                                   "which is no cluster or SQL instance of the document");
  }
  SECTION("a pool whose user store is installed on a cluster, not a SQL instance") {
    Tbxml t;
    t.site("1", "East")
        .pool("pa", "poola.example", {"fe1.example", "fe2.example"}, "sa-us")
        .cluster("fs", "fs.example", {""})
        .service("sa-us", "UserStore", "fs");
    const std::string xml = t.str();
    CHECK(import_error(xml) == "doc.tbxml:" + where(xml, "Service UniqueId=\"sa-us\"") +
                                   ": error: UserStore of pool 'poola.example' is installed on "
                                   "'fs', which is no SQL instance of the document");
  }
  SECTION("a pool without a user store") {
    Tbxml t;
    t.site("1", "East").cluster("pa", "poola.example", {"fe1.example", "fe2.example"});
    t.service("pa-us", "UserServices", "pa");
    const std::string xml = t.str();
    CHECK(import_error(xml) ==
          "doc.tbxml:" + where(xml, "UniqueId=\"pa-us\"") +
              ": error: pool 'poola.example': its UserServices service depends on no UserStore, "
              "so the document does not say which SQL Server holds the pool's users");
  }
  SECTION("two machines with one FQDN") {
    Tbxml t;
    t.site("1", "East")
        .pool("pa", "poola.example", {"fe1.example", "fe2.example"}, "sa-us")
        .sql_server("sqa", "FE1.example", "sqa-i")
        .service("sa-us", "UserStore", "sqa-i");
    const std::string xml = t.str();
    CHECK(import_error(xml) == "doc.tbxml:" + where(xml, "UniqueId=\"sqa\"") +
                                   ": error: duplicate FQDN 'FE1.example': already used at line " +
                                   std::to_string(line_of(xml, "UniqueId=\"pa\"")));
  }
  SECTION("a backup pool that is an Edge pool") {
    Tbxml t;
    t.site("1", "East")
        .pool("pa", "poola.example", {"fe1.example", "fe2.example"}, "sa-us", "ed-svc")
        .sql_server("sqa", "sqla.example", "sqa-i")
        .cluster("ed", "edge.example", {"e1.example"})
        .service("sa-us", "UserStore", "sqa-i")
        .service("ed-svc", "EdgeServer", "ed", {{"pa-reg", "Default"}});
    const std::string xml = t.str();
    CHECK(import_error(xml) == "doc.tbxml:" + where(xml, "ServiceUniqueId=\"ed-svc\"") +
                                   ": error: the backup pool of 'poola.example' is service "
                                   "EdgeServer 'ed-svc', which is installed on no Front End pool");
  }
}

TEST_CASE("topology import: a deployment drsim cannot model is refused at its pool", "[import]") {
  // Skype for Business Server 2019 refuses two-server Enterprise pools.
  Tbxml t;
  t.site("1", "East").pool("pa", "poola.example", {"fe1.example", "fe2.example"}, "sa-us");
  t.sql_server("sqa", "sqla.example", "sqa-i").service("sa-us", "UserStore", "sqa-i", {}, 8);
  const std::string xml = t.str();
  CHECK(import_error(xml) == "doc.tbxml:" + where(xml, "UniqueId=\"pa\"") +
                                 ": error: pools[0].front_ends: the deployment breaks a drsim "
                                 "rule: an Enterprise pool on Skype for Business Server 2019 has "
                                 "3 to 16 Front End servers (got 2)");
  Tbxml empty;
  empty.site("1", "East").cluster("fs", "fs.example", {""});
  CHECK(import_error(empty.str()) ==
        "doc.tbxml:2:1: error: the document defines no Front End pool or Standard Edition server "
        "in a central site: there is nothing to simulate");
}

TEST_CASE("cli: import-topology writes the scenario to stdout or atomically to --out",
          "[import][cli]") {
  using drsim::testing::run_cli;
  const drsim::testing::CliOutput to_stdout =
      run_cli("import-topology " + source_path("scenarios/contoso.tbxml"));
  CHECK(to_stdout.code == 0);
  const std::string committed =
      drsim::read_file(source_path("scenarios/contoso.pb.txt"), drsim::kMaxScenarioBytes);
  // After the scenario (on stderr): what drsim inferred, then, last, what the admin must
  // still add.
  const std::string inferred = source_path("scenarios/contoso.tbxml") + ": warning: inferred: ";
  const std::string still = "still to add: your runbook";
  REQUIRE(to_stdout.text.find(still) != std::string::npos);
  REQUIRE(to_stdout.text.find(inferred) < to_stdout.text.find(still));
  CHECK(to_stdout.text.substr(0, to_stdout.text.find(inferred)) == committed);

  const auto dir = std::filesystem::temp_directory_path() / "drsim-test-import";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "contoso.pb.txt").string();
  const drsim::testing::CliOutput to_file =
      run_cli("import-topology " + source_path("scenarios/contoso.tbxml") + " --out " + out);
  CHECK(to_file.code == 0);
  CHECK(to_file.text.find("wrote " + out + ": 2 sites, 2 pools, 2 Edge pools") == 0);
  CHECK(drsim::read_file(out, drsim::kMaxScenarioBytes) == committed);
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);  // no temp file left
  CHECK(run_cli("run " + out + " -q --out " + (dir / "run").string()).code == 0);
}

TEST_CASE("cli: import-topology exits 2 on a bad document, a missing file or a JSON --out",
          "[import][cli]") {
  using drsim::testing::run_cli;
  const auto dir = std::filesystem::temp_directory_path() / "drsim-test-import-bad";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string bad = (dir / "bad.tbxml").string();
  drsim::write_file_atomically(bad, "<Topology>\n  <Sites>\n</Topology>\n");
  const drsim::testing::CliOutput o = run_cli("import-topology " + bad);
  CHECK(o.code == 2);
  CHECK(o.text ==
        bad +
            ":3:1: error: malformed XML: the end tag '</Topology>' does not close element 'Sites' "
            "(opened at line 2)\n");
  CHECK(run_cli("import-topology " + (dir / "missing.tbxml").string()).code == 2);
  const drsim::testing::CliOutput json =
      run_cli("import-topology " + source_path("scenarios/contoso.tbxml") + " --out " +
              (dir / "x.json").string());
  CHECK(json.code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "x.json"));
  CHECK(run_cli("import-topology").code == 2);
}
