// Reading a sensitivity JSON (`drsim sensitivity --json`) back, for the visualiser's "What
// drives the answer"; see sensitivity.h. The walk (analysis/json_walk.h) is the sweep
// reader's: a missing or mistyped member is reported at its line and column. Beyond the
// types, the reader checks what the visualiser relies on: every metric is one a sensitivity
// ranks (its unit comes from the grid column), has one row per varied parameter, and ranks
// them by swing, largest first.
#include <algorithm>
#include <set>

#include "analysis/json_walk.h"
#include "analysis/sensitivity.h"

namespace drsim {

namespace {

namespace pb = google::protobuf;

// A sensitivity ranks a few dozen metrics over a few dozen parameters; far above both.
constexpr int kMaxEntries = 10'000;

std::vector<std::string> read_strings(JsonWalker& w, const pb::Struct& o, const char* key) {
  std::vector<std::string> out;
  json_elements(w, o, key, [&](const pb::Value& v) { out.push_back(w.as_string(v)); });
  return out;
}

void check_size(JsonWalker& w, const pb::Struct& o, const char* key) {
  JsonScope scope(w, key);
  if (w.as_array(w.member(o, key)).values_size() > kMaxEntries)
    w.fail("more than " + std::to_string(kMaxEntries) + " entries");
}

ParameterLevels read_varied(JsonWalker& w, const pb::Value& v) {
  const pb::Struct& o = w.as_object(v);
  auto text = [&](const char* key) {
    return json_field(w, o, key, [&](const pb::Value& x) { return w.as_string(x); });
  };
  ParameterLevels l;
  l.parameter = text("parameter");
  l.unit = text("unit");
  l.base_text = text("base");
  l.low_text = text("low");
  l.high_text = text("high");
  l.why = text("why");
  l.low_sets = read_strings(w, o, "low_sets");
  l.high_sets = read_strings(w, o, "high_sets");
  return l;
}

const GridColumn* find_metric(const std::vector<GridColumn>& metrics, const std::string& name) {
  for (const GridColumn& c : metrics)
    if (c.name == name) return &c;
  return nullptr;
}

SensitivityEffect read_effect(JsonWalker& w, const pb::Value& v) {
  const pb::Struct& o = w.as_object(v);
  auto optional = [&](const char* key) {
    return json_field(w, o, key, [&](const pb::Value& x) { return w.as_optional_number(x); });
  };
  auto not_negative = [&](const char* key, const std::optional<double>& x) {
    if (x && *x < 0) {
      JsonScope scope(w, key);
      w.fail("a swing or a half-width is never negative");
    }
  };
  SensitivityEffect e;
  e.parameter = json_field(w, o, "parameter", [&](const pb::Value& x) { return w.as_string(x); });
  e.at_low = optional("low_value");
  e.ci95_low = optional("low_ci95");
  e.at_high = optional("high_value");
  e.ci95_high = optional("high_ci95");
  e.swing = optional("swing");
  e.swing_ci95 = optional("swing_ci95");
  not_negative("low_ci95", e.ci95_low);
  not_negative("high_ci95", e.ci95_high);
  not_negative("swing", e.swing);
  not_negative("swing_ci95", e.swing_ci95);
  if (e.swing.has_value() != (e.at_low && e.at_high)) {
    JsonScope scope(w, "swing");
    w.fail("a swing is known exactly when both low_value and high_value are");
  }
  const std::string kind =
      json_field(w, o, "swing_interval", [&](const pb::Value& x) { return w.as_string(x); });
  {
    JsonScope scope(w, "swing_interval");
    if (kind != "paired" && kind != "unpaired" && kind != "none")
      w.fail("unknown interval \"" + kind + "\" (expected paired, unpaired or none)");
    if ((kind == "none") == e.swing_ci95.has_value())
      w.fail("\"none\" exactly when swing_ci95 is null");
  }
  e.paired = kind == "paired";
  e.distinguishable =
      json_field(w, o, "distinguishable", [&](const pb::Value& x) { return w.as_bool(x); });
  return e;
}

MetricRanking read_metric(JsonWalker& w, const pb::Value& v, const std::vector<GridColumn>& known,
                          const std::vector<ParameterLevels>& varied) {
  const pb::Struct& o = w.as_object(v);
  const std::string name =
      json_field(w, o, "metric", [&](const pb::Value& x) { return w.as_string(x); });
  const GridColumn* column = find_metric(known, name);
  if (column == nullptr) {
    JsonScope scope(w, "metric");
    w.fail("\"" + name + "\" is not a metric drsim sensitivity ranks (docs/reports.md, " +
           "\"Sensitivity\")");
  }
  MetricRanking m{*column, {}, {}};
  m.base = json_field(w, o, "base", [&](const pb::Value& x) { return w.as_optional_number(x); });
  std::set<std::string> seen;
  json_elements(w, o, "ranked", [&](const pb::Value& x) {
    SensitivityEffect e = read_effect(w, x);
    const bool is_varied = std::any_of(varied.begin(), varied.end(), [&](const ParameterLevels& l) {
      return l.parameter == e.parameter;
    });
    if (!is_varied || !seen.insert(e.parameter).second) {
      JsonScope scope(w, "parameter");
      w.fail("\"" + e.parameter + "\" is " + (is_varied ? "ranked twice" : "not in \"varied\""));
    }
    // Known swings first, largest first (the writer's stable order keeps ties as they were).
    if (!m.effects.empty()) {
      const SensitivityEffect& before = m.effects.back();
      if ((!before.swing && e.swing) || (before.swing && e.swing && *e.swing > *before.swing)) {
        JsonScope scope(w, "swing");
        w.fail("rows must be ranked by swing, largest first, unknown swings last");
      }
    }
    m.effects.push_back(std::move(e));
  });
  if (m.effects.size() != varied.size()) {
    JsonScope scope(w, "ranked");
    w.fail(m.effects.empty()
               ? std::string("a metric with no rows: expected one per varied "
                             "parameter")
               : "expected one row per varied parameter (" + std::to_string(varied.size()) +
                     "), got " + std::to_string(m.effects.size()));
  }
  return m;
}

MorrisRanking read_morris_metric(JsonWalker& w, const pb::Value& v,
                                 const std::vector<GridColumn>& known) {
  const pb::Struct& o = w.as_object(v);
  const std::string name =
      json_field(w, o, "metric", [&](const pb::Value& x) { return w.as_string(x); });
  const GridColumn* column = find_metric(known, name);
  if (column == nullptr) {
    JsonScope scope(w, "metric");
    w.fail("\"" + name + "\" is not a metric drsim sensitivity ranks");
  }
  MorrisRanking m{*column, {}};
  json_elements(w, o, "ranked", [&](const pb::Value& x) {
    const pb::Struct& r = w.as_object(x);
    MorrisEffect e;
    e.parameter = json_field(w, r, "parameter", [&](const pb::Value& y) { return w.as_string(y); });
    e.n = json_field(w, r, "effects", [&](const pb::Value& y) { return w.as_count(y); });
    if (e.n > 0) {
      auto number = [&](const char* key) {
        return json_field(w, r, key, [&](const pb::Value& y) { return w.as_number(y); });
      };
      e.mu_star = number("mu_star");
      e.mu_star_ci95 = number("mu_star_ci95");
      e.mu = number("mu");
      e.sigma = number("sigma");
    }
    m.effects.push_back(std::move(e));
  });
  return m;
}

}  // namespace

bool is_sensitivity_json(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{' &&
         text.find("\"kind\": \"sensitivity\"") != std::string::npos;
}

SensitivityFile read_sensitivity_json(const std::string& text, const std::string& path) {
  const pb::Value root = parse_json_document(text, path);
  JsonWalker w(text, path);
  if (root.kind_case() != pb::Value::kStructValue)
    w.fail(std::string("expected an object (a sensitivity ranking), got ") + json_kind_name(root));
  const pb::Struct& o = root.struct_value();
  auto string = [&](const char* key) {
    return json_field(w, o, key, [&](const pb::Value& v) { return w.as_string(v); });
  };
  auto count = [&](const pb::Struct& obj, const char* key) {
    return json_field(w, obj, key, [&](const pb::Value& v) { return w.as_count(v); });
  };
  if (const std::string kind = string("kind"); kind != "sensitivity") {
    JsonScope scope(w, "kind");
    w.fail("expected \"sensitivity\" (drsim sensitivity --json), got \"" + kind + "\"");
  }
  SensitivityFile f;
  f.method = string("method");
  f.scenario = string("scenario");
  f.scenario_sha256 = string("scenario_sha256");
  f.seed = count(o, "seed");
  f.replications = count(o, "replications");
  f.version = string("version");
  f.commit = string("commit");
  f.interrupted = json_field(w, o, "interrupted", [&](const pb::Value& v) { return w.as_bool(v); });
  f.overrides = read_strings(w, o, "overrides");
  f.ranges = read_strings(w, o, "ranges");
  for (const char* key : {"varied", "skipped", "metrics"}) check_size(w, o, key);
  json_elements(w, o, "varied", [&](const pb::Value& v) {
    ParameterLevels l = read_varied(w, v);
    for (const ParameterLevels& other : f.varied)
      if (other.parameter == l.parameter) {
        JsonScope scope(w, "parameter");
        w.fail("\"" + l.parameter + "\" is varied twice");
      }
    f.varied.push_back(std::move(l));
  });
  json_elements(w, o, "skipped", [&](const pb::Value& v) {
    const pb::Struct& s = w.as_object(v);
    auto member_text = [&](const char* key) {
      return json_field(w, s, key, [&](const pb::Value& x) { return w.as_string(x); });
    };
    SkippedParameter skipped;
    skipped.parameter = member_text("parameter");
    skipped.reason = member_text("reason");
    f.skipped.push_back(std::move(skipped));
  });
  const std::vector<GridColumn> known = sensitivity_metrics();
  std::set<std::string> seen;
  json_elements(w, o, "metrics", [&](const pb::Value& v) {
    MetricRanking m = read_metric(w, v, known, f.varied);
    if (!seen.insert(m.column.name).second) w.fail("\"" + m.column.name + "\" is ranked twice");
    f.metrics.push_back(std::move(m));
  });
  if (f.metrics.empty() && !f.varied.empty()) {
    JsonScope scope(w, "metrics");
    w.fail("no metric ranked");
  }
  if (o.fields().count("morris") > 0) {
    const pb::Struct& m = json_field(
        w, o, "morris", [&](const pb::Value& v) -> const pb::Struct& { return w.as_object(v); });
    JsonScope scope(w, "morris");
    f.morris_trajectories = count(m, "trajectories");
    json_elements(w, m, "metrics",
                  [&](const pb::Value& v) { f.morris.push_back(read_morris_metric(w, v, known)); });
  }
  return f;
}

}  // namespace drsim
