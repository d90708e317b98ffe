// The commented scenario text of an import; see imported_scenario_text.h.
#include "io/imported_scenario_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "sim/check.h"

namespace drsim {

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

// The shortest decimal that reads back as the same double: 0.3, not 0.29999999999999999.
std::string number(double v) {
  char buf[32];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

// Writes lines at an indentation; a line whose field path was assumed gets the reason.
class Writer {
 public:
  explicit Writer(const std::vector<AssumedValue>& assumed) {
    for (const AssumedValue& a : assumed) reasons_[a.field] = a.reason;
  }

  void comment(const std::string& text) { out_ += text.empty() ? "#\n" : "# " + text + "\n"; }
  void blank() { out_ += "\n"; }
  // `text` at the current depth; `path` is the field path it holds ("" for none).
  void line(const std::string& text, const std::string& path = "") {
    out_ += std::string(static_cast<size_t>(depth_) * 2, ' ') + text;
    const auto it = reasons_.find(path);
    if (!path.empty() && it != reasons_.end()) out_ += "  # assumed: " + it->second;
    out_ += "\n";
  }
  void field(const std::string& name, const std::string& value, const std::string& path) {
    line(name + ": " + value, path);
  }
  void open(const std::string& name, const std::string& path = "") {
    line(name + " {", path);
    ++depth_;
  }
  void close() {
    --depth_;
    line("}");
  }
  std::string take() { return std::move(out_); }

 private:
  std::map<std::string, std::string> reasons_;
  std::string out_;
  int depth_ = 0;
};

void write_pool(Writer& w, const scenario::Pool& p, const std::string& at) {
  w.open("pools");
  w.field("fqdn", quote(p.fqdn()), at + ".fqdn");
  w.field("site", quote(p.site()), at + ".site");
  w.field("edition", scenario::PoolEdition_Name(p.edition()), at + ".edition");
  for (const scenario::FrontEndServer& fe : p.front_ends())
    w.line("front_ends { fqdn: " + quote(fe.fqdn()) + " }");
  w.field("users", std::to_string(p.users()), at + ".users");
  w.field("active_users", std::to_string(p.active_users()), at + ".active_users");
  if (p.has_backup_pool()) w.field("backup_pool", quote(p.backup_pool()), at + ".backup_pool");
  // The routes are assumed as a list: the reason goes on the first.
  for (int i = 0; i < p.pstn_routes_size(); ++i)
    w.field("pstn_routes", quote(p.pstn_routes(i)), i == 0 ? at + ".pstn_routes" : "");
  w.open("back_end");
  w.field("ha_mode", scenario::HaMode_Name(p.back_end().ha_mode()), at + ".back_end.ha_mode");
  for (int i = 0; i < p.back_end().servers_size(); ++i) {
    const scenario::SqlServer& s = p.back_end().servers(i);
    w.line("servers { fqdn: " + quote(s.fqdn()) + " site: " + quote(s.site()) +
               " role: " + scenario::SqlRole_Name(s.role()) + " }",
           at + ".back_end.servers[" + std::to_string(i) + "]");
  }
  w.close();
  w.close();
}

// A message of scalars as `name { field: value ... }`, the fields the import set, in schema
// order, each marked with its reason when assumed.
void write_set_fields(Writer& w, const std::string& name, const google::protobuf::Message& m) {
  namespace pb = google::protobuf;
  const pb::Descriptor* desc = m.GetDescriptor();
  const pb::Reflection* refl = m.GetReflection();
  w.open(name);
  for (int f = 0; f < desc->field_count(); ++f) {
    const pb::FieldDescriptor* fd = desc->field(f);
    if (fd->is_repeated() || !refl->HasField(m, fd)) continue;
    std::string value;
    switch (fd->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_INT32:
        value = std::to_string(refl->GetInt32(m, fd));
        break;
      case pb::FieldDescriptor::CPPTYPE_INT64:
        value = std::to_string(refl->GetInt64(m, fd));
        break;
      case pb::FieldDescriptor::CPPTYPE_DOUBLE:
        value = number(refl->GetDouble(m, fd));
        break;
      case pb::FieldDescriptor::CPPTYPE_BOOL:
        value = refl->GetBool(m, fd) ? "true" : "false";
        break;
      case pb::FieldDescriptor::CPPTYPE_ENUM:
        value = refl->GetEnum(m, fd)->name();
        break;
      default:
        DRSIM_CHECK(false, "the import sets only scalar fields of these messages");
        break;
    }
    w.field(fd->name(), value, name + "." + fd->name());
  }
  w.close();
}

// The voice path, Persistent Chat and Office Web Apps (io/topology_import_roles.h).
void write_other_roles(Writer& w, const scenario::Scenario& s) {
  for (const scenario::MediationPool& m : s.mediation_pools()) {
    std::string line = "mediation_pools { fqdn: " + quote(m.fqdn()) + " site: " + quote(m.site());
    for (const scenario::MediationServer& server : m.servers())
      line.append(" servers { fqdn: ").append(quote(server.fqdn())).append(" }");
    w.line(line.append(" }"));
  }
  for (const scenario::PstnGateway& g : s.pstn_gateways())
    w.line("pstn_gateways { fqdn: " + quote(g.fqdn()) + " site: " + quote(g.site()) + " }");
  for (const scenario::Trunk& t : s.trunks())
    w.line("trunks { name: " + quote(t.name()) + " mediation_pool: " + quote(t.mediation_pool()) +
           " gateway: " + quote(t.gateway()) + " }");
  for (int i = 0; i < s.voice_routes_size(); ++i) {
    std::string line = "voice_routes { name: " + quote(s.voice_routes(i).name());
    for (const std::string& t : s.voice_routes(i).trunks())
      line.append(" trunks: ").append(quote(t));
    w.line(line.append(" }"), "voice_routes[" + std::to_string(i) + "]");
  }
  for (int i = 0; i < s.persistent_chat_pools_size(); ++i) {
    const scenario::PersistentChatPool& pc = s.persistent_chat_pools(i);
    const std::string at = "persistent_chat_pools[" + std::to_string(i) + "]";
    w.open("persistent_chat_pools");
    w.field("fqdn", quote(pc.fqdn()), "");
    w.field("site", quote(pc.site()), "");
    w.field("active_servers", std::to_string(pc.active_servers()), at + ".active_servers");
    w.field("standby_servers", std::to_string(pc.standby_servers()), "");
    if (pc.has_secondary_site()) w.field("secondary_site", quote(pc.secondary_site()), "");
    w.field("users", std::to_string(pc.users()), at + ".users");
    w.field("primary_sql", quote(pc.primary_sql()), "");
    if (pc.has_mirror_sql()) w.field("mirror_sql", quote(pc.mirror_sql()), "");
    if (pc.has_witness_sql()) w.field("witness_sql", quote(pc.witness_sql()), "");
    if (pc.has_secondary_sql()) w.field("secondary_sql", quote(pc.secondary_sql()), "");
    w.close();
  }
  for (const scenario::OfficeWebAppsFarm& f : s.office_web_apps_farms()) {
    std::string line =
        "office_web_apps_farms { fqdn: " + quote(f.fqdn()) + " site: " + quote(f.site());
    for (const std::string& p : f.pools()) line.append(" pools: ").append(quote(p));
    w.line(line.append(" servers: ").append(std::to_string(f.servers())).append(" }"));
  }
}

void write_header(Writer& w, const TopologyImport& imported) {
  w.comment("Scenario imported by `drsim import-topology` from " + imported.source + " (" +
            imported.dialect + ").");
  w.comment("Lines marked `# assumed` hold values the document does not record, filled in from");
  w.comment("drsim's defaults (docs/import.md): check them before trusting a run.");
  w.comment("");
  w.comment("Read from the document:");
  for (const std::string& r : imported.read) w.comment("  " + r);
  if (!imported.not_modelled.empty()) {
    w.comment("Read but not modelled:");
    for (const std::string& r : imported.not_modelled) w.comment("  " + r);
  }
  if (!imported.inferred.empty()) {
    w.comment("Inferred by drsim, not read (docs/import.md): check these:");
    for (const std::string& r : imported.inferred) w.comment("  " + r);
  }
  w.comment("");
  w.comment("The fault and the admin below are the disaster to rehearse: edit them at will.");
}

}  // namespace

std::string render_imported_scenario(const TopologyImport& imported) {
  const scenario::Scenario& s = imported.scenario;
  Writer w(imported.assumed);
  write_header(w, imported);
  w.field("name", quote(s.name()), "name");
  w.field("description", quote(s.description()), "description");
  w.field("product_version", scenario::ProductVersion_Name(s.product_version()), "product_version");
  w.field("horizon_s", std::to_string(s.horizon_s()), "horizon_s");
  w.field("seed", std::to_string(s.seed()), "seed");
  w.blank();
  for (const scenario::Site& site : s.sites()) w.line("sites { name: " + quote(site.name()) + " }");
  for (int i = 0; i < s.links_size(); ++i) {
    const scenario::Link& l = s.links(i);
    w.line("links { name: " + quote(l.name()) + " site_a: " + quote(l.site_a()) +
               " site_b: " + quote(l.site_b()) + " bandwidth_mbps: " + number(l.bandwidth_mbps()) +
               " latency_ms: " + number(l.latency_ms()) + " }",
           "links[" + std::to_string(i) + "]");
  }
  w.blank();
  for (int i = 0; i < s.pools_size(); ++i)
    write_pool(w, s.pools(i), "pools[" + std::to_string(i) + "]");
  for (int i = 0; i < s.edge_pools_size(); ++i) {
    const scenario::EdgePool& e = s.edge_pools(i);
    w.line("edge_pools { fqdn: " + quote(e.fqdn()) + " site: " + quote(e.site()) +
               " next_hop_pool: " + quote(e.next_hop_pool()) +
               " servers: " + std::to_string(e.servers()) +
               " srv_priority: " + std::to_string(e.srv_priority()) + " }",
           "edge_pools[" + std::to_string(i) + "].srv_priority");
  }
  for (const scenario::DirectorPool& d : s.director_pools())
    w.line("director_pools { fqdn: " + quote(d.fqdn()) + " site: " + quote(d.site()) +
           " servers: " + std::to_string(d.servers()) + " }");
  for (const scenario::FileStore& f : s.file_stores()) {
    std::string line = "file_stores { fqdn: " + quote(f.fqdn()) + " site: " + quote(f.site());
    for (const std::string& p : f.pools()) line.append(" pools: ").append(quote(p));
    w.line(line.append(" servers: ").append(std::to_string(f.servers())).append(" }"));
  }
  write_other_roles(w, s);
  if (s.has_cms()) w.line("cms { pool: " + quote(s.cms().pool()) + " }");
  w.blank();
  write_set_fields(w, "backup_service", s.backup_service());
  write_set_fields(w, "parameters", s.parameters());
  w.blank();
  for (int i = 0; i < s.faults_size(); ++i) {
    const scenario::Fault& f = s.faults(i);
    w.line("faults { at_s: " + std::to_string(f.at_s()) + " component: " + quote(f.component()) +
               " note: " + quote(f.note()) + " }",
           "faults[" + std::to_string(i) + "]");
  }
  w.open("admin");
  w.line("detect_delay { fixed_s: " + number(s.admin().detect_delay().fixed_s()) + " }",
         "admin.detect_delay");
  w.line("decide_delay { fixed_s: " + number(s.admin().decide_delay().fixed_s()) + " }",
         "admin.decide_delay");
  w.close();
  return w.take();
}

}  // namespace drsim
