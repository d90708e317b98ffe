// The JSON walk shared by the readers of drsim's outputs; see json_walk.h.
#include "analysis/json_walk.h"

#include <google/protobuf/util/json_util.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "io/errors.h"

namespace drsim {

namespace pb = google::protobuf;

namespace {

// Integers above 2^53 do not survive protobuf's doubles: they are read again from the text.
constexpr double kExactIntegerMax = 9007199254740992.0;

std::string json_text(double d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

}  // namespace

pb::Value parse_json_document(const std::string& text, const std::string& path) {
  if (auto err = json_syntax_error(text)) {
    throw InputError(
        {{path, err->first.line, err->first.column, false, "", "malformed JSON: " + err->second}});
  }
  pb::Value root;
  const auto status = pb::util::JsonStringToMessage(text, &root);
  if (!status.ok())
    throw InputError(
        {{path, 1, 1, false, "", "cannot read the JSON: " + std::string(status.message())}});
  return root;
}

const char* json_kind_name(const pb::Value& v) {
  switch (v.kind_case()) {
    case pb::Value::kNullValue:
      return "null";
    case pb::Value::kNumberValue:
      return "a number";
    case pb::Value::kStringValue:
      return "a string";
    case pb::Value::kBoolValue:
      return "true or false";
    case pb::Value::kStructValue:
      return "an object";
    case pb::Value::kListValue:
      return "an array";
    default:
      return "nothing";
  }
}

void JsonWalker::fail(const std::string& message) const {
  const TextPosition p = json_locate(text_, steps_);
  throw InputError({{path_, p.line, p.column, false, field_name(), message}});
}

const pb::Value& JsonWalker::member(const pb::Struct& object, const std::string& key) const {
  const auto it = object.fields().find(key);
  if (it == object.fields().end()) fail("missing key \"" + key + "\"");
  return it->second;
}

const pb::Struct& JsonWalker::as_object(const pb::Value& v) const {
  if (v.kind_case() != pb::Value::kStructValue)
    fail(std::string("expected an object, got ") + json_kind_name(v));
  return v.struct_value();
}

const pb::ListValue& JsonWalker::as_array(const pb::Value& v) const {
  if (v.kind_case() != pb::Value::kListValue)
    fail(std::string("expected an array, got ") + json_kind_name(v));
  return v.list_value();
}

double JsonWalker::any_number(const pb::Value& v) const {
  if (v.kind_case() != pb::Value::kNumberValue)
    fail(std::string("expected a number, got ") + json_kind_name(v));
  return v.number_value();
}

double JsonWalker::as_number(const pb::Value& v) const {
  const double d = any_number(v);
  if (!(std::fabs(d) <= kMaxValue))
    fail("expected a number between -1e12 and 1e12, got " + json_text(d));
  return d;
}

std::optional<double> JsonWalker::as_optional_number(const pb::Value& v) const {
  if (v.kind_case() == pb::Value::kNullValue) return std::nullopt;
  return as_number(v);
}

uint64_t JsonWalker::as_count(const pb::Value& v) const {
  const double d = any_number(v);
  if (!(d >= 0) || d != std::floor(d) || d > 18446744073709551615.0)
    fail("expected a whole number of 0 or more, got " + json_text(d));
  if (d < kExactIntegerMax) return static_cast<uint64_t>(d);
  return exact_integer();
}

int64_t JsonWalker::as_integer(const pb::Value& v) const {
  const double d = as_number(v);
  if (d != std::floor(d))
    fail("expected a whole number between -1e12 and 1e12, got " + json_text(d));
  return static_cast<int64_t>(d);
}

std::optional<uint64_t> JsonWalker::as_optional_count(const pb::Value& v) const {
  if (v.kind_case() == pb::Value::kNullValue) return std::nullopt;
  return as_count(v);
}

const std::string& JsonWalker::as_string(const pb::Value& v) const {
  if (v.kind_case() != pb::Value::kStringValue)
    fail(std::string("expected a string, got ") + json_kind_name(v));
  return v.string_value();
}

bool JsonWalker::as_bool(const pb::Value& v) const {
  if (v.kind_case() != pb::Value::kBoolValue)
    fail(std::string("expected true or false, got ") + json_kind_name(v));
  return v.bool_value();
}

std::string JsonWalker::field_name() const {
  std::string out;
  for (const JsonStep& s : steps_) {
    if (!out.empty()) out += ".";
    out += s.name;
    if (s.index >= 0) out += "[" + std::to_string(s.index) + "]";
  }
  return out;
}

// The whole number at the current path, from the text itself.
uint64_t JsonWalker::exact_integer() const {
  const TextPosition p = json_locate(text_, steps_);
  size_t offset = 0;
  for (int line = 1; line < p.line; ++line) offset = text_.find('\n', offset) + 1;
  offset += static_cast<size_t>(p.column - 1);
  const char* begin = text_.c_str() + offset;
  char* end = nullptr;
  errno = 0;
  const unsigned long long n = std::strtoull(begin, &end, 10);
  if (end == begin || errno != 0 || *end == '.' || *end == 'e' || *end == 'E')
    fail("expected a whole number below 2^64");
  return static_cast<uint64_t>(n);
}

}  // namespace drsim
