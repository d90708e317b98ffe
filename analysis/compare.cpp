// Paired what-if comparison; see compare.h.
#include "analysis/compare.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <utility>

#include "analysis/json_writer.h"

namespace drsim {

bool is_significant(const PairedMetric& m) {
  return m.difference.n() >= 2 && std::fabs(m.difference.mean()) > m.difference.ci95_halfwidth();
}

std::string compare_report_text(const CompareResult& r) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%" PRIu64 " paired replications (common random numbers)%s\n\n", r.replications,
                r.interrupted ? ", INTERRUPTED" : "");
  out += buf;
  std::snprintf(buf, sizeof buf, "%-28s %16s %16s %16s %14s %8s\n", "metric", "base", "what-if",
                "difference", "+-95%", "pairs");
  out += buf;
  for (const PairedMetric& m : r.metrics) {
    const double ci = m.difference.ci95_halfwidth();
    std::snprintf(buf, sizeof buf, "%-28s %16.8g %16.8g %+16.8g %14.6g %8" PRIu64 "%s\n", m.name.c_str(),
                  m.base.mean(), m.whatif.mean(), m.difference.mean(), std::isfinite(ci) ? ci : 0.0,
                  m.difference.n(),
                  is_significant(m) ? "  significant" : "");
    out += buf;
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
    w.begin_object().field("name", m.name).field("base_mean", m.base.mean()).field("whatif_mean", m.whatif.mean());
    w.field("difference_mean", m.difference.mean()).field("pairs", m.difference.n());
    const double ci = m.difference.ci95_halfwidth();
    w.key("difference_ci95_halfwidth");
    if (std::isfinite(ci)) w.value(ci); else w.null();
    w.end_object();
  }
  w.end_array().end_object();
  return w.str();
}

}  // namespace drsim
