// report.html: one standalone page (inline CSS and SVG, no scripts, no external assets), so
// that it opens offline from a mail attachment or a file share. The tables come from
// report_tables.h, as report.md's do.
#include <string>

#include "analysis/report.h"
#include "analysis/report_format.h"
#include "analysis/report_tables.h"

namespace drsim {

namespace {

constexpr const char* kPageCss =
    "body{font:14px/1.45 'DejaVu Sans',Verdana,sans-serif;color:#1f2937;background:#f8fafc;margin:0}"
    "main{max-width:1260px;margin:0 auto;padding:24px 28px 40px;background:#fff}"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 10px;padding-bottom:4px;"
    "border-bottom:2px solid #e5e7eb}h3{font-size:15px;margin:20px 0 8px}"
    "p.lead{color:#4b5563;margin:0 0 14px}"
    "table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}"
    "th,td{border:1px solid #e5e7eb;padding:4px 9px;text-align:left;vertical-align:top}"
    "th{background:#f3f4f6;font-weight:600}tr:nth-child(even) td{background:#fafafa}"
    "td.num{text-align:right;white-space:nowrap}td small{display:block;color:#6b7280;font-size:11px}"
    "table.stamp td:first-child{color:#6b7280;white-space:nowrap}table.stamp td{border:none;padding:1px 12px 1px 0}"
    "table.stamp tr:nth-child(even) td{background:none}code{font-size:12px}"
    ".good{background:#e3f4e1 !important}.warn{background:#fff4d6 !important}.bad{background:#fde2e1 !important}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:18px 0 6px}"
    ".card{border:1px solid #e5e7eb;border-radius:8px;padding:10px 16px;min-width:190px}"
    ".card .v{font-size:22px;font-weight:600}.card .l{color:#6b7280;font-size:12px}"
    ".card .n{color:#4b5563;font-size:12px}"
    ".chart{overflow-x:auto;margin:8px 0}.note{color:#6b7280;font-size:13px}"
    "footer{margin-top:36px;color:#6b7280;font-size:12px;border-top:1px solid #e5e7eb;padding-top:8px}";

void table_html(std::string& out, const Table& t) {
  if (!t.note.empty()) out += "<p class=\"note\">" + xml_escape(t.note) + "</p>\n";
  if (t.rows.empty()) {
    out += "<p class=\"note\">" + xml_escape(t.empty_note) + "</p>\n";
    return;
  }
  out += "<table>\n<thead><tr>";
  for (const std::string& h : t.head) out += "<th>" + xml_escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const std::vector<Cell>& row : t.rows) {
    out += "<tr>";
    for (const Cell& c : row) {
      std::string cls = c.numeric ? "num" : "";
      if (!c.tone.empty()) cls += (cls.empty() ? "" : " ") + c.tone;
      out += cls.empty() ? "<td>" : "<td class=\"" + cls + "\">";
      out += xml_escape(c.text);
      if (!c.note.empty()) out += "<small>" + xml_escape(c.note) + "</small>";
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

std::string report_html(const ReportContent& c) {
  const ReportTables t = report_tables(c);
  const std::string name = xml_escape(c.header.scenario_name());
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>drsim report: " + name + "</title>\n<style>" + std::string(kPageCss) + "</style>\n</head>\n<body>\n<main>\n";
  out += "<h1>Disaster-recovery report: " + name + "</h1>\n";
  out += "<p class=\"lead\">What drsim's simulation of this deployment says happened: who lost service, for "
         "how long, at what service level, and what data was lost.</p>\n";
  out += "<table class=\"stamp\">\n";
  for (const auto& [label, value] : t.stamp)
    out += "<tr><td>" + xml_escape(label) + "</td><td><code>" + xml_escape(value) + "</code></td></tr>\n";
  out += "</table>\n<div class=\"cards\">\n";
  for (const Headline& h : t.headlines) {
    out += "<div class=\"card" + (h.tone.empty() ? "" : " " + h.tone) + "\"><div class=\"l\">" + xml_escape(h.label) +
           "</div><div class=\"v\">" + xml_escape(h.value) + "</div><div class=\"n\">" + xml_escape(h.note) +
           "</div></div>\n";
  }
  out += "</div>\n";

  out += "<h2>Topology</h2>\n<div class=\"chart\">\n" + c.topology_svg + "</div>\n";
  // The zoomed incident charts come first: in a day-long overview an incident is a sliver.
  out += "<h2>Incident timeline</h2>\n<p class=\"note\">Incidents and runbook cmdlets, then one lane per site, "
         "WAN link, pool, server, Back End, Backup Service direction and routing group. Healthy states are "
         "pale; hover a bar for its times.</p>\n";
  for (const auto& [id, svg] : c.incident_svgs) out += "<div class=\"chart\">\n" + svg + "</div>\n";
  out += "<div class=\"chart\">\n" + c.timeline_svg + "</div>\n\n";
  out += "<h2>Recovery time (RTO) per incident</h2>\n<p class=\"note\">RTO = detect + decide + execute + "
         "clients back (docs/glossary.md).</p>\n";
  table_html(out, t.rto);
  out += "<h2>Data loss (RPO) per data category</h2>\n";
  table_html(out, t.rpo);
  out += "<h2>Policy verdicts</h2>\n<p class=\"note\">Each incident's total RTO and worst RPO against the "
         "scenario's target for its kind of disruption.</p>\n";
  table_html(out, t.policy);
  out += "<h2>Pool availability</h2>\n<p class=\"note\">Times are per user of the pool: the pool's "
         "user-seconds at each level divided by its users.</p>\n";
  table_html(out, t.pools);
  out += "<h2>Files of this report</h2>\n";
  table_html(out, t.files);
  out += "<footer>" + xml_escape(stamp_line(c.header)) + "</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace drsim
