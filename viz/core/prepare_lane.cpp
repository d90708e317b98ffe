// Lane prepare steps; see prepare_lane.h.
#include "viz/core/prepare_lane.h"

#include <algorithm>
#include <array>

#include "sim/check.h"

namespace drsim::viz {

namespace {
// Dark text on light colours, light text on dark ones (perceived luminance, 0..255).
uint32_t text_color_on(uint32_t bg) {
  const uint32_t r = bg & 0xFF, g = (bg >> 8) & 0xFF, b = (bg >> 16) & 0xFF;
  return (r * 299 + g * 587 + b * 114) / 1000 > 140 ? rgba(20, 22, 26) : rgba(240, 242, 245);
}

// The state's name inside its run, when it fits.
void add_state_label(State state, float x0, float x1, float y0, float y1, const TextMetrics& labels,
                     DrawList& out) {
  const char* name = state_info(state).name;
  if (x1 - x0 < labels.width(name) + 8) return;
  const float x = std::max(x0, 0.0f) + 4;
  out.texts.push_back(
      {x, (y0 + y1 - labels.line_h_px) / 2, text_color_on(state_color(state)), name, x1});
}

// Rectangles gathered in a small array and appended to the draw list a batch at a time: a
// busy lane writes one per pixel, and an append per rectangle costs more than the rest of
// the lane's loop.
class RectBatch {
 public:
  explicit RectBatch(std::vector<DrawRect>& out) : out_(out) {}
  RectBatch(const RectBatch&) = delete;
  RectBatch& operator=(const RectBatch&) = delete;
  ~RectBatch() { flush(); }
  void add(const DrawRect& r) {
    if (n_ == batch_.size()) flush();
    batch_[n_++] = r;
  }

 private:
  void flush() {
    out_.insert(out_.end(), batch_.begin(), batch_.begin() + static_cast<std::ptrdiff_t>(n_));
    n_ = 0;
  }
  std::vector<DrawRect>& out_;
  std::array<DrawRect, 256> batch_;
  size_t n_ = 0;
};

// Accumulates touching runs of one value into one rectangle before writing it.
template <class Value>
struct Run {
  float x0 = 0, x1 = -1;
  Value value{};
  bool is_open = false;

  // True when (x0, value) continues the open run; otherwise the caller flushes first.
  bool extends(float nx0, const Value& nv) const {
    return is_open && nv == value && nx0 <= x1 + 0.01f;
  }
};
}  // namespace

void prepare_state_band(const StepSeries& s, int64_t end_us, const TimeView& v, float y0, float y1,
                        float alpha, const TextMetrics* labels, DrawList& out) {
  DRSIM_CHECK(y1 >= y0, "prepare_state_band: the band's bottom lies above its top");
  // The colours at this band's alpha, once: the loop below needs one per run.
  std::array<uint32_t, kStateCount> colors;
  for (size_t i = 0; i < colors.size(); ++i) {
    colors[i] = alpha < 1 ? with_alpha(kStateInfo[i].color, alpha) : kStateInfo[i].color;
  }
  // Narrow runs get no label, and no string is built for them (they are most runs when
  // zoomed out over a long log).
  const bool has_labels = labels != nullptr && alpha >= 1 && y1 - y0 >= labels->line_h_px;
  RectBatch rects(out.rects);
  Run<State> run;
  auto flush = [&] {
    rects.add({run.x0, y0, run.x1, y1, colors[static_cast<uint8_t>(run.value)]});
    if (has_labels && run.x1 - run.x0 >= 24)
      add_state_label(run.value, run.x0, run.x1, y0, y1, *labels, out);
  };
  auto emit = [&](float x0, float x1, State st) {
    if (run.extends(x0, st)) {
      run.x1 = x1;
      return;
    }
    if (run.is_open) flush();
    run = {x0, x1, st, true};
  };
  const std::vector<State>& states = s.states;
  const int64_t lo = s.empty() ? 0 : std::max(v.t0_us, s.t_us[0]), hi = std::min(v.t1_us, end_us);
  const int k = s.lod.level_for(1.0 / v.px_per_us());
  if (k >= 0 && lo < hi) {
    // Dense steps: runs of the pyramid's buckets of a pixel or more, each its worst state.
    walk_buckets(s.lod, k, lo, hi, v,
                 [&](float x0, float x1, uint8_t code) { emit(x0, x1, state_of_code(code)); });
  } else {
    walk_steps(
        s.t_us, end_us, v, LodPyramid{},
        [&states](size_t a, size_t b) {
          return state_severity(states[b]) > state_severity(states[a]) ? b : a;
        },
        [&states](size_t i) { return state_severity(states[i]) >= kMaxSeverity; },
        [&](float x0, float x1, size_t i) { emit(x0, x1, states[i]); });
  }
  if (run.is_open) flush();
}

void prepare_mix_band(const MixSeries& s, int64_t end_us, const TimeView& v, float y0, float y1,
                      int64_t scale_users, float alpha, DrawList& out) {
  DRSIM_CHECK(y1 >= y0, "prepare_mix_band: the band's bottom lies above its top");
  DRSIM_CHECK(scale_users >= 0, "prepare_mix_band: negative scale");
  static constexpr State kLevels[] = {State::kFull, State::kResiliency, State::kVoiceOnly,
                                      State::kSignedOut};
  RectBatch rects(out.rects);
  Run<UserMix> run;
  auto flush = [&] {
    if (!run.is_open) return;
    const int64_t total = scale_users > 0 ? scale_users : run.value.total();
    run.is_open = false;
    if (total <= 0) return;
    // Stack from the bottom up: full, resiliency, voice only, signed out.
    float bottom = y1;
    for (size_t k = 0; k < 4; ++k) {
      if (run.value.users[k] == 0) continue;
      const float h =
          (y1 - y0) * static_cast<float>(run.value.users[k]) / static_cast<float>(total);
      const uint32_t color = state_color(kLevels[k]);
      rects.add({run.x0, bottom - h, run.x1, bottom, alpha < 1 ? with_alpha(color, alpha) : color});
      bottom -= h;
    }
  };
  walk_steps(
      s.t_us, end_us, v, s.lod,
      [&s](size_t a, size_t b) {
        return &worse_mix(s.mixes[a], s.mixes[b]) == &s.mixes[a] ? a : b;
      },
      [&s](size_t i) { return s.mixes[i].users[3] == s.mixes[i].total(); },
      [&](float x0, float x1, size_t i) {
        if (!run.extends(x0, s.mixes[i])) {
          flush();
          run = {x0, x1, s.mixes[i], true};
        }
        run.x1 = x1;
      });
  flush();
}

void prepare_step_line(const ValueSeries& s, int64_t end_us, const TimeView& v, float y0, float y1,
                       double vmax, uint32_t color, float thickness, DrawList& out) {
  const std::vector<double>& values = s.values;
  DRSIM_CHECK(s.t_us.size() == values.size(), "prepare_step_line: one value per instant");
  if (vmax <= 0) vmax = 1;
  auto y_of = [&](double value) {
    return y1 - (y1 - y0) * static_cast<float>(std::clamp(value / vmax, 0.0, 1.0));
  };
  Run<double> run;
  bool has_previous = false;
  float previous_y = 0;
  auto flush = [&] {
    if (!run.is_open) return;
    const float y = y_of(run.value);
    if (has_previous && previous_y != y)
      out.lines.push_back({run.x0, previous_y, run.x0, y, color, thickness});
    out.lines.push_back({run.x0, y, run.x1, y, color, thickness});
    has_previous = true;
    previous_y = y;
    run.is_open = false;
  };
  walk_steps(
      s.t_us, end_us, v, s.lod,
      [&values](size_t a, size_t b) { return values[b] > values[a] ? b : a; },
      [&values, vmax](size_t i) { return values[i] >= vmax; },
      [&](float x0, float x1, size_t i) {
        if (!run.extends(x0, values[i])) {
          flush();
          run = {x0, x1, values[i], true};
        }
        run.x1 = x1;
      });
  flush();
}

}  // namespace drsim::viz
