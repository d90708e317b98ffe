// The candidate changes of `drsim advise` and their sweeps; see advise_candidates.h. The
// figures a change sets (30 s SyncInterval, a minute to detect, 5 minutes to decide) are
// documented in docs/model.md ("Advice").
#include "experiments/advise_candidates.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "experiments/grid_run.h"
#include "io/errors.h"
#include "io/overrides.h"
#include "sim/check.h"
#include "sim/finding.h"
#include "sim/model/product.h"
#include "sim/validate.h"

namespace drsim {

namespace {

using scenario::Scenario;

// SyncInterval a shortened Backup Service uses: a quarter of the default, still far above
// the 5 s minimum so that a cycle's overhead does not crowd the interval.
constexpr int64_t kShortSyncIntervalS = 30;
// An admin with monitoring alerts notices within a minute; with a standing decision (the
// failover is pre-approved) decides within 5 minutes.
constexpr int64_t kAlertedDetectS = 60;
constexpr int64_t kStandingDecisionS = 300;
// Changes combined at most: the combinations are the first k helpful changes for k = 2 up to
// this, a sweep per k rather than one per subset.
constexpr size_t kMaxCombined = 4;

std::string validation_message(const Scenario& s) {
  std::string out;
  for (const Finding& f : validate_scenario(s))
    if (f.severity == Severity::kError)
      out += (out.empty() ? "" : "; ") + path_to_string(f.path) + ": " + f.message;
  return out;
}

// A change made by --set assignments.
CandidateChange by_sets(const Scenario& base, std::string id, std::string title,
                        std::vector<std::string> sets) {
  CandidateChange c{
      {std::move(id), std::move(title), std::move(sets), "", "", std::nullopt}, base, nullptr};
  c.apply = [assignments = c.info.sets](Scenario& s) { apply_overrides(s, assignments); };
  c.apply(c.changed);
  return c;
}

// A change no --set can make (it adds servers): the report writes the changed scenario.
CandidateChange by_edit(const Scenario& base, std::string id, std::string title,
                        const std::function<void(Scenario&)>& edit) {
  CandidateChange c{{std::move(id), std::move(title), {}, "", "", std::nullopt}, base, edit};
  edit(c.changed);
  return c;
}

scenario::SqlServer* add_server(scenario::BackEnd* be, const std::string& fqdn,
                                const std::string& site, scenario::SqlRole role) {
  scenario::SqlServer* s = be->add_servers();
  s->set_fqdn(fqdn);
  s->set_site(site);
  s->set_role(role);
  return s;
}

void pool_candidates(const Scenario& base, std::vector<CandidateChange>* out) {
  for (int i = 0; i < base.pools_size(); ++i) {
    const scenario::Pool& p = base.pools(i);
    const std::string at = "pools[" + p.fqdn() + "]";
    // Pair with the first unpaired pool in another site (pairing is 1:1 and reciprocal).
    if (!p.has_backup_pool()) {
      for (int j = i + 1; j < base.pools_size(); ++j) {
        const scenario::Pool& q = base.pools(j);
        if (q.has_backup_pool() || q.site() == p.site()) continue;
        out->push_back(by_sets(
            base, "pair:" + p.fqdn(),
            "Pair " + p.fqdn() + " with " + q.fqdn() + " (in " + q.site() +
                ") so that its users can fail over",
            {at + ".backup_pool=" + q.fqdn(), "pools[" + q.fqdn() + "].backup_pool=" + p.fqdn()}));
        break;
      }
    }
    if (p.has_back_end()) {
      const scenario::BackEnd& be = p.back_end();
      const std::string mode = at + ".back_end.ha_mode=";
      if (be.ha_mode() == scenario::MIRRORING_WITHOUT_WITNESS)
        out->push_back(by_edit(
            base, "witness:" + p.fqdn(),
            "Add a witness to " + p.fqdn() + "'s Back End mirror, so that it fails over by itself",
            [=](Scenario& s) {
              auto* b = s.mutable_pools(i)->mutable_back_end();
              b->set_ha_mode(scenario::MIRRORING_WITH_WITNESS);
              add_server(b, "sql-witness." + p.fqdn(), p.site(), scenario::WITNESS);
            }));
      if (be.ha_mode() == scenario::NONE && p.edition() == scenario::ENTERPRISE) {
        out->push_back(by_edit(
            base, "mirroring:" + p.fqdn(),
            "Give " + p.fqdn() + "'s Back End a SQL mirror with a witness (automatic failover)",
            [=](Scenario& s) {
              auto* b = s.mutable_pools(i)->mutable_back_end();
              b->set_ha_mode(scenario::MIRRORING_WITH_WITNESS);
              add_server(b, "sql-mirror." + p.fqdn(), p.site(), scenario::MIRROR);
              add_server(b, "sql-witness." + p.fqdn(), p.site(), scenario::WITNESS);
            }));
        out->push_back(
            by_edit(base, "alwayson:" + p.fqdn(),
                    "Give " + p.fqdn() +
                        "'s Back End an AlwaysOn availability group with a file-share "
                        "witness (automatic failover)",
                    [=](Scenario& s) {
                      auto* b = s.mutable_pools(i)->mutable_back_end();
                      b->set_ha_mode(scenario::ALWAYSON_AVAILABILITY_GROUP);
                      add_server(b, "sql-replica." + p.fqdn(), p.site(), scenario::MIRROR);
                      add_server(b, "sql-fsw." + p.fqdn(), p.site(), scenario::FILE_SHARE_WITNESS);
                    }));
      }
    }
    if (p.edition() == scenario::ENTERPRISE) {
      const std::string n = std::to_string(p.front_ends_size() + 1);
      out->push_back(
          by_edit(base, "front-end:" + p.fqdn(),
                  "Add a Front End to " + p.fqdn() + " (" + n + " servers)", [=](Scenario& s) {
                    s.mutable_pools(i)->add_front_ends()->set_fqdn("fe" + n + "-added." + p.fqdn());
                  }));
    }
  }
}

bool any_paired(const Scenario& s) {
  for (const auto& p : s.pools())
    if (p.has_backup_pool()) return true;
  return false;
}

// An Edge pool in a site that has a Front End pool but no Edge, behind the Edge pools already
// there in DNS SRV order, so that remote users and federation keep a way in when the other
// site is lost.
void edge_candidates(const Scenario& base, std::vector<CandidateChange>* out) {
  if (base.edge_pools_size() == 0) return;
  int priority = 0;
  for (const auto& e : base.edge_pools()) priority = std::max(priority, e.srv_priority());
  for (const auto& site : base.sites()) {
    bool has_edge = false;
    for (const auto& e : base.edge_pools()) has_edge |= e.site() == site.name();
    const scenario::Pool* next_hop = nullptr;
    for (const auto& p : base.pools())
      if (p.site() == site.name() && next_hop == nullptr) next_hop = &p;
    if (has_edge || next_hop == nullptr) continue;
    const std::string fqdn = "edge-added." + site.name();
    const std::string hop = next_hop->fqdn();
    const std::string name = site.name();
    out->push_back(by_edit(base, "edge:" + name,
                           "Add an Edge pool in " + name + " (next hop " + hop +
                               ") so that remote users keep a way in without the other site",
                           [=](Scenario& s) {
                             auto* e = s.add_edge_pools();
                             e->set_fqdn(fqdn);
                             e->set_site(name);
                             e->set_next_hop_pool(hop);
                             e->set_srv_priority(priority + 10);
                           }));
  }
}

// The first pool in a site, or null.
const scenario::Pool* first_pool_in(const Scenario& s, const std::string& site) {
  for (const auto& p : s.pools())
    if (p.site() == site) return &p;
  return nullptr;
}

// A Director pool in a site that has a Front End pool but no Director, when the scenario has
// Directors at all (remote sign-in goes through them): remote users keep a Director when the
// other site is lost. Two servers, the schema's default.
void director_candidates(const Scenario& base, std::vector<CandidateChange>* out) {
  if (base.director_pools_size() == 0) return;
  for (const auto& site : base.sites()) {
    bool has_director = false;
    for (const auto& d : base.director_pools()) has_director |= d.site() == site.name();
    if (has_director || first_pool_in(base, site.name()) == nullptr) continue;
    const std::string name = site.name();
    out->push_back(by_edit(base, "director:" + name,
                           "Add a Director pool in " + name +
                               " so that remote users can sign in without the other site",
                           [=](Scenario& s) {
                             auto* d = s.add_director_pools();
                             d->set_fqdn("director-added." + name);
                             d->set_site(name);
                           }));
  }
}

// A PSTN gateway in a site that has a Front End pool but no gateway, when the scenario has
// gateways at all, with a trunk from that site's first pool (collocated Mediation) and a
// voice route through it added as the last PSTN usage of every pool that has routes: the
// failover route sfb-hadr 5.4 asks for, through a gateway in another site.
void gateway_candidates(const Scenario& base, std::vector<CandidateChange>* out) {
  if (base.pstn_gateways_size() == 0) return;
  for (const auto& site : base.sites()) {
    bool has_gateway = false;
    for (const auto& g : base.pstn_gateways()) has_gateway |= g.site() == site.name();
    const scenario::Pool* mediation = first_pool_in(base, site.name());
    if (has_gateway || mediation == nullptr) continue;
    const std::string name = site.name(), pool = mediation->fqdn();
    const std::string gateway = "gw-added." + name, trunk = "trunk-added." + name,
                      route = "route-added." + name;
    out->push_back(by_edit(base, "gateway:" + name,
                           "Add a PSTN gateway in " + name + " (trunk from " + pool +
                               ") with a failover route through it for every pool's users",
                           [=](Scenario& s) {
                             auto* g = s.add_pstn_gateways();
                             g->set_fqdn(gateway);
                             g->set_site(name);
                             auto* t = s.add_trunks();
                             t->set_name(trunk);
                             t->set_mediation_pool(pool);
                             t->set_gateway(gateway);
                             auto* r = s.add_voice_routes();
                             r->set_name(route);
                             r->add_trunks(trunk);
                             for (auto& p : *s.mutable_pools())
                               if (p.pstn_routes_size() > 0) p.add_pstn_routes(route);
                           }));
  }
}

// Where a step belongs in the documented order of a site failover (sfb-hadr 2.6, D-FO: the
// CMS first, then the Edge pools' next hop, then the pool failover; the model's
// preconditions refuse a pool failover before either), or -1 for a step the order does not
// place.
int documented_rank(const scenario::RunbookStep& step) {
  switch (step.cmdlet()) {
    case scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER:
      return 0;
    case scenario::SET_CS_EDGE_SERVER_NEXT_HOP:
      return 1;
    case scenario::INVOKE_CS_POOL_FAILOVER:
      return 2;
    default:
      return -1;
  }
}

bool same_action(const scenario::RunbookStep& a, const scenario::RunbookStep& b) {
  return a.cmdlet() == b.cmdlet() && a.pool_fqdn() == b.pool_fqdn() &&
         a.edge_pool() == b.edge_pool() && a.next_hop_pool() == b.next_hop_pool() &&
         a.disaster_mode() == b.disaster_mode();
}

// The scenario's runbook with its steps out of the documented order, reordered: the placed
// steps sorted into that order among the places they held (the others stay where they are),
// and a placed step that repeats an earlier one dropped (the retry the wrong order needed).
// Only a runbook whose steps chain after the detection: steps at fixed times run at those
// times whatever their order. Nothing when the order is already right.
void runbook_order_candidates(const Scenario& base, std::vector<CandidateChange>* out) {
  std::vector<int> placed;
  for (int i = 0; i < base.runbook_size(); ++i) {
    if (documented_rank(base.runbook(i)) < 0) continue;
    if (!base.runbook(i).after_detect()) return;
    placed.push_back(i);
  }
  bool out_of_order = false;
  for (size_t k = 1; k < placed.size(); ++k)
    out_of_order |=
        documented_rank(base.runbook(placed[k - 1])) > documented_rank(base.runbook(placed[k]));
  if (!out_of_order) return;
  out->push_back(by_edit(
      base, "runbook-order",
      "Fix the runbook's order: the CMS failover, then the Edge next hop, then the pool "
      "failover, without the retries the wrong order needed",
      [placed](Scenario& s) {
        std::vector<scenario::RunbookStep> steps(s.runbook().begin(), s.runbook().end());
        std::vector<scenario::RunbookStep> sorted;
        for (int i : placed) sorted.push_back(steps[static_cast<size_t>(i)]);
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const scenario::RunbookStep& a, const scenario::RunbookStep& b) {
                           return documented_rank(a) < documented_rank(b);
                         });
        for (size_t k = 0; k < placed.size(); ++k)
          steps[static_cast<size_t>(placed[k])] = sorted[k];
        s.clear_runbook();
        std::vector<scenario::RunbookStep> kept;
        for (const scenario::RunbookStep& step : steps) {
          bool repeat = false;
          if (documented_rank(step) >= 0)
            for (const scenario::RunbookStep& earlier : kept) repeat |= same_action(earlier, step);
          if (repeat) continue;
          kept.push_back(step);
          *s.add_runbook() = step;
        }
      }));
}

void global_candidates(const Scenario& base, std::vector<CandidateChange>* out) {
  if (any_paired(base) && base.backup_service().sync_interval_s() > kShortSyncIntervalS)
    out->push_back(
        by_sets(base, "sync-interval",
                "Shorten the Backup Service's SyncInterval to " +
                    std::to_string(kShortSyncIntervalS) + " s",
                {"backup_service.sync_interval_s=" + std::to_string(kShortSyncIntervalS)}));
  if (base.has_cms())
    for (const auto& p : base.pools())
      if (p.fqdn() != base.cms().pool() && p.has_backup_pool())
        out->push_back(by_sets(base, "cms:" + p.fqdn(),
                               "Move the Central Management Store to " + p.fqdn(),
                               {"cms.pool=" + p.fqdn()}));
  if (!base.admin().standard_response())
    out->push_back(by_sets(base, "standard-response",
                           "Have the on-call admin follow the standard response (CMS, Edge next "
                           "hop, pool failover in disaster mode, failback)",
                           {"admin.standard_response=true"}));
  if (base.has_admin()) {
    out->push_back(by_sets(base, "detect",
                           "Automate detection: an alert reaches the admin within " +
                               std::to_string(kAlertedDetectS) + " s",
                           {"admin.detect_delay.fixed_s=" + std::to_string(kAlertedDetectS)}));
    out->push_back(by_sets(base, "decide",
                           "Pre-approve the failover: the admin decides within " +
                               std::to_string(kStandingDecisionS / 60) + " minutes",
                           {"admin.decide_delay.fixed_s=" + std::to_string(kStandingDecisionS)}));
  }
}

}  // namespace

std::vector<CandidateChange> advice_candidates(const Scenario& base, const std::string& origin) {
  (void)origin;
  std::vector<CandidateChange> out;
  pool_candidates(base, &out);
  edge_candidates(base, &out);
  director_candidates(base, &out);
  gateway_candidates(base, &out);
  runbook_order_candidates(base, &out);
  global_candidates(base, &out);
  int files = 0;
  for (CandidateChange& c : out) {
    c.info.refused = validation_message(c.changed);
    if (c.info.sets.empty()) c.info.file = "whatif-" + std::to_string(++files) + ".pb.txt";
  }
  return out;
}

void apply_costs(std::vector<CandidateChange>* candidates, const std::vector<std::string>& costs) {
  for (const std::string& option : costs) {
    const size_t eq = option.rfind('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError("--cost " + option, "expected id=amount (drsim advise --list shows ids)");
    const std::string id = option.substr(0, eq), amount = option.substr(eq + 1);
    char* end = nullptr;
    errno = 0;
    const double x = std::strtod(amount.c_str(), &end);
    if (end == amount.c_str() || *end != '\0' || errno != 0 || !std::isfinite(x) || x < 0)
      throw InputError("--cost " + option, "'" + amount + "' is not a non-negative number");
    bool found = false;
    for (CandidateChange& c : *candidates)
      if (c.info.id == id) {
        c.info.cost = x;
        found = true;
      }
    if (!found) {
      std::string ids;
      for (const CandidateChange& c : *candidates) ids += " " + c.info.id;
      throw InputError("--cost " + option,
                       "'" + id + "' is no candidate of this scenario; one of:" + ids);
    }
  }
}

std::vector<size_t> helpful_changes(const std::vector<CandidateChange>& singles,
                                    const AdviceRun& run) {
  std::vector<size_t> out;
  for (const Recommendation& r : rank_advice(run)) {
    if ((r.made_pass == 0 && r.met_share_gain <= 0) || r.made_worse > 0) continue;
    for (size_t i = 0; i < singles.size(); ++i)
      if (singles[i].info.id == r.outcome->candidate.id && out.size() < kMaxCombined)
        out.push_back(i);
  }
  return out;
}

std::vector<CandidateChange> combined_candidates(const std::vector<CandidateChange>& singles,
                                                 const std::vector<size_t>& helpful_indices,
                                                 const Scenario& base) {
  std::vector<const CandidateChange*> helpful;
  for (size_t i : helpful_indices) {
    DRSIM_CHECK(i < singles.size(), "helpful_changes indexes the single changes");
    helpful.push_back(&singles[i]);
  }
  std::vector<CandidateChange> out;
  int files = 0;
  for (const CandidateChange& c : singles) files += c.info.file.empty() ? 0 : 1;
  for (size_t k = 2; k <= helpful.size(); ++k) {
    CandidateChange combo{{}, base, nullptr};
    std::vector<std::function<void(Scenario&)>> steps;
    bool all_sets = true, all_costs = true;
    double cost = 0;
    for (size_t j = 0; j < k; ++j) {
      const AdviceCandidate& m = helpful[j]->info;
      combo.info.id += (j > 0 ? "+" : "") + m.id;
      combo.info.title += (j > 0 ? " + " : "") + m.title;
      combo.info.sets.insert(combo.info.sets.end(), m.sets.begin(), m.sets.end());
      all_sets = all_sets && !m.sets.empty();
      all_costs = all_costs && m.cost.has_value();
      cost += m.cost.value_or(0);
      steps.push_back(helpful[j]->apply);
    }
    combo.apply = [steps](Scenario& s) {
      for (const auto& step : steps) step(s);
    };
    combo.apply(combo.changed);
    if (!all_sets) {
      combo.info.sets.clear();
      combo.info.file = "whatif-" + std::to_string(++files) + ".pb.txt";
    }
    if (all_costs) combo.info.cost = cost;
    combo.info.refused = validation_message(combo.changed);
    out.push_back(std::move(combo));
  }
  return out;
}

void sweep_candidates(AdviceRun* run, const std::vector<CandidateChange>& candidates,
                      const std::function<SweepDigest(const scenario::Scenario&,
                                                      const std::vector<std::string>&)>& sweep,
                      const std::function<void(const std::string&)>& progress) {
  for (const CandidateChange& c : candidates) {
    if (!c.info.refused.empty()) {
      run->refused.push_back(c.info);
      continue;
    }
    if (run->interrupted) continue;
    if (progress) progress(c.info.id);
    SweepDigest d = sweep(c.changed, c.info.sets);
    if (d.interrupted) {
      run->interrupted = true;
      continue;
    }
    run->tried.push_back({c.info, row_digest(std::move(d))});
  }
}

AdviceRun run_advice(const std::vector<CandidateChange>& candidates,
                     const std::function<SweepDigest(const scenario::Scenario&,
                                                     const std::vector<std::string>&)>& sweep,
                     const scenario::Scenario& base,
                     const std::function<void(const std::string&)>& progress) {
  AdviceRun run;
  if (progress) progress("base");
  run.base = sweep(base, {});
  run.interrupted = run.base.interrupted;
  sweep_candidates(&run, candidates, sweep, progress);
  return run;
}

}  // namespace drsim
