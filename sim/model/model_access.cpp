// Remote access and federation through Edge and Director pools (sfb-hadr 5.2, 5.3;
// docs/model.md, "Remote access and federation").
//
// An Edge pool serves while one of its servers runs in its site and its next hop pool
// serves; a Director pool while one of its servers runs. Remote users (a share of every
// pool's users, ModelParameters.remote_user_share) sign in through an Edge pool and, when
// the scenario has Directors, a Director pool: when theirs stops they find the next one in
// DNS SRV order by themselves after the client retry time, with no admin action. Outbound
// federation leaves through the one published route and stays down until the admin moves
// it; inbound federation reaches any serving Edge pool in SRV order (in part only while a
// stopped pool shares its priority); XMPP federation goes through its own route until the
// admin repoints it. Remote users' A/V and web conferencing (with outside users and federated
// partners) relay through the Edge pool their meetings' Front End pool is associated with,
// while one of its servers runs; when it stops and the pool survives, the admin reassociates
// the pool with a running Edge pool (sfb-hadr 5.2). Per incident the model measures how long
// each modality was impaired, when it came back, and remote users' lost sign-in time.
#include <algorithm>
#include <cmath>

#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

const char* modality_name(Modality m) {
  switch (m) {
    case Modality::kRemoteSignIn:
      return "remote_sign_in";
    case Modality::kFederationOut:
      return "federation_out";
    case Modality::kFederationIn:
      return "federation_in";
    case Modality::kXmpp:
      return "xmpp";
    case Modality::kConferencingContent:
      return "conferencing_content";
    case Modality::kRemoteMedia:
      return "remote_media";
  }
  return "?";
}

const char* access_level_name(AccessLevel l) {
  switch (l) {
    case AccessLevel::kOk:
      return "ok";
    case AccessLevel::kDegraded:
      return "degraded";
    case AccessLevel::kDown:
      return "down";
    case AccessLevel::kNotDeployed:
      return "not_deployed";
  }
  return "?";
}

namespace {
bool impaired(AccessLevel l) { return l == AccessLevel::kDegraded || l == AccessLevel::kDown; }
}  // namespace

int Model::route_edge(const std::string& fqdn) const {
  for (int k = 0; k < scenario_.edge_pools_size(); ++k)
    if (!fqdn.empty() && scenario_.edge_pools(k).fqdn() == fqdn) return k;
  return -1;
}

bool Model::edge_serving(int edge) const {
  const AccessPoolInfo& info = topology_.edges()[static_cast<size_t>(edge)];
  if (!is_up(info.component)) return false;
  const bool running =
      std::any_of(info.servers.begin(), info.servers.end(), [&](int c) { return is_up(c); });
  const int hop = edges_[static_cast<size_t>(edge)].next_hop;
  return running && hop >= 0 && serving(hop);
}

bool Model::director_up(int director) const {
  const AccessPoolInfo& info = topology_.directors()[static_cast<size_t>(director)];
  return is_up(info.component) &&
         std::any_of(info.servers.begin(), info.servers.end(), [&](int c) { return is_up(c); });
}

bool Model::edge_running(int edge) const {
  const AccessPoolInfo& info = topology_.edges()[static_cast<size_t>(edge)];
  return is_up(info.component) &&
         std::any_of(info.servers.begin(), info.servers.end(), [&](int c) { return is_up(c); });
}

int Model::default_media_edge(int p) const {
  const int named = route_edge(pool_spec(p).edge_pool());
  if (named >= 0) return named;
  const std::vector<int>& order = topology_.edge_order();
  for (int k : order)
    if (topology_.edges()[static_cast<size_t>(k)].next_hop == p) return k;
  const int site = topology_.pools()[static_cast<size_t>(p)].site;
  for (int k : order)
    if (topology_.edges()[static_cast<size_t>(k)].site == site) return k;
  return order.empty() ? -1 : order.front();
}

AccessLevel Model::media_level() {
  AccessState& a = access_;
  a.media_users_ok = 0;
  if (topology_.edges().empty() || a.remote_users == 0) return AccessLevel::kNotDeployed;
  // The Edge path only: remote users who cannot sign in count under remote sign-in. A pool
  // failed over meets on its backup pool, through that pool's Edge association.
  for (int p = 0; p < scenario_.pools_size(); ++p) {
    const int q = meeting_pool(p);
    const int edge = q >= 0 ? a.media_edge[static_cast<size_t>(q)] : -1;
    if (edge >= 0 && edge_running(edge)) a.media_users_ok += remote_users_of(p);
  }
  if (a.media_users_ok == a.remote_users) return AccessLevel::kOk;
  return a.media_users_ok == 0 ? AccessLevel::kDown : AccessLevel::kDegraded;
}

int Model::first_serving_edge() const {
  for (int k : topology_.edge_order())
    if (access_.edge_serving[static_cast<size_t>(k)]) return k;
  return -1;
}

int Model::first_director() const {
  for (size_t d = 0; d < access_.director_up.size(); ++d)
    if (access_.director_up[d]) return static_cast<int>(d);
  return -1;
}

bool Model::remote_path_ok() const {
  const AccessState& a = access_;
  const bool edge = a.remote_edge >= 0 && a.edge_serving[static_cast<size_t>(a.remote_edge)];
  const bool director =
      a.director_up.empty() ||
      (a.remote_director >= 0 && a.director_up[static_cast<size_t>(a.remote_director)]);
  return edge && director;
}

int64_t Model::remote_users_of(int p) const {
  return std::llround(static_cast<double>(pool_spec(p).users()) * params().remote_user_share());
}

void Model::start_access(Engine& e) {
  if (!access_modelled()) return;
  AccessState& a = access_;
  a.edge_serving.assign(topology_.edges().size(), false);
  a.director_up.assign(topology_.directors().size(), false);
  for (size_t k = 0; k < a.edge_serving.size(); ++k)
    a.edge_serving[k] = edge_serving(static_cast<int>(k));
  for (size_t d = 0; d < a.director_up.size(); ++d)
    a.director_up[d] = director_up(static_cast<int>(d));
  a.remote_edge = first_serving_edge();
  a.remote_director = first_director();
  a.federation_edge = route_edge(scenario_.federation_route());
  a.xmpp_edge = route_edge(scenario_.xmpp_route());
  a.media_edge.assign(static_cast<size_t>(scenario_.pools_size()), -1);
  for (int p = 0; p < scenario_.pools_size() && !topology_.edges().empty(); ++p)
    a.media_edge[static_cast<size_t>(p)] = default_media_edge(p);
  if (!topology_.edges().empty())
    for (int p = 0; p < scenario_.pools_size(); ++p) a.remote_users += remote_users_of(p);
  // The stores' members and farms as deployed, without a record: only changes are logged.
  start_content(e.now());
  update_content(e, nullptr);
  a.mark = e.now();
  update_access(e);  // logs every modality once: nothing was logged yet
}

void Model::on_access_retry() {
  // The clients' retries reach the first serving Edge pool (and running Director) in DNS
  // order; update_access re-derives the levels after this event.
  access_.retry_timer = EventId{};
  access_.remote_edge = first_serving_edge();
  access_.remote_director = first_director();
}

void Model::account_access(Instant now) {
  AccessState& a = access_;
  if (a.outcome >= 0) {
    AccessOutcome& o = metrics_.incidents[static_cast<size_t>(a.incident)].access;
    const Instant from = std::max(a.mark, warm_up_);
    if (now > from) {
      for (size_t i = 0; i < kModalityCount; ++i)
        if (impaired(a.level[i])) o.impaired[i] = o.impaired[i] + (now - from);
      o.remote_user_s +=
          static_cast<double>(a.remote_users - a.remote_signed_in) * (now - from).seconds_f();
      o.content_user_s +=
          static_cast<double>(content_.users - content_.with_content) * (now - from).seconds_f();
    }
  }
  a.mark = now;
}

void Model::update_access(Engine& e) {
  if (!access_modelled()) return;
  AccessState& a = access_;
  const Instant now = e.now();
  account_access(now);
  std::vector<int> changed_content;  // file stores and farms, by component
  update_content(e, &changed_content);
  const bool has_edges = !topology_.edges().empty();
  std::vector<std::pair<int, bool>> changed_pools;  // (component, is_edge)
  for (size_t k = 0; k < a.edge_serving.size(); ++k) {
    const bool on = edge_serving(static_cast<int>(k));
    if (on != a.edge_serving[k]) changed_pools.push_back({topology_.edges()[k].component, true});
    a.edge_serving[k] = on;
  }
  for (size_t d = 0; d < a.director_up.size(); ++d) {
    const bool on = director_up(static_cast<int>(d));
    if (on != a.director_up[d])
      changed_pools.push_back({topology_.directors()[d].component, false});
    a.director_up[d] = on;
  }
  // The first call logs every pool's state, so that each view has a lane for every Edge and
  // Director pool, not only for those that change later.
  if (log_->enabled() && !a.logged_once) {
    changed_pools.clear();
    for (const AccessPoolInfo& info : topology_.edges())
      changed_pools.push_back({info.component, true});
    for (const AccessPoolInfo& info : topology_.directors())
      changed_pools.push_back({info.component, false});
    // Likewise every file store and Office Web Apps farm.
    changed_content.clear();
    for (const ContentInfo& info : topology_.file_stores())
      changed_content.push_back(info.component);
    for (const ContentInfo& info : topology_.owa_farms()) changed_content.push_back(info.component);
  }

  // Remote clients cut off retry by themselves and reach the next pool in DNS order after
  // the client retry time; nothing to reach, they keep retrying until something runs.
  const int next_edge = first_serving_edge(), next_director = first_director();
  const bool reachable = next_edge >= 0 && (a.director_up.empty() || next_director >= 0);
  if (!has_edges || remote_path_ok() || !reachable) {
    if (a.retry_timer.is_valid()) e.cancel(a.retry_timer);
    a.retry_timer = EventId{};
  } else if (!a.retry_timer.is_valid()) {
    if (params().remote_client_retry_s() == 0) {
      a.remote_edge = next_edge;
      a.remote_director = next_director;
    } else {
      a.retry_timer =
          e.schedule_after(Duration::seconds(params().remote_client_retry_s()),
                           EventPayload{static_cast<uint32_t>(EventKind::kAccessRetry), 0, 0});
    }
  }

  // Levels. Remote users sign in when their path works and their own pool serves them.
  const bool path = remote_path_ok();
  int64_t signed_in = 0;
  for (int p = 0; p < scenario_.pools_size() && path; ++p) {
    const int64_t users = pool_spec(p).users();
    if (users <= 0) continue;
    const int64_t out = ps(p).level_users[static_cast<size_t>(ServiceLevel::kSignedOut)];
    signed_in += std::min(remote_users_of(p),
                          static_cast<int64_t>(std::llround(static_cast<double>(users - out) *
                                                            params().remote_user_share())));
  }
  a.remote_signed_in = signed_in;
  auto route_level = [&](int edge) {
    if (edge < 0) return AccessLevel::kNotDeployed;
    return a.edge_serving[static_cast<size_t>(edge)] ? AccessLevel::kOk : AccessLevel::kDown;
  };
  std::array<AccessLevel, kModalityCount> level{};
  level[0] = !has_edges || a.remote_users == 0 ? AccessLevel::kNotDeployed
             : !path                           ? AccessLevel::kDown
             : signed_in < a.remote_users      ? AccessLevel::kDegraded
                                               : AccessLevel::kOk;
  level[1] = route_level(a.federation_edge);
  // Inbound: partners try the Edge pools' SRV records in priority order; a stopped pool with
  // the same priority as a serving one still takes its share of their attempts (sfb-hadr 5.2).
  if (!has_edges || scenario_.federation_route().empty()) {
    level[2] = AccessLevel::kNotDeployed;
  } else if (next_edge < 0) {
    level[2] = AccessLevel::kDown;
  } else {
    level[2] = AccessLevel::kOk;
    const int priority = topology_.edges()[static_cast<size_t>(next_edge)].srv_priority;
    for (size_t k = 0; k < a.edge_serving.size(); ++k)
      if (!a.edge_serving[k] && topology_.edges()[k].srv_priority == priority)
        level[2] = AccessLevel::kDegraded;
  }
  level[3] = route_level(a.xmpp_edge);
  level[4] = content_level();
  level[5] = media_level();
  a.level = level;
  a.nominal = std::none_of(level.begin(), level.end(), impaired);

  // The incident the impairment belongs to, as for the PSTN (model_pstn.cpp).
  if (!a.nominal && a.outcome < 0) {
    IncidentMetrics* m = impact_owner();
    if (m == nullptr) m = attributed_incident();
    if (m != nullptr) {
      a.incident = m->id;
      a.outcome = 0;
      m->has_access = true;
    }
  }
  if (a.outcome >= 0) {
    AccessOutcome& o = metrics_.incidents[static_cast<size_t>(a.incident)].access;
    o.remote_users_lost = std::max(o.remote_users_lost, a.remote_users - a.remote_signed_in);
    o.content_users_lost = std::max(o.content_users_lost, content_.users - content_.with_content);
    if (level[5] != AccessLevel::kNotDeployed)
      o.media_users_lost = std::max(o.media_users_lost, a.remote_users - a.media_users_ok);
    for (size_t i = 0; i < kModalityCount; ++i) {
      if (impaired(level[i])) {
        o.lost[i] = true;
        o.restored[i] = Instant::never();
      } else if (o.lost[i] && o.restored[i] == Instant::never()) {
        o.restored[i] = now;
      }
    }
    if (a.nominal) a.outcome = a.incident = -1;
  }

  if (log_->enabled()) {
    for (const auto& [component, is_edge] : changed_pools) {
      const Component& c = topology_.component(component);
      const AccessPoolInfo& info = is_edge ? topology_.edges()[static_cast<size_t>(c.index)]
                                           : topology_.directors()[static_cast<size_t>(c.index)];
      const int64_t up =
          std::count_if(info.servers.begin(), info.servers.end(), [&](int s) { return is_up(s); });
      const bool on = is_edge ? a.edge_serving[static_cast<size_t>(c.index)]
                              : a.director_up[static_cast<size_t>(c.index)];
      auto r = log_->append(now, "access.pool", c.name)
                   .s("role", is_edge ? "edge" : "director")
                   .i("servers_up", is_up(component) ? up : 0)
                   .i("serving", on ? 1 : 0);
      if (!on && is_edge && is_up(component) && up > 0)
        r.s("reason", "next hop " +
                          pool_spec(edges_[static_cast<size_t>(c.index)].next_hop).fqdn() +
                          " not serving");
    }
    for (int c : changed_content) log_content_store(now, c);
    log_access(now);
  }
}

void Model::log_access(Instant now) {
  if (!log_->enabled() || !access_modelled()) return;
  AccessState& a = access_;
  auto edge_name = [&](int k) { return k >= 0 ? scenario_.edge_pools(k).fqdn() : std::string(); };
  std::array<std::string, kModalityCount> via;
  via[0] = edge_name(a.remote_edge);
  if (a.remote_director >= 0) via[0] += " > " + scenario_.director_pools(a.remote_director).fqdn();
  via[1] = edge_name(a.federation_edge);
  via[2] = edge_name(first_serving_edge());
  via[3] = edge_name(a.xmpp_edge);
  via[4] = content_via();
  for (int p = 0; p < scenario_.pools_size() && !a.media_edge.empty(); ++p) {
    // The Edge pools the meetings' pools are associated with, each once, in pool order.
    const int q = meeting_pool(p);
    const int edge = q >= 0 ? a.media_edge[static_cast<size_t>(q)] : -1;
    const std::string name = edge_name(edge);
    if (name.empty() || (", " + via[5] + ", ").find(", " + name + ", ") != std::string::npos)
      continue;
    via[5].append(via[5].empty() ? "" : ", ").append(name);
  }
  const size_t media = static_cast<size_t>(Modality::kRemoteMedia);
  const size_t content = static_cast<size_t>(Modality::kConferencingContent);
  for (size_t i = 0; i < kModalityCount; ++i) {
    // Without Edge pools remote access and federation are not modelled, without file stores
    // meeting content is not: no records for them (the reports say so in words).
    if (i == content ? topology_.file_stores().empty() : topology_.edges().empty()) continue;
    if (a.level[i] == AccessLevel::kNotDeployed) via[i].clear();
    const bool users_changed = (i == 0 && a.remote_signed_in != a.logged_remote_signed_in) ||
                               (i == content && content_.with_content != a.logged_content_users) ||
                               (i == media && a.media_users_ok != a.logged_media_users);
    if (a.logged_once && via[i] == a.via[i] && a.level[i] == a.logged_level[i] && !users_changed)
      continue;
    auto r = log_->append(now, "access.modality", modality_name(static_cast<Modality>(i)))
                 .s("state", access_level_name(a.level[i]))
                 .s("via", via[i]);
    if (i == 0) r.i("users", a.remote_signed_in).i("of_users", a.remote_users);
    if (i == media && a.level[i] != AccessLevel::kNotDeployed)
      r.i("users", a.media_users_ok).i("of_users", a.remote_users);
    if (i == content && a.level[i] != AccessLevel::kNotDeployed)
      r.i("users", content_.with_content)
          .i("of_users", content_.users)
          .i("without_powerpoint", content_.no_powerpoint);
    a.via[i] = via[i];
    a.logged_level[i] = a.level[i];
  }
  a.logged_remote_signed_in = a.remote_signed_in;
  a.logged_content_users = content_.with_content;
  a.logged_media_users = a.media_users_ok;
  a.logged_once = true;
}

void Model::log_access_outcome(Instant t, const IncidentMetrics& m) {
  if (!m.has_access) return;
  const AccessOutcome& o = m.access;
  const size_t content = static_cast<size_t>(Modality::kConferencingContent);
  for (size_t i = 0; i < kModalityCount; ++i) {
    // Meeting content lost or at risk is told even when meetings kept their content (a DFS
    // partner took over at once).
    const bool data = i == content && (o.content_lost_writes > 0 || o.content_at_risk_writes > 0);
    if (!o.lost[i] && !data) continue;
    auto r = log_->append(t, "incident.access", modality_name(static_cast<Modality>(i)))
                 .i("incident", m.id)
                 .secs("impaired_s", o.impaired[i]);
    if (i == 0) r.i("users_lost", o.remote_users_lost).d("user_s", o.remote_user_s);
    if (i == static_cast<size_t>(Modality::kRemoteMedia)) r.i("users_lost", o.media_users_lost);
    if (i == content) {
      r.i("users_lost", o.content_users_lost)
          .d("user_s", o.content_user_s)
          .d("lost_writes", o.content_lost_writes)
          .d("at_risk_writes", o.content_at_risk_writes);
      if (!o.lost[i]) r.i("service_kept", 1);
    }
    if (o.lost[i] && o.restored[i] != Instant::never()) r.secs("rto_s", o.restored[i] - m.start);
  }
}

}  // namespace drsim
