// What a read runbook becomes: the scenario's runbook steps, and the validator's findings
// about them placed back on the script's lines (see runbook_ps1.h).
#include <algorithm>

#include "io/runbook_ps1.h"
#include "sim/validate.h"

namespace drsim {

std::vector<Diagnostic> statement_errors(const RunbookPlan& plan) {
  std::vector<Diagnostic> out;
  for (const RunbookLine& l : plan.lines)
    if (l.fails)
      out.push_back(Diagnostic{plan.path, l.error.line, l.error.column, false, l.error.command,
                               l.error.message});
  return out;
}

void apply_runbook(const RunbookPlan& plan, scenario::Scenario& scenario) {
  scenario.clear_runbook();
  for (const scenario::RunbookStep& st : plan.steps) *scenario.add_runbook() = st;
  if (plan.start.kind == RunbookAnchor::Kind::kDetect)
    scenario.mutable_admin()->mutable_decide_delay()->set_fixed_s(
        static_cast<double>(plan.start.seconds));
}

std::vector<Diagnostic> runbook_findings(const RunbookPlan& plan, const scenario::Scenario& applied,
                                         const std::string& origin) {
  std::vector<Diagnostic> out;
  for (const Finding& f : validate_scenario(applied)) {
    if (f.severity != Severity::kError) continue;
    const std::string top = f.path.empty() ? "" : f.path[0].field->name();
    const int index = f.path.empty() ? -1 : f.path[0].index;
    if (top == "runbook" && index >= 0 && static_cast<size_t>(index) < plan.step_line.size()) {
      // The step came from a line of the script: the finding is about that line.
      const RunbookLine& l =
          plan.lines[static_cast<size_t>(plan.step_line[static_cast<size_t>(index)])];
      out.push_back(Diagnostic{plan.path, l.line, l.column, false, "", f.message});
    } else if (top == "admin" && f.path.size() > 1 && f.path[1].field->name() == "decide_delay" &&
               plan.start.kind == RunbookAnchor::Kind::kDetect && plan.anchor.line > 0) {
      out.push_back(Diagnostic{plan.path, plan.anchor.line, 1, false, "",
                               "the anchor's offset becomes the decide delay, which " + f.message});
    } else {
      out.push_back(Diagnostic{origin, 0, 0, false, path_to_string(f.path), f.message});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.file != b.file   ? a.file < b.file
           : a.line != b.line ? a.line < b.line
                              : a.column < b.column;
  });
  return out;
}

}  // namespace drsim
