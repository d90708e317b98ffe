// The policy's modality targets (policy.pstn_rto_s, remote_sign_in_rto_s): a sweep judges
// every incident that cost PSTN calling or remote sign-in against them, as it judges the RTO
// targets; the digest, its JSON, the text and the page carry them, and advise counts them
// among the targets to meet.
//
// The stories are scripted (no random failure), so every replication is the same incident:
// - voice-site-loss-one-gateway: dc1, with the only gateway, lost 10:00-12:00; PSTN calling
//   back for all at 12:00, 7,200 s after the start (the story's header derives it).
// - access-edge-loss: edge1 lost at 10:00; remote users sign in again through edge2 after
//   the 60 s retry: remote sign-in back after 60 s.
// A target at the figure is met (back within it), one a second short is missed.
#include <catch2/catch.hpp>

#include "analysis/advise.h"
#include "analysis/sweep_digest.h"
#include "analysis/sweep_page.h"
#include "analysis/sweep_report.h"
#include "experiments/sweep_run.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

SweepDigest swept(const scenario::Scenario& s) {
  SweepOptions o;
  o.replications = 3;
  o.threads = 1;
  o.seed = 5;
  return digest_sweep(s, run_sweep(s, o).acc, {}, {});
}

}  // namespace

TEST_CASE(
    "modality targets: PSTN calling back 7,200 s after a site loss meets a 7,200 s target and "
    "misses 7,199 s",
    "[sweep][pstn]") {
  scenario::Scenario s = load_story("voice-site-loss-one-gateway");
  s.mutable_policy()->set_pstn_rto_s(7200);
  const SweepDigest met = swept(s);
  REQUIRE(met.modality_targets.size() == 1);
  CHECK(met.modality_targets[0].modality == "pstn");
  CHECK(met.modality_targets[0].rto_target_s == 7200);
  CHECK(met.modality_targets[0].rto_met.incidents == 3);
  CHECK(met.modality_targets[0].rto_met.met == 3);
  s.mutable_policy()->set_pstn_rto_s(7199);
  const SweepDigest missed = swept(s);
  CHECK(missed.modality_targets[0].rto_met.incidents == 3);
  CHECK(missed.modality_targets[0].rto_met.met == 0);
  // The JSON reads back the same; the text and the page say it in words.
  CHECK(read_sweep_json(sweep_json(missed), "sweep.json") == missed);
  CHECK(sweep_text(missed).find("PSTN calling    back <= 1h 59m 59s   0.00 %") !=
        std::string::npos);
  const Table policy = sweep_tables(missed, {}).policy;
  REQUIRE(policy.rows.size() == 1);
  CHECK(policy.rows[0][1].text == "PSTN calling back");
  CHECK(policy.rows[0][7].text == "fail");
  CHECK(sweep_policy_csv(missed, {}).find("\nany,pstn_rto,7199,3,0,0,") != std::string::npos);
  // Advise counts it among the targets to meet.
  const std::vector<TargetChange> failing = failing_targets(missed, 0.99);
  REQUIRE(failing.size() == 1);
  CHECK(failing[0].measure == "PSTN RTO");
  CHECK(failing[0].target_s == 7199);
}

TEST_CASE(
    "modality targets: remote sign-in back after the 60 s retry meets a 60 s target and misses "
    "59 s; no target, no entry",
    "[sweep][access]") {
  scenario::Scenario s = load_story("access-edge-loss");
  CHECK(swept(s).modality_targets.empty());
  s.mutable_policy()->set_remote_sign_in_rto_s(60);
  const SweepDigest met = swept(s);
  REQUIRE(met.modality_targets.size() == 1);
  CHECK(met.modality_targets[0].modality == "remote_sign_in");
  CHECK(met.modality_targets[0].rto_met.met == 3);
  CHECK(met.modality_targets[0].rto_met.incidents == 3);
  s.mutable_policy()->set_remote_sign_in_rto_s(59);
  CHECK(swept(s).modality_targets[0].rto_met.met == 0);
}
