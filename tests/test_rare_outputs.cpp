// The rare-event estimate's outputs: `drsim sweep --rare pool-unavailable --json FILE` and
// `--report DIR` (rare.html, rare.md). The JSON carries the figures the text printed, the
// same bytes for any thread count; the page shows the estimate, its interval, the Markov
// value and plain Monte Carlo, and the warning when the likelihood ratios degenerate.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <catch2/catch.hpp>
#include <cstdio>

#include "analysis/rare_estimate.h"
#include "analysis/rare_report.h"
#include "cli_util.h"
#include "io/files.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;
namespace pb = google::protobuf;

namespace {
pb::Struct parse(const std::string& text) {
  pb::Struct s;
  REQUIRE(pb::util::JsonStringToMessage(text, &s).ok());
  return s;
}
const pb::Value& at(const pb::Struct& s, const std::string& key) {
  INFO(key);
  REQUIRE(s.fields().count(key) == 1);
  return s.fields().at(key);
}
const pb::Struct& obj(const pb::Struct& s, const std::string& key) {
  REQUIRE(at(s, key).has_struct_value());
  return at(s, key).struct_value();
}
double num(const pb::Struct& s, const std::string& key) {
  REQUIRE(at(s, key).kind_case() == pb::Value::kNumberValue);
  return at(s, key).number_value();
}
std::string g4(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}
bool has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}
// "1.01e-07 (95% CI 9.9e-08 .. 1.02e-07": the text's form of a JSON figure.
std::string text_figure(const pb::Struct& f) {
  return g4(num(f, "value")) + " (95% CI " + g4(num(f, "ci95_low")) + " .. " +
         g4(num(f, "ci95_high"));
}
}  // namespace

TEST_CASE(
    "rare outputs: --json holds the text's figures, the same bytes for -j1 and -j2, and --report "
    "shows them",
    "[rare][cli]") {
  const auto dir = scratch_dir("rare-json");
  const std::string scenario = source_path("scenarios/rare-pool5.pb.txt");
  const std::string common = "sweep " + scenario + " --rare pool-unavailable --ci-halfwidth 0.1 ";
  const CliOutput one = run_cli(common + "-j 1 --json " + (dir / "one.json").string() +
                                " --report " + (dir / "rep").string());
  INFO(one.text);
  REQUIRE(one.code == 0);
  const CliOutput two = run_cli(common + "-j 2 --json " + (dir / "two.json").string());
  REQUIRE(two.code == 0);
  const std::string json = read_file((dir / "one.json").string(), 1 << 20);
  CHECK(json == read_file((dir / "two.json").string(), 1 << 20));

  const pb::Struct doc = parse(json);
  CHECK(at(doc, "rare_event").string_value() == "pool-unavailable");
  CHECK(num(doc, "seed") == 21);
  CHECK(at(doc, "scenario_sha256").string_value().size() == 64);
  for (const char* key : {"version", "commit", "scenario", "overrides",
                          "requested_relative_halfwidth", "interrupted"})
    CHECK(doc.fields().count(key) == 1);
  const pb::Struct& method = obj(doc, "method");
  CHECK(at(method, "name").string_value() == "importance-sampling");
  CHECK(has(at(method, "reason").string_value(), "exponential and independent"));
  CHECK(num(method, "bias") == 0.5);
  REQUIRE(at(doc, "pools").list_value().values_size() == 1);
  const pb::Struct& pool = at(doc, "pools").list_value().values(0).struct_value();
  CHECK(at(pool, "degenerate").bool_value() == false);
  CHECK(at(pool, "reached_precision").bool_value());
  char cycles[160];
  std::snprintf(cycles, sizeof cycles,
                "cycles that lost quorum: %.0f of %.0f; effective sample size %.0f",
                num(pool, "hits"), num(pool, "samples"), num(pool, "effective_sample_size"));
  CHECK(has(one.text, cycles));

  CHECK(has(one.text, "P(at least one in a year):   " + g4(num(pool, "p_loss_per_year_poisson")) +
                          " (Poisson"));
  const pb::Struct& estimates = obj(pool, "estimates");
  const pb::Struct& u = obj(estimates, "unavailability");
  const pb::Struct& losses = obj(estimates, "losses_per_year");
  const pb::Struct& downtime = obj(estimates, "downtime_s_per_year");
  CHECK(has(one.text, "unavailability:              " + text_figure(obj(u, "estimate"))));
  CHECK(has(one.text, "quorum losses per year:      " + text_figure(obj(losses, "estimate"))));
  CHECK(has(one.text,
            "expected downtime per year:  " + g4(num(obj(downtime, "estimate"), "value")) + " s"));
  char rel[32];
  std::snprintf(rel, sizeof rel, "relative half-width %.1f%%",
                100 * num(obj(u, "estimate"), "relative_halfwidth"));
  CHECK(has(one.text, rel));
  CHECK(has(one.text, "Markov chain: unavailability " + g4(num(u, "markov")) +
                          " (inside the interval), " + g4(num(losses, "markov")) +
                          " losses per year (inside the interval)"));
  CHECK(at(u, "markov_inside_interval").bool_value());
  // Downtime per year from the chain is its unavailability times a year.
  CHECK(num(downtime, "markov") == Approx(num(u, "markov") * kRareSecondsPerYear));
  // Plain Monte Carlo over the same unbiased cycles: the count and figure the text printed.
  const double plain_hits = num(obj(pool, "plain_monte_carlo"), "hits");
  if (plain_hits == 0) {
    CHECK(has(one.text, "plain Monte Carlo, same number of unbiased cycles: 0 events observed"));
  } else {
    char plain[80];
    std::snprintf(plain, sizeof plain, "%.0f cycles lost quorum; unavailability ", plain_hits);
    CHECK(has(one.text, plain + text_figure(obj(u, "plain_monte_carlo"))));
  }
  // The page: the estimate with its interval, the chain's value, plain Monte Carlo, the method.
  for (const char* page : {"rare.html", "rare.md"}) {
    INFO(page);
    const std::string text = read_file((dir / "rep" / page).string(), 1 << 20);
    const pb::Struct& e = obj(u, "estimate");
    CHECK(has(text, g4(num(e, "value"))));
    CHECK(has(text, g4(num(e, "ci95_low")) + " .. " + g4(num(e, "ci95_high"))));
    CHECK(has(text, g4(num(u, "markov"))));
    CHECK(has(text, "inside the interval"));
    CHECK(has(text, "Plain Monte Carlo"));
    CHECK(has(text, "importance sampling with balanced failure biasing"));
    CHECK(has(text, "exponential times"));
    CHECK_FALSE(has(text, "Warning"));
  }
  CHECK(has(one.text, "wrote " + (dir / "one.json").string()));
  // drsim report reads sweeps' JSON only, and says what this file is instead.
  const CliOutput report =
      run_cli("report " + (dir / "one.json").string() + " --out " + (dir / "again").string());
  CHECK(report.code != 0);
  CHECK(has(report.text, "a rare-event estimate (drsim sweep --rare --json), not a sweep's JSON"));
}

TEST_CASE(
    "rare outputs: splitting's JSON has no Markov value where the failures are not exponential",
    "[rare][cli]") {
  const auto dir = scratch_dir("rare-json-split");
  const CliOutput o = run_cli("sweep " + source_path("scenarios/rare-pool5-weibull.pb.txt") +
                              " --rare pool-unavailable -n 20 --rare-effort 200 -j 2 --json " +
                              (dir / "s.json").string() + " --report " + dir.string());
  INFO(o.text);
  REQUIRE(o.code == 0);
  const pb::Struct doc = parse(read_file((dir / "s.json").string(), 1 << 20));
  CHECK(at(obj(doc, "method"), "name").string_value() == "splitting");
  CHECK(num(obj(doc, "method"), "trajectories_per_stage") == 200);
  const pb::Struct& pool = at(doc, "pools").list_value().values(0).struct_value();
  CHECK(at(pool, "effective_sample_size").kind_case() == pb::Value::kNullValue);
  CHECK(num(pool, "replications") == 20);
  const pb::Struct& p = obj(obj(pool, "estimates"), "p_loss_within_year");
  CHECK(at(p, "markov").kind_case() == pb::Value::kNullValue);
  if (at(obj(p, "estimate"), "known").bool_value())
    CHECK(has(o.text, "P(quorum lost within a year): " + g4(num(obj(p, "estimate"), "value")) +
                          " (95% CI"));
  CHECK(has(o.text, "Markov chain: none for this failure model"));
  const std::string page = read_file((dir / "rare.html").string(), 1 << 20);
  CHECK(has(page, "fixed-effort multilevel splitting"));
  CHECK(has(page, "none for this failure model"));
}

TEST_CASE(
    "rare outputs: the page warns when the likelihood ratios degenerate and flags a chain outside",
    "[rare]") {
  RareReport r;
  r.scenario = "degenerate";
  r.method = "importance-sampling";
  r.reason = "test";
  RarePoolEstimate p;
  p.pool = "fe.example.com";
  p.is_degenerate = true;
  p.warning = "likelihood ratios degenerate: effective sample size 1.1 of 50 cycles";
  p.effective_sample_size = 1.1;
  p.quantities.push_back(
      {"unavailability", "unavailability", RareFigure{2e-7, 1e-8, true}, 1e-7, true, {}});
  r.pools.push_back(p);
  const std::vector<ReportFile> files = rare_report_files(r);
  REQUIRE(files.size() == 2);
  for (const ReportFile& f : files) {
    INFO(f.name);
    CHECK(has(f.content, "likelihood ratios degenerate: effective sample size 1.1 of 50 cycles"));
    CHECK(has(f.content, "DEGENERATE"));
    CHECK(has(f.content, "OUTSIDE the interval"));
    CHECK(has(f.content, "1.9e-07 .. 2.1e-07"));
    CHECK(has(f.content, "0 events observed; no interval"));
  }
  const pb::Struct doc = parse(rare_json(r));
  const pb::Struct& pool = at(doc, "pools").list_value().values(0).struct_value();
  CHECK(at(pool, "degenerate").bool_value());
  const pb::Struct& u = obj(obj(pool, "estimates"), "unavailability");
  CHECK_FALSE(at(u, "markov_inside_interval").bool_value());
  CHECK_FALSE(at(obj(u, "plain_monte_carlo"), "known").bool_value());
}

TEST_CASE("rare outputs: what --rare does not cover is still refused, before any work",
          "[rare][cli]") {
  const std::string scenario = source_path("scenarios/rare-pool5.pb.txt");
  const CliOutput csv =
      run_cli("sweep " + scenario + " --rare pool-unavailable --replications-csv /tmp/x.csv");
  CHECK(csv.code != 0);
  CHECK(has(csv.text, "--replications-csv"));
  CHECK(has(csv.text, "not with --rare"));
  const CliOutput first =
      run_cli("sweep " + scenario + " --rare pool-unavailable --first-replication 5");
  CHECK(first.code != 0);
  CHECK(has(first.text, "--first-replication"));
  CHECK(has(first.text, "not with --rare"));
  const CliOutput unwritable =
      run_cli("sweep " + scenario + " --rare pool-unavailable --json /nonexistent-dir/rare.json");
  CHECK(unwritable.code != 0);
  CHECK(has(unwritable.text, "/nonexistent-dir/rare.json"));
  CHECK_FALSE(has(unwritable.text, "quorum losses per year"));  // refused before the estimate ran
}
