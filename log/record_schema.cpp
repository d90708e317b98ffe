// The table of declared kinds and fields, and typed reads; see record_schema.h.
#include "log/record_schema.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "sim/check.h"

namespace drsim::rec {

namespace {

#define DRSIM_REC_NO_KIND(id, name)
#define DRSIM_REC_FIELD_SPEC(id, field, Type, key) \
  FieldSpec{id::kind.name, key, FieldType::k##Type},
constexpr FieldSpec kFields[] = {DRSIM_LOG_RECORDS(DRSIM_REC_NO_KIND, DRSIM_REC_FIELD_SPEC)};
#undef DRSIM_REC_FIELD_SPEC

#define DRSIM_REC_KIND_NAME(id, name) std::string_view{name},
#define DRSIM_REC_NO_FIELD(id, field, Type, key)
constexpr std::string_view kKindNames[] = {
    DRSIM_LOG_RECORDS(DRSIM_REC_KIND_NAME, DRSIM_REC_NO_FIELD)};
#undef DRSIM_REC_KIND_NAME
#undef DRSIM_REC_NO_FIELD
#undef DRSIM_REC_NO_KIND

// Kinds in declaration order, each with the adjacent run of its fields; and an index of them
// by name for the writer's check.
struct Table {
  std::vector<KindSpec> kinds;
  std::vector<const KindSpec*> by_name;
  Table() {
    for (std::string_view name : kKindNames) {
      const FieldSpec* first = std::find_if(std::begin(kFields), std::end(kFields),
                                            [&](const FieldSpec& f) { return f.kind == name; });
      const FieldSpec* last = std::find_if(first, std::end(kFields),
                                           [&](const FieldSpec& f) { return f.kind != name; });
      kinds.push_back({name, std::span<const FieldSpec>(first, last)});
    }
    for (const KindSpec& k : kinds) by_name.push_back(&k);
    std::sort(by_name.begin(), by_name.end(),
              [](const KindSpec* a, const KindSpec* b) { return a->name < b->name; });
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

const char* field_type_name(FieldType type) {
  switch (type) {
    case FieldType::kInt:
      return "Int";
    case FieldType::kNumber:
      return "Number";
    case FieldType::kText:
      return "Text";
  }
  return "?";
}

const FieldSpec* KindSpec::field(std::string_view key) const {
  for (const FieldSpec& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::span<const KindSpec> kinds() { return table().kinds; }

const KindSpec* find_kind(std::string_view name) {
  const auto& index = table().by_name;
  const auto it =
      std::lower_bound(index.begin(), index.end(), name,
                       [](const KindSpec* k, std::string_view n) { return k->name < n; });
  return it != index.end() && (*it)->name == name ? *it : nullptr;
}

const log::Field* find(const log::Record& r, std::string_view key) {
  for (const log::Field& f : r.fields()) {
    if (f.key() == key) return &f;
  }
  return nullptr;
}

bool has(const log::Record& r, std::string_view key) { return find(r, key) != nullptr; }

double get_number(const log::Record& r, IntKey key, double fallback) {
  const log::Field* f = find(r, key.key);
  if (f == nullptr) return fallback;
  if (f->has_double_value()) return f->double_value();
  if (f->has_int_value()) return static_cast<double>(f->int_value());
  return fallback;
}

int64_t get(const log::Record& r, IntKey key, int64_t fallback) {
  const log::Field* f = find(r, key.key);
  if (f == nullptr) return fallback;
  if (f->has_int_value()) return f->int_value();
  if (f->has_double_value()) return static_cast<int64_t>(f->double_value());
  return fallback;
}

double get(const log::Record& r, NumberKey key, double fallback) {
  const log::Field* f = find(r, key.key);
  if (f == nullptr) return fallback;
  if (f->has_double_value()) return f->double_value();
  if (f->has_int_value()) return static_cast<double>(f->int_value());
  return fallback;
}

const std::string& get(const log::Record& r, TextKey key) {
  static const std::string kEmpty;
  const log::Field* f = find(r, key.key);
  return f != nullptr && f->has_string_value() ? f->string_value() : kEmpty;
}

namespace {
void check_declared(const log::Record& r, std::string_view key) {
  const KindSpec* kind = find_kind(r.kind());
  if (kind != nullptr && kind->field(key) != nullptr) return;
  std::fprintf(stderr, "drsim: read the field '%.*s' of a '%s' record, which %s\n",
               static_cast<int>(key.size()), key.data(), r.kind().c_str(),
               kind == nullptr ? "is not a declared kind" : "its kind does not declare");
  DRSIM_CHECK(false,
              "read a record field under a name log/record_kinds.h does not declare for its kind");
}
}  // namespace

double number(const log::Record& r, std::string_view key, double fallback) {
  check_declared(r, key);
  return get(r, NumberKey{key}, fallback);
}

const std::string& text(const log::Record& r, std::string_view key) {
  check_declared(r, key);
  return get(r, TextKey{key});
}

}  // namespace drsim::rec
