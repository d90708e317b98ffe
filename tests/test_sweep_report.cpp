// The sweep report (sweep.html, sweep.md, charts, CSV) and the what-if page, read back with
// independent readers: the digest holds the accumulator's numbers, the HTML is balanced and
// standalone with every chart and its target line, the tables and CSV show the digest's
// percentiles, the verdicts follow the Wilson interval, and the same sweep gives the same bytes.
#include <cmath>
#include <numeric>

#include "analysis/compare_page.h"
#include "analysis/distribution_svg.h"
#include "analysis/markov.h"
#include "analysis/report_format.h"
#include "analysis/sweep.h"
#include "analysis/sweep_page.h"
#include "analysis/sweep_report.h"
#include "experiments/sweep_run.h"
#include "test_report_util.h"

using namespace drsim;
using namespace report_test;

namespace {

// A short sweep of the ten-year two-site scenario (RTO and RPO policy targets for every kind
// of disruption), digested as `drsim sweep` does.
struct SmallSweep {
  LoadedScenario loaded = load_scenario(source("scenarios/mc-two-site-10y.pb.txt"));
  SweepResult result;
  SweepDigest digest;

  explicit SmallSweep(uint64_t replications = 40, uint64_t seed = 7)
      : result(sweep(loaded.scenario, replications, seed)) {
    const SweepReportInfo info{loaded.scenario.name(),        loaded.sha256, seed, 0, false,
                               {"admin.failback_after_s=600"}};
    digest = digest_sweep(loaded.scenario, result.acc, info,
                          analytic_checks(loaded.scenario, result.acc));
  }
  static SweepResult sweep(const scenario::Scenario& s, uint64_t n, uint64_t seed) {
    SweepOptions o;
    o.replications = n;
    o.threads = 2;
    o.seed = seed;
    return run_sweep(s, o);
  }
};

const DistributionDigest& named(const std::vector<std::pair<std::string, DistributionDigest>>& all,
                                const std::string& name) {
  for (const auto& [n, d] : all)
    if (n == name) return d;
  FAIL("no distribution " << name);
  return all.front().second;
}

// The <svg> element of a chart inlined in the page, found by its title.
std::string inline_chart(const std::string& html, const std::string& title) {
  const size_t at = html.find("aria-label=\"" + title);
  if (at == std::string::npos) return "";
  const size_t begin = html.rfind("<svg", at);
  return html.substr(begin, html.find("</svg>", at) + 6 - begin);
}

const std::vector<Cell>* row_starting(const Table& t, const std::string& first) {
  for (const std::vector<Cell>& row : t.rows)
    if (!row.empty() && row[0].text == first) return &row;
  return nullptr;
}

}  // namespace

TEST_CASE("sweep digest: holds the accumulator's statistics, histograms that count every value",
          "[sweep][report]") {
  const SmallSweep s;
  const SweepDigest& d = s.digest;
  const SweepAccumulator& a = s.result.acc;
  CHECK(d.replications == 40);
  CHECK(d.seed == 7);
  CHECK(d.scenario_sha256 == s.loaded.sha256);
  REQUIRE(d.rto_s.size() == static_cast<size_t>(kRtoStageCount));
  REQUIRE(d.rpo_s.size() == static_cast<size_t>(kCategoryCount));
  const DistributionDigest& rto = named(d.rto_s, "total");
  REQUIRE(rto.n > 0);
  CHECK(rto.n == a.rto_s[4].n());
  CHECK(rto.mean == a.rto_s[4].mean());
  CHECK(rto.p95 == a.rto_s[4].quantile(0.95));
  CHECK(rto.max == a.rto_s[4].max());
  CHECK(rto.max_replication == a.rto_s[4].argmax());
  for (const auto& [name, x] : d.rpo_s) {
    INFO(name);
    uint64_t counted = 0;
    for (const HistogramBucket& b : x.histogram) counted += b.count;
    CHECK(counted == x.n);
  }
  CHECK(d.user_availability.histogram.empty());  // as in the JSON: fractions carry none
  CHECK(d.pool_availability.size() == static_cast<size_t>(s.loaded.scenario.pools_size()));
  REQUIRE(d.policy.size() == 4);
  CHECK(d.policy[3].disruption == "site");
  CHECK(d.policy[3].rto_target_s == 1800);
  CHECK(d.policy[3].rto_met.incidents == a.rto_met[3].n);
  CHECK(d.worst_replications.size() == 3);
  // The JSON is written from the digest: its numbers are the digest's.
  const Json doc = JsonParser(sweep_json(d)).parse();
  CHECK(doc.get("rto_s")->get("total")->num("p95") == rto.p95);
  CHECK(doc.get("rto_s")->get("total")->get("histogram")->items.size() == rto.histogram.size());
}

TEST_CASE("sweep digest: the JSON a sweep writes reads back into an equal digest",
          "[sweep][report][digest]") {
  // The report drawn from a saved sweep (viz, reports) is the report of the live sweep.
  const SmallSweep s;
  const SweepDigest back = read_sweep_json(sweep_json(s.digest), "sweep.json");
  CHECK(back.rto_s == s.digest.rto_s);
  CHECK(back.rpo_s == s.digest.rpo_s);
  CHECK(back.worst_replications == s.digest.worst_replications);
  CHECK(back.policy == s.digest.policy);
  CHECK(back == s.digest);
}

TEST_CASE("sweep charts: the axis turns logarithmic for wide ranges, re-binning keeps every value",
          "[sweep][report]") {
  // Narrow: 100 values between 100 s and 300 s, on a linear axis from 0.
  const std::vector<HistogramBucket> narrow = {{100, 102, 30}, {200, 204, 50}, {294, 300, 20}};
  const DistributionAxis lin = distribution_axis(narrow, {});
  CHECK_FALSE(lin.log);
  CHECK(lin.min_s == 0);
  CHECK(lin.max_s >= 300);
  std::vector<HistogramBin> bins = rebin_histogram(narrow, lin);
  CHECK(bins.size() == (lin.ticks_s.size() - 1) * kLinearBinsPerTick);
  double sum = 0;
  for (const HistogramBin& b : bins) sum += b.share;
  CHECK(sum == Approx(1.0));
  // Wide, with zeros: 1 s to 2 h on a log axis, zeros in a slot of their own.
  const std::vector<HistogramBucket> wide = {{0, 0, 10}, {1, 1.02, 40}, {7000, 7140, 50}};
  const DistributionAxis log_axis = distribution_axis(wide, {{1800, "target"}});
  CHECK(log_axis.log);
  CHECK(log_axis.zero_slot);
  CHECK(log_axis.min_s <= 1);
  CHECK(log_axis.max_s >= 7140);
  bins = rebin_histogram(wide, log_axis);
  CHECK(bins.front().high_s == 0);
  CHECK(bins.front().share == Approx(0.1));
  sum = 0;
  for (const HistogramBin& b : bins) sum += b.share;
  CHECK(sum == Approx(1.0));
  // The share meeting a target, reading buckets as uniform.
  CHECK(share_at_most(wide, 1800) == Approx(0.5));
  CHECK(share_at_most(wide, 7070) == Approx(0.75));
  CHECK(share_at_most(wide, 0) == Approx(0.1));
  CHECK(short_duration(1800) == "30m");
  CHECK(short_duration(5400) == "1h 30m");
  CHECK(short_duration(86400) == "1d");
}

TEST_CASE(
    "sweep report: policy verdicts pass or fail only when the Wilson interval is clear of the "
    "required share",
    "[sweep][report]") {
  CHECK(policy_verdict({100, 100, 1.0, 0.9630, 1.0}, 0.95) == "pass");
  CHECK(policy_verdict({100, 100, 1.0, 0.9630, 1.0}, 0.99) == "uncertain");
  CHECK(policy_verdict({100, 50, 0.5, 0.404, 0.596}, 0.99) == "fail");
  CHECK(policy_verdict({0, 0, 0, 0, 1}, 0.99) == "no incidents");
}

TEST_CASE(
    "sweep report: the HTML is balanced and standalone, with histogram and CDF of RTO total and "
    "user-data RPO and their target lines",
    "[sweep][report]") {
  const SmallSweep s;
  const std::vector<ReportFile> files = sweep_report_files(s.digest, {});
  const std::string& html = file_named(files, "sweep.html");
  CHECK(html_balance_error(html).empty());
  for (const char* external :
       {"<script", "src=", "href=", "url(", "@import", "https://", "<link"}) {
    INFO(external);
    CHECK(html.find(external) == std::string::npos);
  }
  for (const char* key :
       {"Seed", "Scenario SHA-256", "drsim version", "Commit", "Replications", "Overrides"})
    CHECK(html.find(std::string("<td>") + key + "</td>") != std::string::npos);
  CHECK(html.find(s.loaded.sha256) != std::string::npos);
  CHECK(html.find("--set admin.failback_after_s=600") != std::string::npos);
  for (const char* title :
       {"RTO total: histogram", "RTO total: cumulative distribution", "RPO: User data: histogram",
        "RPO: User data: cumulative distribution"}) {
    INFO(title);
    const std::string svg = inline_chart(html, title);
    REQUIRE_FALSE(svg.empty());
    CHECK(html_balance_error(svg).empty());
    CHECK(svg.find("class=\"m-target\"") != std::string::npos);
  }
  // The same charts as files for sweep.md, which links each.
  const std::string& md = file_named(files, "sweep.md");
  for (const char* file :
       {"rto-total-histogram.svg", "rto-total-cdf.svg", "rpo-user_data-histogram.svg",
        "rpo-user_data-cdf.svg", "downtime-per-year-histogram.svg"}) {
    INFO(file);
    CHECK(file_named(files, file).rfind("<?xml", 0) == 0);
    CHECK(md.find(std::string("](") + file + ")") != std::string::npos);
  }
  // The histogram marks p50, p95, p99 and the mean with the digest's values.
  const DistributionDigest& rto = named(s.digest.rto_s, "total");
  const std::string hist = inline_chart(html, "RTO total: histogram");
  CHECK(hist.find("p95 " + short_duration(rto.p95)) != std::string::npos);
  CHECK(hist.find("mean " + short_duration(rto.mean)) != std::string::npos);
}

TEST_CASE("sweep report: the table's percentiles and the CSV's are the digest's",
          "[sweep][report][csv]") {
  const SmallSweep s;
  const SweepTables t = sweep_tables(s.digest, {});
  const DistributionDigest& rto = named(s.digest.rto_s, "total");
  const std::vector<Cell>* row = row_starting(t.distributions, "RTO total");
  REQUIRE(row != nullptr);
  REQUIRE(t.distributions.head[4] == "p50");
  CHECK((*row)[4].text == human_s(rto.p50));
  CHECK((*row)[5].text == human_s(rto.p95));
  CHECK((*row)[6].text == human_s(rto.p99));
  CHECK((*row)[7].text == human_s(rto.max));
  const std::string html = sweep_html(s.digest, {});
  CHECK(html.find("<td class=\"num\">" + human_s(rto.p99) + "</td>") != std::string::npos);

  const auto csv = parse_csv(sweep_distributions_csv(s.digest));
  REQUIRE(csv.size() == 1 + kRtoStageCount + kCategoryCount + 1);
  CHECK(csv.back()[0] == "downtime_s_per_year");  // as the JSON and sweep_worst.csv name it
  const auto& head = csv[0];
  for (const auto& r : csv) {
    if (r[0] != "rto_total") continue;
    const auto m = row_map(head, r);
    CHECK(std::strtod(m.at("p50_s").c_str(), nullptr) == rto.p50);
    CHECK(std::strtod(m.at("p99_s").c_str(), nullptr) == rto.p99);
    CHECK(std::strtod(m.at("mean_s").c_str(), nullptr) == rto.mean);
    CHECK(m.at("max_replication") == std::to_string(*rto.max_replication));
  }
}

TEST_CASE("sweep report csv: units last in every column, one row per what each file claims",
          "[sweep][report][csv]") {
  const SmallSweep s;
  const SweepDigest& d = s.digest;
  const std::vector<ReportFile> files = sweep_report_files(d, {});
  size_t buckets = 0, worst = 0, targets = 0;
  for (const auto& [name, x] : d.rto_s) buckets += x.histogram.size();
  for (const auto& [name, x] : d.rpo_s) buckets += x.histogram.size();
  buckets += d.downtime_s_per_year.histogram.size();
  for (const auto& [name, list] : d.worst_replications) worst += list.size();
  for (const PolicyDigest& p : d.policy)
    targets += (p.rto_target_s ? 1 : 0) + (p.rpo_target_s ? 1 : 0);
  const std::pair<const char*, size_t> expected[] = {
      {"sweep_distributions.csv", kRtoStageCount + kCategoryCount + 1},
      {"sweep_histograms.csv", buckets},
      {"sweep_availability.csv", 1 + d.pool_availability.size()},
      {"sweep_policy.csv", targets},
      {"sweep_worst.csv", worst}};
  for (const auto& [name, rows] : expected) {
    INFO(name);
    const auto csv = parse_csv(file_named(files, name));
    REQUIRE(!csv.empty());
    CHECK(csv.size() == rows + 1);
    for (const std::string& column : csv[0]) {
      INFO(column);
      CHECK(unit_last(column));
    }
    for (const auto& r : csv) CHECK(r.size() == csv[0].size());
  }
  CHECK(targets == 8);
  CHECK(worst > 0);
  // The replay command names the seed, the replication and the overrides.
  const auto worst_csv = parse_csv(file_named(files, "sweep_worst.csv"));
  CHECK(worst_csv[1][4] == "drsim run SCENARIO --seed 7 --replication " + worst_csv[1][2] +
                               " --set admin.failback_after_s=600");
}

TEST_CASE("sweep report: the same sweep gives the same bytes, another seed other bytes",
          "[sweep][report]") {
  const SmallSweep a(16), b(16);
  const std::vector<ReportFile> fa = sweep_report_files(a.digest, {}),
                                fb = sweep_report_files(b.digest, {});
  REQUIRE(fa.size() == fb.size());
  for (size_t i = 0; i < fa.size(); ++i) {
    INFO(fa[i].name);
    CHECK(fa[i].name == fb[i].name);
    CHECK(fa[i].content == fb[i].content);
  }
  // Another seed draws other failures: the numbers change, not only the stamp. The CSV
  // files carry no stamp, so they differ only if the statistics do.
  const SmallSweep c(16, 8);
  const std::vector<ReportFile> fc = sweep_report_files(c.digest, {});
  REQUIRE(fc.size() >= 5);
  for (const char* name : {"sweep_distributions.csv", "sweep_histograms.csv",
                           "sweep_availability.csv", "sweep_worst.csv"}) {
    INFO(name);
    CHECK(file_named(fc, name) != file_named(fa, name));
  }
  // And the page with the seed put back is still another page.
  SweepDigest restamped = c.digest;
  restamped.seed = a.digest.seed;
  CHECK(sweep_html(restamped, {}) != sweep_html(a.digest, {}));
}

TEST_CASE(
    "compare report: per metric the means, the paired difference with its interval, significance "
    "and direction",
    "[compare][report]") {
  CompareResult r;
  r.replications = 4;
  r.metrics.push_back({"rto_total_mean_s", false, Stat(1e9), Stat(1e9), Stat(1e9)});
  r.metrics.push_back({"user_availability_fraction", true, Stat(1e9), Stat(1e9), Stat(1e9)});
  r.metrics.push_back({"incidents_per_year_count", false, Stat(1e9), Stat(1e9), Stat(1e9)});
  for (uint64_t k = 0; k < 4; ++k) {
    const double base = 3000 + 100.0 * static_cast<double>(k);
    r.metrics[0].base.add(base, k);
    r.metrics[0].whatif.add(base - 600, k);  // every replication 10 minutes faster
    r.metrics[0].difference.add(-600, k);
    r.metrics[1].base.add(0.999, k);
    r.metrics[1].whatif.add(0.998, k);  // always worse
    r.metrics[1].difference.add(0.998 - 0.999, k);
    r.metrics[2].base.add(1, k);
    r.metrics[2].whatif.add(k % 2 == 0 ? 2.0 : 0.0, k);  // differences +1, -1: no clear change
    r.metrics[2].difference.add(k % 2 == 0 ? 1.0 : -1.0, k);
  }
  CHECK(compare_effect(r.metrics[0]) == "better");
  CHECK(compare_effect(r.metrics[1]) == "worse");
  CHECK(compare_effect(r.metrics[2]) == "no significant change");
  const CompareReportInfo info{
      5, "base", "faster", "aaa", "bbb", {"x=1"}, {"admin.decide_delay.fixed_s=60"}};
  const CompareTables t = compare_tables(r, info);
  REQUIRE(t.metrics.rows.size() == 3);
  CHECK(t.metrics.rows[0][3].text == "-10m 00s");
  CHECK(t.metrics.rows[0][3].tone == "good");
  CHECK(t.metrics.rows[1][8].tone == "bad");
  CHECK(t.metrics.rows[2][7].text == "no");
  CHECK(t.metrics.rows[2][8].tone.empty());
  const std::vector<ReportFile> files = compare_report_files(r, info);
  const std::string& html = file_named(files, "compare.html");
  CHECK(html_balance_error(html).empty());
  CHECK(html.find("<td class=\"num good\">-10m 00s</td>") != std::string::npos);
  CHECK(html.find("--whatif-set admin.decide_delay.fixed_s=60") != std::string::npos);
  CHECK(file_named(files, "compare.md").find("| rto_total_mean_s (lower is better) |") !=
        std::string::npos);
}
