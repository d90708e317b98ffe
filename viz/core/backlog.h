// The Backup Service backlog of one direction over time, rebuilt from the event log by the
// rule of docs/event-log.md: backlog(t) = the backlog_bytes of the direction's latest
// backup.* record at or before t + the backlog_growth_bytes_per_s of its latest
// backup.status × (t − that record's time). So it is piecewise linear: one segment per
// record, growing while the path is down, jumping at exports and imports.
//
// The visualiser keeps the segments themselves, not the samples of analysis/backlog_series.h
// (the report's and the trace's), so that its plot is exact at any zoom, with the level of
// detail of prepare_backlog_line. Both follow the same rule, and a test
// (viz/tests/test_viz_backlog.cpp) checks they give the same backlog at every sample.
#pragma once

#include <cstdint>
#include <vector>

#include "viz/core/draw_list.h"
#include "viz/core/time_view.h"

namespace drsim::viz {

struct BacklogSeries {
  std::vector<int64_t> t_us;  // segment starts, increasing
  std::vector<double> bytes;  // the backlog at the start of each segment
  std::vector<double> growth_bytes_per_s;

  // A backup.status record: its backlog and its growth rate from t on.
  void add_status(int64_t t, double backlog_bytes, double growth);
  // A backup.export or backup.import record: its backlog, growing as the latest status said.
  void add_cycle(int64_t t, double backlog_bytes);
  size_t size() const { return t_us.size(); }
  bool empty() const { return t_us.empty(); }
  // The backlog at t (0 before the first record).
  double at(int64_t t) const;
  // Segment i's backlog at t, t within the segment.
  double value(size_t i, int64_t t) const {
    return bytes[i] + growth_bytes_per_s[i] * static_cast<double>(t - t_us[i]) / 1e6;
  }
  // The largest backlog before end_us (segments are linear: their ends are the candidates).
  double max_bytes(int64_t end_us) const;

 private:
  void add(int64_t t, double backlog_bytes, double growth);
};

// The backlog as a line between y0 (top, vmax) and y1 (bottom, 0). Segments a pixel wide or
// more are straight lines; narrower ones merge into one vertical line per pixel from their
// smallest to their largest value, so a frame draws at most about two lines a pixel.
void prepare_backlog_line(const BacklogSeries& s, int64_t end_us, const TimeView& v, float y0,
                          float y1, double vmax, uint32_t color, float thickness, DrawList& out);

}  // namespace drsim::viz
