// Reading a rare-event JSON (`drsim sweep --rare ... --json`) back into a RareReport, for the
// visualiser's sweep view; see rare_report.h.
//
// The walk through the parsed document is the sweep reader's (analysis/json_walk.h): a missing
// or mistyped key is reported at its line and column with the rule broken.
#include <google/protobuf/util/json_util.h>

#include "analysis/json_walk.h"
#include "analysis/rare_report.h"

namespace drsim {

namespace {

namespace pb = google::protobuf;

// The JSON's estimate keys; their labels are rare_quantity_label's.
struct KnownQuantity {
  const char* key;
};
constexpr KnownQuantity kQuantities[] = {
    {"losses_per_year"},    {"downtime_s_per_year"}, {"unavailability"},
    {"p_loss_within_year"}, {"p_miss_given_loss"},   {"misses_per_year"},
};

// The rare JSON's own types over the shared walk: a server count, and a figure that may be
// unknown ({"known": false}).
int small_int(const JsonWalker& w, const pb::Value& v) {
  const uint64_t c = w.as_count(v);
  if (c > 1000) w.fail("expected a server count of at most 1000");
  return static_cast<int>(c);
}

RareFigure figure(JsonWalker& w, const pb::Value& v) {
  const pb::Struct& o = w.as_object(v);
  RareFigure f;
  f.is_known = json_field(w, o, "known", [&](const pb::Value& x) { return w.as_bool(x); });
  if (!f.is_known) return f;
  f.value = json_field(w, o, "value", [&](const pb::Value& x) { return w.as_number(x); });
  f.ci95 = json_field(w, o, "ci95_halfwidth", [&](const pb::Value& x) { return w.as_number(x); });
  if (f.value < 0 || f.ci95 < 0) w.fail("expected a figure and a half-width of 0 or more");
  return f;
}

// The object member `key` of `o`, with the path at it for the caller's reads (the caller pops).
const pb::Struct& enter_object(JsonWalker& w, const pb::Struct& o, const char* key) {
  const pb::Value& v = w.member(o, key);
  w.push(key);
  return w.as_object(v);
}

RarePoolEstimate read_pool(JsonWalker& w, const pb::Struct& p, const std::string& event) {
  RarePoolEstimate e;
  auto count = [&](const pb::Struct& o, const char* key) {
    return json_field(w, o, key, [&](const pb::Value& v) { return w.as_count(v); });
  };
  auto text = [&](const char* key) {
    return json_field(w, p, key, [&](const pb::Value& v) { return w.as_string(v); });
  };
  auto flag = [&](const char* key) {
    return json_field(w, p, key, [&](const pb::Value& v) { return w.as_bool(v); });
  };
  auto servers = [&](const char* key) {
    return json_field(w, p, key, [&](const pb::Value& v) { return small_int(w, v); });
  };
  e.pool = text("pool");
  e.servers = servers("servers");
  e.required = servers("required");
  e.seeds = servers("seeds");
  e.first_start = servers("first_start");
  // Written since the events beyond one pool's quorum; older files have none.
  if (p.fields().count("subject") > 0) e.subject = text("subject");
  e.failure_model = text("failure_model");
  e.replications = count(p, "replications");
  e.reached_precision = flag("reached_precision");
  e.samples = count(p, "samples");
  e.hits = count(p, "hits");
  e.is_degenerate = flag("degenerate");
  e.warning = text("warning");
  if (is_target_event(event)) {
    const pb::Struct& runs = enter_object(w, p, "triggered_runs");
    e.triggered_runs = count(runs, "runs");
    e.triggered_judged = count(runs, "judged");
    e.triggered_misses = count(runs, "missed");
    w.pop();
  }
  const pb::Struct& plain = enter_object(w, p, "plain_monte_carlo");
  e.plain_samples = count(plain, "samples");
  e.plain_hits = count(plain, "hits");
  w.pop();
  const pb::Struct& estimates = enter_object(w, p, "estimates");
  // In the writer's order, which is the text's; unknown keys are refused by name.
  for (const auto& kv : estimates.fields()) {
    const std::string& key = kv.first;
    bool is_known = false;
    for (const KnownQuantity& k : kQuantities) is_known = is_known || key == k.key;
    if (!is_known) {
      w.push(key);
      w.fail("unknown estimate \"" + key +
             "\" (expected losses_per_year, downtime_s_per_year, unavailability, "
             "p_loss_within_year, p_miss_given_loss or misses_per_year)");
    }
  }
  for (const KnownQuantity& k : kQuantities) {
    if (estimates.fields().count(k.key) == 0) continue;
    const pb::Struct& q = enter_object(w, estimates, k.key);
    RareQuantity out;
    out.key = k.key;
    out.label = rare_quantity_label(event, k.key);
    out.estimate = json_field(w, q, "estimate", [&](const pb::Value& v) { return figure(w, v); });
    out.estimate.is_probability = out.key == "p_miss_given_loss";
    out.markov =
        json_field(w, q, "markov", [&](const pb::Value& v) { return w.as_optional_number(v); });
    json_field(w, q, "plain_monte_carlo", [&](const pb::Value& v) {
      if (v.kind_case() == pb::Value::kNullValue) return 0;
      out.plain_computed = true;
      out.plain = figure(w, v);
      return 0;
    });
    w.pop();
    e.quantities.push_back(out);
  }
  w.pop();
  return e;
}

}  // namespace

bool is_rare_json(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text[first] != '{') return false;
  if (text.find("\"rare_event\"") == std::string::npos) return false;
  pb::Value root;
  if (!pb::util::JsonStringToMessage(text, &root).ok()) return false;
  if (root.kind_case() != pb::Value::kStructValue) return false;
  const auto& fields = root.struct_value().fields();
  return fields.count("rare_event") > 0 && fields.count("method") > 0 && fields.count("pools") > 0;
}

RareReport read_rare_json(const std::string& text, const std::string& path) {
  const pb::Value root = parse_json_document(text, path);
  JsonWalker w(text, path);
  const pb::Struct& o = w.as_object(root);
  auto text_of = [&](const pb::Struct& obj, const char* key) {
    return json_field(w, obj, key, [&](const pb::Value& v) { return w.as_string(v); });
  };
  RareReport out;
  out.event = text_of(o, "rare_event");
  if (out.event != "pool-unavailable" && out.event != "backend-unavailable" &&
      out.event != "pair-unavailable" && !is_target_event(out.event)) {
    JsonScope scope(w, "rare_event");
    w.fail("unknown rare event \"" + out.event +
           "\" (expected pool-unavailable, backend-unavailable, pair-unavailable, "
           "rto-target-missed or rpo-target-missed)");
  }
  // A seed is any 64-bit number: as_count reads one above 2^53 again from the text.
  out.seed = json_field(w, o, "seed", [&](const pb::Value& v) { return w.as_count(v); });
  out.scenario_sha256 = text_of(o, "scenario_sha256");
  out.scenario = text_of(o, "scenario");
  const pb::Struct& method = enter_object(w, o, "method");
  out.method = text_of(method, "name");
  out.reason = text_of(method, "reason");
  if (out.method != "importance-sampling" && out.method != "splitting")
    w.fail("unknown method \"" + out.method + "\" (expected importance-sampling or splitting)");
  w.pop();
  out.requested_relative_halfwidth = json_field(w, o, "requested_relative_halfwidth",
                                                [&](const pb::Value& v) { return w.as_number(v); });
  out.interrupted =
      json_field(w, o, "interrupted", [&](const pb::Value& v) { return w.as_bool(v); });
  json_elements(w, o, "pools", [&](const pb::Value& v) {
    out.pools.push_back(read_pool(w, w.as_object(v), out.event));
  });
  if (is_target_event(out.event)) {
    out.misses_per_year_all_pools = json_field(w, o, "misses_per_year_all_pools",
                                               [&](const pb::Value& v) { return figure(w, v); });
  }
  return out;
}

}  // namespace drsim
