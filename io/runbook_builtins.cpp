// PowerShell's own cmdlets that runbooks use around the Skype for Business ones: output
// (Write-Host, Write-Output, Write-Verbose, Write-Warning, Write-Error), formatting and
// filtering of the simulated objects (Format-List, Format-Table, Select-Object,
// Where-Object, Sort-Object, ForEach-Object, Measure-Object, Out-*, Tee-Object), the
// session (Import-Module, Set-StrictMode, Start-/Stop-Transcript), prompts (Read-Host,
// answered from --answers), the simulated clock (Get-Date, New-TimeSpan) and
// Invoke-Command. None costs simulated time: they run in the admin's shell in no time worth
// modelling. See runbook_interp.h.
#include <algorithm>

#include "io/ps1_parser.h"
#include "io/runbook_interp_impl.h"

namespace drsim::ps1 {

namespace {
// The argument of parameter `name` (or of a unique prefix of it), else nullptr.
const EvalArg* param(const std::vector<EvalArg>& args, const std::string& name,
                     const char* alias = nullptr) {
  for (const EvalArg& a : args)
    if (a.is_param &&
        (lower(name).rfind(lower(a.name), 0) == 0 || (alias != nullptr && lower(a.name) == alias)))
      return &a;
  return nullptr;
}

// The value of a parameter: -Name:value, or the positional argument after -Name.
bool param_value(const std::vector<EvalArg>& args, const std::string& name, Value* out,
                 const char* alias = nullptr) {
  for (size_t k = 0; k < args.size(); ++k) {
    const EvalArg& a = args[k];
    if (!a.is_param ||
        !(lower(name).rfind(lower(a.name), 0) == 0 || (alias != nullptr && lower(a.name) == alias)))
      continue;
    if (a.has_value) return *out = a.value, true;
    if (k + 1 < args.size() && !args[k + 1].is_param) return *out = args[k + 1].value, true;
    return false;
  }
  return false;
}

// Positional arguments: those not taken as the value of a parameter in `valued`.
std::vector<Value> positional(const std::vector<EvalArg>& args,
                              const std::vector<std::string>& valued) {
  std::vector<Value> out;
  for (size_t k = 0; k < args.size(); ++k) {
    const EvalArg& a = args[k];
    if (a.is_param) {
      bool takes = false;
      for (const std::string& v : valued) takes |= lower(v).rfind(lower(a.name), 0) == 0;
      if (takes && !a.has_value) ++k;
      continue;
    }
    out.push_back(a.value);
  }
  return out;
}

std::vector<std::string> names(const Value& v) {
  std::vector<std::string> out;
  for (const Value& x : enumerate(v)) out.push_back(to_string(x));
  return out;
}
}  // namespace

static void check_model_runs(const ModelOracle& oracle, const Node* at) {
  if (oracle.runs() < kMaxModelRuns) return;
  PsError e;
  e.message = "drsim stops a rehearsal after " + std::to_string(kMaxModelRuns) +
              " answers from the model (a loop polling the state without a bound?).";
  if (at != nullptr) e.line = at->line, e.column = at->column;
  e.thrown = true;
  e.limit = true;
  throw e;
}

StepOutcome Interp::outcome(size_t step) {
  check_model_runs(*oracle_, nullptr);
  return oracle_->outcome(plan_->steps, step);
}

StepOutcome Interp::probe() {
  check_model_runs(*oracle_, nullptr);
  return oracle_->probe(plan_->steps, pending_sleep_ms_);
}

int64_t Interp::now_us() {
  if (oracle_ == nullptr) return 0;
  const StepOutcome o = probe();
  return o.start_us >= 0 ? o.start_us : Duration::seconds(topology_.horizon_s()).us();
}

bool Interp::builtin(const std::string& raw, const Node& c, std::vector<EvalArg>& args,
                     const std::vector<Value>& input, bool has_input, std::vector<Value>* out) {
  const std::string n = lower(raw);
  // Filter and projection blocks are part of their pipeline's line.
  const bool is_filter =
      n == "where-object" || n == "foreach-object" || n == "select-object" || n == "sort-object";
  inline_ += is_filter ? 1 : 0;
  struct Done {
    int& depth;
    int by;
    ~Done() { depth -= by; }
  } done{inline_, is_filter ? 1 : 0};
  Value v;
  if (n == "write-host") {
    std::vector<Value> objs =
        positional(args, {"ForegroundColor", "BackgroundColor", "Separator", "Object"});
    if (param_value(args, "Object", &v)) objs.insert(objs.begin(), v);
    if (has_input) objs.insert(objs.end(), input.begin(), input.end());
    Value sep = Value::string(" ");
    param_value(args, "Separator", &sep);
    print(join_values(objs, to_string(sep)));
    return true;
  }
  if (n == "write-output") {
    for (Value& x : positional(args, {"InputObject"})) out->push_back(x);
    if (param_value(args, "InputObject", &v)) out->push_back(v);
    if (has_input) out->insert(out->end(), input.begin(), input.end());
    return true;
  }
  if (n == "write-verbose" || n == "write-warning" || n == "write-debug" ||
      n == "write-information") {
    std::vector<Value> msg = positional(args, {"Message", "MessageData"});
    if (param_value(args, "Message", &v) || param_value(args, "MessageData", &v))
      msg.insert(msg.begin(), v);
    const bool verbose = param(args, "Verbose", "vb") != nullptr ||
                         lower(to_string(get_var("VerbosePreference", c))) == "continue";
    if (n == "write-warning") print("WARNING: " + join_values(msg, " "));
    if (n == "write-verbose" && verbose) print("VERBOSE: " + join_values(msg, " "));
    if (n == "write-information") print(join_values(msg, " "));
    return true;
  }
  if (n == "write-error") {
    std::vector<Value> msg = positional(args, {"Message", "Category", "ErrorId"});
    if (param_value(args, "Message", &v)) msg.insert(msg.begin(), v);
    PsError e;
    e.message = join_values(msg, " ");
    e.category = "NotSpecified: (:) [Write-Error], WriteErrorException";
    e.exception = "Microsoft.PowerShell.Commands.WriteErrorException";
    e.line = c.line, e.column = c.column,
    e.width = std::max(1, code_points(src_, c.begin, c.begin + c.text.size()));
    last_ok_ = false;
    Value ea;
    const bool stop =
        (param_value(args, "ErrorAction", &ea, "ea") && lower(to_string(ea)) == "stop") ||
        stop_preference();
    if (stop || try_depth_ > 0) {
      if (stop) {
        e.thrown = true;
        throw e;
      }
    }
    errors_.insert(errors_.begin(), error_record(e));
    handle(e);  // a non-terminating error: shown, the statement goes on
    return true;
  }
  if (n == "write-progress" || n == "set-strictmode" || n == "import-module" || n == "clear-host" ||
      n == "out-null" || n == "add-content" || n == "set-content" || n == "out-file" ||
      n == "new-item" || n == "set-psdebug" || n == "add-pssnapin") {
    // Nothing to rehearse: the session's settings, and files the rehearsal does not write.
    return true;
  }
  if (n == "test-path") {
    out->push_back(Value::boolean(true));  // the rehearsal has no file system: every path exists
    return true;
  }
  if (n == "start-transcript" || n == "stop-transcript") {
    Value path = Value::string("transcript.txt");
    if (!param_value(args, "Path", &path)) {
      const std::vector<Value> p = positional(args, {});
      if (!p.empty()) path = p[0];
    }
    if (n == "start-transcript") {
      plan_->transcript_path = to_string(path);
      print("Transcript started, output file is " + to_string(path));
    } else {
      print("Transcript stopped, output file is " +
            (plan_->transcript_path.empty() ? std::string("(none)") : plan_->transcript_path));
    }
    return true;
  }
  if (n == "read-host") {
    std::vector<Value> p = positional(args, {"Prompt"});
    if (param_value(args, "Prompt", &v)) p.insert(p.begin(), v);
    // The answers file, in order; then the documented default: Enter (an empty answer).
    const std::string answer =
        next_answer_ < answers_.size() ? answers_[next_answer_] : std::string();
    ++next_answer_;
    print(join_values(p, " ") + ": " + answer);
    out->push_back(Value::string(answer));
    return true;
  }
  if (n == "get-date") {
    const Value now = Value::date_time(now_us());
    if (param_value(args, "Format", &v)) {
      std::string f = to_string(v);
      const int64_t s = now.i / 1000000;
      const auto two = [](int64_t x) { return (x < 10 ? "0" : "") + std::to_string(x); };
      // The run's day 1 is 0001-01-01 (drsim's clock has days, not dates).
      for (const auto& [tok, val] : {std::pair{std::string("yyyy"), std::string("0001")},
                                     std::pair{std::string("MM"), std::string("01")},
                                     std::pair{std::string("dd"), two(s / 86400 + 1)},
                                     std::pair{std::string("HH"), two(s / 3600 % 24)},
                                     std::pair{std::string("mm"), two(s / 60 % 60)},
                                     std::pair{std::string("ss"), two(s % 60)}})
        for (size_t p = f.find(tok); p != std::string::npos; p = f.find(tok, p + val.size()))
          f.replace(p, tok.size(), val);
      out->push_back(Value::string(f));
    } else {
      out->push_back(now);
    }
    return true;
  }
  if (n == "new-timespan") {
    double total = 0, x = 0;
    for (const auto& [name, scale] : {std::pair{"Days", 86400.0}, std::pair{"Hours", 3600.0},
                                      std::pair{"Minutes", 60.0}, std::pair{"Seconds", 1.0}})
      if (param_value(args, name, &v) && to_number(v, &x)) total += x * scale;
    Value a, b;
    if (param_value(args, "Start", &a) && param_value(args, "End", &b) &&
        a.kind == Value::Kind::kDateTime && b.kind == Value::Kind::kDateTime)
      return out->push_back(Value::time_span(b.i - a.i)), true;
    out->push_back(Value::time_span(clamp_int(total * 1e6)));
    return true;
  }
  if (n == "invoke-command") {
    // Remoting to a Front End runs the block here: the rehearsal has one shell.
    Value block;
    if (!param_value(args, "ScriptBlock", &block)) {
      const std::vector<Value> p = positional(args, {"ComputerName", "Session", "ArgumentList"});
      if (!p.empty()) block = p[0];
    }
    if (block.kind != Value::Kind::kBlock) fail(c, "Invoke-Command needs a -ScriptBlock.");
    Value list;
    param_value(args, "ArgumentList", &list);
    for (Value& x : call_block(block, enumerate(list), nullptr)) out->push_back(std::move(x));
    return true;
  }
  // The pipeline cmdlets: on the input objects.
  std::vector<Value> in = input;
  if (param_value(args, "InputObject", &v)) in = enumerate(v);
  if (n == "format-list" || n == "format-table" || n == "out-string" || n == "out-host" ||
      n == "out-default") {
    std::vector<std::string> props;
    if (param_value(args, "Property", &v)) props = names(v);
    for (Value& p : positional(args, {"Property", "GroupBy"})) {
      auto more = names(p);
      props.insert(props.end(), more.begin(), more.end());
    }
    out->push_back(Value::string(format_values(in, n == "format-table", props)));
    return true;
  }
  if (n == "tee-object") {
    if (param_value(args, "Variable", &v)) set_var(to_string(v), collapse(in));
    *out = in;
    return true;
  }
  if (n == "where-object") {
    Value filter;
    std::vector<Value> p = positional(args, {"FilterScript", "Property", "Value"});
    if (!param_value(args, "FilterScript", &filter) && !p.empty() &&
        p[0].kind == Value::Kind::kBlock)
      filter = p[0];
    for (const Value& x : in) {
      bool keep = false;
      if (filter.kind == Value::Kind::kBlock) {
        keep = truthy(collapse(call_block(filter, {}, &x)));
      } else {
        // Where-Object Name -eq Value: the simplified syntax.
        Value prop = p.empty() ? Value() : p[0], val = p.size() > 1 ? p[1] : Value();
        param_value(args, "Property", &prop);
        std::string op = "-eq";
        for (const EvalArg& a : args)
          if (a.is_param && lower(a.name) != "property" && lower(a.name) != "value") {
            op = "-" + lower(a.name);
            if (a.has_value) val = a.value;
          }
        param_value(args, "Value", &val);
        keep = truthy(compare_op(op, member(x, to_string(prop), c), val, c));
      }
      if (keep) out->push_back(x);
    }
    return true;
  }
  if (n == "foreach-object") {
    Value block;
    std::vector<Value> p = positional(args, {"Process", "Begin", "End", "MemberName"});
    if (!param_value(args, "Process", &block) && !p.empty()) block = p[0];
    for (const Value& x : in) {
      if (block.kind == Value::Kind::kBlock) {
        for (Value& r : call_block(block, {}, &x)) out->push_back(std::move(r));
      } else {
        out->push_back(member(x, to_string(block), c));
      }
    }
    return true;
  }
  if (n == "select-object") {
    std::vector<Value> props;
    if (param_value(args, "Property", &v)) props = enumerate(v);
    for (Value& p : positional(args, {"Property", "First", "Last", "Skip", "ExpandProperty"}))
      for (Value& x : enumerate(p)) props.push_back(x);
    Value first, last, skip, expand;
    std::vector<Value> sel = in;
    if (param_value(args, "Skip", &skip)) {
      double k = 0;
      to_number(skip, &k);
      sel.erase(sel.begin(), sel.begin() + std::clamp<int64_t>(clamp_int(k), 0,
                                                               static_cast<int64_t>(sel.size())));
    }
    if (param_value(args, "First", &first)) {
      double k = 0;
      to_number(first, &k);
      sel.resize(static_cast<size_t>(
          std::clamp<int64_t>(clamp_int(k), 0, static_cast<int64_t>(sel.size()))));
    }
    if (param_value(args, "Last", &last)) {
      double k = 0;
      to_number(last, &k);
      const auto keep = static_cast<size_t>(
          std::clamp<int64_t>(clamp_int(k), 0, static_cast<int64_t>(sel.size())));
      sel.erase(sel.begin(), sel.end() - static_cast<long>(keep));
    }
    if (param_value(args, "ExpandProperty", &expand)) {
      for (const Value& x : sel)
        for (Value& r : enumerate(member(x, to_string(expand), c))) out->push_back(std::move(r));
      return true;
    }
    if (props.empty()) return *out = sel, true;
    for (const Value& x : sel) {
      Value o = Value::object("Selected." +
                              (x.kind == Value::Kind::kObject ? x.s : std::string("Object")));
      for (const Value& p : props) {
        if (p.kind == Value::Kind::kHash) {  // @{Name='x'; Expression={ ... }}
          const Value* label = p.find("Name")    ? p.find("Name")
                               : p.find("Label") ? p.find("Label")
                                                 : p.find("n");
          const Value* expr = p.find("Expression") ? p.find("Expression") : p.find("e");
          if (label == nullptr || expr == nullptr)
            fail(c, "A calculated property needs Name and Expression.");
          o.add(to_string(*label), expr->kind == Value::Kind::kBlock
                                       ? collapse(call_block(*expr, {}, &x))
                                       : member(x, to_string(*expr), c));
        } else {
          const std::string name = to_string(p);
          if (name.find('*') != std::string::npos) {
            for (const auto& [k, val] : x.props)
              if (like(k, name, false)) o.add(k, val);
          } else {
            o.add(name, member(x, name, c));
          }
        }
      }
      out->push_back(std::move(o));
    }
    return true;
  }
  if (n == "sort-object") {
    std::vector<std::string> props;
    if (param_value(args, "Property", &v)) props = names(v);
    for (Value& p : positional(args, {"Property"})) {
      auto more = names(p);
      props.insert(props.end(), more.begin(), more.end());
    }
    const bool desc = param(args, "Descending") != nullptr;
    *out = in;
    std::stable_sort(out->begin(), out->end(), [&](const Value& a, const Value& b) {
      int r = 0;
      if (props.empty()) compare(a, b, false, &r);
      for (size_t k = 0; k < props.size() && r == 0; ++k)
        compare(member(a, props[k], c), member(b, props[k], c), false, &r);
      return desc ? r > 0 : r < 0;
    });
    return true;
  }
  if (n == "measure-object") {
    Value m = Value::object("Microsoft.PowerShell.Commands.GenericMeasureInfo");
    m.add("Count", Value::integer(static_cast<int64_t>(in.size())));
    if (param_value(args, "Property", &v)) {
      double sum = 0, x = 0;
      for (const Value& item : in)
        if (to_number(member(item, to_string(v), c), &x)) sum += x;
      m.add("Sum", Value::real(sum));
    }
    out->push_back(std::move(m));
    return true;
  }
  return false;
}

}  // namespace drsim::ps1
