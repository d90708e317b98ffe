// The topology diagram with more than two sites (analysis/topology_svg.cpp): sites whose
// pools are paired are drawn side by side where the pairing allows, no pairing line crosses
// a site that is not one of its ends, and no pairing label sits on a site; and the boxes of
// the roles beside the pools (Edge, Director, file store, Office Web Apps) in their sites.
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "analysis/report_charts.h"
#include "test_report_util.h"

using namespace drsim;
using namespace report_test;

namespace {

struct Rect {
  double x, y, w, h;
  bool contains(double px, double py) const { return px > x && px < x + w && py > y && py < y + h; }
};
struct Point {
  double x, y;
};

double attr(const std::string& element, const std::string& name) {
  const std::regex re(" " + name + "=\"([-0-9.]+)\"");
  std::smatch m;
  REQUIRE(std::regex_search(element, m, re));
  return std::stod(m[1]);
}

std::vector<Rect> site_rects(const std::string& svg) {
  std::vector<Rect> out;
  const std::regex re("<rect [^>]*class=\"site[^\"]*\"[^>]*/>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it) {
    const std::string e = (*it)[0];
    out.push_back({attr(e, "x"), attr(e, "y"), attr(e, "width"), attr(e, "height")});
  }
  return out;
}

// The points of each pairing path ("M x y", "L x y", "C x1 y1 x2 y2 x y"), curves sampled.
std::vector<std::vector<Point>> pairing_paths(const std::string& svg) {
  std::vector<std::vector<Point>> out;
  const std::regex re("<path d=\"([^\"]*)\" class=\"pair\"/>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it) {
    if ((*it)[1].str().find('h') != std::string::npos) continue;  // the legend's sample line
    std::istringstream in((*it)[1].str());
    std::vector<Point> pts;
    std::string token;
    char command = 0;
    std::vector<double> nums;
    auto flush = [&]() {
      if (command == 'M' || command == 'L') {
        for (size_t i = 0; i + 1 < nums.size(); i += 2) {
          const Point to{nums[i], nums[i + 1]};
          if (!pts.empty()) {  // a straight segment, sampled
            const Point from = pts.back();
            for (int k = 1; k < 40; ++k)
              pts.push_back(
                  {from.x + (to.x - from.x) * k / 40.0, from.y + (to.y - from.y) * k / 40.0});
          }
          pts.push_back(to);
        }
      } else if (command == 'C') {
        REQUIRE(nums.size() == 6);
        const Point p0 = pts.back();
        for (int k = 1; k <= 60; ++k) {
          const double t = k / 60.0, u = 1 - t;
          pts.push_back({u * u * u * p0.x + 3 * u * u * t * nums[0] + 3 * u * t * t * nums[2] +
                             t * t * t * nums[4],
                         u * u * u * p0.y + 3 * u * u * t * nums[1] + 3 * u * t * t * nums[3] +
                             t * t * t * nums[5]});
        }
      }
      nums.clear();
    };
    while (in >> token) {
      if (std::isalpha(static_cast<unsigned char>(token[0]))) {
        flush();
        command = token[0];
        token = token.substr(1);
        if (token.empty()) continue;
      }
      nums.push_back(std::stod(token));
    }
    flush();
    out.push_back(pts);
  }
  return out;
}

// Every pairing line keeps out of every site but the two it joins; every pairing label
// lies outside every site.
void check_pairings_clear_of_sites(const std::string& svg, size_t pairings) {
  const std::vector<Rect> sites = site_rects(svg);
  const auto paths = pairing_paths(svg);
  REQUIRE(paths.size() == pairings);
  for (size_t p = 0; p < paths.size(); ++p) {
    const Point a = paths[p].front(), b = paths[p].back();
    for (size_t s = 0; s < sites.size(); ++s) {
      if (sites[s].contains(a.x, a.y) || sites[s].contains(b.x, b.y))
        continue;  // an end's own site
      for (const Point& q : paths[p]) {
        INFO("pairing " << p << " at (" << q.x << ", " << q.y << ") inside site " << s);
        REQUIRE_FALSE(sites[s].contains(q.x, q.y));
      }
    }
  }
  const std::regex label(
      "<text x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" class=\"(tk|ts)\" "
      "text-anchor=\"middle\">(paired[^<]*|Backup Service)</text>");
  size_t labels = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator();
       ++it, ++labels) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    for (const Rect& s : sites) {
      INFO((*it)[4] << " at (" << x << ", " << y << ")");
      CHECK_FALSE(s.contains(x, y));
    }
  }
  CHECK(labels >= pairings);
}

TopologyPool pool(const std::string& fqdn, const std::string& site, const std::string& backup) {
  TopologyPool p;
  p.fqdn = fqdn;
  p.site = site;
  p.backup_pool = backup;
  p.users = 5000;
  p.routing_groups = 4;
  for (int i = 1; i <= 3; ++i)
    p.front_ends.push_back({"fe" + std::to_string(i) + "." + fqdn, "front_end", site});
  p.back_end.push_back({"sql." + fqdn, "primary", site});
  return p;
}

}  // namespace

TEST_CASE(
    "report topology: four sites in file order dc1, dc3, dc2, dc4 are drawn paired side by side",
    "[report][topology]") {
  // The audit's scenario: pool1 (dc1) with pool2 (dc2), pool3 (dc3) with pool4 (dc4).
  const LoadedScenario s = load_scenario(source("tests/data/four-sites.pb.txt"));
  const ReportTopology t = topology_from_scenario(s.scenario);
  CHECK(order_sites(t) == std::vector<std::string>{"dc1", "dc2", "dc3", "dc4"});
  const LogFile log = run_log(s.scenario, s.sha256);
  const ReportContent c = prepare_report(log, &s.scenario);
  check_pairings_clear_of_sites(c.topology_svg, 2);
  CHECK(html_balance_error(c.topology_svg).empty());
}

TEST_CASE("report topology: three sites paired in a ring route one pairing above the sites",
          "[report][topology]") {
  // a-b, b-c and a-c: whatever the order, one pairing joins sites that are not neighbours.
  ReportTopology t;
  t.from_scenario = true;
  t.sites = {"a", "b", "c"};
  t.pools = {pool("p1.x.com", "a", "p2.x.com"), pool("p2.x.com", "b", "p1.x.com"),
             pool("p3.x.com", "b", "p4.x.com"), pool("p4.x.com", "c", "p3.x.com"),
             pool("p5.x.com", "c", "p6.x.com"), pool("p6.x.com", "a", "p5.x.com")};
  const std::string svg = topology_svg(t, ReportTimeline{});
  check_pairings_clear_of_sites(svg, 3);
  // The routed one says which pools it joins.
  CHECK(svg.find("paired (Backup Service): p") != std::string::npos);
}

TEST_CASE("report topology: three sites in file order with the paired ones apart are reordered",
          "[report][topology]") {
  ReportTopology t;
  t.from_scenario = true;
  t.sites = {"a", "b", "c"};
  t.pools = {pool("p1.x.com", "a", "p3.x.com"), pool("p2.x.com", "b", ""),
             pool("p3.x.com", "c", "p1.x.com")};
  const std::vector<std::string> order = order_sites(t);
  REQUIRE(order.size() == 3);
  const auto a = std::find(order.begin(), order.end(), "a"),
             c = std::find(order.begin(), order.end(), "c");
  CHECK(std::abs(a - c) == 1);
  check_pairings_clear_of_sites(topology_svg(t, ReportTimeline{}), 1);
  // Two sites keep the file's order.
  t.sites = {"b", "a"};
  CHECK(order_sites(t) == std::vector<std::string>{"b", "a"});
}

TEST_CASE(
    "report topology: Director pools, file stores and Office Web Apps farms are drawn in their "
    "sites, two boxes a row below the Edge pools",
    "[report][topology]") {
  ReportTopology t;
  t.from_scenario = true;
  t.sites = {"a", "b"};
  t.pools = {pool("p1.x.com", "a", "p2.x.com"), pool("p2.x.com", "b", "p1.x.com")};
  t.edge_pools = {{"edge1.x.com", "a", "p1.x.com"}};
  t.role_boxes = {{"a", "Director dir1 (2 servers)"},
                  {"a", "File store fs1 (2 DFS members)"},
                  {"b", "Office Web Apps owa2 (1 server)"}};
  const std::string svg = topology_svg(t, ReportTimeline{});
  for (const char* label : {"Edge edge1", "Director dir1 (2 servers)",
                            "File store fs1 (2 DFS members)", "Office Web Apps owa2 (1 server)"})
    CHECK(svg.find(label) != std::string::npos);
  // Site a has three boxes: two rows; the second row's box starts at the first one's x.
  const auto y_of = [&](const std::string& label) {
    const size_t at = svg.find(label);
    REQUIRE(at != std::string::npos);
    const size_t open = svg.rfind("<text", at);
    return attr(svg.substr(open, at - open), "y");
  };
  CHECK(y_of("Director dir1") == Approx(y_of("Edge edge1")));
  CHECK(y_of("File store fs1") == Approx(y_of("Edge edge1") + 34));
  check_pairings_clear_of_sites(svg, 1);
  CHECK(html_balance_error(svg).empty());
}
