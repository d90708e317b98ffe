// The in-memory event log; see event_log.h.
#include "sim/event_log.h"

#include <cmath>
#include <string>

#include "sim/check.h"

namespace drsim {

namespace {
bool is_seconds_key(const std::string& key) {
  auto ends_with = [&](std::string_view tail) {
    return key.size() >= tail.size() && key.compare(key.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends_with("_s") && !ends_with("_per_s");
}
}  // namespace

std::string log_field_problem(const log::Field& f) {
  // Cheap when the value is in range: the model checks every field it writes.
  double magnitude = 0;
  if (f.has_int_value()) {
    const int64_t v = f.int_value();
    if (v > kLogMaxInteger || v < -kLogMaxInteger) return "the integer '" + f.key() + "' is beyond +-2^53";
    magnitude = std::fabs(static_cast<double>(v));
  } else if (f.has_double_value()) {
    const double v = f.double_value();
    if (!std::isfinite(v)) return "the number '" + f.key() + "' is not finite";
    if (std::fabs(v) > kLogMaxValue) return "the number '" + f.key() + "' is beyond +-1e18";
    magnitude = std::fabs(v);
  }
  if (magnitude > kLogMaxSeconds && is_seconds_key(f.key()))
    return "the time in seconds '" + f.key() + "' is beyond +-200 years";
  return {};
}

RecordBuilder& RecordBuilder::i(std::string_view key, int64_t value) {
  log::Field* f = record_->add_fields();
  f->set_key(std::string(key));
  f->set_int_value(value);
  DRSIM_CHECK(log_field_problem(*f).empty(), "the model wrote a value the event log's readers refuse");
  return *this;
}

RecordBuilder& RecordBuilder::d(std::string_view key, double value) {
  log::Field* f = record_->add_fields();
  f->set_key(std::string(key));
  f->set_double_value(value);
  DRSIM_CHECK(log_field_problem(*f).empty(), "the model wrote a value the event log's readers refuse");
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
