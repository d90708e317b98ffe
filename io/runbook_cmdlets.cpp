// PowerShell-style parameter binding of runbook commands, and their mapping onto model
// steps with the FQDNs checked against the scenario's topology; see runbook_cmdlets.h.
//
// As in PowerShell, a statement gets one error, the first one binding meets (parameter
// names and prefixes, arguments and their types, parameter sets, mandatory parameters),
// and the script goes on. Messages follow PowerShell's wording, so the rehearsal reads like
// a console session. Whatever drsim cannot rehearse (-WhatIf, a reset type other than
// QuorumLossRecovery, ...) is a separate, fatal kind of finding.
#include "io/runbook_cmdlets.h"
#include "io/text_case.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace drsim::ps1 {

namespace {

std::string join(const std::vector<const char*>& parts, const char* sep) {
  std::string out;
  for (const char* p : parts) out += std::string(out.empty() ? "" : sep) + p;
  return out;
}

const Spec* find_spec(const std::string& name) {
  for (const Spec& s : cmdlet_specs())
    if (iequals(s.name, name)) return &s;
  return nullptr;
}

// The scenario's names for what a runbook names: pools, SQL servers, Edge pools, servers.
const scenario::Pool* find_pool(const scenario::Scenario& t, const std::string& fqdn) {
  for (const auto& p : t.pools())
    if (iequals(p.fqdn(), fqdn)) return &p;
  return nullptr;
}
// A SQL Server of a Back End. A Standard Edition server is its own Back End (SQL Express), so
// the server's FQDN names the Back End the scenario calls `<fqdn>#sql` (io/topology_import.h).
std::string canonical_sql(const scenario::Scenario& t, const std::string& fqdn) {
  for (const auto& p : t.pools())
    for (const auto& s : p.back_end().servers())
      if (iequals(s.fqdn(), fqdn)) return s.fqdn();
  const scenario::Pool* se = find_pool(t, fqdn);
  if (se != nullptr && se->edition() == scenario::STANDARD && se->back_end().servers_size() > 0)
    return se->back_end().servers(0).fqdn();
  return "";
}
std::string canonical_edge(const scenario::Scenario& t, const std::string& fqdn) {
  for (const auto& e : t.edge_pools())
    if (iequals(e.fqdn(), fqdn)) return e.fqdn();
  return "";
}
bool is_computer(const scenario::Scenario& t, const std::string& fqdn) {
  if (find_pool(t, fqdn) != nullptr || !canonical_sql(t, fqdn).empty() ||
      !canonical_edge(t, fqdn).empty())
    return true;
  for (const auto& p : t.pools())
    for (const auto& f : p.front_ends())
      if (iequals(f.fqdn(), fqdn)) return true;
  return false;
}

// Strips a service prefix such as "EdgeServer:" or "Registrar:".
std::string strip_prefix(const std::string& v, const std::string& prefix) {
  if (v.size() > prefix.size() && iequals(v.substr(0, prefix.size()), prefix))
    return v.substr(prefix.size());
  return v;
}

// The Persistent Chat pool a name gives (its FQDN, after any "service:" or
// "PersistentChatServer:" prefix), or the scenario's one pool for the collection "global".
const scenario::PersistentChatPool* find_pchat(const scenario::Scenario& t, std::string name) {
  name = strip_prefix(strip_prefix(name, "service:"), "PersistentChatServer:");
  if (iequals(name, "global") && t.persistent_chat_pools_size() == 1)
    return &t.persistent_chat_pools(0);
  for (const auto& p : t.persistent_chat_pools())
    if (iequals(p.fqdn(), name)) return &p;
  return nullptr;
}
// The Persistent Chat pool whose log-shipping secondary database is on this SQL Server
// (an instance name after a backslash is ignored).
const scenario::PersistentChatPool* pchat_of_secondary(const scenario::Scenario& t,
                                                       std::string sql) {
  sql = sql.substr(0, sql.find('\\'));
  for (const auto& p : t.persistent_chat_pools())
    if (!p.secondary_sql().empty() && iequals(p.secondary_sql(), sql)) return &p;
  return nullptr;
}
bool contains_ci(const std::string& text, const std::string& word) {
  std::string low = text;
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return low.find(word) != std::string::npos;
}

struct Value {
  std::string text;
  bool flag = true;  // switches: $true unless -Name:$false
  int line = 0, column = 0, width = 1;
};

const char* kBindingCategory = "InvalidArgument: (:) [%s], ParameterBindingException";

class Binder {
 public:
  Binder(const std::string& path, const Spec& spec, const CommandName& name,
         StatementError* failure, std::vector<Diagnostic>* unsupported)
      : path_(path), spec_(spec), name_(name), failure_(failure), unsupported_(unsupported) {
    for (const Param& p : spec.params) params_.push_back(p);
    if (spec.should_process) {
      params_.push_back(Param("WhatIf", ParamType::kSwitch).also("wi"));
      params_.push_back(Param("Confirm", ParamType::kSwitch).also("cf"));
    }
    for (const Param& p : common_params()) params_.push_back(p);
  }

  bool ok() const { return !failed_ && !unsupported_found_; }

  // The statement fails as the real cmdlet fails it; only the first error counts.
  void fail(int line, int column, int width, const std::string& message, bool binding = true) {
    if (failed_) return;
    failed_ = true;
    *failure_ = StatementError{line, column, width, spec_.name, message, ""};
    if (binding) {
      char buf[160];
      std::snprintf(buf, sizeof buf, kBindingCategory, spec_.name);
      failure_->category = buf;
    }
  }
  void fail_at(const Value& v, const std::string& message, bool binding = true) {
    fail(v.line, v.column, v.width, message, binding);
  }
  void fail_at_name(const std::string& message, bool binding = true) {
    fail(name_.line, name_.column, name_.width, message, binding);
  }
  void unsupported(int line, int column, const std::string& message) {
    unsupported_->push_back(Diagnostic{path_, line, column, false, spec_.name, message});
    unsupported_found_ = true;
  }

  void bind(const std::vector<Arg>& args) {
    for (size_t k = 0; k < args.size() && !failed_; ++k) {
      const Arg& a = args[k];
      if (!a.is_param) {
        bind_positional(a);
        continue;
      }
      const Param* p = resolve(a);
      if (p == nullptr) return;
      if (bound_.count(p->name) > 0) {
        fail(a.line, a.column, a.width,
             std::string("Cannot bind parameter because parameter '") + p->name +
                 "' is specified more than once.");
        return;
      }
      Value v{"", true, a.line, a.column, a.width};
      if (p->type == ParamType::kSwitch) {
        if (a.has_inline) {
          if (iequals(a.inline_value, "$false") || a.inline_value == "0")
            v.flag = false;
          else if (!iequals(a.inline_value, "$true") && a.inline_value != "1")
            return fail(a.line, a.column, a.width,
                        std::string("Cannot process argument transformation on parameter '") +
                            p->name + "'. Cannot convert value \"" + a.inline_value +
                            "\" to type \"System.Management.Automation.SwitchParameter\".");
        }
      } else if (a.has_inline) {
        v.text = a.inline_value;
      } else if (k + 1 < args.size() && !args[k + 1].is_param) {
        ++k;
        v = Value{args[k].text, true, args[k].line, args[k].column, args[k].width};
      } else {
        return fail(a.line, a.column, a.width,
                    std::string("Missing an argument for parameter '") + p->name +
                        "'. Specify a value and try again.");
      }
      if (!convert(*p, &v)) return;
      bound_[p->name] = v;
    }
    if (!failed_) resolve_set();
  }

  bool has(const char* n) const { return bound_.count(n) > 0 && bound_.at(n).flag; }
  bool given(const char* n) const { return bound_.count(n) > 0; }
  const Value& get(const char* n) const { return bound_.at(n); }

  const scenario::Pool* pool(const char* n, const scenario::Scenario& t) {
    const Value& v = get(n);
    const scenario::Pool* p = find_pool(t, v.text);
    if (p == nullptr)
      fail_at(v, "Pool \"" + v.text + "\" was not found in the topology (-" + n + ").", false);
    return p;
  }

 private:
  // Resolves a parameter name like PowerShell: exact name or alias, else a unique prefix.
  const Param* resolve(const Arg& a) {
    const std::string n = ascii_lower(a.text);
    for (const Param& p : params_)
      if (ascii_lower(p.name) == n || (p.alias != nullptr && ascii_lower(p.alias) == n)) return &p;
    std::vector<const Param*> hits;
    for (const Param& p : params_)
      if (ascii_lower(p.name).rfind(n, 0) == 0) hits.push_back(&p);
    if (hits.size() == 1) return hits[0];
    if (hits.empty()) {
      fail(a.line, a.column, a.width,
           "A parameter cannot be found that matches parameter name '" + a.text + "'.");
    } else {
      std::string all;
      for (const Param* p : hits) all += std::string(all.empty() ? "" : " ") + "-" + p->name;
      fail(a.line, a.column, a.width,
           "Parameter cannot be processed because the parameter name '" + a.text +
               "' is ambiguous. Possible matches include: " + all + ".");
    }
    return nullptr;
  }

  void bind_positional(const Arg& a) {
    const Param* best = nullptr;
    for (const Param& p : params_)
      if (p.position >= 0 && bound_.count(p.name) == 0 &&
          (best == nullptr || p.position < best->position))
        best = &p;
    if (best == nullptr)
      return fail(a.line, a.column, a.width,
                  "A positional parameter cannot be found that accepts argument '" + a.text + "'.");
    Value v{a.text, true, a.line, a.column, a.width};
    if (convert(*best, &v)) bound_[best->name] = v;
  }

  // PowerShell's argument conversion; the canonical spelling of an enumerated value.
  bool convert(const Param& p, Value* v) {
    const auto cannot = [&](const std::string& type, const std::string& why) {
      fail_at(*v, std::string("Cannot bind parameter '") + p.name + "'. Cannot convert value \"" +
                      v->text + "\" to type \"" + type + "\". Error: \"" + why + "\"");
      return false;
    };
    if (p.type == ParamType::kInt32 || p.type == ParamType::kUInt16) {
      char* end = nullptr;
      const long long x = std::strtoll(v->text.c_str(), &end, 10);
      const bool number = !v->text.empty() && end != nullptr && *end == '\0';
      const long long lo = p.type == ParamType::kInt32 ? -2147483648LL : 0;
      const long long hi = p.type == ParamType::kInt32 ? 2147483647LL : 65535;
      const std::string type = p.type == ParamType::kInt32 ? "System.Int32" : "System.UInt16";
      if (!number) return cannot(type, "Input string was not in a correct format.");
      if (x < lo || x > hi)
        return cannot(type,
                      "Value was either too large or too small for a " + type.substr(7) + ".");
    } else if (p.type == ParamType::kEnum) {
      for (const char* e : p.values)
        if (iequals(e, v->text)) {
          v->text = e;
          return true;
        }
      return cannot(p.enum_type,
                    "Unable to match the identifier name " + v->text +
                        " to a valid enumerator name. Specify one of the following enumerator "
                        "names and try again: " +
                        join(p.values, ", "));
    }
    return true;
  }

  // The parameter set: the sets holding every parameter given; of several, the one whose
  // mandatory parameters are all given, else the default. Then its mandatory parameters.
  void resolve_set() {
    const size_t n = std::max<size_t>(spec_.sets.size(), 1);
    std::vector<unsigned> candidates;
    for (unsigned s = 0; s < n; ++s) {
      bool fits = true;
      for (const auto& [name, v] : bound_) fits &= (param(name)->sets & (1u << s)) != 0;
      if (fits) candidates.push_back(s);
    }
    if (candidates.empty())
      return fail_at_name("Parameter set cannot be resolved using the specified named parameters.");
    unsigned chosen = candidates.front();
    int complete = 0;
    for (const unsigned s : candidates)
      if (missing(s).empty()) {
        ++complete;
        chosen = s;
      }
    if (complete != 1) {
      chosen = candidates.front();
      for (const unsigned s : candidates)
        if (static_cast<int>(s) == spec_.default_set) chosen = s;
    }
    const std::string absent = missing(chosen);
    if (!absent.empty())
      fail_at_name("Cannot process command because of one or more missing mandatory parameters: " +
                   absent + ".");
  }

  std::string missing(unsigned set) const {
    std::string out;
    for (const Param& p : params_)
      if (p.mandatory && (p.sets & (1u << set)) != 0 && bound_.count(p.name) == 0)
        out += std::string(out.empty() ? "" : " ") + p.name;
    return out;
  }

  const Param* param(const std::string& name) const {
    for (const Param& p : params_)
      if (name == p.name) return &p;
    return nullptr;
  }

  const std::string& path_;
  const Spec& spec_;
  const CommandName& name_;
  StatementError* failure_;
  std::vector<Diagnostic>* unsupported_;
  std::vector<Param> params_;
  std::map<std::string, Value> bound_;
  bool failed_ = false, unsupported_found_ = false;
};

// Fills the model step from the bound parameters, checking the names against the topology
// as the real cmdlets check them against the published topology.
void map_model_cmdlet(Binder& b, const Spec& spec, const scenario::Scenario& t, Bound* out) {
  scenario::RunbookStep& st = out->step;
  st.set_cmdlet(spec.cmdlet);
  switch (spec.cmdlet) {
    case scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER:
      if (b.given("BackupSqlServerFqdn")) {
        const Value& v = b.get("BackupSqlServerFqdn");
        const std::string sql = canonical_sql(t, v.text);
        if (sql.empty())
          b.fail_at(
              v,
              "SQL Server \"" + v.text + "\" was not found in the topology (-BackupSqlServerFqdn).",
              false);
        if (!sql.empty()) st.set_backup_sql_server_fqdn(sql);
      }
      st.set_force(b.has("Force"));
      return;
    case scenario::SET_CS_EDGE_SERVER_NEXT_HOP: {
      if (!b.given("Identity") || !b.given("Registrar"))
        return b.unsupported(
            0, 0,
            "drsim rehearses Set-CsEdgeServer as the Edge next-hop change: it needs "
            "-Identity and -Registrar.");
      const Value& id = b.get("Identity");
      const std::string edge = canonical_edge(t, strip_prefix(id.text, "EdgeServer:"));
      if (edge.empty())
        return b.fail_at(
            id, "Edge pool \"" + id.text + "\" was not found in the topology (-Identity).", false);
      const Value& reg = b.get("Registrar");
      const scenario::Pool* hop = find_pool(t, strip_prefix(reg.text, "Registrar:"));
      if (hop == nullptr)
        return b.fail_at(
            reg, "Registrar \"" + reg.text + "\" was not found in the topology (-Registrar).",
            false);
      st.set_edge_pool(edge);
      st.set_next_hop_pool(hop->fqdn());
      return;
    }
    case scenario::SET_CS_SITE_XMPP_ROUTE: {
      // Set-CsSite moves one route per call in drsim: -XmppFederationRoute (XMPP) or
      // -FederationRoute (the published federation route, as Topology Builder would).
      const bool xmpp = b.given("XmppFederationRoute"), fed = b.given("FederationRoute");
      if (xmpp == fed)
        return b.unsupported(0, 0,
                             "drsim rehearses Set-CsSite as a route change: give exactly one of "
                             "-FederationRoute and -XmppFederationRoute.");
      const Value& v = b.get(xmpp ? "XmppFederationRoute" : "FederationRoute");
      const std::string edge = canonical_edge(t, strip_prefix(v.text, "EdgeServer:"));
      if (edge.empty())
        return b.fail_at(v, "Edge pool \"" + v.text + "\" was not found in the topology.", false);
      if (!xmpp) st.set_cmdlet(scenario::PUBLISH_CS_TOPOLOGY_FEDERATION_ROUTE);
      st.set_edge_pool(edge);
      return;
    }
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER: {
      const Value& id = b.get("Identity");
      const scenario::PersistentChatPool* pc = find_pchat(t, id.text);
      if (pc == nullptr)
        return b.fail_at(
            id, "Persistent Chat pool \"" + id.text + "\" was not found in the topology.", false);
      if (!b.given("PoolState"))
        return b.unsupported(0, 0,
                             "drsim rehearses Set-CsPersistentChatState as the pool state change: "
                             "give -PoolState FailedOver or Normal.");
      if (b.get("PoolState").text == std::string("Normal"))
        st.set_cmdlet(scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL);
      st.set_pool_fqdn(pc->fqdn());
      return;
    }
    case scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER: {
      if (!b.given("Swap"))
        return b.unsupported(
            0, 0,
            "drsim rehearses Set-CsPersistentChatActiveServer -Swap (active and standby servers "
            "trade places), not a list given with -ActiveServers.");
      const std::string id = b.given("Identity") ? b.get("Identity").text : "global";
      const scenario::PersistentChatPool* pc = find_pchat(t, id);
      if (pc == nullptr)
        return b.unsupported(b.given("Identity") ? b.get("Identity").line : 0,
                             b.given("Identity") ? b.get("Identity").column : 0,
                             "drsim cannot tell which Persistent Chat pool \"" + id +
                                 "\" means: name the pool's FQDN in -Identity.");
      st.set_pool_fqdn(pc->fqdn());
      return;
    }
    case scenario::INSTALL_CS_MIRROR_DATABASE: {
      const Value& v = b.get("SqlServerFqdn");
      const scenario::PersistentChatPool* pc = pchat_of_secondary(t, v.text);
      if (pc == nullptr)
        return b.unsupported(v.line, v.column,
                             "drsim rehearses Install-CsMirrorDatabase as the Persistent Chat "
                             "failover's step: -SqlServerFqdn names a pool's log-shipping "
                             "secondary (\"" +
                                 v.text + "\" is none).");
      st.set_pool_fqdn(pc->fqdn());
      return;
    }
    case scenario::RESTORE_PERSISTENT_CHAT_SECONDARY: {
      const Value& v = b.get("ServerInstance");
      const scenario::PersistentChatPool* pc = pchat_of_secondary(t, v.text);
      const std::string query = b.given("Query") ? b.get("Query").text : "";
      if (pc == nullptr || !contains_ci(query, "restore database") ||
          !contains_ci(query, "with recovery"))
        return b.unsupported(
            v.line, v.column,
            "drsim rehearses Invoke-Sqlcmd only as the Persistent Chat failover's restore on the "
            "log-shipping secondary: -ServerInstance names it and -Query is RESTORE DATABASE mgc "
            "WITH RECOVERY (D-PCMAN steps 1-3 as one step).");
      st.set_pool_fqdn(pc->fqdn());
      return;
    }
    case scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS:
      // A scenario names pools, Front End servers, SQL servers and Edge pools; it has the
      // number of an Edge pool's servers, not their names. An unknown name may be one of
      // those, which would answer in production, so it is not counted as a failure.
      if (b.given("ReplicaFqdn") && !is_computer(t, b.get("ReplicaFqdn").text))
        b.unsupported(b.get("ReplicaFqdn").line, b.get("ReplicaFqdn").column,
                      "Computer \"" + b.get("ReplicaFqdn").text +
                          "\" is not in the scenario (-ReplicaFqdn): name "
                          "a pool, a Front End or SQL server or an Edge pool (a scenario does not "
                          "name the servers of "
                          "an Edge pool), or leave -ReplicaFqdn out.");
      return;
    default:
      break;
  }
  const scenario::Pool* p = b.pool("PoolFqdn", t);
  if (p == nullptr) return;
  st.set_pool_fqdn(p->fqdn());
  st.set_disaster_mode(b.has("DisasterMode"));
  st.set_force(b.has("Force"));
  if (spec.cmdlet == scenario::START_CS_POOL)
    st.set_quorum_loss_recovery(b.has("QuorumLossRecovery"));
  if (spec.cmdlet == scenario::GET_CS_BACKUP_SERVICE_STATUS && b.given("Category"))
    out->category = b.get("Category").text;
  if (spec.cmdlet == scenario::INVOKE_CS_DATABASE_FAILOVER &&
      b.get("DatabaseType").text != std::string("User"))
    b.unsupported(
        b.get("DatabaseType").line, b.get("DatabaseType").column,
        "drsim rehearses -DatabaseType User only: its Back End is one principal for the pool's "
        "user store, and the other databases are not modelled.");
  // The model rehearses QuorumLossRecovery only (the DR use); the default is ServiceReset.
  if (spec.cmdlet == scenario::RESET_CS_POOL_REGISTRAR_STATE &&
      (!b.given("ResetType") || b.get("ResetType").text != std::string("QuorumLossRecovery")))
    b.unsupported(b.given("ResetType") ? b.get("ResetType").line : 0,
                  b.given("ResetType") ? b.get("ResetType").column : 0,
                  "drsim rehearses only -ResetType QuorumLossRecovery.");
}

// Start-Sleep -Seconds N (also -s, positional) or -Milliseconds N (-ms): whole or decimal numbers.
void map_sleep(Binder& b, Bound* out) {
  const bool s = b.given("Seconds");
  const Value& v = b.get(s ? "Seconds" : "Milliseconds");
  char* end = nullptr;
  const double x = std::strtod(v.text.c_str(), &end);
  if (v.text.empty() || end == nullptr || *end != '\0' || !(x >= 0) || x > 1e9)
    return b.fail_at(v, "Cannot bind parameter '" + std::string(s ? "Seconds" : "Milliseconds") +
                            "'. Cannot convert value \"" + v.text +
                            "\" to a number of at most 1e9.");
  out->sleep_ms = static_cast<int64_t>(std::llround(s ? x * 1000 : x));
}

}  // namespace

BindOutcome bind_command(const std::string& path, const CommandName& name,
                         const std::vector<Arg>& args, const scenario::Scenario& topology,
                         Bound* out, StatementError* failure,
                         std::vector<Diagnostic>* unsupported) {
  const Spec* spec = find_spec(name.text);
  if (spec == nullptr) {
    // The interpreter binds only the cmdlets of the table (io/runbook_commands.cpp); any other
    // name is PowerShell's unknown command.
    *failure =
        StatementError{name.line,
                       name.column,
                       name.width,
                       name.text,
                       "The term '" + name.text +
                           "' is not recognized as the name of a cmdlet, function, "
                           "script file, or operable program.",
                       "ObjectNotFound: (" + name.text + ":String) [], CommandNotFoundException"};
    return BindOutcome::kFails;
  }
  const size_t first_unsupported = unsupported->size();
  Binder b(path, *spec, name, failure, unsupported);
  b.bind(args);
  if (b.ok() && b.has("WhatIf"))
    b.unsupported(b.get("WhatIf").line, b.get("WhatIf").column,
                  "-WhatIf is not rehearsed: remove it or the line.");
  if (b.ok() && b.given("ErrorAction"))
    out->error_action_stop = b.get("ErrorAction").text == std::string("Stop");
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
        if (iequals(spec->name, "Write-Host") && b.given("Object"))
          out->output = b.get("Object").text;
        break;
    }
  }
  // Findings without a place (whole-command rules) go at the command's name.
  for (size_t k = first_unsupported; k < unsupported->size(); ++k) {
    Diagnostic& d = (*unsupported)[k];
    if (d.line == 0) {
      d.line = name.line;
      d.column = name.column;
    }
  }
  if (unsupported->size() > first_unsupported) return BindOutcome::kUnsupported;
  return b.ok() ? BindOutcome::kBound : BindOutcome::kFails;
}

}  // namespace drsim::ps1
