// The timeline's frame prepare; see timeline_prepare.h.
#include "viz/core/timeline_prepare.h"

#include <algorithm>

#include "sim/check.h"
#include "viz/core/prepare_lane.h"

namespace drsim::viz {

std::vector<uint8_t> default_collapsed(const TimelineModel& m) {
  std::vector<uint8_t> collapsed;
  for (const LaneGroup& g : m.groups) collapsed.push_back(g.is_quiet && g.lanes.size() > 4);
  return collapsed;
}

std::vector<Row> layout_rows(const TimelineModel& m, const std::vector<uint8_t>& collapsed,
                             const RowHeights& heights) {
  DRSIM_CHECK(collapsed.size() == m.groups.size(), "layout_rows: one collapsed flag per group");
  std::vector<Row> rows;
  float y = 0;
  for (size_t g = 0; g < m.groups.size(); ++g) {
    rows.push_back({RowKind::kGroup, static_cast<int>(g), y, heights.group});
    y += heights.group;
    if (collapsed[g] != 0) continue;
    const LaneKind kind = m.groups[g].kind;
    const float h = kind == LaneKind::kPool ? heights.pool
                    : kind == LaneKind::kFrontEnd || kind == LaneKind::kRoutingGroup
                        ? heights.member
                        : heights.lane;
    for (int lane : m.groups[g].lanes) {
      rows.push_back({RowKind::kLane, lane, y, h});
      y += h;
    }
  }
  return rows;
}

int row_at(const std::vector<Row>& rows, float y) {
  auto it =
      std::upper_bound(rows.begin(), rows.end(), y, [](float v, const Row& r) { return v < r.y; });
  if (it == rows.begin()) return -1;
  --it;
  return y < it->y + it->h ? static_cast<int>(it - rows.begin()) : -1;
}

Ghost map_ghost(const TimelineModel& current, const TimelineModel* previous) {
  Ghost g;
  g.model = previous;
  if (previous == nullptr) return g;
  for (const Lane& l : current.lanes) g.lane_of.push_back(previous->find_lane(l.kind, l.subject));
  return g;
}

void prepare_lanes(const TimelineModel& m, const Ghost& ghost, const TimelineState& state,
                   const TimeView& v, const std::vector<Row>& rows, const std::vector<Tick>& ticks,
                   float y_min, float y_max, const TextMetrics& text, DrawList& out) {
  const bool has_ghost = state.show_ghost && ghost.model != nullptr;
  auto first = std::upper_bound(rows.begin(), rows.end(), y_min,
                                [](float y, const Row& r) { return y < r.y + r.h; });
  float y_end = y_min;
  for (auto it = first; it != rows.end() && it->y < y_max; ++it) {
    const Row& r = *it;
    y_end = r.y + r.h;
    if (r.kind == RowKind::kGroup) {
      out.rects.push_back({0, r.y, v.width_px, r.y + r.h, palette::kGroupBackground});
      const LaneGroup& g = m.groups[static_cast<size_t>(r.index)];
      if (state.collapsed[static_cast<size_t>(r.index)] != 0) {
        prepare_state_band(g.summary, m.end_us, v, r.y + 6, r.y + r.h - 6, 0.8f, nullptr, out);
      }
      continue;
    }
    const bool is_odd = ((it - rows.begin()) & 1) != 0;
    out.rects.push_back({0, r.y, v.width_px, r.y + r.h,
                         is_odd ? palette::kLaneBackgroundAlt : palette::kLaneBackground});
    const Lane& lane = m.lanes[static_cast<size_t>(r.index)];
    const int ghost_lane = has_ghost ? ghost.lane_of[static_cast<size_t>(r.index)] : -1;
    const float bottom = r.y + r.h - (ghost_lane >= 0 ? 5.0f : 1.0f);
    const TextMetrics* labels = r.h >= 16 ? &text : nullptr;
    if (lane.mix >= 0) {
      // A pool: its state on top, tall enough for a label; its users by service level below.
      const float split = r.y + 1 + std::min(text.line_h_px + 3, (bottom - r.y - 1) / 2);
      prepare_state_band(lane.states, m.end_us, v, r.y + 1, split, 1.0f, &text, out);
      prepare_mix_band(m.pool_mixes[static_cast<size_t>(lane.mix)], m.end_us, v, split + 1, bottom,
                       0, 1.0f, out);
    } else {
      prepare_state_band(lane.states, m.end_us, v, r.y + 1, bottom, 1.0f, labels, out);
    }
    if (ghost_lane >= 0) {
      const Lane& gl = ghost.model->lanes[static_cast<size_t>(ghost_lane)];
      prepare_state_band(gl.states, ghost.model->end_us, v, bottom + 1, r.y + r.h - 1,
                         palette::kGhostAlpha, nullptr, out);
    }
  }
  for (const Tick& t : ticks) out.lines.push_back({t.x, y_min, t.x, y_end, palette::kGrid});
  if (state.cursor_us >= v.t0_us && state.cursor_us <= v.t1_us) {
    const float x = v.x_of(state.cursor_us);
    out.lines.push_back({x, y_min, x, y_end, palette::kCursor, 1.5f});
  }
}

}  // namespace drsim::viz
