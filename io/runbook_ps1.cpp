// Reading a PowerShell runbook: statements (commands, assignments) from the lexer, the
// `# drsim:` anchor comment, and the mapping of the script onto chained runbook steps,
// failing statements included. See runbook_ps1.h; binding is io/runbook_cmdlets.cpp, the
// plan's use io/runbook_plan.cpp.
#include "io/runbook_ps1.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "io/files.h"
#include "io/ps1_lexer.h"
#include "io/runbook_cmdlets.h"
#include "io/source_text.h"
#include "sim/time.h"

namespace drsim {

namespace {

using ps1::Directive;
using ps1::Lexer;
using ps1::Statement;
using ps1::Token;
using ps1::statement_text;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "15m", "1h30m", "90s", "2h", "300": a duration in seconds, or -1.
int64_t parse_duration(const std::string& text) {
  static const std::regex re("^((\\d+)h)?((\\d+)m)?((\\d+)s?)?$");
  std::smatch m;
  if (text.empty() || !std::regex_match(text, m, re)) return -1;
  auto num = [&](int g) { return m[g].matched ? std::stoll(m[g].str()) : 0LL; };
  if (text.size() > 12) return -1;
  return num(2) * 3600 + num(4) * 60 + num(6);
}

bool parse_anchor(const std::string& text, RunbookAnchor* a) {
  static const std::regex start("^start\\s+at\\s+(.*?)\\s*$");
  std::smatch sm;
  const std::string low = lower(text);
  if (!std::regex_match(low, sm, start)) return false;
  std::string t = sm[1].str();
  for (const auto& [word, kind] : {std::pair{"detect", RunbookAnchor::Kind::kDetect},
                                   std::pair{"decide", RunbookAnchor::Kind::kDecide}}) {
    if (t.rfind(word, 0) != 0) continue;
    std::string rest = t.substr(std::string(word).size());
    rest.erase(std::remove_if(rest.begin(), rest.end(), [](char c) { return c == ' ' || c == '\t'; }), rest.end());
    a->kind = kind;
    if (rest.empty()) return true;
    if (rest[0] != '+') return false;
    a->seconds = parse_duration(rest.substr(1));
    return a->seconds >= 0;
  }
  static const std::regex clock("^(day\\s*(\\d{1,4})\\s+)?(\\d{1,2}):(\\d{2})(:(\\d{2}))?$");
  std::smatch m;
  if (!std::regex_match(t, m, clock)) return false;
  const int64_t day = m[2].matched ? std::stoll(m[2].str()) : 1;
  const int64_t hh = std::stoll(m[3].str()), mm = std::stoll(m[4].str());
  const int64_t ss = m[6].matched ? std::stoll(m[6].str()) : 0;
  if (day < 1 || hh > 23 || mm > 59 || ss > 59) return false;
  a->kind = RunbookAnchor::Kind::kAbsolute;
  a->seconds = (day - 1) * 86400 + hh * 3600 + mm * 60 + ss;
  return true;
}

const char* kErrorPreferences[] = {"Continue", "Stop", "SilentlyContinue", "Ignore"};

class Reader {
 public:
  Reader(const std::string& path, const std::string& bytes, const scenario::Scenario& topology)
      : path_(path), source_(bytes), src_(source_.utf8()), topology_(topology) {}

  RunbookReading read() {
    plan_.path = path_;
    plan_.horizon_s = topology_.horizon_s();
    Lexer lex(path_, source_, &fatal_);
    lex.run();
    for (const Directive& d : lex.directives) directive(d);
    for (const Statement& s : lex.statements)
      if (!s.bad) statement(s);
    plan_.trailing_sleep_ms = pending_sleep_ms_;
    // In file order, whichever pass found them.
    std::stable_sort(fatal_.begin(), fatal_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    return RunbookReading{std::move(plan_), std::move(fatal_)};
  }

 private:
  void fatal(int line, int col, const std::string& msg) {
    fatal_.push_back(Diagnostic{path_, line, col, false, "", msg});
  }

  void directive(const Directive& d) {
    RunbookAnchor a;
    a.line = d.line;
    if (!parse_anchor(d.text, &a)) {
      fatal(d.line, d.column, "unknown drsim directive '" + d.text +
                                  "': use '# drsim: start at detect+15m', 'decide+5m' or '[day N] HH:MM[:SS]'");
    } else if (plan_.anchor.line > 0) {
      fatal(d.line, d.column, "a second 'drsim: start at' anchor (the first is on line " +
                                  std::to_string(plan_.anchor.line) + ")");
    } else if (a.kind == RunbookAnchor::Kind::kAbsolute && plan_.horizon_s > 0 && a.seconds >= plan_.horizon_s) {
      fatal(d.line, d.column, "the script would start at " +
                                  format_instant(Instant::origin() + Duration::seconds(a.seconds)) +
                                  ", not before the scenario's horizon (" +
                                  format_instant(Instant::origin() + Duration::seconds(plan_.horizon_s)) + ")");
    } else {
      plan_.anchor = a;
    }
  }

  // A value token with variables expanded; false (and the statement's error) for an unset one.
  bool resolve(Token::Kind kind, const std::string& text, const Token& at, std::string* out) {
    if (kind == Token::Kind::kVariable) return variable(text, at, out);
    if (kind != Token::Kind::kExpand) {
      *out = text;
      return true;
    }
    static const std::regex ref("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");
    out->clear();
    auto it = text.cbegin();
    for (std::sregex_iterator m(text.begin(), text.end(), ref), e; m != e; ++m) {
      out->append(it, text.cbegin() + m->position());
      std::string v;
      if (!variable((*m)[1].str(), at, &v)) return false;
      *out += v;
      it = text.cbegin() + m->position() + m->length();
      if (out->size() > kMaxRunbookValueChars) break;
    }
    if (out->size() <= kMaxRunbookValueChars) out->append(it, text.cend());
    if (out->size() > kMaxRunbookValueChars) {
      fatal(at.line, at.column, "this string is longer than " + std::to_string(kMaxRunbookValueChars) +
                                    " characters once its variables are expanded: beyond what drsim "
                                    "rehearses (docs/runbook.md, Limits)");
      out->clear();
      return false;
    }
    return true;
  }

  // Unset variables are errors, as under Set-StrictMode (a runbook that relies on $null is
  // almost always a typo).
  bool variable(const std::string& name, const Token& at, std::string* out) {
    const std::string key = lower(name);
    if (key == "true" || key == "false") {
      *out = "$" + key;
      return true;
    }
    if (key == "null") {
      out->clear();
      return true;
    }
    const auto it = vars_.find(key);
    if (it == vars_.end()) {
      failure_ = StatementError{at.line, at.column, at.width, "",
                                "The variable '$" + name + "' cannot be retrieved because it has not been set.",
                                "InvalidOperation: (" + name + ":String) [], RuntimeException"};
      return false;
    }
    *out = it->second;
    return true;
  }

  RunbookLine start_line(const Statement& s) const {
    RunbookLine line;
    line.line = s.tokens.front().line;
    line.column = s.tokens.front().column;
    line.text = statement_text(src_, s);
    return line;
  }

  void statement(const Statement& s) {
    const Token& t0 = s.tokens.front();
    RunbookLine line = start_line(s);
    if (t0.kind == Token::Kind::kVariable) return assignment(s, line);
    static const char* keywords[] = {"if", "else", "elseif", "foreach", "for", "while", "do", "function", "try",
                                     "catch", "finally", "param", "switch", "return", "exit", "trap", "throw",
                                     "break", "continue", "begin", "process", "end", "filter", "workflow"};
    if (t0.kind != Token::Kind::kWord)
      return fatal(t0.line, t0.column, "unsupported construct: a line must start with a cmdlet or '$name ='");
    for (const char* k : keywords)
      if (lower(t0.text) == k)
        return fatal(t0.line, t0.column, "unsupported construct: '" + t0.text + "' statements are not rehearsed "
                                         "(one cmdlet per line)");
    std::vector<ps1::Arg> args;
    for (size_t k = 1; k < s.tokens.size(); ++k) {
      const Token& t = s.tokens[k];
      if (t.kind == Token::Kind::kEquals) return fatal(t.line, t.column, "unsupported construct '=' in a command");
      ps1::Arg a;
      a.line = t.line;
      a.column = t.column;
      a.width = t.width;
      if (t.kind == Token::Kind::kParam) {
        a.is_param = true;
        a.text = t.text;
        a.has_inline = t.has_inline;
        if (t.has_inline && !resolve(t.inline_kind, t.inline_text, t, &a.inline_value)) return failed(line);
      } else if (!resolve(t.kind, t.text, t, &a.text)) {
        return failed(line);
      }
      args.push_back(a);
    }
    ps1::Bound b;
    const ps1::CommandName name{t0.text, t0.line, t0.column, t0.width};
    switch (ps1::bind_command(path_, name, args, topology_, &b, &failure_, &fatal_)) {
      case ps1::BindOutcome::kUnsupported: return;
      case ps1::BindOutcome::kFails: return failed(line);
      case ps1::BindOutcome::kBound: break;
    }
    line.kind = b.kind;
    line.output = b.output;
    line.category = b.category;
    if (b.kind == RunbookLine::Kind::kSleep) {
      line.sleep_ms = b.sleep_ms;
      pending_sleep_ms_ += b.sleep_ms;
    } else if (b.kind == RunbookLine::Kind::kCmdlet) {
      add_step(b.step, b.error_action_stop, &line);
    }
    plan_.lines.push_back(line);
  }

  // A statement PowerShell runs and fails (failure_): a step that fails at once. -ErrorAction
  // on the line itself does not apply (binding failed before it), the preference does.
  void failed(RunbookLine line) {
    line.kind = RunbookLine::Kind::kCmdlet;
    line.fails = true;
    line.error = failure_;
    line.error_source = source_.line_text(failure_.line);
    scenario::RunbookStep st;
    st.set_cmdlet(scenario::STATEMENT_ERROR);
    st.set_statement_error(failure_.message);
    st.set_command(failure_.command);
    add_step(st, false, &line);
    plan_.lines.push_back(line);
  }

  void assignment(const Statement& s, RunbookLine line) {
    const Token& t0 = s.tokens.front();
    if (s.tokens.size() != 3 || s.tokens[1].kind != Token::Kind::kEquals || s.tokens[2].kind == Token::Kind::kParam ||
        s.tokens[2].kind == Token::Kind::kEquals)
      return fatal(t0.line, t0.column, "unsupported construct: only `$name = \"value\"` assignments are rehearsed");
    const Token& v = s.tokens[2];
    std::string value;
    if (!resolve(v.kind, v.text, v, &value)) return failed(line);
    if (lower(t0.text) == "erroractionpreference") {
      const auto* it = std::find_if(std::begin(kErrorPreferences), std::end(kErrorPreferences),
                                    [&](const char* p) { return lower(p) == lower(value); });
      if (it == std::end(kErrorPreferences)) {
        failure_ = StatementError{v.line, v.column, v.width, "",
                                  "Cannot convert value \"" + value + "\" to an ActionPreference: use Continue, "
                                  "Stop, SilentlyContinue or Ignore.",
                                  "MetadataError: (:) [], ArgumentTransformationMetadataException"};
        return failed(line);
      }
      stop_ = lower(value) == "stop";
      line.kind = RunbookLine::Kind::kPreference;
    } else {
      vars_[lower(t0.text)] = value;
      line.kind = RunbookLine::Kind::kVariable;
    }
    plan_.lines.push_back(line);
  }

  void add_step(scenario::RunbookStep st, bool error_action_stop, RunbookLine* line) {
    const int64_t wait_ms = pending_sleep_ms_;
    pending_sleep_ms_ = 0;
    if (plan_.steps.empty()) {
      if (plan_.anchor.line > line->line)
        fatal(plan_.anchor.line, 1, "the 'drsim: start at' anchor must come before the first command (line " +
                                        std::to_string(line->line) + ")");
      if (plan_.anchor.kind == RunbookAnchor::Kind::kAbsolute) {
        st.set_at_s(plan_.anchor.seconds + wait_ms / 1000);  // whole seconds: at_s is in seconds
      } else {
        st.set_after_detect(true);
        const int64_t anchor_ms = plan_.anchor.kind == RunbookAnchor::Kind::kDecide ? plan_.anchor.seconds * 1000 : 0;
        st.set_offset_s((anchor_ms + wait_ms) / 1000);
        st.set_offset_ms((anchor_ms + wait_ms) % 1000);
      }
    } else {
      st.set_after_previous(true);
      st.set_offset_s(wait_ms / 1000);
      st.set_offset_ms(wait_ms % 1000);
    }
    st.set_stop_on_error(stop_ || error_action_stop);
    st.set_note(path_ + ":" + std::to_string(line->line));
    line->step = static_cast<int>(plan_.steps.size());
    plan_.steps.push_back(st);
    plan_.step_line.push_back(static_cast<int>(plan_.lines.size()));
  }

  const std::string& path_;
  const SourceText source_;
  const std::string& src_;
  const scenario::Scenario& topology_;
  std::vector<Diagnostic> fatal_;
  StatementError failure_;
  RunbookPlan plan_;
  std::map<std::string, std::string> vars_;
  bool stop_ = false;
  int64_t pending_sleep_ms_ = 0;
};

}  // namespace

RunbookReading read_runbook(const std::string& path, const std::string& bytes, const scenario::Scenario& topology) {
  return Reader(path, bytes, topology).read();
}

RunbookPlan parse_runbook(const std::string& path, const std::string& bytes, const scenario::Scenario& topology) {
  RunbookReading r = read_runbook(path, bytes, topology);
  if (!r.fatal.empty()) throw InputError(std::move(r.fatal));
  return std::move(r.plan);
}

RunbookPlan load_runbook(const std::string& path, const scenario::Scenario& topology) {
  return parse_runbook(path, read_file(path, kMaxRunbookBytes), topology);
}

}  // namespace drsim
