// Text helpers for the report writers; see report_format.h.
#include "analysis/report_format.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/json_writer.h"

namespace drsim {

Duration duration_from_s(double seconds) {
  return Duration::micros(static_cast<int64_t>(std::llround(seconds * 1e6)));
}

std::string human_s(double seconds) { return format_duration(duration_from_s(seconds)); }

std::string clock_s(int64_t time_us) {
  const std::string t = format_instant(Instant::from_us(time_us));
  return t.substr(0, t.size() - 4);  // drop ".mmm": reports speak in seconds
}

std::string clock_minutes(int64_t time_us, bool with_day) {
  // format_instant: "d+0 10:00:00.000"; the time of day starts after the first space.
  const std::string t = format_instant(Instant::from_us(time_us));
  const size_t space = t.find(' ');
  const std::string hm = t.substr(space + 1, 5);
  return with_day ? t.substr(0, space) + " " + hm : hm;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string md_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number(double value) { return json_number(value); }

std::string seconds_number(double seconds) {
  return number(static_cast<double>(std::llround(seconds * 1e6)) / 1e6);
}

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  // "-0.0" and "0.0" must print alike, or equal layouts could differ in bytes.
  if (std::string_view(buf).find_first_not_of("-0.") == std::string_view::npos && buf[0] == '-')
    return std::string(buf + 1);
  return buf;
}

std::string grouped(int64_t value) {
  const std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string human_bytes(double bytes) {
  static const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) {
    bytes /= 1000;
    ++u;
  }
  return fixed(bytes, u == 0 ? 0 : 1) + " " + units[u];
}

std::string stamp_line(const log::Header& h) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "seed %" PRIu64 ", replication %" PRIu64, h.seed(),
                h.replication());
  std::string changes;
  for (const std::string& o : h.overrides()) changes += ", --set " + o;
  if (h.has_runbook_file())
    changes += ", runbook " + h.runbook_file() + " (SHA-256 " + h.runbook_sha256() + ")";
  return "scenario " + h.scenario_name() + changes + ", " + buf + ", scenario SHA-256 " +
         h.scenario_sha256() + ", drsim " + h.drsim_version() + " (commit " + h.git_commit() + ")";
}

}  // namespace drsim
