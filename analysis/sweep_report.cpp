// Sweep reports; see sweep_report.h.
#include "analysis/sweep_report.h"

#include <cinttypes>
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/json_writer.h"
#include "analysis/markov.h"
#include "drsim/version.h"
#include "sim/time.h"

namespace drsim {

namespace {
// The histogram's non-empty buckets: [low, high, count], with values below LogHistogram::kMin
// (zero) as [0, 0, count]. Enough to redraw the distribution and its cumulative form.
void histogram_json(JsonWriter& w, const LogHistogram& h) {
  w.key("histogram").begin_array();
  const std::vector<uint64_t>& b = h.buckets();
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i] == 0) continue;
    const double low = i == 0 ? 0.0 : LogHistogram::bucket_low(static_cast<int>(i));
    const double high = i == 0 ? 0.0 : low * LogHistogram::kRatio;
    w.begin_array().value(low).value(high).value(b[i]).end_array();
  }
  w.end_array();
}

void stat_json(JsonWriter& w, const Stat& s, bool with_histogram = false) {
  w.begin_object();
  w.field("n", s.n());
  w.field("mean", s.mean());
  const double ci = s.ci95_halfwidth();
  w.key("ci95_halfwidth");
  if (std::isfinite(ci)) w.value(ci); else w.null();
  w.field("p50", s.quantile(0.5)).field("p95", s.quantile(0.95)).field("p99", s.quantile(0.99));
  w.field("max", s.n() > 0 ? s.max() : 0.0);
  w.key("max_replication");
  if (s.n() > 0) w.value(s.argmax()); else w.null();
  if (with_histogram) histogram_json(w, s.histogram());
  w.end_object();
}

void worst_json(JsonWriter& w, const char* key, const TopReplications& t) {
  w.key(key).begin_array();
  for (const TopReplications::Entry& e : t.entries())
    w.begin_object().field("replication", e.replication).field("value", e.value).end_object();
  w.end_array();
}

void proportion_json(JsonWriter& w, const Proportion& p) {
  w.begin_object();
  w.field("incidents", p.n).field("met", p.k).field("fraction", p.value());
  w.field("ci95_low", p.ci_low()).field("ci95_high", p.ci_high());
  w.end_object();
}

std::string seconds_text(double s) {
  return format_duration(Duration::micros(static_cast<int64_t>(s * 1e6 + 0.5)));
}
}  // namespace

std::string sweep_report_json(const scenario::Scenario& s, const SweepAccumulator& a,
                              const SweepReportInfo& info, const std::vector<AnalyticCheck>& analytic) {
  JsonWriter w;
  w.begin_object();
  w.field("seed", info.seed).field("scenario_sha256", info.scenario_sha256);
  w.field("version", kVersion).field("commit", kGitCommit).field("scenario", info.scenario_name);
  w.key("overrides").begin_array();
  for (const std::string& o : info.overrides) w.value(o);
  w.end_array();
  w.field("replications", a.replications).field("first_replication", info.first_replication);
  w.field("interrupted", info.interrupted);
  w.field("horizon_s", static_cast<double>(s.horizon_s())).field("measured_years", a.measured_years);
  w.key("rpo_s").begin_object();
  for (int c = 0; c < kCategoryCount; ++c) {
    w.key(category_name(static_cast<Category>(c)));
    stat_json(w, a.rpo_s[static_cast<size_t>(c)], true);
  }
  w.end_object();
  w.key("rto_s").begin_object();
  for (int k = 0; k < kRtoStageCount; ++k) {
    w.key(kRtoStages[k]);
    stat_json(w, a.rto_s[static_cast<size_t>(k)], true);
  }
  w.end_object();
  w.key("availability").begin_object();
  w.key("user_weighted");
  stat_json(w, a.user_availability);
  w.key("pools").begin_array();
  for (int p = 0; p < s.pools_size(); ++p) {
    w.begin_object().field("fqdn", s.pools(p).fqdn()).key("availability");
    stat_json(w, a.pool_availability[static_cast<size_t>(p)]);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("downtime_s_per_year");
  stat_json(w, a.downtime_s_per_year, true);
  w.key("incidents_per_year");
  stat_json(w, a.incidents_per_year);
  w.key("policy").begin_array();
  for (int d = 0; d < kDisruptionCount; ++d) {
    const auto* t = policy_target(s.policy(), d);
    if (t == nullptr) continue;
    w.begin_object().field("disruption", kDisruptions[d]);
    if (t->has_rto_s()) {
      w.field("rto_target_s", t->rto_s()).key("rto_met");
      proportion_json(w, a.rto_met[static_cast<size_t>(d)]);
    }
    if (t->has_rpo_s()) {
      w.field("rpo_target_s", t->rpo_s()).key("rpo_met");
      proportion_json(w, a.rpo_met[static_cast<size_t>(d)]);
    }
    w.end_object();
  }
  w.end_array();
  w.key("analytic").begin_array();
  for (const AnalyticCheck& c : analytic) {
    w.begin_object().field("what", c.what).field("analytic", c.analytic).field("monte_carlo_mean", c.mc_mean);
    w.field("monte_carlo_ci95_halfwidth", c.mc_ci95).field("inside_interval", c.inside()).end_object();
  }
  w.end_array();
  // The worst replications first; replay one with `drsim run --seed S --replication K`.
  w.key("worst_replications").begin_object();
  worst_json(w, "downtime_s_per_year", a.worst_downtime);
  worst_json(w, "rto_total_s", a.worst_rto);
  worst_json(w, "rpo_user_data_s", a.worst_rpo);
  w.end_object();
  w.field("events_per_replication_mean", a.events.mean());
  w.end_object();
  return w.str();
}

std::string sweep_report_text(const scenario::Scenario& s, const SweepAccumulator& a,
                              const SweepReportInfo& info, const std::vector<AnalyticCheck>& analytic) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%" PRIu64 " replications of %.2f years (seed %" PRIu64 ")%s\n",
                a.replications, a.measured_years, info.seed, info.interrupted ? ", INTERRUPTED" : "");
  out += buf;
  std::snprintf(buf, sizeof buf, "user-weighted availability %.6f %% +- %.6f; downtime per user %s per year; %.3f incidents per year\n",
                a.user_availability.mean() * 100, a.user_availability.ci95_halfwidth() * 100,
                seconds_text(a.downtime_s_per_year.mean()).c_str(), a.incidents_per_year.mean());
  out += buf;
  for (int p = 0; p < s.pools_size(); ++p) {
    const Stat& st = a.pool_availability[static_cast<size_t>(p)];
    std::snprintf(buf, sizeof buf, "  %-28s availability %.6f %% +- %.6f\n", s.pools(p).fqdn().c_str(),
                  st.mean() * 100, st.ci95_halfwidth() * 100);
    out += buf;
  }
  out += "\n                         incidents        mean   +-95%         p50         p95         p99         max  (replication)\n";
  auto row = [&](const std::string& name, const Stat& st) {
    if (st.n() == 0) return;
    std::snprintf(buf, sizeof buf, "%-24s %10" PRIu64 " %11s %7s %11s %11s %11s %11s  (%" PRIu64 ")\n", name.c_str(), st.n(),
                  seconds_text(st.mean()).c_str(),
                  std::isfinite(st.ci95_halfwidth()) ? seconds_text(st.ci95_halfwidth()).c_str() : "-",
                  seconds_text(st.quantile(0.5)).c_str(), seconds_text(st.quantile(0.95)).c_str(),
                  seconds_text(st.quantile(0.99)).c_str(), seconds_text(st.max()).c_str(), st.argmax());
    out += buf;
  };
  for (int k = 0; k < kRtoStageCount; ++k) row(std::string("RTO ") + kRtoStages[k], a.rto_s[static_cast<size_t>(k)]);
  for (int c = 0; c < kCategoryCount; ++c)
    row(std::string("RPO ") + category_name(static_cast<Category>(c)), a.rpo_s[static_cast<size_t>(c)]);
  bool policy = false;
  for (int d = 0; d < kDisruptionCount; ++d) {
    const auto* t = policy_target(s.policy(), d);
    if (t == nullptr) continue;
    if (!policy) out += "\npolicy targets (fraction of incidents meeting them, 95 % interval):\n";
    policy = true;
    auto line = [&](const char* what, int64_t target_s, const Proportion& p) {
      if (p.n == 0) {
        std::snprintf(buf, sizeof buf, "  %-9s %s <= %-10s no incidents of this kind\n", kDisruptions[d], what,
                      seconds_text(static_cast<double>(target_s)).c_str());
        out += buf;
        return;
      }
      std::snprintf(buf, sizeof buf, "  %-9s %s <= %-10s %6.2f %%  [%6.2f, %6.2f]  of %" PRIu64 " incidents\n",
                    kDisruptions[d], what, seconds_text(static_cast<double>(target_s)).c_str(), p.value() * 100,
                    p.ci_low() * 100, p.ci_high() * 100, p.n);
      out += buf;
    };
    if (t->has_rto_s()) line("RTO", t->rto_s(), a.rto_met[static_cast<size_t>(d)]);
    if (t->has_rpo_s()) line("RPO", t->rpo_s(), a.rpo_met[static_cast<size_t>(d)]);
  }
  if (!analytic.empty()) out += "\nanalytic cross-check (continuous-time Markov chains):\n";
  for (const AnalyticCheck& c : analytic) {
    std::snprintf(buf, sizeof buf, "  %-44s analytic %.8f  Monte Carlo %.8f +- %.8f  %s\n", c.what.c_str(),
                  c.analytic, c.mc_mean, c.mc_ci95, c.inside() ? "ok" : "WARNING: outside the interval");
    out += buf;
  }
  auto worst = [&](const char* what, const TopReplications& t) {
    if (t.entries().empty()) return;
    out += std::string("  by ") + what + ":";
    for (size_t i = 0; i < std::min<size_t>(5, t.entries().size()); ++i)
      out += " " + std::to_string(t.entries()[i].replication) + " (" + seconds_text(t.entries()[i].value) + ")";
    out += "\n";
  };
  if (!a.worst_downtime.entries().empty() || !a.worst_rto.entries().empty()) out += "\nworst replications:\n";
  worst("downtime per user per year", a.worst_downtime);
  worst("longest RTO", a.worst_rto);
  worst("worst user-data RPO", a.worst_rpo);
  std::snprintf(buf, sizeof buf, "\n%.0f events per replication on average; replay one with: drsim run SCENARIO --seed %" PRIu64 " --replication K\n",
                a.events.mean(), info.seed);
  out += buf;
  return out;
}

}  // namespace drsim
