// Scenario validation, first pass: the schema's field options (required, positive, min, max,
// list and string sizes), checked by reflection over any message; see sim/validate_options.h.
#include <cmath>
#include <cstdio>
#include <map>

#include "proto/options.pb.h"
#include "sim/limits.h"
#include "sim/validate_options.h"

namespace drsim::validate_detail {

namespace pb = google::protobuf;

namespace {

std::string number_text(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// The generic pass: required fields, numeric ranges, and the references to check later.
class OptionPass {
 public:
  OptionPass(std::vector<Finding>* findings, std::vector<Reference>* refs)
      : findings_(findings), refs_(refs) {}

  void walk(const pb::Message& msg, FieldPath& path) {
    const pb::Descriptor* desc = msg.GetDescriptor();
    const pb::Reflection* refl = msg.GetReflection();
    for (int f = 0; f < desc->field_count(); ++f) {
      const pb::FieldDescriptor* fd = desc->field(f);
      const pb::FieldOptions& opts = fd->options();
      if (fd->is_repeated()) {
        const int n = refl->FieldSize(msg, fd);
        if (!check_count(fd, n, path)) continue;
        for (int i = 0; i < n; ++i) {
          path.push_back({fd, i});
          check_value(msg, fd, i, path);
          path.pop_back();
        }
        continue;
      }
      if (!refl->HasField(msg, fd)) {
        if (opts.GetExtension(options::required)) {
          path.push_back({fd, -1});
          error(path, "is required");
          path.pop_back();
        }
        continue;
      }
      path.push_back({fd, -1});
      check_value(msg, fd, -1, path);
      path.pop_back();
    }
  }

 private:
  void error(const FieldPath& path, std::string message) {
    findings_->push_back({Severity::kError, path, std::move(message)});
  }

  // Every list that scales memory or run time has a ceiling (docs/scenarios.md, "Limits").
  // A list over its limit is reported once, at its first surplus element, and not walked.
  static int max_count(const pb::FieldDescriptor* fd) {
    static const std::map<std::string, int> kMax = {
        {"drsim.scenario.Scenario.sites", 64},
        {"drsim.scenario.Scenario.links", 64},
        {"drsim.scenario.Scenario.pools", 64},
        {"drsim.scenario.Scenario.edge_pools", 64},
        {"drsim.scenario.Scenario.director_pools", 64},
        {"drsim.scenario.Scenario.file_stores", 64},
        {"drsim.scenario.Scenario.office_web_apps_farms", 64},
        {"drsim.scenario.FileStore.pools", 64},
        {"drsim.scenario.OfficeWebAppsFarm.pools", 64},
        {"drsim.scenario.Scenario.data_backups", 64},
        {"drsim.scenario.Scenario.faults", 10000},
        {"drsim.scenario.Scenario.runbook", 10000},
        {"drsim.scenario.BackEnd.servers", 16},
        {"drsim.scenario.Distribution.Empirical.samples_s", 100000},
        {"drsim.scenario.Stochastic.common_cause", 1000},
        {"drsim.scenario.Stochastic.CommonCauseGroup.members", 4096},
        {"drsim.scenario.Stochastic.maintenance", 10000},
        {"drsim.scenario.Scenario.mediation_pools", 64},
        {"drsim.scenario.MediationPool.servers", 16},
        {"drsim.scenario.Scenario.pstn_gateways", 256},
        {"drsim.scenario.Scenario.trunks", 1024},
        {"drsim.scenario.Scenario.voice_routes", 256},
        {"drsim.scenario.VoiceRoute.trunks", 64},
        {"drsim.scenario.Pool.pstn_routes", 16},
        {"drsim.scenario.Scenario.branches", 1024},
        {"drsim.scenario.Branch.appliances", 2},
        {"drsim.scenario.Branch.pstn_routes", 16},
    };
    const auto it = kMax.find(fd->full_name());
    return it == kMax.end() ? -1 : it->second;
  }

  bool check_count(const pb::FieldDescriptor* fd, int n, FieldPath& path) {
    const int limit = max_count(fd);
    if (limit >= 0 && n > limit) {
      path.push_back({fd, limit});
      error(path, "at most " + std::to_string(limit) + " " + fd->name() +
                      " entries are allowed (got " + std::to_string(n) + ")");
      path.pop_back();
      over_limit_ = true;
      return false;
    }
    // The simulator samples an empirical distribution by picking one of its samples.
    if (n == 0 && fd->full_name() == "drsim.scenario.Distribution.Empirical.samples_s") {
      path.push_back({fd, -1});
      error(path, "an empirical distribution needs at least one sample");
      path.pop_back();
    }
    return true;
  }

  void check_value(const pb::Message& msg, const pb::FieldDescriptor* fd, int index,
                   FieldPath& path) {
    const pb::Reflection* refl = msg.GetReflection();
    const pb::FieldOptions& opts = fd->options();
    const bool rep = index >= 0;
    double value = 0;
    bool numeric = true;
    switch (fd->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_INT32:
        value = rep ? refl->GetRepeatedInt32(msg, fd, index) : refl->GetInt32(msg, fd);
        break;
      case pb::FieldDescriptor::CPPTYPE_INT64:
        value = static_cast<double>(rep ? refl->GetRepeatedInt64(msg, fd, index)
                                        : refl->GetInt64(msg, fd));
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT32:
        value = rep ? refl->GetRepeatedUInt32(msg, fd, index) : refl->GetUInt32(msg, fd);
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT64:
        value = static_cast<double>(rep ? refl->GetRepeatedUInt64(msg, fd, index)
                                        : refl->GetUInt64(msg, fd));
        break;
      case pb::FieldDescriptor::CPPTYPE_DOUBLE:
        value = rep ? refl->GetRepeatedDouble(msg, fd, index) : refl->GetDouble(msg, fd);
        break;
      case pb::FieldDescriptor::CPPTYPE_FLOAT:
        value = rep ? refl->GetRepeatedFloat(msg, fd, index) : refl->GetFloat(msg, fd);
        break;
      case pb::FieldDescriptor::CPPTYPE_ENUM: {
        numeric = false;
        const int v =
            rep ? refl->GetRepeatedEnumValue(msg, fd, index) : refl->GetEnumValue(msg, fd);
        if (v == 0)
          error(path,
                "must be set to one of the named values, not " + fd->enum_type()->value(0)->name());
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_STRING: {
        numeric = false;
        const std::string s =
            rep ? refl->GetRepeatedString(msg, fd, index) : refl->GetString(msg, fd);
        if (opts.GetExtension(options::required) && s.empty()) error(path, "must not be empty");
        // Names and notes go into event-log records, whose size the log reader caps.
        if (s.size() > kMaxStringBytes && fd->name() != "description")
          error(path, "is " + std::to_string(s.size()) + " bytes long, more than " +
                          std::to_string(kMaxStringBytes));
        if (opts.HasExtension(options::ref) && !s.empty()) {
          refs_->push_back({opts.GetExtension(options::ref), s, path});
        }
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
        numeric = false;
        const pb::Message& sub =
            rep ? refl->GetRepeatedMessage(msg, fd, index) : refl->GetMessage(msg, fd);
        walk(sub, path);
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_BOOL:
        numeric = false;
        break;
    }
    if (!numeric) return;
    if (!std::isfinite(value)) {
      error(path, "must be a finite number");
      return;
    }
    if (opts.GetExtension(options::positive) && !(value > 0)) {
      error(path, "must be greater than 0 (got " + number_text(value) + ")");
    }
    if (opts.HasExtension(options::min) && value < opts.GetExtension(options::min)) {
      error(path, "must be at least " + number_text(opts.GetExtension(options::min)) + " (got " +
                      number_text(value) + ")");
    }
    if (opts.HasExtension(options::max) && value > opts.GetExtension(options::max)) {
      error(path, "must be at most " + number_text(opts.GetExtension(options::max)) + " (got " +
                      number_text(value) + ")");
    }
  }

  std::vector<Finding>* findings_;
  std::vector<Reference>* refs_;

 public:
  // A list is longer than its limit: the domain pass, some of whose checks compare every
  // pool with every other, is skipped.
  bool over_limit_ = false;
};

}  // namespace

bool check_field_options(const pb::Message& scenario, std::vector<Finding>* findings,
                         std::vector<Reference>* refs) {
  FieldPath path;
  OptionPass options(findings, refs);
  options.walk(scenario, path);
  return !options.over_limit_;
}

}  // namespace drsim::validate_detail
