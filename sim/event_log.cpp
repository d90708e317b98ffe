// The in-memory event log; see event_log.h.
#include "sim/event_log.h"

#include <string>

#include "sim/check.h"

namespace drsim {

RecordBuilder& RecordBuilder::i(std::string_view key, int64_t value) {
  log::Field* f = record_->add_fields();
  f->set_key(std::string(key));
  f->set_int_value(value);
  return *this;
}

RecordBuilder& RecordBuilder::d(std::string_view key, double value) {
  log::Field* f = record_->add_fields();
  f->set_key(std::string(key));
  f->set_double_value(value);
  return *this;
}

RecordBuilder& RecordBuilder::s(std::string_view key, std::string_view value) {
  log::Field* f = record_->add_fields();
  f->set_key(std::string(key));
  f->set_string_value(std::string(value));
  return *this;
}

RecordBuilder EventLog::append(Instant time, std::string_view kind, std::string_view subject) {
  DRSIM_CHECK(enabled_, "append on a disabled event log: test enabled() first");
  DRSIM_CHECK(records_.empty() || records_.back().time_us() <= time.us(),
              "event log records must be appended in time order");
  if (records_.size() >= max_records_) [[unlikely]] {
    is_full_ = true;
    scratch_.Clear();
    return RecordBuilder(&scratch_);
  }
  log::Record& r = records_.emplace_back();
  r.set_time_us(time.us());
  r.set_seq(records_.size() - 1);
  r.set_kind(std::string(kind));
  r.set_subject(std::string(subject));
  return RecordBuilder(&r);
}

double field_number(const log::Record& record, std::string_view key, double fallback) {
  const log::Field* f = find_field(record, key);
  if (f == nullptr) return fallback;
  if (f->has_double_value()) return f->double_value();
  if (f->has_int_value()) return static_cast<double>(f->int_value());
  return fallback;
}

const std::string& field_text(const log::Record& record, std::string_view key) {
  static const std::string kEmpty;
  const log::Field* f = find_field(record, key);
  return f != nullptr && f->has_string_value() ? f->string_value() : kEmpty;
}

const log::Field* find_field(const log::Record& record, std::string_view key) {
  for (const log::Field& f : record.fields()) {
    if (f.key() == key) return &f;
  }
  return nullptr;
}

}  // namespace drsim
