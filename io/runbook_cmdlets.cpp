// The runbook cmdlets and PowerShell-style parameter binding; see runbook_cmdlets.h.
//
// Parameter names are the real cmdlets' (Skype for Business Server PowerShell reference);
// parameters the model has no use for (-WaitTime, -Report, ports, ...) are accepted and
// have no effect. Messages follow PowerShell's wording so the rehearsal reads like a console.
#include "io/runbook_cmdlets.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace drsim::ps1 {

namespace {

struct Param {
  const char* name;
  bool is_switch = false;
  bool required = false;
  int position = -1;  // -1: named only
  const char* alias = nullptr;
};

enum class Target { kModel, kSleep, kNoOp };

struct Spec {
  const char* name;
  Target target = Target::kModel;
  scenario::Cmdlet cmdlet = scenario::CMDLET_UNSPECIFIED;
  std::vector<Param> params;
  bool should_process = false;  // has -WhatIf and -Confirm
};

Param sw(const char* n) { return Param{n, true}; }
Param val(const char* n) { return Param{n, false}; }
Param req(const char* n, int pos = -1) { return Param{n, false, true, pos}; }

const std::vector<Spec>& specs() {
  static const std::vector<Spec> table = {
      {"Invoke-CsPoolFailover", Target::kModel, scenario::INVOKE_CS_POOL_FAILOVER,
       {req("PoolFqdn"), sw("DisasterMode"), sw("FlushStorageService"), sw("Force"), val("WaitTime"),
        val("DatabaseCommandTimeoutInSeconds"), val("ServicesStopDelayMins"), sw("SkipDataVerification")},
       true},
      {"Invoke-CsPoolFailback", Target::kModel, scenario::INVOKE_CS_POOL_FAILBACK,
       {req("PoolFqdn"), sw("DisasterMode"), sw("Force"), val("WaitTime"), val("DatabaseCommandTimeoutInSeconds"),
        sw("SkipDataVerification")},
       true},
      {"Invoke-CsManagementServerFailover", Target::kModel, scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER,
       {val("BackupSqlServerFqdn"), sw("Force"), val("BackupSqlInstanceName"), val("BackupMirrorSqlServerFqdn"),
        val("BackupMirrorSqlInstanceName"), val("Report"), sw("Restore")},
       true},
      {"Invoke-CsDatabaseFailover", Target::kModel, scenario::INVOKE_CS_DATABASE_FAILOVER,
       {req("PoolFqdn"), val("DatabaseType"), req("NewPrincipal"), val("ExcludeDatabaseList"), sw("Force")},
       true},
      {"Reset-CsPoolRegistrarState", Target::kModel, scenario::RESET_CS_POOL_REGISTRAR_STATE,
       {req("PoolFqdn", 0), val("ResetType"), val("MachineFqdn"), sw("NoRestart"), sw("Force")},
       true},
      {"Start-CsPool", Target::kModel, scenario::START_CS_POOL,
       {req("PoolFqdn", 0), sw("Force"), sw("QuorumLossRecovery"), val("SkipRoutingGroup"), val("SkipServer")},
       true},
      {"Invoke-CsBackupServiceSync", Target::kModel, scenario::INVOKE_CS_BACKUP_SERVICE_SYNC,
       {req("PoolFqdn"), val("BackupModule"), sw("Force")}},
      {"Set-CsEdgeServer", Target::kModel, scenario::SET_CS_EDGE_SERVER_NEXT_HOP,
       {Param{"Identity", false, false, 0}, val("Registrar"), val("AccessEdgeClientSipPort"),
        val("AccessEdgeExternalSipPort"), val("AccessEdgeInternalSipPort"), val("DataPsomClientPort"),
        val("DataPsomServerPort"), val("MediaCommunicationPortCount"), val("MediaCommunicationPortStart"),
        val("MediaRelayAuthEdgePort"), val("MediaRelayExternalTurnTcpPort"), val("MediaRelayExternalTurnUdpPort"),
        val("MediaRelayInternalTurnTcpPort"), val("MediaRelayInternalTurnUdpPort"), val("XmppInternalPort"),
        val("XmppListeningPort"), val("SkypeSearchProxyPort"), sw("Force")},
       true},
      {"Get-CsBackupServiceStatus", Target::kModel, scenario::GET_CS_BACKUP_SERVICE_STATUS,
       {req("PoolFqdn"), val("Category"), sw("Force")}},
      {"Get-CsPoolBackupRelationship", Target::kModel, scenario::GET_CS_POOL_BACKUP_RELATIONSHIP,
       {req("PoolFqdn"), sw("Force"), sw("LocalStore")}},
      {"Get-CsManagementStoreReplicationStatus", Target::kModel, scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS,
       {Param{"ReplicaFqdn", false, false, 0}, sw("CentralManagementStoreStatus")}},
      {"Start-Sleep", Target::kSleep, scenario::CMDLET_UNSPECIFIED,
       {Param{"Seconds", false, false, 0, "s"}, Param{"Milliseconds", false, false, -1, "ms"}}},
      {"Import-Module", Target::kNoOp, scenario::CMDLET_UNSPECIFIED, {Param{"Name", false, false, 0}}},
      {"Write-Host", Target::kNoOp, scenario::CMDLET_UNSPECIFIED,
       {Param{"Object", false, false, 0}, sw("NoNewline"), val("Separator"), val("ForegroundColor"),
        val("BackgroundColor")}},
  };
  return table;
}

// PowerShell's common parameters, on every cmdlet.
const std::vector<Param>& common_params() {
  static const std::vector<Param> list = {
      Param{"Verbose", true, false, -1, "vb"},        Param{"Debug", true, false, -1, "db"},
      Param{"ErrorAction", false, false, -1, "ea"},   Param{"WarningAction", false, false, -1, "wa"},
      Param{"InformationAction", false, false, -1, "infa"}, Param{"ErrorVariable", false, false, -1, "ev"},
      Param{"WarningVariable", false, false, -1, "wv"}, Param{"InformationVariable", false, false, -1, "iv"},
      Param{"OutVariable", false, false, -1, "ov"},   Param{"OutBuffer", false, false, -1, "ob"},
      Param{"PipelineVariable", false, false, -1, "pv"}};
  return list;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
bool iequals(const std::string& a, const std::string& b) { return lower(a) == lower(b); }

const Spec* find_spec(const std::string& name) {
  for (const Spec& s : specs())
    if (iequals(s.name, name)) return &s;
  return nullptr;
}

// A pool, SQL server, Edge pool or server FQDN of the scenario, by kind.
bool is_pool(const scenario::Scenario& t, const std::string& fqdn) {
  return std::any_of(t.pools().begin(), t.pools().end(), [&](const auto& p) { return iequals(p.fqdn(), fqdn); });
}
std::string canonical_pool(const scenario::Scenario& t, const std::string& fqdn) {
  for (const auto& p : t.pools())
    if (iequals(p.fqdn(), fqdn)) return p.fqdn();
  return fqdn;
}
std::string canonical_sql(const scenario::Scenario& t, const std::string& fqdn) {
  for (const auto& p : t.pools())
    for (const auto& s : p.back_end().servers())
      if (iequals(s.fqdn(), fqdn)) return s.fqdn();
  return "";
}
std::string canonical_edge(const scenario::Scenario& t, const std::string& fqdn) {
  for (const auto& e : t.edge_pools())
    if (iequals(e.fqdn(), fqdn)) return e.fqdn();
  return "";
}
bool is_server(const scenario::Scenario& t, const std::string& fqdn) {
  for (const auto& p : t.pools()) {
    if (iequals(p.fqdn(), fqdn)) return true;
    for (const auto& f : p.front_ends())
      if (iequals(f.fqdn(), fqdn)) return true;
  }
  return !canonical_sql(t, fqdn).empty();
}

// Strips a service prefix such as "EdgeServer:" or "Registrar:".
std::string strip_prefix(const std::string& v, const std::string& prefix) {
  if (v.size() > prefix.size() && iequals(v.substr(0, prefix.size()), prefix)) return v.substr(prefix.size());
  return v;
}

struct Value {
  std::string text;
  bool flag = true;  // switches: $true unless -Name:$false
  int line = 0, column = 0;
};

class Binder {
 public:
  Binder(const std::string& path, const Spec& spec, std::vector<Diagnostic>* d)
      : path_(path), spec_(spec), diags_(d) {
    for (const Param& p : spec.params) params_.push_back(p);
    if (spec.should_process) {
      params_.push_back(Param{"WhatIf", true, false, -1, "wi"});
      params_.push_back(Param{"Confirm", true, false, -1, "cf"});
    }
    for (const Param& p : common_params()) params_.push_back(p);
  }

  void error(int line, int col, const std::string& message) {
    diags_->push_back(Diagnostic{path_, line, col, false, spec_.name, message});
    ok_ = false;
  }

  // Resolves a parameter name like PowerShell: exact name or alias, else a unique prefix.
  const Param* resolve(const Arg& a) {
    const std::string n = lower(a.text);
    for (const Param& p : params_)
      if (lower(p.name) == n || (p.alias != nullptr && lower(p.alias) == n)) return &p;
    std::vector<const Param*> hits;
    for (const Param& p : params_)
      if (lower(p.name).rfind(n, 0) == 0) hits.push_back(&p);
    if (hits.size() == 1) return hits[0];
    if (hits.empty()) {
      error(a.line, a.column, "A parameter cannot be found that matches parameter name '" + a.text + "'.");
    } else {
      std::string all;
      for (const Param* p : hits) all += std::string(all.empty() ? "" : " ") + "-" + p->name;
      error(a.line, a.column, "Parameter cannot be processed because the parameter name '" + a.text +
                                  "' is ambiguous. Possible matches include: " + all + ".");
    }
    return nullptr;
  }

  void bind(const std::vector<Arg>& args) {
    for (size_t k = 0; k < args.size(); ++k) {
      const Arg& a = args[k];
      if (!a.is_param) {
        bind_positional(a);
        continue;
      }
      const Param* p = resolve(a);
      if (p == nullptr) continue;
      if (bound_.count(p->name) > 0) {
        error(a.line, a.column, std::string("Cannot bind parameter because parameter '") + p->name +
                                    "' is specified more than once.");
        continue;
      }
      Value v{"", true, a.line, a.column};
      if (p->is_switch) {
        if (a.has_inline) {
          if (iequals(a.inline_value, "$false") || a.inline_value == "0") v.flag = false;
          else if (!iequals(a.inline_value, "$true") && a.inline_value != "1")
            error(a.line, a.column, std::string("Cannot convert '") + a.inline_value + "' to the switch -" +
                                        p->name + ": use $true or $false.");
        }
      } else if (a.has_inline) {
        v.text = a.inline_value;
      } else if (k + 1 < args.size() && !args[k + 1].is_param) {
        v.text = args[++k].text;
        v.line = args[k].line;
        v.column = args[k].column;
      } else {
        error(a.line, a.column, std::string("Missing an argument for parameter '") + p->name +
                                    "'. Specify a value and try again.");
        continue;
      }
      bound_[p->name] = v;
    }
    std::string missing;
    for (const Param& p : params_)
      if (p.required && bound_.count(p.name) == 0) missing += std::string(missing.empty() ? "" : " ") + p.name;
    if (!missing.empty() && ok_)
      error(line_, column_, "Cannot process command because of one or more missing mandatory parameters: " +
                                missing + ".");
  }

  void bind_positional(const Arg& a) {
    for (const Param& p : params_) {
      if (p.position < 0 || bound_.count(p.name) > 0) continue;
      bound_[p.name] = Value{a.text, true, a.line, a.column};
      return;
    }
    error(a.line, a.column, "A positional parameter cannot be found that accepts argument '" + a.text + "'.");
  }

  bool has(const char* n) const { return bound_.count(n) > 0 && bound_.at(n).flag; }
  const Value& get(const char* n) const { return bound_.at(n); }

  // Checks a value against a list of allowed words (case-insensitive); returns the canonical one.
  std::string one_of(const char* n, const std::vector<std::string>& allowed) {
    const Value& v = get(n);
    for (const std::string& a : allowed)
      if (iequals(a, v.text)) return a;
    std::string all;
    for (const std::string& a : allowed) all += (all.empty() ? "" : ", ") + a;
    error(v.line, v.column, std::string("Cannot validate argument on parameter '") + n + "'. The argument \"" +
                                v.text + "\" does not belong to the set \"" + all + "\".");
    return "";
  }

  std::string pool(const char* n) {
    const Value& v = get(n);
    if (!is_pool(*topology_, v.text))
      error(v.line, v.column, "Pool \"" + v.text + "\" was not found in the topology (-" + n + ").");
    return canonical_pool(*topology_, v.text);
  }

  void set_place(int line, int column, const scenario::Scenario* t) {
    line_ = line;
    column_ = column;
    topology_ = t;
  }
  bool ok() const { return ok_; }

 private:
  const std::string& path_;
  const Spec& spec_;
  std::vector<Diagnostic>* diags_;
  std::vector<Param> params_;
  std::map<std::string, Value> bound_;
  const scenario::Scenario* topology_ = nullptr;
  int line_ = 0, column_ = 0;
  bool ok_ = true;
};

// Fills the model step from the bound parameters, checking values against the topology.
void map_model_cmdlet(Binder& b, const Spec& spec, const scenario::Scenario& t, Bound* out) {
  scenario::RunbookStep& st = out->step;
  st.set_cmdlet(spec.cmdlet);
  switch (spec.cmdlet) {
    case scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER:
      if (b.has("Restore") && b.has("BackupSqlServerFqdn"))
        b.error(b.get("Restore").line, b.get("Restore").column,
                "Parameter set cannot be resolved using the specified named parameters (-Restore with "
                "-BackupSqlServerFqdn).");
      if (b.has("BackupSqlServerFqdn")) {
        const Value& v = b.get("BackupSqlServerFqdn");
        const std::string sql = canonical_sql(t, v.text);
        if (sql.empty())
          b.error(v.line, v.column, "SQL Server \"" + v.text + "\" was not found in the topology (-BackupSqlServerFqdn).");
        st.set_backup_sql_server_fqdn(sql.empty() ? v.text : sql);
      }
      st.set_force(b.has("Force"));
      break;
    case scenario::SET_CS_EDGE_SERVER_NEXT_HOP: {
      if (!b.has("Identity") || !b.has("Registrar")) {
        b.error(0, 0, "drsim rehearses Set-CsEdgeServer as the Edge next-hop change: it needs -Identity "
                      "and -Registrar.");
        return;
      }
      const Value& id = b.get("Identity");
      const std::string edge = canonical_edge(t, strip_prefix(id.text, "EdgeServer:"));
      if (edge.empty())
        b.error(id.line, id.column, "Edge pool \"" + id.text + "\" was not found in the topology (-Identity).");
      const Value& reg = b.get("Registrar");
      const std::string hop = strip_prefix(reg.text, "Registrar:");
      if (!is_pool(t, hop))
        b.error(reg.line, reg.column, "Registrar \"" + reg.text + "\" was not found in the topology (-Registrar).");
      st.set_edge_pool(edge);
      st.set_next_hop_pool(canonical_pool(t, hop));
      break;
    }
    case scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS:
      if (b.has("ReplicaFqdn") && !is_server(t, b.get("ReplicaFqdn").text))
        b.error(b.get("ReplicaFqdn").line, b.get("ReplicaFqdn").column,
                "Computer \"" + b.get("ReplicaFqdn").text + "\" was not found in the topology (-ReplicaFqdn).");
      break;
    default:
      st.set_pool_fqdn(b.pool("PoolFqdn"));
      st.set_disaster_mode(b.has("DisasterMode"));
      st.set_force(b.has("Force"));
      break;
  }
  if (spec.cmdlet == scenario::GET_CS_BACKUP_SERVICE_STATUS && b.has("Category"))
    out->category = b.one_of("Category", {"CMS", "UserData", "RGS"});
  if (spec.cmdlet == scenario::INVOKE_CS_DATABASE_FAILOVER) b.one_of("NewPrincipal", {"Mirror", "Primary"});
  if (spec.cmdlet == scenario::RESET_CS_POOL_REGISTRAR_STATE) {
    // The model rehearses QuorumLossRecovery only (the DR use); the default is ServiceReset.
    if (!b.has("ResetType") || !iequals(b.get("ResetType").text, "QuorumLossRecovery"))
      b.error(b.has("ResetType") ? b.get("ResetType").line : 0, b.has("ResetType") ? b.get("ResetType").column : 0,
              "drsim rehearses only -ResetType QuorumLossRecovery.");
  }
}

// Start-Sleep -Seconds N (also -s, positional) or -Milliseconds N (-ms): whole or decimal numbers.
void map_sleep(Binder& b, Bound* out) {
  const bool s = b.has("Seconds"), ms = b.has("Milliseconds");
  if (s == ms) {
    b.error(0, 0, s ? "Parameter set cannot be resolved using the specified named parameters (-Seconds with "
                      "-Milliseconds)."
                    : "Cannot process command because of one or more missing mandatory parameters: Seconds.");
    return;
  }
  const Value& v = b.get(s ? "Seconds" : "Milliseconds");
  char* end = nullptr;
  const double x = std::strtod(v.text.c_str(), &end);
  if (v.text.empty() || end == nullptr || *end != '\0' || !(x >= 0) || x > 1e9) {
    b.error(v.line, v.column, "Cannot bind parameter '" + std::string(s ? "Seconds" : "Milliseconds") +
                                  "'. Cannot convert value \"" + v.text + "\" to a number of at most 1e9.");
    return;
  }
  out->sleep_ms = static_cast<int64_t>(std::llround(s ? x * 1000 : x));
}

}  // namespace

bool bind_command(const std::string& path, const std::string& name, int name_line, int name_column,
                  const std::vector<Arg>& args, const scenario::Scenario& topology, Bound* out,
                  std::vector<Diagnostic>* diagnostics) {
  const Spec* spec = find_spec(name);
  if (spec == nullptr) {
    diagnostics->push_back(Diagnostic{path, name_line, name_column, false, "",
                                      "The term '" + name + "' is not recognized as the name of a cmdlet "
                                      "drsim rehearses. Supported: " + supported_cmdlets() + "."});
    return false;
  }
  const size_t first_error = diagnostics->size();
  Binder b(path, *spec, diagnostics);
  b.set_place(name_line, name_column, &topology);
  b.bind(args);
  if (b.ok() && b.has("WhatIf"))
    b.error(b.get("WhatIf").line, b.get("WhatIf").column, "-WhatIf is not rehearsed: remove it or the line.");
  if (b.ok() && b.has("ErrorAction"))
    out->error_action_stop =
        b.one_of("ErrorAction", {"Continue", "Stop", "SilentlyContinue", "Ignore"}) == "Stop";
  if (b.ok()) {
    switch (spec->target) {
      case Target::kModel:
        out->kind = RunbookLine::Kind::kCmdlet;
        map_model_cmdlet(b, *spec, topology, out);
        break;
      case Target::kSleep:
        out->kind = RunbookLine::Kind::kSleep;
        map_sleep(b, out);
        break;
      case Target::kNoOp:
        out->kind = RunbookLine::Kind::kNoOp;
        if (iequals(spec->name, "Write-Host") && b.has("Object")) out->output = b.get("Object").text;
        break;
    }
  }
  // Messages without a place (whole-command rules) go at the command's name.
  for (size_t k = first_error; k < diagnostics->size(); ++k) {
    Diagnostic& d = (*diagnostics)[k];
    if (d.line == 0) {
      d.line = name_line;
      d.column = name_column;
    }
  }
  return diagnostics->size() == first_error;
}

std::string supported_cmdlets() {
  std::string all;
  for (const Spec& s : specs()) all += (all.empty() ? "" : ", ") + std::string(s.name);
  return all;
}

}  // namespace drsim::ps1
