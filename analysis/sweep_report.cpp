// Sweep reports; see sweep_report.h. Both are drawn from a SweepDigest, so the JSON a sweep
// writes and the digest read back from it hold the same numbers.
#include "analysis/sweep_report.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/downtime_cost.h"
#include "analysis/json_writer.h"
#include "analysis/markov.h"
#include "analysis/pool_targets.h"
#include "analysis/report_format.h"
#include "analysis/run_report.h"
#include "analysis/sweep_digest.h"
#include "analysis/sweep_pchat.h"
#include "sim/time.h"

namespace drsim {

namespace {
// [low, high, count] per non-empty bucket: enough to redraw the distribution and its
// cumulative form.
void histogram_json(JsonWriter& w, const std::vector<HistogramBucket>& h) {
  w.key("histogram").begin_array();
  for (const HistogramBucket& b : h)
    w.begin_array().value(b.low).value(b.high).value(b.count).end_array();
  w.end_array();
}

void distribution_json(JsonWriter& w, const DistributionDigest& d, bool with_histogram = false) {
  w.begin_object();
  w.field("n", d.n);
  w.field("mean", d.mean);
  w.key("ci95_halfwidth");
  if (d.ci95_halfwidth)
    w.value(*d.ci95_halfwidth);
  else
    w.null();
  w.field("p50", d.p50).field("p95", d.p95).field("p99", d.p99);
  w.field("max", d.max);
  w.key("max_replication");
  if (d.max_replication)
    w.value(*d.max_replication);
  else
    w.null();
  if (with_histogram) histogram_json(w, d.histogram);
  w.end_object();
}

void named_distributions_json(JsonWriter& w, const char* key,
                              const std::vector<std::pair<std::string, DistributionDigest>>& all) {
  w.key(key).begin_object();
  for (const auto& [name, d] : all) {
    w.key(name);
    distribution_json(w, d, true);
  }
  w.end_object();
}

void proportion_json(JsonWriter& w, const ProportionDigest& p) {
  w.begin_object();
  w.field("incidents", p.incidents).field("met", p.met).field("fraction", p.fraction);
  w.field("ci95_low", p.ci95_low).field("ci95_high", p.ci95_high);
  w.end_object();
}

std::string seconds_text(double s) {
  return format_duration(Duration::micros(static_cast<int64_t>(s * 1e6 + 0.5)));
}

// The interval's half-width as the text report has always printed it: "inf" below two values.
double halfwidth_or_inf(const DistributionDigest& d) { return d.ci95_halfwidth.value_or(INFINITY); }
}  // namespace

std::string sweep_json(const SweepDigest& d) {
  JsonWriter w;
  w.begin_object();
  w.field("seed", d.seed).field("scenario_sha256", d.scenario_sha256);
  w.field("version", d.version).field("commit", d.commit).field("scenario", d.scenario);
  w.key("overrides").begin_array();
  for (const std::string& o : d.overrides) w.value(o);
  w.end_array();
  w.field("replications", d.replications).field("first_replication", d.first_replication);
  w.field("interrupted", d.interrupted);
  w.field("horizon_s", d.horizon_s).field("measured_years", d.measured_years);
  named_distributions_json(w, "rpo_s", d.rpo_s);
  w.key("no_backup_incidents").begin_object();
  for (const auto& [category, n] : d.no_backup_incidents) w.field(category, n);
  w.end_object();
  named_distributions_json(w, "stranded_unreachable_s", d.stranded_unreachable_s);
  w.field("stranded_counts_as_lost", d.stranded_counts_as_lost);
  named_distributions_json(w, "rto_s", d.rto_s);
  named_distributions_json(w, "rto_total_s_by_disruption", d.rto_total_s_by_disruption);
  w.key("availability").begin_object();
  w.key("user_weighted");
  distribution_json(w, d.user_availability);
  w.key("pools").begin_array();
  for (const auto& [fqdn, availability] : d.pool_availability) {
    w.begin_object().field("fqdn", fqdn).key("availability");
    distribution_json(w, availability);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("downtime_s_per_year");
  distribution_json(w, d.downtime_s_per_year, true);
  w.key("incidents_per_year");
  distribution_json(w, d.incidents_per_year);
  // Without a gateway the PSTN is not modelled: no figures, rather than zeros.
  w.key("pstn").begin_object().field("modelled", d.pstn_modelled);
  if (d.pstn_modelled) {
    const ProportionDigest& p = d.pstn_impact;
    w.field("incidents", p.incidents).field("incidents_with_impact", p.met);
    w.field("fraction", p.fraction).field("ci95_low", p.ci95_low).field("ci95_high", p.ci95_high);
    w.key("rto_s");
    distribution_json(w, d.pstn_rto_s, true);
    w.field("not_restored_incidents", d.pstn_unrestored_incidents);
    w.key("minutes_lost_per_year");
    distribution_json(w, d.pstn_minutes_lost_per_year, true);
  }
  w.end_object();
  // Without Edge pools remote access is not modelled, and a modality the scenario does not
  // deploy has no figures: neither is written as zeros.
  w.key("access").begin_object().field("modelled", d.access_modelled);
  if (d.access_modelled) {
    w.key("modalities").begin_array();
    for (const AccessModalityDigest& m : d.access) {
      w.begin_object().field("modality", m.modality).field("deployed", m.deployed);
      if (m.deployed) {
        const ProportionDigest& p = m.impact;
        w.field("incidents", p.incidents).field("incidents_impaired", p.met);
        w.field("fraction", p.fraction)
            .field("ci95_low", p.ci95_low)
            .field("ci95_high", p.ci95_high);
        w.key("rto_s");
        distribution_json(w, m.rto_s, true);
        w.field("not_restored_incidents", m.unrestored_incidents);
      }
      w.end_object();
    }
    w.end_array();
    if (remote_sign_in_deployed(d)) {
      w.key("remote_user_hours_lost_per_year");
      distribution_json(w, d.remote_user_hours_lost_per_year, true);
    }
  }
  w.end_object();
  // Without Persistent Chat pools chat is not modelled: no figures, rather than zeros.
  w.key("persistent_chat").begin_object().field("modelled", d.pchat_modelled);
  if (d.pchat_modelled) {
    const ProportionDigest& p = d.pchat_impact;
    w.field("incidents", p.incidents).field("incidents_with_impact", p.met);
    w.field("fraction", p.fraction).field("ci95_low", p.ci95_low).field("ci95_high", p.ci95_high);
    w.key("restore_s");
    distribution_json(w, d.pchat_restore_s, true);
    w.field("not_restored_incidents", d.pchat_unrestored_incidents);
    w.key("messages_lost");
    distribution_json(w, d.pchat_messages_lost, true);
    w.key("user_hours_lost_per_year");
    distribution_json(w, d.pchat_user_hours_lost_per_year, true);
    w.key("availability");
    distribution_json(w, d.pchat_availability);
  }
  w.end_object();
  w.key("policy").begin_array();
  for (const PolicyDigest& p : d.policy) {
    w.begin_object().field("disruption", p.disruption);
    if (p.rto_target_s) {
      w.field("rto_target_s", *p.rto_target_s).key("rto_met");
      proportion_json(w, p.rto_met);
    }
    if (p.rpo_target_s) {
      w.field("rpo_target_s", *p.rpo_target_s).key("rpo_met");
      proportion_json(w, p.rpo_met);
    }
    w.end_object();
  }
  w.end_array();
  w.key("modality_targets").begin_array();
  for (const ModalityTargetDigest& m : d.modality_targets) {
    w.begin_object().field("modality", m.modality).field("rto_target_s", m.rto_target_s);
    w.key("rto_met");
    proportion_json(w, m.rto_met);
    w.end_object();
  }
  w.end_array();
  pool_targets_json(w, d);
  // User-hours per modality; the cost is derived (cost x user-hours), for programs that read
  // only this, and not read back.
  w.key("downtime_cost").begin_object();
  w.key("user_hours_lost_per_year");
  distribution_json(w, d.user_hours_lost_per_year, true);
  if (d.pstn_modelled) {
    w.key("pstn_outbound_user_hours_per_year");
    distribution_json(w, d.pstn_outbound_user_hours_per_year, true);
    w.key("pstn_inbound_user_hours_per_year");
    distribution_json(w, d.pstn_inbound_user_hours_per_year, true);
  }
  w.field("branches_modelled", d.branches_modelled);
  if (d.branches_modelled) {
    w.key("branch_user_hours_lost_per_year");
    distribution_json(w, d.branch_user_hours_lost_per_year, true);
  }
  w.key("cost_per_user_hour");
  if (d.cost_per_user_hour)
    w.value(*d.cost_per_user_hour);
  else
    w.null();
  w.field("currency", d.currency).key("cost_per_year");
  if (const std::optional<CostPerYear> c = downtime_cost_per_year(d)) {
    w.begin_object().field("mean", c->mean).key("ci95_halfwidth");
    if (c->ci95_halfwidth)
      w.value(*c->ci95_halfwidth);
    else
      w.null();
    w.end_object();
  } else {
    w.null();
  }
  w.end_object();
  w.key("analytic").begin_array();
  for (const AnalyticDigest& c : d.analytic) {
    w.begin_object()
        .field("what", c.what)
        .field("analytic", c.analytic)
        .field("monte_carlo_mean", c.monte_carlo_mean);
    w.field("monte_carlo_ci95_halfwidth", c.monte_carlo_ci95_halfwidth)
        .field("inside_interval", c.inside_interval);
    w.end_object();
  }
  w.end_array();
  // The worst replications first; replay one with `drsim run --seed S --replication K`.
  w.key("worst_replications").begin_object();
  for (const auto& [measure, list] : d.worst_replications) {
    w.key(measure).begin_array();
    for (const WorstReplication& e : list)
      w.begin_object().field("replication", e.replication).field("value", e.value).end_object();
    w.end_array();
  }
  w.end_object();
  w.field("events_per_replication_mean", d.events_per_replication_mean);
  w.end_object();
  return w.str();
}

namespace {
// Minutes for people: one decimal below a hundred, whole and grouped above.
std::string minutes_text(double minutes) {
  return minutes < 100 ? fixed(minutes, 1) : grouped(std::llround(minutes));
}
// Hours for people, likewise.
std::string hours_text(double hours) { return minutes_text(hours); }
}  // namespace

std::string sweep_pstn_text(const SweepDigest& d) {
  if (!d.pstn_modelled)
    return "PSTN not modelled (the scenario has no PSTN gateway or branch office)\n";
  const ProportionDigest& p = d.pstn_impact;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "PSTN: calling lost in %" PRIu64 " of %" PRIu64
                " incidents (%.2f %%, 95 %% interval [%.2f, %.2f]); %s PSTN minutes lost per "
                "year (mean over replications)\n",
                p.met, p.incidents, p.fraction * 100, p.ci95_low * 100, p.ci95_high * 100,
                minutes_text(d.pstn_minutes_lost_per_year.mean).c_str());
  std::string out = buf;
  const DistributionDigest& r = d.pstn_rto_s;
  if (r.n > 0) {
    std::snprintf(
        buf, sizeof buf, "  time to PSTN restored: mean %s, p50 %s, p95 %s, p99 %s, max %s",
        seconds_text(r.mean).c_str(), seconds_text(r.p50).c_str(), seconds_text(r.p95).c_str(),
        seconds_text(r.p99).c_str(), seconds_text(r.max).c_str());
    out += buf;
  }
  if (d.pstn_unrestored_incidents > 0) {
    std::snprintf(buf, sizeof buf, "%s%" PRIu64 " incidents not restored by the horizon",
                  r.n > 0 ? "; " : "  ", d.pstn_unrestored_incidents);
    out += buf;
  }
  if (r.n > 0 || d.pstn_unrestored_incidents > 0) out += "\n";
  return out;
}

std::string sweep_access_text(const SweepDigest& d) {
  if (!d.access_modelled) return "Remote access not modelled (the scenario has no Edge pool)\n";
  std::string out = "Remote access and federation:\n";
  char buf[512];
  for (const AccessModalityDigest& m : d.access) {
    out += std::string("  ").append(access_modality_text(m.modality)).append(": ");
    if (!m.deployed) {
      out += "not deployed\n";
      continue;
    }
    const ProportionDigest& p = m.impact;
    std::snprintf(buf, sizeof buf,
                  "impaired in %" PRIu64 " of %" PRIu64
                  " incidents (%.2f %%, 95 %% interval [%.2f, %.2f])",
                  p.met, p.incidents, p.fraction * 100, p.ci95_low * 100, p.ci95_high * 100);
    out += buf;
    const DistributionDigest& r = m.rto_s;
    if (r.n > 0) {
      std::snprintf(buf, sizeof buf, "; time to restored: mean %s, p50 %s, p95 %s, p99 %s, max %s",
                    seconds_text(r.mean).c_str(), seconds_text(r.p50).c_str(),
                    seconds_text(r.p95).c_str(), seconds_text(r.p99).c_str(),
                    seconds_text(r.max).c_str());
      out += buf;
    }
    if (m.unrestored_incidents > 0) {
      std::snprintf(buf, sizeof buf, "; %" PRIu64 " incidents not restored by the horizon",
                    m.unrestored_incidents);
      out += buf;
    }
    out += "\n";
  }
  if (remote_sign_in_deployed(d)) {
    std::snprintf(buf, sizeof buf,
                  "  remote user-hours without sign-in per year: %s (mean over replications)\n",
                  hours_text(d.remote_user_hours_lost_per_year.mean).c_str());
    out += buf;
  }
  return out;
}

std::string sweep_text(const SweepDigest& d) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%" PRIu64 " replications of %.2f years (seed %" PRIu64 ")%s\n",
                d.replications, d.measured_years, d.seed, d.interrupted ? ", INTERRUPTED" : "");
  out += buf;
  std::snprintf(buf, sizeof buf,
                "user-weighted availability %.6f %% +- %.6f; downtime per user %s per year; %.3f "
                "incidents per year\n",
                d.user_availability.mean * 100, halfwidth_or_inf(d.user_availability) * 100,
                seconds_text(d.downtime_s_per_year.mean).c_str(), d.incidents_per_year.mean);
  out += buf;
  for (const auto& [fqdn, st] : d.pool_availability) {
    std::snprintf(buf, sizeof buf, "  %-28s availability %.6f %% +- %.6f\n", fqdn.c_str(),
                  st.mean * 100, halfwidth_or_inf(st) * 100);
    out += buf;
  }
  out += sweep_pstn_text(d);
  out += sweep_access_text(d);
  out += sweep_pchat_text(d);
  out +=
      "\n                               incidents        mean   +-95%         p50         p95      "
      "   p99         max  (replication)\n";
  auto row = [&](const std::string& name, const DistributionDigest& st) {
    if (st.n == 0) return;
    std::snprintf(
        buf, sizeof buf, "%-30s %10" PRIu64 " %11s %7s %11s %11s %11s %11s  (%" PRIu64 ")\n",
        name.c_str(), st.n, seconds_text(st.mean).c_str(),
        st.ci95_halfwidth ? seconds_text(*st.ci95_halfwidth).c_str() : "-",
        seconds_text(st.p50).c_str(), seconds_text(st.p95).c_str(), seconds_text(st.p99).c_str(),
        seconds_text(st.max).c_str(), st.max_replication.value_or(0));
    out += buf;
  };
  for (const auto& [stage, st] : d.rto_s) row("RTO " + stage, st);
  for (const auto& [category, st] : d.rpo_s) row("RPO " + category, st);
  for (const auto& [category, st] : d.stranded_unreachable_s) row("stranded " + category, st);
  for (const auto& [category, n] : d.no_backup_incidents) {
    if (n == 0) continue;
    std::snprintf(buf, sizeof buf,
                  "RPO %-26s no backup configured: every change since deployment lost or stranded, "
                  "in %" PRIu64 " incidents\n",
                  category.c_str(), n);
    out += buf;
  }
  bool any_stranded = false;
  for (const auto& [category, st] : d.stranded_unreachable_s)
    any_stranded = any_stranded || st.n > 0;
  if (any_stranded)
    out +=
        "(stranded: writes whose only copy was in a pool that was down and came back; the figures "
        "are how long "
        "they were unreachable)\n";
  if (!d.policy.empty()) {
    out +=
        "\npolicy targets (fraction of incidents meeting them, 95 % interval; only incidents that "
        "cost users "
        "service or lost judged data are judged;\n";
    out += d.stranded_counts_as_lost
               ? "stranded data counts as lost: policy.assume_sites_never_return):\n"
               : "stranded data is not counted as lost: a site that comes back loses nothing):\n";
  }
  for (const PolicyDigest& p : d.policy) {
    auto line = [&](const char* what, int64_t target_s, const ProportionDigest& m) {
      if (m.incidents == 0) {
        std::snprintf(buf, sizeof buf, "  %-9s %s <= %-10s no incidents of this kind\n",
                      p.disruption.c_str(), what,
                      seconds_text(static_cast<double>(target_s)).c_str());
        out += buf;
        return;
      }
      std::snprintf(buf, sizeof buf,
                    "  %-9s %s <= %-10s %6.2f %%  [%6.2f, %6.2f]  of %" PRIu64 " incidents\n",
                    p.disruption.c_str(), what, seconds_text(static_cast<double>(target_s)).c_str(),
                    m.fraction * 100, m.ci95_low * 100, m.ci95_high * 100, m.incidents);
      out += buf;
    };
    if (p.rto_target_s) line("RTO", *p.rto_target_s, p.rto_met);
    if (p.rpo_target_s) line("RPO", *p.rpo_target_s, p.rpo_met);
  }
  if (!d.modality_targets.empty())
    out +=
        "\nmodality targets (of the incidents that cost it, the share back within the target, "
        "95 % interval; not back by the horizon: missed):\n";
  for (const ModalityTargetDigest& m : d.modality_targets) {
    const std::string target = seconds_text(static_cast<double>(m.rto_target_s));
    const ProportionDigest& p = m.rto_met;
    if (p.incidents == 0)
      std::snprintf(buf, sizeof buf, "  %-15s back <= %-10s no incident cost it\n",
                    modality_target_text(m.modality), target.c_str());
    else
      std::snprintf(buf, sizeof buf,
                    "  %-15s back <= %-10s %6.2f %%  [%6.2f, %6.2f]  of %" PRIu64 " incidents\n",
                    modality_target_text(m.modality), target.c_str(), p.fraction * 100,
                    p.ci95_low * 100, p.ci95_high * 100, p.incidents);
    out += buf;
  }
  out += pool_targets_text(d);
  out += downtime_cost_text(d);
  if (!d.analytic.empty()) out += "\nanalytic cross-check (continuous-time Markov chains):\n";
  for (const AnalyticDigest& c : d.analytic) {
    std::snprintf(buf, sizeof buf, "  %-44s analytic %.8f  Monte Carlo %.8f +- %.8f  %s\n",
                  c.what.c_str(), c.analytic, c.monte_carlo_mean, c.monte_carlo_ci95_halfwidth,
                  c.inside_interval ? "ok" : "WARNING: outside the interval");
    out += buf;
  }
  static const std::pair<const char*, const char*> kWorstWords[] = {
      {"downtime_s_per_year", "downtime per user per year"},
      {"rto_total_s", "longest RTO"},
      {"rpo_user_data_s", "worst user-data RPO"}};
  bool any_worst = false;
  for (const auto& [measure, list] : d.worst_replications) {
    if (list.empty()) continue;
    const char* words = measure.c_str();
    for (const auto& [key, text] : kWorstWords)
      if (measure == key) words = text;
    if (!any_worst) out += "\nworst replications:\n";
    any_worst = true;
    out += std::string("  by ") + words + ":";
    for (size_t i = 0; i < std::min<size_t>(5, list.size()); ++i)
      out += " " + std::to_string(list[i].replication) + " (" + seconds_text(list[i].value) + ")";
    out += "\n";
  }
  std::snprintf(buf, sizeof buf,
                "\n%.0f events per replication on average; replay one with: drsim run SCENARIO "
                "--seed %" PRIu64 " --replication K\n",
                d.events_per_replication_mean, d.seed);
  out += buf;
  return out;
}

std::string sweep_report_json(const scenario::Scenario& s, const SweepAccumulator& a,
                              const SweepReportInfo& info,
                              const std::vector<AnalyticCheck>& analytic) {
  return sweep_json(digest_sweep(s, a, info, analytic));
}

std::string sweep_report_text(const scenario::Scenario& s, const SweepAccumulator& a,
                              const SweepReportInfo& info,
                              const std::vector<AnalyticCheck>& analytic) {
  return sweep_text(digest_sweep(s, a, info, analytic));
}

}  // namespace drsim
