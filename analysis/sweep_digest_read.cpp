// Reading a sweep's JSON back into a SweepDigest; see sweep_digest.h.
//
// Protobuf's JSON parser (into google.protobuf.Value) does the parsing; this file walks the
// tree it gives, one key at a time, and keeps the path it walked so that a missing or
// mistyped key is reported at its line and column (io/json_locate.h finds them: protobuf
// reports no positions).
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "analysis/sweep_digest.h"
#include "io/errors.h"
#include "io/json_locate.h"

namespace drsim {

namespace {

namespace pb = google::protobuf;

// Integers above 2^53 do not survive protobuf's doubles: they are read again from the text.
constexpr double kExactIntegerMax = 9007199254740992.0;
// The largest magnitude of a measured value (seconds, fractions, rates, event counts) or a
// target: a sweep writes at most about 3e9 (100 years in seconds, an event budget), and
// readers turn seconds into int64 microseconds, which a value above 9e12 would overflow.
// Counts (replications, seeds) are whole numbers read exactly, up to 2^64.
constexpr double kMaxValue = 1e12;

const char* kind_name(const pb::Value& v) {
  switch (v.kind_case()) {
    case pb::Value::kNullValue:
      return "null";
    case pb::Value::kNumberValue:
      return "a number";
    case pb::Value::kStringValue:
      return "a string";
    case pb::Value::kBoolValue:
      return "true or false";
    case pb::Value::kStructValue:
      return "an object";
    case pb::Value::kListValue:
      return "an array";
    default:
      return "nothing";
  }
}

// A walk through the document that knows where it is. Each accessor takes the key or index
// of a child of the current value; the path grows and shrinks with Scope.
class Walker {
 public:
  Walker(const std::string& text, const std::string& path) : text_(text), path_(path) {}

  [[noreturn]] void fail(const std::string& message) const {
    const TextPosition p = json_locate(text_, steps_);
    throw InputError({{path_, p.line, p.column, false, field_name(), message}});
  }

  // The member `key` of `object`, which is the value at the current path.
  const pb::Value& member(const pb::Struct& object, const std::string& key) const {
    const auto it = object.fields().find(key);
    if (it == object.fields().end()) fail("missing key \"" + key + "\"");
    return it->second;
  }

  const pb::Struct& as_object(const pb::Value& v) const {
    if (v.kind_case() != pb::Value::kStructValue)
      fail(std::string("expected an object, got ") + kind_name(v));
    return v.struct_value();
  }
  const pb::ListValue& as_array(const pb::Value& v) const {
    if (v.kind_case() != pb::Value::kListValue)
      fail(std::string("expected an array, got ") + kind_name(v));
    return v.list_value();
  }
  double any_number(const pb::Value& v) const {
    if (v.kind_case() != pb::Value::kNumberValue)
      fail(std::string("expected a number, got ") + kind_name(v));
    return v.number_value();
  }
  double as_number(const pb::Value& v) const {
    const double d = any_number(v);
    if (!(std::fabs(d) <= kMaxValue))
      fail("expected a number between -1e12 and 1e12, got " + json_text(d));
    return d;
  }
  // The writer writes an infinite half-width (below two values) as null.
  std::optional<double> as_optional_number(const pb::Value& v) const {
    if (v.kind_case() == pb::Value::kNullValue) return std::nullopt;
    return as_number(v);
  }
  uint64_t as_count(const pb::Value& v) const {
    const double d = any_number(v);
    if (!(d >= 0) || d != std::floor(d) || d > 18446744073709551615.0)
      fail("expected a whole number of 0 or more, got " + json_text(d));
    if (d < kExactIntegerMax) return static_cast<uint64_t>(d);
    return exact_integer();
  }
  int64_t as_integer(const pb::Value& v) const {
    const double d = as_number(v);
    if (d != std::floor(d))
      fail("expected a whole number between -1e12 and 1e12, got " + json_text(d));
    return static_cast<int64_t>(d);
  }
  std::optional<uint64_t> as_optional_count(const pb::Value& v) const {
    if (v.kind_case() == pb::Value::kNullValue) return std::nullopt;
    return as_count(v);
  }
  const std::string& as_string(const pb::Value& v) const {
    if (v.kind_case() != pb::Value::kStringValue)
      fail(std::string("expected a string, got ") + kind_name(v));
    return v.string_value();
  }
  bool as_bool(const pb::Value& v) const {
    if (v.kind_case() != pb::Value::kBoolValue)
      fail(std::string("expected true or false, got ") + kind_name(v));
    return v.bool_value();
  }

  // Enters a member; set_index() then picks an element of the array it holds.
  void push(const std::string& key) { steps_.push_back({key, key, -1}); }
  void set_index(int index) { steps_.back().index = index; }
  void pop() { steps_.pop_back(); }

 private:
  std::string field_name() const {
    std::string out;
    for (const JsonStep& s : steps_) {
      if (!out.empty()) out += ".";
      out += s.name;
      if (s.index >= 0) out += "[" + std::to_string(s.index) + "]";
    }
    return out;
  }

  static std::string json_text(double d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
  }

  // The whole number at the current path, from the text itself.
  uint64_t exact_integer() const {
    const TextPosition p = json_locate(text_, steps_);
    size_t offset = 0;
    for (int line = 1; line < p.line; ++line) offset = text_.find('\n', offset) + 1;
    offset += static_cast<size_t>(p.column - 1);
    const char* begin = text_.c_str() + offset;
    char* end = nullptr;
    errno = 0;
    const unsigned long long n = std::strtoull(begin, &end, 10);
    if (end == begin || errno != 0 || *end == '.' || *end == 'e' || *end == 'E')
      fail("expected a whole number below 2^64");
    return static_cast<uint64_t>(n);
  }

  const std::string& text_;
  const std::string& path_;
  std::vector<JsonStep> steps_;
};

// Enters a member for the lifetime of the scope.
class Scope {
 public:
  Scope(Walker& w, const std::string& key) : w_(w) { w_.push(key); }
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;
  ~Scope() { w_.pop(); }

 private:
  Walker& w_;
};

// The member `key` of `object`, typed by `read`, with the path pointing at it meanwhile.
template <typename Read>
decltype(auto) field(Walker& w, const pb::Struct& object, const std::string& key, Read read) {
  const pb::Value& v = w.member(object, key);
  Scope scope(w, key);
  return read(v);
}

// Each element of the array `key` of `object`, with the path at element i meanwhile.
template <typename Each>
void elements(Walker& w, const pb::Struct& object, const std::string& key, Each each) {
  const pb::Value& v = w.member(object, key);
  Scope scope(w, key);
  const pb::ListValue& list = w.as_array(v);
  for (int i = 0; i < list.values_size(); ++i) {
    w.set_index(i);
    each(list.values(i));
  }
  w.set_index(-1);
}

std::vector<HistogramBucket> read_histogram(Walker& w, const pb::Struct& o) {
  std::vector<HistogramBucket> out;
  elements(w, o, "histogram", [&](const pb::Value& v) {
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

DistributionDigest read_distribution(Walker& w, const pb::Value& v) {
  const pb::Struct& o = w.as_object(v);
  DistributionDigest d;
  d.n = field(w, o, "n", [&](const pb::Value& x) { return w.as_count(x); });
  auto number = [&](const char* key) {
    return field(w, o, key, [&](const pb::Value& x) { return w.as_number(x); });
  };
  d.mean = number("mean");
  d.ci95_halfwidth =
      field(w, o, "ci95_halfwidth", [&](const pb::Value& x) { return w.as_optional_number(x); });
  d.p50 = number("p50");
  d.p95 = number("p95");
  d.p99 = number("p99");
  d.max = number("max");
  d.max_replication =
      field(w, o, "max_replication", [&](const pb::Value& x) { return w.as_optional_count(x); });
  if (o.fields().count("histogram") > 0) d.histogram = read_histogram(w, o);
  return d;
}

// An object of distributions by name, in the document's order (protobuf's Struct is a map,
// so the order comes from the names the writer uses, then any others sorted).
std::vector<std::pair<std::string, DistributionDigest>> read_named(
    Walker& w, const pb::Struct& o, const std::string& key, const std::vector<std::string>& order) {
  std::vector<std::pair<std::string, DistributionDigest>> out;
  const pb::Struct& named =
      field(w, o, key, [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
  Scope scope(w, key);
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
        n, field(w, named, n, [&](const pb::Value& v) { return read_distribution(w, v); }));
  return out;
}

// A share of incidents with its Wilson interval: `incidents`, `hit_key` of them, `fraction`,
// `ci95_low`, `ci95_high`; `rule` is what more hits than incidents breaks.
ProportionDigest read_share(Walker& w, const pb::Struct& o, const char* hit_key, const char* rule) {
  ProportionDigest p;
  p.incidents = field(w, o, "incidents", [&](const pb::Value& x) { return w.as_count(x); });
  p.met = field(w, o, hit_key, [&](const pb::Value& x) { return w.as_count(x); });
  if (p.met > p.incidents) {
    Scope inner(w, hit_key);
    w.fail(rule);
  }
  auto number = [&](const char* key) {
    return field(w, o, key, [&](const pb::Value& x) { return w.as_number(x); });
  };
  p.fraction = number("fraction");
  p.ci95_low = number("ci95_low");
  p.ci95_high = number("ci95_high");
  return p;
}

ProportionDigest read_proportion(Walker& w, const pb::Value& v) {
  return read_share(w, w.as_object(v), "met", "more incidents met the target than there were");
}

}  // namespace

SweepDigest read_sweep_json(const std::string& text, const std::string& path) {
  if (auto err = json_syntax_error(text)) {
    throw InputError(
        {{path, err->first.line, err->first.column, false, "", "malformed JSON: " + err->second}});
  }
  pb::Value root;
  const auto status = pb::util::JsonStringToMessage(text, &root);
  if (!status.ok())
    throw InputError(
        {{path, 1, 1, false, "", "cannot read the JSON: " + std::string(status.message())}});
  Walker w(text, path);
  if (root.kind_case() != pb::Value::kStructValue)
    w.fail(std::string("expected an object (a sweep's results), got ") + kind_name(root));
  const pb::Struct& o = root.struct_value();

  SweepDigest d;
  auto count = [&](const pb::Struct& obj, const char* key) {
    return field(w, obj, key, [&](const pb::Value& v) { return w.as_count(v); });
  };
  auto number = [&](const pb::Struct& obj, const char* key) {
    return field(w, obj, key, [&](const pb::Value& v) { return w.as_number(v); });
  };
  auto string = [&](const char* key) {
    return field(w, o, key, [&](const pb::Value& v) { return w.as_string(v); });
  };
  auto distribution = [&](const pb::Struct& obj, const char* key) {
    return field(w, obj, key, [&](const pb::Value& v) { return read_distribution(w, v); });
  };
  auto share = [&](const pb::Struct& obj, const char* hit_key, const char* rule) {
    return read_share(w, obj, hit_key, rule);
  };
  d.seed = count(o, "seed");
  d.scenario_sha256 = string("scenario_sha256");
  d.version = string("version");
  d.commit = string("commit");
  d.scenario = string("scenario");
  elements(w, o, "overrides", [&](const pb::Value& v) { d.overrides.push_back(w.as_string(v)); });
  d.replications = count(o, "replications");
  d.first_replication = count(o, "first_replication");
  d.interrupted = field(w, o, "interrupted", [&](const pb::Value& v) { return w.as_bool(v); });
  d.horizon_s = number(o, "horizon_s");
  d.measured_years = number(o, "measured_years");
  d.rpo_s = read_named(w, o, "rpo_s", category_names());
  {
    const pb::Struct& nb =
        field(w, o, "no_backup_incidents",
              [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    Scope scope(w, "no_backup_incidents");
    for (const std::string& c : category_names())
      if (nb.fields().count(c) > 0) d.no_backup_incidents.emplace_back(c, count(nb, c.c_str()));
  }
  d.stranded_unreachable_s = read_named(w, o, "stranded_unreachable_s", category_names());
  d.stranded_counts_as_lost =
      field(w, o, "stranded_counts_as_lost", [&](const pb::Value& v) { return w.as_bool(v); });
  d.rto_s = read_named(w, o, "rto_s",
                       std::vector<std::string>(std::begin(kRtoStages), std::end(kRtoStages)));
  d.rto_total_s_by_disruption =
      read_named(w, o, "rto_total_s_by_disruption",
                 std::vector<std::string>(std::begin(kDisruptions), std::end(kDisruptions)));
  {
    const pb::Struct& a = field(w, o, "availability", [&](const pb::Value& v) -> const pb::Struct& {
      return w.as_object(v);
    });
    Scope scope(w, "availability");
    d.user_availability = distribution(a, "user_weighted");
    elements(w, a, "pools", [&](const pb::Value& v) {
      const pb::Struct& pool = w.as_object(v);
      std::string fqdn = field(w, pool, "fqdn", [&](const pb::Value& x) { return w.as_string(x); });
      d.pool_availability.emplace_back(std::move(fqdn), distribution(pool, "availability"));
    });
  }
  d.downtime_s_per_year = distribution(o, "downtime_s_per_year");
  d.incidents_per_year = distribution(o, "incidents_per_year");
  {
    const pb::Struct& pstn = field(
        w, o, "pstn", [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    Scope scope(w, "pstn");
    d.pstn_modelled = field(w, pstn, "modelled", [&](const pb::Value& v) { return w.as_bool(v); });
    if (d.pstn_modelled) {
      d.pstn_impact =
          share(pstn, "incidents_with_impact", "more incidents with PSTN impact than incidents");
      d.pstn_rto_s = distribution(pstn, "rto_s");
      d.pstn_unrestored_incidents = count(pstn, "not_restored_incidents");
      d.pstn_minutes_lost_per_year = distribution(pstn, "minutes_lost_per_year");
    }
  }
  {
    const pb::Struct& access = field(
        w, o, "access", [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    Scope scope(w, "access");
    d.access_modelled =
        field(w, access, "modelled", [&](const pb::Value& v) { return w.as_bool(v); });
    if (d.access_modelled) {
      // Every modality, in Modality order, as the sweep wrote them.
      elements(w, access, "modalities", [&](const pb::Value& v) {
        const pb::Struct& m = w.as_object(v);
        AccessModalityDigest a;
        a.modality = field(w, m, "modality", [&](const pb::Value& x) { return w.as_string(x); });
        if (d.access.size() >= static_cast<size_t>(kModalityCount) ||
            a.modality != modality_name(static_cast<Modality>(d.access.size()))) {
          Scope inner(w, "modality");
          w.fail(
              "expected the modalities remote_sign_in, federation_out, federation_in, xmpp, "
              "conferencing_content, remote_media in that order, got \"" +
              a.modality + "\"");
        }
        a.deployed = field(w, m, "deployed", [&](const pb::Value& x) { return w.as_bool(x); });
        if (a.deployed) {
          a.impact = share(m, "incidents_impaired", "more incidents impaired than incidents");
          a.rto_s = distribution(m, "rto_s");
          a.unrestored_incidents = count(m, "not_restored_incidents");
        }
        d.access.push_back(std::move(a));
      });
      if (d.access.size() != static_cast<size_t>(kModalityCount)) {
        Scope inner(w, "modalities");
        w.fail("expected " + std::to_string(kModalityCount) + " modalities, got " +
               std::to_string(d.access.size()));
      }
      if (d.access[static_cast<size_t>(Modality::kRemoteSignIn)].deployed)
        d.remote_user_hours_lost_per_year = distribution(access, "remote_user_hours_lost_per_year");
    }
  }
  {
    const pb::Struct& chat =
        field(w, o, "persistent_chat",
              [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    Scope scope(w, "persistent_chat");
    d.pchat_modelled = field(w, chat, "modelled", [&](const pb::Value& v) { return w.as_bool(v); });
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
  elements(w, o, "policy", [&](const pb::Value& v) {
    const pb::Struct& t = w.as_object(v);
    PolicyDigest p;
    p.disruption = field(w, t, "disruption", [&](const pb::Value& x) { return w.as_string(x); });
    if (disruption_index(p.disruption) < 0) {
      Scope scope(w, "disruption");
      w.fail("unknown disruption \"" + p.disruption + "\"");
    }
    auto target = [&](const char* target_key, const char* met_key, std::optional<int64_t>* out,
                      ProportionDigest* met) {
      if (t.fields().count(target_key) == 0) return;
      *out = field(w, t, target_key, [&](const pb::Value& x) { return w.as_integer(x); });
      *met = field(w, t, met_key, [&](const pb::Value& x) { return read_proportion(w, x); });
    };
    target("rto_target_s", "rto_met", &p.rto_target_s, &p.rto_met);
    target("rpo_target_s", "rpo_met", &p.rpo_target_s, &p.rpo_met);
    d.policy.push_back(std::move(p));
  });
  // Written since the modality targets were added: a sweep's JSON from before has none.
  if (o.fields().count("modality_targets") > 0)
    elements(w, o, "modality_targets", [&](const pb::Value& v) {
      const pb::Struct& t = w.as_object(v);
      ModalityTargetDigest m;
      m.modality = field(w, t, "modality", [&](const pb::Value& x) { return w.as_string(x); });
      if (m.modality != "pstn" && m.modality != "remote_sign_in") {
        Scope scope(w, "modality");
        w.fail("expected the modality \"pstn\" or \"remote_sign_in\", got \"" + m.modality + "\"");
      }
      m.rto_target_s =
          field(w, t, "rto_target_s", [&](const pb::Value& x) { return w.as_integer(x); });
      m.rto_met = field(w, t, "rto_met", [&](const pb::Value& x) { return read_proportion(w, x); });
      d.modality_targets.push_back(std::move(m));
    });
  {
    const pb::Struct& t =
        field(w, o, "targets_by_pool",
              [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    Scope scope(w, "targets_by_pool");
    d.required_met_share = number(t, "required_met_share");
    if (!(d.required_met_share >= 0 && d.required_met_share <= 1)) {
      Scope inner(w, "required_met_share");
      w.fail("a required share lies in [0, 1]");
    }
    d.availability_target = field(w, t, "availability_target",
                                  [&](const pb::Value& v) { return w.as_optional_number(v); });
    if (d.availability_target && !(*d.availability_target > 0 && *d.availability_target <= 1)) {
      Scope inner(w, "availability_target");
      w.fail("an availability target lies in (0, 1]");
    }
    elements(w, t, "pools", [&](const pb::Value& v) {
      const pb::Struct& p = w.as_object(v);
      PoolTargetDigest pt;
      pt.fqdn = field(w, p, "fqdn", [&](const pb::Value& x) { return w.as_string(x); });
      const size_t i = d.pool_targets.size();
      if (i >= d.pool_availability.size() || d.pool_availability[i].first != pt.fqdn) {
        Scope inner(w, "fqdn");
        w.fail("expected the pools of availability.pools in the same order, got \"" + pt.fqdn +
               "\"");
      }
      pt.rto_met = field(w, p, "rto", [&](const pb::Value& x) { return read_proportion(w, x); });
      const pb::Struct& rpo = field(
          w, p, "rpo", [&](const pb::Value& x) -> const pb::Struct& { return w.as_object(x); });
      pt.rpo_met = field(w, p, "rpo", [&](const pb::Value& x) { return read_proportion(w, x); });
      {
        Scope inner(w, "rpo");
        pt.rpo_stranded_incidents = count(rpo, "stranded_incidents");
      }
      d.pool_targets.push_back(std::move(pt));
    });
    if (d.pool_targets.size() != d.pool_availability.size()) {
      Scope inner(w, "pools");
      w.fail("expected one entry per pool of availability.pools");
    }
  }
  {
    const pb::Struct& c =
        field(w, o, "downtime_cost",
              [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    Scope scope(w, "downtime_cost");
    d.user_hours_lost_per_year = distribution(c, "user_hours_lost_per_year");
    if (d.pstn_modelled) {
      d.pstn_outbound_user_hours_per_year = distribution(c, "pstn_outbound_user_hours_per_year");
      d.pstn_inbound_user_hours_per_year = distribution(c, "pstn_inbound_user_hours_per_year");
    }
    d.branches_modelled =
        field(w, c, "branches_modelled", [&](const pb::Value& v) { return w.as_bool(v); });
    if (d.branches_modelled)
      d.branch_user_hours_lost_per_year = distribution(c, "branch_user_hours_lost_per_year");
    d.cost_per_user_hour = field(w, c, "cost_per_user_hour",
                                 [&](const pb::Value& v) { return w.as_optional_number(v); });
    if (d.cost_per_user_hour && *d.cost_per_user_hour < 0) {
      Scope inner(w, "cost_per_user_hour");
      w.fail("a cost per user-hour is never negative");
    }
    d.currency = field(w, c, "currency", [&](const pb::Value& v) { return w.as_string(v); });
  }
  elements(w, o, "analytic", [&](const pb::Value& v) {
    const pb::Struct& c = w.as_object(v);
    AnalyticDigest a;
    a.what = field(w, c, "what", [&](const pb::Value& x) { return w.as_string(x); });
    auto num = [&](const char* key) {
      return field(w, c, key, [&](const pb::Value& x) { return w.as_number(x); });
    };
    a.analytic = num("analytic");
    a.monte_carlo_mean = num("monte_carlo_mean");
    a.monte_carlo_ci95_halfwidth = num("monte_carlo_ci95_halfwidth");
    a.inside_interval =
        field(w, c, "inside_interval", [&](const pb::Value& x) { return w.as_bool(x); });
    d.analytic.push_back(std::move(a));
  });
  {
    const pb::Struct& worst =
        field(w, o, "worst_replications",
              [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    Scope scope(w, "worst_replications");
    for (const char* key : {"downtime_s_per_year", "rto_total_s", "rpo_user_data_s"}) {
      std::vector<WorstReplication> list;
      elements(w, worst, key, [&](const pb::Value& v) {
        const pb::Struct& e = w.as_object(v);
        WorstReplication r;
        r.replication = count(e, "replication");
        r.value = number(e, "value");
        if (!list.empty() && r.value > list.back().value) {
          Scope value_scope(w, "value");
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
