// The labels of the sweep charts (analysis/distribution_svg.h): percentile, mean and target
// tags above a histogram or cumulative distribution never overlap, their leader lines cross
// no label, and the chart makes room for as many rows as the tags need.
#include <catch2/catch.hpp>
#include <random>
#include <regex>

#include "analysis/distribution_svg.h"
#include "analysis/svg.h"
#include "analysis/sweep_digest.h"
#include "analysis/sweep_page.h"
#include "experiments/sweep_run.h"
#include "story_util.h"

using namespace drsim;

namespace {

constexpr double kDay = 86400;

// A digest like the ten-year sweep's Call Park RPO: values spread over ten years, the mean
// with a wide interval right beside p50, and p95 and p99 close together at the top.
DistributionDigest call_park_like() {
  DistributionDigest d;
  d.n = 400;
  d.mean = 1829 * kDay + 23 * 3600 + 31 * 60;
  d.ci95_halfwidth = 75 * kDay + 11 * 3600 + 12 * 60;
  d.p50 = 1802 * kDay;
  d.p95 = 3470 * kDay;
  d.p99 = 3610 * kDay + 21 * 3600 + 40 * 60;
  d.max = 3650 * kDay;
  d.max_replication = 7;
  for (int i = 0; i < 40; ++i) {
    const double low = (10 + i * 91) * kDay;
    d.histogram.push_back({low, low * 1.02, 10});
  }
  return d;
}

struct TextBox {
  double left, right, baseline;
  std::string text;
};

// The tag texts of an SVG (classes ts and tt, above the plot's top `top_px`), as boxes.
std::vector<TextBox> tag_boxes(const std::string& svg, double top_px) {
  std::vector<TextBox> out;
  const std::regex text_re(
      "<text x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" class=\"(ts|tt)\">([^<]*)</text>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text_re);
       it != std::sregex_iterator(); ++it) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    if (y >= top_px) continue;  // axis tick labels and the like
    const ChartTag t{0, (*it)[4], (*it)[3]};
    // The text starts 3 px into its box.
    out.push_back({x - 3, x - 3 + tag_width_px(t), y, (*it)[4]});
  }
  return out;
}

void check_no_overlap(const std::vector<TextBox>& boxes) {
  for (size_t i = 0; i < boxes.size(); ++i) {
    for (size_t j = i + 1; j < boxes.size(); ++j) {
      INFO("'" << boxes[i].text << "' and '" << boxes[j].text << "'");
      const bool same_row = std::abs(boxes[i].baseline - boxes[j].baseline) < 10;
      CHECK_FALSE((same_row && boxes[i].left < boxes[j].right && boxes[j].left < boxes[i].right));
    }
  }
}

}  // namespace

TEST_CASE("sweep charts: the Call Park histogram's tags do not overlap, p99 beside a wide mean",
          "[sweep][report][charts]") {
  const DistributionDigest d = call_park_like();
  DistributionChart c;
  c.title = "RPO Call Park";
  c.counted = "incidents";
  const std::string svg = histogram_svg(d, c);
  const std::vector<TextBox> boxes = tag_boxes(svg, 200);
  // p50, p95, p99 and the mean: four labels, each whole.
  REQUIRE(boxes.size() >= 3);
  bool mean = false, p99 = false;
  for (const TextBox& b : boxes) {
    mean = mean || b.text.rfind("mean ", 0) == 0;
    p99 = p99 || b.text.find("p99 ") != std::string::npos;
    CHECK(b.left >= 0);
    CHECK(b.right <= c.width_px);
  }
  CHECK(mean);
  CHECK(p99);
  check_no_overlap(boxes);
}

TEST_CASE("sweep charts: tags placed anywhere never overlap and their leaders cross no box",
          "[sweep][report][charts]") {
  std::mt19937 rng(12345);  // test inputs only: the layout itself draws nothing at random
  std::uniform_real_distribution<double> where(60, 570);
  std::uniform_real_distribution<double> right_half(300, 570);
  std::uniform_int_distribution<int> count(1, 8), length(4, 40);
  int rows_max = 0, edge_trials = 0;
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<ChartTag> tags;
    const int n = count(rng);
    for (int i = 0; i < n; ++i) {
      // Clusters too, and every other trial in the right half, where lines crowd the edge.
      const double x = i > 0 && trial % 3 == 0 ? tags.back().x + 2
                       : trial % 2 == 0        ? right_half(rng)
                                               : where(rng);
      tags.push_back(
          {x, std::string(static_cast<size_t>(length(rng)), 'm'), i % 4 == 3 ? "tt" : "ts"});
    }
    const std::vector<PlacedTag> placed = layout_tags(tags, 2, 588);
    INFO("trial " << trial);
    // Leaders keep clear of boxes whenever every box (tags on one line joined) has room on
    // the left of its line, so that none is pinned to the right over the line of a tag the
    // right edge pushed left: true of every real chart, whose lines start well into the plot.
    bool one_side = true, edge = false;
    for (const PlacedTag& t : placed) {
      one_side = one_side && t.x - t.width >= 2;
      edge = edge || t.x + t.width > 588;
    }
    edge_trials += one_side && edge ? 1 : 0;
    REQUIRE(!placed.empty());
    rows_max = std::max(rows_max, tag_rows(placed));
    CHECK(tag_rows(placed) <= n);
    for (size_t i = 0; i < placed.size(); ++i) {
      const PlacedTag& a = placed[i];
      CHECK(a.left >= 2);
      CHECK(a.left + a.width <= 588 + 1e-9);
      for (size_t j = 0; j < placed.size(); ++j) {
        if (i == j) continue;
        const PlacedTag& b = placed[j];
        if (a.row == b.row) CHECK_FALSE((a.left < b.left + b.width && b.left < a.left + a.width));
        // a's leader runs from its row down to the plot: through the rows below it.
        if (one_side && b.row < a.row) CHECK_FALSE((a.x > b.left && a.x < b.left + b.width));
      }
    }
  }
  CHECK(rows_max > 3);      // crowded charts get more rows than the old three
  CHECK(edge_trials > 30);  // tags pushed left by the chart's edge among them
}

TEST_CASE("sweep charts: the total RTO is split by kind of disruption, each against its own target",
          "[sweep][report][charts]") {
  const scenario::Scenario s = drsim::testing::load_story("mc-two-site-10y");
  SweepOptions o;
  o.replications = 60;
  o.threads = 2;
  o.seed = s.seed();
  const SweepResult r = run_sweep(s, o);
  const SweepDigest d = digest_sweep(s, r.acc, {s.name(), "sha", o.seed, 0, false, {}}, {});
  REQUIRE(d.rto_total_s_by_disruption.size() == 5);
  uint64_t split = 0;
  for (const auto& [disruption, x] : d.rto_total_s_by_disruption) split += x.n;
  uint64_t total = 0;
  for (const auto& [stage, x] : d.rto_s)
    if (stage == "total") total = x.n;
  CHECK(split == total);  // every incident with user impact in exactly one kind
  const auto& site = d.rto_total_s_by_disruption[3];
  CHECK(site.first == "site");
  CHECK(site.second.n > 0);
  bool site_chart = false;
  for (const SweepChart& c : sweep_charts(d)) {
    if (c.file != "rto-total-site-histogram.svg") continue;
    site_chart = true;
    CHECK(c.svg.find("target 30m") != std::string::npos);
  }
  // 60 ten-year replications hurt users with site, Back End and server incidents alike.
  size_t kinds = 0;
  for (const auto& [disruption, x] : d.rto_total_s_by_disruption) kinds += x.n > 0 ? 1 : 0;
  CHECK(kinds >= 2);
  CHECK(site_chart);
}
