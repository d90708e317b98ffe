// The prepare benchmark; see bench.h.
#include "viz/core/bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include "sim/check.h"
#include "viz/core/header_prepare.h"
#include "viz/core/plots.h"
#include "viz/core/timeline_prepare.h"

namespace drsim::viz {

namespace {
constexpr int kPools = 8, kFrontEnds = 12, kRoutingGroups = 32;
constexpr int64_t kYearUs = int64_t{365} * 86'400'000'000;

void field(log::Record* r, const char* key, const std::string& v) {
  auto* f = r->add_fields();
  f->set_key(key);
  f->set_string_value(v);
}
void field(log::Record* r, const char* key, int64_t v) {
  auto* f = r->add_fields();
  f->set_key(key);
  f->set_int_value(v);
}
std::string pool_name(int p) { return "pool" + std::to_string(p) + ".contoso.com"; }
}  // namespace

LogFile synthesize_log(size_t records, uint64_t seed) {
  LogFile log;
  log.header.set_scenario_name("synthetic");
  log.header.set_seed(seed);
  log.header.set_horizon_us(kYearUs);
  log.records.reserve(records);
  std::mt19937_64 rng(seed);
  const int64_t mean_gap_us = kYearUs / static_cast<int64_t>(std::max<size_t>(records, 1));
  std::uniform_int_distribution<int64_t> gap(0, 2 * mean_gap_us);
  std::uniform_int_distribution<int> pick(0, 99), pool(0, kPools - 1);
  std::uniform_int_distribution<int> fe(0, kFrontEnds - 1), rg(0, kRoutingGroups - 1);
  std::vector<uint8_t> fe_down(kPools * kFrontEnds, 0);
  static const char* kLevels[] = {"full", "resiliency", "voice_only", "signed_out"};
  static const char* kStatus[] = {"steady", "lagging", "final"};
  int64_t t = 0;
  int incident = 0;
  auto add = [&](const char* kind, const std::string& subject) {
    log::Record* r = &log.records.emplace_back();
    r->set_time_us(t);
    r->set_seq(log.records.size() - 1);
    r->set_kind(kind);
    r->set_subject(subject);
    return r;
  };
  while (log.records.size() < records) {
    t = std::min(t + gap(rng), std::max(t, kYearUs - 1));  // never backwards
    const int p = pool(rng), roll = pick(rng);
    if (roll < 40) {
      const int f = fe(rng);
      uint8_t& down = fe_down[static_cast<size_t>(p * kFrontEnds + f)];
      down ^= 1;
      auto* r = add(down != 0 ? "component.down" : "component.up",
                    "fe" + std::to_string(f) + "." + pool_name(p));
      field(r, "component_kind", "front_end");
    } else if (roll < 80) {
      auto* r = add("service.level", pool_name(p) + "/rg" + std::to_string(rg(rng)));
      field(r, "level", kLevels[pick(rng) % 4]);
      field(r, "users", int64_t{625});
    } else if (roll < 92) {
      auto* r = add("pool.users", pool_name(p));
      int64_t left = 20000;
      for (int k = 0; k < 3; ++k) {
        const int64_t n = left * (pick(rng) % 60) / 100;
        field(r, kLevels[k + 1], n);
        left -= n;
      }
      field(r, "full", left);
    } else if (roll < 98) {
      auto* r = add("backup.status", pool_name(p) + "->" + pool_name((p + 1) % kPools));
      field(r, "status", kStatus[pick(rng) % 3]);
      field(r, "backlog_bytes", int64_t{pick(rng)} * 100'000);
      field(r, "backlog_growth_bytes_per_s",
            int64_t{pick(rng) % 2} * 20'000);  // growing half the time
    } else if (roll < 99 && log.records.size() + 6 < records) {
      // An incident with its admin stages and a cmdlet, a few minutes apart.
      const int id = incident++;
      field(add("incident.start", pool_name(p)), "incident", int64_t{id});
      t += 60'000'000;
      field(add("admin.detect", pool_name(p)), "incident", int64_t{id});
      t += 60'000'000;
      field(add("admin.decide", pool_name(p)), "incident", int64_t{id});
      auto* c = add("cmdlet.start", pool_name(p));
      field(c, "cmdlet", "Invoke-CsPoolFailover");
      field(c, "step", int64_t{id});
      t += 120'000'000;
      field(add("cmdlet.end", pool_name(p)), "step", int64_t{id});
      field(add("incident.restored", pool_name(p)), "incident", int64_t{id});
    } else {
      auto* r = add("pool.dr", pool_name(p));
      field(r, "state", pick(rng) % 2 == 0 ? "FailedOver" : "Active");
    }
  }
  DRSIM_CHECK(log.records.size() == records, "synthesize_log: wrong record count");
  return log;
}

BenchResult bench_prepare(size_t records, int frames, float width_px, float height_px) {
  DRSIM_CHECK(frames > 0, "bench_prepare: at least one frame");
  using Clock = std::chrono::steady_clock;
  auto ms_since = [](Clock::time_point a) {
    return std::chrono::duration<double, std::milli>(Clock::now() - a).count();
  };
  const LogFile log = synthesize_log(records, 42);
  BenchResult result;
  result.records = records;
  const auto t_index = Clock::now();
  const TimelineModel m = build_timeline(log.records, log.header.horizon_us(), nullptr);
  result.index_ms = ms_since(t_index);
  result.lanes = m.lanes.size();
  // The previous run of a what-if: another log of the same size over the same lanes.
  const LogFile previous_log = synthesize_log(records, 43);
  const TimelineModel previous =
      build_timeline(previous_log.records, previous_log.header.horizon_us(), nullptr);

  TimelineState state;
  state.collapsed.assign(m.groups.size(), 0);  // every lane expanded: the worst case
  state.cursor_us = m.end_us / 2;
  state.selected_incident = m.incidents.empty() ? -1 : static_cast<int>(m.incidents.size() / 2);
  const std::vector<Row> rows = layout_rows(m, state.collapsed, RowHeights{});
  const Ghost none = map_ghost(m, nullptr), ghost = map_ghost(m, &previous);
  const TextMetrics text;
  const HeaderLayout header(m.incident_rows);
  struct Case {
    const char* name;
    int64_t span_us;
    float rows_height_px;  // lanes prepared: a window's worth, or all of them
    const Ghost* ghost;
  };
  const float all_rows = rows.empty() ? 0 : rows.back().y + rows.back().h;
  const int64_t kDayUs = 86'400'000'000, kHourUs = 3'600'000'000;
  const Case cases[] = {
      {"whole year, rows in a window", m.end_us, height_px, &none},
      {"whole year, all rows", m.end_us, all_rows, &none},
      {"one day, rows in a window", kDayUs, height_px, &none},
      {"one hour, rows in a window", kHourUs, height_px, &none},
      {"whole year, rows in a window, ghost", m.end_us, height_px, &ghost},
      {"whole year, all rows, ghost", m.end_us, all_rows, &ghost},
      {"one day, all rows, ghost", kDayUs, all_rows, &ghost},
  };
  DrawList out;
  for (const Case& c : cases) {
    BenchCase bc;
    bc.name = c.name;
    std::vector<double> times;
    const TimelineModel* ghost_model = c.ghost->model;
    // One frame first to grow the buffers, as the window's first frame does; not timed.
    for (int f = -1; f < frames; ++f) {
      // Pan a little each frame, as a dragging user would.
      const int64_t t0 =
          std::max<int64_t>(0, (m.end_us - c.span_us) / 2 + std::max(f, 0) * (c.span_us / 500));
      const TimeView v{t0, std::min(t0 + c.span_us, m.end_us), width_px};
      const auto start = Clock::now();
      out.clear();
      prepare_header(m, *c.ghost, state, v, header, text, out);
      prepare_lanes(m, *c.ghost, state, v, rows, axis_ticks(v, 90), 0, c.rows_height_px, text, out);
      prepare_users_plot(m, ghost_model, v, 120, state.cursor_us, text, out);
      prepare_backlog_plot(m, ghost_model, v, 120, state.cursor_us, text, out, nullptr);
      const double ms = ms_since(start);
      if (f < 0) continue;
      times.push_back(ms);
      bc.draw_items = out.size();
    }
    // The median is the typical frame; the 99th percentile and the maximum are the frames a
    // user would feel, inflated on a shared machine by whatever else runs.
    std::sort(times.begin(), times.end());
    bc.ms_median = times[times.size() / 2];
    bc.ms_p99 = times[std::min(times.size() - 1, times.size() * 99 / 100)];
    bc.ms_max = times.back();
    result.cases.push_back(bc);
  }
  return result;
}

std::string format_bench(const BenchResult& r) {
  char line[256];
  std::snprintf(line, sizeof line,
                "drsim-viz prepare benchmark: %zu records, %zu lanes, indexed once in %.1f ms; "
                "budget 16 ms/frame\n",
                r.records, r.lanes, r.index_ms);
  std::string out = line;
  for (const BenchCase& c : r.cases) {
    std::snprintf(line, sizeof line,
                  "  %-38s %6.2f ms median %6.2f p99 %6.2f max  %7zu draw items\n", c.name.c_str(),
                  c.ms_median, c.ms_p99, c.ms_max, c.draw_items);
    out += line;
  }
  return out;
}

}  // namespace drsim::viz
