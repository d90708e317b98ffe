// Formatting of simulated time for people; see time.h.
#include "sim/time.h"

#include <cinttypes>
#include <cstdio>

namespace drsim {

namespace {
// |us| without overflow: -INT64_MIN does not fit in int64, but its magnitude fits in uint64.
uint64_t magnitude(int64_t us) {
  return us < 0 ? uint64_t{0} - static_cast<uint64_t>(us) : static_cast<uint64_t>(us);
}
}  // namespace

std::string format_duration(Duration d) {
  const bool negative = d.us() < 0;
  // Any int64 formats: a corrupt log or sweep file may hold values no scenario produces.
  const uint64_t us = magnitude(d.us());
  const uint64_t total_s = us / 1'000'000;
  const uint64_t days = total_s / 86400;
  const uint64_t hours = (total_s % 86400) / 3600;
  const uint64_t minutes = (total_s % 3600) / 60;
  const uint64_t seconds = total_s % 60;
  char buf[64];
  if (days > 0) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 "d %02" PRIu64 "h %02" PRIu64 "m", days, hours,
                  minutes);
  } else if (hours > 0) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 "h %02" PRIu64 "m %02" PRIu64 "s", hours, minutes,
                  seconds);
  } else if (minutes > 0) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 "m %02" PRIu64 "s", minutes, seconds);
  } else if (us % 1'000'000 != 0) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 ".%03" PRIu64 "s", seconds, (us % 1'000'000) / 1000);
  } else {
    std::snprintf(buf, sizeof buf, "%" PRIu64 "s", seconds);
  }
  return negative ? "-" + std::string(buf) : std::string(buf);
}

std::string format_instant(Instant t) {
  // Before the origin (only in corrupt inputs) the clock counts back: "-d+0 00:00:01.000".
  const uint64_t total_ms = magnitude(t.us()) / 1000;
  const uint64_t days = total_ms / 86'400'000;
  const uint64_t ms_of_day = total_ms % 86'400'000;
  char buf[64];
  std::snprintf(buf, sizeof buf,
                "%sd+%" PRIu64 " %02" PRIu64 ":%02" PRIu64 ":%02" PRIu64 ".%03" PRIu64,
                t.us() < 0 ? "-" : "", days, ms_of_day / 3'600'000, (ms_of_day / 60'000) % 60,
                (ms_of_day / 1000) % 60, ms_of_day % 1000);
  return buf;
}

}  // namespace drsim
