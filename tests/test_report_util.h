// Helpers for the report tests: the default scenario's run as a LogFile, and small readers
// that check the report's outputs independently of the code that wrote them: a JSON parser,
// an HTML tag-balance checker, a CSV splitter and the units-last rule for CSV columns.
#pragma once

#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/report.h"
#include "drsim/version.h"
#include "io/scenario_file.h"
#include "log/log_file.h"
#include "sim/simulate.h"

namespace report_test {

inline std::string source(const std::string& rel) {
  return std::string(DRSIM_SOURCE_DIR).append("/").append(rel);
}

// A run of `scenario` with the header `drsim run` writes (the scenario's seed by default).
inline drsim::LogFile run_log(const drsim::scenario::Scenario& scenario, const std::string& sha256,
                              std::optional<uint64_t> seed = std::nullopt,
                              uint64_t replication = 0) {
  drsim::RunOptions o;
  o.seed = seed.value_or(scenario.seed());
  o.replication = replication;
  const drsim::RunResult r = drsim::simulate(scenario, o);
  drsim::LogFile log;
  log.header.set_drsim_version(drsim::kVersion);
  log.header.set_git_commit(drsim::kGitCommit);
  log.header.set_seed(o.seed);
  log.header.set_replication(replication);
  log.header.set_scenario_name(scenario.name());
  log.header.set_scenario_sha256(sha256);
  log.header.set_horizon_us(scenario.horizon_s() * 1'000'000);
  log.records = r.log.records();
  return log;
}

inline const std::string& file_named(const std::vector<drsim::ReportFile>& files,
                                     const std::string& name) {
  for (const drsim::ReportFile& f : files) {
    if (f.name == name) return f.content;
  }
  FAIL("the report has no file " << name);
  static const std::string none;
  return none;
}

// --- JSON -----------------------------------------------------------------------------------
struct Json {
  enum Type { kNull, kBool, kNumber, kString, kArray, kObject } type = kNull;
  double number = 0;
  bool boolean = false;
  std::string text;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json* get(const std::string& key) const {
    for (const auto& [k, v] : members) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  std::string str(const std::string& key) const {
    const Json* v = get(key);
    return v != nullptr && v->type == kString ? v->text : "";
  }
  double num(const std::string& key, double fallback = -1) const {
    const Json* v = get(key);
    return v != nullptr && v->type == kNumber ? v->number : fallback;
  }
};

class JsonParser {
 public:
  explicit JsonParser(const std::string& s) : s_(s) {}
  Json parse() {
    Json v = value();
    skip();
    if (i_ != s_.size()) throw std::runtime_error("text after the JSON value");
    return v;
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  char peek() {
    skip();
    if (i_ >= s_.size()) throw std::runtime_error("unexpected end");
    return s_[i_];
  }
  void expect(char c) {
    if (peek() != c)
      throw std::runtime_error(std::string("expected ") + c + " at " + std::to_string(i_));
    ++i_;
  }
  std::string string() {
    expect('"');
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\') {
        ++i_;
        const char e = s_.at(i_);
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;  // enough for what the report writes
        if (e == 'u') i_ += 4;
      } else {
        out += s_[i_];
      }
      ++i_;
    }
    expect('"');
    return out;
  }
  Json value() {
    Json v;
    const char c = peek();
    if (c == '{') {
      v.type = Json::kObject;
      ++i_;
      if (peek() == '}') return ++i_, v;
      for (;;) {
        std::string k = string();
        expect(':');
        v.members.emplace_back(std::move(k), value());
        if (peek() == ',') {
          ++i_;
          continue;
        }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      v.type = Json::kArray;
      ++i_;
      if (peek() == ']') return ++i_, v;
      for (;;) {
        v.items.push_back(value());
        if (peek() == ',') {
          ++i_;
          continue;
        }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.type = Json::kString;
      v.text = string();
      return v;
    }
    for (const char* word : {"true", "false", "null"}) {
      if (s_.compare(i_, std::strlen(word), word) == 0) {
        i_ += std::strlen(word);
        v.type = word[0] == 'n' ? Json::kNull : Json::kBool;
        v.boolean = word[0] == 't';
        return v;
      }
    }
    char* end = nullptr;
    v.number = std::strtod(s_.c_str() + i_, &end);
    if (end == s_.c_str() + i_) throw std::runtime_error("bad value at " + std::to_string(i_));
    i_ = static_cast<size_t>(end - s_.c_str());
    v.type = Json::kNumber;
    return v;
  }
  const std::string& s_;
  size_t i_ = 0;
};

// --- HTML -----------------------------------------------------------------------------------
// The first tag-balance problem in an HTML document, or "" when every element opened is
// closed in order. Void elements need no end tag; <style> content is skipped.
inline std::string html_balance_error(const std::string& html) {
  static const char* kVoid[] = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"};
  std::vector<std::string> open;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      i = html.find("-->", i);
      if (i == std::string::npos) return "unterminated comment";
      continue;
    }
    const size_t end = html.find('>', i);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(i);
    const std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty() || tag[0] == '!' || tag[0] == '?') continue;  // doctype, XML declaration
    const bool closing = tag[0] == '/';
    size_t n = closing ? 1 : 0;
    std::string name;
    while (n < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[n])) || tag[n] == '-'))
      name += tag[n++];
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (name.empty()) return "a '<' that starts no tag at " + std::to_string(i);
    if (closing) {
      if (open.empty() || open.back() != name)
        return "</" + name + "> closes <" + (open.empty() ? std::string("nothing") : open.back()) +
               ">";
      open.pop_back();
      continue;
    }
    if (tag.back() == '/') continue;  // self-closing (SVG)
    bool is_void = false;
    for (const char* v : kVoid) is_void = is_void || name == v;
    if (is_void) continue;
    if (name == "style") {
      i = html.find("</style>", i);
      if (i == std::string::npos) return "unterminated <style>";
      i += 8;
      continue;
    }
    open.push_back(name);
  }
  return open.empty() ? "" : "<" + open.back() + "> never closed";
}

// --- CSV ------------------------------------------------------------------------------------
// Rows of fields; handles quoted fields (the report quotes fields holding commas).
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        rows.back().back() += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

// --- CSV columns ----------------------------------------------------------------------------
// Numeric columns end in their unit; identifier and text columns are the few listed here
// (the run report's, then the sweep report's).
inline bool unit_last(const std::string& column) {
  static const char* kText[] = {
      "incident",    "disruption",      "cause", "status",  "user_impact", "rto_verdict",
      "rpo_verdict", "group",           "pool",  "level",   "site",        "backup_pool",
      "quantity",    "max_replication", "scope", "measure", "verdict",     "rank",
      "replication", "replay",          "seed"};
  for (const char* unit : {"_s", "_count", "_fraction"}) {
    const std::string u = unit;
    if (column.size() > u.size() && column.compare(column.size() - u.size(), u.size(), u) == 0)
      return true;
  }
  for (const char* t : kText)
    if (column == t) return true;
  return false;
}

// A CSV row as column name -> field.
inline std::map<std::string, std::string> row_map(const std::vector<std::string>& head,
                                                  const std::vector<std::string>& row) {
  std::map<std::string, std::string> m;
  for (size_t i = 0; i < head.size() && i < row.size(); ++i) m[head[i]] = row[i];
  return m;
}

}  // namespace report_test
