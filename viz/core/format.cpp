// Formatting for the visualiser; see format.h.
#include "viz/core/format.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "sim/time.h"

namespace drsim::viz {

std::string format_seconds(double s) {
  return format_duration(Duration::micros(static_cast<int64_t>(std::llround(s * 1e6))));
}

std::string format_clock(int64_t t_us, int64_t step_us) {
  const bool negative = t_us < 0;
  const int64_t a = negative ? -t_us : t_us;
  const int64_t day = a / 86'400'000'000;
  const int64_t in_day = a % 86'400'000'000;
  const int64_t h = in_day / 3'600'000'000, m = in_day / 60'000'000 % 60;
  const int64_t s = in_day / 1'000'000 % 60, ms = in_day / 1000 % 1000;
  char buf[48];
  if (step_us < 1'000'000) {
    std::snprintf(buf, sizeof buf, "%02" PRId64 ":%02" PRId64 ":%02" PRId64 ".%03" PRId64, h, m, s,
                  ms);
  } else if (step_us < 60'000'000) {
    std::snprintf(buf, sizeof buf, "%02" PRId64 ":%02" PRId64 ":%02" PRId64, h, m, s);
  } else {
    std::snprintf(buf, sizeof buf, "%02" PRId64 ":%02" PRId64, h, m);
  }
  std::string out = buf;
  if (day > 0 || negative) out = (negative ? "d-" : "d+") + std::to_string(day) + " " + out;
  return out;
}

}  // namespace drsim::viz
