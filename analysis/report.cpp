// The report's content and files; see report.h.
#include "analysis/report.h"

#include <algorithm>

#include "analysis/chrome_trace.h"
#include "analysis/report_charts.h"
#include "analysis/report_csv.h"
#include "analysis/report_format.h"
#include "analysis/run_report_text.h"
#include "analysis/svg.h"

namespace drsim {

ReportContent prepare_report(const LogFile& log, const scenario::Scenario* scenario) {
  ReportContent c;
  c.header = log.header;
  c.report = summarize_log(log);
  c.has_scenario = scenario != nullptr;
  if (scenario != nullptr) {
    c.description = scenario->description();
    c.summary = scenario_summary(*scenario);
    c.topology = topology_from_scenario(*scenario);
    c.has_policy = has_policy_targets(*scenario);
    c.rgs_replicated = scenario->backup_service().enable_rgs_backup();
    c.verdicts = policy_verdicts(c.report, *scenario);
    if (c.has_policy) c.rpo_reading = rpo_reading_text(*scenario);
  } else {
    c.topology = topology_from_log(log);
  }
  c.timeline = build_timeline(log, c.report, c.topology);
  c.level_times = pool_level_times(c.timeline);

  c.topology_svg = topology_svg(c.topology, c.timeline);
  TimelineChart overview;
  overview.title = "Timeline of the whole run (" +
                   human_s(static_cast<double>(c.timeline.horizon_us) / 1e6) + ")";
  overview.window = {0, std::max<int64_t>(c.timeline.horizon_us, 1)};
  c.timeline_svg = timeline_svg(c.timeline, overview);
  for (const IncidentReport* worst :
       incidents_to_chart(c.report, kMaxIncidentCharts, c.rgs_replicated)) {
    const IncidentReport& inc = *worst;
    TimelineChart zoom;
    zoom.title =
        "Incident #" + std::to_string(inc.id) + " in detail: " + inc.disruption + " " + inc.cause;
    bool zoomed = false;
    zoom.window = incident_runbook_window(inc, c.timeline, &zoomed);
    if (zoomed)
      zoom.title += " (zoomed to the runbook; " +
                    (inc.restored_s
                         ? "full service again at " + clock_s(duration_from_s(*inc.restored_s).us())
                         : std::string("service not back by the end of the run")) +
                    ")";
    zoom.only_active_lanes = true;
    if (zoom.window.end_us <= zoom.window.start_us) continue;
    c.incident_svgs.emplace_back(inc.id, timeline_svg(c.timeline, zoom));
  }
  return c;
}

std::string incident_chart_name(int incident) {
  return "incident-" + std::to_string(incident) + ".svg";
}

std::vector<ReportFile> report_files(const LogFile& log, const scenario::Scenario* scenario) {
  const ReportContent c = prepare_report(log, scenario);
  std::vector<ReportFile> files;
  files.push_back({"report.html", report_html(c)});
  files.push_back({"report.md", report_markdown(c)});
  files.push_back({"topology.svg", svg_file(c.topology_svg)});
  files.push_back({"timeline.svg", svg_file(c.timeline_svg)});
  for (const auto& [id, svg] : c.incident_svgs)
    files.push_back({incident_chart_name(id), svg_file(svg)});
  files.push_back(
      {"incidents.csv",
       incidents_csv(c.report, c.verdicts,
                     c.has_scenario ? std::optional<bool>(c.rgs_replicated) : std::nullopt)});
  files.push_back({"service_levels.csv", service_levels_csv(c.timeline)});
  files.push_back({"pools.csv", pools_csv(c.report, c.topology, c.level_times)});
  files.push_back({"trace.json", chrome_trace_json(log, c.timeline)});
  files.push_back({"report.json", run_report_json(c.report, scenario)});
  return files;
}

}  // namespace drsim
