// PowerShell's operators, members and methods on runbook values; see runbook_interp.h.
#include <algorithm>
#include <cmath>
#include <regex>

#include "io/ps1_parser.h"
#include "io/runbook_interp_impl.h"

namespace drsim::ps1 {

namespace {
constexpr size_t kMaxArray = 10000;

Value number(double x) {
  if (x == std::floor(x) && std::fabs(x) < 9.0e15) return Value::integer(static_cast<int64_t>(x));
  return Value::real(x);
}

std::string type_name(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBool:
      return "bool";
    case Value::Kind::kInt:
      return "int";
    case Value::Kind::kDouble:
      return "double";
    case Value::Kind::kString:
      return "string";
    case Value::Kind::kArray:
      return "object[]";
    case Value::Kind::kHash:
      return "hashtable";
    case Value::Kind::kBlock:
      return "scriptblock";
    case Value::Kind::kDateTime:
      return "datetime";
    case Value::Kind::kTimeSpan:
      return "timespan";
    case Value::Kind::kObject:
      return lower(v.s);
  }
  return "object";
}

std::regex make_regex(const std::string& pattern, bool case_sensitive) {
  return std::regex(pattern, case_sensitive ? std::regex::ECMAScript
                                            : std::regex::ECMAScript | std::regex::icase);
}
}  // namespace

std::string join_values(const std::vector<Value>& v, const std::string& sep) {
  std::string out;
  for (size_t k = 0; k < v.size(); ++k) out += (k > 0 ? sep : "") + to_string(v[k]);
  return out;
}

Value Interp::binary(const Node& n) {
  Value v = binary_value(n);
  if (v.kind == Value::Kind::kString && v.s.size() > kMaxRunbookValueChars)
    fail(n, "This string is longer than " + std::to_string(kMaxRunbookValueChars) +
                " characters: beyond what drsim rehearses (docs/runbook.md, Limits).");
  if (v.kind == Value::Kind::kArray && weight(v, kMaxValueWeight) > kMaxValueWeight)
    fail(n, "The array is larger than drsim rehearses.");
  return v;
}

Value Interp::binary_value(const Node& n) {
  const std::string& op = n.text;
  if (op == "-and" || op == "-or") {
    const bool a = truthy(eval(*n.kids[0]));
    if (op == "-and" ? !a : a) return Value::boolean(a);
    return Value::boolean(truthy(eval(*n.kids[1])));
  }
  const Value a = eval(*n.kids[0]);
  const Value b = eval(*n.kids[1]);
  if (op == "-xor") return Value::boolean(truthy(a) != truthy(b));
  if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") {
    if (op == "+" && a.kind == Value::Kind::kString) return Value::string(a.s + to_string(b));
    if (op == "+" && a.kind == Value::Kind::kArray) {
      Value r = a;
      for (Value& x : enumerate(b)) r.items.push_back(std::move(x));
      if (r.items.size() > kMaxArray) fail(n, "The array is larger than drsim rehearses.");
      return r;
    }
    if (op == "+" && a.kind == Value::Kind::kHash && b.kind == Value::Kind::kHash) {
      Value r = a;
      for (const auto& [k, v] : b.props) {
        if (r.find(k) != nullptr)
          fail(n, "Item has already been added. Key in dictionary: '" + k + "'",
               "OperationStopped: (:) [], ArgumentException");
        r.add(k, v);
      }
      return r;
    }
    const bool times = (a.kind == Value::Kind::kDateTime || a.kind == Value::Kind::kTimeSpan) &&
                       (b.kind == Value::Kind::kDateTime || b.kind == Value::Kind::kTimeSpan);
    if (times && (std::llabs(a.i) > (int64_t{1} << 60) || std::llabs(b.i) > (int64_t{1} << 60)))
      fail(n, "The result of the operation is an un-representable DateTime or TimeSpan.");
    if (a.kind == Value::Kind::kDateTime && (op == "+" || op == "-")) {
      if (b.kind == Value::Kind::kDateTime && op == "-") return Value::time_span(a.i - b.i);
      if (b.kind == Value::Kind::kTimeSpan)
        return Value::date_time(op == "+" ? a.i + b.i : a.i - b.i);
    }
    if (a.kind == Value::Kind::kTimeSpan && b.kind == Value::Kind::kTimeSpan &&
        (op == "+" || op == "-"))
      return Value::time_span(op == "+" ? a.i + b.i : a.i - b.i);
    if (op == "*" && a.kind == Value::Kind::kString) {
      double k = 0;
      if (!to_number(b, &k) || k < 0 || k * static_cast<double>(a.s.size()) > kMaxRunbookValueChars)
        fail(n, "The string would be longer than drsim rehearses.");
      std::string r;
      for (int i = 0; i < static_cast<int>(k); ++i) r += a.s;
      return Value::string(r);
    }
    double x = 0, y = 0;
    if (!to_number(a, &x) || !to_number(b, &y))
      fail(n,
           "Cannot convert value \"" + to_string(!to_number(a, &x) ? a : b) +
               "\" to type \"System.Int32\". Error: "
               "\"Input string was not in a correct format.\"",
           "InvalidArgument: (:) [], RuntimeException");
    if ((op == "/" || op == "%") && y == 0)
      fail(n, "Attempted to divide by zero.", "NotSpecified: (:) [], RuntimeException",
           "System.DivideByZeroException");
    if (op == "+") return number(x + y);
    if (op == "-") return number(x - y);
    if (op == "*") return number(x * y);
    if (op == "/") return number(x / y);
    return number(std::fmod(x, y));
  }
  if (op == "..") {
    double x = 0, y = 0;
    if (!to_number(a, &x) || !to_number(b, &y) || !(std::fabs(y - x) < kMaxArray) ||
        std::fabs(x) > 1e15)
      fail(n, "The range is not valid or larger than drsim rehearses.");
    std::vector<Value> r;
    for (auto i = static_cast<int64_t>(x);; i += y >= x ? 1 : -1) {
      r.push_back(Value::integer(i));
      if (i == static_cast<int64_t>(y)) break;
    }
    return Value::array(std::move(r));
  }
  if (op == "-f") {
    const std::vector<Value> args = enumerate(b);
    std::string fmt = to_string(a), out;
    for (size_t k = 0; k < fmt.size(); ++k) {
      if (fmt[k] == '{' && k + 1 < fmt.size() && fmt[k + 1] == '{') {
        out += '{';
        ++k;
        continue;
      }
      if (fmt[k] == '}' && k + 1 < fmt.size() && fmt[k + 1] == '}') {
        out += '}';
        ++k;
        continue;
      }
      if (fmt[k] != '{') {
        out += fmt[k];
        continue;
      }
      const size_t close = fmt.find('}', k);
      if (close == std::string::npos)
        fail(n, "Error formatting a string: Input string was not in a correct format.");
      const std::string spec = fmt.substr(k + 1, close - k - 1);
      const size_t idx = static_cast<size_t>(std::atoi(spec.c_str()));
      if (idx >= args.size())
        fail(n,
             "Error formatting a string: Index (zero based) must be greater than or equal to zero "
             "and less than the size of the argument list.");
      out += to_string(args[idx]);
      k = close;
    }
    return Value::string(out);
  }
  if (op == "-join") return Value::string(join_values(enumerate(a), to_string(b)));
  return compare_op(op, a, b, n);
}

Value Interp::compare_op(const std::string& raw, const Value& a, const Value& b, const Node& at) {
  const bool cs = raw.rfind("-c", 0) == 0 && raw != "-contains";
  const std::string op = cs ? "-" + raw.substr(2) : raw;
  if (op == "-contains" || op == "-notcontains" || op == "-in" || op == "-notin") {
    const Value& coll = op == "-contains" || op == "-notcontains" ? a : b;
    const Value& item = op == "-contains" || op == "-notcontains" ? b : a;
    bool hit = false;
    for (const Value& x : enumerate(coll)) hit |= equals(x, item, cs);
    return Value::boolean(op == "-contains" || op == "-in" ? hit : !hit);
  }
  if (op == "-is" || op == "-isnot") {
    std::string t = b.kind == Value::Kind::kObject && b.find("Name")
                        ? lower(to_string(*b.find("Name")))
                        : lower(to_string(b));
    if (t.rfind("system.", 0) == 0) t = t.substr(7);
    const std::string have = type_name(a);
    const bool is = have == t || (t == "int32" && have == "int") ||
                    (t == "array" && have == "object[]") || (t == "object") ||
                    (t == "boolean" && have == "bool");
    return Value::boolean(op == "-is" ? is : !is);
  }
  if (op == "-as") {
    try {
      return cast(b.kind == Value::Kind::kObject && b.find("Name") ? to_string(*b.find("Name"))
                                                                   : to_string(b),
                  a, at);
    } catch (const PsError&) {
      return Value::null();
    }
  }
  if (op == "-replace") {
    const std::vector<Value> parts = enumerate(b);
    const std::string pattern = parts.empty() ? "" : to_string(parts[0]);
    const std::string with = parts.size() > 1 ? to_string(parts[1]) : "";
    try {
      return Value::string(std::regex_replace(to_string(a), make_regex(pattern, cs), with));
    } catch (const std::regex_error&) {
      fail(at, "The regular expression pattern " + pattern + " is not valid.");
    }
  }
  if (op == "-split") {
    std::vector<Value> out;
    try {
      const std::string text = to_string(a);
      const std::regex re = make_regex(to_string(b), cs);
      std::sregex_token_iterator it(text.begin(), text.end(), re, -1), end;
      for (; it != end && out.size() < kMaxArray; ++it) out.push_back(Value::string(*it));
    } catch (const std::regex_error&) {
      fail(at, "The regular expression pattern " + to_string(b) + " is not valid.");
    }
    return Value::array(std::move(out));
  }
  // The scalar comparisons; an array on the left filters its elements.
  const auto test = [&](const Value& x) -> bool {
    if (op == "-eq") return equals(x, b, cs);
    if (op == "-ne") return !equals(x, b, cs);
    if (op == "-like" || op == "-notlike")
      return like(to_string(x), to_string(b), cs) == (op == "-like");
    if (op == "-match" || op == "-notmatch") {
      try {
        std::smatch m;
        const std::string text = to_string(x);
        const bool hit = std::regex_search(text, m, make_regex(to_string(b), cs));
        if (hit) {
          Value matches = Value::hash();
          for (size_t g = 0; g < m.size(); ++g)
            matches.set(std::to_string(g), Value::string(m[g].str()));
          set_var("Matches", matches);
        }
        return hit == (op == "-match");
      } catch (const std::regex_error&) {
        fail(at, "The regular expression pattern " + to_string(b) + " is not valid.");
      }
    }
    int c = 0;
    if (!compare(x, b, cs, &c))
      fail(at, "Cannot compare \"" + to_string(x) + "\" because it is not IComparable.",
           "InvalidOperation: (:) [], RuntimeException");
    if (op == "-gt") return c > 0;
    if (op == "-ge") return c >= 0;
    if (op == "-lt") return c < 0;
    if (op == "-le") return c <= 0;
    fail(at, "The operator '" + raw + "' is not rehearsed.");
  };
  if (a.kind == Value::Kind::kArray) {
    std::vector<Value> out;
    for (const Value& x : a.items)
      if (test(x)) out.push_back(x);
    return Value::array(std::move(out));
  }
  return Value::boolean(test(a));
}

Value Interp::member(const Value& target, const std::string& name, const Node& at) {
  const std::string m = lower(name);
  if (target.kind == Value::Kind::kArray) {
    if (m == "count" || m == "length")
      return Value::integer(static_cast<int64_t>(target.items.size()));
    std::vector<Value> out;  // member enumeration: the member of each element
    for (const Value& x : target.items)
      for (Value& v : enumerate(member(x, name, at))) out.push_back(std::move(v));
    return collapse(std::move(out));
  }
  if (target.kind == Value::Kind::kHash) {
    if (m == "count") return Value::integer(static_cast<int64_t>(target.props.size()));
    if (m == "keys" || m == "values") {
      std::vector<Value> out;
      for (const auto& [k, v] : target.props) out.push_back(m == "keys" ? Value::string(k) : v);
      return Value::array(std::move(out));
    }
    const Value* v = target.find(name);
    return v != nullptr ? *v : Value::null();
  }
  if (target.kind == Value::Kind::kObject) {
    if (const Value* v = target.find(name)) return *v;
  }
  if (target.kind == Value::Kind::kString && m == "length")
    return Value::integer(static_cast<int64_t>(target.s.size()));
  if (m == "count") return Value::integer(target.is_null() ? 0 : 1);
  if (target.kind == Value::Kind::kTimeSpan) {
    const double s = static_cast<double>(target.i) / 1e6;
    if (m == "totalseconds") return Value::real(s);
    if (m == "totalminutes") return Value::real(s / 60);
    if (m == "totalhours") return Value::real(s / 3600);
    if (m == "seconds") return Value::integer(clamp_int(s) % 60);
    if (m == "minutes") return Value::integer(clamp_int(s) / 60 % 60);
    if (m == "hours") return Value::integer(clamp_int(s) / 3600 % 24);
    if (m == "days") return Value::integer(clamp_int(s) / 86400);
  }
  if (target.kind == Value::Kind::kDateTime) {
    const int64_t s = target.i / 1000000;
    if (m == "hour") return Value::integer(s / 3600 % 24);
    if (m == "minute") return Value::integer(s / 60 % 60);
    if (m == "second") return Value::integer(s % 60);
    if (m == "day") return Value::integer(s / 86400 + 1);
  }
  // Without Set-StrictMode PowerShell gives $null for a property that is not there.
  (void)at;
  return Value::null();
}

Value Interp::method(const Node& n) {
  std::vector<Value> args;
  for (size_t k = 1; k < n.kids.size(); ++k) args.push_back(eval(*n.kids[k]));
  const std::string m = lower(n.text);
  const auto arg = [&](size_t k) { return k < args.size() ? to_string(args[k]) : std::string(); };
  if (n.is_static) {
    const std::string t = lower(n.kids[0]->text);
    if (t.ends_with("string") && (m == "isnullorempty" || m == "isnullorwhitespace"))
      return Value::boolean(arg(0).find_first_not_of(m == "isnullorempty" ? "" : " \t\r\n") ==
                            std::string::npos);
    if (t.ends_with("string") && m == "join")
      return Value::string(
          join_values(args.size() > 1 ? enumerate(args[1]) : std::vector<Value>{}, arg(0)));
    if (t.ends_with("math")) {
      double x = 0, y = 0;
      if (!args.empty()) to_number(args[0], &x);
      if (args.size() > 1) to_number(args[1], &y);
      if (m == "round")
        return args.size() > 1 ? Value::real(std::round(x * std::pow(10, y)) / std::pow(10, y))
                               : number(std::nearbyint(x));
      if (m == "floor") return number(std::floor(x));
      if (m == "ceiling") return number(std::ceil(x));
      if (m == "max") return number(std::max(x, y));
      if (m == "min") return number(std::min(x, y));
      if (m == "abs") return number(std::fabs(x));
    }
    fail(n,
         "drsim does not rehearse the static method [" + n.kids[0]->text + "]::" + n.text + "().");
  }
  const Value target = eval(*n.kids[0]);
  if (target.is_null())
    fail(n, "You cannot call a method on a null-valued expression.",
         "InvalidOperation: (:) [], RuntimeException");
  if (m == "tostring") {
    if (target.kind == Value::Kind::kDateTime || target.kind == Value::Kind::kTimeSpan)
      return Value::string(format_time(target));
    return Value::string(to_string(target));
  }
  if (m == "gettype") {
    Value t = Value::object("System.RuntimeType");
    t.add("Name", Value::string(type_name(target)));
    return t;
  }
  if (m == "equals") return Value::boolean(!args.empty() && equals(target, args[0], false));
  if (target.kind == Value::Kind::kString) {
    const std::string& s = target.s;
    if (m == "toupper" || m == "tolower") {
      std::string r = s;
      for (char& c : r)
        c = static_cast<char>(m == "toupper" ? std::toupper(static_cast<unsigned char>(c))
                                             : std::tolower(static_cast<unsigned char>(c)));
      return Value::string(r);
    }
    if (m == "trim" || m == "trimend" || m == "trimstart") {
      const std::string ws = args.empty() ? " \t\r\n" : arg(0);
      size_t b = m == "trimend" ? 0 : s.find_first_not_of(ws);
      size_t e = m == "trimstart" ? s.size() : s.find_last_not_of(ws) + 1;
      if (b == std::string::npos) return Value::string("");
      return Value::string(s.substr(b, e > b ? e - b : 0));
    }
    if (m == "startswith") return Value::boolean(lower(s).rfind(lower(arg(0)), 0) == 0);
    if (m == "endswith") return Value::boolean(lower(s).ends_with(lower(arg(0))));
    if (m == "contains") return Value::boolean(s.find(arg(0)) != std::string::npos);
    if (m == "indexof")
      return Value::integer(static_cast<int64_t>(
          s.find(arg(0)) == std::string::npos ? -1 : static_cast<int64_t>(s.find(arg(0)))));
    if (m == "replace") {
      std::string r = s;
      const std::string from = arg(0), to = arg(1);
      for (size_t p = 0; !from.empty() && (p = r.find(from, p)) != std::string::npos;
           p += to.size())
        r.replace(p, from.size(), to);
      return Value::string(r);
    }
    if (m == "split") {
      std::vector<Value> out;
      const std::string seps = args.empty() ? " " : arg(0);
      std::string cur;
      for (char c : s) {
        if (seps.find(c) != std::string::npos)
          out.push_back(Value::string(cur)), cur.clear();
        else
          cur += c;
      }
      out.push_back(Value::string(cur));
      return Value::array(std::move(out));
    }
    if (m == "substring") {
      double a = 0, b = 0;
      to_number(args.empty() ? Value() : args[0], &a);
      const bool has_len = args.size() > 1 && to_number(args[1], &b);
      if (a < 0 || a > static_cast<double>(s.size()) ||
          (has_len && (b < 0 || a + b > static_cast<double>(s.size()))))
        fail(n,
             "Exception calling \"Substring\": \"startIndex cannot be larger than length of "
             "string.\"");
      return Value::string(has_len ? s.substr(static_cast<size_t>(a), static_cast<size_t>(b))
                                   : s.substr(static_cast<size_t>(a)));
    }
  }
  if (target.kind == Value::Kind::kArray && m == "contains") {
    for (const Value& x : target.items)
      if (!args.empty() && equals(x, args[0], false)) return Value::boolean(true);
    return Value::boolean(false);
  }
  if (target.kind == Value::Kind::kHash && (m == "containskey" || m == "contains"))
    return Value::boolean(target.find(arg(0)) != nullptr);
  if (target.kind == Value::Kind::kDateTime) {
    double x = 0;
    if (!args.empty()) to_number(args[0], &x);
    const double scale = m == "addseconds"   ? 1e6
                         : m == "addminutes" ? 6e7
                         : m == "addhours"   ? 3.6e9
                         : m == "adddays"    ? 8.64e10
                                             : 0;
    if (scale > 0) {
      const int64_t delta = clamp_int(x * scale);
      if (std::llabs(delta) > (int64_t{1} << 60) || std::llabs(target.i) > (int64_t{1} << 60))
        fail(n, "The added or subtracted value results in an un-representable DateTime.");
      return Value::date_time(target.i + delta);
    }
  }
  if (target.kind == Value::Kind::kBlock && (m == "invoke" || m == "invokereturnasis"))
    return collapse(call_block(target, args, nullptr));
  fail(n,
       "Method invocation failed because [" + type_name(target) +
           "] does not contain a method named '" + n.text + "'.",
       "InvalidOperation: (:) [], RuntimeException",
       "System.Management.Automation.MethodException");
}

}  // namespace drsim::ps1
