// The topology cmdlets a runbook runs around a failover, each with a named duration of the
// admin's time: Get-CsPool, Get-CsSite, Get-CsService, Get-CsPoolFabricState and
// Get-CsUserPoolInfo read (their output from the scenario's topology and, for the fabric
// state, the simulated state when they run); Enable-CsTopology, Publish-CsTopology and
// Set-CsSite change the published topology, which needs the Central Management Store: with
// it unavailable they fail as the real ones do, and the failure costs failed_cmdlet_s like any
// rehearsed cmdlet's. Other real read-only cmdlets run as no-ops. See runbook_interp.h.
#include <algorithm>

#include "io/ps1_parser.h"
#include "io/runbook_interp_impl.h"
#include "log/record_schema.h"
#include "sim/event_log.h"

namespace drsim::ps1 {

namespace {
// The named durations (docs/runbook.md, "Topology cmdlets"): what the admin waits for each.
struct TopologyCmdlet {
  const char* name;
  int64_t seconds;  // -1: the scenario's query_cmdlet_s
  bool needs_cms;
};
constexpr TopologyCmdlet kTopologyCmdlets[] = {
    {"Enable-CsTopology", 60, true},
    {"Publish-CsTopology", 120, true},
    {"Set-CsSite", 30, true},
    {"Get-CsPool", -1, false},
    {"Get-CsSite", -1, false},
    {"Get-CsService", -1, false},
    {"Get-CsPoolFabricState", 30, false},
    {"Get-CsUserPoolInfo", -1, false},
};

// Real cmdlets that only read: no time, no output (as before issue 18).
const char* const kReadOnlyNoOps[] = {"Get-CsPoolUpgradeReadinessState",
                                      "Get-CsDatabaseMirrorState",
                                      "Get-CsBackupServiceConfiguration",
                                      "Get-CsUpgradeDomainInfo",
                                      "Get-CsComputer",
                                      "Get-CsTopology",
                                      "Get-CsUser",
                                      "Get-CsWindowsService"};

std::string arg(const std::vector<EvalArg>& args, const char* name) {
  for (size_t k = 0; k < args.size(); ++k)
    if (args[k].is_param && lower(name).rfind(lower(args[k].name), 0) == 0) {
      if (args[k].has_value) return to_string(args[k].value);
      if (k + 1 < args.size() && !args[k + 1].is_param) return to_string(args[k + 1].value);
    }
  for (const EvalArg& a : args)
    if (!a.is_param) return to_string(a.value);  // the positional -Identity
  return "";
}

std::string strip(const std::string& s) {
  const size_t colon = s.find(':');
  return colon == std::string::npos ? s : s.substr(colon + 1);
}
}  // namespace

void Interp::admin_work(const std::string& name, int64_t seconds, const Node& c) {
  (void)c;
  pending_sleep_ms_ += seconds * 1000;
  line().kind = RunbookLine::Kind::kSleep;
  line().sleep_ms += seconds * 1000;
  line().work = name;
}

bool Interp::topology_cmdlet(const std::string& raw, const Node& c, std::vector<EvalArg>& args,
                             std::vector<Value>* out) {
  const std::string n = lower(raw);
  for (const char* name : kReadOnlyNoOps)
    if (lower(name) == n) {
      print("(" + std::string(name) +
            " only reads: drsim runs it as a no-op and has no output for it)");
      return true;
    }
  const TopologyCmdlet* spec = nullptr;
  for (const TopologyCmdlet& t : kTopologyCmdlets)
    if (lower(t.name) == n) spec = &t;
  if (spec == nullptr) return false;
  if (spec->needs_cms) {
    const StepOutcome now = oracle_ != nullptr ? probe() : StepOutcome{};
    if (now.has_query && rec::get(now.query, rec::query_cms_status::available) == 0) {
      StatementError f{
          c.line,
          c.column,
          std::max(1, code_points(src_, c.begin, c.begin + c.text.size())),
          spec->name,
          "Cannot reach the Central Management Store: it is unavailable (fail it over first, "
          "Invoke-CsManagementServerFailover).",
          ""};
      statement_fails(c, spec->name, f);
      PsError e;
      e.message = f.message;
      e.command = spec->name;
      e.line = f.line, e.column = f.column, e.width = f.width;
      e.shown = true, e.costs = true;
      throw e;
    }
  }
  admin_work(spec->name,
             spec->seconds >= 0 ? spec->seconds : topology_.parameters().query_cmdlet_s(), c);
  if (spec->needs_cms) return true;  // it changes the published topology: nothing the model runs
  const std::string id = strip(arg(args, "Identity"));
  if (n == "get-cspool" || n == "get-cssite") {
    for (const auto& p : topology_.pools()) {
      if (n == "get-cspool" && !id.empty() && lower(id) != lower(p.fqdn())) continue;
      if (n == "get-cssite" && !id.empty() && lower(id) != lower(p.site())) continue;
      Value o = Value::object(n == "get-cspool" ? "Microsoft.Rtc.Management.Xds.DisplayPool"
                                                : "DisplaySite");
      if (n == "get-cspool") {
        o.add("Identity", Value::string(p.fqdn()));
        o.add("Fqdn", Value::string(p.fqdn()));
        o.add("Site", Value::string("Site:" + p.site()));
        std::vector<Value> fes;
        for (const auto& f : p.front_ends()) fes.push_back(Value::string(f.fqdn()));
        o.add("Computers", Value::array(std::move(fes)));
      } else {
        bool seen = false;
        for (const Value& x : *out) seen |= to_string(x) == "Site:" + p.site();
        if (seen) continue;
        o.add("Identity", Value::string("Site:" + p.site()));
        o.add("Name", Value::string(p.site()));
      }
      out->push_back(std::move(o));
    }
    if (n == "get-cspool" && !id.empty() && out->empty())
      fail(c, "Cannot find \"" + id + "\" because it does not exist.",
           "ObjectNotFound: (:) [Get-CsPool], ItemNotFoundException");
    return true;
  }
  if (n == "get-csservice") {
    for (const auto& p : topology_.pools())
      for (const char* role : {"Registrar", "UserServer"}) {
        Value o = Value::object("DisplayService");
        o.add("Identity", Value::string(std::string(role) + ":" + p.fqdn()));
        o.add("PoolFqdn", Value::string(p.fqdn()));
        o.add("SiteId", Value::string("Site:" + p.site()));
        out->push_back(std::move(o));
      }
    return true;
  }
  if (n == "get-cspoolfabricstate") {
    const std::string pool = arg(args, "PoolFqdn");
    const scenario::Pool* found = nullptr;
    for (const auto& p : topology_.pools())
      if (lower(p.fqdn()) == lower(pool)) found = &p;
    if (found == nullptr)
      fail(c, "Pool \"" + pool + "\" was not found in the topology (-PoolFqdn).");
    // The pool's state when the cmdlet runs, from the model's records up to then.
    const int64_t t = now_us();
    std::string state = "Active";
    bool down = false;
    if (oracle_ != nullptr)
      for (const log::Record& r : oracle_->records_until(t)) {
        if (rec::pool_dr::kind.is(r) && lower(r.subject()) == lower(found->fqdn()))
          state = rec::get(r, rec::pool_dr::state);
        if ((rec::pool_stopped::kind.is(r) || rec::pool_started::kind.is(r)) &&
            lower(r.subject()) == lower(found->fqdn()))
          down = rec::pool_stopped::kind.is(r);
      }
    Value o = Value::object("PoolFabricState");
    o.add("PoolFqdn", Value::string(found->fqdn()));
    o.add("PoolState", Value::string(state.empty() ? "Active" : state));
    o.add("FabricStatus", Value::string(down ? "Unreachable" : "Running"));
    out->push_back(std::move(o));
    return true;
  }
  // Get-CsUserPoolInfo: drsim models a pool's users, not each user: the first pool's.
  Value o = Value::object("UserPoolInfo");
  o.add("Identity", Value::string(id));
  o.add("PrimaryPoolFqdn",
        Value::string(topology_.pools_size() > 0 ? topology_.pools(0).fqdn() : ""));
  o.add("BackupPoolFqdn",
        Value::string(topology_.pools_size() > 0 ? topology_.pools(0).backup_pool() : ""));
  out->push_back(std::move(o));
  return true;
}

}  // namespace drsim::ps1
