// `drsim sweep --report`, `sweep --grid --report` and `compare --report` end to end: the files
// appear, the page agrees with the JSON of the same sweep, and a directory that cannot be
// made fails before anything runs or is written.
#include <filesystem>
#include <set>

#include "analysis/report_format.h"
#include "cli_util.h"
#include "io/files.h"
#include "test_report_util.h"

using namespace drsim;
using namespace drsim::testing;
using namespace report_test;

namespace {

std::string fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("drsim-test-sweep-report-" + name);
  std::filesystem::remove_all(dir);
  return dir.string();
}

std::string read(const std::string& path) { return read_file(path, 64u << 20); }

const std::string kScenario = source("scenarios/mc-two-site-10y.pb.txt");

}  // namespace

TEST_CASE(
    "cli sweep --report: the page's policy shares are the JSON's, for the ten-year two-site story",
    "[sweep][report][cli]") {
  const std::string dir = fresh_dir("story");
  const CliOutput o = run_cli("sweep " + kScenario + " -n 30 -j 2 --json " + dir +
                              "/sweep.json --report " + dir + "/r");
  REQUIRE(o.code == 0);
  CHECK(o.text.find("wrote " + dir + "/r/sweep.html") != std::string::npos);
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/r"))
    names.insert(e.path().filename().string());
  for (const char* name :
       {"sweep.html", "sweep.md", "rto-total-histogram.svg", "rto-total-cdf.svg",
        "rpo-user_data-histogram.svg", "rpo-user_data-cdf.svg", "sweep_distributions.csv",
        "sweep_histograms.csv", "sweep_availability.csv", "sweep_policy.csv", "sweep_worst.csv"})
    CHECK(names.count(name) == 1);
  for (const std::string& n : names)
    CHECK(n.find(".tmp") == std::string::npos);  // no temporary left over

  const Json doc = JsonParser(read(dir + "/sweep.json")).parse();
  const std::string html = read(dir + "/r/sweep.html");
  CHECK(html_balance_error(html).empty());
  // Site losses against RTO 30 min: the share met in the page is the JSON's, and so is the
  // interval; the verdict follows from the interval and the default required share (0.99).
  const Json* site = nullptr;
  for (const Json& p : doc.get("policy")->items)
    if (p.str("disruption") == "site") site = &p;
  REQUIRE(site != nullptr);
  const Json* met = site->get("rto_met");
  REQUIRE(met != nullptr);
  REQUIRE(met->num("incidents") > 0);
  const std::string row =
      "<td>site</td><td>RTO</td><td class=\"num\">30m 00s</td><td class=\"num\">" +
      grouped(static_cast<int64_t>(met->num("incidents"))) + "</td><td class=\"num\">" +
      grouped(static_cast<int64_t>(met->num("met"))) + "</td><td class=\"num\">" +
      fixed(met->num("fraction") * 100, 2) + " %</td><td class=\"num\">[" +
      fixed(met->num("ci95_low") * 100, 2) + ", " + fixed(met->num("ci95_high") * 100, 2) +
      "] %</td>";
  CHECK(html.find(row) != std::string::npos);
  const std::string verdict = met->num("ci95_low") >= 0.99   ? "pass"
                              : met->num("ci95_high") < 0.99 ? "fail"
                                                             : "uncertain";
  CHECK(html.find(row + "<td class=\"" +
                  std::string(verdict == "pass"   ? "good"
                              : verdict == "fail" ? "bad"
                                                  : "warn") +
                  "\">" + verdict + "</td>") != std::string::npos);
  // The replay commands name the scenario file as given.
  CHECK(read(dir + "/r/sweep_worst.csv").find("drsim run " + kScenario + " --seed ") !=
        std::string::npos);
}

TEST_CASE(
    "cli sweep --report: a directory that cannot be made fails before the sweep, nothing written",
    "[sweep][report][cli]") {
  const std::string dir = fresh_dir("bad");
  std::filesystem::create_directories(dir);
  write_file_atomically(dir + "/file", "x");
  const CliOutput o = run_cli("sweep " + kScenario + " -n 4 --json " + dir +
                              "/sweep.json --report " + dir + "/file/r");
  CHECK(o.code == 1);
  CHECK(o.text.find(dir + "/file/r") != std::string::npos);
  CHECK(o.text.find("replications of") == std::string::npos);  // the sweep never ran
  CHECK_FALSE(std::filesystem::exists(dir + "/sweep.json"));
  const CliOutput c =
      run_cli("compare " + kScenario +
              " --whatif-set admin.decide_delay.fixed_s=60 -n 4 --report " + dir + "/file/c");
  CHECK(c.code == 1);
  CHECK(c.text.find("paired replications") == std::string::npos);
}

TEST_CASE("cli sweep --grid --report and compare --report write their pages",
          "[sweep][report][cli]") {
  const std::string dir = fresh_dir("grid");
  const CliOutput g = run_cli("sweep " + kScenario +
                              " -n 3 -j 2 --grid backup_service.sync_interval_s=30,300 --csv " +
                              dir + "/g.csv --report " + dir + "/g");
  REQUIRE(g.code == 0);
  CHECK(read(dir + "/g/grid.csv") == read(dir + "/g.csv"));
  const std::string html = read(dir + "/g/grid.html");
  CHECK(html_balance_error(html).empty());
  CHECK(html.find("<th>sync_interval_s</th>") != std::string::npos);
  CHECK(parse_csv(read(dir + "/g/grid.csv")).size() == 3);
  const std::string grid_md = read(dir + "/g/grid.md");
  CHECK(std::count(grid_md.begin(), grid_md.end(), '\n') > 10);
  // Both pages carry the stamp: seed, scenario SHA-256, version and commit.
  const LoadedScenario loaded = load_scenario(kScenario);
  const std::vector<std::string> stamp = {std::to_string(loaded.scenario.seed()), loaded.sha256,
                                          kVersion, kGitCommit};
  for (const std::string& part : stamp) {
    INFO(part);
    CHECK(html.find(part) != std::string::npos);
    CHECK(grid_md.find(part) != std::string::npos);
  }

  const CliOutput c = run_cli(
      "compare " + kScenario +
      " --whatif-set admin.decide_delay.lognormal.median_s=60 -n 6 -j 2 --report " + dir + "/c");
  REQUIRE(c.code == 0);
  const std::string page = read(dir + "/c/compare.html");
  CHECK(html_balance_error(page).empty());
  CHECK(page.find("--whatif-set admin.decide_delay.lognormal.median_s=60") != std::string::npos);
  for (const char* metric : {"user_availability_fraction", "downtime_per_year_s",
                             "rto_total_mean_s", "rpo_user_data_max_s", "incidents_per_year_count"})
    CHECK(page.find(std::string("<td>") + metric) != std::string::npos);
  CHECK(read(dir + "/c/compare.md").find("| Metric | Base mean | What-if mean | Difference |") !=
        std::string::npos);
  for (const std::string& part : stamp) {
    INFO(part);
    CHECK(page.find(part) != std::string::npos);
    CHECK(read(dir + "/c/compare.md").find(part) != std::string::npos);
  }
}

TEST_CASE(
    "cli sweep --replications-csv: one row per replication, the same bytes on one thread or two",
    "[sweep][report][cli]") {
  const std::string dir = fresh_dir("rows");
  std::filesystem::create_directories(dir);
  REQUIRE(run_cli("sweep " + kScenario + " -n 30 -j 1 --replications-csv " + dir +
                  "/one.csv --json " + dir + "/s.json")
              .code == 0);
  REQUIRE(
      run_cli("sweep " + kScenario + " -n 30 -j 2 --replications-csv " + dir + "/two.csv").code ==
      0);
  const std::string one = read(dir + "/one.csv");
  CHECK(one == read(dir + "/two.csv"));
  const auto rows = parse_csv(one);
  REQUIRE(rows.size() == 31);
  for (const std::string& column : rows[0]) {
    INFO(column);
    CHECK(unit_last(column));
  }
  const LoadedScenario loaded = load_scenario(kScenario);
  // In replication order, each with the seed that replays it, and the figures the sweep's
  // summary is made of: the worst rows are the JSON's worst replications.
  const Json doc = JsonParser(read(dir + "/s.json")).parse();
  double longest_rto = 0, worst_downtime = 0;
  std::string longest_at, worst_at;
  for (size_t i = 1; i < rows.size(); ++i) {
    auto r = row_map(rows[0], rows[i]);
    CHECK(r["replication"] == std::to_string(i - 1));
    CHECK(r["seed"] == std::to_string(loaded.scenario.seed()));
    CHECK(std::stoull(r["incidents_with_impact_count"]) <= std::stoull(r["incidents_count"]));
    CHECK(std::stod(r["user_availability_fraction"]) <= 1);
    CHECK(std::stoull(r["events_count"]) > 0);
    if (std::stod(r["rto_total_max_s"]) > longest_rto)
      longest_rto = std::stod(r["rto_total_max_s"]), longest_at = r["replication"];
    if (std::stod(r["downtime_per_year_s"]) > worst_downtime)
      worst_downtime = std::stod(r["downtime_per_year_s"]), worst_at = r["replication"];
  }
  const Json* worst = doc.get("worst_replications");
  REQUIRE(worst != nullptr);
  CHECK(std::to_string(static_cast<uint64_t>(
            worst->get("rto_total_s")->items.at(0).num("replication"))) == longest_at);
  CHECK(worst->get("rto_total_s")->items.at(0).num("value") == Approx(longest_rto).margin(1e-6));
  CHECK(std::to_string(static_cast<uint64_t>(
            worst->get("downtime_s_per_year")->items.at(0).num("replication"))) == worst_at);
  // Not with a grid; the path is refused before anything runs.
  CHECK(run_cli("sweep " + kScenario +
                " -n 3 --grid backup_service.sync_interval_s=30,60 --replications-csv " + dir +
                "/g.csv")
            .code == 2);
}
