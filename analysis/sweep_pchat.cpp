// Persistent Chat over a sweep, for people: the lines of `drsim sweep`'s text and the table
// of sweep.html / sweep.md (sweep_pchat.h), both from the digest (sweep_digest.h), so the
// text, the page and the visualiser's sweep view say the same. Without a Persistent Chat
// pool the scenario has no chat to lose: both say "not modelled" in words, never zeros.
#include "analysis/sweep_pchat.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "analysis/report_format.h"
#include "analysis/sweep_cells.h"
#include "sim/time.h"

namespace drsim {

namespace {

using sweep_cells::dash;
using sweep_cells::num;
using sweep_cells::spread_row;
using sweep_cells::word;

// Messages and hours for people: one decimal below a hundred, whole and grouped above.
std::string amount(double v) { return v < 100 ? fixed(v, 1) : grouped(std::llround(v)); }
std::string hours(double v) { return amount(v) + " h"; }
std::string percent(double fraction) { return fixed(fraction * 100, 6) + " %"; }

}  // namespace

std::string sweep_pchat_text(const SweepDigest& d) {
  if (!d.pchat_modelled)
    return "Persistent Chat not modelled (the scenario has no Persistent Chat pool)\n";
  const ProportionDigest& p = d.pchat_impact;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "Persistent Chat: chat lost in %" PRIu64 " of %" PRIu64
                " incidents (%.2f %%, 95 %% interval [%.2f, %.2f]); chat availability %.6f %%; "
                "%s chat user-hours without chat per year (means over replications)\n",
                p.met, p.incidents, p.fraction * 100, p.ci95_low * 100, p.ci95_high * 100,
                d.pchat_availability.mean * 100,
                amount(d.pchat_user_hours_lost_per_year.mean).c_str());
  std::string out = buf;
  auto seconds = [](double s) { return format_duration(Duration::micros(std::llround(s * 1e6))); };
  const DistributionDigest& r = d.pchat_restore_s;
  if (r.n > 0) {
    std::snprintf(buf, sizeof buf,
                  "  time to restore chat: mean %s, p50 %s, p95 %s, p99 %s, max %s (a planned "
                  "failback later is not in it)",
                  seconds(r.mean).c_str(), seconds(r.p50).c_str(), seconds(r.p95).c_str(),
                  seconds(r.p99).c_str(), seconds(r.max).c_str());
    out += buf;
  }
  if (d.pchat_unrestored_incidents > 0) {
    std::snprintf(buf, sizeof buf, "%s%" PRIu64 " incidents not restored by the horizon",
                  r.n > 0 ? "; " : "  ", d.pchat_unrestored_incidents);
    out += buf;
  }
  if (r.n > 0 || d.pchat_unrestored_incidents > 0) out += "\n";
  const DistributionDigest& m = d.pchat_messages_lost;
  if (m.n > 0) {
    std::snprintf(buf, sizeof buf,
                  "  messages lost in %" PRIu64
                  " failovers to the log-shipping secondary: mean %s, p50 %s, p95 %s, p99 %s, "
                  "max %s; the compliance database is not failed over\n",
                  m.n, amount(m.mean).c_str(), amount(m.p50).c_str(), amount(m.p95).c_str(),
                  amount(m.p99).c_str(), amount(m.max).c_str());
    out += buf;
  } else {
    out += "  no failover to the log-shipping secondary: no chat message lost\n";
  }
  return out;
}

Table sweep_pchat_table(const SweepDigest& d) {
  Table t;
  t.head = {"Quantity", "Values", "Mean", "p50", "p95", "p99", "Max"};
  if (!d.pchat_modelled) {
    t.empty_note = "Persistent Chat not modelled: the scenario has no Persistent Chat pool.";
    return t;
  }
  t.note =
      "Incidents in which some chat users lost chat (a planned failback alone does not count); "
      "the time to restore chat, until every user had it again the first time (a failback "
      "hours later is not in it); the chat messages lost per failover to the log-shipping "
      "secondary (posted after its last shipped log backup; the compliance database is not "
      "failed over); per replication the chat user-hours without chat per year (failbacks "
      "included) and chat's availability, weighted by chat users (docs/model.md, Persistent "
      "Chat).";
  sweep_cells::share_row(t, "Incidents losing chat", d.pchat_impact, "losing chat");
  spread_row(t, "Time to restore chat", d.pchat_restore_s, "incidents", human_s);
  if (d.pchat_unrestored_incidents > 0)
    sweep_cells::count_row(t, "Chat not restored by the horizon", d.pchat_unrestored_incidents);
  if (d.pchat_messages_lost.n > 0)
    spread_row(t, "Chat messages lost per failover", d.pchat_messages_lost, "failovers", amount);
  else
    t.rows.push_back({word("Chat messages lost"), num("0", "no failover to the secondary"), dash(),
                      dash(), dash(), dash(), dash()});
  spread_row(t, "Chat user-hours without chat per year", d.pchat_user_hours_lost_per_year,
             "replications", hours);
  spread_row(t, "Chat availability", d.pchat_availability, "replications", percent);
  return t;
}

}  // namespace drsim
