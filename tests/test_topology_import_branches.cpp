// import-topology reads branch sites: an SBA or SBS (a RemoteSite's cluster with a Registrar
// and a MediationServer), its backup pool (the pool its Registrar depends on, "Backup"
// first), an SBS's gateway in the branch, the branch's site and WAN link (assumed), its
// users (assumed within the documented ranges) and its PSTN route after its own gateway.
// No public document shows a branch site's appliances, so the rule is said as an inference.
#include <catch2/catch.hpp>

#include "sim/validate.h"
#include "topology_import_util.h"

using namespace drsim::testing::topology;

namespace {

bool has_line(const std::vector<std::string>& lines, const std::string& part) {
  for (const std::string& l : lines)
    if (l.find(part) != std::string::npos) return true;
  return false;
}

// paired_pools (East: poola, West: poolb) with a gateway in West trunked to poola's collocated
// Mediation, and in West's branch site "Cork" an SBA backed up by poolb (its Registrar's
// Backup dependency) and an SBS with the branch gateway gwc; `third` adds a third appliance.
std::string branch_document(bool third = false) {
  Tbxml t = paired_pools();
  t.cluster("gwa", "gwa.example", {""})
      .branch_site("11", "Cork")
      .cluster("sba", "sba1.example", {""})
      .cluster("sbs", "sbs1.example", {""})
      .cluster("gwc", "gwc.example", {""});
  if (third) t.cluster("sb3", "sba3.example", {""});
  t.service("pa-med", "MediationServer", "pa", {{"pa-reg", "Default"}, {"gwa-gw", "Default"}})
      .service("gwa-gw", "PstnGateway", "gwa")
      .service("sba-reg", "Registrar", "sba", {{"pa-us", "Default"}, {"pb-reg", "Backup"}})
      .service("sba-med", "MediationServer", "sba", {{"sba-reg", "Default"}})
      .service("sbs-reg", "Registrar", "sbs", {{"pb-reg", "Backup"}})
      .service("sbs-med", "MediationServer", "sbs", {{"sbs-reg", "Default"}, {"gwc-gw", "Default"}})
      .service("gwc-gw", "PstnGateway", "gwc");
  if (third)
    t.service("sb3-reg", "Registrar", "sb3", {{"pb-reg", "Backup"}})
        .service("sb3-med", "MediationServer", "sb3", {{"sb3-reg", "Default"}});
  return t.str();
}

}  // namespace

TEST_CASE(
    "topology import: a branch site's SBA and SBS become a branch backed up by their Registrar's "
    "pool, with an assumed WAN link and users",
    "[import]") {
  const TopologyImport t = drsim::import_topology("branch.tbxml", branch_document());
  const sc::Scenario& s = t.scenario;
  REQUIRE(s.branches_size() == 1);
  const sc::Branch& b = s.branches(0);
  CHECK(b.site() == "Cork");
  // The Backup dependency wins over the SBA's Default dependency on poola's User Services.
  CHECK(b.backup_pool() == "poolb.example");
  REQUIRE(b.appliances_size() == 2);
  CHECK(b.appliances(0).fqdn() == "sba1.example");
  CHECK(b.appliances(0).kind() == sc::SBA);
  CHECK(b.appliances(0).users() == 500);
  CHECK_FALSE(b.appliances(0).has_gateway());
  CHECK(b.appliances(1).fqdn() == "sbs1.example");
  CHECK(b.appliances(1).kind() == sc::SBS);
  CHECK(b.appliances(1).users() == 1500);
  CHECK(b.appliances(1).gateway() == "gwc.example");
  CHECK(is_assumed(t, "branches[0].appliances[0].users"));
  CHECK(is_assumed(t, "branches[0].appliances[1].users"));
  // The branch site and its WAN link to the backup pool's site (West), assumed.
  bool site_found = false;
  for (const sc::Site& site : s.sites()) site_found |= site.name() == "Cork";
  CHECK(site_found);
  REQUIRE(b.wan_link() == "West-Cork");
  int link = -1;
  for (int i = 0; i < s.links_size(); ++i)
    if (s.links(i).name() == "West-Cork") link = i;
  REQUIRE(link >= 0);
  CHECK(s.links(link).site_a() == "Cork");
  CHECK(s.links(link).site_b() == "West");
  CHECK(is_assumed(t, "links[" + std::to_string(link) + "]"));
  // The SBS's gateway is the branch's. gwa is in West (trunked to poola's collocated
  // Mediation): West's route is the branch's PSTN route after its own gateway, assumed.
  bool gwc_in_branch = false;
  for (const sc::PstnGateway& g : s.pstn_gateways())
    gwc_in_branch |= g.fqdn() == "gwc.example" && g.site() == "Cork";
  CHECK(gwc_in_branch);
  REQUIRE(b.pstn_routes_size() == 1);
  CHECK(b.pstn_routes(0) == "West-route");
  CHECK(is_assumed(t, "branches[0].pstn_routes"));
  // The rule is an inference, said once; nothing of the branch is left "not modelled".
  CHECK(has_line(t.inferred,
                 "branch appliance sba1.example: a branch site's cluster with a "
                 "Registrar and a MediationServer is read as an SBA"));
  CHECK_FALSE(has_line(t.not_modelled, "Cork"));
  CHECK(has_line(t.read,
                 "SBS sbs1.example in branch site Cork, backup pool poolb.example; "
                 "gateway gwc.example"));
  // The scenario passes drsim's own rules.
  for (const drsim::Finding& f : drsim::validate_scenario(s))
    CHECK(f.severity != drsim::Severity::kError);
}

TEST_CASE("topology import: a branch site with a third appliance is refused at its cluster",
          "[import]") {
  const std::string xml = branch_document(true);
  const std::string error = import_error(xml, "branch.tbxml");
  CHECK(error.find("branch.tbxml:" + where(xml, "Fqdn=\"sba3.example\"")) != std::string::npos);
  CHECK(error.find("has a third appliance sba3.example: a branch site has at most 2") !=
        std::string::npos);
}

TEST_CASE(
    "topology import: the imported branch runs: losing its backup pool's site puts both "
    "appliances' users in branch survivability",
    "[import]") {
  sc::Scenario s = drsim::import_topology("branch.tbxml", branch_document()).scenario;
  REQUIRE(s.faults_size() == 1);
  s.mutable_faults(0)->set_component("West");  // poolb, the branch's backup pool
  const drsim::RunResult r = drsim::testing::run_story(s);
  REQUIRE(r.metrics.incidents.size() >= 1);
  const auto& branches = r.metrics.incidents[0].branches;
  REQUIRE(branches.size() == 2);
  CHECK(branches[0].users == 500);
  CHECK(branches[1].users == 1500);
  for (const auto& b : branches) {
    double below_full = 0;
    for (double v : b.user_seconds) below_full += v;
    CHECK(below_full > 0);  // the central pool is down: the branch runs on its appliance
  }
}
