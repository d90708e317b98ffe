// Step functions of time, the storage behind every timeline lane and plot.
//
// A series is a list of change instants with the value that holds from each until the next
// (the last value holds until the model's end). Instants are int64 microseconds, as in the
// event log. Values are kept in parallel arrays so that a binary search over the instants
// touches only the instants: that search is what keeps a frame fast on a huge log.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "viz/core/lod.h"
#include "viz/core/states.h"

namespace drsim::viz {

// Index of the step in force at t in sorted instants: the last i with t_us[i] <= t, or 0
// when t lies before the first (the first value is taken to hold from the start).
size_t step_index_at(const std::vector<int64_t>& t_us, int64_t t);

struct StepSeries {
  std::vector<int64_t> t_us;
  std::vector<State> states;
  // The worst state per bucket, as a state_code(); built once the series is complete.
  Pyramid<uint8_t> lod;

  // The state becomes `s` at `t`. Changes at the same instant keep only the last (the state
  // a reader sees once that instant's records are done); a change to the current state is
  // dropped. Instants must not decrease.
  void set(int64_t t, State s);
  size_t size() const { return t_us.size(); }
  bool empty() const { return t_us.empty(); }
  State at(int64_t t) const { return states[step_index_at(t_us, t)]; }
  // The worst severity the series ever reaches.
  int max_severity() const;
  // Builds `lod` for a series complete up to end_us; set() afterwards is a bug.
  void build_lod(int64_t end_us);
};

// A state and its severity in one byte (severity in the top 3 bits, the State in the low 5),
// so that the larger code is the worse state: the worst of many buckets is their maximum. On
// equal severities the larger State wins.
inline uint8_t state_code(State s) {
  return static_cast<uint8_t>(state_severity(s) << 5 | static_cast<uint8_t>(s));
}
inline State state_of_code(uint8_t code) { return static_cast<State>(code & 0x1F); }
static_assert(kStateCount <= 32 && kMaxSeverity < 8,
              "a state code packs severity and State in a byte");

// Users of a pool (or of all pools) at each service level, in State order (full, resiliency,
// voice only, signed out).
struct UserMix {
  std::array<int64_t, 4> users{};
  int64_t total() const { return users[0] + users[1] + users[2] + users[3]; }
  int64_t without_full() const { return users[1] + users[2] + users[3]; }
  bool operator==(const UserMix&) const = default;
};
// The more harmful of two mixes: more users without full service, then more signed out.
const UserMix& worse_mix(const UserMix& a, const UserMix& b);

struct MixSeries {
  std::vector<int64_t> t_us;
  std::vector<UserMix> mixes;
  LodPyramid lod;  // the most harmful mix per bucket

  void set(int64_t t, const UserMix& m);  // same rules as StepSeries::set
  size_t size() const { return t_us.size(); }
  bool empty() const { return t_us.empty(); }
  const UserMix& at(int64_t t) const { return mixes[step_index_at(t_us, t)]; }
  void build_lod(int64_t end_us);
};

// A sampled quantity drawn as a step plot (Backup Service backlog in bytes).
struct ValueSeries {
  std::vector<int64_t> t_us;
  std::vector<double> values;
  LodPyramid lod;  // the largest value per bucket

  void add(int64_t t, double v);
  size_t size() const { return t_us.size(); }
  double max_value() const;
  void build_lod(int64_t end_us);
};

// The worst state among `members` at every instant: what a collapsed group shows.
StepSeries merge_worst(const std::vector<const StepSeries*>& members, State initial);
// The sum of several pools' mixes at every instant: the users of the whole deployment.
MixSeries merge_sum(const std::vector<const MixSeries*>& members);

}  // namespace drsim::viz
