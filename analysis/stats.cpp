// Mergeable statistics; see stats.h.
#include "analysis/stats.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "sim/check.h"

namespace drsim {

double LogHistogram::bucket_low(int i) { return kMin * std::pow(kRatio, i - 1); }

void LogHistogram::add(double value) {
  ++total_;
  if (!(value >= kMin)) {  // zero, negative, tiny or NaN all count as zero
    ++counts_[0];
    return;
  }
  int i = 1 + static_cast<int>(std::floor(std::log(value / kMin) / std::log(kRatio)));
  i = std::clamp(i, 1, kBuckets);
  ++counts_[static_cast<size_t>(i)];
}

void LogHistogram::merge(const LogHistogram& other) {
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  total_ += other.total_;
}

double LogHistogram::quantile(double q) const {
  if (total_ == 0) return 0;
  const uint64_t rank =
      std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * static_cast<double>(total_))));
  uint64_t seen = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      if (i == 0) return 0;
      return bucket_low(static_cast<int>(i)) * std::sqrt(kRatio);
    }
  }
  return bucket_low(kBuckets) * kRatio;
}

void LogHistogram::serialize(std::vector<uint64_t>* out) const {
  out->push_back(total_);
  out->insert(out->end(), counts_.begin(), counts_.end());
}

void LogHistogram::deserialize(const uint64_t*& in) {
  total_ = *in++;
  for (uint64_t& c : counts_) c = *in++;
}

void Stat::add(double value, uint64_t replication) {
  DRSIM_CHECK(std::isfinite(value), "statistics take finite values only");
  const int64_t v = std::llround(value * scale_);
  ++n_;
  sum_ += v;
  sumsq_ += static_cast<int128_t>(v) * v;
  min_ = std::min(min_, v);
  if (v > max_ || (v == max_ && replication < argmax_)) {
    max_ = v;
    argmax_ = replication;
  }
  hist_.add(value);
}

void Stat::merge(const Stat& o) {
  DRSIM_CHECK(scale_ == o.scale_, "merging statistics of different units");
  n_ += o.n_;
  sum_ += o.sum_;
  sumsq_ += o.sumsq_;
  min_ = std::min(min_, o.min_);
  if (o.max_ > max_ || (o.max_ == max_ && o.argmax_ < argmax_)) {
    max_ = o.max_;
    argmax_ = o.argmax_;
  }
  hist_.merge(o.hist_);
}

double Stat::mean() const {
  return n_ > 0 ? static_cast<double>(static_cast<long double>(sum_) / n_) / scale_ : 0;
}

double Stat::quantile(double q) const {
  if (n_ == 0) return 0;
  DRSIM_CHECK(min_ <= max_, "a statistic with values but no extremes");
  return std::clamp(hist_.quantile(q), min(), max());
}

double Stat::stddev() const {
  if (n_ < 2) return 0;
  const long double n = static_cast<long double>(n_);
  const long double s = static_cast<long double>(sum_);
  const long double var = (static_cast<long double>(sumsq_) - s * s / n) / (n - 1);
  return var > 0 ? static_cast<double>(std::sqrt(var)) / scale_ : 0;
}

double Stat::ci95_halfwidth() const {
  return n_ >= 2 ? 1.959964 * stddev() / std::sqrt(static_cast<double>(n_)) : INFINITY;
}

namespace {
void put128(std::vector<uint64_t>* out, int128_t v) {
  out->push_back(static_cast<uint64_t>(v));
  out->push_back(static_cast<uint64_t>(v >> 64));
}
int128_t get128(const uint64_t*& in) {
  const uint64_t lo = *in++;
  const uint64_t hi = *in++;
  return static_cast<int128_t>((static_cast<uint128_t>(hi) << 64) | lo);
}
}  // namespace

void Stat::serialize(std::vector<uint64_t>* out) const {
  out->push_back(n_);
  put128(out, sum_);
  put128(out, sumsq_);
  out->push_back(static_cast<uint64_t>(min_));
  out->push_back(static_cast<uint64_t>(max_));
  out->push_back(argmax_);
  hist_.serialize(out);
}

void Stat::deserialize(const uint64_t*& in) {
  n_ = *in++;
  sum_ = get128(in);
  sumsq_ = get128(in);
  min_ = static_cast<int64_t>(*in++);
  max_ = static_cast<int64_t>(*in++);
  argmax_ = *in++;
  hist_.deserialize(in);
}

namespace {
bool ranks_before(const TopReplications::Entry& a, const TopReplications::Entry& b) {
  return a.value > b.value || (a.value == b.value && a.replication < b.replication);
}
}  // namespace

void TopReplications::add(double value, uint64_t replication) {
  if (!(value > 0)) return;
  const Entry e{value, replication};
  if (entries_.size() == k_ && !ranks_before(e, entries_.back())) return;
  entries_.insert(std::upper_bound(entries_.begin(), entries_.end(), e, ranks_before), e);
  if (entries_.size() > k_) entries_.pop_back();
}

void TopReplications::merge(const TopReplications& o) {
  for (const Entry& e : o.entries_) add(e.value, e.replication);
}

// Always 1 + 2k words, so every rank's accumulator has the same size (MPI_Gather needs it).
void TopReplications::serialize(std::vector<uint64_t>* out) const {
  out->push_back(entries_.size());
  for (size_t i = 0; i < k_; ++i) {
    const Entry e = i < entries_.size() ? entries_[i] : Entry{};
    uint64_t bits;
    std::memcpy(&bits, &e.value, sizeof bits);
    out->push_back(bits);
    out->push_back(e.replication);
  }
}

void TopReplications::deserialize(const uint64_t*& in) {
  const uint64_t n = *in++;
  DRSIM_CHECK(n <= k_, "more worst replications than kept");
  entries_.resize(n);
  for (size_t i = 0; i < k_; ++i) {
    Entry e;
    const uint64_t bits = *in++;
    std::memcpy(&e.value, &bits, sizeof bits);
    e.replication = *in++;
    if (i < n) entries_[i] = e;
  }
}

namespace {
// Wilson score interval at 95 %.
void wilson(uint64_t n, uint64_t k, double* lo, double* hi) {
  if (n == 0) {
    *lo = 0;
    *hi = 1;
    return;
  }
  const double z = 1.959964, nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
  const double denom = 1 + z * z / nn;
  const double centre = (p + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  *lo = std::max(0.0, centre - half);
  *hi = std::min(1.0, centre + half);
}
}  // namespace

double Proportion::ci_low() const {
  double lo, hi;
  wilson(n, k, &lo, &hi);
  return lo;
}

double Proportion::ci_high() const {
  double lo, hi;
  wilson(n, k, &lo, &hi);
  return hi;
}

}  // namespace drsim
