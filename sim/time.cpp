// Formatting of simulated time for people; see time.h.
#include "sim/time.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>

namespace drsim {

std::string format_duration(Duration d) {
  const bool negative = d.us() < 0;
  // Work on the magnitude; -INT64_MIN cannot happen for durations built from scenario limits.
  const int64_t us = negative ? -d.us() : d.us();
  const int64_t total_s = us / 1'000'000;
  const int64_t days = total_s / 86400;
  const int64_t hours = (total_s % 86400) / 3600;
  const int64_t minutes = (total_s % 3600) / 60;
  const int64_t seconds = total_s % 60;
  char buf[64];
  if (days > 0) {
    std::snprintf(buf, sizeof buf, "%" PRId64 "d %02" PRId64 "h %02" PRId64 "m", days, hours,
                  minutes);
  } else if (hours > 0) {
    std::snprintf(buf, sizeof buf, "%" PRId64 "h %02" PRId64 "m %02" PRId64 "s", hours, minutes,
                  seconds);
  } else if (minutes > 0) {
    std::snprintf(buf, sizeof buf, "%" PRId64 "m %02" PRId64 "s", minutes, seconds);
  } else if (us % 1'000'000 != 0) {
    std::snprintf(buf, sizeof buf, "%" PRId64 ".%03" PRId64 "s", seconds, (us % 1'000'000) / 1000);
  } else {
    std::snprintf(buf, sizeof buf, "%" PRId64 "s", seconds);
  }
  return negative ? "-" + std::string(buf) : std::string(buf);
}

std::string format_instant(Instant t) {
  const int64_t us = t.us();
  const int64_t total_ms = us / 1000;
  const int64_t days = total_ms / 86'400'000;
  const int64_t ms_of_day = total_ms % 86'400'000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "d+%" PRId64 " %02" PRId64 ":%02" PRId64 ":%02" PRId64 ".%03" PRId64,
                days, ms_of_day / 3'600'000, (ms_of_day / 60'000) % 60, (ms_of_day / 1000) % 60,
                ms_of_day % 1000);
  return buf;
}

}  // namespace drsim
