// Reading a PowerShell runbook: the parse (io/ps1_syntax.h), the `# drsim:` anchor comment,
// and the rehearsal of the script against the model by the interpreter
// (io/runbook_interp.h), which records it as chained runbook steps. See runbook_ps1.h; the
// plan's use is io/runbook_plan.cpp.
#include "io/runbook_ps1.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "io/files.h"
#include "io/ps1_syntax.h"
#include "io/runbook_interp.h"
#include "io/runbook_oracle.h"
#include "io/source_text.h"
#include "io/text_case.h"
#include "log/record_schema.h"
#include "sim/time.h"

namespace drsim {

namespace {

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
  const std::string low = ascii_lower(text);
  if (!std::regex_match(low, sm, start)) return false;
  std::string t = sm[1].str();
  for (const auto& [word, kind] : {std::pair{"detect", RunbookAnchor::Kind::kDetect},
                                   std::pair{"decide", RunbookAnchor::Kind::kDecide}}) {
    if (t.rfind(word, 0) != 0) continue;
    std::string rest = t.substr(std::string(word).size());
    rest.erase(
        std::remove_if(rest.begin(), rest.end(), [](char c) { return c == ' ' || c == '\t'; }),
        rest.end());
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

class Reader {
 public:
  Reader(const std::string& path, const std::string& bytes, const scenario::Scenario& topology,
         const RehearsalOptions& options)
      : path_(path), source_(bytes), topology_(topology), options_(options) {}

  RunbookReading read() {
    plan_.path = path_;
    plan_.horizon_s = topology_.horizon_s();
    const ps1::Script script = ps1::parse_script(path_, source_);
    fatal_ = script.errors;
    for (const ps1::Script::Directive& d : script.directives) directive(d);
    if (script.errors.empty()) {
      // The script runs against the model as it is read: its control flow may depend on
      // the simulated state (io/runbook_oracle.h).
      RunOptions run;
      run.seed = options_.seed.value_or(topology_.seed());
      run.replication = options_.replication;
      run.model = options_.model;
      plan_.start = plan_.anchor;
      anchor_at_detection(run);
      ModelOracle oracle(topology_, run, plan_.start);
      ps1::interpret(
          ps1::InterpretInput{path_, source_, script, topology_, &oracle, options_.answers}, &plan_,
          &fatal_);
    }
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

  void directive(const ps1::Script::Directive& d) {
    RunbookAnchor a;
    a.line = d.line;
    if (!parse_anchor(d.text, &a)) {
      fatal(d.line, d.column,
            "unknown drsim directive '" + d.text +
                "': use '# drsim: start at detect+15m', 'decide+5m' or '[day N] HH:MM[:SS]'");
    } else if (plan_.anchor.line > 0) {
      fatal(d.line, d.column,
            "a second 'drsim: start at' anchor (the first is on line " +
                std::to_string(plan_.anchor.line) + ")");
    } else if (a.kind == RunbookAnchor::Kind::kAbsolute && plan_.horizon_s > 0 &&
               a.seconds >= plan_.horizon_s) {
      fatal(d.line, d.column,
            "the script would start at " +
                format_instant(Instant::origin() + Duration::seconds(a.seconds)) +
                ", not before the scenario's horizon (" +
                format_instant(Instant::origin() + Duration::seconds(plan_.horizon_s)) + ")");
    } else {
      plan_.anchor = a;
    }
  }

  // The RTO's decide stage ends when the admin starts the script (issue 18): a clock-time or
  // decide+DURATION anchor becomes detect+N, N the time from the detection of the incident
  // the script answers to the moment it starts, so that N is the admin's decide delay as a
  // detect+ anchor's is. A script that starts before any detection keeps its anchor.
  void anchor_at_detection(const RunOptions& run) {
    RunbookAnchor& a = plan_.start;
    if (a.line == 0 || a.kind == RunbookAnchor::Kind::kDetect ||
        (a.kind == RunbookAnchor::Kind::kDecide && a.seconds == 0))
      return;
    ModelOracle probe(topology_, run, a);
    const StepOutcome start = probe.probe({}, 0);
    if (start.start_us < 0) return;
    int64_t detect_us = -1;
    for (const log::Record& r : probe.records_until(start.start_us))
      if (rec::admin_detect::kind.is(r) && detect_us < 0) detect_us = r.time_us();
    const int64_t gap_us = start.start_us - detect_us;
    if (detect_us < 0 || gap_us % 1000000 != 0) return;
    RunbookAnchor at_detect = a;
    at_detect.kind = RunbookAnchor::Kind::kDetect;
    at_detect.seconds = gap_us / 1000000;
    // Only when it starts the script at the same moment (an incident over before then would
    // never start it).
    if (ModelOracle(topology_, run, at_detect).probe({}, 0).start_us == start.start_us)
      a = at_detect;
  }

  const std::string& path_;
  const SourceText source_;
  const scenario::Scenario& topology_;
  const RehearsalOptions& options_;
  std::vector<Diagnostic> fatal_;
  RunbookPlan plan_;
};

}  // namespace

RunbookReading read_runbook(const std::string& path, const std::string& bytes,
                            const scenario::Scenario& topology, const RehearsalOptions& options) {
  return Reader(path, bytes, topology, options).read();
}

RunbookPlan parse_runbook(const std::string& path, const std::string& bytes,
                          const scenario::Scenario& topology, const RehearsalOptions& options) {
  RunbookReading r = read_runbook(path, bytes, topology, options);
  if (!r.fatal.empty()) throw InputError(std::move(r.fatal));
  return std::move(r.plan);
}

RunbookPlan load_runbook(const std::string& path, const scenario::Scenario& topology,
                         const RehearsalOptions& options) {
  return parse_runbook(path, read_file(path, kMaxRunbookBytes), topology, options);
}

std::vector<std::string> load_answers(const std::string& path) {
  std::vector<std::string> out;
  const std::string text = SourceText(read_file(path, kMaxRunbookBytes)).utf8();
  size_t from = 0;
  while (from < text.size()) {
    size_t nl = text.find('\n', from);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(from, nl - from);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("#", 0) != 0) out.push_back(line);
    from = nl + 1;
  }
  return out;
}

}  // namespace drsim
