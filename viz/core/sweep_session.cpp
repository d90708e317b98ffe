// Opening a sweep's results, finding its scenario, replaying a replication, and sweeping in
// the background; see sweep_session.h.
#include "viz/core/sweep_session.h"
#include "experiments/sweep_run.h"

#include <exception>

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cstdio>
#include <filesystem>

#include "analysis/markov.h"
#include "analysis/sweep_report.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/overrides.h"
#include "io/scenario_file.h"
#include "sim/check.h"

namespace drsim::viz {

namespace {
std::string replay_title(const SweepDigest& d, uint64_t replication) {
  return d.scenario + ", seed " + std::to_string(d.seed) + ", replication " +
         std::to_string(replication);
}
}  // namespace

bool is_sweep_json(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text[first] != '{') return false;
  if (text.find("\"worst_replications\"") == std::string::npos) return false;
  google::protobuf::Value root;
  if (!google::protobuf::util::JsonStringToMessage(text, &root).ok()) return false;
  if (root.kind_case() != google::protobuf::Value::kStructValue) return false;
  const auto& fields = root.struct_value().fields();
  return fields.count("rto_s") > 0 && fields.count("rpo_s") > 0 &&
         fields.count("worst_replications") > 0;
}

std::vector<std::string> scenario_candidates(const std::string& json_path,
                                             const std::string& scenario_name,
                                             const std::string& explicit_path) {
  if (!explicit_path.empty()) return {explicit_path};
  std::vector<std::string> out;
  if (scenario_name.empty() || scenario_name.find('/') != std::string::npos) return out;
  const std::filesystem::path dir = std::filesystem::path(json_path).parent_path();
  for (const std::filesystem::path& base : {dir, std::filesystem::path("scenarios")}) {
    for (const char* ext : {".pb.txt", ".json"}) {
      const std::string p = (base / (scenario_name + ext)).string();
      if (p != json_path && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
  }
  return out;
}

SweepSession SweepSession::open(const std::string& json_path,
                                const std::string& explicit_scenario) {
  SweepSession s;
  const std::string text = read_file(json_path, kMaxSweepJsonBytes);
  if (is_rare_json(text)) {
    s.rare_ = read_rare_json(text, json_path);
    s.title_ = s.rare_->scenario + ": rare event " + s.rare_->event + ", seed " +
               std::to_string(s.rare_->seed) + " (" + json_path + ")";
    s.scenario_note_ = "a rare-event estimate: no replication to replay";
    return s;
  }
  s.digest_ = read_sweep_json(text, json_path);
  s.title_ = s.digest_.scenario + ": " + std::to_string(s.digest_.replications) +
             " replications, seed " + std::to_string(s.digest_.seed) + " (" + json_path + ")";
  const std::vector<std::string> candidates =
      scenario_candidates(json_path, s.digest_.scenario, explicit_scenario);
  for (const std::string& path : candidates) {
    if (explicit_scenario.empty() && !std::filesystem::is_regular_file(path)) continue;
    try {
      LoadedScenario loaded = load_scenario(path);
      apply_overrides(loaded.scenario, s.digest_.overrides);
      if (!s.digest_.overrides.empty()) validate_overridden(loaded.scenario, path);
      s.scenario_ = std::move(loaded.scenario);
      s.scenario_path_ = path;
      s.scenario_sha256_ = loaded.sha256;
      if (loaded.sha256 != s.digest_.scenario_sha256)
        s.scenario_note_ =
            path + " has changed since the sweep (its SHA-256 differs): replays may not match";
    } catch (const InputError& e) {
      s.scenario_note_ = std::string("cannot replay: ") + e.what();
    }
    return s;
  }
  std::string looked;
  for (const std::string& c : candidates) looked += (looked.empty() ? "" : ", ") + c;
  s.scenario_note_ =
      "cannot replay: scenario \"" + s.digest_.scenario + "\" not found (looked for " +
      (looked.empty() ? std::string("nothing") : looked) + "); open with --scenario FILE";
  return s;
}

SweepSession::SweepSession(SweepDigest digest, scenario::Scenario swept, std::string scenario_path,
                           std::string scenario_sha256)
    : digest_(std::move(digest)),
      scenario_(std::move(swept)),
      scenario_path_(std::move(scenario_path)),
      scenario_sha256_(std::move(scenario_sha256)) {
  title_ = digest_.scenario + ": " + std::to_string(digest_.replications) + " replications, seed " +
           std::to_string(digest_.seed) + " (run here)";
}

std::unique_ptr<Run> SweepSession::replay(uint64_t replication) const {
  DRSIM_CHECK(scenario_.has_value(),
              "SweepSession::replay: no scenario to replay (check has_scenario())");
  return run_scenario(*scenario_, replay_title(digest_, replication), scenario_sha256_,
                      digest_.seed, replication);
}

SweepJob::SweepJob(scenario::Scenario s, std::string scenario_path, std::string scenario_sha256,
                   uint64_t replications, int threads)
    : scenario_(std::move(s)),
      path_(std::move(scenario_path)),
      sha256_(std::move(scenario_sha256)),
      target_(replications) {
  DRSIM_CHECK(replications > 0 && threads > 0, "SweepJob: needs replications and threads");
  thread_ = std::thread([this, threads] {
    SweepOptions o;
    o.replications = target_;
    o.threads = threads;
    o.seed = scenario_.seed();
    o.stop = &stop_;
    o.progress = [this](uint64_t done, uint64_t) { done_.store(done); };
    o.replay = {path_, {}};
    try {
      const SweepResult r = run_sweep(scenario_, o);
      const SweepReportInfo info{scenario_.name(), sha256_, o.seed, 0, r.interrupted, {}};
      // The same digest `drsim sweep --json` writes (tests check the JSON reads back equal).
      result_ = std::make_unique<SweepSession>(
          digest_sweep(scenario_, r.acc, info, analytic_checks(scenario_, r.acc)), scenario_, path_,
          sha256_);
      done_.store(r.acc.replications);
    } catch (const InputError& e) {
      // An exception must not escape the thread (std::terminate): the window reports it.
      error_ = e.what();
    } catch (const std::exception& e) {
      error_ = std::string("the sweep failed: ") + e.what();
    }
    finished_.store(true);
  });
}

SweepJob::~SweepJob() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

std::unique_ptr<SweepSession> SweepJob::take() {
  if (!finished_.load()) return nullptr;
  return std::move(result_);
}

}  // namespace drsim::viz
