// Scenario loading with positions; see scenario_file.h.
#include "io/scenario_file.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include "io/files.h"
#include "io/json_locate.h"
#include "sim/validate.h"

namespace drsim {

namespace pb = google::protobuf;

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class Collector : public pb::io::ErrorCollector {
 public:
  explicit Collector(std::string file) : file_(std::move(file)) {}
  void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
    diagnostics.push_back({file_, line + 1, column + 1, false, "", message});
  }
  void AddWarning(int line, pb::io::ColumnNumber column, const std::string& message) override {
    diagnostics.push_back({file_, line + 1, column + 1, true, "", message});
  }
  std::vector<Diagnostic> diagnostics;

 private:
  std::string file_;
};

// Position of a field path in text format: the deepest step the parser recorded.
TextPosition text_locate(const pb::TextFormat::ParseInfoTree& root, const FieldPath& path) {
  TextPosition best{1, 1};
  const pb::TextFormat::ParseInfoTree* tree = &root;
  for (const PathStep& step : path) {
    if (tree == nullptr) break;
    // A path may name a whole repeated field (index -1); protobuf wants an element index
    // there, so point at its first element.
    const int index = step.field->is_repeated() && step.index < 0 ? 0 : step.index;
    const pb::TextFormat::ParseLocation loc = tree->GetLocation(step.field, index);
    if (loc.line >= 0) best = {loc.line + 1, loc.column + 1};
    if (step.field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) break;
    tree = tree->GetTreeForNested(step.field, index);
  }
  return best;
}

std::vector<JsonStep> json_path(const FieldPath& path) {
  std::vector<JsonStep> out;
  for (const PathStep& step : path)
    out.push_back({step.field->name(), step.field->json_name(), step.index});
  return out;
}

}  // namespace

LoadedScenario parse_scenario(const std::string& path, const std::string& text) {
  LoadedScenario out;
  out.path = path;
  out.sha256 = sha256_hex(text);
  const bool is_json = ends_with(path, ".json");
  pb::TextFormat::ParseInfoTree tree;

  if (is_json) {
    if (auto err = json_syntax_error(text)) {
      throw InputError({{path, err->first.line, err->first.column, false, "",
                         "malformed JSON: " + err->second}});
    }
    pb::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto status = pb::util::JsonStringToMessage(text, &out.scenario, options);
    if (!status.ok()) {
      throw InputError({{path, 1, 1, false, "",
                         "does not match the scenario schema: " + std::string(status.message())}});
    }
  } else {
    Collector collector(path);
    pb::TextFormat::Parser parser;
    parser.RecordErrorsTo(&collector);
    parser.WriteLocationsTo(&tree);
    if (!parser.ParseFromString(text, &out.scenario)) {
      if (collector.diagnostics.empty())
        collector.diagnostics.push_back({path, 1, 1, false, "", "cannot parse"});
      throw InputError(collector.diagnostics);
    }
  }

  std::vector<Diagnostic> errors;
  // Locating a finding in JSON rescans the document, so a file with a finding in every one
  // of 100,000 samples would take hours: report the first findings of each kind and count
  // the rest.
  constexpr size_t kMaxLocated = 100;
  size_t unlocated_errors = 0;
  for (const Finding& f : validate_scenario(out.scenario)) {
    const bool is_warning = f.severity == Severity::kWarning;
    if ((is_warning ? out.warnings : errors).size() >= kMaxLocated) {
      if (!is_warning) ++unlocated_errors;
      continue;
    }
    const TextPosition p = is_json ? json_locate(text, json_path(f.path)) : text_locate(tree, f.path);
    Diagnostic d{path, p.line, p.column, f.severity == Severity::kWarning, path_to_string(f.path),
                 f.message};
    (d.is_warning ? out.warnings : errors).push_back(std::move(d));
  }
  if (!errors.empty()) {
    errors.insert(errors.end(), out.warnings.begin(), out.warnings.end());
    throw InputError(std::move(errors), unlocated_errors);
  }
  return out;
}

LoadedScenario load_scenario(const std::string& path) {
  return parse_scenario(path, read_file(path, kMaxScenarioBytes));
}

void check_run_within_limits(const scenario::Scenario& s, StopReason stop, const std::string& origin) {
  if (stop == StopReason::kBudget)
    throw InputError(origin, "event_budget: the run needed more than " + std::to_string(s.event_budget()) +
                                 " events before the horizon; raise event_budget or shorten horizon_s");
  if (stop == StopReason::kLogFull)
    throw InputError(origin, "max_log_records: the run wrote more than " + std::to_string(s.max_log_records()) +
                                 " event-log records before the horizon (failures or repairs this fast "
                                 "fill memory); raise max_log_records or shorten horizon_s");
}

}  // namespace drsim
