// The range of the values a record's fields may hold: what the model can write for any valid
// scenario (its limits, docs/scenarios.md), and what readers of a log may rely on, so that
// arithmetic on them stays far from overflow. The model checks every value it writes
// (sim/event_log.h) and the .drlog reader every value it reads (log/log_file.h).
#pragma once

#include <cstdint>
#include <string>

#include "proto/eventlog.pb.h"
#include "sim/limits.h"

namespace drsim {

// A field whose key ends in `_s` (not `_per_s`) is a time in seconds: an instant, a duration
// or an RPO, within twice the longest horizon.
inline constexpr int64_t kLogMaxInteger = int64_t{1} << 53;  // every int field; exact as a double
inline constexpr double kLogMaxValue = 1e18;                 // every double field, and finite
inline constexpr double kLogMaxSeconds = 2 * static_cast<double>(kMaxHorizonSeconds);
// Why a field's value breaks the ranges above ("the double value of 'x' is not finite"), or
// empty when it keeps them.
std::string log_field_problem(const log::Field& field);

}  // namespace drsim
