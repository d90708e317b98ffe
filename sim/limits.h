// Limits shared by the schema's validation, the model, the event log and its readers, one
// constant each. The scenario schema (proto/scenario.proto) states the same numbers as field
// options; tests/test_limits.cpp checks that the two agree.
#pragma once

#include <cstddef>
#include <cstdint>

namespace drsim {

// A year as the schema counts it: 365 days.
inline constexpr int64_t kSecondsPerYear = 365 * 24 * 3600;
// The longest horizon a scenario may have, and so the longest any time in a run can be.
inline constexpr int64_t kMaxHorizonYears = 100;
inline constexpr int64_t kMaxHorizonSeconds = kMaxHorizonYears * kSecondsPerYear;

// The longest string field (a name, a note) a scenario may have, but its description: names
// and notes are copied into event-log records, whose size the log reader caps (64 KiB).
inline constexpr size_t kMaxStringBytes = 1024;

}  // namespace drsim
