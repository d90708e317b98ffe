// The Backup Service backlog of each direction as samples for charts, CSV and the trace's
// counters: log/backlog.h's segments (the one derivation of the log's backlog rule) sampled on
// a grid while they grow, so that a writer that draws straight lines between samples draws
// the rule exactly. The visualiser plots the segments themselves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "log/backlog.h"
#include "log/log_file.h"

namespace drsim {

// While a backlog grows, it is sampled at most this many times over the horizon (on a fixed
// grid of horizon / kBacklogSamplesPerHorizon), so that linear growth shows as a ramp and a
// long run costs a bounded number of samples. A chart or trace needs no finer steps.
inline constexpr int64_t kBacklogSamplesPerHorizon = 200;

struct BacklogSample {
  int64_t time_us = 0;
  double bytes = 0;
  bool operator==(const BacklogSample&) const = default;
};

struct BacklogSeries {
  std::string direction;  // the log subject, "pool1.contoso.com->pool2.contoso.com"
  // In time order: 0 bytes at t = 0; at every backup.* record of the direction the value
  // reached just before it, then (when it differs: an import, a final export) the record's,
  // at the same instant; grid points while it grows; the value at the horizon. Linear
  // between consecutive samples, which is the rule exactly.
  std::vector<BacklogSample> samples;
};

// The samples of one direction's segments up to the horizon.
BacklogSeries sample_backlog(const BacklogSegments& segments, int64_t horizon_us);
// One series per direction, in the order of the directions' first records.
std::vector<BacklogSeries> backlog_series(const std::vector<BacklogSegments>& segments,
                                          int64_t horizon_us);
std::vector<BacklogSeries> backlog_series(const LogFile& log, int64_t horizon_us);

// The backlog of a series at `time_us` by the same rule (linear between samples, the later
// value at a jump); 0 before the first sample and the last value after the last.
double backlog_at(const BacklogSeries& series, int64_t time_us);

// The largest backlog in [start_us, end_us].
double backlog_peak(const BacklogSeries& series, int64_t start_us, int64_t end_us);

}  // namespace drsim
