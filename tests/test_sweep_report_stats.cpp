// The sweep statistics behind every percentile in the reports (analysis/stats.h): quantiles
// are read from 2 % buckets, so they must be held inside the exact extremes the accumulator
// keeps, for one value, for many and after a merge.
#include <catch2/catch.hpp>

#include "analysis/stats.h"

using namespace drsim;

TEST_CASE("sweep statistics: one value is every percentile of itself", "[sweep][stats]") {
  Stat s;
  s.add(2869.969, 0);  // 47m 49.969s, the default scenario's RTO
  for (double q : {0.01, 0.5, 0.95, 0.99, 1.0}) {
    INFO(q);
    CHECK(s.quantile(q) == s.max());
    CHECK(s.quantile(q) == Approx(2869.969).margin(1e-9));
  }
}

TEST_CASE("sweep statistics: no percentile lies above the maximum or below the minimum", "[sweep][stats]") {
  // Values near the top of their 2 % bucket: the bucket's middle is above all of them.
  Stat high;
  for (uint64_t r = 0; r < 200; ++r) high.add(124.595 - static_cast<double>(r % 3) * 0.001, r);
  CHECK(high.quantile(0.99) <= high.max());
  CHECK(high.quantile(0.5) <= high.max());
  CHECK(high.quantile(0.99) == Approx(124.595).margin(1e-9));
  // Values near the bottom of theirs: the middle is below all of them.
  Stat low;
  for (uint64_t r = 0; r < 200; ++r) low.add(1.0 + static_cast<double>(r % 2) * 0.001, r);
  CHECK(low.quantile(0.01) >= low.min());
  CHECK(low.quantile(0.01) == Approx(1.0).margin(1e-9));
}

TEST_CASE("sweep statistics: the clamp survives merging, whatever the split", "[sweep][stats]") {
  Stat a, b, all;
  for (uint64_t r = 0; r < 100; ++r) {
    const double v = 60.0 + static_cast<double>(r) * 0.7;
    (r < 37 ? a : b).add(v, r);
    all.add(v, r);
  }
  a.merge(b);
  for (double q : {0.5, 0.95, 0.99, 1.0}) {
    INFO(q);
    CHECK(a.quantile(q) == all.quantile(q));
    CHECK(a.quantile(q) <= all.max());
    CHECK(a.quantile(q) >= all.min());
  }
  // Empty: zero, not a clamp to the sentinels.
  CHECK(Stat().quantile(0.5) == 0);
}
