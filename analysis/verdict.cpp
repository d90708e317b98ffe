// Verdicts on estimates; see verdict.h.
#include "analysis/verdict.h"

namespace drsim {

std::string interval_verdict(double low, double high, double required) {
  if (low >= required) return "pass";
  return high < required ? "fail" : "uncertain";
}

std::string policy_verdict(const ProportionDigest& met, double required) {
  if (met.incidents == 0) return "no incidents";
  return interval_verdict(met.ci95_low, met.ci95_high, required);
}

}  // namespace drsim
