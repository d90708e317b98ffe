// Sampling durations from a scenario's Distribution (fixed, exponential, Weibull,
// lognormal, empirical) with Boost.Random, rounded to the microsecond.
#pragma once

#include "proto/scenario.pb.h"
#include "sim/random.h"
#include "sim/time.h"

namespace drsim {

// Samples one duration; a Distribution with no kind set yields `fallback`.
Duration sample_duration(const scenario::Distribution& dist, Rng& rng, Duration fallback);
// The distribution's mean, for reports and analytic models.
double distribution_mean_s(const scenario::Distribution& dist);

}  // namespace drsim
