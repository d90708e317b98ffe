// drsim import-topology: Topology Builder documents and Get-CsTopology -AsXml become
// scenarios (io/topology_import.h, io/imported_scenario_text.h; docs/import.md).
//
// The documents are the bundled sample (scenarios/contoso.tbxml), fixtures in
// tests/data/topology/ written in the schema of public samples, and documents built here.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include <utility>
#include <vector>
#include "sim/validate.h"

#include "cli_util.h"
#include "io/files.h"
#include "io/imported_scenario_text.h"
#include "io/scenario_file.h"
#include "io/topology_import.h"
#include "io/xml_source.h"
#include "story_util.h"

#include "topology_import_util.h"

using namespace drsim::testing::topology;

TEST_CASE("topology import: contoso.tbxml reproduces scenarios/contoso.pb.txt byte for byte",
          "[import]") {
  const std::string text = drsim::render_imported_scenario(import_file("scenarios/contoso.tbxml"));
  const std::string committed =
      drsim::read_file(source_path("scenarios/contoso.pb.txt"), drsim::kMaxScenarioBytes);
  CHECK(text == committed);
  // Same document, same bytes.
  CHECK(drsim::render_imported_scenario(import_file("scenarios/contoso.tbxml")) == text);
}

TEST_CASE("topology import: the contoso deployment as the document records it", "[import]") {
  const TopologyImport t = import_file("scenarios/contoso.tbxml");
  const sc::Scenario& s = t.scenario;
  REQUIRE(s.sites_size() == 2);
  CHECK(s.sites(0).name() == "Redmond");
  CHECK(s.sites(1).name() == "Dublin");
  CHECK(s.product_version() == sc::SFB_2015);  // ServiceVersion 7
  REQUIRE(s.pools_size() == 2);
  const sc::Pool& p1 = s.pools(0);
  CHECK(p1.fqdn() == "pool01.contoso.com");
  CHECK(p1.site() == "Redmond");
  CHECK(p1.edition() == sc::ENTERPRISE);
  REQUIRE(p1.front_ends_size() == 3);
  CHECK(p1.front_ends(2).fqdn() == "fe01c.contoso.com");
  CHECK(p1.backup_pool() == "pool02.contoso.com");
  CHECK(s.pools(1).backup_pool() == "pool01.contoso.com");
  CHECK(p1.back_end().ha_mode() == sc::NONE);
  REQUIRE(p1.back_end().servers_size() == 1);
  CHECK(p1.back_end().servers(0).fqdn() == "sql01.contoso.com");
  CHECK(s.pools(1).back_end().servers(0).fqdn() == "sql02.contoso.com");
  CHECK(s.pools(1).back_end().servers(0).site() == "Dublin");
  REQUIRE(s.edge_pools_size() == 2);
  CHECK(s.edge_pools(0).fqdn() == "edge01.contoso.com");
  CHECK(s.edge_pools(0).next_hop_pool() == "pool01.contoso.com");
  CHECK(s.edge_pools(1).next_hop_pool() == "pool02.contoso.com");
  CHECK(s.edge_pools(1).servers() == 2);
  CHECK(s.cms().pool() == "pool01.contoso.com");
  REQUIRE(s.links_size() == 1);
  CHECK(s.links(0).site_a() == "Redmond");
  CHECK(s.links(0).site_b() == "Dublin");
  REQUIRE(s.faults_size() == 1);
  CHECK(s.faults(0).component() == "Redmond");
  CHECK(s.faults(0).at_s() == 36000);
  // What the document lacks is assumed; what it records is not.
  CHECK(is_assumed(t, "pools[0].users"));
  CHECK(is_assumed(t, "pools[1].back_end.ha_mode"));
  CHECK(is_assumed(t, "faults[0]"));
  CHECK(is_assumed(t, "links[0]"));
  CHECK_FALSE(is_assumed(t, "pools[0].backup_pool"));
  CHECK_FALSE(is_assumed(t, "product_version"));
  // Each pool's UserServices depends on its site's file store (meeting content).
  REQUIRE(s.file_stores_size() == 2);
  CHECK(s.file_stores(0).fqdn() == "fs01.contoso.com");
  CHECK(s.file_stores(0).site() == "Redmond");
  CHECK(s.file_stores(0).servers() == 1);  // the document names no DFS partner
  REQUIRE(s.file_stores(0).pools_size() == 1);
  CHECK(s.file_stores(0).pools(0) == "pool01.contoso.com");
  CHECK(s.file_stores(1).pools(0) == "pool02.contoso.com");
  // The voice path: Mediation collocated on pool01, stand-alone med02 in Dublin, a gateway per
  // site on its recorded trunk, and each pool calling through the other site as failover.
  REQUIRE(s.mediation_pools_size() == 1);
  CHECK(s.mediation_pools(0).fqdn() == "med02.contoso.com");
  CHECK(s.mediation_pools(0).servers_size() == 2);
  REQUIRE(s.pstn_gateways_size() == 2);
  CHECK(s.pstn_gateways(0).site() == "Redmond");
  CHECK(s.pstn_gateways(1).site() == "Dublin");
  REQUIRE(s.trunks_size() == 2);
  CHECK(s.trunks(0).mediation_pool() == "pool01.contoso.com");
  CHECK(s.trunks(1).mediation_pool() == "med02.contoso.com");
  REQUIRE(p1.pstn_routes_size() == 2);
  CHECK(p1.pstn_routes(1) == "Dublin-route");
  // Persistent Chat in Redmond, log shipping to Dublin; Office Web Apps for both pools.
  REQUIRE(s.persistent_chat_pools_size() == 1);
  CHECK(s.persistent_chat_pools(0).active_servers() == 2);
  CHECK(s.persistent_chat_pools(0).primary_sql() == "pcsql01.contoso.com");
  CHECK(s.persistent_chat_pools(0).secondary_site() == "Dublin");
  REQUIRE(s.office_web_apps_farms_size() == 1);
  CHECK(s.office_web_apps_farms(0).pools_size() == 2);
  // Three role names are inferred (the gateway, Persistent Chat and its store); no trunk or
  // farm is.
  CHECK(t.inferred.size() == 3);
  CHECK(t.not_modelled.empty());
}

TEST_CASE("topology import: contoso.pb.txt validates and its run loses Redmond at 10:00",
          "[import]") {
  const drsim::LoadedScenario loaded =
      drsim::load_scenario(source_path("scenarios/contoso.pb.txt"));
  // A topology has no runbook: the only warning says nothing will fail over without one.
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(drsim::is_unanswered_faults_warning(loaded.warnings[0].message));
  const drsim::RunResult r = drsim::testing::run_story(loaded.scenario);
  bool site_lost = false, pool_down = false;
  for (const auto& rec : r.log.records()) {
    if (rec.time_us() != 36000LL * 1000000) continue;
    site_lost |= rec.kind() == "fault.start" && rec.subject() == "Redmond";
    pool_down |= rec.kind() == "component.down" && rec.subject() == "pool01.contoso.com";
  }
  CHECK(site_lost);
  CHECK(pool_down);
  REQUIRE(r.metrics.incidents.size() == 1);
  CHECK(drsim::testing::pool_metrics(r, "pool02.contoso.com").downtime_s == 0);
  CHECK(drsim::testing::pool_metrics(r, "pool01.contoso.com").downtime_s > 0);
  // The imported roles take part: PSTN and Persistent Chat records for the incident.
  int pstn = 0, pchat = 0;
  for (const auto& rec : r.log.records()) {
    pstn += rec.kind() == "incident.pstn";
    pchat += rec.kind() == "incident.pchat";
  }
  CHECK(pstn > 0);
  CHECK(pchat > 0);
}

TEST_CASE("topology import: a lab document gives one unpaired pool, its Edge pool, no CMS",
          "[import]") {
  const TopologyImport t = import_file("tests/data/topology/lab-single-pool.tbxml");
  const sc::Scenario& s = t.scenario;
  REQUIRE(s.pools_size() == 1);
  CHECK(s.pools(0).front_ends_size() == 4);
  CHECK_FALSE(s.pools(0).has_backup_pool());
  CHECK(s.pools(0).back_end().servers(0).fqdn() == "lsql1.fabrikam.lab");
  REQUIRE(s.edge_pools_size() == 1);
  CHECK(s.edge_pools(0).servers() == 3);
  CHECK(s.edge_pools(0).next_hop_pool() == "fepool.fabrikam.lab");
  CHECK_FALSE(s.has_cms());
  CHECK(s.links_size() == 0);
  CHECK(s.faults(0).component() == "Lab");  // no CMS: the first pool's site
  const std::vector<std::string> expected{
      "no CentralMgmtStore in the document: the scenario has no cms"};
  CHECK(t.not_modelled == expected);
  // The Office Web Apps farm serves the pool whose ConfServices depends on it, and the
  // Mediation Server collocated on the pool has no gateway: nothing is inferred. The file store
  // is imported, used by the pool whose UserServices depend on it.
  REQUIRE(s.office_web_apps_farms_size() == 1);
  CHECK(s.office_web_apps_farms(0).fqdn() == "lwac1.fabrikam.lab");
  REQUIRE(s.office_web_apps_farms(0).pools_size() == 1);
  CHECK(s.office_web_apps_farms(0).pools(0) == "fepool.fabrikam.lab");
  CHECK(s.mediation_pools_size() == 0);
  CHECK(s.trunks_size() == 0);
  CHECK(t.inferred.empty());
  REQUIRE(s.file_stores_size() == 1);
  CHECK(s.file_stores(0).fqdn() == "lfs1.fabrikam.lab");
  CHECK_NOTHROW(drsim::parse_scenario("lab.pb.txt", drsim::render_imported_scenario(t)));
}

TEST_CASE("topology import: a Registrar marked IsDirector is a Director pool, not a stray cluster",
          "[import]") {
  const TopologyImport t = import_file("tests/data/topology/with-director.tbxml");
  const sc::Scenario& s = t.scenario;
  REQUIRE(s.director_pools_size() == 1);
  CHECK(s.director_pools(0).fqdn() == "dir01.contoso.com");
  CHECK(s.director_pools(0).site() == "Redmond");
  CHECK(s.director_pools(0).servers() == 2);
  CHECK(std::find(t.read.begin(), t.read.end(),
                  "Director pool dir01.contoso.com in Redmond: 2 servers") != t.read.end());
  for (const std::string& n : t.not_modelled) CHECK(n.find("dir01") == std::string::npos);
  // The pools' own Registrars (IsDirector="false") stay Front End pools.
  CHECK(s.pools_size() == 2);
  const std::string text = drsim::render_imported_scenario(t);
  CHECK(text.find("director_pools { fqdn: \"dir01.contoso.com\" site: \"Redmond\" servers: 2 }") !=
        std::string::npos);
  CHECK_NOTHROW(drsim::parse_scenario("with-director.pb.txt", text));
}

TEST_CASE("topology import: Get-CsTopology -AsXml of a Standard Edition server", "[import]") {
  const TopologyImport t = import_file("tests/data/topology/published-standard-edition.xml");
  const sc::Scenario& s = t.scenario;
  CHECK(t.dialect == "Get-CsTopology -AsXml");
  CHECK(s.product_version() == sc::SFB_2019);  // ServiceVersion 8
  REQUIRE(s.pools_size() == 1);
  const sc::Pool& p = s.pools(0);
  CHECK(p.fqdn() == "se01.northwind.example");
  CHECK(p.edition() == sc::STANDARD);
  REQUIRE(p.front_ends_size() == 1);
  CHECK(p.front_ends(0).fqdn() == "se01.northwind.example#fe");
  CHECK(p.back_end().ha_mode() == sc::NONE);
  CHECK_FALSE(is_assumed(t, "pools[0].back_end.ha_mode"));  // a Standard Edition has no HA
  CHECK(p.back_end().servers(0).fqdn() == "se01.northwind.example#sql");
  CHECK(p.users() == 2000);
  CHECK(s.cms().pool() == "se01.northwind.example");
  CHECK_NOTHROW(drsim::parse_scenario("se.pb.txt", drsim::render_imported_scenario(t)));
}

TEST_CASE("topology import: UTF-16 output of PowerShell's `>` reads like UTF-8", "[import]") {
  const std::string path = source_path("tests/data/topology/published-standard-edition.xml");
  const std::string utf8 =
      "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n" + drsim::read_file(path, drsim::kMaxXmlBytes);
  std::string utf16 = "\xFF\xFE";  // little-endian byte-order mark, then ASCII as 16-bit units
  for (const char c : utf8) {
    utf16 += c;
    utf16 += '\0';
  }
  const TopologyImport a = drsim::import_topology("se.xml", utf8);
  const TopologyImport b = drsim::import_topology("se.xml", utf16);
  CHECK(drsim::render_imported_scenario(a) == drsim::render_imported_scenario(b));
  CHECK(b.scenario.pools(0).fqdn() == "se01.northwind.example");
  // Positions count lines of the text, whatever its encoding.
  std::string bad16 = "\xFF\xFE";
  for (const char c : std::string("<Topology>\n\n  <Sites>\n</Topology>\n")) {
    bad16 += c;
    bad16 += '\0';
  }
  CHECK(import_error(bad16) ==
        "doc.tbxml:4:1: error: malformed XML: the end tag '</Topology>' does not close "
        "element 'Sites' (opened at line 3)");
}

TEST_CASE("topology import: a recorded SQL mirror sets the Back End's mirroring mode", "[import]") {
  SECTION("with a witness") {
    const TopologyImport t = drsim::import_topology("m.tbxml", paired_pools("", true, true).str());
    const sc::BackEnd& be = t.scenario.pools(0).back_end();
    check_mirror_and_witness(be);
    CHECK_FALSE(is_assumed(t, "pools[0].back_end.ha_mode"));
    // The partner pool records no mirror: a single server, assumed.
    CHECK(is_assumed(t, "pools[1].back_end.ha_mode"));
  }
  SECTION("without a witness") {
    const TopologyImport t = drsim::import_topology("m.tbxml", paired_pools("", true).str());
    CHECK(t.scenario.pools(0).back_end().ha_mode() == sc::MIRRORING_WITHOUT_WITNESS);
    CHECK(t.scenario.pools(0).back_end().servers_size() == 2);
  }
}

TEST_CASE("topology import: an AlwaysOn group's primary node and an assumed secondary",
          "[import]") {
  const TopologyImport t = drsim::import_topology(
      "ag.tbxml", paired_pools(" AlwaysOnPrimaryNodeFqdn=\"sqla-n1.example\"").str());
  const sc::BackEnd& be = t.scenario.pools(0).back_end();
  CHECK(be.ha_mode() == sc::ALWAYSON_AVAILABILITY_GROUP);
  REQUIRE(be.servers_size() == 2);
  CHECK(be.servers(0).fqdn() == "sqla-n1.example");
  CHECK(be.servers(0).role() == sc::PRIMARY);
  CHECK(be.servers(1).fqdn() == "sqla.example#secondary");
  CHECK(is_assumed(t, "pools[0].back_end.servers[1]"));
  const std::string text = drsim::render_imported_scenario(t);
  CHECK(text.find("servers { fqdn: \"sqla.example#secondary\" site: \"East\" role: MIRROR }  # "
                  "assumed: the topology records only the listener") != std::string::npos);
}

TEST_CASE("topology import: three sites, one pair across two of them and an unpaired pool",
          "[import]") {
  Tbxml t = paired_pools();
  t.site("3", "North")
      .pool("pc", "poolc.example", {"fec1.example", "fec2.example"}, "sc-us")
      .sql_server("sqc", "sqlc.example", "sqc-i")
      .service("sc-us", "UserStore", "sqc-i");
  const TopologyImport imported = drsim::import_topology("three.tbxml", t.str());
  const sc::Scenario& s = imported.scenario;
  REQUIRE(s.sites_size() == 3);
  REQUIRE(s.pools_size() == 3);
  CHECK(s.pools(2).site() == "North");
  CHECK(s.pools(2).users() == 6000);  // 3,000 per Front End
  CHECK(s.pools(2).active_users() == 4800);
  CHECK_FALSE(s.pools(2).has_backup_pool());
  REQUIRE(s.links_size() == 1);  // only the paired sites need the Backup Service's link
  CHECK(s.links(0).name() == "East-West");
  CHECK(s.faults(0).component() == "East");
  CHECK_NOTHROW(drsim::parse_scenario("three.pb.txt", drsim::render_imported_scenario(imported)));
}

TEST_CASE(
    "topology import: every duration the model uses is written out, phases fixed, so runs repeat",
    "[import]") {
  const TopologyImport t = import_file("scenarios/contoso.tbxml");
  const sc::Scenario& s = t.scenario;
  // The Backup Service's phase and the fabric's write phase are random when absent.
  CHECK(s.backup_service().has_phase_s());
  CHECK(is_assumed(t, "backup_service.phase_s"));
  CHECK(s.parameters().has_persistence_phase_s());
  for (const char* f :
       {"parameters.query_cmdlet_s", "parameters.database_failover_s",
        "parameters.quorum_loss_recovery_s", "parameters.pool_failback_s_per_20000_users",
        "parameters.pool_failback_min_s", "parameters.persistence_phase_s",
        "parameters.voice_failure_detection_s", "backup_service.cycle_overhead_s"})
    CHECK(is_assumed(t, f));
  CHECK(s.parameters().query_cmdlet_s() == 10);
  CHECK(s.parameters().has_database_failover_s());
  const std::string text = drsim::render_imported_scenario(t);
  CHECK(text.find("\n  phase_s: 0  # assumed: ") != std::string::npos);
  CHECK(
      text.find("\n  quorum_loss_recovery_s: 300  # assumed: drsim's default (docs/model.md)\n") !=
      std::string::npos);
  // Nothing of the run is left to the seed.
  const sc::Scenario loaded =
      drsim::load_scenario(source_path("scenarios/contoso.pb.txt")).scenario;
  drsim::RunOptions one, other;
  one.seed = 1;
  other.seed = 987654321;
  const drsim::RunResult a = drsim::simulate(loaded, one), b = drsim::simulate(loaded, other);
  REQUIRE(a.log.size() == b.log.size());
  for (size_t i = 0; i < a.log.size(); ++i) {
    drsim::log::Record ra = a.log.records()[i], rb = b.log.records()[i];
    CHECK(ra.SerializeAsString() == rb.SerializeAsString());
  }
}

TEST_CASE(
    "topology import: a CMS on its own SQL instance of a pool's Back End server belongs to that "
    "pool",
    "[import]") {
  Tbxml t = paired_pools();
  t.site("3", "Extra")
      .cluster("sqx", "sqlx.example", {""}, "<SqlInstance UniqueId=\"sqx-i\" Name=\"other\" />");
  std::string xml = t.service("cms", "CentralMgmtStore", "sqa-cms").str();
  // A second instance, "cms", on sqla.example (the user store is on its "rtc" instance).
  const std::string rtc = "<SqlInstance UniqueId=\"sqa-i\" Name=\"rtc\" />";
  REQUIRE(xml.find(rtc) != std::string::npos);
  xml.replace(xml.find(rtc), rtc.size(), rtc + "<SqlInstance UniqueId=\"sqa-cms\" Name=\"cms\" />");
  const TopologyImport imported = drsim::import_topology("cms.tbxml", xml);
  REQUIRE(imported.scenario.has_cms());
  CHECK(imported.scenario.cms().pool() == "poola.example");
  CHECK(std::find(imported.read.begin(), imported.read.end(),
                  "Central Management Store on sqla.example (instance cms), the Back End of "
                  "poola.example") != imported.read.end());
}

TEST_CASE(
    "topology import: usages match exactly, so a witness listed before the mirror is the witness",
    "[import]") {
  Tbxml t;
  t.site("1", "East")
      .pool("pa", "poola.example", {"fea1.example", "fea2.example", "fea3.example"}, "sa-us",
            "pb-reg")
      .sql_server("sqa", "sqla.example", "sqa-i")
      .sql_server("sqm", "sqlm.example", "sqm-i")
      .sql_server("sqw", "sqlw.example", "sqw-i");
  t.site("2", "West")
      .pool("pb", "poolb.example", {"feb1.example", "feb2.example", "feb3.example"}, "sb-us",
            "pa-reg")
      .sql_server("sqb", "sqlb.example", "sqb-i");
  t.service("sa-us", "UserStore", "sqa-i", {{"sw-us", "MirrorWitness"}, {"sm-us", "mirror"}})
      .service("sb-us", "UserStore", "sqb-i")
      .service("sm-us", "UserStore", "sqm-i")
      .service("sw-us", "UserStore", "sqw-i");
  const TopologyImport imported = drsim::import_topology("w.tbxml", t.str());
  const sc::BackEnd& be = imported.scenario.pools(0).back_end();
  check_mirror_and_witness(be);
  // A usage that only starts like one is not that one.
  Tbxml u = paired_pools();
  std::string xml = u.str();
  const std::string dep = "Usage=\"Backup\"";
  for (int k = 0; k < 2; ++k) {
    REQUIRE(xml.find(dep) != std::string::npos);
    xml.replace(xml.find(dep), dep.size(), "Usage=\"BackupStore\"");
  }
  const TopologyImport unpaired = drsim::import_topology("u.tbxml", xml);
  CHECK_FALSE(unpaired.scenario.pools(0).has_backup_pool());
  CHECK_FALSE(unpaired.scenario.pools(1).has_backup_pool());
}

TEST_CASE(
    "topology import: an Enterprise pool with one Front End is refused at its cluster, saying why",
    "[import]") {
  // As in a real published topology (rlevchenko/powershell-skype's DefaultTopology.xml).
  Tbxml t;
  t.site("1", "Tenant").pool("pa", "poolfe.example", {"fe-01.example"}, "sa-us");
  t.sql_server("sqa", "sql-01.example", "sqa-i").service("sa-us", "UserStore", "sqa-i");
  const std::string xml = t.str();
  CHECK(
      import_error(xml) ==
      "doc.tbxml:" + where(xml, "UniqueId=\"pa\"") +
          ": error: pool 'poolfe.example' is an Enterprise Edition pool with one Front End server "
          "(fe-01.example): drsim models Enterprise pools of 2 or more Front Ends, whose quorum "
          "rules the "
          "product documents, and has no rule for a one-server pool; describe it as a Standard "
          "Edition server "
          "in a scenario by hand, or add its Front Ends to the topology (docs/import.md, Limits)");
}

TEST_CASE("topology import: the Contoso sample is written in the schema of real 2015 documents",
          "[import]") {
  // Public Skype for Business 2015 documents (SfBAutomatedLab's Contoso.tbxml) have RoleVersion
  // 2 for UserServices, Registrar and EdgeServer, and a ManagementServices service (the CMS
  // replica) on each Edge pool.
  const std::string path = source_path("scenarios/contoso.tbxml");
  const drsim::XmlSource xml(path, drsim::read_file(path, drsim::kMaxXmlBytes));
  const pugi::xml_node services =
      xml.root().child("NewTopology").child("PartialTopology").child("Services");
  std::vector<std::string> edge_clusters, management_on;
  int versioned = 0;
  for (pugi::xml_node svc = services.child("Service"); svc; svc = svc.next_sibling("Service")) {
    const std::string role = svc.attribute("RoleName").value();
    if (role == "UserServices" || role == "Registrar" || role == "EdgeServer") {
      CHECK(std::string(svc.attribute("RoleVersion").value()) == "2");
      ++versioned;
    }
    if (role == "EdgeServer") edge_clusters.push_back(svc.attribute("InstalledOn").value());
    if (role == "ManagementServices") management_on.push_back(svc.attribute("InstalledOn").value());
  }
  CHECK(versioned == 6);
  REQUIRE(edge_clusters.size() == 2);
  CHECK(management_on == edge_clusters);
}
