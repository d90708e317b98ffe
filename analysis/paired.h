// Paired differences of two sweeps that share their failures. Sensitivity and advise sweep a
// changed scenario with the base's seed and replication indexes (common random numbers), so
// replication k of one sweep meets the same failures as replication k of the other. For a
// figure measured once per replication (availability, downtime, incidents, PSTN minutes,
// user-hours per year) the honest interval of a change's effect is that of the mean of the
// per-replication differences: the shared failures cancel, and it is much narrower than two
// independent intervals added. Figures over incidents (RTO, RPO, shares of incidents) do not
// pair one to one (a change can add or remove incidents), so they keep the unpaired rule.
#pragma once

#include <cstdint>
#include <optional>

#include "analysis/sweep_digest.h"
#include "analysis/sweep_grid.h"

namespace drsim {

// The mean over replications of (after - before) and its 95 % half-width (1.96 standard
// errors of the differences, as Stat's); none below two pairs.
struct PairedDifference {
  uint64_t pairs = 0;
  double mean = 0;
  std::optional<double> ci95_halfwidth;
  // The interval leaves out zero: the effect is beyond the noise of these replications.
  bool beyond_noise() const;
};

// The ReplicationRow field a grid column averages, or null when the column is not a
// per-replication figure (every RTO, RPO and share of incidents).
double ReplicationRow::*per_replication_field(const GridColumn& c);

// after - before, replication by replication, of `field`; none unless both digests kept their
// rows (SweepDigest.replication_rows) for the same replication indexes, so that row k of one
// met the failures of row k of the other.
std::optional<PairedDifference> paired_difference(const SweepDigest& before,
                                                  const SweepDigest& after,
                                                  double ReplicationRow::*field);
// The same for a grid column; none also when the column is not per-replication or either
// digest gives it no value (the quantity is not modelled there).
std::optional<PairedDifference> paired_difference(const SweepDigest& before,
                                                  const SweepDigest& after, const GridColumn& c);

}  // namespace drsim
