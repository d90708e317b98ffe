// drsim import-topology of the voice path, Persistent Chat and Office Web Apps
// (io/topology_import_roles.h; docs/import.md, "The voice path, Persistent Chat and Office
// Web Apps"): each role lands in its scenario fields with its site, servers and links; what
// drsim infers (the role names, a gateway paired by site, a farm's pools) is said; a document
// that breaks a rule is refused at the element, file:line:col.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/validate.h"
#include "topology_import_util.h"

using namespace drsim::testing::topology;

namespace {

// The only line of "Read but not modelled" of these documents: every cluster is used.
const std::string kNoCms = "no CentralMgmtStore in the document: the scenario has no cms";

bool has_line(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(part) != std::string::npos; });
}
std::vector<std::string> routes_of(const sc::Pool& p) {
  return {p.pstn_routes().begin(), p.pstn_routes().end()};
}

// Two paired pools (East: poola, West: poolb). Mediation is collocated on poola and stand-alone
// in West (medb, two servers); gwa's trunk is recorded from the Mediation side, gwb's from the
// gateway side; `extra` adds clusters to West and `services` adds services.
std::string voice_document(const std::string& extra_west = "",
                           const std::vector<std::string>& extra_services = {}) {
  Tbxml t;
  t.site("1", "East")
      .pool("pa", "poola.example", {"fea1.example", "fea2.example", "fea3.example"}, "sa-us",
            "pb-reg")
      .sql_server("sqa", "sqla.example", "sqa-i")
      .cluster("gwa", "gwa.example", {""});
  t.site("2", "West")
      .pool("pb", "poolb.example", {"feb1.example", "feb2.example", "feb3.example"}, "sb-us",
            "pa-reg")
      .sql_server("sqb", "sqlb.example", "sqb-i")
      .cluster("medb", "medb.example", {"medb1.example", "medb2.example"})
      .cluster("gwb", "gwb.example", {""});
  if (!extra_west.empty()) t.cluster(extra_west, extra_west + ".example", {""});
  t.service("sa-us", "UserStore", "sqa-i").service("sb-us", "UserStore", "sqb-i");
  t.service("ma", "MediationServer", "pa", {{"pa-reg", "Default"}, {"gwa-s", "Default"}})
      .service("gwa-s", "PstnGateway", "gwa")
      .service("mb", "MediationServer", "medb", {{"pb-reg", "Default"}})
      .service("gwb-s", "PstnGateway", "gwb", {{"mb", "Default"}});
  for (const std::string& s : extra_services) {
    // "id role on [target usage]"
    std::vector<std::string> w;
    for (size_t b = 0, e; b < s.size(); b = e + 1) {
      e = s.find(' ', b);
      if (e == std::string::npos) e = s.size();
      w.push_back(s.substr(b, e - b));
    }
    Tbxml::Deps deps;
    for (size_t i = 3; i + 1 < w.size(); i += 2) deps.push_back({w[i], w[i + 1]});
    t.service(w[0], w[1], w[2], deps);
  }
  return t.str();
}

}  // namespace

TEST_CASE("topology import: collocated and stand-alone Mediation, each site's gateway on its trunk",
          "[import]") {
  const TopologyImport t = drsim::import_topology("voice.tbxml", voice_document());
  const sc::Scenario& s = t.scenario;
  // Mediation on poola's cluster is collocated: no mediation_pools entry, the trunk names poola.
  REQUIRE(s.mediation_pools_size() == 1);
  CHECK(s.mediation_pools(0).fqdn() == "medb.example");
  CHECK(s.mediation_pools(0).site() == "West");
  REQUIRE(s.mediation_pools(0).servers_size() == 2);
  CHECK(s.mediation_pools(0).servers(1).fqdn() == "medb2.example");
  REQUIRE(s.pstn_gateways_size() == 2);
  CHECK(s.pstn_gateways(0).fqdn() == "gwa.example");
  CHECK(s.pstn_gateways(0).site() == "East");
  CHECK(s.pstn_gateways(1).site() == "West");
  // The trunk is a dependency either way: Mediation -> gateway (gwa), gateway -> Mediation (gwb).
  REQUIRE(s.trunks_size() == 2);
  CHECK(s.trunks(0).mediation_pool() == "poola.example");
  CHECK(s.trunks(0).gateway() == "gwa.example");
  CHECK(s.trunks(1).mediation_pool() == "medb.example");
  CHECK(s.trunks(1).gateway() == "gwb.example");
  // Routes are assumed: one per site, each pool's own first and the other as failover route.
  REQUIRE(s.voice_routes_size() == 2);
  CHECK(s.voice_routes(0).name() == "East-route");
  CHECK(s.voice_routes(0).trunks(0) == s.trunks(0).name());
  CHECK(routes_of(s.pools(0)) == std::vector<std::string>{"East-route", "West-route"});
  CHECK(routes_of(s.pools(1)) == std::vector<std::string>{"West-route", "East-route"});
  CHECK(is_assumed(t, "voice_routes[1]"));
  CHECK(is_assumed(t, "pools[0].pstn_routes"));
  // The voice path's parameters are written now that there are gateways.
  CHECK(is_assumed(t, "parameters.fast_failover_s"));
  // The gateway's role name is an inference, said once (MediationServer is in public
  // documents); no gateway was paired by site.
  CHECK(t.inferred.size() == 1);
  CHECK_FALSE(has_line(t.inferred, "RoleName \"MediationServer\""));
  CHECK(has_line(t.inferred, "RoleName \"PstnGateway\" (gateway gwa.example)"));
  CHECK_FALSE(has_line(t.inferred, "paired with"));
  CHECK(has_line(t.read, "Mediation Server collocated on Front End pool poola.example in East"));
  CHECK(t.not_modelled == std::vector<std::string>{kNoCms});
  // Without failover routes each pool keeps its own site's route, and validation warns.
  drsim::ImportDefaults own_site_only;
  own_site_only.pstn_failover_routes = false;
  const sc::Scenario one =
      drsim::import_topology("voice.tbxml", voice_document(), own_site_only).scenario;
  CHECK(routes_of(one.pools(0)) == std::vector<std::string>{"East-route"});
  bool warned = false;
  for (const drsim::Finding& f : drsim::validate_scenario(one))
    warned |= f.message.find("configure a failover route") != std::string::npos;
  CHECK(warned);
}

TEST_CASE("topology import: a gateway with no trunk is paired with its site's Mediation, said",
          "[import]") {
  const std::string doc = voice_document("gwc", {"gwc-s PstnGateway gwc"});
  const TopologyImport t = drsim::import_topology("voice.tbxml", doc);
  REQUIRE(t.scenario.trunks_size() == 3);
  CHECK(t.scenario.trunks(2).gateway() == "gwc.example");
  CHECK(t.scenario.trunks(2).mediation_pool() == "medb.example");
  CHECK(has_line(t.inferred,
                 "gateway gwc.example: no trunk recorded; paired with medb.example, the "
                 "Mediation Server of its site West"));
  CHECK(has_line(t.read, "PSTN gateway gwc.example in West; trunk inferred to medb.example"));
  // The West route carries both of its gateways' trunks, in document order.
  CHECK(t.scenario.voice_routes(1).trunks_size() == 2);
  // The header says it, and so does the command, as a warning.
  const std::string text = drsim::render_imported_scenario(t);
  const size_t heading = text.find("# Inferred by drsim, not read (docs/import.md): check these:");
  CHECK(heading != std::string::npos);
  CHECK(text.find("#   gateway gwc.example: no trunk recorded", heading) != std::string::npos);
  const auto dir = drsim::testing::scratch_dir("import_roles");
  const std::string in = (dir / "voice.tbxml").string();
  drsim::write_file_atomically(in, doc);
  const auto r = drsim::testing::run_cli("import-topology " + in + " --out " +
                                         (dir / "voice.pb.txt").string());
  CHECK(r.code == 0);
  CHECK(r.text.find(in + ": warning: inferred: gateway gwc.example: no trunk recorded") !=
        std::string::npos);
  CHECK(r.text.find("3 PSTN gateways, 0 Persistent Chat pools") != std::string::npos);
}

TEST_CASE("topology import: a gateway in a site without Mediation gets no trunk, and says so",
          "[import]") {
  Tbxml t;
  t.site("1", "East")
      .pool("pa", "poola.example", {"fea1.example", "fea2.example"}, "sa-us")
      .sql_server("sqa", "sqla.example", "sqa-i")
      .cluster("gwa", "gwa.example", {""});
  t.service("sa-us", "UserStore", "sqa-i").service("gwa-s", "PstnGateway", "gwa");
  const TopologyImport i = drsim::import_topology("gw.tbxml", t.str());
  REQUIRE(i.scenario.pstn_gateways_size() == 1);
  CHECK(i.scenario.trunks_size() == 0);
  CHECK(i.scenario.voice_routes_size() == 0);
  CHECK(i.scenario.pools(0).pstn_routes_size() == 0);
  CHECK(has_line(i.inferred,
                 "no trunk recorded and no Mediation Server in its site East: "
                 "imported without a trunk, so it carries no calls"));
}

TEST_CASE("topology import: a Persistent Chat pool with its stores, standby servers and users",
          "[import]") {
  // Six servers: the first four active, two standby (D-PCTOPO: 4 active per pool). The primary
  // store is mirrored with a witness in East; the backup store (log shipping) is in West.
  Tbxml t = paired_pools();
  t.site("3", "North")  // an unrelated third site keeps poola/poolb's sites as they are
      .cluster("pc", "pchat.example",
               {"pc1.example", "pc2.example", "pc3.example", "pc4.example", "pc5.example",
                "pc6.example"})
      .sql_server("pcs1", "pcsql1.example", "pcs1-i")
      .sql_server("pcm", "pcsqlm.example", "pcm-i")
      .sql_server("pcw", "pcsqlw.example", "pcw-i");
  t.service("pcsvc", "PersistentChatService", "pc", {{"st1", "Default"}, {"st2", "Backup"}})
      .service("st1", "PersistentChatStore", "pcs1-i", {{"stm", "Mirror"}, {"stw", "Witness"}})
      .service("stm", "PersistentChatStore", "pcm-i")
      .service("stw", "PersistentChatStore", "pcw-i")
      .service("st2", "PersistentChatStore", "sqb-i");  // on poolb's Back End server
  const TopologyImport i = drsim::import_topology("pc.tbxml", t.str());
  REQUIRE(i.scenario.persistent_chat_pools_size() == 1);
  const sc::PersistentChatPool& pc = i.scenario.persistent_chat_pools(0);
  CHECK(pc.fqdn() == "pchat.example");
  CHECK(pc.site() == "North");
  CHECK(pc.active_servers() == 4);
  CHECK(pc.standby_servers() == 2);
  CHECK(pc.primary_sql() == "pcsql1.example");
  CHECK(pc.mirror_sql() == "pcsqlm.example");
  CHECK(pc.witness_sql() == "pcsqlw.example");
  // A store on a pool's Back End server is named FQDN\instance: component names are unique.
  CHECK(pc.secondary_sql() == "sqlb.example\\rtc");
  CHECK(pc.secondary_site() == "West");
  // 25 % of the pools' 2 x 9,000 users: 4,500 (under 4 x 20,000).
  CHECK(pc.users() == 4500);
  CHECK(is_assumed(i, "persistent_chat_pools[0].users"));
  CHECK(is_assumed(i, "persistent_chat_pools[0].active_servers"));
  CHECK(has_line(i.inferred, "RoleName \"PersistentChatService\""));
  CHECK(has_line(i.inferred, "RoleName \"PersistentChatStore\""));
  // The stores' servers are used, not listed as unmodelled clusters.
  CHECK(i.not_modelled == std::vector<std::string>{kNoCms});
}

TEST_CASE("topology import: an Office Web Apps farm serves the pools that depend on it",
          "[import]") {
  Tbxml t = paired_pools();
  t.site("3", "North").cluster("owa", "owa.example", {"owa-a.example", "owa-b.example"});
  t.cluster("owa2", "owa2.example", {""});
  t.service("wac", "WacService", "owa").service("wac2", "WacService", "owa2");
  t.service("pb-conf", "ConfServices", "pb", {{"wac", "Default"}});
  const TopologyImport i = drsim::import_topology("owa.tbxml", t.str());
  REQUIRE(i.scenario.office_web_apps_farms_size() == 2);
  const sc::OfficeWebAppsFarm& f = i.scenario.office_web_apps_farms(0);
  CHECK(f.site() == "North");
  CHECK(f.servers() == 2);
  REQUIRE(f.pools_size() == 1);
  CHECK(f.pools(0) == "poolb.example");
  // The second farm: no pool depends on it, and North holds no pool: associated with none, said.
  CHECK(i.scenario.office_web_apps_farms(1).pools_size() == 0);
  CHECK(has_line(i.inferred,
                 "Office Web Apps farm owa2.example: no pool's service depends on "
                 "it; associated with the pools of its site North (none)"));
  // WacService is seen in public documents: no role-name inference.
  CHECK_FALSE(has_line(i.inferred, "RoleName"));
}

TEST_CASE("topology import: a gateway or farm the import cannot take is refused at its element",
          "[import]") {
  SECTION("a gateway installed on nothing the document defines") {
    const std::string doc = voice_document("", {"gwx PstnGateway nowhere"});
    CHECK(import_error(doc) == "doc.tbxml:" + where(doc, "UniqueId=\"gwx\"") +
                                   ": error: service PstnGateway is installed on 'nowhere', which "
                                   "is no cluster or SQL instance of the document");
  }
  SECTION("a trunk to a Mediation service the document does not define") {
    const std::string doc = voice_document("", {"gwx PstnGateway gwb ghost Default"});
    CHECK(import_error(doc) == "doc.tbxml:" + where(doc, "ServiceUniqueId=\"ghost\"") +
                                   ": error: service PstnGateway depends on service 'ghost', "
                                   "which the document does not define");
  }
  SECTION("a farm of 17 servers") {
    Tbxml t = paired_pools();
    std::vector<std::string> many;
    for (int k = 1; k <= 17; ++k) many.push_back("owa" + std::to_string(k) + ".example");
    t.site("3", "North").cluster("owa", "owa.example", many);
    t.service("wac", "WacService", "owa");
    const std::string doc = t.str();
    CHECK(import_error(doc) == "doc.tbxml:" + where(doc, "Fqdn=\"owa.example\"") +
                                   ": error: Office Web Apps farm 'owa.example' has 17 servers: "
                                   "drsim takes at most 16 per farm");
  }
}

TEST_CASE("topology import: a broken Persistent Chat pool is refused at its element", "[import]") {
  SECTION("a pool without a store") {
    Tbxml t = paired_pools();
    t.site("3", "North").cluster("pc", "pchat.example", {"pc1.example"});
    t.service("pcsvc", "PersistentChatService", "pc");
    const std::string doc = t.str();
    CHECK(import_error(doc) ==
          "doc.tbxml:" + where(doc, "UniqueId=\"pcsvc\"") +
              ": error: Persistent Chat pool 'pchat.example': its PersistentChatService service "
              "depends (Usage=\"Default\") on no PersistentChatStore, so the document does not "
              "say where its chat database is");
  }
  SECTION("nine servers") {
    Tbxml t = paired_pools();
    std::vector<std::string> nine;
    for (int k = 1; k <= 9; ++k) nine.push_back("pc" + std::to_string(k) + ".example");
    t.site("3", "North").cluster("pc", "pchat.example", nine);
    t.sql_server("pcs1", "pcsql1.example", "pcs1-i");
    t.service("pcsvc", "PersistentChatService", "pc", {{"st1", "Default"}})
        .service("st1", "PersistentChatStore", "pcs1-i");
    const std::string doc = t.str();
    CHECK(import_error(doc) == "doc.tbxml:" + where(doc, "Fqdn=\"pchat.example\"") +
                                   ": error: Persistent Chat pool 'pchat.example' has 9 servers: "
                                   "a pool has at most 4 active and 4 standby servers (D-PCTOPO)");
  }
  SECTION("on Skype for Business Server 2019") {
    Tbxml t;
    t.site("1", "East")
        .pool("pa", "poola.example", {"fea1.example", "fea2.example", "fea3.example"}, "sa-us")
        .sql_server("sqa", "sqla.example", "sqa-i")
        .cluster("pc", "pchat.example", {"pc1.example"})
        .sql_server("pcs1", "pcsql1.example", "pcs1-i");
    t.service("sa-us", "UserStore", "sqa-i", {}, 8)
        .service("pcsvc", "PersistentChatService", "pc", {{"st1", "Default"}}, 8)
        .service("st1", "PersistentChatStore", "pcs1-i", {}, 8);
    const std::string doc = t.str();
    const std::string e = import_error(doc);
    CHECK(e.rfind("doc.tbxml:" + where(doc, "Fqdn=\"pchat.example\"") + ": error:", 0) == 0);
    CHECK(e.find("Persistent Chat is not supported in Skype for Business Server 2019") !=
          std::string::npos);
  }
}
