// MPI support for sweeps; see mpi_world.h. Without MPI (DRSIM_HAVE_MPI undefined) the world
// is a single process and every collective is the identity.
#include "cli/mpi_world.h"

#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#ifdef DRSIM_HAVE_MPI
#include <mpi.h>
#endif

#include "sim/check.h"

namespace drsim::cli {

namespace {
MpiWorld* g_world = nullptr;
}

MpiWorld* MpiWorld::current() { return g_world; }

MpiWorld::MpiWorld(int* argc, char*** argv) {
  if (argc == nullptr) return;  // an inert single-process world (library use, tests)
  g_world = this;
#ifdef DRSIM_HAVE_MPI
  // Only when launched by an MPI starter: a plain run must not need an MPI runtime.
  if (std::getenv("OMPI_COMM_WORLD_SIZE") == nullptr && std::getenv("PMI_SIZE") == nullptr) return;
  MPI_Init(argc, argv);
  initialized_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
  (void)argc;
  (void)argv;
#endif
}

MpiWorld::~MpiWorld() {
#ifdef DRSIM_HAVE_MPI
  if (initialized_) MPI_Finalize();
#endif
  if (g_world == this) g_world = nullptr;
}

void MpiWorld::gather_merge(SweepAccumulator* acc) const {
#ifdef DRSIM_HAVE_MPI
  if (size_ == 1) return;
  // The ranks' accumulators differ in length when they keep replication rows: the lengths
  // first, then the words.
  const std::vector<uint64_t> mine = acc->serialize();
  DRSIM_CHECK(mine.size() <= static_cast<size_t>(INT32_MAX),
              "a rank's accumulator is too large for one message");
  const int words = static_cast<int>(mine.size());
  std::vector<int> counts(is_root() ? static_cast<size_t>(size_) : 0), offsets;
  MPI_Gather(&words, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  size_t total = 0;
  for (int c : counts) {
    offsets.push_back(static_cast<int>(total));
    total += static_cast<size_t>(c);
  }
  DRSIM_CHECK(total <= static_cast<size_t>(INT32_MAX),
              "the ranks' accumulators are too large for one gather");
  std::vector<uint64_t> all(is_root() ? total : 0);
  MPI_Gatherv(mine.data(), words, MPI_UINT64_T, all.data(), counts.data(), offsets.data(),
              MPI_UINT64_T, 0, MPI_COMM_WORLD);
  if (!is_root()) return;
  for (int r = 1; r < size_; ++r) {
    SweepAccumulator other = *acc;
    const auto begin = all.begin() + offsets[static_cast<size_t>(r)];
    other.deserialize(std::vector<uint64_t>(begin, begin + counts[static_cast<size_t>(r)]));
    acc->merge(other);
  }
#else
  (void)acc;
#endif
}

bool MpiWorld::broadcast(bool flag) const {
#ifdef DRSIM_HAVE_MPI
  if (size_ == 1) return flag;
  int v = flag ? 1 : 0;
  MPI_Bcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return v != 0;
#else
  return flag;
#endif
}

uint64_t MpiWorld::sum(uint64_t value) const {
#ifdef DRSIM_HAVE_MPI
  if (size_ == 1) return value;
  uint64_t total = 0;
  MPI_Allreduce(&value, &total, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  return total;
#else
  return value;
#endif
}

void MpiWorld::abort(int code) const {
#ifdef DRSIM_HAVE_MPI
  if (initialized_) {
    std::fflush(stdout);
    std::fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, code);
  }
#endif
  std::exit(code);
}

void run_distributed(const MpiWorld& world, const scenario::Scenario& s, uint64_t seed,
                     uint64_t first, uint64_t n, uint64_t batch, int threads,
                     std::atomic<bool>* stop, SweepAccumulator* acc, bool merge_each_batch,
                     const std::function<bool(uint64_t, const SweepAccumulator&)>& after_batch,
                     const ReplayHint& replay) {
  uint64_t begin = first;
  const uint64_t end = first + n;
  SweepAccumulator mine(s, acc->keep_rows);  // this rank's replications only
  while (begin < end) {
    const uint64_t stop_at = std::min(end, begin + batch);
    // Contiguous slices: rank r of R takes [begin + r*k/R, begin + (r+1)*k/R).
    const uint64_t k = stop_at - begin;
    const uint64_t r = static_cast<uint64_t>(world.rank()),
                   size = static_cast<uint64_t>(world.size());
    uint64_t done_here = 0;
    run_replications(s, seed, begin + r * k / size, begin + (r + 1) * k / size, threads, stop,
                     &mine, &done_here, replay);
    begin = stop_at;
    const bool interrupted = world.sum(stop != nullptr && stop->load() ? 1 : 0) > 0;
    // Rank 0 decides on the merged statistics so far; every rank follows its decision. The
    // merge costs a gather, so it is done only when the decision needs it.
    // The decision reads statistics, not replication rows: those stay with `mine` until the
    // final gather instead of being copied and sent after every batch.
    std::vector<ReplicationRow> rows = std::move(mine.rows);
    mine.rows.clear();
    SweepAccumulator merged = mine;
    mine.rows = std::move(rows);
    merged.keep_rows = false;
    if (merge_each_batch) world.gather_merge(&merged);
    const bool halt =
        world.broadcast(interrupted || after_batch(world.sum(mine.replications), merged));
    if (halt || interrupted) {
      if (stop != nullptr && interrupted) stop->store(true);
      break;
    }
  }
  *acc = mine;
  world.gather_merge(acc);
}

}  // namespace drsim::cli
