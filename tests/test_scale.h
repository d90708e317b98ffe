// How large the statistical tests are. Every test runs twice in CI: in the -Werror build at full
// size, and again under AddressSanitizer and UndefinedBehaviorSanitizer (DRSIM_SANITIZE), where
// the code runs 10-30 times slower and the point is memory and undefined behaviour, not
// statistical power. There the tests that run many replications check the same claims on
// kStatShrink times fewer, and the tolerances that stand for a precision (an interval's width)
// widen by its square root; checks that an estimate lies inside an interval keep their
// confidence level and lose only power.
#pragma once

#include <algorithm>
#include <cstdint>

namespace drsim::testing {

#ifdef DRSIM_SANITIZE
inline constexpr int kStatShrink = 4;
#else
inline constexpr int kStatShrink = 1;
#endif
// The square root of kStatShrink: how much wider an interval from fewer replications is.
inline constexpr double kStatWiden = kStatShrink == 4 ? 2.0 : 1.0;
static_assert(kStatShrink == 1 || kStatShrink == 4, "kStatWiden is the square root");

// A replication count (or any sample size) for this build.
template <typename T>
constexpr T stat_size(T full) {
  return std::max<T>(1, full / static_cast<T>(kStatShrink));
}

}  // namespace drsim::testing
