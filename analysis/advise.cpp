// Judging and ranking the changes of `drsim advise`, and their text, JSON and pages; see
// advise.h.
#include "analysis/advise.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/json_writer.h"
#include "analysis/paired.h"
#include "analysis/report_format.h"
#include "analysis/sweep_page.h"
#include "sim/check.h"

namespace drsim {

namespace {

// Every target the policy sets, judged on `d`, in policy order.
std::vector<TargetChange> all_targets(const SweepDigest& d, double required) {
  std::vector<TargetChange> out;
  for (const PolicyDigest& p : d.policy) {
    if (p.rto_target_s)
      out.push_back({p.disruption, "RTO", *p.rto_target_s, p.rto_met, p.rto_met,
                     policy_verdict(p.rto_met, required), ""});
    if (p.rpo_target_s)
      out.push_back({p.disruption, "RPO", *p.rpo_target_s, p.rpo_met, p.rpo_met,
                     policy_verdict(p.rpo_met, required), ""});
  }
  // The modality targets judge incidents of any kind: "any PSTN RTO 30m".
  for (const ModalityTargetDigest& m : d.modality_targets)
    out.push_back({"any", m.modality == "pstn" ? "PSTN RTO" : "remote sign-in RTO", m.rto_target_s,
                   m.rto_met, m.rto_met, policy_verdict(m.rto_met, required), ""});
  for (TargetChange& t : out) t.verdict_after = t.verdict_before;
  return out;
}

// A change that leaves no incident of a kind the target judges (a Back End that now fails
// over before users notice) meets it as surely as one whose incidents all meet it.
bool passes(const std::string& verdict) { return verdict == "pass" || verdict == "no incidents"; }
// A target the base does not pass: failed or uncertain. "no incidents" is not judged.
bool failing(const std::string& verdict) { return verdict == "fail" || verdict == "uncertain"; }

std::string target_name(const TargetChange& t) {
  return t.disruption + " " + t.measure + " " + human_s(static_cast<double>(t.target_s));
}

std::string share_text(const ProportionDigest& p) {
  if (p.incidents == 0) return "no incidents";
  return fixed(p.fraction * 100, 1) + " % [" + fixed(p.ci95_low * 100, 1) + ", " +
         fixed(p.ci95_high * 100, 1) + "]";
}

std::string quoted(const std::string& s) {
  return s.find_first_of(" \"'[]*") == std::string::npos ? s : "'" + s + "'";
}

// "+1,234" or "-0.5": a change in hours or money, with its sign.
std::string signed_amount(double v) {
  const double a = std::fabs(v);
  const std::string digits = a < 100 ? fixed(a, 1) : grouped(std::llround(a));
  return (v < 0 ? "-" : "+") + digits;
}

// A change's effect with its paired 95 % half-width, and "within noise" when the interval
// holds zero (the change did nothing these replications can tell from chance).
std::string with_interval(std::string value, double change, const std::optional<double>& ci95,
                          const std::string& ci_text) {
  if (!ci95) return value;
  value += " ± " + ci_text;
  if (!(std::fabs(change) > *ci95)) value += " (within noise)";
  return value;
}

std::string availability_change_text(const Recommendation& r) {
  // Six decimals of a percent: a paired half-width is often below 0.0001 points.
  char v[48], ci[48];
  std::snprintf(v, sizeof v, "%+.6f", r.availability_change * 100);
  std::snprintf(ci, sizeof ci, "%.6f", r.availability_change_ci95.value_or(0) * 100);
  return with_interval(v, r.availability_change, r.availability_change_ci95, ci) + " points";
}

std::string user_hours_change_text(const Recommendation& r) {
  return with_interval(signed_amount(r.user_hours_change_per_year), r.user_hours_change_per_year,
                       r.user_hours_change_ci95,
                       signed_amount(r.user_hours_change_ci95.value_or(0)).substr(1));
}

// "; PSTN minutes lost -1,234 ± 56 per year" and the remote sign-in's, where modelled.
std::string voice_and_remote_text(const Recommendation& r) {
  std::string s;
  auto add = [&](const char* what, const std::optional<double>& change,
                 const std::optional<double>& ci95) {
    if (!change) return;
    s += std::string("; ").append(what).append(" ");
    s += with_interval(signed_amount(*change), *change, ci95,
                       signed_amount(ci95.value_or(0)).substr(1));
    s += " per year";
  };
  add("PSTN minutes lost", r.pstn_minutes_change_per_year, r.pstn_minutes_change_ci95);
  add("remote user-hours without sign-in", r.remote_user_hours_change_per_year,
      r.remote_user_hours_change_ci95);
  return s;
}

std::string recommendation_line(const AdviceRun& run, const Recommendation& r) {
  std::string passed;
  for (const TargetChange& t : r.targets)
    if (passes(t.verdict_after)) passed += (passed.empty() ? "" : ", ") + target_name(t);
  std::string s = r.outcome->candidate.title + ": ";
  if (r.made_pass > 0)
    s += "makes " + passed + " pass";
  else
    s += "no failing target passes";
  s += "; availability " + availability_change_text(r);
  s += "; user-hours without full service " + user_hours_change_text(r) + " per year";
  s += voice_and_remote_text(r);
  if (const std::optional<double> cost = downtime_cost_change_per_year(run, r))
    s += " (downtime cost " + signed_amount(*cost) +
         (run.base.currency.empty() ? "" : " " + run.base.currency) + " per year)";
  if (r.made_worse > 0)
    s += "; " + std::to_string(r.made_worse) + " passing target(s) no longer pass";
  return s;
}

}  // namespace

namespace {

// The one line a planner reads first: the cheapest change that meets every target, or that
// none tried does.
std::string verdict_line(const AdviceRun& run, const std::vector<Recommendation>& ranked,
                         const std::string& report_dir) {
  if (failing_targets(run.base, run.required_share).empty())
    return "every policy target already passes (or none is set)";
  const Recommendation* best = cheapest_meeting_policy(ranked);
  if (best == nullptr)
    return "no change tried, alone or combined, passes every failing target: the policy "
           "needs changes drsim does not try (docs/model.md, \"Advice\") or different targets";
  const AdviceCandidate& c = best->outcome->candidate;
  std::string uncertain;
  if (best->still_uncertain > 0)
    uncertain = " (" + std::to_string(best->still_uncertain) +
                " target(s) uncertain, too few incidents to be sure: more replications settle "
                "them)";
  return "cheapest change that fails no target: " + c.title +
         (c.cost ? " (cost " + number(*c.cost) + ")" : "") + uncertain +
         "; reproduce: " + advice_command(run, c, report_dir);
}

}  // namespace

std::vector<TargetChange> failing_targets(const SweepDigest& base, double required) {
  std::vector<TargetChange> out;
  for (TargetChange& t : all_targets(base, required))
    if (failing(t.verdict_before)) out.push_back(std::move(t));
  return out;
}

std::vector<Recommendation> rank_advice(const AdviceRun& run) {
  const std::vector<TargetChange> before = all_targets(run.base, run.required_share);
  std::vector<Recommendation> out;
  for (const AdviceOutcome& o : run.tried) {
    Recommendation r;
    r.outcome = &o;
    const std::vector<TargetChange> after = all_targets(o.digest, run.required_share);
    DRSIM_CHECK(after.size() == before.size(), "a change keeps the scenario's policy");
    for (size_t i = 0; i < before.size(); ++i) {
      TargetChange t = before[i];
      t.after = after[i].before;
      t.verdict_after = after[i].verdict_before;
      if (failing(t.verdict_before)) {
        r.made_pass += passes(t.verdict_after) ? 1 : 0;
        r.met_share_gain += t.after.fraction - t.before.fraction;
        r.targets.push_back(std::move(t));
      } else if (passes(t.verdict_before) && !passes(t.verdict_after)) {
        r.made_worse += 1;
      }
    }
    for (const TargetChange& t : after) {
      r.still_failing += t.verdict_before == "fail" ? 1 : 0;
      r.still_uncertain += t.verdict_before == "uncertain" ? 1 : 0;
    }
    r.changes = 1 + static_cast<int>(std::count(o.candidate.id.begin(), o.candidate.id.end(), '+'));
    r.availability_change = o.digest.user_availability.mean - run.base.user_availability.mean;
    r.user_hours_change_per_year =
        o.digest.user_hours_lost_per_year.mean - run.base.user_hours_lost_per_year.mean;
    if (const auto d = paired_difference(run.base, o.digest, &ReplicationRow::user_availability))
      r.availability_change_ci95 = d->ci95_halfwidth;
    if (const auto d =
            paired_difference(run.base, o.digest, &ReplicationRow::user_hours_lost_per_year))
      r.user_hours_change_ci95 = d->ci95_halfwidth;
    if (run.base.pstn_modelled && o.digest.pstn_modelled) {
      r.pstn_minutes_change_per_year =
          o.digest.pstn_minutes_lost_per_year.mean - run.base.pstn_minutes_lost_per_year.mean;
      if (const auto d =
              paired_difference(run.base, o.digest, &ReplicationRow::pstn_minutes_lost_per_year))
        r.pstn_minutes_change_ci95 = d->ci95_halfwidth;
    }
    if (remote_sign_in_deployed(run.base) && remote_sign_in_deployed(o.digest)) {
      r.remote_user_hours_change_per_year = o.digest.remote_user_hours_lost_per_year.mean -
                                            run.base.remote_user_hours_lost_per_year.mean;
      if (const auto d = paired_difference(run.base, o.digest,
                                           &ReplicationRow::remote_user_hours_lost_per_year))
        r.remote_user_hours_change_ci95 = d->ci95_halfwidth;
    }
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const Recommendation& a, const Recommendation& b) {
    if (a.made_pass != b.made_pass) return a.made_pass > b.made_pass;
    if (a.made_worse != b.made_worse) return a.made_worse < b.made_worse;
    if (a.met_share_gain != b.met_share_gain) return a.met_share_gain > b.met_share_gain;
    if (a.availability_change != b.availability_change)
      return a.availability_change > b.availability_change;
    // Without its modality targets the policy judges neither the PSTN nor remote sign-in,
    // and a target judges shares, not minutes: between changes equal on
    // everything it judges, the one that loses less of them first.
    const double pstn_a = a.pstn_minutes_change_per_year.value_or(0),
                 pstn_b = b.pstn_minutes_change_per_year.value_or(0);
    if (pstn_a != pstn_b) return pstn_a < pstn_b;
    return a.remote_user_hours_change_per_year.value_or(0) <
           b.remote_user_hours_change_per_year.value_or(0);
  });
  return out;
}

std::optional<double> downtime_cost_change_per_year(const AdviceRun& run, const Recommendation& r) {
  if (!run.base.cost_per_user_hour) return std::nullopt;
  return r.user_hours_change_per_year * *run.base.cost_per_user_hour;
}

const Recommendation* cheapest_meeting_policy(const std::vector<Recommendation>& ranked) {
  const Recommendation* best = nullptr;
  for (const Recommendation& r : ranked) {
    if (r.still_failing > 0) continue;
    if (best == nullptr) {
      best = &r;
      continue;
    }
    const auto& a = r.outcome->candidate.cost;
    const auto& b = best->outcome->candidate.cost;
    if (a && (!b || *a < *b)) best = &r;
    if (!a && !b && r.changes < best->changes) best = &r;
  }
  return best;
}

std::vector<const Recommendation*> pareto_front(const std::vector<Recommendation>& ranked) {
  std::vector<const Recommendation*> out;
  for (const Recommendation& r : ranked) {
    if (!r.outcome->candidate.cost) continue;
    const double cost = *r.outcome->candidate.cost;
    bool dominated = false;
    for (const Recommendation& q : ranked) {
      if (&q == &r || !q.outcome->candidate.cost) continue;
      const double qc = *q.outcome->candidate.cost;
      // Risk: the targets still failing, then (between equals) the smaller gain in the share
      // of incidents meeting them.
      const bool risk_le =
          q.still_failing < r.still_failing ||
          (q.still_failing == r.still_failing && q.met_share_gain >= r.met_share_gain);
      const bool risk_lt =
          q.still_failing < r.still_failing ||
          (q.still_failing == r.still_failing && q.met_share_gain > r.met_share_gain);
      if (qc <= cost && risk_le && (qc < cost || risk_lt)) dominated = true;
    }
    if (!dominated) out.push_back(&r);
  }
  std::stable_sort(out.begin(), out.end(), [](const Recommendation* a, const Recommendation* b) {
    return *a->outcome->candidate.cost < *b->outcome->candidate.cost;
  });
  return out;
}

std::string advice_command(const AdviceRun& run, const AdviceCandidate& c,
                           const std::string& report_dir) {
  std::string cmd = "drsim compare " + quoted(run.scenario_path);
  if (c.sets.empty())
    cmd +=
        " " + quoted((report_dir.empty() ? std::string("ADVICE_DIR") : report_dir) + "/" + c.file);
  for (const std::string& s : run.sets) cmd += " --set " + quoted(s);
  for (const std::string& s : c.sets) cmd += " --whatif-set " + quoted(s);
  char buf[64];
  std::snprintf(buf, sizeof buf, " -n %" PRIu64 " --seed %" PRIu64, run.base.replications,
                run.base.seed);
  return cmd + buf;
}

std::vector<PlainRecommendation> top_recommendations(const AdviceRun& run,
                                                     const std::vector<Recommendation>& ranked,
                                                     const std::string& report_dir, size_t n) {
  std::vector<PlainRecommendation> out;
  for (size_t i = 0; i < ranked.size() && i < n; ++i) {
    const Recommendation& r = ranked[i];
    if (r.made_pass == 0) break;
    out.push_back(
        {recommendation_line(run, r), advice_command(run, r.outcome->candidate, report_dir)});
  }
  return out;
}

std::string advice_text(const AdviceRun& run, const std::vector<Recommendation>& ranked,
                        const std::string& report_dir) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "advice for %s: %zu changes tried, %zu refused, %" PRIu64
                " replications each, seed %" PRIu64 "%s\n",
                run.base.scenario.c_str(), run.tried.size(), run.refused.size(),
                run.base.replications, run.base.seed, run.interrupted ? " (interrupted)" : "");
  out += buf;
  const std::vector<TargetChange> failing = failing_targets(run.base, run.required_share);
  if (failing.empty()) {
    out +=
        "every policy target passes (or none is set): the changes below are ranked by "
        "availability\n";
  } else {
    out += "targets not met (share of incidents meeting it; a target passes when surely at least " +
           fixed(run.required_share * 100, 2) + " %):\n";
    for (const TargetChange& t : failing)
      out += "  " + target_name(t) + ": " + share_text(t.before) + " - " + t.verdict_before + "\n";
  }
  out += "\nchanges, best first:\n";
  int n = 0;
  for (const Recommendation& r : ranked) {
    out += "  " + std::to_string(++n) + ". " + recommendation_line(run, r) + "\n";
    for (const TargetChange& t : r.targets)
      out += "       " + target_name(t) + ": " + share_text(t.before) + " -> " +
             share_text(t.after) + " (" + t.verdict_after + ")\n";
    if (r.outcome->candidate.cost)
      out += "       cost " + number(*r.outcome->candidate.cost) + "\n";
    out += "       " + advice_command(run, r.outcome->candidate, report_dir) + "\n";
  }
  out += "\n" + verdict_line(run, ranked, report_dir) + "\n";
  const std::vector<const Recommendation*> front = pareto_front(ranked);
  if (!front.empty()) {
    out +=
        "cost against risk (no other change is as cheap and leaves fewer targets failing, or "
        "as many with a larger gain):\n";
    for (const Recommendation* r : front)
      out += "  cost " + number(*r->outcome->candidate.cost) + ", " +
             std::to_string(r->still_failing) +
             " target(s) still failing: " + r->outcome->candidate.title + "\n";
  }
  if (!run.refused.empty()) {
    out += "\nrefused (the change breaks a documented rule):\n";
    for (const AdviceCandidate& c : run.refused) out += "  " + c.title + ": " + c.refused + "\n";
  }
  return out;
}

std::string advice_json(const AdviceRun& run, const std::vector<Recommendation>& ranked) {
  JsonWriter w;
  auto proportion = [&](std::string_view k, const ProportionDigest& p) {
    w.key(k).begin_object();
    w.field("incidents", p.incidents).field("met", p.met).field("fraction", p.fraction);
    w.field("ci95_low", p.ci95_low).field("ci95_high", p.ci95_high);
    w.end_object();
  };
  w.begin_object();
  w.field("kind", "advice");
  w.field("scenario", run.base.scenario);
  w.field("scenario_sha256", run.base.scenario_sha256);
  w.field("seed", run.base.seed);
  w.field("replications", run.base.replications);
  w.field("required_share", run.required_share);
  w.field("version", run.base.version);
  w.field("commit", run.base.commit);
  w.field("interrupted", run.interrupted);
  w.field("base_user_availability", run.base.user_availability.mean);
  w.field("base_user_hours_lost_per_year", run.base.user_hours_lost_per_year.mean);
  w.key("cost_per_user_hour");
  if (run.base.cost_per_user_hour)
    w.value(*run.base.cost_per_user_hour);
  else
    w.null();
  w.field("currency", run.base.currency);
  w.key("failing_targets").begin_array();
  for (const TargetChange& t : failing_targets(run.base, run.required_share)) {
    w.begin_object();
    w.field("disruption", t.disruption).field("measure", t.measure).field("target_s", t.target_s);
    proportion("met", t.before);
    w.field("verdict", t.verdict_before);
    w.end_object();
  }
  w.end_array();
  w.key("changes").begin_array();
  for (const Recommendation& r : ranked) {
    const AdviceCandidate& c = r.outcome->candidate;
    w.begin_object();
    w.field("id", c.id).field("title", c.title);
    w.key("sets").begin_array();
    for (const std::string& s : c.sets) w.value(s);
    w.end_array();
    w.field("file", c.file);
    w.key("cost");
    if (c.cost)
      w.value(*c.cost);
    else
      w.null();
    w.field("made_pass", r.made_pass).field("made_worse", r.made_worse);
    w.field("still_failing", r.still_failing).field("still_uncertain", r.still_uncertain);
    w.field("changes", r.changes);
    w.field("met_share_gain", r.met_share_gain);
    w.field("user_availability", r.outcome->digest.user_availability.mean);
    w.field("availability_change", r.availability_change);
    w.key("availability_change_ci95");
    if (r.availability_change_ci95)
      w.value(*r.availability_change_ci95);
    else
      w.null();
    w.field("user_hours_lost_per_year", r.outcome->digest.user_hours_lost_per_year.mean);
    w.field("user_hours_change_per_year", r.user_hours_change_per_year);
    w.key("user_hours_change_ci95");
    if (r.user_hours_change_ci95)
      w.value(*r.user_hours_change_ci95);
    else
      w.null();
    auto maybe = [&](std::string_view k, const std::optional<double>& v) {
      w.key(k);
      if (v)
        w.value(*v);
      else
        w.null();
    };
    maybe("pstn_minutes_change_per_year", r.pstn_minutes_change_per_year);
    maybe("pstn_minutes_change_ci95", r.pstn_minutes_change_ci95);
    maybe("remote_user_hours_change_per_year", r.remote_user_hours_change_per_year);
    maybe("remote_user_hours_change_ci95", r.remote_user_hours_change_ci95);
    w.key("downtime_cost_change_per_year");
    if (const std::optional<double> cost = downtime_cost_change_per_year(run, r))
      w.value(*cost);
    else
      w.null();
    w.key("targets").begin_array();
    for (const TargetChange& t : r.targets) {
      w.begin_object();
      w.field("disruption", t.disruption).field("measure", t.measure);
      proportion("before", t.before);
      proportion("after", t.after);
      w.field("verdict_after", t.verdict_after);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  const Recommendation* cheapest = cheapest_meeting_policy(ranked);
  w.key("cheapest_meeting_policy");
  if (cheapest != nullptr)
    w.value(cheapest->outcome->candidate.id);
  else
    w.null();
  w.key("pareto_front").begin_array();
  for (const Recommendation* r : pareto_front(ranked)) w.value(r->outcome->candidate.id);
  w.end_array();
  w.key("refused").begin_array();
  for (const AdviceCandidate& c : run.refused)
    w.begin_object()
        .field("id", c.id)
        .field("title", c.title)
        .field("rule", c.refused)
        .end_object();
  w.end_array();
  w.end_object();
  return w.str();
}

std::vector<ReportFile> advice_report_files(const AdviceRun& run,
                                            const std::vector<Recommendation>& ranked,
                                            const std::string& report_dir) {
  const std::string name = run.base.scenario;
  const Stamp stamp = {{"Scenario", name},
                       {"Seed", std::to_string(run.base.seed)},
                       {"Replications per change", std::to_string(run.base.replications)},
                       {"A target passes when the share meeting it is surely at least",
                        fixed(run.required_share * 100, 2) + " %"},
                       {"Scenario SHA-256", run.base.scenario_sha256},
                       {"drsim version", run.base.version},
                       {"Commit", run.base.commit}};
  Table failing;
  failing.head = {"Target", "Share of incidents meeting it", "Verdict"};
  failing.empty_note = "Every policy target passes, or the policy sets none.";
  for (const TargetChange& t : failing_targets(run.base, run.required_share))
    failing.rows.push_back(
        {cell(target_name(t)), cell(share_text(t.before), "", "", true),
         cell(t.verdict_before, "", t.verdict_before == "fail" ? "bad" : "warn")});
  Table changes;
  changes.head = {"#",
                  "Change",
                  "Targets made to pass",
                  "Still failing",
                  "Effect on the failing targets",
                  "Availability change",
                  "Downtime change per year",
                  "Cost",
                  "Reproduce"};
  changes.empty_note = "No change could be tried.";
  std::string csv =
      "rank,id,cost,made_pass,made_worse,availability_change_fraction,user_hours_change_per_"
      "year,disruption,measure,"
      "target_s,before_met_fraction,before_ci95_low_fraction,before_ci95_high_fraction,"
      "after_met_fraction,after_ci95_low_fraction,after_ci95_high_fraction,verdict_after,"
      "availability_change_ci95_fraction,user_hours_change_ci95_per_year\n";
  int n = 0;
  for (const Recommendation& r : ranked) {
    ++n;
    const AdviceCandidate& c = r.outcome->candidate;
    std::string effects;
    for (const TargetChange& t : r.targets) {
      effects += (effects.empty() ? "" : "; ") + target_name(t) + ": " + share_text(t.before) +
                 " -> " + share_text(t.after) + " (" + t.verdict_after + ")";
      csv += std::to_string(n) + "," + csv_field(c.id) + "," +
             (c.cost ? json_number(*c.cost) : "") + "," + std::to_string(r.made_pass) + "," +
             std::to_string(r.made_worse) + "," + json_number(r.availability_change) + "," +
             json_number(r.user_hours_change_per_year) + "," + t.disruption + "," + t.measure +
             "," + std::to_string(t.target_s) + "," + json_number(t.before.fraction) + "," +
             json_number(t.before.ci95_low) + "," + json_number(t.before.ci95_high) + "," +
             json_number(t.after.fraction) + "," + json_number(t.after.ci95_low) + "," +
             json_number(t.after.ci95_high) + "," + t.verdict_after + "," +
             (r.availability_change_ci95 ? json_number(*r.availability_change_ci95) : "") + "," +
             (r.user_hours_change_ci95 ? json_number(*r.user_hours_change_ci95) : "") + "\n";
    }
    changes.rows.push_back(
        {cell(std::to_string(n), "", "", true), cell(c.title, c.id),
         cell(std::to_string(r.made_pass), "", r.made_pass > 0 ? "good" : "", true),
         cell(std::to_string(r.still_failing), "", r.still_failing > 0 ? "warn" : "good", true),
         cell(effects.empty() ? "no target fails" : effects,
              voice_and_remote_text(r).empty() ? "" : voice_and_remote_text(r).substr(2)),
         cell(availability_change_text(r), "", "", true),
         cell(user_hours_change_text(r) + " user-hours",
              downtime_cost_change_per_year(run, r)
                  ? signed_amount(*downtime_cost_change_per_year(run, r)) +
                        (run.base.currency.empty() ? "" : " " + run.base.currency)
                  : "no cost per user-hour given",
              "", true),
         cell(c.cost ? number(*c.cost) : "not given", "", "", true),
         cell(advice_command(run, c, report_dir))});
  }
  Table refused;
  refused.head = {"Change", "Rule it breaks"};
  refused.empty_note = "No candidate breaks a documented rule.";
  for (const AdviceCandidate& c : run.refused)
    refused.rows.push_back({cell(c.title, c.id), cell(c.refused, "", "bad")});
  std::string summary;
  // The top recommendations in plain language: at most five, those that make a target pass.
  const std::vector<PlainRecommendation> top = top_recommendations(run, ranked, report_dir);
  for (const PlainRecommendation& r : top)
    summary += "- " + r.line + ". Reproduce: `" + r.command + "`\n";
  if (summary.empty())
    summary =
        "- No change tried makes a failing target pass; the table ranks them by how far "
        "each moves the targets.\n";
  std::string html = html_page_begin("drsim advice: " + name);
  html += "<h1>Advice: " + xml_escape(name) + "</h1>\n";
  stamp_html(html, stamp);
  const std::string verdict = verdict_line(run, ranked, report_dir);
  html += "<h2>Recommendations</h2>\n<p><strong>" + xml_escape(verdict) + "</strong></p>\n<ul>\n";
  std::string md = "# Advice: " + md_cell(name) + "\n\n";
  stamp_md(md, stamp);
  md += "## Recommendations\n\n**" + md_cell(verdict) + "**\n\n" + summary + "\n";
  for (const PlainRecommendation& r : top)
    html += "<li>" + xml_escape(r.line) + ". Reproduce: <code>" + xml_escape(r.command) +
            "</code></li>\n";
  html += "</ul>\n<h2>Targets not met</h2>\n";
  md += "## Targets not met\n\n";
  table_html(html, failing);
  table_md(md, failing);
  html += "<h2>Changes, best first</h2>\n";
  md += "## Changes, best first\n\n";
  table_html(html, changes);
  table_md(md, changes);
  html += "<h2>Refused</h2>\n";
  md += "## Refused\n\n";
  table_html(html, refused);
  table_md(md, refused);
  const std::string footer = "advice for " + name + ", seed " + std::to_string(run.base.seed) +
                             ", scenario SHA-256 " + run.base.scenario_sha256 + ", drsim " +
                             run.base.version + " (commit " + run.base.commit + ")";
  html += html_page_end(footer);
  md += "---\n\n" + md_cell(footer) + "\n";
  return {{"advice.html", html}, {"advice.md", md}, {"advice.csv", csv}};
}

}  // namespace drsim
