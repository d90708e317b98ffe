// Page markup shared by the reports; see report_markup.h.
#include "analysis/report_markup.h"

#include "analysis/report_format.h"

namespace drsim {

namespace {

constexpr const char* kPageCss =
    "body{font:14px/1.45 'DejaVu "
    "Sans',Verdana,sans-serif;color:#1f2937;background:#f8fafc;margin:0}"
    "main{max-width:1260px;margin:0 auto;padding:24px 28px 40px;background:#fff}"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 10px;padding-bottom:4px;"
    "border-bottom:2px solid #e5e7eb}h3{font-size:15px;margin:20px 0 8px}"
    "p.lead{color:#4b5563;margin:0 0 14px}"
    "table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}"
    "th,td{border:1px solid #e5e7eb;padding:4px 9px;text-align:left;vertical-align:top}"
    "th{background:#f3f4f6;font-weight:600}tr:nth-child(even) td{background:#fafafa}"
    "td.num{text-align:right;white-space:nowrap}td "
    "small{display:block;color:#6b7280;font-size:11px}"
    "table.stamp td:first-child{color:#6b7280;white-space:nowrap}table.stamp "
    "td{border:none;padding:1px 12px 1px 0}"
    "table.stamp tr:nth-child(even) td{background:none}code{font-size:12px}"
    ".good{background:#e3f4e1 !important}.warn{background:#fff4d6 "
    "!important}.bad{background:#fde2e1 !important}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:18px 0 6px}"
    ".card{border:1px solid #e5e7eb;border-radius:8px;padding:10px 16px;min-width:190px}"
    ".card .v{font-size:22px;font-weight:600}.card .l{color:#6b7280;font-size:12px}"
    ".card .n{color:#4b5563;font-size:12px}"
    ".chart{overflow-x:auto;margin:8px 0}.note{color:#6b7280;font-size:13px}"
    ".duo{display:flex;flex-wrap:wrap;gap:12px}"
    "footer{margin-top:36px;color:#6b7280;font-size:12px;border-top:1px solid "
    "#e5e7eb;padding-top:8px}";

}  // namespace

std::string html_page_begin(std::string_view title) {
  const std::string t = xml_escape(title);
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + t +
         "</title>\n<style>" + kPageCss + "</style>\n</head>\n<body>\n<main>\n";
}

std::string html_page_end(std::string_view footer) {
  return "<footer>" + xml_escape(footer) + "</footer>\n</main>\n</body>\n</html>\n";
}

void stamp_html(std::string& out, const Stamp& stamp) {
  out += "<table class=\"stamp\">\n";
  for (const auto& [label, value] : stamp)
    out += "<tr><td>" + xml_escape(label) + "</td><td><code>" + xml_escape(value) +
           "</code></td></tr>\n";
  out += "</table>\n";
}

void headlines_html(std::string& out, const std::vector<Headline>& headlines) {
  out += "<div class=\"cards\">\n";
  for (const Headline& h : headlines) {
    out += "<div class=\"card" + (h.tone.empty() ? "" : " " + h.tone) + "\"><div class=\"l\">" +
           xml_escape(h.label) + "</div><div class=\"v\">" + xml_escape(h.value) +
           "</div><div class=\"n\">" + xml_escape(h.note) + "</div></div>\n";
  }
  out += "</div>\n";
}

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

void stamp_md(std::string& out, const Stamp& stamp) {
  for (const auto& [label, value] : stamp) out += "- **" + md_cell(label) + "**: `" + value + "`\n";
  out += "\n";
}

void headlines_md(std::string& out, const std::vector<Headline>& headlines) {
  for (const Headline& h : headlines)
    out += "- " + md_cell(h.label) + ": **" + md_cell(h.value) + "** (" + md_cell(h.note) + ")\n";
  out += "\n";
}

void table_md(std::string& out, const Table& t) {
  if (!t.note.empty()) out += md_cell(t.note) + "\n\n";
  if (t.rows.empty()) {
    out += "_" + md_cell(t.empty_note) + "_\n\n";
    return;
  }
  out += "|";
  for (const std::string& h : t.head) out += " " + md_cell(h) + " |";
  out += "\n|";
  for (size_t i = 0; i < t.head.size(); ++i) out += t.rows[0][i].numeric ? " ---: |" : " --- |";
  out += "\n";
  for (const std::vector<Cell>& row : t.rows) {
    out += "|";
    for (const Cell& c : row) {
      out += " " + md_cell(c.text);
      if (!c.note.empty()) out += " (" + md_cell(c.note) + ")";
      out += " |";
    }
    out += "\n";
  }
  out += "\n";
}

std::string category_title(const std::string& c) {
  static const std::pair<const char*, const char*> names[] = {
      {"user_data", "User data"},
      {"conference_content", "Conference content"},
      {"cms", "CMS"},
      {"response_groups", "Response groups"},
      {"lis", "LIS"},
      {"call_park", "Call Park"},
      {"announcements", "Announcements"},
      {"monitoring_archiving", "Monitoring and Archiving"}};
  for (const auto& [key, title] : names) {
    if (c == key) return title;
  }
  return c;
}

}  // namespace drsim
