// The MPI world a sweep runs in: one process (no MPI, or MPI with a single rank) or several
// ranks under mpirun. Sweeps split every batch of replications into contiguous slices, one
// per rank; rank 0 gathers the ranks' accumulators and merges them. The merge is exact, so
// the output is the same bytes as a single-process run.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "analysis/sweep.h"
#include "experiments/sweep_run.h"

namespace drsim::cli {

class MpiWorld {
 public:
  // Initialises MPI when the program was started by mpirun (and built with MPI), and becomes
  // current(). With argc == nullptr: an inert single-process world.
  MpiWorld(int* argc, char*** argv);
  ~MpiWorld();
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  // Merges every rank's accumulator into rank 0's `acc` (others' are left unchanged).
  void gather_merge(SweepAccumulator* acc) const;
  // Rank 0's value of `flag`, on every rank.
  bool broadcast(bool flag) const;
  // The sum over ranks of `value`, on every rank.
  uint64_t sum(uint64_t value) const;
  // Ends every rank: a rank that fails must not leave a silent partial result.
  [[noreturn]] void abort(int code) const;

  static MpiWorld* current();

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialized_ = false;
};

// Runs replications [first, first + n) across the ranks (and each rank's threads) in batches,
// calling `after_batch(done_so_far, merged)` after each batch; rank 0's answer (true: stop)
// holds for all. `merged` holds every rank's replications only with merge_each_batch.
// On return rank 0's `acc` holds every finished replication. A replication cut short on any
// rank throws its InputError there (`replay` names it); main() then ends every rank.
void run_distributed(const MpiWorld& world, const scenario::Scenario& s, uint64_t seed,
                     uint64_t first, uint64_t n, uint64_t batch, int threads,
                     std::atomic<bool>* stop, SweepAccumulator* acc, bool merge_each_batch,
                     const std::function<bool(uint64_t, const SweepAccumulator&)>& after_batch,
                     const ReplayHint& replay);

}  // namespace drsim::cli
