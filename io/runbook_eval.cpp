// Evaluating a runbook's expressions and variables, as PowerShell does; see runbook_interp.h.
#include <algorithm>
#include <cmath>
#include <regex>

#include "io/ps1_parser.h"
#include "io/runbook_interp_impl.h"

namespace drsim::ps1 {

namespace {
constexpr size_t kMaxArray = 10000;  // a range or a repeated array: far beyond any runbook

const char* const kPreferences[] = {"Continue", "Stop", "SilentlyContinue", "Ignore"};

Value number(double x) {
  if (x == std::floor(x) && std::fabs(x) < 9.0e15) return Value::integer(static_cast<int64_t>(x));
  return Value::real(x);
}
}  // namespace

void Interp::fail(const Node& at, const std::string& message, const std::string& category,
                  const std::string& exception) {
  PsError e;
  e.message = message;
  e.category = category;
  e.exception = exception;
  e.line = at.line;
  e.column = at.column;
  e.width = std::max(1, code_points(src_, at.begin, std::min(at.end, src_.find('\n', at.begin))));
  throw e;
}

Value Interp::pipeline_value(const Node& n) {
  if (n.kind == NodeKind::kPipeline) return collapse(run_pipeline(n, false));
  std::vector<Value> out;
  if (n.kind == NodeKind::kAssign) {
    assign(n, &out);
    return Value::null();
  }
  statement(n, &out);
  return collapse(std::move(out));
}

Value Interp::get_var(const std::string& raw, const Node& at) {
  std::string name = lower(raw);
  for (const char* scope : {"script:", "global:", "local:", "using:", "private:"})
    if (name.rfind(scope, 0) == 0) name = name.substr(std::string(scope).size());
  if (name.rfind("env:", 0) == 0) return Value::string("");  // the rehearsal has no environment
  if (name == "true" || name == "false") return Value::boolean(name == "true");
  if (name == "null") return Value::null();
  if (name == "?") {
    if (pending_step_ >= 0 && oracle_ != nullptr)
      last_ok_ = last_ok_ && outcome(static_cast<size_t>(pending_step_)).ok;
    pending_step_ = -1;
    return Value::boolean(last_ok_);
  }
  if (name == "error") return Value::array(errors_);
  if (name == "lastexitcode") return Value::integer(0);
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    const auto f = it->find(name);
    if (f != it->end()) return f->second;
  }
  // As under Set-StrictMode: a runbook that relies on an unset variable is almost always a typo.
  fail(at, "The variable '$" + raw + "' cannot be retrieved because it has not been set.",
       "InvalidOperation: (" + raw + ":String) [], RuntimeException");
}

void Interp::set_var(const std::string& raw, Value v) {
  // A value that doubles on every line (`$a = $a, $a`) would grow without bound.
  if (weight(v, kMaxValueWeight) > kMaxValueWeight) {
    PsError e;
    e.message = "The value of $" + raw + " is larger than drsim rehearses (" +
                std::to_string(kMaxValueWeight) +
                " items or 4,096-character strings; docs/runbook.md, Limits).";
    e.category = "InvalidOperation: (:) [], RuntimeException";
    if (!line_stack_.empty()) e.line = plan_->lines[line_stack_.back()].line;
    throw e;
  }
  std::string name = lower(raw);
  bool global = false;
  for (const char* scope : {"script:", "global:"})
    if (name.rfind(scope, 0) == 0) name = name.substr(std::string(scope).size()), global = true;
  for (const char* scope : {"local:", "private:"})
    if (name.rfind(scope, 0) == 0) name = name.substr(std::string(scope).size());
  (global ? scopes_.front() : scopes_.back())[name] = std::move(v);
}

void Interp::assign(const Node& s, std::vector<Value>* out) {
  (void)out;
  const Node& target = *s.kids[0];
  Value v = pipeline_value(*s.kids[1]);
  if (s.text != "=") {
    Node op;
    op.kind = NodeKind::kBinary;
    op.text = s.text.substr(0, 1);
    const Value old = eval(target);
    if (op.text == "+") {
      if (old.kind == Value::Kind::kArray) {
        Value arr = old;
        for (Value& x : enumerate(v)) arr.items.push_back(std::move(x));
        if (arr.items.size() > kMaxArray) fail(s, "The array is larger than drsim rehearses.");
        v = std::move(arr);
      } else if (old.kind == Value::Kind::kString) {
        v = Value::string(old.s + to_string(v));
        if (v.s.size() > kMaxRunbookValueChars)
          fail(s, "This string is longer than " + std::to_string(kMaxRunbookValueChars) +
                      " characters: beyond what drsim rehearses (docs/runbook.md, Limits).");
      } else if (old.kind == Value::Kind::kHash) {
        Value h = old;
        for (auto& [k, x] : v.props) h.set(k, x);
        v = std::move(h);
      } else {
        double a = 0, b = 0;
        if (!to_number(old, &a) || !to_number(v, &b))
          fail(s, "The '+=' operator cannot be applied to these values.");
        v = number(a + b);
      }
    } else {
      double a = 0, b = 0;
      if (!to_number(old, &a) || !to_number(v, &b))
        fail(s, "The '" + s.text + "' operator needs numbers.");
      v = number(op.text == "-" ? a - b : op.text == "*" ? a * b : b == 0 ? 0 : a / b);
    }
  }
  const Node* t = &target;
  if (t->kind == NodeKind::kCast) {
    v = cast(t->text, v, *t);
    t = t->kids[0].get();
  }
  if (t->kind == NodeKind::kVariable) {
    if (lower(t->text) == "erroractionpreference") {
      const std::string p = to_string(v);
      const auto* it = std::find_if(std::begin(kPreferences), std::end(kPreferences),
                                    [&](const char* x) { return lower(x) == lower(p); });
      if (it == std::end(kPreferences))
        fail(*s.kids[1],
             "Cannot convert value \"" + p +
                 "\" to an ActionPreference: use Continue, Stop, "
                 "SilentlyContinue or Ignore.",
             "MetadataError: (:) [], ArgumentTransformationMetadataException");
      v = Value::string(*it);
      line().kind = RunbookLine::Kind::kPreference;
    }
    set_var(t->text, std::move(v));
    return;
  }
  // $h.Key = v, $h['Key'] = v, $a[0] = v: on the variable's own value.
  std::vector<const Node*> path;
  while (t->kind == NodeKind::kMember || t->kind == NodeKind::kIndex) {
    path.push_back(t);
    t = t->kids[0].get();
  }
  if (t->kind != NodeKind::kVariable)
    fail(target, "The assignment target is not a variable or its property.");
  Value root = get_var(t->text, *t);
  Value* cur = &root;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    const Node& p = **it;
    if (p.kind == NodeKind::kMember) {
      const std::string name = p.kids.size() > 1 ? to_string(eval(*p.kids[1])) : p.text;
      if (cur->kind != Value::Kind::kHash && cur->kind != Value::Kind::kObject)
        fail(p, "The property '" + name +
                    "' cannot be found on this object. Verify that the property exists and "
                    "can be set.");
      if (cur->find(name) == nullptr) cur->add(name, Value::null());
      cur = cur->find(name);
    } else {
      const Value key = eval(*p.kids[1]);
      if (cur->kind == Value::Kind::kHash) {
        if (cur->find(to_string(key)) == nullptr) cur->add(to_string(key), Value::null());
        cur = cur->find(to_string(key));
      } else if (cur->kind == Value::Kind::kArray) {
        double k = 0;
        if (!to_number(key, &k) || k < 0 || k >= static_cast<double>(cur->items.size()))
          fail(p, "Index was outside the bounds of the array.",
               "OperationStopped: (:) [], IndexOutOfRangeException");
        cur = &cur->items[static_cast<size_t>(k)];
      } else {
        fail(p, "Cannot index into a value of this type.");
      }
    }
  }
  *cur = std::move(v);
  set_var(t->text, std::move(root));
}

Value Interp::expand(const Node& n) {
  std::string out;
  for (const NodePtr& k : n.kids) {
    if (k->kind == NodeKind::kString)
      out += k->text;
    else
      out += to_string(eval(*k));
    if (out.size() > kMaxRunbookValueChars)
      fail(n, "This string is longer than " + std::to_string(kMaxRunbookValueChars) +
                  " characters once its variables are expanded: beyond what drsim rehearses "
                  "(docs/runbook.md, Limits).");
  }
  return Value::string(out);
}

Value Interp::eval(const Node& n) {
  if (n.kind == NodeKind::kSubExpr || n.kind == NodeKind::kArrayExpr ||
      n.kind == NodeKind::kParen) {
    ++inline_;
    struct Done {
      int& depth;
      ~Done() { --depth; }
    } done{inline_};
    return eval_inline(n);
  }
  return eval_inline(n);
}

Value Interp::eval_inline(const Node& n) {
  switch (n.kind) {
    case NodeKind::kNumber: {
      Value v;
      if (!parse_number(n.text, &v)) fail(n, "The number '" + n.text + "' is not valid.");
      return v;
    }
    case NodeKind::kString:
      return Value::string(n.text);
    case NodeKind::kExpandable:
      return expand(n);
    case NodeKind::kVariable:
      if (n.splat)
        fail(n, "Splatted variables like '@" + n.text +
                    "' cannot be part of a comma-separated list of arguments.");
      return get_var(n.text, n);
    case NodeKind::kArrayExpr: {
      std::vector<Value> out;
      block(*n.kids[0], &out);
      std::vector<Value> flat;
      for (Value& v : out)
        for (Value& x : enumerate(v)) flat.push_back(std::move(x));
      return Value::array(std::move(flat));
    }
    case NodeKind::kArrayLiteral: {
      std::vector<Value> items;
      for (const NodePtr& k : n.kids) items.push_back(eval(*k));
      return Value::array(std::move(items));
    }
    case NodeKind::kHash: {
      Value h = Value::hash();
      for (size_t k = 0; k + 1 < n.kids.size(); k += 2)
        h.set(to_string(eval(*n.kids[k])), pipeline_value(*n.kids[k + 1]));
      return h;
    }
    case NodeKind::kSubExpr: {
      std::vector<Value> out;
      block(*n.kids[0], &out);
      return collapse(std::move(out));
    }
    case NodeKind::kParen:
      return pipeline_value(*n.kids[0]);
    case NodeKind::kMember: {
      const Value target = eval(*n.kids[0]);
      return member(target, n.kids.size() > 1 ? to_string(eval(*n.kids[1])) : n.text, n);
    }
    case NodeKind::kMethod:
      return method(n);
    case NodeKind::kIndex:
      return index(eval(*n.kids[0]), eval(*n.kids[1]), n);
    case NodeKind::kUnary: {
      if (n.text == "++" || n.text == "--") {
        const Value v = eval(*n.kids[0]);
        double x = 0;
        if (!to_number(v, &x)) fail(n, "The '" + n.text + "' operator works only on numbers.");
        Value r = number(n.text == "++" ? x + 1 : x - 1);
        if (n.kids[0]->kind == NodeKind::kVariable) set_var(n.kids[0]->text, r);
        return r;
      }
      const Value v = eval(*n.kids[0]);
      if (n.text == "-not") return Value::boolean(!truthy(v));
      double x = 0;
      if (!to_number(v, &x)) fail(n, "The unary '" + n.text + "' operator needs a number.");
      return number(n.text == "-" ? -x : x);
    }
    case NodeKind::kPostfix: {
      const Value v = eval(*n.kids[0]);
      double x = 0;
      if (!to_number(v, &x)) fail(n, "The '" + n.text + "' operator works only on numbers.");
      if (n.kids[0]->kind != NodeKind::kVariable)
        fail(n, "The '" + n.text + "' operator needs a variable.");
      set_var(n.kids[0]->text, number(n.text == "++" ? x + 1 : x - 1));
      return v;
    }
    case NodeKind::kBinary:
      return binary(n);
    case NodeKind::kCast:
      return cast(n.text, eval(*n.kids[0]), n);
    case NodeKind::kTypeLiteral: {
      Value t = Value::object("System.RuntimeType");
      t.add("Name", Value::string(n.text));
      return t;
    }
    case NodeKind::kStaticMember: {
      const std::string m = lower(n.text);
      if (m == "datetime::now" || m == "system.datetime::now" || m == "datetime::utcnow")
        return Value::date_time(now_us());
      if (m == "string::empty") return Value::string("");
      if (m == "environment::newline" || m == "system.environment::newline")
        return Value::string("\n");
      if (m == "int::maxvalue" || m == "int32::maxvalue") return Value::integer(2147483647);
      fail(n, "drsim does not rehearse the static member [" + n.text + "].");
    }
    case NodeKind::kScriptBlock: {
      Value b;
      b.kind = Value::Kind::kBlock;
      b.block = n.kids[0].get();
      return b;
    }
    default:
      return pipeline_value(n);
  }
}

Value Interp::index(const Value& target, const Value& key, const Node& at) {
  if (target.kind == Value::Kind::kHash || target.kind == Value::Kind::kObject) {
    const Value* v = target.find(to_string(key));
    return v != nullptr ? *v : Value::null();
  }
  double k = 0;
  if (!to_number(key, &k))
    fail(at, "Cannot convert the index \"" + to_string(key) + "\" to a number.");
  const int64_t i = clamp_int(k);
  if (target.kind == Value::Kind::kArray) {
    const auto n = static_cast<int64_t>(target.items.size());
    const int64_t j = i < 0 ? n + i : i;
    return j >= 0 && j < n ? target.items[static_cast<size_t>(j)] : Value::null();
  }
  if (target.kind == Value::Kind::kString) {
    const auto n = static_cast<int64_t>(target.s.size());
    const int64_t j = i < 0 ? n + i : i;
    return j >= 0 && j < n ? Value::string(std::string(1, target.s[static_cast<size_t>(j)]))
                           : Value::null();
  }
  if (target.is_null())
    fail(at, "Cannot index into a null array.", "InvalidOperation: (:) [], RuntimeException");
  return i == 0 || i == -1 ? target : Value::null();
}

Value Interp::cast(const std::string& raw, const Value& v, const Node& at) {
  std::string t = lower(raw);
  if (t.rfind("system.", 0) == 0) t = t.substr(7);
  const auto cannot = [&](const std::string& type, const std::string& why) -> Value {
    fail(at,
         "Cannot convert value \"" + to_string(v) + "\" to type \"System." + type +
             "\". Error: \"" + why + "\"",
         "InvalidArgument: (:) [], RuntimeException",
         "System.Management.Automation.PSInvalidCastException");
  };
  if (t == "void") return Value::null();
  if (t == "string") return Value::string(to_string(v));
  if (t == "bool" || t == "boolean" || t == "switch") return Value::boolean(truthy(v));
  if (t == "int" || t == "int32" || t == "int64" || t == "long" || t == "uint16" || t == "byte") {
    double x = 0;
    if (!to_number(v, &x)) return cannot("Int32", "Input string was not in a correct format.");
    return Value::integer(clamp_int(std::nearbyint(x)));
  }
  if (t == "double" || t == "decimal" || t == "float" || t == "single") {
    double x = 0;
    if (!to_number(v, &x)) return cannot("Double", "Input string was not in a correct format.");
    return Value::real(x);
  }
  if (t == "array" || t.ends_with("[]")) return Value::array(enumerate(v));
  if (t == "hashtable" || t == "ordered" || t == "collections.specialized.ordereddictionary") {
    if (v.kind != Value::Kind::kHash)
      return cannot("Collections.Hashtable", "The value is not a hashtable.");
    return v;
  }
  if (t == "pscustomobject" || t == "psobject" || t == "management.automation.pscustomobject") {
    if (v.kind != Value::Kind::kHash) return v;
    Value o = Value::object("System.Management.Automation.PSCustomObject");
    o.props = v.props;
    return o;
  }
  if (t == "datetime") {
    if (v.kind != Value::Kind::kDateTime)
      return cannot("DateTime", "The rehearsal's clock is its own: use Get-Date.");
    return v;
  }
  if (t == "timespan") {
    if (v.kind == Value::Kind::kTimeSpan) return v;
    return cannot("TimeSpan", "Use New-TimeSpan.");
  }
  if (t == "scriptblock" || t == "object" || t == "management.automation.pscredential") return v;
  fail(at, "Unable to find type [" + raw + "].",
       "InvalidOperation: (" + raw + ":TypeName) [], RuntimeException");
}

}  // namespace drsim::ps1
