// Helpers of the topology import tests (test_topology_import*.cpp): reading fixtures,
// capturing an import's error, locating lines, and a small Topology Builder document builder.
#pragma once

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

namespace drsim::testing::topology {

using drsim::TopologyImport;
using drsim::testing::source_path;
namespace sc = drsim::scenario;

inline TopologyImport import_file(const std::string& rel) {
  const std::string path = source_path(rel);
  return drsim::import_topology(path, drsim::read_file(path, drsim::kMaxXmlBytes));
}

// The message of the InputError an import throws ("" when it succeeds).
inline std::string import_error(const std::string& xml, const std::string& path = "doc.tbxml") {
  try {
    drsim::import_topology(path, xml);
  } catch (const drsim::InputError& e) {
    return e.what();
  }
  return "";
}

// Line of the '<' of the element whose text contains `marker`, and "line:col".
inline long line_of(const std::string& text, const std::string& marker) {
  const size_t at = text.find(marker);
  REQUIRE(at != std::string::npos);
  const size_t lt = text.rfind('<', at);
  return 1 + std::count(text.begin(), text.begin() + static_cast<long>(lt), '\n');
}
inline std::string where(const std::string& text, const std::string& marker) {
  const size_t lt = text.rfind('<', text.find(marker));
  const size_t nl = text.rfind('\n', lt);
  const size_t line_start = nl == std::string::npos ? 0 : nl + 1;
  return std::to_string(line_of(text, marker)) + ":" + std::to_string(lt - line_start + 1);
}

inline bool is_assumed(const TopologyImport& t, const std::string& field) {
  for (const drsim::AssumedValue& a : t.assumed)
    if (a.field == field) return true;
  return false;
}

// Builds Topology Builder documents one element per line: central sites holding clusters,
// then the services. Dependencies are (service id, usage) pairs.
class Tbxml {
 public:
  using Deps = std::vector<std::pair<std::string, std::string>>;

  Tbxml& site(const std::string& id, const std::string& name) {
    close_site();
    sites_ += "      <CentralSite SiteId=\"" + id + "\">\n        <Name>" + name +
              "</Name>\n        <Clusters>\n";
    open_ = true;
    return *this;
  }
  // A branch site (RemoteSite) of the central site opened last; clusters go into it until
  // the next site.
  Tbxml& branch_site(const std::string& id, const std::string& name) {
    sites_ += in_branch_ ? "        </Clusters>\n        </RemoteSite>\n"
                         : "        </Clusters>\n        <RemoteSites>\n";
    sites_ += "        <RemoteSite SiteId=\"" + id + "\">\n        <Name>" + name +
              "</Name>\n        <Clusters>\n";
    in_branch_ = true;
    return *this;
  }
  // A cluster; `sql` is the SqlInstance elements it holds.
  Tbxml& cluster(const std::string& id, const std::string& fqdn,
                 const std::vector<std::string>& machines, const std::string& sql = "") {
    sites_ += "          <Cluster UniqueId=\"" + id + "\" Fqdn=\"" + fqdn +
              "\">\n            <Machines>\n";
    for (const std::string& m : machines)
      sites_ += m.empty() ? "              <Machine />\n"
                          : "              <Machine Fqdn=\"" + m + "\" />\n";
    sites_ += "            </Machines>\n            <SqlInstances>" + sql +
              "</SqlInstances>\n          </Cluster>\n";
    return *this;
  }
  // A single-machine SQL Server cluster with one instance.
  Tbxml& sql_server(const std::string& id, const std::string& fqdn, const std::string& instance_id,
                    const std::string& extra = "") {
    return cluster(id, fqdn, {""},
                   "<SqlInstance UniqueId=\"" + instance_id + "\" Name=\"rtc\"" + extra + " />");
  }
  Tbxml& service(const std::string& id, const std::string& role, const std::string& on,
                 const Deps& deps = {}, int version = 7) {
    services_ += "        <Service UniqueId=\"" + id + "\" RoleName=\"" + role +
                 "\" InstalledOn=\"" + on + "\" ServiceVersion=\"" + std::to_string(version) +
                 "\">\n          <DependsOn>\n";
    for (const auto& [target, usage] : deps)
      services_ +=
          "            <Dependency ServiceUniqueId=\"" + target + "\" Usage=\"" + usage + "\" />\n";
    services_ += "          </DependsOn>\n        </Service>\n";
    return *this;
  }
  // A Front End pool with its UserServices (on `store`) and Registrar (`backup`: the
  // Registrar of its backup pool, or "").
  Tbxml& pool(const std::string& id, const std::string& fqdn, const std::vector<std::string>& fes,
              const std::string& store, const std::string& backup = "") {
    cluster(id, fqdn, fes);
    service(id + "-us", "UserServices", id, {{store, "Default"}});
    Deps reg{{id + "-us", "Default"}};
    if (!backup.empty()) reg.push_back({backup, "Backup"});
    return service(id + "-reg", "Registrar", id, reg);
  }

  std::string str() {
    close_site();
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
           "<TopologyBuilder "
           "xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008\">\n"
           "  <NewTopology>\n"
           "    <PartialTopology "
           "xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008\">\n"
           "    <CentralSites>\n" +
           sites_ + "    </CentralSites>\n    <Services>\n" + services_ +
           "    </Services>\n    </PartialTopology>\n  </NewTopology>\n</TopologyBuilder>\n";
  }

 private:
  void close_site() {
    if (in_branch_)
      sites_ += "        </Clusters>\n        </RemoteSite>\n        </RemoteSites>\n";
    else if (open_)
      sites_ += "        </Clusters>\n";
    if (open_) sites_ += "      </CentralSite>\n";
    open_ = in_branch_ = false;
  }
  std::string sites_, services_;
  bool open_ = false, in_branch_ = false;
};

// Two paired Enterprise pools in two sites, each with its own SQL Server; `mirror` adds a
// mirror (and witness) to pool a's store.
inline Tbxml paired_pools(const std::string& store_extra = "", bool mirror = false,
                          bool witness = false) {
  Tbxml t;
  t.site("1", "East")
      .pool("pa", "poola.example", {"fea1.example", "fea2.example", "fea3.example"}, "sa-us",
            "pb-reg")
      .sql_server("sqa", "sqla.example", "sqa-i", store_extra);
  if (mirror) t.sql_server("sqm", "sqlm.example", "sqm-i");
  if (witness) t.sql_server("sqw", "sqlw.example", "sqw-i");
  t.site("2", "West")
      .pool("pb", "poolb.example", {"feb1.example", "feb2.example", "feb3.example"}, "sb-us",
            "pa-reg")
      .sql_server("sqb", "sqlb.example", "sqb-i");
  Tbxml::Deps deps;
  if (mirror) deps.push_back({"sm-us", "Mirror"});
  if (witness) deps.push_back({"sw-us", "Witness"});
  t.service("sa-us", "UserStore", "sqa-i", deps).service("sb-us", "UserStore", "sqb-i");
  if (mirror) t.service("sm-us", "UserStore", "sqm-i");
  if (witness) t.service("sw-us", "UserStore", "sqw-i");
  return t;
}

// sqla's mirror is sqlm and its witness sqlw (the documents paired_pools and the witness-first
// test build).
inline void check_mirror_and_witness(const sc::BackEnd& be) {
  CHECK(be.ha_mode() == sc::MIRRORING_WITH_WITNESS);
  REQUIRE(be.servers_size() == 3);
  CHECK(be.servers(1).fqdn() == "sqlm.example");
  CHECK(be.servers(1).role() == sc::MIRROR);
  CHECK(be.servers(2).fqdn() == "sqlw.example");
  CHECK(be.servers(2).role() == sc::WITNESS);
}

}  // namespace drsim::testing::topology
