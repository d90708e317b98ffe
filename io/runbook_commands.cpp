// Running a runbook's commands and pipelines: the script's own functions and script blocks,
// the Skype for Business cmdlets the model rehearses (bound like PowerShell binds them,
// io/runbook_cmdlets.h, then run as model steps), PowerShell's cmdlets
// (runbook_builtins.cpp), and unknown commands; see runbook_interp.h.
#include <algorithm>

#include "io/ps1_parser.h"
#include "io/runbook_interp_impl.h"

namespace drsim::ps1 {

namespace {
// PowerShell's aliases that runbooks use.
const std::pair<const char*, const char*> kAliases[] = {
    {"fl", "Format-List"},         {"ft", "Format-Table"},        {"select", "Select-Object"},
    {"where", "Where-Object"},     {"?", "Where-Object"},         {"sort", "Sort-Object"},
    {"%", "ForEach-Object"},       {"foreach", "ForEach-Object"}, {"echo", "Write-Output"},
    {"write", "Write-Output"},     {"sleep", "Start-Sleep"},      {"tee", "Tee-Object"},
    {"measure", "Measure-Object"}, {"icm", "Invoke-Command"},     {"ipmo", "Import-Module"},
    {"cls", "Clear-Host"}};

bool is_formatting(const std::string& name) {
  const std::string n = lower(name);
  return n == "format-list" || n == "format-table" || n == "out-host" || n == "out-default" ||
         n == "fl" || n == "ft";
}

std::string arg_text(const Value& v) {
  if (v.kind == Value::Kind::kBool) return v.b ? "$true" : "$false";
  if (v.kind == Value::Kind::kArray) return join_values(v.items, ",");
  return to_string(v);
}
}  // namespace

std::vector<Value> Interp::run_pipeline(const Node& p, bool printing) {
  const auto& el = p.kids;
  if (el.size() == 1 && el[0]->kind != NodeKind::kCommand) {
    const Node& e = *el[0];
    Value v = eval(e);
    // $i++ and ++$i as statements print nothing.
    if (e.kind == NodeKind::kPostfix ||
        (e.kind == NodeKind::kUnary && (e.text == "++" || e.text == "--")))
      return {};
    return {std::move(v)};
  }
  // A rehearsed query piped only to formatting: the console shows the real cmdlet's output.
  bool native = el[0]->kind == NodeKind::kCommand && printing && el.size() > 1;
  for (size_t k = 1; k < el.size() && native; ++k)
    native = el[k]->kind == NodeKind::kCommand && is_formatting(el[k]->text);
  if (native) return command(*el[0], {}, false, true, true);
  std::vector<Value> data;
  bool has_input = false;
  for (size_t k = 0; k < el.size(); ++k) {
    std::vector<Value> out;
    if (el[k]->kind == NodeKind::kCommand) {
      out = command(*el[k], data, has_input, printing && k + 1 == el.size(), false);
    } else {
      out = enumerate(eval(*el[k]));
    }
    data.clear();
    for (Value& v : out)
      for (Value& x : enumerate(v)) data.push_back(std::move(x));
    has_input = true;
  }
  return data;
}

std::vector<EvalArg> Interp::eval_args(const Node& c, size_t first) {
  std::vector<EvalArg> args;
  for (size_t k = first; k < c.kids.size(); ++k) {
    const Node& a = *c.kids[k];
    EvalArg e;
    e.node = &a;
    if (a.kind == NodeKind::kParameter) {
      e.is_param = true;
      e.name = a.text;
      if (!a.kids.empty()) {
        e.has_value = true;
        e.value = eval(*a.kids[0]);
      }
      args.push_back(std::move(e));
    } else if (a.kind == NodeKind::kVariable && a.splat) {
      // @params: a hashtable's keys are parameters, an array's items positional arguments.
      const Value v = get_var(a.text, a);
      if (v.kind == Value::Kind::kHash) {
        for (const auto& [key, val] : v.props) {
          EvalArg s;
          s.node = &a;
          s.is_param = true;
          s.name = key;
          s.has_value = true;
          s.value = val;
          s.from_splat = true;
          args.push_back(std::move(s));
        }
      } else {
        for (const Value& x : enumerate(v)) {
          EvalArg s;
          s.node = &a;
          s.value = x;
          s.from_splat = true;
          args.push_back(std::move(s));
        }
      }
    } else {
      e.value = eval(a);
      args.push_back(std::move(e));
    }
  }
  return args;
}

std::vector<Value> Interp::command(const Node& c, const std::vector<Value>& input, bool has_input,
                                   bool printing, bool native_format) {
  std::string name = c.text;
  size_t first = 0;
  if (c.quoted_name) {
    const Value target = eval(*c.kids[0]);
    first = 1;
    if (target.kind == Value::Kind::kBlock) {
      std::vector<Value> positional;
      for (EvalArg& a : eval_args(c, 1))
        positional.push_back(a.is_param ? Value::string("-" + a.name) : a.value);
      return call_block(target, positional, nullptr);
    }
    name = to_string(target);
  }
  for (const auto& [alias, full] : kAliases)
    if (lower(name) == alias) name = full;
  const auto fn = functions_.find(lower(name));
  if (fn != functions_.end()) {
    std::vector<EvalArg> args = eval_args(c, first);
    return call_function(*fn->second, args, c);
  }
  for (const Spec& spec : cmdlet_specs())
    if (lower(spec.name) == lower(name) && spec.target != Target::kNoOp) {
      std::vector<EvalArg> args;
      try {
        args = eval_args(c, first);
      } catch (PsError& e) {
        // The arguments of a rehearsed cmdlet did not evaluate (an unset variable): the line
        // fails like one that does not bind, and the cmdlet did not run.
        if (spec.target == Target::kModel) {
          statement_fails(c, name, statement_error(e));
          e.shown = true;
          e.costs = true;
        }
        throw;
      }
      return sfb_cmdlet(spec, c, args, printing, native_format);
    }
  std::vector<EvalArg> args = eval_args(c, first);
  std::vector<Value> out;
  if (builtin(name, c, args, input, has_input, &out)) return out;
  if (topology_cmdlet(name, c, args, &out)) return out;
  const int width =
      std::max(1, code_points(src_, c.begin, c.begin + (c.text.empty() ? 1 : c.text.size())));
  PsError e;
  e.message = "The term '" + name +
              "' is not recognized as the name of a cmdlet, function, script file, or operable "
              "program. Check the spelling of the name, or if a path was included, verify that the "
              "path is correct "
              "and try again.";
  e.category = "ObjectNotFound: (" + name + ":String) [], CommandNotFoundException";
  e.exception = "System.Management.Automation.CommandNotFoundException";
  e.command = name;
  e.line = c.line, e.column = c.column, e.width = width;
  throw e;
}

// A line PowerShell runs and fails before the cmdlet starts: a step that fails at once and
// costs failed_cmdlet_s (docs/runbook.md, "Errors").
void Interp::statement_fails(const Node& c, const std::string& name, StatementError failure) {
  (void)name;
  scenario::RunbookStep st;
  st.set_cmdlet(scenario::STATEMENT_ERROR);
  st.set_statement_error(failure.message);
  st.set_command(failure.command);
  add_step(st, false, c, node_text(src_, c));
  RunbookLine& l = line();
  l.fails = true;
  l.error = failure;
  l.error_source = source_.line_text(failure.line);
}

std::vector<Value> Interp::sfb_cmdlet(const Spec& spec, const Node& c,
                                      const std::vector<EvalArg>& args, bool printing,
                                      bool native_format) {
  std::vector<Arg> bind_args;
  for (const EvalArg& e : args) {
    Arg a;
    a.line = e.node->line;
    a.column = e.node->column;
    a.width = std::max(
        1, code_points(src_, e.node->begin, std::min(e.node->end, src_.find('\n', e.node->begin))));
    a.is_param = e.is_param;
    if (e.is_param) {
      a.text = e.name;
      a.has_inline = e.has_value;
      if (e.has_value) a.inline_value = arg_text(e.value);
    } else {
      a.text = arg_text(e.value);
    }
    bind_args.push_back(std::move(a));
  }
  const int name_width = std::max(1, code_points(src_, c.begin, c.begin + c.text.size()));
  const CommandName name{c.text.empty() ? spec.name : c.text, c.line, c.column, name_width};
  Bound b;
  StatementError failure;
  std::vector<Diagnostic> unsupported;
  switch (bind_command(path_, name, bind_args, topology_, &b, &failure, &unsupported)) {
    case BindOutcome::kUnsupported: {
      // drsim cannot rehearse this call: it is skipped (no time), and `validate` lists it.
      for (Diagnostic& d : unsupported) {
        const bool what_if = d.message.rfind("-WhatIf", 0) == 0;
        print(what_if ? "What if: Performing the operation \"" + std::string(spec.name) +
                            "\" (drsim shows -WhatIf and runs nothing)."
                      : "(not rehearsed: " + d.message + ")");
        if (!what_if) plan_->not_rehearsed.push_back(d);
      }
      return {};
    }
    case BindOutcome::kFails: {
      statement_fails(c, spec.name, failure);
      PsError e;
      e.message = failure.message;
      e.category = failure.category;
      e.command = failure.command;
      e.exception = "System.Management.Automation.ParameterBindingException";
      e.line = failure.line, e.column = failure.column, e.width = failure.width;
      e.shown = true;
      e.costs = true;
      throw e;
    }
    case BindOutcome::kBound:
      break;
  }
  if (b.kind == RunbookLine::Kind::kSleep) {
    pending_sleep_ms_ += b.sleep_ms;
    line().kind = RunbookLine::Kind::kSleep;
    line().sleep_ms += b.sleep_ms;
    return {};
  }
  if (b.kind != RunbookLine::Kind::kCmdlet) {
    if (!b.output.empty()) print(b.output);
    return {};
  }
  add_step(b.step, b.error_action_stop, c, node_text(src_, c));
  const size_t k = plan_->steps.size() - 1;
  // Every parameter as it was bound, splatted ones included (the console and the step table show
  // it).
  std::string invocation = spec.name;
  for (const Arg& a : bind_args) {
    const bool quote = !a.is_param && (a.text.empty() || a.text.find(' ') != std::string::npos);
    if (a.is_param)
      invocation +=
          " -" + a.text +
          (a.has_inline ? (a.inline_value.rfind('$', 0) == 0 ? ":" : " ") + a.inline_value : "");
    else
      invocation += quote ? " '" + a.text + "'" : " " + a.text;
  }
  line().invocation = invocation;
  line().category = b.category;
  line().quiet = !(printing || native_format);
  const bool stops = plan_->steps[k].stop_on_error();
  const bool terminating = (b.error_action_stop || stop_preference()) && try_depth_ > 0;
  if (oracle_ == nullptr) return {};
  // The model runs only when the script needs its answer now: to stop, to catch, or to use a
  // query's result. Otherwise $? asks later, if anything asks (the final run has the rest).
  const scenario::Cmdlet kind = plan_->steps[k].cmdlet();
  const bool is_query = kind == scenario::GET_CS_BACKUP_SERVICE_STATUS ||
                        kind == scenario::GET_CS_POOL_BACKUP_RELATIONSHIP ||
                        kind == scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS;
  if (!stops && !terminating && !(is_query && !printing && !native_format)) {
    pending_step_ = static_cast<int>(k);
    return {};
  }
  const StepOutcome o = outcome(k);
  if (!o.ran) {
    // After the horizon, or nothing started the runbook: the rest of the script never runs.
    stopped_ = true;
    throw Flow{Flow::Kind::kExit, {}};
  }
  if (!o.ok) {
    last_ok_ = false;
    PsError e;
    e.message = o.error;
    e.command = spec.name;
    e.exception = "Microsoft.Rtc.Management.ManagementException";
    e.line = c.line, e.column = c.column, e.width = name_width;
    e.shown = true;
    errors_.insert(errors_.begin(), error_record(e));
    if (stops) {
      stopped_ = true;
      throw Flow{Flow::Kind::kExit, {}};
    }
    if (terminating) {
      e.thrown = true;
      throw e;
    }
    return {};
  }
  // Printed, a query's output is the console's rendering of the real cmdlet's
  // (analysis/runbook_console.h).
  if (o.has_query && !printing && !native_format) return {query_object(o.query, b.category)};
  return {};
}

std::vector<Value> Interp::call_function(const Node& fn, const std::vector<EvalArg>& args,
                                         const Node& at) {
  if (call_depth_ >= kMaxCallDepth)
    fail(at,
         "The script failed due to call depth overflow (drsim's limit: " +
             std::to_string(kMaxCallDepth) + ").",
         "InvalidOperation: (0:Int32) [], ParentContainsErrorRecordException",
         "System.Management.Automation.ScriptCallDepthException");
  const Node& params = *fn.kids[0];
  std::map<std::string, Value> scope;
  std::vector<bool> bound(params.kids.size(), false);
  std::vector<Value> extra;
  for (size_t k = 0; k < args.size(); ++k) {
    const EvalArg& a = args[k];
    if (!a.is_param) {
      extra.push_back(a.value);
      continue;
    }
    size_t hit = params.kids.size();
    for (size_t p = 0; p < params.kids.size(); ++p)
      if (lower(params.kids[p]->text) == lower(a.name)) hit = p;
    if (hit == params.kids.size())
      for (size_t p = 0; p < params.kids.size(); ++p)
        if (lower(params.kids[p]->text).rfind(lower(a.name), 0) == 0)
          hit = hit == params.kids.size() ? p : hit;
    if (hit == params.kids.size())
      fail(*a.node, "A parameter cannot be found that matches parameter name '" + a.name + "'.",
           "InvalidArgument: (:) [" + fn.text + "], ParameterBindingException",
           "System.Management.Automation.ParameterBindingException");
    const Node& decl = *params.kids[hit];
    Value v;
    if (decl.type_name == "switch") {
      v = Value::boolean(!a.has_value || truthy(a.value));
    } else if (a.has_value) {
      v = a.value;
    } else if (k + 1 < args.size() && !args[k + 1].is_param) {
      v = args[++k].value;
    } else {
      fail(*a.node,
           "Missing an argument for parameter '" + decl.text + "'. Specify a parameter of type '" +
               (decl.type_name.empty() ? "System.Object" : decl.type_name) + "' and try again.",
           "InvalidArgument: (:) [" + fn.text + "], ParameterBindingException",
           "System.Management.Automation.ParameterBindingException");
    }
    if (!decl.type_name.empty() && decl.type_name != "switch") v = cast(decl.type_name, v, *a.node);
    scope[lower(decl.text)] = std::move(v);
    bound[hit] = true;
  }
  size_t next = 0;
  std::vector<Value> rest;
  for (Value& v : extra) {
    while (next < params.kids.size() && (bound[next] || params.kids[next]->type_name == "switch"))
      ++next;
    if (next < params.kids.size()) {
      scope[lower(params.kids[next]->text)] = std::move(v);
      bound[next++] = true;
    } else {
      rest.push_back(std::move(v));
    }
  }
  scope["args"] = Value::array(std::move(rest));
  scopes_.push_back(std::move(scope));
  ++call_depth_;
  struct Pop {
    Interp& in;
    ~Pop() {
      in.scopes_.pop_back();
      --in.call_depth_;
    }
  } pop{*this};
  for (size_t p = 0; p < params.kids.size(); ++p)
    if (!bound[p]) {
      const Node& d = *params.kids[p];
      scopes_.back()[lower(d.text)] = !d.kids.empty()           ? eval(*d.kids[0])
                                      : d.type_name == "switch" ? Value::boolean(false)
                                                                : Value::null();
    }
  std::vector<Value> out;
  try {
    block(*fn.kids[1], &out);
  } catch (Flow& f) {
    if (f.kind != Flow::Kind::kReturn) throw;
    for (Value& v : enumerate(f.value)) out.push_back(std::move(v));
  }
  return out;
}

std::vector<Value> Interp::call_block(const Value& block_value, const std::vector<Value>& args,
                                      const Value* dollar_under) {
  if (call_depth_ >= kMaxCallDepth) {
    PsError e;
    e.message = "The script failed due to call depth overflow (drsim's limit: " +
                std::to_string(kMaxCallDepth) + ").";
    throw e;
  }
  const Node& body = *block_value.block;
  std::map<std::string, Value> scope;
  if (dollar_under != nullptr) scope["_"] = *dollar_under;
  size_t first = 0;
  if (!body.kids.empty() && body.kids[0]->kind == NodeKind::kParamBlock) {
    first = 1;
    const Node& params = *body.kids[0];
    for (size_t p = 0; p < params.kids.size(); ++p)
      scope[lower(params.kids[p]->text)] = p < args.size() ? args[p] : Value::null();
  }
  scope["args"] = Value::array(args);
  scopes_.push_back(std::move(scope));
  ++call_depth_;
  struct Pop {
    Interp& in;
    ~Pop() {
      in.scopes_.pop_back();
      --in.call_depth_;
    }
  } pop{*this};
  std::vector<Value> out;
  try {
    for (size_t k = first; k < body.kids.size() && !stopped_; ++k) statement(*body.kids[k], &out);
  } catch (Flow& f) {
    if (f.kind != Flow::Kind::kReturn) throw;
    for (Value& v : enumerate(f.value)) out.push_back(std::move(v));
  }
  return out;
}

}  // namespace drsim::ps1
