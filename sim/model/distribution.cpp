// Duration sampling; see distribution.h.
#include "sim/model/distribution.h"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <cmath>

#include "sim/check.h"

namespace drsim {

namespace {
Duration from_seconds(double s) {
  DRSIM_CHECK(std::isfinite(s) && s >= 0, "sampled duration must be finite and non-negative");
  const double us = std::round(s * 1e6);
  // Durations beyond a century are clamped: the horizon is at most 100 years.
  return Duration::micros(us > 3.2e15 ? int64_t{3'200'000'000'000'000} : static_cast<int64_t>(us));
}
}  // namespace

Duration sample_duration(const scenario::Distribution& dist, Rng& rng, Duration fallback) {
  using K = scenario::Distribution;
  switch (dist.kind_case()) {
    case K::kFixedS:
      return from_seconds(dist.fixed_s());
    case K::kExponential: {
      boost::random::exponential_distribution<double> d(1.0 / dist.exponential().mean_s());
      return from_seconds(d(rng));
    }
    case K::kWeibull: {
      boost::random::weibull_distribution<double> d(dist.weibull().shape(),
                                                    dist.weibull().scale_s());
      return from_seconds(d(rng));
    }
    case K::kLognormal: {
      // Boost's lognormal takes the mean and sigma of the underlying normal: mu = ln(median).
      boost::random::lognormal_distribution<double> d(std::log(dist.lognormal().median_s()),
                                                      dist.lognormal().sigma());
      return from_seconds(d(rng));
    }
    case K::kEmpirical: {
      const auto& xs = dist.empirical().samples_s();
      DRSIM_CHECK(!xs.empty(), "empirical distribution without samples: validation missed it");
      boost::random::uniform_int_distribution<int> pick(0, xs.size() - 1);
      return from_seconds(xs.Get(pick(rng)));
    }
    case K::KIND_NOT_SET:
      return fallback;
  }
  return fallback;
}

double distribution_mean_s(const scenario::Distribution& dist) {
  using K = scenario::Distribution;
  switch (dist.kind_case()) {
    case K::kFixedS:
      return dist.fixed_s();
    case K::kExponential:
      return dist.exponential().mean_s();
    case K::kWeibull:
      return dist.weibull().scale_s() * std::tgamma(1.0 + 1.0 / dist.weibull().shape());
    case K::kLognormal: {
      const double s = dist.lognormal().sigma();
      return dist.lognormal().median_s() * std::exp(s * s / 2);
    }
    case K::kEmpirical: {
      double sum = 0;
      for (double x : dist.empirical().samples_s()) sum += x;
      return dist.empirical().samples_s().empty() ? 0 : sum / dist.empirical().samples_s_size();
    }
    case K::KIND_NOT_SET:
      return 0;
  }
  return 0;
}

}  // namespace drsim
