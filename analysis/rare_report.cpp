// The rare-event estimate's JSON and page; see rare_report.h.
#include "analysis/rare_report.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/json_writer.h"
#include "analysis/report_format.h"
#include "drsim/version.h"

namespace drsim {

namespace {

std::string g4(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string count(uint64_t n) { return grouped(static_cast<int64_t>(n)); }

bool inside(const RareFigure& f, double exact) {
  return f.is_known && std::fabs(f.value - exact) <= f.ci95;
}

void figure_json(JsonWriter& w, const RareFigure& f) {
  w.begin_object();
  w.field("known", f.is_known);
  if (f.is_known) {
    w.field("value", f.value).field("ci95_halfwidth", f.ci95);
    w.field("ci95_low", f.low()).field("ci95_high", f.high());
    // A known 0 (no miss in the triggered runs) has an interval but no relative half-width.
    w.key("relative_halfwidth");
    if (f.value > 0)
      w.value(f.relative_halfwidth());
    else
      w.null();
  }
  w.end_object();
}

void optional_json(JsonWriter& w, std::string_view key, const std::optional<double>& v) {
  w.key(key);
  if (v)
    w.value(*v);
  else
    w.null();
}

bool is_importance(const RareReport& r) { return r.method == "importance-sampling"; }

bool is_pool_event(const RareReport& r) { return r.event == "pool-unavailable"; }

// What the first assumption says is modelled, per event.
std::string modelled_text(const RareReport& r) {
  if (is_target_event(r.event))
    return "The rate of misses is each pool's rate of quorum losses from independent, "
           "exponential Front End failures (importance sampling over its Front End chain) times "
           "P(the loss's incident misses the policy's server target), from the whole engine run "
           "from a scripted quorum loss at a uniformly random instant of a year with the "
           "scenario's other random failures as usual, judged by the policy's rule. It assumes "
           "the response to a quorum loss does not depend on the path to it (the rest of the "
           "deployment is in its usual state when the pool falls). Targets missed after other "
           "causes (a single server, the Back End, a site loss, common-cause groups, links) are "
           "not in this estimate.";
  if (r.event == "backend-unavailable" && !is_importance(r))
    return "Only each pool's Back End servers (SQL servers, witnesses, shared storage) are "
           "modelled: each fails and is repaired independently, with its class's failure and "
           "repair distributions (a repair makes it as good as new), and the maintenance windows "
           "on them take it out of service. The Back End is down in the up masks where the "
           "importance-sampling estimator's rule (automatic failover taken as instantaneous) "
           "finds it so; the admin's manual failover, site and common-cause failures and "
           "runbooks are not in the estimate.";
  if (r.event == "pair-unavailable" && !is_importance(r))
    return "Only the two pools' Front End servers are modelled: each fails and is repaired "
           "independently, with the front_end failure and repair distributions, and the "
           "maintenance windows on them take it out of service; each pool stops below the "
           "functional count of its seed servers and starts again at its first-start count. "
           "The pools' Back Ends, site and common-cause failures, runbooks and the admin's "
           "response are not in the estimate.";
  if (r.event == "backend-unavailable")
    return "Only each pool's Back End servers (SQL servers, witnesses, shared storage) are "
           "modelled: each fails and is repaired independently, with exponential times. Automatic "
           "failover is taken as instantaneous (its own time after each primary failure is not "
           "rare and not counted); the admin's manual failover, site and common-cause failures, "
           "maintenance and runbooks are not in the estimate.";
  if (r.event == "pair-unavailable")
    return "Only the two pools' Front End servers are modelled: each fails and is repaired "
           "independently, with exponential times, so the pools fail independently of each "
           "other. Site failures, common-cause failures, maintenance, runbooks and the admin's "
           "response are not in the estimate.";
  return "Only the pool's Front End servers are modelled: each fails and is repaired "
         "independently, with exponential times (constant rates). Site failures, common-cause "
         "failures, maintenance, runbooks and the admin's response are not in the estimate.";
}

std::string method_title(const RareReport& r) {
  if (is_target_event(r.event))
    return "a decomposition: importance sampling with balanced failure biasing of each pool's "
           "quorum losses, times P(target missed | a loss) from the whole engine run from a "
           "scripted loss";
  return is_importance(r) ? "importance sampling with balanced failure biasing"
                          : "fixed-effort multilevel splitting";
}

std::string settings_text(const RareReport& r) {
  char buf[160];
  if (is_importance(r))
    std::snprintf(buf, sizeof buf,
                  "failure probability %.2f where a repair could happen; %s cycles per replication",
                  r.bias, count(r.cycles_per_replication).c_str());
  else
    std::snprintf(buf, sizeof buf, "%s trajectories per stage; levels = %s",
                  count(r.effort).c_str(),
                  is_pool_event(r) ? "seed servers not running"
                                   : "the fewest further server failures that reach the event");
  return buf;
}

// The method and what it assumes, in words a planner can check against the pool.
std::vector<std::string> assumptions(const RareReport& r) {
  if (is_target_event(r.event))
    return {modelled_text(r),
            "The rate of quorum losses is importance sampling with balanced failure biasing over "
            "regenerative cycles of the pool's Front End chain, unbiased, with the delta method's "
            "interval, beside the Markov chain's value.",
            "P(miss | a quorum loss) is the share of the triggered runs whose incident missed the "
            "target (an incident that cost no user service and lost no judged data is not judged "
            "and does not miss), with the Agresti-Coull interval, which stays open when no run "
            "or every run missed.",
            "The two estimates are independent; the product's interval comes from the exact "
            "variance of a product of independent estimates, r^2 var(p) + p^2 var(r) + var(r) "
            "var(p), and the pools' rates add with their variances.",
            "P(at least one miss in a year) is the Poisson approximation 1 - exp(-rate)."};
  if (is_importance(r))
    return {
        modelled_text(r),
        "The system regenerates each time every server runs again; a year's figure is E[what a "
        "cycle "
        "contributes] / "
        "E[cycle length]. Failures are made more likely inside a cycle and each cycle is weighted "
        "by its likelihood "
        "ratio, so the estimate stays unbiased; the cycle length comes from as many unbiased "
        "cycles.",
        "The 95 % interval is the delta method over the two independent samples. It may be too "
        "narrow when a few "
        "cycles carry the estimate (degenerate likelihood ratios): a warning on this page then "
        "says so.",
        "Balanced failure biasing keeps the relative error bounded for highly dependable pools of "
        "independent "
        "servers (Shahabuddin 1994); compare with the Markov chain's value, which assumes the same "
        "model (for a pair, the product of the two pools' chains: U1 U2 of the time, entered at "
        "r1 U2 + r2 U1 per year).",
        "P(at least one loss in a year) is the Poisson approximation 1 - exp(-rate)."};
  if (!is_pool_event(r))
    return {
        modelled_text(r),
        "The estimate is the probability that the event happens at least once within a year, all "
        "servers new at time 0 (not a rate). The importance function is the distance to the "
        "event, the fewest further server failures that reach it (for a pair, the sum of the "
        "two pools'); trajectories that reach each smaller distance are cloned from the level's "
        "entrance states, a fixed number per stage; the product of the stages' fractions is "
        "unbiased.",
        "The 95 % interval comes from independent replications. Each clone draws its servers' "
        "remaining times to failure and to repair afresh, given how long each has run or been in "
        "repair, so clones of one entrance state do not share a future; when most replications "
        "still see no event the interval may be too narrow (a warning on this page then says "
        "so); read it beside plain Monte Carlo.",
        "No Markov chain checks it: none exists for non-exponential laws or maintenance "
        "windows, and for exponential laws the chains here give long-run rates "
        "(--rare-method importance), not P(within a year)."};
  return {
      "Only the pool's Front End servers are modelled, with their failure and repair distributions "
      "and the "
      "maintenance windows on them; site and common-cause failures, runbooks and the admin's "
      "response are not in "
      "the estimate.",
      "The estimate is the probability that quorum is lost at least once within a year, all "
      "servers new at time 0. "
      "Trajectories that reach each level (one more seed server down) are cloned from the level's "
      "entrance states, "
      "a fixed number per stage; the product of the stages' fractions is unbiased.",
      "The 95 % interval comes from independent replications. Each clone draws its servers' "
      "remaining times to failure and to repair afresh, given how long each has run or been in "
      "repair, so clones of one entrance state do not share a future; when most replications "
      "still see no loss the interval may be too narrow (a warning on this page then says so); "
      "read it beside plain Monte Carlo.",
      "The Markov chain's value exists only for exponential failures and repairs without "
      "maintenance windows."};
}

}  // namespace

bool is_target_event(const std::string& event) {
  return event == "rto-target-missed" || event == "rpo-target-missed";
}

std::string rare_quantity_label(const std::string& event, const std::string& key) {
  const std::string rxo = event == "rpo-target-missed" ? "RPO" : "RTO";
  if (key == "p_miss_given_loss") return "P(" + rxo + " target missed | a quorum loss)";
  if (key == "misses_per_year") return rxo + " target misses per year";
  if (key == "losses_per_year")
    return event == "backend-unavailable" ? "Back End losses per year"
           : event == "pair-unavailable"  ? "times both go down per year"
                                          : "quorum losses per year";
  if (key == "downtime_s_per_year") return "expected downtime per year";
  if (key == "p_loss_within_year")
    return event == "backend-unavailable" ? "P(Back End unavailable within a year)"
           : event == "pair-unavailable"  ? "P(both pools down at once within a year)"
                                          : "P(quorum lost within a year)";
  return key;
}

std::string rare_no_markov_text(const RareReport& r, const RareQuantity& q) {
  if (!is_importance(r) && !is_pool_event(r) && !is_target_event(r.event))
    return "none: no chain for non-exponential laws, windows or P(within a year)";
  return q.key == "losses_per_year" || !is_target_event(r.event) ? "none for this failure model"
                                                                 : "none: the whole engine decides";
}

std::string rare_event_title(const std::string& event) {
  if (event == "backend-unavailable") return "Back End unavailable";
  if (event == "pair-unavailable") return "both pools of a pair unavailable at once";
  if (event == "rto-target-missed") return "RTO target missed after a pool's quorum loss";
  if (event == "rpo-target-missed") return "RPO target missed after a pool's quorum loss";
  return "pool unavailable (Windows Fabric quorum lost)";
}

std::string rare_figure_text(const RareFigure& f) {
  if (!f.is_known) return "0 events observed; no interval";
  return g4(f.value) + " (95 % CI " + g4(f.low()) + " .. " + g4(f.high()) + ")";
}

std::string rare_json(const RareReport& r) {
  JsonWriter w;
  w.begin_object();
  w.field("rare_event", r.event);
  w.field("seed", r.seed).field("scenario_sha256", r.scenario_sha256);
  w.field("version", std::string(kVersion))
      .field("commit", std::string(kGitCommit))
      .field("scenario", r.scenario);
  w.key("overrides").begin_array();
  for (const std::string& o : r.overrides) w.value(o);
  w.end_array();
  w.key("method").begin_object();
  w.field("name", r.method).field("reason", r.reason);
  if (is_importance(r))
    w.field("bias", r.bias).field("cycles_per_replication", r.cycles_per_replication);
  else
    w.field("trajectories_per_stage", r.effort);
  w.end_object();
  w.field("requested_relative_halfwidth", r.requested_relative_halfwidth);
  w.field("interrupted", r.interrupted);
  w.key("pools").begin_array();
  for (const RarePoolEstimate& p : r.pools) {
    w.begin_object();
    w.field("pool", p.pool)
        .field("servers", p.servers)
        .field("required", p.required)
        .field("seeds", p.seeds);
    w.field("first_start", p.first_start).field("subject", p.subject);
    w.field("failure_model", p.failure_model);
    w.field("replications", p.replications).field("reached_precision", p.reached_precision);
    w.field("samples", p.samples).field("hits", p.hits);
    optional_json(w, "effective_sample_size", p.effective_sample_size);
    optional_json(w, "max_share", p.max_share);
    if (!is_importance(r))
      w.field("zero_replications", p.zero_replications);
    else
      optional_json(w, "p_loss_per_year_poisson", p.p_loss_per_year_poisson);
    w.field("degenerate", p.is_degenerate).field("warning", p.warning);
    if (is_target_event(r.event)) {
      w.key("triggered_runs").begin_object();
      w.field("runs", p.triggered_runs)
          .field("judged", p.triggered_judged)
          .field("missed", p.triggered_misses);
      w.end_object();
    }
    w.key("plain_monte_carlo").begin_object();
    w.field("samples", p.plain_samples).field("hits", p.plain_hits);
    w.end_object();
    w.key("estimates").begin_object();
    for (const RareQuantity& q : p.quantities) {
      w.key(q.key).begin_object();
      w.key("estimate");
      figure_json(w, q.estimate);
      optional_json(w, "markov", q.markov);
      if (q.markov) w.field("markov_inside_interval", inside(q.estimate, *q.markov));
      w.key("plain_monte_carlo");
      if (q.plain_computed)
        figure_json(w, q.plain);
      else
        w.null();
      w.end_object();
    }
    w.end_object();
    w.end_object();
  }
  w.end_array();
  if (is_target_event(r.event)) {
    w.key("misses_per_year_all_pools");
    figure_json(w, r.misses_per_year_all_pools);
  }
  w.end_object();
  return w.str();
}

namespace {

struct RarePage {
  Stamp stamp;
  std::vector<Headline> headlines;
  std::vector<std::pair<std::string, Table>> pools;  // heading, estimates
  Table diagnostics;
  std::vector<std::string> warnings;
};

RarePage rare_page(const RareReport& r) {
  RarePage page;
  std::string sets;
  for (const std::string& o : r.overrides) sets += (sets.empty() ? "--set " : " --set ") + o;
  page.stamp = {
      {"Scenario", r.scenario},
      {"Rare event", r.event + ": " + rare_event_title(r.event)},
      {"Method", method_title(r)},
      {"Chosen because", r.reason},
      {"Settings", settings_text(r)},
      {"Seed", std::to_string(r.seed)},
      {"Requested relative half-width", r.requested_relative_halfwidth > 0
                                            ? fixed(100 * r.requested_relative_halfwidth, 1) + " %"
                                            : "none"},
      {"Overrides", sets.empty() ? "none" : sets},
      {"Scenario SHA-256", r.scenario_sha256},
      {"drsim version", kVersion},
      {"Commit", kGitCommit}};
  if (r.interrupted)
    page.stamp.push_back({"Interrupted", "yes: the figures cover the replications that finished"});

  Table& d = page.diagnostics;
  d.head =
      is_importance(r)
          ? std::vector<std::string>{"Pool",
                                     "Replications",
                                     is_pool_event(r) ? "Cycles that lost quorum"
                                                      : "Cycles that reached the event",
                                     "Effective sample size",
                                     "Heaviest cycle's share",
                                     "Precision",
                                     "Likelihood ratios"}
          : std::vector<std::string>{
                "Pool",
                "Replications",
                "Trajectories",
                is_pool_event(r) ? "Replications without a loss" : "Replications without the event",
                "Precision",
                "Clones"};
  d.empty_note = "No pool was estimated.";
  for (const RarePoolEstimate& p : r.pools) {
    const Cell precision{p.reached_precision                  ? "reached"
                         : r.requested_relative_halfwidth > 0 ? "NOT reached"
                                                              : "none requested",
                         "",
                         p.reached_precision                  ? "good"
                         : r.requested_relative_halfwidth > 0 ? "warn"
                                                              : "",
                         false};
    const Cell verdict{p.is_degenerate ? "DEGENERATE" : "fine", "",
                       p.is_degenerate ? "bad" : "good", false};
    if (is_importance(r))
      d.rows.push_back(
          {{p.pool, "", "", false},
           {count(p.replications), "", "", true},
           {count(p.hits) + " of " + count(p.samples), "", "", true},
           {p.effective_sample_size ? fixed(*p.effective_sample_size, 0) : "-", "", "", true},
           {p.max_share ? g4(100 * *p.max_share) + " %" : "-", "", "", true},
           precision,
           verdict});
    else
      d.rows.push_back({{p.pool, "", "", false},
                        {count(p.replications), "", "", true},
                        {count(p.samples), "", "", true},
                        {count(p.zero_replications), "", "", true},
                        precision,
                        verdict});
    if (!p.warning.empty()) page.warnings.push_back(p.pool + ": " + p.warning);

    Table t;
    t.head = {"Quantity",      "Estimate",
              "95 % interval", "Relative half-width",
              "Markov chain",  "Plain Monte Carlo, same work"};
    for (const RareQuantity& q : p.quantities) {
      const RareFigure& e = q.estimate;
      std::vector<Cell> row;
      row.push_back({q.label, "", "", false});
      row.push_back({e.is_known ? g4(e.value) : "0 events observed", "", "", true});
      row.push_back(
          {e.is_known ? g4(e.low()) + " .. " + g4(e.high()) : "no interval", "", "", true});
      row.push_back(
          {e.is_known && e.value > 0 ? fixed(100 * e.relative_halfwidth(), 1) + " %" : "-", "", "",
           true});
      if (q.markov) {
        const bool in = inside(e, *q.markov);
        row.push_back({g4(*q.markov), in ? "inside the interval" : "OUTSIDE the interval",
                       in ? "good" : "bad", true});
      } else {
        row.push_back({rare_no_markov_text(r, q), "", "", false});
      }
      if (!q.plain_computed)
        row.push_back({"-", "", "", false});
      else if (!q.plain.is_known)
        row.push_back({"0 events observed; no interval", "", "", false});
      else
        row.push_back({rare_figure_text(q.plain),
                       "relative half-width " + fixed(100 * q.plain.relative_halfwidth(), 1) + " %",
                       "", true});
      t.rows.push_back(std::move(row));
    }
    char buf[200];
    std::snprintf(buf, sizeof buf, "%d Front Ends, %d of the %d seed servers must run", p.servers,
                  p.required, p.seeds);
    std::string note = p.subject.empty() ? std::string(buf) : p.subject;
    if (p.subject.empty() && p.first_start > 0)
      note += ", " + std::to_string(p.first_start) + " to start again";
    note += "; " + p.failure_model + ". Plain Monte Carlo: " + count(p.plain_hits) + " of " +
            count(p.plain_samples) +
            (is_importance(r) ? " unbiased cycles" : " one-year trajectories") +
            (is_pool_event(r) ? " lost quorum." : " reached the event.");
    if (is_target_event(r.event))
      note += " Triggered runs of the whole engine: " + count(p.triggered_runs) + ", " +
              count(p.triggered_judged) + " judged against the target, " +
              count(p.triggered_misses) + " missed it.";
    t.note = note;
    const std::string heading = r.event == "backend-unavailable" ? "Back End of "
                                : r.event == "pair-unavailable"  ? "Pair "
                                                                 : "Pool ";
    page.pools.push_back({heading + p.pool, std::move(t)});

    if (!p.quantities.empty()) {
      const RareQuantity& q = is_importance(r) ? p.quantities.back() : p.quantities.front();
      const RareFigure& e = q.estimate;
      std::string hnote =
          e.is_known ? "95 % CI " + g4(e.low()) + " .. " + g4(e.high()) : "no interval";
      if (q.markov) hnote += "; Markov chain " + g4(*q.markov);
      if (p.p_loss_per_year_poisson)
        hnote += std::string(is_target_event(r.event) ? "; P(a miss" : "; P(a loss")
                     .append(" within a year) ")
                     .append(g4(*p.p_loss_per_year_poisson))
                     .append(" (Poisson)");
      page.headlines.push_back({p.pool + ": " + q.label,
                                e.is_known ? g4(e.value) : "0 events observed", hnote,
                                p.is_degenerate                     ? "bad"
                                : q.markov && !inside(e, *q.markov) ? "warn"
                                                                    : ""});
    }
  }
  if (is_target_event(r.event)) {
    const RareFigure& e = r.misses_per_year_all_pools;
    page.headlines.push_back({"all pools: " + rare_quantity_label(r.event, "misses_per_year"),
                              e.is_known ? g4(e.value) : "unknown",
                              e.is_known ? "95 % CI " + g4(e.low()) + " .. " + g4(e.high()) +
                                               "; the pools' estimates summed"
                                         : "no pool was estimated",
                              ""});
  }
  return page;
}

std::string footer(const RareReport& r) {
  return "rare event " + r.event + " in " + r.scenario + ", seed " + std::to_string(r.seed) +
         ", drsim " + kVersion + " (commit " + kGitCommit + ")";
}

}  // namespace

std::vector<ReportFile> rare_report_files(const RareReport& r) {
  const RarePage page = rare_page(r);
  const std::string title = "Rare event: " + rare_event_title(r.event) + " in " + r.scenario;
  const std::string how_often =
      r.event == "backend-unavailable" ? "How often each pool's Back End becomes unavailable"
      : r.event == "pair-unavailable"  ? "How often both pools of a pair are down at once"
      : is_target_event(r.event)
          ? "How often a pool's quorum loss ends in an incident that misses the policy's target"
          : "How often each pool loses Windows Fabric quorum";
  const std::string lead =
      how_often + ", estimated by " + method_title(r) +
      ", beside the Markov chain's exact value where one exists and plain Monte Carlo given "
      "the same work.";

  std::string html = html_page_begin("drsim " + title);
  html += "<h1>" + xml_escape(title) + "</h1>\n<p class=\"lead\">" + xml_escape(lead) + "</p>\n";
  stamp_html(html, page.stamp);
  headlines_html(html, page.headlines);
  for (const std::string& w : page.warnings)
    html += "<p class=\"bad\"><strong>Warning:</strong> " + xml_escape(w) + "</p>\n";
  for (const auto& [heading, table] : page.pools) {
    html += "<h2>" + xml_escape(heading) + "</h2>\n";
    table_html(html, table);
  }
  html += "<h2>Diagnostics</h2>\n";
  table_html(html, page.diagnostics);
  html += "<h2>Method and assumptions</h2>\n<ul>\n";
  for (const std::string& a : assumptions(r)) html += "<li>" + xml_escape(a) + "</li>\n";
  html +=
      "</ul>\n<p class=\"note\">docs/rare-events.md explains the method and when to trust "
      "it.</p>\n";
  html += html_page_end(footer(r));

  std::string md = "# " + md_cell(title) + "\n\n" + md_cell(lead) + "\n\n";
  stamp_md(md, page.stamp);
  headlines_md(md, page.headlines);
  for (const std::string& w : page.warnings) md += "**Warning:** " + md_cell(w) + "\n\n";
  for (const auto& [heading, table] : page.pools) {
    md += "## " + md_cell(heading) + "\n\n";
    table_md(md, table);
  }
  md += "## Diagnostics\n\n";
  table_md(md, page.diagnostics);
  md += "## Method and assumptions\n\n";
  for (const std::string& a : assumptions(r)) md += "- " + md_cell(a) + "\n";
  md += "\ndocs/rare-events.md explains the method and when to trust it.\n\n---\n\n" +
        md_cell(footer(r)) + "\n";
  return {{"rare.html", html}, {"rare.md", md}};
}

}  // namespace drsim
