// The topology diagram as SVG; see report_charts.h.
//
// Layout is fixed-size boxes, so it needs no solver: sites side by side, pools stacked in
// their site, Front Ends in a grid and SQL servers below them. Sites are ordered so that
// paired pools sit in neighbouring sites where the pairing allows (order_sites); a pairing
// between neighbours crosses the gap between them, one between sites further apart runs up
// its gap to a channel above all sites and down the gap beside the other, so no pairing line
// crosses a site. WAN links run along a bus under the sites, one level per link.
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
// Pairings routed over the sites: one channel each, this far apart, above the site row.
constexpr double kChannelPx = 18;
// A routed pairing's vertical runs in a gap: this far from the site edge, then one step
// further per pairing already there.
constexpr double kRiserPx = 14;
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

}  // namespace

std::vector<std::string> order_sites(const ReportTopology& t) {
  std::vector<std::string> sites = t.sites;
  std::map<std::string, std::string> site_of;
  for (const TopologyPool& p : t.pools) site_of[p.fqdn] = p.site;
  // Pairings between two different sites, counted once per pair of pools.
  std::map<std::pair<std::string, std::string>, int> pairs;
  for (const TopologyPool& p : t.pools) {
    const auto b = site_of.find(p.backup_pool);
    if (b == site_of.end() || b->second == p.site || p.fqdn > p.backup_pool) continue;
    pairs[std::minmax(p.site, b->second)] += 1;
  }
  auto weight = [&](const std::string& a, const std::string& b) {
    const auto it = pairs.find(std::minmax(a, b));
    return it == pairs.end() ? 0 : it->second;
  };
  if (sites.size() < 3) return sites;
  // A chain grown at both ends: each step adds the unplaced site with the most pairings to an
  // end (ties: the earlier in the file, then the right end), so paired sites end up adjacent
  // unless the pairing has a cycle or a site pairs with more than two others.
  std::vector<std::string> chain = {sites.front()};
  std::vector<std::string> left(sites.begin() + 1, sites.end());
  while (!left.empty()) {
    size_t best = 0;
    int best_w = -1;
    bool at_front = false;
    for (size_t i = 0; i < left.size(); ++i) {
      const int wb = weight(chain.back(), left[i]), wf = weight(chain.front(), left[i]);
      if (wb > best_w) best = i, best_w = wb, at_front = false;
      if (wf > best_w) best = i, best_w = wf, at_front = true;
    }
    if (at_front)
      chain.insert(chain.begin(), left[best]);
    else
      chain.push_back(left[best]);
    left.erase(left.begin() + static_cast<long>(best));
  }
  return chain;
}

namespace {

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
      if (s.state == "down" || s.state == "stopped")
        down_us_[lane.subject] += s.end_us - s.start_us;
    }
  }
  sites_ = order_sites(t);
  for (const TopologyPool& p : t.pools) {
    if (p.site.empty() && std::find(sites_.begin(), sites_.end(), "") == sites_.end())
      sites_.push_back("");
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
  w_.leaf("title", {},
          s.fqdn + (s.role == "front_end" ? "" : " (" + s.role + ")") +
              (note.empty() ? "" : ", " + note));
  w_.leaf("rect", {{"x", svg_num(x)},
                   {"y", svg_num(y)},
                   {"width", svg_num(w)},
                   {"height", svg_num(h)},
                   {"rx", "3"},
                   {"class", note.empty() ? "srv" : "srv-down"}});
  w_.text(x + w / 2, y + (two_lines ? 15 : 16), fit_text(short_name(s.fqdn), 11, w - 6), "t",
          "middle");
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
  w_.leaf("rect", {{"x", svg_num(x)},
                   {"y", svg_num(y)},
                   {"width", svg_num(kPoolW)},
                   {"height", svg_num(h)},
                   {"rx", "6"},
                   {"class", note.empty() ? "pool" : "pool srv-down"}});
  w_.text(x + 12, y + 20, p.fqdn, "tb");
  if (p.fqdn == t_.cms_pool) {
    w_.leaf("rect", {{"x", svg_num(x + kPoolW - 52)},
                     {"y", svg_num(y + 8)},
                     {"width", "42"},
                     {"height", "17"},
                     {"rx", "8"},
                     {"class", "cms"}});
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
  std::transform(ha.begin(), ha.end(), ha.begin(), [](char c) {
    return c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
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
  // Pairings between sites that are not neighbours each need a channel above the sites.
  std::map<std::string, size_t> site_index;
  for (size_t i = 0; i < sites_.size(); ++i) site_index[sites_[i]] = i;
  std::map<std::string, std::string> site_of;
  for (const TopologyPool& p : t_.pools) site_of[p.fqdn] = p.site;
  size_t channels = 0;
  for (const TopologyPool& p : t_.pools) {
    const auto b = site_of.find(p.backup_pool);
    if (b == site_of.end() || p.fqdn > p.backup_pool || site_index.count(p.site) == 0 ||
        site_index.count(b->second) == 0)
      continue;
    const size_t i = site_index[p.site], j = site_index[b->second];
    channels += (i > j ? i - j : j - i) > 1 ? 1 : 0;
  }
  const double channel_top = kMargin + (t_.from_scenario ? 34 : 46);
  const double top =
      channel_top + static_cast<double>(channels) * kChannelPx + (channels > 0 ? 14 : 0);
  double bottom = top;
  w_.text(kMargin, kMargin + 12,
          t_.from_scenario ? "Sites, pools and servers"
                           : "Sites, pools and servers (inferred from the event log)",
          "th");
  if (!t_.from_scenario)
    w_.text(kMargin, kMargin + 28,
            "Only components that changed state appear; pass --scenario for the full topology.",
            "t");
  for (const std::string& site : sites_) {
    double h = 40;
    // Edge pools, then Directors, file stores and Office Web Apps farms: boxes two to a row.
    std::vector<std::string> boxes;
    for (const TopologyEdgePool& e : t_.edge_pools) {
      if (e.site == site)
        boxes.push_back("Edge " + short_name(e.fqdn) + " \xE2\x86\x92 next hop " +
                        short_name(e.next_hop_pool));
    }
    for (const TopologyRoleBox& b : t_.role_boxes) {
      if (b.site == site) boxes.push_back(b.label);
    }
    const double box_rows = static_cast<double>((boxes.size() + 1) / 2);
    h += 34 * box_rows;
    for (const TopologyPool& p : t_.pools) {
      if (p.site == site) h += pool_height(p) + kPad;
    }
    std::vector<TopologyServer> loose;
    for (const TopologyServer& s : t_.unplaced_servers) {
      if (s.site == site) loose.push_back(s);
    }
    if (!loose.empty())
      h += 20 + static_cast<double>(rows(loose.size(), kSqlPerRow)) * (kSqlH + kCell);
    site_box_[site] = {x, top, kSiteW, h};
    const std::string note = down_note(site);
    w_.leaf("rect", {{"x", svg_num(x)},
                     {"y", svg_num(top)},
                     {"width", svg_num(kSiteW)},
                     {"height", svg_num(h)},
                     {"rx", "10"},
                     {"class", note.empty() ? "site" : "site srv-down"}});
    w_.text(x + kPad, top + 24,
            (site.empty() ? "site unknown" : "Site " + site) + (note.empty() ? "" : ": " + note),
            "th");
    double yy = top + 40;
    for (size_t i = 0; i < boxes.size(); ++i) {
      const double ex = x + kPad + static_cast<double>(i % 2) * 214;
      const double ey = yy + static_cast<double>(i / 2) * 34;
      w_.leaf("rect", {{"x", svg_num(ex)},
                       {"y", svg_num(ey)},
                       {"width", "206"},
                       {"height", "24"},
                       {"rx", "4"},
                       {"class", "be"}});
      w_.text(ex + 8, ey + 16, fit_text(boxes[i], 10, 192), "t");
    }
    yy += 34 * box_rows;
    for (const TopologyPool& p : t_.pools) {
      if (p.site != site) continue;
      draw_pool(p, x + kPad, yy);
      yy += pool_height(p) + kPad;
    }
    if (!loose.empty()) {
      w_.text(x + kPad, yy + 8, "SQL servers whose pool the log does not name", "ts");
      for (size_t i = 0; i < loose.size(); ++i)
        draw_server(loose[i], x + kPad + static_cast<double>(i % kSqlPerRow) * (kSqlW + kCell),
                    yy + 16 + static_cast<double>(i / kSqlPerRow) * (kSqlH + kCell), kSqlW, kSqlH,
                    true);
    }
    bottom = std::max(bottom, top + h);
    x += kSiteW + kSiteGap;
  }
  // A pairing within the last site arcs out to its right: leave room for it.
  double width = std::max(x - kSiteGap + kMargin, 700.0);

  // Pairing: one line per pair. Between neighbouring sites (or within one) a curve across the
  // gap between the facing edges of the two pool boxes; between sites further apart a path
  // up the gap beside the first site, along a channel above every site, and down the gap
  // beside the other, into the pool's facing edge.
  std::map<size_t, int> risers;  // per gap (index of the site on its left): routed lines in it
  size_t channel = 0;
  for (const TopologyPool& p : t_.pools) {
    const auto a = pool_box_.find(p.fqdn), b = pool_box_.find(p.backup_pool);
    if (a == pool_box_.end() || b == pool_box_.end() || p.fqdn > p.backup_pool) continue;
    const bool a_left = a->second.x <= b->second.x;
    const Box& l = a_left ? a->second : b->second;
    const Box& r = a_left ? b->second : a->second;
    const std::string& l_site = a_left ? p.site : site_of[p.backup_pool];
    const std::string& r_site = a_left ? site_of[p.backup_pool] : p.site;
    const size_t li = site_index.count(l_site) ? site_index[l_site] : 0,
                 ri = site_index.count(r_site) ? site_index[r_site] : 0;
    const double ly = l.y + l.h / 2, ry = r.y + r.h / 2;
    std::string d;
    double mx = 0, my = 0;
    if (ri > li + 1) {
      const Box& ls = site_box_[l_site];
      const Box& rs = site_box_[r_site];
      const double up = ls.x + ls.w + kRiserPx * (1 + risers[li]++);
      const double down = rs.x - kRiserPx * (1 + risers[ri - 1]++);
      const double cy = channel_top + kChannelPx * (static_cast<double>(channel++) + 0.5);
      d = "M" + svg_num(l.x + l.w) + " " + svg_num(ly) + " L" + svg_num(up) + " " + svg_num(ly) +
          " L" + svg_num(up) + " " + svg_num(cy) + " L" + svg_num(down) + " " + svg_num(cy) + " L" +
          svg_num(down) + " " + svg_num(ry) + " L" + svg_num(r.x) + " " + svg_num(ry);
      w_.leaf("path", {{"d", d}, {"class", "pair"}});
      // On the channel, above the sites, halfway between the risers.
      mx = (up + down) / 2;
      w_.text(mx, cy - 3,
              "paired (Backup Service): " + short_name(l_site == p.site ? p.fqdn : p.backup_pool) +
                  " \xE2\x86\x94 " + short_name(l_site == p.site ? p.backup_pool : p.fqdn),
              "ts", "middle");
      continue;
    }
    if (r.x > l.x) {
      d = "M" + svg_num(l.x + l.w) + " " + svg_num(ly) + " C" + svg_num(l.x + l.w + 60) + " " +
          svg_num(ly) + " " + svg_num(r.x - 60) + " " + svg_num(ry) + " " + svg_num(r.x) + " " +
          svg_num(ry);
      mx = (l.x + l.w + r.x) / 2;
    } else {  // both in one site: an arc on the right
      d = "M" + svg_num(l.x + l.w) + " " + svg_num(ly) + " C" + svg_num(l.x + l.w + 70) + " " +
          svg_num(ly) + " " + svg_num(r.x + r.w + 70) + " " + svg_num(ry) + " " +
          svg_num(r.x + r.w) + " " + svg_num(ry);
      mx = l.x + l.w + kPad + 48;
      width = std::max(width, l.x + l.w + kPad + 100);
    }
    my = (ly + ry) / 2;
    w_.leaf("path", {{"d", d}, {"class", "pair"}});
    w_.text(mx, my - 8, "paired", "tk", "middle");
    w_.text(mx, my + 18, "Backup Service", "ts", "middle");
  }
  // WAN links along a bus under the sites, one level each, the first highest. Each link
  // drops from its own point under each of its sites (spread about the site's middle), so
  // that no two share a line, and its label sits on the widest stretch of its level that no
  // lower link's drop crosses.
  struct Wan {
    const TopologyLink* link;
    double ax = 0, bx = 0, level = 0;
    bool placed = false;
  };
  std::vector<Wan> wans;
  std::map<std::string, int> per_site, used_at_site;
  for (const TopologyLink& l : t_.links) {
    if (site_box_.count(l.site_a) > 0 && site_box_.count(l.site_b) > 0) {
      ++per_site[l.site_a];
      ++per_site[l.site_b];
    }
  }
  double bus = bottom + 30;
  for (const TopologyLink& l : t_.links) {
    Wan wan{&l};
    wan.level = bus;
    bus += 26;
    const auto a = site_box_.find(l.site_a), b = site_box_.find(l.site_b);
    if (a != site_box_.end() && b != site_box_.end()) {
      auto drop_x = [&](const std::string& site, const Box& box) {
        const int n = per_site[site], k = used_at_site[site]++;
        return box.x + kSiteW / 2 + (k - (n - 1) / 2.0) * 36;
      };
      wan.ax = drop_x(l.site_a, a->second);
      wan.bx = drop_x(l.site_b, b->second);
      wan.placed = true;
    }
    wans.push_back(wan);
  }
  for (size_t i = 0; i < wans.size(); ++i) {
    const Wan& wan = wans[i];
    const TopologyLink& l = *wan.link;
    std::string label = "WAN link " + l.name;
    if (l.bandwidth_mbps > 0)
      label += ", " + grouped(static_cast<int64_t>(l.bandwidth_mbps)) + " Mbps";
    if (l.latency_ms > 0) label += ", " + number(l.latency_ms) + " ms";
    if (!wan.placed) {
      w_.text(kMargin, wan.level, label + " (its sites are not in the log)", "t");
      continue;
    }
    const Box& a = site_box_[l.site_a];
    const Box& b = site_box_[l.site_b];
    w_.leaf("path",
            {{"d", "M" + svg_num(wan.ax) + " " + svg_num(a.y + a.h) + " V" + svg_num(wan.level) +
                       " H" + svg_num(wan.bx) + " V" + svg_num(b.y + b.h)},
             {"class", "wan"}});
    const double lo = std::min(wan.ax, wan.bx), hi = std::max(wan.ax, wan.bx);
    std::vector<double> cuts = {lo, hi};
    for (size_t j = i + 1; j < wans.size(); ++j) {  // lower levels drop through this one
      for (double drop : {wans[j].ax, wans[j].bx}) {
        if (wans[j].placed && drop > lo && drop < hi) cuts.push_back(drop);
      }
    }
    std::sort(cuts.begin(), cuts.end());
    double from = lo, to = lo;
    for (size_t k = 1; k < cuts.size(); ++k) {
      if (cuts[k] - cuts[k - 1] > to - from) from = cuts[k - 1], to = cuts[k];
    }
    const std::string note = down_note(l.name);
    w_.text((from + to) / 2, wan.level - 6, label + (note.empty() ? "" : "; " + note), "t",
            "middle");
  }
  // Legend.
  const double ly = bus + 6;
  double lx = kMargin;
  const std::pair<const char*, const char*> items[] = {{"srv", "server"},
                                                       {"srv-down", "went down during the run"},
                                                       {"cms", "CMS master at the start"}};
  for (const auto& [cls, label] : items) {
    w_.leaf("rect", {{"x", svg_num(lx)},
                     {"y", svg_num(ly)},
                     {"width", "22"},
                     {"height", "13"},
                     {"rx", "3"},
                     {"class", cls}});
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
