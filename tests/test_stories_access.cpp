// Story tests of remote access and federation (issue 17): scenarios/access-*.pb.txt, each
// checked against the numbers derived by hand in its header; and the rules around them
// (Director pools, shared SRV priorities, modalities not deployed, the reports' words).
#include <catch2/catch.hpp>

#include "analysis/run_report.h"
#include "analysis/run_report_text.h"
#include "cli_util.h"
#include "log/log_file.h"
#include "story_util.h"
#include "test_util.h"

using namespace drsim;
using namespace drsim::testing;

namespace {

constexpr size_t kRemote = static_cast<size_t>(Modality::kRemoteSignIn);
constexpr size_t kFedOut = static_cast<size_t>(Modality::kFederationOut);
constexpr size_t kFedIn = static_cast<size_t>(Modality::kFederationIn);
constexpr size_t kXmpp = static_cast<size_t>(Modality::kXmpp);
constexpr size_t kMedia = static_cast<size_t>(Modality::kRemoteMedia);

double rto_s(const IncidentMetrics& m, size_t modality) {
  REQUIRE(m.access.restored[modality] != Instant::never());
  return (m.access.restored[modality] - m.start).seconds_f();
}

// The access.modality records of one modality, as (time s, state).
std::vector<std::pair<double, std::string>> states(const RunResult& r, const std::string& m) {
  std::vector<std::pair<double, std::string>> out;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "access.modality" && rec.subject() == m)
      out.emplace_back(static_cast<double>(rec.time_us()) / 1e6,
                       rec::get(rec, rec::access_modality::state));
  return out;
}

}  // namespace

TEST_CASE(
    "access story: a site lost with its Edge and Director: remote users move by DNS, federation "
    "and XMPP wait for the admin",
    "[story][access]") {
  const RunResult r = run_story(load_story("access-site-loss"));
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  REQUIRE(m.has_access);
  // Remote sign-in: 10:00-10:05, 12,000 x 60 + 6,000 x 240 user-seconds.
  CHECK(m.access.lost[kRemote]);
  CHECK(m.access.impaired[kRemote].seconds_f() == Approx(300));
  CHECK(rto_s(m, kRemote) == Approx(300));
  CHECK(m.access.remote_users_lost == 12000);
  CHECK(m.access.remote_user_s == Approx(2160000));
  // Outbound federation until the route is published on edge2 at 11:17:30; XMPP at 12:17:30.
  CHECK(rto_s(m, kFedOut) == Approx(4650));
  CHECK(m.access.impaired[kFedOut].seconds_f() == Approx(4650));
  CHECK(rto_s(m, kXmpp) == Approx(8250));
  // Inbound federation reaches edge2 at once: its own SRV priority.
  CHECK_FALSE(m.access.lost[kFedIn]);
  // Remote media: pool1's 6,000 remote users relay through edge1 (its next hop) until the
  // pool failover starts at 10:30 and they meet on pool2, through edge2: no reassociation.
  CHECK(rto_s(m, kMedia) == Approx(1800));
  const auto media = states(r, "remote_media");
  REQUIRE(media.size() == 3);
  CHECK(media[1] == std::make_pair(36000.0, std::string("degraded")));
  CHECK(media[2] == std::make_pair(37800.0, std::string("ok")));
  // The remote users' path: cut off at 10:00, half back at 10:01, all at 10:05.
  const auto remote = states(r, "remote_sign_in");
  REQUIRE(remote.size() == 4);
  CHECK(remote[1] == std::make_pair(36000.0, std::string("down")));
  CHECK(remote[2] == std::make_pair(36060.0, std::string("degraded")));
  CHECK(remote[3] == std::make_pair(36300.0, std::string("ok")));
  // The incident closes when dc1 returns, as it did without Edge figures.
  CHECK(m.end.seconds_f() == Approx(36000 + 28800));
}

TEST_CASE(
    "access story: an Edge pool lost while its Front End pool runs costs remote users a minute "
    "and federation until the standard response moves it",
    "[story][access]") {
  const RunResult r = run_story(load_story("access-edge-loss"));
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  CHECK(m.disruption == "edge");
  CHECK_FALSE(m.had_impact);  // every user inside kept full service
  CHECK(m.access.impaired[kRemote].seconds_f() == Approx(60));
  CHECK(m.access.remote_user_s == Approx(720000));
  CHECK(rto_s(m, kFedOut) == Approx(3300));  // decide 10:25 + 1,800 s publish
  CHECK(rto_s(m, kXmpp) == Approx(6900));    // then 3,600 s Set-CsSite and DNS
  CHECK_FALSE(m.access.lost[kFedIn]);
  // Remote media: pool1 survives edge1, its Edge association for media; half the remote
  // users (pool1's 6,000) have none until the standard response reassociates pool1 with
  // edge2 after the routes: 1,500 + 1,800 + 3,600 + 1,800 s = 8,700 s (12:25).
  CHECK(m.access.impaired[kMedia].seconds_f() == Approx(8700));
  CHECK(rto_s(m, kMedia) == Approx(8700));
  std::vector<int64_t> published_s;  // the federation route, then the Edge association
  for (const auto& rec : r.log.records())
    if (rec.kind() == "cmdlet.end" &&
        rec::get(rec, rec::cmdlet_end::cmdlet) == "Publish-CsTopology")
      published_s.push_back(rec.time_us() / 1'000'000);
  CHECK(published_s == std::vector<int64_t>{39300, 44700});
  const auto media = states(r, "remote_media");
  REQUIRE(media.size() == 3);
  CHECK(media[1] == std::make_pair(36000.0, std::string("degraded")));
  CHECK(media[2] == std::make_pair(44700.0, std::string("ok")));
  CHECK(m.end.seconds_f() == Approx(36000 + 10800));
  // The reports say what was lost, not "no user impact".
  const RunReport report = summarize_log(report_log(r));
  REQUIRE(report.incidents.size() == 1);
  CHECK(lost_access(report.incidents[0]));
  const std::string text = run_report_text(report);
  CHECK(text.find("every user kept full service (sign-in, IM, conferencing), but remote access "
                  "or federation was lost") != std::string::npos);
  CHECK(text.find("outbound federation: impaired 55m 00s, back after 55m 00s") !=
        std::string::npos);
  CHECK(text.find("remote media: up to 6,000 remote users without A/V and web conferencing "
                  "through their pool's Edge; impaired 2h 25m 00s, back after 2h 25m 00s") !=
        std::string::npos);
  CHECK(text.find("no user impact") == std::string::npos);
}

TEST_CASE(
    "access: a pool's Edge association for media is its named edge_pool; without the standard "
    "response remote media waits for the Edge's repair, and the reassociation needs a running "
    "Edge",
    "[access]") {
  scenario::Scenario s = load_story("access-edge-loss");
  s.mutable_admin()->set_standard_response(false);
  // pool2 associated with edge1 too: every remote user relays through edge1.
  s.mutable_pools(1)->set_edge_pool("edge1.contoso.com");
  {
    const RunResult r = run_story(s);
    REQUIRE(r.metrics.incidents.size() == 1);
    const IncidentMetrics& m = r.metrics.incidents[0];
    CHECK(m.access.impaired[kMedia].seconds_f() == Approx(10800));  // until edge1's repair
    const auto media = states(r, "remote_media");
    REQUIRE(media.size() == 3);
    CHECK(media[1] == std::make_pair(36000.0, std::string("down")));
    CHECK(media[2] == std::make_pair(46800.0, std::string("ok")));
  }
  // Runbook steps: at 10:16:40 pool1 with edge1, which does not run: refused with the reason;
  // at 10:30 pool1 with edge2 (1,800 s), then pool2 (1,800 s).
  auto* bad = s.add_runbook();
  bad->set_cmdlet(scenario::PUBLISH_CS_TOPOLOGY_EDGE_ASSOCIATION);
  bad->set_at_s(37000);
  bad->set_pool_fqdn("pool1.contoso.com");
  bad->set_edge_pool("edge1.contoso.com");
  for (const char* pool : {"pool1.contoso.com", "pool2.contoso.com"}) {
    auto* st = s.add_runbook();
    st->set_cmdlet(scenario::PUBLISH_CS_TOPOLOGY_EDGE_ASSOCIATION);
    if (s.runbook_size() == 2)
      st->set_at_s(37800);
    else
      st->set_after_previous(true);
    st->set_pool_fqdn(pool);
    st->set_edge_pool("edge2.contoso.com");
  }
  const RunResult r = run_story(s);
  const IncidentMetrics& m = r.metrics.incidents[0];
  // Down from 10:00, degraded from 11:00 (pool1's remote users through edge2), ok at 11:30.
  const auto media = states(r, "remote_media");
  REQUIRE(media.size() == 4);
  CHECK(media[2] == std::make_pair(39600.0, std::string("degraded")));
  CHECK(media[3] == std::make_pair(41400.0, std::string("ok")));
  CHECK(rto_s(m, kMedia) == Approx(5400));
  bool refused = false;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "cmdlet.error")
      refused |= rec::get(rec, rec::cmdlet_error::error)
                     .find(
                         "No server of Edge pool "
                         "edge1.contoso.com runs") != std::string::npos;
  CHECK(refused);
}

TEST_CASE(
    "access: an incident still open at the horizon counts each modality's time impaired up to "
    "the horizon, not to its last change; Persistent Chat likewise",
    "[access]") {
  // edge1 lost at 10:00 for good, nobody acting: outbound federation, XMPP and pool1's remote
  // media impaired until the horizon, 86,400 - 36,000 = 50,400 s.
  scenario::Scenario s = load_story("access-edge-loss");
  s.mutable_admin()->set_standard_response(false);
  s.mutable_faults(0)->clear_repair_after_s();
  const RunResult r = run_story(s);
  REQUIRE(r.metrics.incidents.size() == 1);
  const IncidentMetrics& m = r.metrics.incidents[0];
  CHECK(m.end == Instant::never());
  CHECK(m.access.impaired[kFedOut].seconds_f() == Approx(50400));
  CHECK(m.access.impaired[kXmpp].seconds_f() == Approx(50400));
  CHECK(m.access.impaired[kMedia].seconds_f() == Approx(50400));
  CHECK(m.access.impaired[kRemote].seconds_f() == Approx(60));  // back through edge2
  // dc1 (with the chat pool's servers and primary database) lost for good and nobody fails
  // chat over: its 4,500 users without chat from 10:00 to the horizon.
  scenario::Scenario chat = load_story("pchat-site-loss");
  chat.clear_runbook();
  chat.mutable_faults(0)->clear_repair_after_s();
  const RunResult c = run_story(chat);
  REQUIRE_FALSE(c.metrics.incidents.empty());
  REQUIRE(c.metrics.incidents[0].pchat.size() == 1);
  CHECK(c.metrics.incidents[0].pchat[0].without.seconds_f() == Approx(50400));
}

TEST_CASE("access: remote users reach a surviving Director by DNS; with none left they wait",
          "[access]") {
  scenario::Scenario s = load_story("access-site-loss");
  s.clear_faults();
  s.clear_runbook();
  auto* f = s.add_faults();
  f->set_at_s(36000);
  f->set_component("dir1.contoso.com");
  f->set_repair_after_s(3600);
  SECTION("one Director pool lost: a minute's retry") {
    const RunResult r = run_story(s);
    REQUIRE(r.metrics.incidents.size() == 1);
    const IncidentMetrics& m = r.metrics.incidents[0];
    CHECK(m.disruption == "director");
    CHECK(m.access.impaired[kRemote].seconds_f() == Approx(60));
    CHECK_FALSE(m.access.lost[kFedOut]);  // federation does not go through Directors
  }
  SECTION("both Director pools lost: remote sign-in down until one is repaired") {
    auto* g = s.add_faults();
    g->set_at_s(36000);
    g->set_component("dir2.contoso.com/1");
    g->set_repair_after_s(7200);
    auto* h = s.add_faults();
    h->set_at_s(36000);
    h->set_component("dir2.contoso.com/2");
    h->set_repair_after_s(7200);
    const RunResult r = run_story(s);
    REQUIRE(r.metrics.incidents.size() == 1);
    const IncidentMetrics& m = r.metrics.incidents[0];
    // dir1 back at 11:00: the clients, retrying the Director they had all along, sign in then.
    CHECK(m.access.impaired[kRemote].seconds_f() == Approx(3600));
    CHECK(m.access.remote_users_lost == 12000);
  }
}

TEST_CASE("access: a stopped Edge pool sharing its SRV priority leaves inbound federation degraded",
          "[access]") {
  scenario::Scenario s = load_story("access-edge-loss");
  s.mutable_edge_pools(1)->set_srv_priority(10);  // the same as edge1's
  const std::vector<Finding> findings = validate_scenario(s);
  CHECK(std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.severity == Severity::kWarning &&
           f.message.find("share SRV priority") != std::string::npos;
  }));
  const RunResult r = run_story(s);
  const IncidentMetrics& m = r.metrics.incidents.at(0);
  CHECK(m.access.lost[kFedIn]);
  CHECK(m.access.impaired[kFedIn].seconds_f() == Approx(10800));  // until edge1's repair
  const auto in = states(r, "federation_in");
  REQUIRE(in.size() >= 2);
  CHECK(in[1].second == "degraded");
}

TEST_CASE("access: modalities a scenario does not deploy are said so, not reported as zero",
          "[access]") {
  scenario::Scenario s = load_story("access-edge-loss");
  s.clear_xmpp_route();
  s.mutable_parameters()->set_remote_user_share(0);
  const RunResult r = run_story(s);
  const IncidentMetrics& m = r.metrics.incidents.at(0);
  CHECK_FALSE(m.access.lost[kRemote]);
  CHECK_FALSE(m.access.lost[kXmpp]);
  CHECK(m.access.lost[kFedOut]);
  const RunReport report = summarize_log(report_log(r));
  CHECK(report.access_deployed == std::vector<std::string>{"federation_out", "federation_in"});
  const std::string text = run_report_text(report);
  CHECK(text.find("remote sign-in not deployed in the scenario (no figures for it)") !=
        std::string::npos);
  CHECK(text.find("XMPP federation not deployed in the scenario") != std::string::npos);
  const std::string json = run_report_json(report, nullptr);
  CHECK(json.find("\"xmpp\"") == std::string::npos);
  CHECK(json.find("\"federation_out\": {") != std::string::npos);

  // Without Edge pools nothing is modelled, and the text says so.
  scenario::Scenario none = load_story("fe-crash");
  none.clear_edge_pools();
  const RunReport plain = summarize_log(report_log(run_story(none)));
  CHECK_FALSE(plain.access_modelled);
  CHECK(run_report_text(plain).find("remote access and federation not modelled: the scenario has "
                                    "no Edge pools") != std::string::npos);
}

TEST_CASE("access: an Edge route cmdlet needs the CMS and a running server on the new route",
          "[access]") {
  scenario::Scenario s = load_story("access-site-loss");
  // The CMS failover removed: the route change finds the CMS in the lost site.
  s.mutable_runbook()->DeleteSubrange(0, 1);
  s.mutable_runbook(0)->set_after_detect(true);
  const RunResult r = run_story(s);
  int errors = 0;
  for (const auto& rec : r.log.records())
    if (rec.kind() == "cmdlet.error" &&
        rec::get(rec, rec::cmdlet_error::cmdlet) == "Publish-CsTopology") {
      ++errors;
      CHECK(rec::get(rec, rec::cmdlet_error::error).find("Central Management Store") !=
            std::string::npos);
    }
  CHECK(errors == 1);
  const IncidentMetrics& m = r.metrics.incidents.at(0);
  // Never moved: back only when dc1 returns at 18:00.
  CHECK(rto_s(m, kFedOut) == Approx(28800));
}

TEST_CASE("access: a runbook script moves the routes with Set-CsSite, and names an unknown Edge",
          "[access]") {
  const std::string out =
      run_cli("run " + source_path("scenarios/access-site-loss.pb.txt") + " -q --out " +
              scratch_dir("access-ps1").string() + " --runbook " +
              source_path("tests/data/runbooks/access-routes.ps1"))
          .text;
  // The same times as the scenario's own steps: federation at 11:17:30, XMPP at 12:17:30.
  CHECK(out.find("outbound federation: impaired 1h 17m 30s, back after 1h 17m 30s") !=
        std::string::npos);
  CHECK(out.find("XMPP federation: impaired 2h 17m 30s, back after 2h 17m 30s") !=
        std::string::npos);
  CHECK(out.find("Edge pool \"EdgeServer:edge9.contoso.com\" was not found in the topology.") !=
        std::string::npos);
}
