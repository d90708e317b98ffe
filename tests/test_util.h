// Helpers shared by the tests: readable Catch2 output for simulated time.
#pragma once

#include <catch2/catch.hpp>

#include "sim/time.h"

namespace Catch {
template <>
struct StringMaker<drsim::Instant> {
  static std::string convert(const drsim::Instant& t) {
    return drsim::format_instant(t) + " (" + std::to_string(t.us()) + " us)";
  }
};
template <>
struct StringMaker<drsim::Duration> {
  static std::string convert(const drsim::Duration& d) {
    return drsim::format_duration(d) + " (" + std::to_string(d.us()) + " us)";
  }
};
}  // namespace Catch
