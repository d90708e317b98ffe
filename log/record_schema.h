// Typed access to event-log records, made from the declaration in record_kinds.h.
//
// Readers name kinds and fields through rec::<kind>::kind and rec::<kind>::<field>, never as
// string literals, so that a renamed or misspelt field fails to compile instead of silently
// reading 0 (issue 20). Writers (sim/event_log.h) are checked against the same table when
// they append, so that what is written and what is read cannot drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "log/record_kinds.h"
#include "proto/eventlog.pb.h"

namespace drsim::rec {

// How a field's value is stored: Int as int_value, Number as double_value, Text as
// string_value.
enum class FieldType : uint8_t { kInt, kNumber, kText };
const char* field_type_name(FieldType type);

// A record kind. Converts to the string the log stores, and compares with a record.
struct Kind {
  std::string_view name;
  constexpr operator std::string_view() const { return name; }
  bool is(const log::Record& r) const { return r.kind() == name; }
};

// A field key of one type; `get` below reads it.
template <FieldType T>
struct Key {
  std::string_view key;
  constexpr operator std::string_view() const { return key; }
};
using IntKey = Key<FieldType::kInt>;
using NumberKey = Key<FieldType::kNumber>;
using TextKey = Key<FieldType::kText>;

#define DRSIM_REC_KIND(id, name)    \
  namespace id {                    \
  inline constexpr Kind kind{name}; \
  }
#define DRSIM_REC_FIELD(id, field, Type, key)          \
  namespace id {                                       \
  inline constexpr Key<FieldType::k##Type> field{key}; \
  }
DRSIM_LOG_RECORDS(DRSIM_REC_KIND, DRSIM_REC_FIELD)
#undef DRSIM_REC_KIND
#undef DRSIM_REC_FIELD

// Looks up a field of a record by key; nullptr when absent.
const log::Field* find(const log::Record& r, std::string_view key);

// The field's value; `fallback` when the record lacks it. A Number field written as an
// integer (or an Int as a double) reads as its value: logs of older builds did so.
int64_t get(const log::Record& r, IntKey key, int64_t fallback = 0);
double get(const log::Record& r, NumberKey key, double fallback = 0);
// Empty when absent.
const std::string& get(const log::Record& r, TextKey key);
// An Int field as a double, for arithmetic that mixes it with Number fields.
double get_number(const log::Record& r, IntKey key, double fallback = 0);
bool has(const log::Record& r, std::string_view key);

// Reads by a key known only at run time (tests, tools): the key must be declared for the
// record's kind (checked: a misspelt key stops the program, naming the kind and the key,
// instead of reading 0). A number reads Int and Number fields alike.
double number(const log::Record& r, std::string_view key, double fallback = 0);
const std::string& text(const log::Record& r, std::string_view key);

// The table the declaration makes: every kind, and every field with its kind and type, in
// the order of record_kinds.h. Fields of one kind are adjacent.
struct FieldSpec {
  std::string_view kind;
  std::string_view key;
  FieldType type;
};
struct KindSpec {
  std::string_view name;
  std::span<const FieldSpec> fields;
  // The declared field with this key, or nullptr.
  const FieldSpec* field(std::string_view key) const;
};
std::span<const KindSpec> kinds();
// The kind declared under this name, or nullptr.
const KindSpec* find_kind(std::string_view name);

// Per data category, in the model's order (sim/model/state.h), the keys of an incident's
// closing record (incident.end and incident.open carry the same keys).
inline constexpr NumberKey kIncidentRpoKeys[] = {
    incident_end::rpo_user_data_s,     incident_end::rpo_conference_content_s,
    incident_end::rpo_cms_s,           incident_end::rpo_response_groups_s,
    incident_end::rpo_lis_s,           incident_end::rpo_call_park_s,
    incident_end::rpo_announcements_s, incident_end::rpo_monitoring_archiving_s};
inline constexpr IntKey kIncidentLostWritesKeys[] = {
    incident_end::lost_writes_user_data,     incident_end::lost_writes_conference_content,
    incident_end::lost_writes_cms,           incident_end::lost_writes_response_groups,
    incident_end::lost_writes_lis,           incident_end::lost_writes_call_park,
    incident_end::lost_writes_announcements, incident_end::lost_writes_monitoring_archiving};

// The same, per category, for the stranded data and the categories with no backup.
#define DRSIM_INCIDENT_CATEGORY_KEYS(prefix, suffix)                                           \
  {                                                                                            \
    incident_end::prefix##user_data##suffix, incident_end::prefix##conference_content##suffix, \
        incident_end::prefix##cms##suffix, incident_end::prefix##response_groups##suffix,      \
        incident_end::prefix##lis##suffix, incident_end::prefix##call_park##suffix,            \
        incident_end::prefix##announcements##suffix,                                           \
        incident_end::prefix##monitoring_archiving##suffix                                     \
  }
inline constexpr NumberKey kIncidentStrandedKeys[] = DRSIM_INCIDENT_CATEGORY_KEYS(stranded_, _s);
inline constexpr NumberKey kIncidentStrandedWritesKeys[] =
    DRSIM_INCIDENT_CATEGORY_KEYS(stranded_writes_, );
inline constexpr NumberKey kIncidentUnreachableKeys[] =
    DRSIM_INCIDENT_CATEGORY_KEYS(unreachable_, _s);
inline constexpr IntKey kIncidentStrandedOpenKeys[] =
    DRSIM_INCIDENT_CATEGORY_KEYS(stranded_open_, );
inline constexpr IntKey kIncidentNoBackupKeys[] = DRSIM_INCIDENT_CATEGORY_KEYS(no_backup_, );
#undef DRSIM_INCIDENT_CATEGORY_KEYS

// A pool.users record's keys per service level, best first (full, resiliency, voice only,
// signed out).
inline constexpr IntKey kPoolUsersKeys[] = {pool_users::full, pool_users::resiliency,
                                            pool_users::voice_only, pool_users::signed_out};

}  // namespace drsim::rec
