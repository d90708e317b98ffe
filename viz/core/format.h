// Numbers for people in the visualiser: counts with thousands separators, byte sizes, and
// instants on the simulated clock at the precision a time axis needs. Durations use
// drsim::format_duration (sim/time.h), the project's one duration formatter.
#pragma once

#include <cstdint>
#include <string>

namespace drsim::viz {

std::string format_count(int64_t n);       // "20,000"
std::string format_bytes(double bytes);    // "2.3 MB"
std::string format_seconds(double s);      // format_duration of a double number of seconds
// An instant for an axis label, with no more digits than `step_us` needs:
// "10:15", "10:15:30", "10:15:30.250", and the day when it is not day 0: "d+1 06:00".
std::string format_clock(int64_t t_us, int64_t step_us);

}  // namespace drsim::viz
