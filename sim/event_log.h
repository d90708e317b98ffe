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

#include "proto/eventlog.pb.h"
#include "sim/time.h"

namespace drsim {

// Adds fields to a record just appended; chains: log.append(...).i("users", 10).s("mode", "x").
class RecordBuilder {
 public:
  explicit RecordBuilder(log::Record* record) : record_(record) {}
  RecordBuilder& i(std::string_view key, int64_t value);
  RecordBuilder& d(std::string_view key, double value);
  RecordBuilder& s(std::string_view key, std::string_view value);
  // A duration or instant, stored as integer seconds with a key ending in _s.
  RecordBuilder& secs(std::string_view key, Duration value) { return d(key, value.seconds_f()); }

 private:
  log::Record* record_;
};

class EventLog {
 public:
  explicit EventLog(bool enabled = true, size_t max_records = SIZE_MAX)
      : enabled_(enabled), max_records_(max_records) {}

  bool enabled() const { return enabled_; }
  // Appends a record; its sequence number is its position in the log. Records must be
  // appended in non-decreasing time (checked). Once max_records are held the log is full:
  // further records are built in a scratch record and dropped.
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

// The range of the values a record's fields may hold: what the model can write for any valid
// scenario (its limits, docs/scenarios.md), and what readers of a log may rely on, so that
// arithmetic on them stays far from overflow. A field whose key ends in `_s` (not `_per_s`)
// is a time in seconds: an instant, a duration or an RPO, within twice the longest horizon.
inline constexpr int64_t kLogMaxInteger = int64_t{1} << 53;  // every int field; exact as a double
inline constexpr double kLogMaxValue = 1e18;                 // every double field, and finite
inline constexpr double kLogMaxSeconds = 2 * 3153600000.0;   // `_s` fields: twice 100 years
// Why a field's value breaks the ranges above ("the double value of 'x' is not finite"), or
// empty when it keeps them.
std::string log_field_problem(const log::Field& field);

// Looks up a field of a record by key; nullptr when absent.
const log::Field* find_field(const log::Record& record, std::string_view key);
// A numeric field (integer or double) as a double; `fallback` when absent or not numeric.
double field_number(const log::Record& record, std::string_view key, double fallback = 0);
// A string field; empty when absent or not a string.
const std::string& field_text(const log::Record& record, std::string_view key);

}  // namespace drsim
