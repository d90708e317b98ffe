// The rows the sweep page's impact tables share (PSTN, remote access, Persistent Chat in
// sweep_page.cpp and sweep_pchat.cpp): seven columns, Quantity | Values | Mean | p50 | p95 |
// p99 | Max, so that every impact table reads the same way.
#pragma once

#include <cstdint>
#include <string>

#include "analysis/report_format.h"
#include "analysis/report_markup.h"
#include "analysis/sweep_digest.h"

namespace drsim::sweep_cells {

inline std::string u64(uint64_t v) { return grouped(static_cast<int64_t>(v)); }
inline Cell num(std::string text, std::string note = "", std::string tone = "") {
  return {std::move(text), std::move(note), std::move(tone), true};
}
inline Cell word(std::string text, std::string note = "", std::string tone = "") {
  return {std::move(text), std::move(note), std::move(tone), false};
}
inline Cell dash() { return num("-"); }

// "Incidents losing chat": how many incidents, the share hit with its Wilson interval, and
// how many were hit (`hit`: "losing chat", "impaired", ...), in the Max column.
inline void share_row(Table& t, std::string title, const ProportionDigest& p, const char* hit) {
  t.rows.push_back({word(std::move(title)), num(u64(p.incidents), "incidents"),
                    num(fixed(p.fraction * 100, 2) + " %", "[" + fixed(p.ci95_low * 100, 2) + ", " +
                                                               fixed(p.ci95_high * 100, 2) + "] %"),
                    dash(), dash(), dash(), num(u64(p.met), hit)});
}

// A distribution's count (`over`: "incidents", "replications") and mean, p50 ... max in
// `format`; nothing when it has no values.
inline void spread_row(Table& t, std::string title, const DistributionDigest& x, const char* over,
                       std::string (*format)(double)) {
  if (x.n == 0) return;
  t.rows.push_back({word(std::move(title)), num(u64(x.n), over), num(format(x.mean)),
                    num(format(x.p50)), num(format(x.p95)), num(format(x.p99)),
                    num(format(x.max))});
}

// A count of incidents with a quantity and no distribution ("not restored by the horizon").
inline void count_row(Table& t, std::string title, uint64_t incidents) {
  t.rows.push_back({word(std::move(title)), num(u64(incidents), "incidents"), dash(), dash(),
                    dash(), dash(), dash()});
}

}  // namespace drsim::sweep_cells
