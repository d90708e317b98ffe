// Downtime per component from the log; see downtime.h.
#include "analysis/downtime.h"

#include <map>

#include "sim/event_log.h"

namespace drsim {

std::vector<ComponentDowntime> component_downtime(const std::vector<log::Record>& records,
                                                  int64_t horizon_us) {
  std::vector<ComponentDowntime> out;
  std::map<std::string, size_t> index;
  std::map<std::string, int64_t> down_since;
  for (const log::Record& r : records) {
    const bool down = r.kind() == "component.down";
    if (!down && r.kind() != "component.up") continue;
    auto [it, inserted] = index.emplace(r.subject(), out.size());
    if (inserted) {
      ComponentDowntime d;
      d.component = r.subject();
      if (const log::Field* k = find_field(r, "component_kind")) d.kind = k->string_value();
      out.push_back(d);
    }
    ComponentDowntime& d = out[it->second];
    if (down) {
      ++d.outages;
      down_since[r.subject()] = r.time_us();
    } else if (auto s = down_since.find(r.subject()); s != down_since.end()) {
      d.down_s += static_cast<double>(r.time_us() - s->second) / 1e6;
      down_since.erase(s);
    }
  }
  for (const auto& [name, since] : down_since) {
    ComponentDowntime& d = out[index.at(name)];
    d.down_s += static_cast<double>(horizon_us - since) / 1e6;
    d.down_at_end = true;
  }
  return out;
}

}  // namespace drsim
