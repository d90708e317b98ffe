// Simulated time: a 64-bit count of microseconds, with instants and durations kept apart.
//
// Instant is a point on the simulated clock (0 = the scenario's start); Duration is the
// distance between two instants. Only the operations that make sense compile: an instant
// plus a duration is an instant, two instants differ by a duration, two instants never add.
// No floating-point time exists in sim/; conversion to seconds for reports happens at the edge.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>

namespace drsim {

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration micros(int64_t us) { return Duration(us); }
  static constexpr Duration millis(int64_t ms) { return Duration(ms * 1000); }
  static constexpr Duration seconds(int64_t s) { return Duration(s * 1'000'000); }
  static constexpr Duration minutes(int64_t m) { return seconds(m * 60); }
  static constexpr Duration hours(int64_t h) { return seconds(h * 3600); }
  static constexpr Duration days(int64_t d) { return seconds(d * 86400); }
  static constexpr Duration zero() { return Duration(0); }
  static constexpr Duration max() { return Duration(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t us() const { return us_; }
  // Whole seconds, truncated toward zero; for display and integer reports.
  constexpr int64_t whole_seconds() const { return us_ / 1'000'000; }
  // Seconds as a double: only for reports and statistics, never for simulation logic.
  constexpr double seconds_f() const { return static_cast<double>(us_) / 1e6; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(us_ + o.us_); }
  constexpr Duration operator-(Duration o) const { return Duration(us_ - o.us_); }
  constexpr Duration operator*(int64_t k) const { return Duration(us_ * k); }
  constexpr Duration operator/(int64_t k) const { return Duration(us_ / k); }
  constexpr int64_t operator/(Duration o) const { return us_ / o.us_; }
  constexpr Duration operator%(Duration o) const { return Duration(us_ % o.us_); }
  constexpr Duration& operator+=(Duration o) {
    us_ += o.us_;
    return *this;
  }
  constexpr Duration& operator-=(Duration o) {
    us_ -= o.us_;
    return *this;
  }

 private:
  constexpr explicit Duration(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant origin() { return Instant(0); }
  static constexpr Instant from_us(int64_t us) { return Instant(us); }
  static constexpr Instant never() { return Instant(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t us() const { return us_; }
  constexpr Duration since_origin() const { return Duration::micros(us_); }
  constexpr double seconds_f() const { return static_cast<double>(us_) / 1e6; }

  constexpr auto operator<=>(const Instant&) const = default;
  constexpr Instant operator+(Duration d) const { return Instant(us_ + d.us()); }
  constexpr Instant operator-(Duration d) const { return Instant(us_ - d.us()); }
  constexpr Duration operator-(Instant o) const { return Duration::micros(us_ - o.us_); }
  constexpr Instant& operator+=(Duration d) {
    us_ += d.us();
    return *this;
  }

 private:
  constexpr explicit Instant(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

// The one function that formats durations for people: "0s", "45s", "2m 05s", "1h 02m 03s",
// "3d 04h 05m"; sub-second parts are shown only for durations under a minute ("1.250s").
std::string format_duration(Duration d);

// An instant on the simulated clock as "d+0 10:00:00.000" (day number and time of day).
std::string format_instant(Instant t);

}  // namespace drsim
