// Mergeable statistics for Monte Carlo sweeps.
//
// Every accumulator keeps integer sums (values in fixed-point units, sums in 128 bits) and
// histogram counts, so merging is exact and order-free: the result is bit-identical whatever
// the number of threads or MPI ranks and whatever order partial results arrive in. Memory
// is flat in the number of replications.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace drsim {

__extension__ typedef __int128 int128_t;
__extension__ typedef unsigned __int128 uint128_t;

// Counts of values in logarithmic buckets (ratio 1.02 from 1e-3 to 1e10 units), plus a
// bucket for zero and negatives; quantiles are read with under 1 % relative error.
class LogHistogram {
 public:
  static constexpr double kMin = 1e-3;
  static constexpr double kRatio = 1.02;
  static constexpr int kBuckets = 1525;  // log(1e13) / log(1.02)

  void add(double value);
  void merge(const LogHistogram& other);
  // The q-quantile (0..1) by nearest rank, as the geometric middle of its bucket.
  double quantile(double q) const;
  uint64_t count() const { return total_; }
  const std::vector<uint64_t>& buckets() const { return counts_; }  // [0] is zero
  static double bucket_low(int i);                                  // lower edge of bucket i >= 1
  void serialize(std::vector<uint64_t>* out) const;
  void deserialize(const uint64_t*& in);

 private:
  std::vector<uint64_t> counts_ = std::vector<uint64_t>(kBuckets + 1, 0);
  uint64_t total_ = 0;
};

// Mean, variance, extremes (with the replication behind the maximum) and a histogram of a
// quantity, accumulated exactly. Values are stored in units of 1 / scale.
class Stat {
 public:
  Stat() = default;
  explicit Stat(double scale) : scale_(scale) {}
  void add(double value, uint64_t replication);
  void merge(const Stat& other);

  uint64_t n() const { return n_; }
  double mean() const;
  double stddev() const;
  // Half-width of the normal-approximation 95 % confidence interval of the mean.
  double ci95_halfwidth() const;
  double min() const { return static_cast<double>(min_) / scale_; }
  double max() const { return static_cast<double>(max_) / scale_; }
  uint64_t argmax() const { return argmax_; }
  // The histogram's q-quantile clamped to [min, max]: a bucket's middle can lie beyond the
  // extreme values it holds (one value reads as itself, never as its bucket's middle).
  double quantile(double q) const;
  const LogHistogram& histogram() const { return hist_; }
  void serialize(std::vector<uint64_t>* out) const;
  void deserialize(const uint64_t*& in);

 private:
  double scale_ = 1000;  // seconds to milliseconds by default
  uint64_t n_ = 0;
  int128_t sum_ = 0;
  int128_t sumsq_ = 0;
  int64_t min_ = INT64_MAX;
  int64_t max_ = INT64_MIN;
  uint64_t argmax_ = UINT64_MAX;  // the lowest replication index reaching the maximum
  LogHistogram hist_;
};

// The replications with the largest values of a per-replication quantity (the worst ones, to
// replay with `drsim run --replication K`). Ties go to the lower replication index, so merging
// keeps the k largest of the union under a strict order: the list is the same however the
// replications were split among threads and ranks. Values of zero or less are not kept.
class TopReplications {
 public:
  struct Entry {
    double value = 0;
    uint64_t replication = 0;
  };
  explicit TopReplications(size_t k = 20) : k_(k) {}
  void add(double value, uint64_t replication);
  void merge(const TopReplications& other);
  const std::vector<Entry>& entries() const { return entries_; }  // largest first
  void serialize(std::vector<uint64_t>* out) const;
  void deserialize(const uint64_t*& in);

 private:
  size_t k_;
  std::vector<Entry> entries_;
};

// A proportion k of n with its Wilson 95 % interval.
struct Proportion {
  uint64_t n = 0;
  uint64_t k = 0;
  void add(bool success) {
    ++n;
    k += success ? 1 : 0;
  }
  void merge(const Proportion& o) {
    n += o.n;
    k += o.k;
  }
  double value() const { return n > 0 ? static_cast<double>(k) / static_cast<double>(n) : 0; }
  double ci_low() const;
  double ci_high() const;
};

}  // namespace drsim
