// Reading a sweep's JSON back into a SweepDigest; see sweep_digest.h.
//
// The walk through the parsed document (analysis/json_walk.h) reads one key at a time and
// reports a missing or mistyped key at its line and column.
#include <algorithm>

#include "analysis/json_walk.h"
#include "analysis/sweep_digest.h"

namespace drsim {

namespace {

namespace pb = google::protobuf;

std::vector<HistogramBucket> read_histogram(JsonWalker& w, const pb::Struct& o) {
  std::vector<HistogramBucket> out;
  json_elements(w, o, "histogram", [&](const pb::Value& v) {
    const pb::ListValue& b = w.as_array(v);
    if (b.values_size() != 3)
      w.fail("expected [low_s, high_s, count], got " + std::to_string(b.values_size()) + " values");
    HistogramBucket bucket{w.as_number(b.values(0)), w.as_number(b.values(1)),
                           w.as_count(b.values(2))};
    // The writer's buckets lie above zero; zero values have the bucket [0, 0, count] of their own.
    if (!(bucket.low > 0) && !(bucket.low == 0 && bucket.high == 0))
      w.fail("a bucket starts above 0 s, or is [0, 0, count] for the zero values");
    // Adjacent edges are computed separately and may differ in the last bit.
    if (bucket.high < bucket.low || (!out.empty() && bucket.low < out.back().high * (1 - 1e-9)))
      w.fail("buckets must be ascending and not overlap");
    out.push_back(bucket);
  });
  return out;
}

DistributionDigest read_distribution(JsonWalker& w, const pb::Value& v) {
  const pb::Struct& o = w.as_object(v);
  DistributionDigest d;
  d.n = json_field(w, o, "n", [&](const pb::Value& x) { return w.as_count(x); });
  auto number = [&](const char* key) {
    return json_field(w, o, key, [&](const pb::Value& x) { return w.as_number(x); });
  };
  d.mean = number("mean");
  d.ci95_halfwidth = json_field(w, o, "ci95_halfwidth",
                                [&](const pb::Value& x) { return w.as_optional_number(x); });
  d.p50 = number("p50");
  d.p95 = number("p95");
  d.p99 = number("p99");
  d.max = number("max");
  d.max_replication = json_field(w, o, "max_replication",
                                 [&](const pb::Value& x) { return w.as_optional_count(x); });
  if (o.fields().count("histogram") > 0) d.histogram = read_histogram(w, o);
  return d;
}

// An object of distributions by name, in the document's order (protobuf's Struct is a map,
// so the order comes from the names the writer uses, then any others sorted).
std::vector<std::pair<std::string, DistributionDigest>> read_named(
    JsonWalker& w, const pb::Struct& o, const std::string& key,
    const std::vector<std::string>& order) {
  std::vector<std::pair<std::string, DistributionDigest>> out;
  const pb::Struct& named = json_field(
      w, o, key, [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
  JsonScope scope(w, key);
  std::vector<std::string> names;
  for (const std::string& n : order)
    if (named.fields().count(n) > 0) names.push_back(n);
  std::vector<std::string> others;
  for (const auto& [n, value] : named.fields())
    if (std::find(order.begin(), order.end(), n) == order.end()) others.push_back(n);
  std::sort(others.begin(), others.end());
  names.insert(names.end(), others.begin(), others.end());
  for (const std::string& n : names)
    out.emplace_back(
        n, json_field(w, named, n, [&](const pb::Value& v) { return read_distribution(w, v); }));
  return out;
}

// A share of incidents with its Wilson interval: `incidents`, `hit_key` of them, `fraction`,
// `ci95_low`, `ci95_high`; `rule` is what more hits than incidents breaks.
ProportionDigest read_share(JsonWalker& w, const pb::Struct& o, const char* hit_key,
                            const char* rule) {
  ProportionDigest p;
  p.incidents = json_field(w, o, "incidents", [&](const pb::Value& x) { return w.as_count(x); });
  p.met = json_field(w, o, hit_key, [&](const pb::Value& x) { return w.as_count(x); });
  if (p.met > p.incidents) {
    JsonScope inner(w, hit_key);
    w.fail(rule);
  }
  auto number = [&](const char* key) {
    return json_field(w, o, key, [&](const pb::Value& x) { return w.as_number(x); });
  };
  p.fraction = number("fraction");
  p.ci95_low = number("ci95_low");
  p.ci95_high = number("ci95_high");
  return p;
}

ProportionDigest read_proportion(JsonWalker& w, const pb::Value& v) {
  return read_share(w, w.as_object(v), "met", "more incidents met the target than there were");
}

}  // namespace

SweepDigest read_sweep_json(const std::string& text, const std::string& path) {
  const pb::Value root = parse_json_document(text, path);
  JsonWalker w(text, path);
  if (root.kind_case() != pb::Value::kStructValue)
    w.fail(std::string("expected an object (a sweep's results), got ") + json_kind_name(root));
  const pb::Struct& o = root.struct_value();

  SweepDigest d;
  auto count = [&](const pb::Struct& obj, const char* key) {
    return json_field(w, obj, key, [&](const pb::Value& v) { return w.as_count(v); });
  };
  auto number = [&](const pb::Struct& obj, const char* key) {
    return json_field(w, obj, key, [&](const pb::Value& v) { return w.as_number(v); });
  };
  auto string = [&](const char* key) {
    return json_field(w, o, key, [&](const pb::Value& v) { return w.as_string(v); });
  };
  auto distribution = [&](const pb::Struct& obj, const char* key) {
    return json_field(w, obj, key, [&](const pb::Value& v) { return read_distribution(w, v); });
  };
  auto share = [&](const pb::Struct& obj, const char* hit_key, const char* rule) {
    return read_share(w, obj, hit_key, rule);
  };
  d.seed = count(o, "seed");
  d.scenario_sha256 = string("scenario_sha256");
  d.version = string("version");
  d.commit = string("commit");
  d.scenario = string("scenario");
  json_elements(w, o, "overrides",
                [&](const pb::Value& v) { d.overrides.push_back(w.as_string(v)); });
  d.replications = count(o, "replications");
  d.first_replication = count(o, "first_replication");
  d.interrupted = json_field(w, o, "interrupted", [&](const pb::Value& v) { return w.as_bool(v); });
  d.horizon_s = number(o, "horizon_s");
  d.measured_years = number(o, "measured_years");
  d.rpo_s = read_named(w, o, "rpo_s", category_names());
  {
    const pb::Struct& nb =
        json_field(w, o, "no_backup_incidents",
                   [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    JsonScope scope(w, "no_backup_incidents");
    for (const std::string& c : category_names())
      if (nb.fields().count(c) > 0) d.no_backup_incidents.emplace_back(c, count(nb, c.c_str()));
  }
  d.stranded_unreachable_s = read_named(w, o, "stranded_unreachable_s", category_names());
  d.stranded_counts_as_lost =
      json_field(w, o, "stranded_counts_as_lost", [&](const pb::Value& v) { return w.as_bool(v); });
  d.rto_s = read_named(w, o, "rto_s",
                       std::vector<std::string>(std::begin(kRtoStages), std::end(kRtoStages)));
  d.rto_total_s_by_disruption =
      read_named(w, o, "rto_total_s_by_disruption",
                 std::vector<std::string>(std::begin(kDisruptions), std::end(kDisruptions)));
  {
    const pb::Struct& a =
        json_field(w, o, "availability",
                   [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    JsonScope scope(w, "availability");
    d.user_availability = distribution(a, "user_weighted");
    json_elements(w, a, "pools", [&](const pb::Value& v) {
      const pb::Struct& pool = w.as_object(v);
      std::string fqdn =
          json_field(w, pool, "fqdn", [&](const pb::Value& x) { return w.as_string(x); });
      d.pool_availability.emplace_back(std::move(fqdn), distribution(pool, "availability"));
    });
  }
  d.downtime_s_per_year = distribution(o, "downtime_s_per_year");
  d.incidents_per_year = distribution(o, "incidents_per_year");
  {
    const pb::Struct& pstn = json_field(
        w, o, "pstn", [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    JsonScope scope(w, "pstn");
    d.pstn_modelled =
        json_field(w, pstn, "modelled", [&](const pb::Value& v) { return w.as_bool(v); });
    if (d.pstn_modelled) {
      d.pstn_impact =
          share(pstn, "incidents_with_impact", "more incidents with PSTN impact than incidents");
      d.pstn_rto_s = distribution(pstn, "rto_s");
      d.pstn_unrestored_incidents = count(pstn, "not_restored_incidents");
      d.pstn_minutes_lost_per_year = distribution(pstn, "minutes_lost_per_year");
    }
  }
  {
    const pb::Struct& access = json_field(
        w, o, "access", [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    JsonScope scope(w, "access");
    d.access_modelled =
        json_field(w, access, "modelled", [&](const pb::Value& v) { return w.as_bool(v); });
    if (d.access_modelled) {
      // Every modality, in Modality order, as the sweep wrote them.
      json_elements(w, access, "modalities", [&](const pb::Value& v) {
        const pb::Struct& m = w.as_object(v);
        AccessModalityDigest a;
        a.modality =
            json_field(w, m, "modality", [&](const pb::Value& x) { return w.as_string(x); });
        if (d.access.size() >= static_cast<size_t>(kModalityCount) ||
            a.modality != modality_name(static_cast<Modality>(d.access.size()))) {
          JsonScope inner(w, "modality");
          w.fail(
              "expected the modalities remote_sign_in, federation_out, federation_in, xmpp, "
              "conferencing_content, remote_media in that order, got \"" +
              a.modality + "\"");
        }
        a.deployed = json_field(w, m, "deployed", [&](const pb::Value& x) { return w.as_bool(x); });
        if (a.deployed) {
          a.impact = share(m, "incidents_impaired", "more incidents impaired than incidents");
          a.rto_s = distribution(m, "rto_s");
          a.unrestored_incidents = count(m, "not_restored_incidents");
        }
        d.access.push_back(std::move(a));
      });
      if (d.access.size() != static_cast<size_t>(kModalityCount)) {
        JsonScope inner(w, "modalities");
        w.fail("expected " + std::to_string(kModalityCount) + " modalities, got " +
               std::to_string(d.access.size()));
      }
      if (d.access[static_cast<size_t>(Modality::kRemoteSignIn)].deployed)
        d.remote_user_hours_lost_per_year = distribution(access, "remote_user_hours_lost_per_year");
    }
  }
  {
    const pb::Struct& chat =
        json_field(w, o, "persistent_chat",
                   [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    JsonScope scope(w, "persistent_chat");
    d.pchat_modelled =
        json_field(w, chat, "modelled", [&](const pb::Value& v) { return w.as_bool(v); });
    if (d.pchat_modelled) {
      d.pchat_impact =
          share(chat, "incidents_with_impact", "more incidents losing chat than incidents");
      d.pchat_restore_s = distribution(chat, "restore_s");
      d.pchat_unrestored_incidents = count(chat, "not_restored_incidents");
      d.pchat_messages_lost = distribution(chat, "messages_lost");
      d.pchat_user_hours_lost_per_year = distribution(chat, "user_hours_lost_per_year");
      d.pchat_availability = distribution(chat, "availability");
    }
  }
  json_elements(w, o, "policy", [&](const pb::Value& v) {
    const pb::Struct& t = w.as_object(v);
    PolicyDigest p;
    p.disruption =
        json_field(w, t, "disruption", [&](const pb::Value& x) { return w.as_string(x); });
    if (disruption_index(p.disruption) < 0) {
      JsonScope scope(w, "disruption");
      w.fail("unknown disruption \"" + p.disruption + "\"");
    }
    auto target = [&](const char* target_key, const char* met_key, std::optional<int64_t>* out,
                      ProportionDigest* met) {
      if (t.fields().count(target_key) == 0) return;
      *out = json_field(w, t, target_key, [&](const pb::Value& x) { return w.as_integer(x); });
      *met = json_field(w, t, met_key, [&](const pb::Value& x) { return read_proportion(w, x); });
    };
    target("rto_target_s", "rto_met", &p.rto_target_s, &p.rto_met);
    target("rpo_target_s", "rpo_met", &p.rpo_target_s, &p.rpo_met);
    d.policy.push_back(std::move(p));
  });
  // Written since the modality targets were added: a sweep's JSON from before has none.
  if (o.fields().count("modality_targets") > 0)
    json_elements(w, o, "modality_targets", [&](const pb::Value& v) {
      const pb::Struct& t = w.as_object(v);
      ModalityTargetDigest m;
      m.modality = json_field(w, t, "modality", [&](const pb::Value& x) { return w.as_string(x); });
      if (m.modality != "pstn" && m.modality != "remote_sign_in") {
        JsonScope scope(w, "modality");
        w.fail("expected the modality \"pstn\" or \"remote_sign_in\", got \"" + m.modality + "\"");
      }
      m.rto_target_s =
          json_field(w, t, "rto_target_s", [&](const pb::Value& x) { return w.as_integer(x); });
      m.rto_met =
          json_field(w, t, "rto_met", [&](const pb::Value& x) { return read_proportion(w, x); });
      d.modality_targets.push_back(std::move(m));
    });
  {
    const pb::Struct& t =
        json_field(w, o, "targets_by_pool",
                   [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    JsonScope scope(w, "targets_by_pool");
    d.required_met_share = number(t, "required_met_share");
    if (!(d.required_met_share >= 0 && d.required_met_share <= 1)) {
      JsonScope inner(w, "required_met_share");
      w.fail("a required share lies in [0, 1]");
    }
    d.availability_target = json_field(w, t, "availability_target",
                                       [&](const pb::Value& v) { return w.as_optional_number(v); });
    if (d.availability_target && !(*d.availability_target > 0 && *d.availability_target <= 1)) {
      JsonScope inner(w, "availability_target");
      w.fail("an availability target lies in (0, 1]");
    }
    json_elements(w, t, "pools", [&](const pb::Value& v) {
      const pb::Struct& p = w.as_object(v);
      PoolTargetDigest pt;
      pt.fqdn = json_field(w, p, "fqdn", [&](const pb::Value& x) { return w.as_string(x); });
      const size_t i = d.pool_targets.size();
      if (i >= d.pool_availability.size() || d.pool_availability[i].first != pt.fqdn) {
        JsonScope inner(w, "fqdn");
        w.fail("expected the pools of availability.pools in the same order, got \"" + pt.fqdn +
               "\"");
      }
      pt.rto_met =
          json_field(w, p, "rto", [&](const pb::Value& x) { return read_proportion(w, x); });
      const pb::Struct& rpo = json_field(
          w, p, "rpo", [&](const pb::Value& x) -> const pb::Struct& { return w.as_object(x); });
      pt.rpo_met =
          json_field(w, p, "rpo", [&](const pb::Value& x) { return read_proportion(w, x); });
      {
        JsonScope inner(w, "rpo");
        pt.rpo_stranded_incidents = count(rpo, "stranded_incidents");
      }
      d.pool_targets.push_back(std::move(pt));
    });
    if (d.pool_targets.size() != d.pool_availability.size()) {
      JsonScope inner(w, "pools");
      w.fail("expected one entry per pool of availability.pools");
    }
  }
  {
    const pb::Struct& c =
        json_field(w, o, "downtime_cost",
                   [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    JsonScope scope(w, "downtime_cost");
    d.user_hours_lost_per_year = distribution(c, "user_hours_lost_per_year");
    if (d.pstn_modelled) {
      d.pstn_outbound_user_hours_per_year = distribution(c, "pstn_outbound_user_hours_per_year");
      d.pstn_inbound_user_hours_per_year = distribution(c, "pstn_inbound_user_hours_per_year");
    }
    d.branches_modelled =
        json_field(w, c, "branches_modelled", [&](const pb::Value& v) { return w.as_bool(v); });
    if (d.branches_modelled)
      d.branch_user_hours_lost_per_year = distribution(c, "branch_user_hours_lost_per_year");
    d.cost_per_user_hour = json_field(w, c, "cost_per_user_hour",
                                      [&](const pb::Value& v) { return w.as_optional_number(v); });
    if (d.cost_per_user_hour && *d.cost_per_user_hour < 0) {
      JsonScope inner(w, "cost_per_user_hour");
      w.fail("a cost per user-hour is never negative");
    }
    d.currency = json_field(w, c, "currency", [&](const pb::Value& v) { return w.as_string(v); });
  }
  json_elements(w, o, "analytic", [&](const pb::Value& v) {
    const pb::Struct& c = w.as_object(v);
    AnalyticDigest a;
    a.what = json_field(w, c, "what", [&](const pb::Value& x) { return w.as_string(x); });
    auto num = [&](const char* key) {
      return json_field(w, c, key, [&](const pb::Value& x) { return w.as_number(x); });
    };
    a.analytic = num("analytic");
    a.monte_carlo_mean = num("monte_carlo_mean");
    a.monte_carlo_ci95_halfwidth = num("monte_carlo_ci95_halfwidth");
    a.inside_interval =
        json_field(w, c, "inside_interval", [&](const pb::Value& x) { return w.as_bool(x); });
    d.analytic.push_back(std::move(a));
  });
  {
    const pb::Struct& worst =
        json_field(w, o, "worst_replications",
                   [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    JsonScope scope(w, "worst_replications");
    for (const char* key : {"downtime_s_per_year", "rto_total_s", "rpo_user_data_s"}) {
      std::vector<WorstReplication> list;
      json_elements(w, worst, key, [&](const pb::Value& v) {
        const pb::Struct& e = w.as_object(v);
        WorstReplication r;
        r.replication = count(e, "replication");
        r.value = number(e, "value");
        if (!list.empty() && r.value > list.back().value) {
          JsonScope value_scope(w, "value");
          w.fail("the worst replications must come worst first");
        }
        list.push_back(r);
      });
      d.worst_replications.emplace_back(key, std::move(list));
    }
  }
  d.events_per_replication_mean = number(o, "events_per_replication_mean");
  return d;
}

}  // namespace drsim
