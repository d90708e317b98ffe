// libFuzzer target: arbitrary bytes as a .drlog event log. decode_drlog() must either return
// the records or throw InputError; a log it returns must then go through everything that
// reads logs without a crash, a sanitizer report or a hang: the text timeline, every file of
// the run report (`drsim report`, in memory) and, when the visualiser's core is built, its
// timeline model and one frame of its prepare steps.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/report.h"
#include "io/errors.h"
#include "log/log_file.h"
#ifdef DRSIM_FUZZ_VIZ
#include "viz/core/header_prepare.h"
#include "viz/core/plots.h"
#include "viz/core/time_view.h"
#include "viz/core/timeline_model.h"
#include "viz/core/timeline_prepare.h"
#endif

namespace {

#ifdef DRSIM_FUZZ_VIZ
// One frame of the timeline window over the whole run, every lane expanded, as the
// visualiser's benchmark draws it (viz/core/bench.cpp).
void prepare_frame(const drsim::LogFile& log) {
  using namespace drsim::viz;
  const TimelineModel m = build_timeline(log.records, log.header.horizon_us(), nullptr);
  TimelineState state;
  state.collapsed.assign(m.groups.size(), 0);
  state.cursor_us = m.end_us / 2;
  const std::vector<Row> rows = layout_rows(m, state.collapsed, RowHeights{});
  const Ghost ghost = map_ghost(m, &m);
  const TextMetrics text;
  DrawList out;
  const TimeView v = fit_view(0, m.end_us, 1270, 0.02, m.end_us);
  prepare_header(m, ghost, state, v, HeaderLayout{}, text, out);
  prepare_lanes(m, ghost, state, v, rows, axis_ticks(v, 90), 0, 2000, text, out);
  prepare_users_plot(m, &m, v, 120, state.cursor_us, text, out);
  prepare_backlog_plot(m, &m, v, 120, state.cursor_us, text, out, nullptr);
  for (const Lane& lane : m.lanes) (void)describe_at(m, lane, state.cursor_us);
}
#endif

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  drsim::LogFile log;
  try {
    log = drsim::decode_drlog("f.drlog", bytes);
  } catch (const drsim::InputError&) {
    return 0;  // not a well-formed log: reported as such
  }
  (void)drsim::format_timeline(log.records);
  try {
    (void)drsim::report_files(log, nullptr);
  } catch (const drsim::InputError&) {
    // A log the report cannot describe, reported as such.
  }
#ifdef DRSIM_FUZZ_VIZ
  prepare_frame(log);
#endif
  return 0;
}
