// report.md: the same content as report.html for code review tools and wikis, with the
// charts as the .svg files written beside it. Tones become words only where they carry
// meaning (verdicts already say met or missed), so the Markdown stays plain.
#include <string>

#include "analysis/report.h"
#include "analysis/report_format.h"
#include "analysis/report_markup.h"
#include "analysis/report_tables.h"

namespace drsim {

std::string report_markdown(const ReportContent& c) {
  const ReportTables t = report_tables(c);
  std::string out = "# Disaster-recovery report: " + md_cell(c.header.scenario_name()) + "\n\n";
  out += "## Summary\n\n";
  for (const std::string& paragraph : t.summary) out += md_cell(paragraph) + "\n\n";
  headlines_md(out, t.headlines);
  out += md_cell(t.thresholds) + "\n\n";
  stamp_md(out, t.stamp);
  out += "## Scenario\n\n";
  if (!c.has_scenario) {
    out += "_The scenario summary needs the scenario: run drsim report with --scenario FILE._\n\n";
  } else {
    out += "### Scripted faults\n\n";
    table_md(out, c.summary.faults);
    if (!c.summary.random.rows.empty()) {
      out += "### Random failures\n\n";
      table_md(out, c.summary.random);
    }
    out += "### Runbook\n\n";
    table_md(out, c.summary.runbook);
    out += "### Admin and policy\n\n";
    table_md(out, c.summary.admin);
    table_md(out, c.summary.policy_targets);
    out += "### Assumptions\n\n";
    table_md(out, c.summary.assumptions);
  }
  out += "## Topology\n\n![Topology](topology.svg)\n\n";
  out +=
      "## Incident timeline\n\nIncidents and runbook cmdlets, then one lane per site, WAN link, "
      "pool, "
      "server, Back End, Backup Service direction and routing group. Healthy states are pale.\n\n";
  if (!t.no_impact.empty()) out += md_cell(t.no_impact) + "\n\n";
  for (const auto& [id, svg] : c.incident_svgs)
    out += "![Incident #" + std::to_string(id) + "](" + incident_chart_name(id) + ")\n\n";
  out += "![Timeline](timeline.svg)\n\n";
  out +=
      "## Recovery time (RTO) per incident\n\nRTO = detect + decide + execute + clients back; when "
      "no action "
      "restored service, the rest is awaiting repair or nobody acted.\n\n";
  table_md(out, t.rto);
  out += "## Who was hurt, per pool\n\n";
  table_md(out, t.incident_pools);
  out += "## PSTN calling, per pool\n\n";
  table_md(out, t.pstn);
  if (!t.branches.rows.empty()) {
    out += "## Branch offices\n\n";
    table_md(out, t.branches);
  }
  out += "## Remote access and federation\n\n";
  table_md(out, t.access);
  out += "## Conferencing with content\n\n";
  table_md(out, t.content);
  out += "## Persistent Chat\n\n";
  table_md(out, t.pchat);
  out += "## Data loss (RPO) per data category\n\n";
  table_md(out, t.rpo);
  out += "## Policy verdicts\n\n";
  table_md(out, t.policy);
  out += "## Pool availability\n\nTimes are per user of the pool.\n\n";
  table_md(out, t.pools);
  out += "## Files of this report\n\n";
  table_md(out, t.files);
  out += "---\n\n" + md_cell(stamp_line(c.header)) + "\n";
  return out;
}

}  // namespace drsim
