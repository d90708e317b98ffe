// The backlog series; see backlog_series.h.
#include "analysis/backlog_series.h"

#include <algorithm>
#include <map>

#include "sim/check.h"

namespace drsim {

namespace {

// A direction's samples while its segments are read: the rule's terms of the segment so far.
struct Sampler {
  BacklogSeries series;
  int64_t at_us = 0;        // the current segment's start
  double bytes = 0;         // its backlog at the start
  double growth_per_s = 0;  // and its growth

  double now(int64_t t_us) const {
    return bytes + growth_per_s * static_cast<double>(t_us - at_us) / 1e6;
  }
  // Grid samples in (at_us, until_us) while the backlog grows, then the value reached at
  // until_us (so that a reader interpolating between samples follows the rule exactly).
  void advance(int64_t until_us, int64_t step_us) {
    if (until_us <= at_us) return;
    if (growth_per_s > 0) {
      for (int64_t g = (at_us / step_us + 1) * step_us; g < until_us; g += step_us)
        series.samples.push_back({g, now(g)});
    }
    series.samples.push_back({until_us, now(until_us)});
  }
};

}  // namespace

BacklogSeries sample_backlog(const BacklogSegments& segments, int64_t horizon_us) {
  const int64_t step_us = std::max<int64_t>(1, horizon_us / kBacklogSamplesPerHorizon);
  Sampler d;
  d.series.direction = segments.direction;
  d.series.samples.push_back({0, 0});
  for (size_t i = 0; i < segments.size(); ++i) {
    DRSIM_CHECK(segments.t_us[i] >= d.at_us, "backup records of a direction go back in time");
    d.advance(segments.t_us[i], step_us);
    d.at_us = segments.t_us[i];
    d.bytes = segments.bytes[i];
    d.growth_per_s = segments.growth_bytes_per_s[i];
    std::vector<BacklogSample>& s = d.series.samples;
    // A record at an instant already sampled replaces the value only when it is the same
    // (no jump): otherwise both stay, before and after.
    if (!s.empty() && s.back().time_us == d.at_us && s.back().bytes == d.bytes) continue;
    s.push_back({d.at_us, d.bytes});
  }
  d.advance(horizon_us, step_us);
  return std::move(d.series);
}

std::vector<BacklogSeries> backlog_series(const std::vector<BacklogSegments>& segments,
                                          int64_t horizon_us) {
  std::vector<BacklogSeries> out;
  out.reserve(segments.size());
  for (const BacklogSegments& s : segments) out.push_back(sample_backlog(s, horizon_us));
  return out;
}

std::vector<BacklogSeries> backlog_series(const LogFile& log, int64_t horizon_us) {
  return backlog_series(backlog_segments(log.records), horizon_us);
}

double backlog_at(const BacklogSeries& series, int64_t t_us) {
  const std::vector<BacklogSample>& s = series.samples;
  if (s.empty() || t_us < s.front().time_us) return 0;
  // The last sample at or before t: at a jump, the value after it.
  const auto after = std::upper_bound(
      s.begin(), s.end(), t_us, [](int64_t t, const BacklogSample& x) { return t < x.time_us; });
  const BacklogSample& a = *(after - 1);
  if (after == s.end() || a.time_us == t_us) return a.bytes;
  const BacklogSample& b = *after;
  const double f =
      static_cast<double>(t_us - a.time_us) / static_cast<double>(b.time_us - a.time_us);
  return a.bytes + (b.bytes - a.bytes) * f;
}

double backlog_peak(const BacklogSeries& series, int64_t start_us, int64_t end_us) {
  double peak = std::max(backlog_at(series, start_us), backlog_at(series, end_us));
  for (const BacklogSample& x : series.samples) {
    if (x.time_us >= start_us && x.time_us <= end_us) peak = std::max(peak, x.bytes);
  }
  return peak;
}

}  // namespace drsim
