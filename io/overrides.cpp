// Scenario overrides by path; see overrides.h.
#include "io/overrides.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <cerrno>
#include <cstdlib>

#include "io/errors.h"
#include "sim/validate.h"

namespace drsim {

namespace pb = google::protobuf;

namespace {

[[noreturn]] void fail(const std::string& assignment, const std::string& why) {
  throw InputError("--set " + assignment, why);
}

// The name an element of a repeated message goes by: its fqdn or name field.
std::string element_name(const pb::Message& m) {
  const pb::Descriptor* d = m.GetDescriptor();
  for (const char* key : {"fqdn", "name"}) {
    if (const pb::FieldDescriptor* f = d->FindFieldByName(key);
        f != nullptr && f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING && !f->is_repeated())
      return m.GetReflection()->GetString(m, f);
  }
  return "";
}

void set_scalar(pb::Message* m, const pb::FieldDescriptor* f, const std::string& v,
                const std::string& assignment) {
  const pb::Reflection* r = m->GetReflection();
  char* end = nullptr;
  errno = 0;
  auto number_ok = [&]() { return end != v.c_str() && *end == '\0' && errno == 0; };
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32: {
      const long long x = std::strtoll(v.c_str(), &end, 10);
      if (!number_ok() || x < INT32_MIN || x > INT32_MAX)
        fail(assignment, "'" + v + "' is not a 32-bit integer");
      r->SetInt32(m, f, static_cast<int32_t>(x));
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_INT64: {
      const long long x = std::strtoll(v.c_str(), &end, 10);
      if (!number_ok()) fail(assignment, "'" + v + "' is not an integer");
      r->SetInt64(m, f, x);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_UINT32:
    case pb::FieldDescriptor::CPPTYPE_UINT64: {
      if (!v.empty() && v[0] == '-') fail(assignment, "'" + v + "' must not be negative");
      const unsigned long long x = std::strtoull(v.c_str(), &end, 10);
      if (!number_ok()) fail(assignment, "'" + v + "' is not a non-negative integer");
      if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_UINT32) {
        if (x > UINT32_MAX) fail(assignment, "'" + v + "' is too large");
        r->SetUInt32(m, f, static_cast<uint32_t>(x));
      } else {
        r->SetUInt64(m, f, x);
      }
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
    case pb::FieldDescriptor::CPPTYPE_FLOAT: {
      const double x = std::strtod(v.c_str(), &end);
      if (!number_ok()) fail(assignment, "'" + v + "' is not a number");
      if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_DOUBLE)
        r->SetDouble(m, f, x);
      else
        r->SetFloat(m, f, static_cast<float>(x));
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      if (v != "true" && v != "false") fail(assignment, "'" + v + "' is not true or false");
      r->SetBool(m, f, v == "true");
      break;
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      const pb::EnumValueDescriptor* e = f->enum_type()->FindValueByName(v);
      if (e == nullptr || e->number() == 0) {
        std::string names;
        for (int i = 1; i < f->enum_type()->value_count(); ++i)
          names += (i > 1 ? ", " : "") + f->enum_type()->value(i)->name();
        fail(assignment, "'" + v + "' is not one of " + names);
      }
      r->SetEnum(m, f, e);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_STRING:
      r->SetString(m, f, v);
      break;
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      fail(assignment, "'" + f->name() + "' is a message: set one of its fields");
  }
}

}  // namespace

void apply_override(scenario::Scenario& s, const std::string& assignment) {
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) fail(assignment, "expected path=value");
  const std::string path = assignment.substr(0, eq);
  const std::string value = assignment.substr(eq + 1);
  pb::Message* m = &s;
  size_t pos = 0;
  while (pos <= path.size()) {
    // The next dot outside brackets: element names (FQDNs) contain dots.
    size_t dot = pos;
    for (int depth = 0; dot < path.size(); ++dot) {
      if (path[dot] == '[') ++depth;
      if (path[dot] == ']') --depth;
      if (path[dot] == '.' && depth == 0) break;
    }
    if (dot == path.size()) dot = std::string::npos;
    std::string step = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    const bool last = dot == std::string::npos;
    std::string key;
    if (const size_t br = step.find('['); br != std::string::npos) {
      if (step.back() != ']') fail(assignment, "unclosed '[' in '" + step + "'");
      key = step.substr(br + 1, step.size() - br - 2);
      step = step.substr(0, br);
    }
    const pb::FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(step);
    if (f == nullptr)
      fail(assignment, "'" + step + "' is not a field of " + m->GetDescriptor()->name());
    const pb::Reflection* r = m->GetReflection();
    if (f->is_repeated()) {
      if (key.empty())
        fail(assignment, "'" + step + "' is a list: give an index or a name, as " + step + "[0]");
      if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE)
        fail(assignment, "lists of values cannot be set");
      const int n = r->FieldSize(*m, f);
      int index = -1;
      char* end = nullptr;
      errno = 0;
      const long long k = std::strtoll(key.c_str(), &end, 10);
      if (end != key.c_str() && *end == '\0') {
        // Checked before narrowing: [4294967296] must not wrap round to [0].
        if (errno != 0 || k < 0 || k >= n)
          fail(assignment, "'" + step + "[" + key + "]': index out of range: the list has " +
                               std::to_string(n) + " elements");
        index = static_cast<int>(k);
      } else {
        for (int i = 0; i < n; ++i)
          if (element_name(r->GetRepeatedMessage(*m, f, i)) == key) index = i;
      }
      if (index < 0 || index >= n)
        fail(assignment, "'" + step + "[" + key + "]' names no element (" + std::to_string(n) +
                             " in the list)");
      if (last) fail(assignment, "'" + step + "[" + key + "]' is a message: set one of its fields");
      m = r->MutableRepeatedMessage(m, f, index);
    } else if (!key.empty()) {
      fail(assignment, "'" + step + "' is not a list");
    } else if (last) {
      set_scalar(m, f, value, assignment);
      return;
    } else {
      if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE)
        fail(assignment, "'" + step + "' has no fields");
      m = r->MutableMessage(m, f);
    }
    pos = dot + 1;
  }
}

void apply_overrides(scenario::Scenario& s, const std::vector<std::string>& assignments) {
  for (const std::string& a : assignments) apply_override(s, a);
}

void validate_overridden(const scenario::Scenario& s, const std::string& origin) {
  std::vector<Diagnostic> errors;
  for (const Finding& f : validate_scenario(s))
    if (f.severity == Severity::kError)
      errors.push_back({origin + " (after --set)", 0, 0, false, path_to_string(f.path), f.message});
  if (!errors.empty()) throw InputError(std::move(errors));
}

}  // namespace drsim
