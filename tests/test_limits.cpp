// One constant per limit: the numbers the scenario schema states as field options
// (proto/scenario.proto) are the constants the code uses (sim/limits.h), so that changing
// one without the other fails here.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "log/log_file.h"
#include "log/record_limits.h"
#include "proto/options.pb.h"
#include "proto/scenario.pb.h"
#include "sim/limits.h"

using namespace drsim;
namespace pb = google::protobuf;

namespace {
double schema_max(const pb::Descriptor* message, const std::string& field) {
  const pb::FieldDescriptor* f = message->FindFieldByName(field);
  REQUIRE(f != nullptr);
  REQUIRE(f->options().HasExtension(options::max));
  return f->options().GetExtension(options::max);
}

// Every (message, field) reachable from Scenario whose schema maximum is `value`.
void fields_with_max(const pb::Descriptor* m, double value, std::set<std::string>* seen,
                     int* count) {
  if (!seen->insert(m->full_name()).second) return;
  for (int i = 0; i < m->field_count(); ++i) {
    const pb::FieldDescriptor* f = m->field(i);
    if (f->options().HasExtension(options::max) && f->options().GetExtension(options::max) == value)
      ++*count;
    if (f->message_type() != nullptr) fields_with_max(f->message_type(), value, seen, count);
  }
}
}  // namespace

TEST_CASE("limits: the schema's longest horizon is kMaxHorizonSeconds, 100 years of 365 days",
          "[limits]") {
  CHECK(schema_max(scenario::Scenario::descriptor(), "horizon_s") ==
        static_cast<double>(kMaxHorizonSeconds));
  CHECK(kMaxHorizonSeconds == int64_t{100} * 365 * 86400);
  // The log's times in seconds may reach twice the horizon (an RPO reaching back before it).
  CHECK(kLogMaxSeconds == 2.0 * static_cast<double>(kMaxHorizonSeconds));
}

TEST_CASE("limits: every schema field capped at a horizon or a year uses the one constant for it",
          "[limits]") {
  // Instants and distribution means are capped at the longest horizon, intervals and
  // durations at a year: a field with a stray number (one year of 365.25 days, say) would
  // be neither, and this count would change.
  int horizons = 0, years = 0;
  std::set<std::string> seen_h, seen_y;
  fields_with_max(scenario::Scenario::descriptor(), static_cast<double>(kMaxHorizonSeconds),
                  &seen_h, &horizons);
  fields_with_max(scenario::Scenario::descriptor(), static_cast<double>(kSecondsPerYear), &seen_y,
                  &years);
  CHECK(horizons >= 10);
  CHECK(years ==
        4);  // a data backup interval; failback_after_s; a maintenance window's duration and period
}

TEST_CASE("limits: names and notes are capped far below what one log record may hold", "[limits]") {
  // A record carries at most a few names and notes; the reader refuses a record past 64 KiB.
  CHECK(kMaxStringBytes * 8 < kMaxLogRecordBytes);
}
