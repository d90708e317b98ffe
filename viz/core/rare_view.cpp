// The rare-event panel's rows; see rare_view.h.
#include "viz/core/rare_view.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>

namespace drsim::viz {

namespace {
std::string g4(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}
}  // namespace

std::vector<RareRow> rare_rows(const RareReport& r) {
  std::vector<RareRow> out;
  for (const RarePoolEstimate& p : r.pools) {
    for (const RareQuantity& q : p.quantities) {
      RareRow row;
      row.pool = p.pool;
      row.quantity = q.label;
      row.estimate = rare_figure_text(q.estimate);
      row.relative =
          q.estimate.is_known ? g4(100 * q.estimate.relative_halfwidth()).append(" %") : "-";
      row.plain = q.plain_computed ? rare_figure_text(q.plain) : "not reported";
      if (!q.markov) {
        row.markov = rare_no_markov_text(r, q);
      } else {
        // The same test as the text's and the page's: the chain's value within the half-width.
        const bool inside =
            q.estimate.is_known && std::fabs(q.estimate.value - *q.markov) <= q.estimate.ci95;
        row.verdict = inside ? MarkovVerdict::kInside : MarkovVerdict::kOutside;
        row.markov_color = inside ? palette::kMarkovInside : palette::kMarkovOutside;
        row.markov =
            g4(*q.markov).append(inside ? " (inside the interval)" : " (outside the interval)");
      }
      out.push_back(row);
    }
  }
  return out;
}

std::string rare_pool_note(const RarePoolEstimate& p) {
  char buf[256];
  if (p.subject.empty())
    std::snprintf(buf, sizeof buf, "%d Front Ends, %d of %d seed servers must run", p.servers,
                  p.required, p.seeds);
  // The Back End's servers and rule, or the pair's two pools, as the text printed them.
  std::string out = std::string(p.pool).append(": ").append(p.subject.empty() ? buf : p.subject);
  std::snprintf(buf, sizeof buf,
                "; %" PRIu64 " replications, %" PRIu64 " of %" PRIu64
                " samples %s; plain Monte Carlo %" PRIu64 " of %" PRIu64 "; %s",
                p.replications, p.hits, p.samples,
                p.subject.empty() ? "lost quorum" : "reached the event", p.plain_hits,
                p.plain_samples,
                p.reached_precision ? "reached the requested relative half-width"
                                    : "did not reach a requested relative half-width");
  out.append(buf);
  // A policy target missed: the whole engine's runs from a scripted quorum loss.
  if (p.triggered_runs > 0) {
    std::snprintf(buf, sizeof buf,
                  "; %" PRIu64 " triggered engine runs, %" PRIu64 " judged, %" PRIu64 " missed",
                  p.triggered_runs, p.triggered_judged, p.triggered_misses);
    out.append(buf);
  }
  if (!p.warning.empty()) out.append("; WARNING: ").append(p.warning);
  return out;
}

std::string rare_method_line(const RareReport& r) {
  const std::string name = r.method == "importance-sampling"
                               ? "importance sampling with balanced failure biasing"
                               : "fixed-effort multilevel splitting";
  return rare_event_title(r.event)
      .append(": ")
      .append(name)
      .append(", chosen because ")
      .append(r.reason);
}

}  // namespace drsim::viz
