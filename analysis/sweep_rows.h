// `drsim sweep --replications-csv FILE`: one row per replication of a sweep, in replication
// order, for spreadsheets and scripts that want the distribution behind the summary (or the
// replications to replay: `drsim run --seed S --replication K`). Units last in every column
// name (docs/reports.md); the same bytes for any thread or MPI rank count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/sweep.h"

namespace drsim {

std::string replication_rows_csv(const std::vector<ReplicationRow>& rows, uint64_t seed);

}  // namespace drsim
