// The what-if comparison's writers: text for the terminal and JSON for programs (the page is
// compare_page.h), pure functions of a CompareResult (compare.h).
#pragma once

#include <cstdint>
#include <string>

#include "analysis/compare.h"

namespace drsim {

// A metric's value for people, by the unit its name ends in: fractions as percent (their
// differences and half-widths in percentage points, "pp"), seconds as durations ("-1m 12s"),
// counts as numbers; never scientific notation.
enum class CompareForm { kValue, kDifference, kHalfwidth };
std::string compare_value_text(const std::string& name, double v, CompareForm form);

std::string compare_report_text(const CompareResult& r);
std::string compare_report_json(const CompareResult& r, uint64_t seed, const std::string& base_name,
                                const std::string& whatif_name);

}  // namespace drsim
