// The Backup Service backlog of each direction over time, rebuilt from the event log by the
// rule docs/event-log.md states: backlog(t) = the backlog_bytes of the direction's latest
// backup.* record at or before t + the backlog_growth_bytes_per_s of its latest backup.status
// × (t − that record's time). So it is piecewise linear: one segment per record, growing
// while the path is down, jumping at exports and imports.
//
// The one derivation of that rule: the visualiser plots the segments (exact at any zoom), the
// report and the trace sample them (analysis/backlog_series.h), so they all show the same
// numbers. Backlogs and growth rates are clamped at 0: a log read from a file may hold
// anything its ranges allow, and a negative backlog means nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "proto/eventlog.pb.h"

namespace drsim {

struct BacklogSegments {
  std::string direction;      // the log subject, "pool1.contoso.com->pool2.contoso.com"
  std::vector<int64_t> t_us;  // segment starts, non-decreasing: one per backup.* record
  std::vector<double> bytes;  // the backlog at the start of each segment
  std::vector<double> growth_bytes_per_s;

  size_t size() const { return t_us.size(); }
  bool empty() const { return t_us.empty(); }
  // A backup.status record: its backlog and its growth rate from t on.
  void add_status(int64_t t, double backlog_bytes, double growth);
  // A backup.export or backup.import record: its backlog, growing as the latest status said.
  void add_cycle(int64_t t, double backlog_bytes);
  // Segment i's backlog at t, t within the segment.
  double value(size_t i, int64_t t) const {
    return bytes[i] + growth_bytes_per_s[i] * static_cast<double>(t - t_us[i]) / 1e6;
  }
  // The backlog at t: 0 before the first record; at an instant with several records, the
  // last one's.
  double at(int64_t t) const;
  // The largest backlog before end_us (segments are linear: their ends are the candidates).
  double max_bytes(int64_t end_us) const;
};

// One series per direction, in the order of the directions' first backup.* records. Records
// must be in time order (checked).
std::vector<BacklogSegments> backlog_segments(const std::vector<log::Record>& records);

}  // namespace drsim
