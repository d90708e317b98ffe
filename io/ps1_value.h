// The values a rehearsed runbook computes with, and PowerShell's conversions between them:
// $null, booleans, numbers, strings, arrays, hashtables, objects (what a cmdlet returns:
// ordered properties and a type name), script blocks, and the simulated clock's DateTime
// and TimeSpan. Internal to the interpreter (io/runbook_interp.h).
//
// Conversions follow PowerShell: the left operand decides how a comparison converts the
// right one; string comparisons ignore case unless the operator is -c...; an array on the
// left of a comparison filters its elements; $null, 0, "" and an empty array are false.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace drsim::ps1 {

struct Node;
struct Prop;

struct Value {
  enum class Kind {
    kNull,
    kBool,
    kInt,
    kDouble,
    kString,
    kArray,
    kHash,
    kObject,
    kBlock,
    kDateTime,
    kTimeSpan
  };
  Kind kind = Kind::kNull;
  bool b = false;
  int64_t i = 0;  // kInt; kDateTime and kTimeSpan: microseconds of simulated time
  double d = 0;
  std::string s;                // kString; kObject: the type name
  std::vector<Value> items;     // kArray
  std::vector<Prop> props;      // kHash, kObject: in order
  const Node* block = nullptr;  // kBlock

  // Constructors (defined below the class: std::pair<std::string, Value> needs Value complete).
  static Value null();
  static Value boolean(bool v);
  static Value integer(int64_t v);
  static Value real(double v);
  static Value string(std::string v);
  static Value array(std::vector<Value> v);
  static Value object(std::string type);
  static Value hash();
  static Value date_time(int64_t us);
  static Value time_span(int64_t us);

  bool is_null() const { return kind == Kind::kNull; }
  bool is_number() const {
    return kind == Kind::kInt || kind == Kind::kDouble || kind == Kind::kBool;
  }
  // A property of an object or a key of a hashtable (case-insensitive); nullptr when absent.
  const Value* find(const std::string& name) const;
  Value* find(const std::string& name);
  void set(const std::string& name, Value v);
  Value& add(const std::string& name, Value v);
};

// A property of an object or a key of a hashtable. Its own type, not std::pair: pair's
// traits would need Value complete inside Value (clang refuses the cycle).
struct Prop {
  Prop(std::string name, Value v) : first(std::move(name)), second(std::move(v)) {}
  std::string first;
  Value second;
};

inline Value Value::null() { return Value(); }
inline Value Value::boolean(bool v) {
  Value x;
  x.kind = Kind::kBool;
  x.b = v;
  return x;
}
inline Value Value::integer(int64_t v) {
  Value x;
  x.kind = Kind::kInt;
  x.i = v;
  return x;
}
inline Value Value::real(double v) {
  Value x;
  x.kind = Kind::kDouble;
  x.d = v;
  return x;
}
inline Value Value::string(std::string v) {
  Value x;
  x.kind = Kind::kString;
  x.s = std::move(v);
  return x;
}
inline Value Value::array(std::vector<Value> v) {
  Value x;
  x.kind = Kind::kArray;
  x.items = std::move(v);
  return x;
}
inline Value Value::object(std::string type) {
  Value x;
  x.kind = Kind::kObject;
  x.s = std::move(type);
  return x;
}
inline Value Value::hash() {
  Value x;
  x.kind = Kind::kHash;
  return x;
}
inline Value Value::date_time(int64_t us) {
  Value x;
  x.kind = Kind::kDateTime;
  x.i = us;
  return x;
}
inline Value Value::time_span(int64_t us) {
  Value x;
  x.kind = Kind::kTimeSpan;
  x.i = us;
  return x;
}
inline Value& Value::add(const std::string& name, Value v) {
  props.emplace_back(name, std::move(v));
  return props.back().second;
}

// PowerShell's string conversion ($true -> "True", arrays joined by spaces, 2.5 -> "2.5").
std::string to_string(const Value& v);
// PowerShell's boolean conversion (if, while, -not, -and ...).
bool truthy(const Value& v);
// A number from a value; false when it does not convert ("abc", an object).
bool to_number(const Value& v, double* out);
// The literal of a number as written (12, 2.5, 0x1F, 5mb); false when it is not one.
bool parse_number(const std::string& text, Value* out);
// PowerShell's -eq between two scalars, the right converted to the left's type.
bool equals(const Value& a, const Value& b, bool case_sensitive);
// -lt/-gt ordering: negative, zero or positive; false when they do not compare.
bool compare(const Value& a, const Value& b, bool case_sensitive, int* out);
// -like with * ? and [] wildcards.
bool like(const std::string& text, const std::string& pattern, bool case_sensitive);
// The value as a flat list: an array's items, $null as none, anything else as one.
std::vector<Value> enumerate(const Value& v);
// Pipeline output as one value: none -> $null, one -> itself, more -> an array.
Value collapse(std::vector<Value> out);
// The size of a value: its items and properties, counted through nested ones; stops
// counting past `limit` (so that a value that doubled on every line costs `limit` to measure).
size_t weight(const Value& v, size_t limit);
// A double as an integer: rounded toward zero, NaN as 0, clamped to +-2^53 (a cast of a
// larger double is undefined behaviour; no runbook number is that large).
int64_t clamp_int(double x);
// The simulated clock as drsim shows it ("d+0 10:25:00"); a TimeSpan as PowerShell does
// ("00:15:00").
std::string format_time(const Value& v);

}  // namespace drsim::ps1
