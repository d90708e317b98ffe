// Scenario loading with positions; see scenario_file.h.
#include "io/scenario_file.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <cstdlib>

#include "io/files.h"
#include "io/json_locate.h"
#include "io/text_error_field.h"
#include "sim/validate.h"

namespace drsim {

namespace pb = google::protobuf;

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
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

// Protobuf's JSON parser names the field of a schema error in its message, as
// "pools[0].foo: Cannot find field." or "(pools[0].users): invalid value ...": the
// field's path, and the rest of the message.
std::pair<std::string, std::string> split_json_status(const std::string& status) {
  if (status.rfind(": ", 0) == 0) return {"", status.substr(2)};  // about the document itself
  if (status.size() > 1 && status[0] == '(') {
    if (const size_t close = status.find("): "); close != std::string::npos)
      return {status.substr(1, close - 1), status.substr(close + 3)};
  }
  if (const size_t colon = status.find(": ");
      colon != std::string::npos && colon > 0 && status.find(' ') > colon)
    return {status.substr(0, colon), status.substr(colon + 2)};
  return {"", status};
}

// A field path as protobuf writes it ("pools[0].back_end.ha_mode", names as in the file)
// as steps for json_locate, each with its proto and JSON names where the schema has it.
std::vector<JsonStep> json_steps(const std::string& path) {
  std::vector<JsonStep> steps;
  const pb::Descriptor* type = scenario::Scenario::descriptor();
  size_t pos = 0;
  while (pos < path.size()) {
    size_t dot = path.find('.', pos);
    if (dot == std::string::npos) dot = path.size();
    std::string name = path.substr(pos, dot - pos);
    int index = -1;
    if (const size_t br = name.find('['); br != std::string::npos && name.back() == ']') {
      index = std::atoi(name.c_str() + br + 1);
      name = name.substr(0, br);
    }
    const pb::FieldDescriptor* f = type != nullptr ? type->FindFieldByName(name) : nullptr;
    if (f == nullptr && type != nullptr) f = type->FindFieldByCamelcaseName(name);
    steps.push_back({f != nullptr ? f->name() : name, f != nullptr ? f->json_name() : name, index});
    type = f != nullptr ? f->message_type() : nullptr;
    pos = dot + 1;
  }
  return steps;
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
      // Placed at the field protobuf names, or at the document itself.
      const auto [field, rule] = split_json_status(std::string(status.message()));
      const TextPosition p = json_locate(text, json_steps(field));
      throw InputError({{path, p.line, p.column, false, field.empty() ? "(scenario)" : field,
                         "does not match the scenario schema: " + rule}});
    }
  } else {
    Collector collector(path);
    pb::TextFormat::Parser parser;
    parser.RecordErrorsTo(&collector);
    parser.WriteLocationsTo(&tree);
    if (!parser.ParseFromString(text, &out.scenario)) {
      if (collector.diagnostics.empty())
        collector.diagnostics.push_back({path, 1, 1, false, "", "cannot parse"});
      // Protobuf names the position, not the field it was parsing: find it from the text.
      for (Diagnostic& d : collector.diagnostics) {
        const TextErrorField at = text_error_field(text, d.line - 1, d.column - 1, d.message);
        d.field = at.field;
        d.message += at.hint;
        d.line = at.line + 1;
        d.column = at.column + 1;
      }
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
    const TextPosition p =
        is_json ? json_locate(text, json_path(f.path)) : text_locate(tree, f.path);
    Diagnostic d{
        path,     p.line, p.column, f.severity == Severity::kWarning, path_to_string(f.path),
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

void check_run_within_limits(const scenario::Scenario& s, StopReason stop,
                             const std::string& origin, const std::string& run,
                             const std::string& replay) {
  std::string field, message;
  if (stop == StopReason::kBudget) {
    field = "event_budget";
    message = run + " needed more than " + std::to_string(s.event_budget()) +
              " events before the horizon";
  } else if (stop == StopReason::kLogFull) {
    field = "max_log_records";
    message = run + " wrote more than " + std::to_string(s.max_log_records()) +
              " event-log records before the horizon (failures or repairs this fast fill memory)";
  } else if (stop == StopReason::kIncidentsFull) {
    field = "max_incidents";
    message = run + " opened more than " + std::to_string(s.max_incidents()) +
              " incidents before the horizon (failures this frequent fill memory)";
  } else {
    return;
  }
  message += "; raise " + field + " or shorten horizon_s";
  if (!replay.empty()) message += "; replay it alone with: " + replay;
  throw InputError({{origin, 0, 0, false, field, message}});
}

}  // namespace drsim
