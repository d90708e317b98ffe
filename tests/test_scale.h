// How large the statistical tests are. Every test runs twice in CI: in the -Werror build at full
// size, and again under AddressSanitizer and UndefinedBehaviorSanitizer (DRSIM_SANITIZE), where
// the code runs 10-30 times slower and the point is memory and undefined behaviour, not
// statistical power. There the tests that run many replications check the same claims on
// kStatShrink times fewer, and the tolerances that stand for a precision (an interval's width)
// widen by its square root; checks that an estimate lies inside an interval keep their
// confidence level and lose only power.
#pragma once

#include <algorithm>
#include <cmath>
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

// How many of `trials` independent 95 % intervals may miss the true value before a test calls
// the estimator biased: the least k with P(more than k misses) < 0.5 % for a correct one
// (binomial, miss rate 5 %). 60 trials allow 8, 30 allow 5, 15 and 20 allow 4, 6 allow 2.
inline int allowed_misses(int trials) {
  double tail = 1;                      // P(misses > k), from k = -1 up
  double pmf = std::pow(0.95, trials);  // P(misses = 0)
  for (int k = 0; k <= trials; ++k) {
    tail -= pmf;
    if (tail < 0.005) return k;
    pmf *= static_cast<double>(trials - k) / static_cast<double>(k + 1) * (0.05 / 0.95);
  }
  return trials;
}

}  // namespace drsim::testing
