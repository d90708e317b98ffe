// The flat form of a sweep's accumulator that MPI ranks send each other: one layout, walked
// by a writer in serialize() and by a reader in deserialize(), so the two cannot drift apart.
#include <cstring>

#include "analysis/sweep.h"
#include "sim/check.h"

namespace drsim {

namespace {

class WordWriter {
 public:
  explicit WordWriter(std::vector<uint64_t>* out) : out_(out) {}
  void operator()(const uint64_t& v) { out_->push_back(v); }
  void operator()(const double& v) {
    uint64_t bits;
    static_assert(sizeof bits == sizeof v);
    std::memcpy(&bits, &v, sizeof bits);
    out_->push_back(bits);
  }
  template <class T>
  void operator()(const T& accumulated) {  // Stat, TopReplications
    accumulated.serialize(out_);
  }
  void operator()(const Proportion& p) {
    (*this)(p.n);
    (*this)(p.k);
  }
  template <class Row>
  const std::vector<Row>& rows(const std::vector<Row>& rows) {
    out_->push_back(rows.size());
    return rows;
  }

 private:
  std::vector<uint64_t>* out_;
};

class WordReader {
 public:
  explicit WordReader(const std::vector<uint64_t>& words)
      : in_(words.data()), end_(words.data() + words.size()) {}
  void operator()(uint64_t& v) { v = *in_++; }
  void operator()(double& v) {
    const uint64_t bits = *in_++;
    std::memcpy(&v, &bits, sizeof v);
  }
  template <class T>
  void operator()(T& accumulated) {
    accumulated.deserialize(in_);
  }
  void operator()(Proportion& p) {
    (*this)(p.n);
    (*this)(p.k);
  }
  template <class Row>
  std::vector<Row>& rows(std::vector<Row>& rows) {
    const uint64_t n = *in_++;
    DRSIM_CHECK(n <= static_cast<uint64_t>(end_ - in_) / kWordsPerRow, "more rows than words");
    rows.assign(n, {});
    return rows;
  }
  bool at_end() const { return in_ == end_; }

  static constexpr uint64_t kWordsPerRow = 15;

 private:
  const uint64_t* in_;
  const uint64_t* end_;
};

}  // namespace

template <class Self, class Io>
void SweepAccumulator::transfer(Self& self, Io& io) {
  auto each = [&io](auto& container) {
    for (auto& x : container) io(x);
  };
  io(self.replications);
  io(self.measured_years);
  each(self.rpo_s);
  each(self.stranded_s);
  each(self.no_backup_incidents);
  each(self.rto_s);
  each(self.rto_total_by_disruption);
  io(self.user_availability);
  each(self.pool_availability);
  each(self.pool_running);
  each(self.backend_available);
  io(self.downtime_s_per_year);
  io(self.incidents_per_year);
  io(self.events);
  io(self.worst_downtime);
  io(self.worst_rto);
  io(self.worst_rpo);
  for (size_t d = 0; d < static_cast<size_t>(kDisruptionCount); ++d) {
    io(self.rto_met[d]);
    io(self.rpo_met[d]);
  }
  io(self.pstn_impact);
  io(self.pstn_unrestored_incidents);
  io(self.pstn_target_met);
  io(self.remote_sign_in_target_met);
  io(self.pstn_rto_s);
  io(self.pstn_minutes_lost_per_year);
  for (size_t i = 0; i < kModalityCount; ++i) {
    io(self.access_impact[i]);
    io(self.access_unrestored_incidents[i]);
    io(self.access_rto_s[i]);
  }
  io(self.remote_user_hours_lost_per_year);
  io(self.pchat_impact);
  io(self.pchat_unrestored_incidents);
  io(self.pchat_restore_s);
  io(self.pchat_messages_lost);
  io(self.pchat_user_hours_lost_per_year);
  io(self.pchat_availability);
  for (size_t p = 0; p < self.pool_rto_met.size(); ++p) {
    io(self.pool_rto_met[p]);
    io(self.pool_rpo_met[p]);
    io(self.pool_rpo_stranded_incidents[p]);
  }
  io(self.user_hours_lost_per_year);
  io(self.pstn_outbound_user_hours_per_year);
  io(self.pstn_inbound_user_hours_per_year);
  io(self.branch_user_hours_lost_per_year);
  for (auto& r : io.rows(self.rows)) {  // WordReader::kWordsPerRow words each
    io(r.replication);
    io(r.incidents);
    io(r.incidents_with_impact);
    io(r.downtime_s);
    io(r.downtime_s_per_year);
    io(r.user_availability);
    io(r.rto_total_max_s);
    io(r.rpo_policy_max_s);
    io(r.rpo_user_data_max_s);
    io(r.incidents_per_year);
    io(r.user_hours_lost_per_year);
    io(r.pstn_minutes_lost_per_year);
    io(r.remote_user_hours_lost_per_year);
    io(r.pchat_user_hours_lost_per_year);
    io(r.events);
  }
}

std::vector<uint64_t> SweepAccumulator::serialize() const {
  std::vector<uint64_t> words;
  WordWriter writer(&words);
  transfer(*this, writer);
  return words;
}

void SweepAccumulator::deserialize(const std::vector<uint64_t>& words) {
  WordReader reader(words);
  transfer(*this, reader);
  DRSIM_CHECK(reader.at_end(), "sweep accumulator words do not match the scenario");
}

}  // namespace drsim
