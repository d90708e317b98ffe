// The what-if comparison for people and programs; see compare_text.h.
#include "analysis/compare_text.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "analysis/json_writer.h"
#include "analysis/report_format.h"

namespace drsim {

std::string compare_value_text(const std::string& name, double v, CompareForm form) {
  if (!std::isfinite(v)) return "-";
  const std::string prefix = form == CompareForm::kHalfwidth             ? "± "
                             : form == CompareForm::kDifference && v > 0 ? "+"
                             : form == CompareForm::kDifference && v < 0 ? "-"
                                                                         : "";
  const double shown = form == CompareForm::kDifference ? std::fabs(v) : v;
  if (name.ends_with("_fraction"))
    return prefix + fixed(shown * 100, 6) + (form == CompareForm::kValue ? " %" : " pp");
  if (name.ends_with("_s")) return prefix + human_s(shown);
  return prefix + fixed(shown, 4);
}

namespace {

std::string share_text(const Proportion& p) {
  if (p.n == 0) return "no incident judged";
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.2f %% [%.2f, %.2f] of %" PRIu64, p.value() * 100,
                p.ci_low() * 100, p.ci_high() * 100, p.n);
  return buf;
}

std::string target_text(const std::optional<int64_t>& t) {
  return t ? "<= " + human_s(static_cast<double>(*t)) : "none";
}

}  // namespace

std::string compare_report_text(const CompareResult& r) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%" PRIu64 " paired replications (common random numbers)%s\n\n",
                r.replications, r.interrupted ? ", INTERRUPTED" : "");
  out += buf;
  std::snprintf(buf, sizeof buf, "%-28s %16s %16s %18s %18s %8s\n", "metric", "base", "what-if",
                "difference", "+-95%", "pairs");
  out += buf;
  for (const PairedMetric& m : r.metrics) {
    const double ci = m.difference.ci95_halfwidth();
    const bool none = m.difference.n() == 0;
    std::snprintf(
        buf, sizeof buf, "%-28s %16s %16s %18s %18s %8" PRIu64 "%s\n", m.name.c_str(),
        m.base.n() > 0 ? compare_value_text(m.name, m.base.mean(), CompareForm::kValue).c_str()
                       : "-",
        m.whatif.n() > 0 ? compare_value_text(m.name, m.whatif.mean(), CompareForm::kValue).c_str()
                         : "-",
        none ? "-"
             : compare_value_text(m.name, m.difference.mean(), CompareForm::kDifference).c_str(),
        std::isfinite(ci) && !none ? compare_value_text(m.name, ci, CompareForm::kHalfwidth).c_str()
                                   : "-",
        m.difference.n(), is_significant(m) ? "  significant" : "");
    out += buf;
  }
  if (!r.rto_met.empty() || !r.rpo_met.empty())
    out +=
        "\npolicy targets met (share of the incidents judged, 95 % interval; base -> what-if):\n";
  for (const auto* list : {&r.rto_met, &r.rpo_met}) {
    for (const PolicyShareChange& c : *list) {
      const char* what = list == &r.rto_met ? "RTO" : "RPO";
      std::string targets = target_text(c.base_target_s);
      if (c.whatif_target_s != c.base_target_s) targets += " -> " + target_text(c.whatif_target_s);
      std::string change;
      if (c.base.n > 0 && c.whatif.n > 0) {
        const double points = (c.whatif.value() - c.base.value()) * 100;
        std::snprintf(buf, sizeof buf, "  (%+.2f points)", points);
        change = buf;
      }
      std::snprintf(buf, sizeof buf, "  %-9s %s %-12s %s -> %s%s\n", c.disruption.c_str(), what,
                    targets.c_str(), share_text(c.base).c_str(), share_text(c.whatif).c_str(),
                    change.c_str());
      out += buf;
    }
  }
  return out;
}

std::string compare_report_json(const CompareResult& r, uint64_t seed, const std::string& base_name,
                                const std::string& whatif_name) {
  JsonWriter w;
  w.begin_object().field("seed", seed).field("base", base_name).field("whatif", whatif_name);
  w.field("replications", r.replications).field("interrupted", r.interrupted);
  w.key("metrics").begin_array();
  for (const PairedMetric& m : r.metrics) {
    w.begin_object()
        .field("name", m.name)
        .field("base_mean", m.base.mean())
        .field("whatif_mean", m.whatif.mean());
    w.field("difference_mean", m.difference.mean()).field("pairs", m.difference.n());
    const double ci = m.difference.ci95_halfwidth();
    w.key("difference_ci95_halfwidth");
    if (std::isfinite(ci))
      w.value(ci);
    else
      w.null();
    w.end_object();
  }
  w.end_array();
  // The share of judged incidents meeting each target, in each scenario.
  for (const auto* list : {&r.rto_met, &r.rpo_met}) {
    w.key(list == &r.rto_met ? "policy_rto_met" : "policy_rpo_met").begin_array();
    for (const PolicyShareChange& c : *list) {
      w.begin_object().field("disruption", c.disruption);
      for (const auto& [side, target, share] :
           {std::tuple{"base", &c.base_target_s, &c.base},
            std::tuple{"whatif", &c.whatif_target_s, &c.whatif}}) {
        w.key(side).begin_object().key("target_s");
        if (*target)
          w.value(**target);
        else
          w.null();
        w.field("incidents", share->n).field("met", share->k);
        w.key("fraction");
        if (share->n > 0)
          w.value(share->value());
        else
          w.null();
        w.end_object();
      }
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  return w.str();
}

}  // namespace drsim
