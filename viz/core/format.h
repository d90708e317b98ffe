// Numbers for people in the visualiser: counts with thousands separators and byte sizes as
// the report writes them (analysis/report_format.h: one helper each, so the report and the
// visualiser both say "kB"), and instants on the simulated clock at the precision a time
// axis needs. Durations use drsim::format_duration (sim/time.h), the one duration formatter.
#pragma once

#include <cstdint>
#include <string>

#include "analysis/report_format.h"

namespace drsim::viz {

inline std::string format_count(int64_t n) { return grouped(n); }             // "20,000"
inline std::string format_bytes(double bytes) { return human_bytes(bytes); }  // "2.3 MB"
std::string format_seconds(double s);  // format_duration of a double number of seconds
// An instant for an axis label, with no more digits than `step_us` needs:
// "10:15", "10:15:30", "10:15:30.250", and the day when it is not day 0: "d+1 06:00".
std::string format_clock(int64_t t_us, int64_t step_us);

}  // namespace drsim::viz
