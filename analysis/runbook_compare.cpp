// Formatting a comparison of two rehearsed runbooks; see runbook_compare.h.
#include "analysis/runbook_compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/report_format.h"
#include "sim/check.h"
#include "sim/model/state.h"

namespace drsim {

namespace {
std::string pad(std::string s, size_t w) {
  if (s.size() > w) s = s.substr(0, w - 1) + "~";
  return s + std::string(w - s.size() + 1, ' ');
}

std::string signed_s(double s) { return (s > 0 ? "+" : s < 0 ? "-" : "") + human_s(std::fabs(s)); }

// A figure of one rehearsal, in seconds (or user-hours, or a count).
struct Row {
  const char* label;
  double (*get)(const RehearsalFigures&);
  bool is_time;
};

double stage(const RehearsalFigures& f, int k) {
  if (!f.has_incident) return 0;
  const IncidentMetrics& m = f.incident;
  const Duration d[] = {m.total, m.detect, m.decide, m.execute, m.clients_back, m.admin_time_lost};
  return d[k].seconds_f();
}

const Row kRows[] = {
    {"RTO", [](const RehearsalFigures& f) { return stage(f, 0); }, true},
    {"  detect", [](const RehearsalFigures& f) { return stage(f, 1); }, true},
    {"  decide", [](const RehearsalFigures& f) { return stage(f, 2); }, true},
    {"  execute", [](const RehearsalFigures& f) { return stage(f, 3); }, true},
    {"  clients back", [](const RehearsalFigures& f) { return stage(f, 4); }, true},
    {"admin time lost", [](const RehearsalFigures& f) { return stage(f, 5); }, true},
    {"cmdlets failed",
     [](const RehearsalFigures& f) {
       return f.has_incident ? double(f.incident.cmdlet_errors) : 0.0;
     },
     false},
    {"user-hours lost", [](const RehearsalFigures& f) { return f.user_hours_lost; }, false},
};

std::string value(double x, bool is_time) {
  if (is_time) return human_s(x);
  char buf[32];
  std::snprintf(buf, sizeof buf, x == std::floor(x) ? "%.0f" : "%.1f", x);
  return buf;
}

std::string diff(double x, bool is_time) {
  if (is_time) return signed_s(x);
  char buf[32];
  std::snprintf(buf, sizeof buf, x == std::floor(x) ? "%+.0f" : "%+.1f", x);
  return buf;
}

std::string step_cell(const RehearsalStep* s) {
  if (s == nullptr) return "";
  std::string out = std::to_string(s->line) + ": " + s->statement;
  if (out.size() > 44) {
    out.resize(43);
    out += '~';
  }
  const std::string when = s->start_us >= 0 ? clock_s(s->start_us).substr(4) : "--";
  const std::string took = s->start_us >= 0 && s->end_us >= 0
                               ? human_s(static_cast<double>(s->end_us - s->start_us) / 1e6)
                               : "";
  return when + " " + out + " [" + outcome_name(s->outcome) + (took.empty() ? "" : " " + took) +
         "]";
}
}  // namespace

std::string runbook_comparison_text(const RunbookComparison& c) {
  DRSIM_CHECK(!c.a.empty() && c.a.size() == c.b.size(),
              "a runbook comparison pairs the replications of A and B");
  const size_t n = c.a.size();
  std::string out = "Rehearsal of two runbooks against the same disaster: " + c.scenario +
                    ", seed " + std::to_string(c.seed) +
                    (n == 1 ? ", replication 0" : ", " + std::to_string(n) + " replications") +
                    "\n  A: " + c.path_a + "\n  B: " + c.path_b + "\n\n";
  out += pad("", 25) + pad(n == 1 ? "A" : "A (mean)", 14) + pad(n == 1 ? "B" : "B (mean)", 14) +
         (n == 1 ? "B - A" : "B - A (mean, 95% half-width)") + "\n";
  const auto row = [&](const std::string& label, auto get, bool is_time) {
    double sa = 0, sb = 0, sd = 0, sd2 = 0;
    for (size_t r = 0; r < n; ++r) {
      const double x = get(c.a[r]), y = get(c.b[r]);
      sa += x, sb += y, sd += y - x, sd2 += (y - x) * (y - x);
    }
    const double ma = sa / double(n), mb = sb / double(n), md = sd / double(n);
    std::string line = pad(label, 25) + pad(value(ma, is_time), 14) + pad(value(mb, is_time), 14) +
                       diff(md, is_time);
    if (n > 1) {
      const double var = std::max(0.0, (sd2 - double(n) * md * md) / double(n - 1));
      line += " +/- " + value(1.96 * std::sqrt(var / double(n)), is_time);
    }
    out += line + "\n";
  };
  for (const Row& r : kRows) row(r.label, r.get, r.is_time);
  for (int k = 0; k < kCategoryCount; ++k) {
    const auto rpo = [k](const RehearsalFigures& f) {
      return f.has_incident ? f.incident.rpo[static_cast<size_t>(k)].seconds_f() : 0.0;
    };
    bool any = false;
    for (size_t r = 0; r < n; ++r) any |= rpo(c.a[r]) > 0 || rpo(c.b[r]) > 0;
    if (any) row(std::string("RPO ") + category_name(static_cast<Category>(k)), rpo, true);
  }
  bool none = false;
  for (size_t r = 0; r < n; ++r) none |= !c.a[r].has_incident || !c.b[r].has_incident;
  if (none) out += "(a replication without an incident counts as 0)\n";

  out += "\nStep by step" + std::string(n > 1 ? " (replication 0)" : "") + ":\n";
  const std::vector<RehearsalStep>& sa = c.a[0].steps;
  const std::vector<RehearsalStep>& sb = c.b[0].steps;
  for (size_t k = 0; k < std::max(sa.size(), sb.size()); ++k)
    out += "  " + pad(step_cell(k < sa.size() ? &sa[k] : nullptr), 78) + "| " +
           step_cell(k < sb.size() ? &sb[k] : nullptr) + "\n";
  return out;
}

}  // namespace drsim
