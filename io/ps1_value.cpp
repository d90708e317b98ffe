// PowerShell's conversions between runbook values; see ps1_value.h.
#include "io/ps1_value.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "io/ps1_parser.h"
#include "sim/time.h"

namespace drsim::ps1 {

const Value* Value::find(const std::string& name) const {
  const std::string key = lower(name);
  for (const auto& [k, v] : props)
    if (lower(k) == key) return &v;
  return nullptr;
}

Value* Value::find(const std::string& name) {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(name));
}

void Value::set(const std::string& name, Value v) {
  if (Value* p = find(name))
    *p = std::move(v);
  else
    add(name, std::move(v));
}

std::string format_time(const Value& v) {
  if (v.kind == Value::Kind::kDateTime) {
    const std::string t = format_instant(Instant::from_us(v.i));
    return t.substr(0, t.size() - 4);
  }
  const int64_t s = std::llabs(v.i) / 1000000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%02lld:%02lld:%02lld", v.i < 0 ? "-" : "",
                static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60),
                static_cast<long long>(s % 60));
  return buf;
}

std::string to_string(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return "";
    case Value::Kind::kBool:
      return v.b ? "True" : "False";
    case Value::Kind::kInt:
      return std::to_string(v.i);
    case Value::Kind::kDouble: {
      if (std::isfinite(v.d) && v.d == std::floor(v.d) && std::fabs(v.d) < 1e15)
        return std::to_string(static_cast<int64_t>(v.d));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", v.d);
      return buf;
    }
    case Value::Kind::kString:
      return v.s;
    case Value::Kind::kArray: {
      std::string out;
      for (size_t k = 0; k < v.items.size(); ++k) out += (k > 0 ? " " : "") + to_string(v.items[k]);
      return out;
    }
    case Value::Kind::kHash:
      return "System.Collections.Hashtable";
    case Value::Kind::kObject: {
      // A cmdlet's object shows as its identity, as PowerShell's ToString() of most of them.
      for (const char* key : {"Identity", "PoolFqdn", "Fqdn", "Name"})
        if (const Value* p = v.find(key)) return to_string(*p);
      return v.s;
    }
    case Value::Kind::kBlock:
      return "{ ... }";
    case Value::Kind::kDateTime:
    case Value::Kind::kTimeSpan:
      return format_time(v);
  }
  return "";
}

bool truthy(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return false;
    case Value::Kind::kBool:
      return v.b;
    case Value::Kind::kInt:
      return v.i != 0;
    case Value::Kind::kDouble:
      return v.d != 0;
    case Value::Kind::kString:
      return !v.s.empty();
    case Value::Kind::kArray:
      return v.items.size() > 1 || (v.items.size() == 1 && truthy(v.items[0]));
    default:
      return true;
  }
}

bool parse_number(const std::string& text, Value* out) {
  if (text.empty()) return false;
  std::string t = lower(text);
  double scale = 1;
  static const std::pair<const char*, double> suffixes[] = {
      {"kb", 1024.0}, {"mb", 1048576.0}, {"gb", 1073741824.0}, {"tb", 1099511627776.0}};
  for (const auto& [suf, mul] : suffixes)
    if (t.size() > 2 && t.compare(t.size() - 2, 2, suf) == 0) {
      scale = mul;
      t.resize(t.size() - 2);
    }
  if (!t.empty() && (t.back() == 'l' || t.back() == 'd') && t.rfind("0x", 0) != 0) t.pop_back();
  if (t.empty()) return false;
  char* end = nullptr;
  if (t.rfind("0x", 0) == 0) {
    const long long x = std::strtoll(t.c_str() + 2, &end, 16);
    if (*end != '\0' || t.size() == 2) return false;
    *out = Value::integer(x);
    return true;
  }
  const bool integral = t.find_first_of(".e") == std::string::npos;
  const double x = std::strtod(t.c_str(), &end);
  if (end == nullptr || *end != '\0' || !std::isfinite(x)) return false;
  const double scaled = x * scale;
  if (integral && std::fabs(scaled) < 9.0e15)
    *out = Value::integer(static_cast<int64_t>(scaled));
  else
    *out = Value::real(scaled);
  return true;
}

bool to_number(const Value& v, double* out) {
  switch (v.kind) {
    case Value::Kind::kNull:
      *out = 0;
      return true;
    case Value::Kind::kBool:
      *out = v.b ? 1 : 0;
      return true;
    case Value::Kind::kInt:
      *out = static_cast<double>(v.i);
      return true;
    case Value::Kind::kDouble:
      *out = v.d;
      return true;
    case Value::Kind::kString: {
      std::string t = v.s;
      while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
      const size_t first = t.find_first_not_of(" \t\r\n");
      if (first == std::string::npos) {
        *out = 0;
        return true;
      }
      Value n;
      if (!parse_number(t.substr(first), &n)) return false;
      *out = n.kind == Value::Kind::kInt ? static_cast<double>(n.i) : n.d;
      return true;
    }
    case Value::Kind::kDateTime:
    case Value::Kind::kTimeSpan:
      *out = static_cast<double>(v.i);
      return true;
    default:
      return false;
  }
}

bool equals(const Value& a, const Value& b, bool case_sensitive) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (a.kind == Value::Kind::kBool) return a.b == truthy(b);
  if (a.kind == Value::Kind::kInt || a.kind == Value::Kind::kDouble) {
    double x = 0, y = 0;
    return to_number(a, &x) && to_number(b, &y) && x == y;
  }
  if (a.kind == Value::Kind::kDateTime || a.kind == Value::Kind::kTimeSpan)
    return b.kind == a.kind && a.i == b.i;
  if (a.kind == Value::Kind::kString || b.kind == Value::Kind::kString) {
    const std::string x = to_string(a), y = to_string(b);
    return case_sensitive ? x == y : lower(x) == lower(y);
  }
  return &a == &b;  // objects: the same reference only
}

bool compare(const Value& a, const Value& b, bool case_sensitive, int* out) {
  double x = 0, y = 0;
  if ((a.is_number() || a.kind == Value::Kind::kDateTime || a.kind == Value::Kind::kTimeSpan ||
       a.is_null()) &&
      to_number(a, &x) && to_number(b, &y)) {
    *out = x < y ? -1 : x > y ? 1 : 0;
    return true;
  }
  if (a.kind == Value::Kind::kString) {
    const std::string p = case_sensitive ? a.s : lower(a.s),
                      q = case_sensitive ? to_string(b) : lower(to_string(b));
    *out = p < q ? -1 : p > q ? 1 : 0;
    return true;
  }
  return false;
}

bool like(const std::string& text, const std::string& pattern, bool case_sensitive) {
  const std::string t = case_sensitive ? text : lower(text),
                    p = case_sensitive ? pattern : lower(pattern);
  // Iterative wildcard match with backtracking on the last '*'.
  size_t ti = 0, pi = 0, star = std::string::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '[') {
      const size_t close = p.find(']', pi);
      if (close != std::string::npos) {
        const std::string set = p.substr(pi + 1, close - pi - 1);
        bool hit = false;
        for (size_t k = 0; k < set.size(); ++k) {
          if (k + 2 < set.size() && set[k + 1] == '-') {
            hit |= t[ti] >= set[k] && t[ti] <= set[k + 2];
            k += 2;
          } else {
            hit |= t[ti] == set[k];
          }
        }
        if (hit) {
          ++ti;
          pi = close + 1;
          continue;
        }
      }
    } else if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) {
      ++ti;
      ++pi;
      continue;
    }
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
      continue;
    }
    if (star == std::string::npos) return false;
    pi = star + 1;
    ti = ++mark;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

int64_t clamp_int(double x) {
  constexpr double kMax = 9007199254740992.0;  // 2^53
  if (!(x == x)) return 0;
  return static_cast<int64_t>(std::max(-kMax, std::min(kMax, x)));
}

size_t weight(const Value& v, size_t limit) {
  size_t w = 1 + v.s.size() / 64;
  for (const Value& x : v.items) {
    if (w > limit) return w;
    w += weight(x, limit - w);
  }
  for (const auto& [k, x] : v.props) {
    if (w > limit) return w;
    w += weight(x, limit - w);
  }
  return w;
}

std::vector<Value> enumerate(const Value& v) {
  if (v.kind == Value::Kind::kArray) return v.items;
  if (v.is_null()) return {};
  return {v};
}

Value collapse(std::vector<Value> out) {
  if (out.empty()) return Value::null();
  if (out.size() == 1) return std::move(out[0]);
  return Value::array(std::move(out));
}

}  // namespace drsim::ps1
