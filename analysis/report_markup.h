// The markup every report page shares: tables, headline cards and the stamp as plain data,
// and their HTML and Markdown forms with one page style. The run report (report_html.cpp,
// report_markdown.cpp), the sweep report and the what-if comparison are all written with
// these, so that they look alike and show numbers the same way in both formats.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drsim {

// One file of a report, relative to its directory; writing it is the caller's job.
struct ReportFile {
  std::string name;
  std::string content;
};

struct Cell {
  std::string text;
  std::string note;      // a second, smaller line ("1,033 writes lost"); may be empty
  std::string tone;      // "", "good", "warn" or "bad": verdicts and outages stand out
  bool numeric = false;  // right-aligned
};

// A cell with every member named, so that -Wmissing-field-initializers stays quiet.
inline Cell cell(std::string text, std::string note = "", std::string tone = "",
                 bool numeric = false) {
  Cell c;
  c.text = std::move(text);
  c.note = std::move(note);
  c.tone = std::move(tone);
  c.numeric = numeric;
  return c;
}

struct Table {
  std::vector<std::string> head;
  std::vector<std::vector<Cell>> rows;
  std::string empty_note;  // shown instead of the table when there are no rows
  std::string note;        // shown above the table, e.g. when rows were left out
};

struct Headline {
  std::string label;
  std::string value;
  std::string note;
  std::string tone;
};

using Stamp = std::vector<std::pair<std::string, std::string>>;  // label, value

// "<!DOCTYPE html>" up to the opened <main>, with the page style inline.
std::string html_page_begin(std::string_view title);
// The footer line, then the closing tags.
std::string html_page_end(std::string_view footer);
void stamp_html(std::string& out, const Stamp& stamp);
void headlines_html(std::string& out, const std::vector<Headline>& headlines);
void table_html(std::string& out, const Table& t);

void stamp_md(std::string& out, const Stamp& stamp);
void headlines_md(std::string& out, const std::vector<Headline>& headlines);
void table_md(std::string& out, const Table& t);

// "User data", "Call Park": a data category's key as people write it.
std::string category_title(const std::string& category);

}  // namespace drsim
