// The what-if comparison page; see compare_page.h.
#include "analysis/compare_page.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "analysis/report_format.h"
#include "drsim/version.h"

namespace drsim {

namespace {

std::string footer(const CompareResult& r, const CompareReportInfo& info) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "seed %" PRIu64 ", %" PRIu64 " paired replications", info.seed,
                r.replications);
  return "what-if " + info.whatif_name + " against " + info.base_name + ", " + buf + ", drsim " +
         kVersion + " (commit " + kGitCommit + ")";
}

std::string joined_sets(const char* flag, const std::vector<std::string>& sets) {
  std::string out;
  for (const std::string& s : sets) out += (out.empty() ? "" : " ") + std::string(flag) + " " + s;
  return out.empty() ? "none" : out;
}

// The page's title: the two scenario names, or one name and the what-if's overrides when the
// what-if is the base changed by --whatif-set.
std::string heading(const CompareReportInfo& info) {
  if (info.whatif_name != info.base_name || info.whatif_sets.empty())
    return info.whatif_name + " against " + info.base_name;
  return info.base_name + ": " + joined_sets("--whatif-set", info.whatif_sets) + " against as is";
}

constexpr const char* kNote =
    "Replication r of both scenarios draws every random number from the same streams, so the same "
    "components fail "
    "at the same times in both and the paired difference isolates the change. A difference is "
    "significant when its "
    "95 % interval excludes zero; green: better, red: worse, by each metric's direction.";

}  // namespace

std::string compare_effect(const PairedMetric& m) {
  if (!is_significant(m)) return "no significant change";
  return (m.difference.mean() > 0) == m.higher_is_better ? "better" : "worse";
}

CompareTables compare_tables(const CompareResult& r, const CompareReportInfo& info) {
  CompareTables t;
  char buf[96];
  t.stamp.push_back({"Base scenario", info.base_name});
  t.stamp.push_back({"What-if scenario", info.whatif_name});
  std::snprintf(buf, sizeof buf, "%" PRIu64, info.seed);
  t.stamp.push_back({"Seed", buf});
  std::snprintf(buf, sizeof buf, "%" PRIu64 "%s", r.replications,
                r.interrupted ? ", INTERRUPTED" : "");
  t.stamp.push_back({"Paired replications", buf});
  t.stamp.push_back({"Overrides (both)", joined_sets("--set", info.sets)});
  t.stamp.push_back({"Overrides (what-if)", joined_sets("--whatif-set", info.whatif_sets)});
  t.stamp.push_back({"Base SHA-256", info.base_sha256});
  t.stamp.push_back({"What-if SHA-256", info.whatif_sha256});
  t.stamp.push_back({"drsim version", kVersion});
  t.stamp.push_back({"Commit", kGitCommit});

  Table& m = t.metrics;
  m.head = {"Metric",        "Base mean", "What-if mean", "Difference", "± 95 %",
            "95 % interval", "Pairs",     "Significant",  "Effect"};
  m.empty_note = "No replications finished.";
  m.note = kNote;
  for (const PairedMetric& p : r.metrics) {
    const double diff = p.difference.mean(), h = p.difference.ci95_halfwidth();
    const std::string effect = compare_effect(p);
    const std::string tone = effect == "better" ? "good" : effect == "worse" ? "bad" : "";
    const std::string interval =
        std::isfinite(h)
            ? "[" + compare_value_text(p.name, diff - h, CompareForm::kDifference) + ", " +
                  compare_value_text(p.name, diff + h, CompareForm::kDifference) + "]"
            : "-";
    m.rows.push_back(
        {{p.name, p.higher_is_better ? "higher is better" : "lower is better", "", false},
         {compare_value_text(p.name, p.base.mean(), CompareForm::kValue), "", "", true},
         {compare_value_text(p.name, p.whatif.mean(), CompareForm::kValue), "", "", true},
         {compare_value_text(p.name, diff, CompareForm::kDifference), "", tone, true},
         {std::isfinite(h) ? compare_value_text(p.name, h, CompareForm::kHalfwidth) : "-", "", "",
          true},
         {interval, "", "", true},
         {grouped(static_cast<int64_t>(p.difference.n())), "", "", true},
         {is_significant(p) ? "yes" : "no", "", "", false},
         {effect, "", tone, false}});
  }
  Table& pt = t.policy;
  pt.head = {"Disruption", "Measure",     "Base target", "What-if target",
             "Base met",   "What-if met", "Change"};
  pt.empty_note = "Neither scenario sets policy targets.";
  pt.note =
      "Each side's incidents are judged by its own targets, as a sweep judges them: the RTO over "
      "incidents that "
      "cost users service, the RPO over those and the ones that lost judged data. Intervals are 95 "
      "% (Wilson).";
  for (const auto* list : {&r.rto_met, &r.rpo_met}) {
    for (const PolicyShareChange& c : *list) {
      auto target = [](const std::optional<int64_t>& s) {
        return s ? human_s(static_cast<double>(*s)) : std::string("none");
      };
      auto share = [](const Proportion& p) {
        if (p.n == 0) return std::string("no incident judged");
        return fixed(p.value() * 100, 2) + " % [" + fixed(p.ci_low() * 100, 2) + ", " +
               fixed(p.ci_high() * 100, 2) + "] of " + grouped(static_cast<int64_t>(p.n));
      };
      std::string change = "-", tone;
      if (c.base.n > 0 && c.whatif.n > 0) {
        const double points = (c.whatif.value() - c.base.value()) * 100;
        change = (points > 0 ? "+" : "") + fixed(points, 2) + " pp";
        tone = points > 0 ? "good" : points < 0 ? "bad" : "";
      }
      pt.rows.push_back({{c.disruption, "", "", false},
                         {list == &r.rto_met ? "RTO" : "RPO", "", "", false},
                         {target(c.base_target_s), "", "", true},
                         {target(c.whatif_target_s), "", "", true},
                         {share(c.base), "", "", true},
                         {share(c.whatif), "", "", true},
                         {change, "", tone, true}});
    }
  }
  return t;
}

std::string compare_html(const CompareResult& r, const CompareReportInfo& info) {
  const CompareTables t = compare_tables(r, info);
  std::string out = html_page_begin("drsim what-if: " + heading(info));
  out += "<h1>What-if comparison: " + xml_escape(heading(info)) + "</h1>\n";
  out +=
      "<p class=\"lead\">How the change moves each headline metric, measured on the same failures "
      "in both "
      "scenarios.</p>\n";
  stamp_html(out, t.stamp);
  out += "<h2>Paired differences (what-if minus base)</h2>\n";
  table_html(out, t.metrics);
  out += "<h2>Policy targets met</h2>\n";
  table_html(out, t.policy);
  return out + html_page_end(footer(r, info));
}

std::string compare_markdown(const CompareResult& r, const CompareReportInfo& info) {
  const CompareTables t = compare_tables(r, info);
  std::string out = "# What-if comparison: " + md_cell(heading(info)) + "\n\n";
  stamp_md(out, t.stamp);
  out += "## Paired differences (what-if minus base)\n\n";
  table_md(out, t.metrics);
  out += "## Policy targets met\n\n";
  table_md(out, t.policy);
  return out + "---\n\n" + md_cell(footer(r, info)) + "\n";
}

std::vector<ReportFile> compare_report_files(const CompareResult& r,
                                             const CompareReportInfo& info) {
  return {{"compare.html", compare_html(r, info)}, {"compare.md", compare_markdown(r, info)}};
}

}  // namespace drsim
