// The ranges of logged values; see record_limits.h.
#include "log/record_limits.h"

#include <cmath>
#include <string_view>

namespace drsim {

namespace {
bool is_seconds_key(const std::string& key) {
  auto ends_with = [&](std::string_view tail) {
    return key.size() >= tail.size() &&
           key.compare(key.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends_with("_s") && !ends_with("_per_s");
}
}  // namespace

std::string log_field_problem(const log::Field& f) {
  // Cheap when the value is in range: the model checks every field it writes.
  double magnitude = 0;
  if (f.has_int_value()) {
    const int64_t v = f.int_value();
    if (v > kLogMaxInteger || v < -kLogMaxInteger)
      return "the integer '" + f.key() + "' is beyond +-2^53";
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

}  // namespace drsim
