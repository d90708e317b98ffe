// Small text helpers the report writers share: durations and clock times for people (through
// sim/time.h's one formatter), escaping for HTML/XML, Markdown and CSV, and fixed number
// formats. Every output must be byte-identical for the same log, so nothing here depends on
// the locale or the wall clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "log/log_file.h"
#include "sim/time.h"

namespace drsim {

// Seconds from the log (doubles) to a Duration, rounded to the microsecond.
Duration duration_from_s(double seconds);
// "47m 49s": format_duration of seconds.
std::string human_s(double seconds);
// "d+0 10:28:19": an instant on the simulated clock, to the second.
std::string clock_s(int64_t time_us);
// "d+0 10:28" or "10:28" (when `with_day` is false): axis labels.
std::string clock_minutes(int64_t time_us, bool with_day);

// Escapes &, <, >, " and ' for HTML and XML text and attributes.
std::string xml_escape(std::string_view text);
// Escapes | and newlines so the text stays inside one Markdown table cell.
std::string md_cell(std::string_view text);
// Quotes a CSV field when it holds a comma, quote or newline (RFC 4180).
std::string csv_field(std::string_view text);

// Shortest round-trip number (json_number), used for seconds in CSV and JSON.
std::string number(double value);
// Seconds rounded to the microsecond (the log's resolution), then as number(): no float noise
// such as 2869.969072999978 in exports.
std::string seconds_number(double seconds);
// Fixed decimals ("96.68"), for percentages and SVG coordinates.
std::string fixed(double value, int decimals);
// "1,033": integers with thousands separators, for people.
std::string grouped(int64_t value);
// "2.3 MB": bytes for people.
std::string human_bytes(double bytes);

// The one-line stamp every report carries: scenario, its --set overrides and rehearsed
// runbook, seed, replication, scenario SHA-256, drsim version and commit.
std::string stamp_line(const log::Header& header);

}  // namespace drsim
