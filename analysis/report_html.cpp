// report.html: one standalone page (inline CSS and SVG, no scripts, no external assets), so
// that it opens offline from a mail attachment or a file share. The tables come from
// report_tables.h, as report.md's do, and the markup from report_markup.h.
#include <string>

#include "analysis/report.h"
#include "analysis/report_format.h"
#include "analysis/report_markup.h"
#include "analysis/report_tables.h"

namespace drsim {

std::string report_html(const ReportContent& c) {
  const ReportTables t = report_tables(c);
  const std::string name = xml_escape(c.header.scenario_name());
  std::string out = html_page_begin("drsim report: " + c.header.scenario_name());
  out += "<h1>Disaster-recovery report: " + name + "</h1>\n";
  out +=
      "<p class=\"lead\">What drsim's simulation of this deployment says happened: who lost "
      "service, for "
      "how long, at what service level, and what data was lost.</p>\n";
  out += "<h2>Summary</h2>\n";
  for (const std::string& paragraph : t.summary) out += "<p>" + xml_escape(paragraph) + "</p>\n";
  headlines_html(out, t.headlines);
  out += "<p class=\"note\">" + xml_escape(t.thresholds) + "</p>\n";
  stamp_html(out, t.stamp);

  out += "<h2>Scenario</h2>\n";
  if (!c.has_scenario) {
    out +=
        "<p class=\"note\">The scenario summary needs the scenario: run drsim report with "
        "--scenario FILE.</p>\n";
  } else {
    out += "<h3>Scripted faults</h3>\n";
    table_html(out, c.summary.faults);
    if (!c.summary.random.rows.empty()) {
      out += "<h3>Random failures</h3>\n";
      table_html(out, c.summary.random);
    }
    out += "<h3>Runbook</h3>\n";
    table_html(out, c.summary.runbook);
    out += "<h3>Admin and policy</h3>\n<div class=\"duo\">\n";
    table_html(out, c.summary.admin);
    table_html(out, c.summary.policy_targets);
    out += "</div>\n";
    out += "<h3>Assumptions</h3>\n";
    table_html(out, c.summary.assumptions);
  }
  out += "<h2>Topology</h2>\n<div class=\"chart\">\n" + c.topology_svg + "</div>\n";
  // The zoomed incident charts come first: in a day-long overview an incident is a sliver.
  out +=
      "<h2>Incident timeline</h2>\n<p class=\"note\">Incidents and runbook cmdlets, then one lane "
      "per site, "
      "WAN link, pool, server, Back End, Backup Service direction and routing group. Healthy "
      "states are "
      "pale; hover a bar for its times.</p>\n";
  if (!t.no_impact.empty()) out += "<p class=\"note\">" + xml_escape(t.no_impact) + "</p>\n";
  for (const auto& [id, svg] : c.incident_svgs) out += "<div class=\"chart\">\n" + svg + "</div>\n";
  out += "<div class=\"chart\">\n" + c.timeline_svg + "</div>\n\n";
  out +=
      "<h2>Recovery time (RTO) per incident</h2>\n<p class=\"note\">RTO = detect + decide + "
      "execute + "
      "clients back; when no action restored service, the rest is awaiting repair or nobody acted "
      "(docs/glossary.md).</p>\n";
  table_html(out, t.rto);
  out += "<h2>Who was hurt, per pool</h2>\n";
  table_html(out, t.incident_pools);
  out += "<h2>PSTN calling, per pool</h2>\n";
  table_html(out, t.pstn);
  if (!t.branches.rows.empty()) {  // only scenarios whose branches an incident touched
    out += "<h2>Branch offices</h2>\n";
    table_html(out, t.branches);
  }
  out += "<h2>Remote access and federation</h2>\n";
  table_html(out, t.access);
  out += "<h2>Conferencing with content</h2>\n";
  table_html(out, t.content);
  out += "<h2>Persistent Chat</h2>\n";
  table_html(out, t.pchat);
  out += "<h2>Data loss (RPO) per data category</h2>\n";
  table_html(out, t.rpo);
  out +=
      "<h2>Policy verdicts</h2>\n<p class=\"note\">Each incident's total RTO and worst RPO against "
      "the "
      "scenario's target for its kind of disruption.</p>\n";
  table_html(out, t.policy);
  out +=
      "<h2>Pool availability</h2>\n<p class=\"note\">Times are per user of the pool: the pool's "
      "user-seconds at each level divided by its users.</p>\n";
  table_html(out, t.pools);
  out += "<h2>Files of this report</h2>\n";
  table_html(out, t.files);
  return out + html_page_end(stamp_line(c.header));
}

}  // namespace drsim
