// The topology diagram as SVG; see report_charts.h.
//
// Layout is fixed-size boxes, so it needs no solver: sites side by side, pools stacked in
// their site, Front Ends in a grid and SQL servers below them. Pairing lines cross the gaps
// between sites; WAN links run along a bus under the sites, one level per link.
#include <algorithm>
#include <cctype>
#include <map>

#include "analysis/report_charts.h"
#include "analysis/report_format.h"
#include "analysis/report_style.h"
#include "analysis/svg.h"

namespace drsim {

namespace {

constexpr double kMargin = 20, kSiteGap = 180, kPad = 14;
constexpr double kPoolW = 440, kSiteW = kPoolW + 2 * kPad;
constexpr double kFeW = 54, kFeH = 24, kSqlW = 134, kSqlH = 36, kCell = 6;
constexpr size_t kFePerRow = 7, kSqlPerRow = 3;

std::string short_name(const std::string& fqdn) { return fqdn.substr(0, fqdn.find('.')); }

size_t rows(size_t n, size_t per_row) { return std::max<size_t>(1, (n + per_row - 1) / per_row); }

double pool_height(const TopologyPool& p) {
  return 58 + 18 + static_cast<double>(rows(p.front_ends.size(), kFePerRow)) * (kFeH + kCell) + 22 +
         static_cast<double>(rows(p.back_end.size(), kSqlPerRow)) * (kSqlH + kCell) + 8;
}

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
};

class TopologyDrawer {
 public:
  TopologyDrawer(const ReportTopology& t, const ReportTimeline& timeline);
  std::string draw();

 private:
  void draw_pool(const TopologyPool& p, double x, double y);
  void draw_server(const TopologyServer& s, double x, double y, double w, double h, bool two_lines);
  std::string down_note(const std::string& subject) const;

  const ReportTopology& t_;
  SvgWriter w_;
  std::map<std::string, int64_t> down_us_;  // total time down per subject
  std::map<std::string, Box> site_box_, pool_box_;
  std::vector<std::string> sites_;
};

TopologyDrawer::TopologyDrawer(const ReportTopology& t, const ReportTimeline& timeline) : t_(t) {
  for (const Lane& lane : timeline.lanes) {
    if (lane.kind != LaneKind::kComponent && lane.kind != LaneKind::kPool) continue;
    for (const LaneSpan& s : lane.spans) {
      if (s.state == "down" || s.state == "stopped") down_us_[lane.subject] += s.end_us - s.start_us;
    }
  }
  sites_ = t.sites;
  for (const TopologyPool& p : t.pools) {
    if (p.site.empty() && std::find(sites_.begin(), sites_.end(), "") == sites_.end()) sites_.push_back("");
  }
  if (!t.unplaced_servers.empty() && std::find(sites_.begin(), sites_.end(), "") == sites_.end())
    sites_.push_back("");
}

std::string TopologyDrawer::down_note(const std::string& subject) const {
  const auto it = down_us_.find(subject);
  if (it == down_us_.end()) return "";
  return "down " + human_s(static_cast<double>(it->second) / 1e6) + " during the run";
}

void TopologyDrawer::draw_server(const TopologyServer& s, double x, double y, double w, double h,
                                 bool two_lines) {
  const std::string note = down_note(s.fqdn);
  w_.open("g");
  w_.leaf("title", {}, s.fqdn + (s.role == "front_end" ? "" : " (" + s.role + ")") + (note.empty() ? "" : ", " + note));
  w_.leaf("rect", {{"x", svg_num(x)}, {"y", svg_num(y)}, {"width", svg_num(w)}, {"height", svg_num(h)},
                   {"rx", "3"}, {"class", note.empty() ? "srv" : "srv-down"}});
  w_.text(x + w / 2, y + (two_lines ? 15 : 16), fit_text(short_name(s.fqdn), 11, w - 6), "t", "middle");
  if (two_lines) {
    std::string role = s.role == "sql_server" ? "SQL Server" : s.role;
    std::replace(role.begin(), role.end(), '_', ' ');
    w_.text(x + w / 2, y + 29, fit_text(role, 9, w - 6), "ts", "middle");
  }
  w_.close();
}

void TopologyDrawer::draw_pool(const TopologyPool& p, double x, double y) {
  const double h = pool_height(p);
  pool_box_[p.fqdn] = {x, y, kPoolW, h};
  const std::string note = down_note(p.fqdn);
  w_.leaf("rect", {{"x", svg_num(x)}, {"y", svg_num(y)}, {"width", svg_num(kPoolW)}, {"height", svg_num(h)},
                   {"rx", "6"}, {"class", note.empty() ? "pool" : "pool srv-down"}});
  w_.text(x + 12, y + 20, p.fqdn, "tb");
  if (p.fqdn == t_.cms_pool) {
    w_.leaf("rect", {{"x", svg_num(x + kPoolW - 52)}, {"y", svg_num(y + 8)}, {"width", "42"}, {"height", "17"},
                     {"rx", "8"}, {"class", "cms"}});
    w_.text(x + kPoolW - 31, y + 20, "CMS", "tk", "middle");
  }
  std::string info = grouped(p.users) + " users";
  if (p.routing_groups > 0) info += ", " + std::to_string(p.routing_groups) + " routing groups";
  if (!note.empty()) info += "; " + note;
  w_.text(x + 12, y + 38, fit_text(info, 11, kPoolW - 24), "t");
  double yy = y + 58;
  w_.text(x + 12, yy + 4, "Front End servers", "ts");
  yy += 10;
  if (p.front_ends.empty()) w_.text(x + 12, yy + 16, "none named in the event log", "ts");
  for (size_t i = 0; i < p.front_ends.size(); ++i) {
    draw_server(p.front_ends[i], x + 12 + static_cast<double>(i % kFePerRow) * (kFeW + kCell),
                yy + static_cast<double>(i / kFePerRow) * (kFeH + kCell), kFeW, kFeH, false);
  }
  yy += static_cast<double>(rows(p.front_ends.size(), kFePerRow)) * (kFeH + kCell) + 12;
  std::string ha = p.ha_mode;
  std::transform(ha.begin(), ha.end(), ha.begin(), [](char c) { return c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  w_.text(x + 12, yy + 4, "Back End SQL" + (ha.empty() ? std::string() : " (" + ha + ")"), "ts");
  yy += 10;
  if (p.back_end.empty()) w_.text(x + 12, yy + 16, "none named in the event log", "ts");
  for (size_t i = 0; i < p.back_end.size(); ++i) {
    draw_server(p.back_end[i], x + 12 + static_cast<double>(i % kSqlPerRow) * (kSqlW + kCell),
                yy + static_cast<double>(i / kSqlPerRow) * (kSqlH + kCell), kSqlW, kSqlH, true);
  }
}

std::string TopologyDrawer::draw() {
  double x = kMargin;
  const double top = kMargin + (t_.from_scenario ? 34 : 46);
  double bottom = top;
  w_.text(kMargin, kMargin + 12, t_.from_scenario ? "Sites, pools and servers" : "Sites, pools and servers (inferred from the event log)", "th");
  if (!t_.from_scenario)
    w_.text(kMargin, kMargin + 28, "Only components that changed state appear; pass --scenario for the full topology.", "t");
  for (const std::string& site : sites_) {
    double h = 40;
    std::vector<const TopologyEdgePool*> edges;
    for (const TopologyEdgePool& e : t_.edge_pools) {
      if (e.site == site) edges.push_back(&e);
    }
    if (!edges.empty()) h += 34;
    for (const TopologyPool& p : t_.pools) {
      if (p.site == site) h += pool_height(p) + kPad;
    }
    std::vector<TopologyServer> loose;
    for (const TopologyServer& s : t_.unplaced_servers) {
      if (s.site == site) loose.push_back(s);
    }
    if (!loose.empty()) h += 20 + static_cast<double>(rows(loose.size(), kSqlPerRow)) * (kSqlH + kCell);
    site_box_[site] = {x, top, kSiteW, h};
    const std::string note = down_note(site);
    w_.leaf("rect", {{"x", svg_num(x)}, {"y", svg_num(top)}, {"width", svg_num(kSiteW)}, {"height", svg_num(h)},
                     {"rx", "10"}, {"class", note.empty() ? "site" : "site srv-down"}});
    w_.text(x + kPad, top + 24, (site.empty() ? "site unknown" : "Site " + site) + (note.empty() ? "" : ": " + note), "th");
    double yy = top + 40;
    for (size_t i = 0; i < edges.size(); ++i) {
      const double ex = x + kPad + static_cast<double>(i) * 214;
      w_.leaf("rect", {{"x", svg_num(ex)}, {"y", svg_num(yy)}, {"width", "206"}, {"height", "24"}, {"rx", "4"}, {"class", "be"}});
      w_.text(ex + 8, yy + 16, fit_text("Edge " + short_name(edges[i]->fqdn) + " \xE2\x86\x92 next hop " +
                                        short_name(edges[i]->next_hop_pool), 10, 192), "t");
    }
    if (!edges.empty()) yy += 34;
    for (const TopologyPool& p : t_.pools) {
      if (p.site != site) continue;
      draw_pool(p, x + kPad, yy);
      yy += pool_height(p) + kPad;
    }
    if (!loose.empty()) {
      w_.text(x + kPad, yy + 8, "SQL servers whose pool the log does not name", "ts");
      for (size_t i = 0; i < loose.size(); ++i)
        draw_server(loose[i], x + kPad + static_cast<double>(i % kSqlPerRow) * (kSqlW + kCell),
                    yy + 16 + static_cast<double>(i / kSqlPerRow) * (kSqlH + kCell), kSqlW, kSqlH, true);
    }
    bottom = std::max(bottom, top + h);
    x += kSiteW + kSiteGap;
  }
  const double width = std::max(x - kSiteGap + kMargin, 700.0);

  // Pairing: one line per pair, between the facing edges of the two pool boxes.
  for (const TopologyPool& p : t_.pools) {
    const auto a = pool_box_.find(p.fqdn), b = pool_box_.find(p.backup_pool);
    if (a == pool_box_.end() || b == pool_box_.end() || p.fqdn > p.backup_pool) continue;
    const Box& l = a->second.x <= b->second.x ? a->second : b->second;
    const Box& r = a->second.x <= b->second.x ? b->second : a->second;
    const double ly = l.y + l.h / 2, ry = r.y + r.h / 2;
    std::string d;
    if (r.x > l.x) {
      d = "M" + svg_num(l.x + l.w) + " " + svg_num(ly) + " C" + svg_num(l.x + l.w + 60) + " " + svg_num(ly) +
          " " + svg_num(r.x - 60) + " " + svg_num(ry) + " " + svg_num(r.x) + " " + svg_num(ry);
    } else {  // both in one site: an arc on the right
      d = "M" + svg_num(l.x + l.w) + " " + svg_num(ly) + " C" + svg_num(l.x + l.w + 70) + " " + svg_num(ly) +
          " " + svg_num(r.x + r.w + 70) + " " + svg_num(ry) + " " + svg_num(r.x + r.w) + " " + svg_num(ry);
    }
    w_.leaf("path", {{"d", d}, {"class", "pair"}});
    const double mx = r.x > l.x ? (l.x + l.w + r.x) / 2 : l.x + l.w + 56, my = (ly + ry) / 2;
    w_.text(mx, my - 8, "paired", "tk", "middle");
    w_.text(mx, my + 18, "Backup Service", "ts", "middle");
  }
  // WAN links along a bus under the sites.
  double bus = bottom + 30;
  for (const TopologyLink& l : t_.links) {
    const auto a = site_box_.find(l.site_a), b = site_box_.find(l.site_b);
    std::string label = "WAN link " + l.name;
    if (l.bandwidth_mbps > 0) label += ", " + grouped(static_cast<int64_t>(l.bandwidth_mbps)) + " Mbps";
    if (l.latency_ms > 0) label += ", " + number(l.latency_ms) + " ms";
    if (a == site_box_.end() || b == site_box_.end()) {
      w_.text(kMargin, bus, label + " (its sites are not in the log)", "t");
      bus += 26;
      continue;
    }
    const double ax = a->second.x + kSiteW / 2, bx = b->second.x + kSiteW / 2;
    w_.leaf("path", {{"d", "M" + svg_num(ax) + " " + svg_num(a->second.y + a->second.h) + " V" + svg_num(bus) +
                               " H" + svg_num(bx) + " V" + svg_num(b->second.y + b->second.h)},
                     {"class", "wan"}});
    const std::string note = down_note(l.name);
    w_.text((ax + bx) / 2, bus - 6, label + (note.empty() ? "" : "; " + note), "t", "middle");
    bus += 26;
  }
  // Legend.
  const double ly = bus + 6;
  double lx = kMargin;
  const std::pair<const char*, const char*> items[] = {
      {"srv", "server"}, {"srv-down", "went down during the run"}, {"cms", "CMS master at the start"}};
  for (const auto& [cls, label] : items) {
    w_.leaf("rect", {{"x", svg_num(lx)}, {"y", svg_num(ly)}, {"width", "22"}, {"height", "13"}, {"rx", "3"}, {"class", cls}});
    w_.text(lx + 28, ly + 11, label, "t");
    lx += 40 + text_width_px(label, 11);
  }
  w_.leaf("path", {{"d", "M" + svg_num(lx) + " " + svg_num(ly + 7) + " h30"}, {"class", "pair"}});
  w_.text(lx + 36, ly + 11, "pool pairing", "t");
  lx += 56 + text_width_px("pool pairing", 11);
  w_.leaf("path", {{"d", "M" + svg_num(lx) + " " + svg_num(ly + 7) + " h30"}, {"class", "wan"}});
  w_.text(lx + 36, ly + 11, "WAN link", "t");
  return svg_element(width, ly + 26, "Topology: sites, pools and servers", chart_css(), w_.str());
}

}  // namespace

std::string topology_svg(const ReportTopology& topology, const ReportTimeline& timeline) {
  TopologyDrawer d(topology, timeline);
  return d.draw();
}

}  // namespace drsim
