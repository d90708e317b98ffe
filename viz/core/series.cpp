// Step series and their merges; see series.h.
#include "viz/core/series.h"

#include <algorithm>
#include <tuple>

#include "sim/check.h"

namespace drsim::viz {

size_t step_index_at(const std::vector<int64_t>& t_us, int64_t t) {
  DRSIM_CHECK(!t_us.empty(), "step_index_at: an empty series has no step; test empty() first");
  const auto it = std::upper_bound(t_us.begin(), t_us.end(), t);
  return it == t_us.begin() ? 0 : static_cast<size_t>(it - t_us.begin()) - 1;
}

void StepSeries::set(int64_t t, State s) {
  DRSIM_CHECK(t_us.empty() || t >= t_us.back(), "StepSeries::set: instants must not decrease");
  DRSIM_CHECK(lod.empty(), "StepSeries::set: the series is complete (its pyramid is built)");
  if (!t_us.empty() && t == t_us.back()) {
    states.back() = s;
    // The overwrite may have undone the change: drop it so that steps always differ.
    if (states.size() >= 2 && states[states.size() - 2] == s) {
      t_us.pop_back();
      states.pop_back();
    }
    return;
  }
  if (!states.empty() && states.back() == s) return;
  t_us.push_back(t);
  states.push_back(s);
}

int StepSeries::max_severity() const {
  int worst = 0;
  for (State s : states) worst = std::max(worst, state_severity(s));
  return worst;
}

const UserMix& worse_mix(const UserMix& a, const UserMix& b) {
  if (b.without_full() != a.without_full()) return b.without_full() > a.without_full() ? b : a;
  return b.users[3] > a.users[3] ? b : a;
}

void MixSeries::set(int64_t t, const UserMix& m) {
  DRSIM_CHECK(t_us.empty() || t >= t_us.back(), "MixSeries::set: instants must not decrease");
  DRSIM_CHECK(lod.empty(), "MixSeries::set: the series is complete (its pyramid is built)");
  if (!t_us.empty() && t == t_us.back()) {
    mixes.back() = m;
    if (mixes.size() >= 2 && mixes[mixes.size() - 2] == m) {
      t_us.pop_back();
      mixes.pop_back();
    }
    return;
  }
  if (!mixes.empty() && mixes.back() == m) return;
  t_us.push_back(t);
  mixes.push_back(m);
}

void ValueSeries::add(int64_t t, double v) {
  DRSIM_CHECK(t_us.empty() || t >= t_us.back(), "ValueSeries::add: instants must not decrease");
  DRSIM_CHECK(lod.empty(), "ValueSeries::add: the series is complete (its pyramid is built)");
  t_us.push_back(t);
  values.push_back(v);
}

double ValueSeries::max_value() const {
  double m = 0;
  for (double v : values) m = std::max(m, v);
  return m;
}

// A state pyramid is bytes, four buckets a step; the others hold step indices, one bucket a
// step, since only a few series (pools' users, backlogs) use them.
void StepSeries::build_lod(int64_t end_us) {
  lod = build_pyramid<uint8_t>(
      t_us, end_us, 4, [this](size_t i) { return state_code(states[i]); },
      [](uint8_t a, uint8_t b) { return std::max(a, b); });
}

void MixSeries::build_lod(int64_t end_us) {
  lod = build_pyramid<uint32_t>(
      t_us, end_us, 1, [](size_t i) { return static_cast<uint32_t>(i); },
      [this](uint32_t a, uint32_t b) {
        return &worse_mix(mixes[a], mixes[b]) == &mixes[a] ? a : b;
      });
}

void ValueSeries::build_lod(int64_t end_us) {
  lod = build_pyramid<uint32_t>(
      t_us, end_us, 1, [](size_t i) { return static_cast<uint32_t>(i); },
      [this](uint32_t a, uint32_t b) { return values[b] > values[a] ? b : a; });
}

StepSeries merge_worst(const std::vector<const StepSeries*>& members, State initial) {
  // Sweep over every member's changes in time order, keeping how many members are in each
  // state; the worst state with a non-zero count is the group's state.
  std::vector<std::tuple<int64_t, size_t, size_t>> changes;  // (time, member, step)
  std::array<int, kStateCount> count{};
  for (size_t m = 0; m < members.size(); ++m) {
    const StepSeries& s = *members[m];
    if (s.empty()) {
      ++count[static_cast<size_t>(initial)];
      continue;
    }
    ++count[static_cast<size_t>(s.states[0])];
    for (size_t i = 1; i < s.size(); ++i) changes.emplace_back(s.t_us[i], m, i);
  }
  std::sort(changes.begin(), changes.end());
  auto worst_now = [&count, initial] {
    State w = initial;
    for (int i = 0; i < kStateCount; ++i) {
      if (count[static_cast<size_t>(i)] > 0) w = worse(w, static_cast<State>(i));
    }
    return w;
  };
  StepSeries out;
  // Lanes start at the origin (build_timeline sees to it), so the group does too.
  out.set(0, worst_now());
  for (const auto& [t, m, i] : changes) {
    --count[static_cast<size_t>(members[m]->states[i - 1])];
    ++count[static_cast<size_t>(members[m]->states[i])];
    out.set(t, worst_now());
  }
  return out;
}

MixSeries merge_sum(const std::vector<const MixSeries*>& members) {
  std::vector<std::tuple<int64_t, size_t, size_t>> changes;
  for (size_t m = 0; m < members.size(); ++m) {
    for (size_t i = 0; i < members[m]->size(); ++i) changes.emplace_back(members[m]->t_us[i], m, i);
  }
  std::sort(changes.begin(), changes.end());
  std::vector<UserMix> current(members.size());
  UserMix sum;
  MixSeries out;
  for (const auto& [t, m, i] : changes) {
    const UserMix& next = members[m]->mixes[i];
    for (size_t k = 0; k < 4; ++k) sum.users[k] += next.users[k] - current[m].users[k];
    current[m] = next;
    out.set(t, sum);
  }
  return out;
}

}  // namespace drsim::viz
