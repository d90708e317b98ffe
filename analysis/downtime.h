// Downtime per component, computed from the event log alone (component.down / component.up
// records). A pure function: the same log always gives the same figures.
#pragma once

#include <string>
#include <vector>

#include "proto/eventlog.pb.h"

namespace drsim {

struct ComponentDowntime {
  std::string component;
  std::string kind;
  int outages = 0;
  double down_s = 0;      // total time down within [0, horizon)
  bool down_at_end = false;
};

// Components in the order they first went down.
std::vector<ComponentDowntime> component_downtime(const std::vector<log::Record>& records,
                                                  int64_t horizon_us);

}  // namespace drsim
