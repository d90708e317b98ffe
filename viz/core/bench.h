// The prepare-step benchmark behind `drsim-viz --bench-prepare`: synthesise a large event
// log, index it once, then time the per-frame prepare of the timeline and the plots at
// several zoom levels. The budget is 16 ms a frame (60 frames a second) for 1,000,000 records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "log/log_file.h"

namespace drsim::viz {

// A log of `records` records over a year: pools with Front Ends and routing groups changing
// state, pool.users counters, Backup Service status, and incidents with admin and cmdlet
// records. Deterministic for a given seed.
LogFile synthesize_log(size_t records, uint64_t seed);

struct BenchCase {
  std::string name;  // "whole year, visible rows"
  double ms_median = 0, ms_p99 = 0, ms_max = 0;
  size_t draw_items = 0;  // rectangles, lines, triangles and labels in one frame
};

struct BenchResult {
  size_t records = 0;
  size_t lanes = 0;
  double index_ms = 0;  // build_timeline, once per load
  std::vector<BenchCase> cases;
};

// Times `frames` frames per case in a width_px x height_px timeline: the header, the lanes
// and both charts, each case also with a ghost (a second log of as many records, as after a
// what-if re-run), which doubles the lanes' work.
BenchResult bench_prepare(size_t records, int frames, float width_px, float height_px);
std::string format_bench(const BenchResult& r);

}  // namespace drsim::viz
