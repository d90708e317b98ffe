// Reading a rare-event JSON (`drsim sweep --rare ... --json`) back into a RareReport, for the
// visualiser's sweep view; see rare_report.h.
//
// Protobuf's JSON parser (into google.protobuf.Value) parses; this file walks the keys that
// rare_json writes and reports a missing or mistyped one at its line and column
// (io/json_locate.h finds them: protobuf reports no positions).
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "analysis/rare_report.h"
#include "io/errors.h"
#include "io/json_locate.h"

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

class Reader {
 public:
  Reader(const std::string& text, const std::string& path) : text_(text), path_(path) {}

  [[noreturn]] void fail(const std::string& message) const {
    const TextPosition p = json_locate(text_, steps_);
    std::string field;
    for (const JsonStep& s : steps_) {
      if (!field.empty() && s.index < 0) field += ".";
      field += s.index >= 0 ? "[" + std::to_string(s.index) + "]" : s.name;
    }
    throw InputError({{path_, p.line, p.column, false, field, message}});
  }

  // Enters member `key` of `object` (an index >= 0 enters that element of an array member).
  const pb::Value& enter(const pb::Struct& object, const std::string& key) {
    steps_.push_back({key, key, -1});
    const auto it = object.fields().find(key);
    if (it == object.fields().end()) fail("missing key \"" + key + "\"");
    return it->second;
  }
  void enter_index(int i) { steps_.push_back({"", "", i}); }
  void leave() { steps_.pop_back(); }

  const pb::Struct& object(const pb::Value& v) const {
    if (v.kind_case() != pb::Value::kStructValue) fail("expected an object");
    return v.struct_value();
  }
  double number(const pb::Value& v) const {
    if (v.kind_case() != pb::Value::kNumberValue || !std::isfinite(v.number_value()))
      fail("expected a number");
    return v.number_value();
  }
  uint64_t count(const pb::Value& v) const {
    const double d = number(v);
    // Counts here are replications, trajectories and cycles: far below 2^53.
    if (d < 0 || d != std::floor(d) || d > 9007199254740992.0)
      fail("expected a whole number of 0 or more");
    return static_cast<uint64_t>(d);
  }
  // A seed is any 64-bit number, and protobuf's doubles keep only 53 bits: a larger one is
  // read again from the text, where rare_json writes it as the first "seed" key.
  uint64_t seed(const pb::Value& v) const {
    const double d = number(v);
    if (d < 0 || d != std::floor(d) || d > 18446744073709551615.0)
      fail("expected a whole number of 0 or more");
    if (d < 9007199254740992.0) return static_cast<uint64_t>(d);
    const size_t at = text_.find("\"seed\":");
    if (at == std::string::npos) fail("expected a seed written as a whole number");
    errno = 0;
    char* end = nullptr;
    const unsigned long long exact = std::strtoull(text_.c_str() + at + 7, &end, 10);
    if (errno != 0 || end == text_.c_str() + at + 7) fail("expected a seed of at most 2^64 - 1");
    return exact;
  }
  int small_int(const pb::Value& v) const {
    const uint64_t c = count(v);
    if (c > 1000) fail("expected a server count of at most 1000");
    return static_cast<int>(c);
  }
  std::string string(const pb::Value& v) const {
    if (v.kind_case() != pb::Value::kStringValue) fail("expected a string");
    return v.string_value();
  }
  bool boolean(const pb::Value& v) const {
    if (v.kind_case() != pb::Value::kBoolValue) fail("expected true or false");
    return v.bool_value();
  }
  bool is_null(const pb::Value& v) const { return v.kind_case() == pb::Value::kNullValue; }

  // Member helpers: enter, read, leave.
  template <typename F>
  auto field(const pb::Struct& o, const std::string& key, F read) {
    const pb::Value& v = enter(o, key);
    auto out = read(v);
    leave();
    return out;
  }

  RareFigure figure(const pb::Value& v) {
    const pb::Struct& o = object(v);
    RareFigure f;
    f.is_known = field(o, "known", [&](const pb::Value& x) { return boolean(x); });
    if (!f.is_known) return f;
    f.value = field(o, "value", [&](const pb::Value& x) { return number(x); });
    f.ci95 = field(o, "ci95_halfwidth", [&](const pb::Value& x) { return number(x); });
    if (f.value < 0 || f.ci95 < 0) fail("expected a figure and a half-width of 0 or more");
    return f;
  }

 private:
  const std::string& text_;
  const std::string& path_;
  std::vector<JsonStep> steps_;
};

RarePoolEstimate read_pool(Reader& r, const pb::Struct& p, const std::string& event) {
  RarePoolEstimate e;
  auto num = [&](const pb::Value& v) { return r.count(v); };
  auto str = [&](const pb::Value& v) { return r.string(v); };
  auto flag = [&](const pb::Value& v) { return r.boolean(v); };
  auto servers = [&](const pb::Value& v) { return r.small_int(v); };
  e.pool = r.field(p, "pool", str);
  e.servers = r.field(p, "servers", servers);
  e.required = r.field(p, "required", servers);
  e.seeds = r.field(p, "seeds", servers);
  e.first_start = r.field(p, "first_start", servers);
  // Written since the events beyond one pool's quorum; older files have none.
  if (p.fields().count("subject") > 0) e.subject = r.field(p, "subject", str);
  e.failure_model = r.field(p, "failure_model", str);
  e.replications = r.field(p, "replications", num);
  e.reached_precision = r.field(p, "reached_precision", flag);
  e.samples = r.field(p, "samples", num);
  e.hits = r.field(p, "hits", num);
  e.is_degenerate = r.field(p, "degenerate", flag);
  e.warning = r.field(p, "warning", str);
  if (is_target_event(event)) {
    const pb::Struct& runs = r.object(r.enter(p, "triggered_runs"));
    e.triggered_runs = r.field(runs, "runs", num);
    e.triggered_judged = r.field(runs, "judged", num);
    e.triggered_misses = r.field(runs, "missed", num);
    r.leave();
  }
  const pb::Struct& plain = r.object(r.enter(p, "plain_monte_carlo"));
  e.plain_samples = r.field(plain, "samples", num);
  e.plain_hits = r.field(plain, "hits", num);
  r.leave();
  const pb::Struct& estimates = r.object(r.enter(p, "estimates"));
  // In the writer's order, which is the text's; unknown keys are refused by name.
  for (const auto& kv : estimates.fields()) {
    const std::string& key = kv.first;
    bool is_known = false;
    for (const KnownQuantity& k : kQuantities) is_known = is_known || key == k.key;
    if (!is_known) {
      r.enter(estimates, key);
      r.fail("unknown estimate \"" + key +
             "\" (expected losses_per_year, downtime_s_per_year, unavailability, "
             "p_loss_within_year, p_miss_given_loss or misses_per_year)");
    }
  }
  for (const KnownQuantity& k : kQuantities) {
    if (estimates.fields().count(k.key) == 0) continue;
    const pb::Struct& q = r.object(r.enter(estimates, k.key));
    RareQuantity out;
    out.key = k.key;
    out.label = rare_quantity_label(event, k.key);
    out.estimate = r.figure(r.enter(q, "estimate"));
    out.estimate.is_probability = out.key == "p_miss_given_loss";
    r.leave();
    const pb::Value& markov = r.enter(q, "markov");
    if (!r.is_null(markov)) out.markov = r.number(markov);
    r.leave();
    const pb::Value& pmc = r.enter(q, "plain_monte_carlo");
    if (!r.is_null(pmc)) {
      out.plain_computed = true;
      out.plain = r.figure(pmc);
    }
    r.leave();
    r.leave();
    e.quantities.push_back(out);
  }
  r.leave();
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
  if (const auto error = json_syntax_error(text))
    throw InputError({{path, error->first.line, error->first.column, false, "", error->second}});
  pb::Value root;
  if (!pb::util::JsonStringToMessage(text, &root).ok())
    throw InputError({{path, 1, 1, false, "", "not a JSON document"}});
  Reader r(text, path);
  const pb::Struct& o = r.object(root);
  auto str = [&](const pb::Value& v) { return r.string(v); };
  RareReport out;
  out.event = r.field(o, "rare_event", str);
  if (out.event != "pool-unavailable" && out.event != "backend-unavailable" &&
      out.event != "pair-unavailable" && !is_target_event(out.event)) {
    r.enter(o, "rare_event");
    r.fail("unknown rare event \"" + out.event +
           "\" (expected pool-unavailable, backend-unavailable, pair-unavailable, "
           "rto-target-missed or rpo-target-missed)");
  }
  out.seed = r.field(o, "seed", [&](const pb::Value& v) { return r.seed(v); });
  out.scenario_sha256 = r.field(o, "scenario_sha256", str);
  out.scenario = r.field(o, "scenario", str);
  const pb::Struct& method = r.object(r.enter(o, "method"));
  out.method = r.field(method, "name", str);
  out.reason = r.field(method, "reason", str);
  if (out.method != "importance-sampling" && out.method != "splitting")
    r.fail("unknown method \"" + out.method + "\" (expected importance-sampling or splitting)");
  r.leave();
  out.requested_relative_halfwidth =
      r.field(o, "requested_relative_halfwidth", [&](const pb::Value& v) { return r.number(v); });
  out.interrupted = r.field(o, "interrupted", [&](const pb::Value& v) { return r.boolean(v); });
  const pb::Value& pools = r.enter(o, "pools");
  if (pools.kind_case() != pb::Value::kListValue) r.fail("expected an array");
  for (int i = 0; i < pools.list_value().values_size(); ++i) {
    r.enter_index(i);
    out.pools.push_back(read_pool(r, r.object(pools.list_value().values(i)), out.event));
    r.leave();
  }
  r.leave();
  if (is_target_event(out.event)) {
    out.misses_per_year_all_pools = r.figure(r.enter(o, "misses_per_year_all_pools"));
    r.leave();
  }
  return out;
}

}  // namespace drsim
