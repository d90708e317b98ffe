// The in-memory event log; see event_log.h.
#include "sim/event_log.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/check.h"

namespace drsim {

namespace {
[[noreturn]] void undeclared(const char* what, std::string_view kind, std::string_view key,
                             const char* detail) {
  std::fprintf(stderr, "drsim: the model wrote %s '%.*s'%s%.*s%s\n", what,
               static_cast<int>(kind.size()), kind.data(), key.empty() ? "" : ", field ",
               static_cast<int>(key.size()), key.data(), detail);
  DRSIM_CHECK(false,
              "every record kind and field is declared in log/record_kinds.h: declare it there");
  std::abort();
}
}  // namespace

log::Field* RecordBuilder::add(std::string_view key, rec::FieldType type) {
  const rec::FieldSpec* spec = kind_->field(key);
  if (spec == nullptr) [[unlikely]]
    undeclared("a record", kind_->name, key, " that its kind does not declare");
  if (spec->type != type) [[unlikely]]
    undeclared("a record", kind_->name, key, " of another type than declared");
  log::Field* f = record_->add_fields();
  f->set_key(std::string(key));
  return f;
}

RecordBuilder& RecordBuilder::i(std::string_view key, int64_t value) {
  log::Field* f = add(key, rec::FieldType::kInt);
  f->set_int_value(value);
  DRSIM_CHECK(log_field_problem(*f).empty(),
              "the model wrote a value the event log's readers refuse");
  return *this;
}

RecordBuilder& RecordBuilder::d(std::string_view key, double value) {
  log::Field* f = add(key, rec::FieldType::kNumber);
  f->set_double_value(value);
  DRSIM_CHECK(log_field_problem(*f).empty(),
              "the model wrote a value the event log's readers refuse");
  return *this;
}

RecordBuilder& RecordBuilder::s(std::string_view key, std::string_view value) {
  log::Field* f = add(key, rec::FieldType::kText);
  f->set_string_value(std::string(value));
  return *this;
}

RecordBuilder EventLog::append(Instant time, std::string_view kind, std::string_view subject) {
  DRSIM_CHECK(enabled_, "append on a disabled event log: test enabled() first");
  DRSIM_CHECK(records_.empty() || records_.back().time_us() <= time.us(),
              "event log records must be appended in time order");
  const rec::KindSpec* spec = rec::find_kind(kind);
  if (spec == nullptr) [[unlikely]]
    undeclared("a record of the undeclared kind", kind, "", "");
  if (records_.size() >= max_records_) [[unlikely]] {
    is_full_ = true;
    scratch_.Clear();
    return RecordBuilder(&scratch_, spec);
  }
  log::Record& r = records_.emplace_back();
  r.set_time_us(time.us());
  r.set_seq(records_.size() - 1);
  r.set_kind(std::string(kind));
  r.set_subject(std::string(subject));
  return RecordBuilder(&r, spec);
}

}  // namespace drsim
