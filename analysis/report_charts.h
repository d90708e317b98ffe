// The report's two SVG charts: the incident timeline (a Gantt chart of the lanes of
// report_timeline.h over a time window) and the topology diagram. Both return a complete
// <svg> element (svg_element), which report.html inlines and report.md links as a file.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "analysis/report_timeline.h"
#include "analysis/report_topology.h"

namespace drsim {

struct TimelineChart {
  std::string title;
  TimeWindow window;  // the part of the run drawn across the chart's width
  double width_px = 1200;
  // Routing groups beyond this many are left out of the chart (the CSV and the trace keep
  // them all); a note says how many.
  size_t max_routing_group_lanes = 64;
  // Leave out lanes that hold only their healthy state within the window (zoomed incident
  // charts: the overview keeps every lane so that nothing is missing from it).
  bool only_active_lanes = false;
  // Fold routing groups that keep full service throughout the window into one line that says
  // how many (a pool of 7 servers has dozens; the CSV and the trace keep them all).
  bool fold_healthy_routing_groups = true;
};

std::string timeline_svg(const ReportTimeline& timeline, const TimelineChart& chart);

// Sites as boxes side by side, each pool inside its site with its Front End servers and Back
// End SQL servers; pairing between pools and the WAN links between sites. Components that
// went down during the run (per `timeline`) are outlined in red.
std::string topology_svg(const ReportTopology& topology, const ReportTimeline& timeline);

// The order the topology diagram draws sites in, left to right: sites whose pools are paired
// next to each other where the pairing allows (the file's order otherwise), so that pairing
// lines cross as little of the diagram as they can.
std::vector<std::string> order_sites(const ReportTopology& topology);

}  // namespace drsim
