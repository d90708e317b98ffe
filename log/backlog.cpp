// The backlog rule; see backlog.h.
#include "log/backlog.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "log/record_schema.h"
#include "sim/check.h"

namespace drsim {

void BacklogSegments::add_status(int64_t t, double backlog_bytes, double growth) {
  DRSIM_CHECK(t_us.empty() || t >= t_us.back(), "BacklogSegments: records must be in time order");
  DRSIM_CHECK(std::isfinite(backlog_bytes) && std::isfinite(growth),
              "BacklogSegments: a backlog is a finite number");
  t_us.push_back(t);
  bytes.push_back(std::max(0.0, backlog_bytes));
  growth_bytes_per_s.push_back(std::max(0.0, growth));
}

void BacklogSegments::add_cycle(int64_t t, double backlog_bytes) {
  add_status(t, backlog_bytes, growth_bytes_per_s.empty() ? 0.0 : growth_bytes_per_s.back());
}

double BacklogSegments::at(int64_t t) const {
  if (t_us.empty() || t < t_us.front()) return 0;
  // The last segment starting at or before t: at an instant with several records, the last.
  const auto after = std::upper_bound(t_us.begin(), t_us.end(), t);
  const auto i = static_cast<size_t>(after - t_us.begin()) - 1;
  return value(i, t);
}

double BacklogSegments::max_bytes(int64_t end_us) const {
  double m = 0;
  for (size_t i = 0; i < size(); ++i) {
    const int64_t end = i + 1 < size() ? t_us[i + 1] : std::max(end_us, t_us[i]);
    m = std::max({m, bytes[i], value(i, end)});
  }
  return m;
}

std::vector<BacklogSegments> backlog_segments(const std::vector<log::Record>& records) {
  std::vector<BacklogSegments> out;
  std::map<std::string, size_t> index;
  for (const log::Record& r : records) {
    const bool is_status = rec::backup_status::kind.is(r);
    if (!is_status && !rec::backup_export::kind.is(r) && !rec::backup_import::kind.is(r)) continue;
    // Every backup.* record carries the backlog just after it, under one key.
    if (!rec::has(r, rec::backup_status::backlog_bytes)) continue;
    auto [it, added] = index.emplace(r.subject(), out.size());
    if (added) out.push_back({r.subject(), {}, {}, {}});
    BacklogSegments& s = out[it->second];
    const double bytes = rec::get(r, rec::backup_status::backlog_bytes);
    if (is_status)
      s.add_status(r.time_us(), bytes, rec::get(r, rec::backup_status::backlog_growth_bytes_per_s));
    else
      s.add_cycle(r.time_us(), bytes);
  }
  return out;
}

}  // namespace drsim
