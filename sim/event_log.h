// The event log the model writes: every state change and every action as a record
// (time, sequence, kind, subject, fields), in the order it happened.
//
// Records are the generated drsim::log::Record type (proto/eventlog.proto), so what the
// model writes is exactly what files, analysis and the visualiser read. A disabled log
// (Monte Carlo sweeps) costs one branch per would-be record: callers test enabled() before
// building fields. The log holds at most max_records records: past that it is full(), keeps
// nothing more, and the model stops the run (the scenario's max_log_records).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "log/record_limits.h"
#include "log/record_schema.h"
#include "proto/eventlog.pb.h"
#include "sim/time.h"

namespace drsim {

// Adds fields to a record just appended; chains: log.append(...).i("users", 10).s("mode", "x").
// Every key must be declared for the record's kind with that type (log/record_kinds.h):
// i() for Int fields, d() and secs() for Number fields, s() for Text fields. Anything else
// is a programmer error and stops the run with a message naming the kind and the key.
class RecordBuilder {
 public:
  RecordBuilder(log::Record* record, const rec::KindSpec* kind) : record_(record), kind_(kind) {}
  RecordBuilder& i(std::string_view key, int64_t value);
  RecordBuilder& d(std::string_view key, double value);
  RecordBuilder& s(std::string_view key, std::string_view value);
  // A duration or instant, stored as integer seconds with a key ending in _s.
  RecordBuilder& secs(std::string_view key, Duration value) { return d(key, value.seconds_f()); }

 private:
  log::Field* add(std::string_view key, rec::FieldType type);
  log::Record* record_;
  const rec::KindSpec* kind_;
};

class EventLog {
 public:
  explicit EventLog(bool enabled = true, size_t max_records = SIZE_MAX)
      : enabled_(enabled), max_records_(max_records) {}

  bool enabled() const { return enabled_; }
  // Appends a record; its sequence number is its position in the log. Records must be
  // appended in non-decreasing time, and of a kind declared in log/record_kinds.h (checked). Once
  // max_records are held the log is full: further records are built in a scratch record and
  // dropped.
  RecordBuilder append(Instant time, std::string_view kind, std::string_view subject);
  bool is_full() const { return is_full_; }
  size_t max_records() const { return max_records_; }

  const std::vector<log::Record>& records() const { return records_; }
  std::vector<log::Record>& mutable_records() { return records_; }
  size_t size() const { return records_.size(); }

 private:
  bool enabled_;
  size_t max_records_;
  bool is_full_ = false;
  std::vector<log::Record> records_;
  log::Record scratch_;  // where records past max_records_ are built and dropped
};

}  // namespace drsim
