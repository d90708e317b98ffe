// Colours and state names; see report_style.h.
#include "analysis/report_style.h"

#include <array>

namespace drsim {

namespace {
// Service levels run green to dark red (ColorBrewer RdYlGn, which stays ordered for the
// common colour-vision deficiencies); the admin's stages are blues and purples, so that they
// never read as a service level.
constexpr std::array<StateStyle, 27> kStyles = {{
    {"full", "#66bd63", "full service", false},
    {"resiliency", "#fdae61", "resiliency mode", false},
    {"voice_only", "#f46d43", "voice only (registrar on backup)", true},
    {"signed_out", "#a50026", "signed out", true},
    {"up", "#e4efe6", "up", false},
    {"down", "#d73027", "down", true},
    {"running", "#e4efe6", "running", false},
    {"stopped", "#762a83", "stopped (quorum lost)", true},
    {"awaiting_recovery", "#c2a5cf", "awaiting quorum-loss recovery", false},
    {"Active", "#e4efe6", "active", false},
    {"FailingOver", "#fee08b", "failing over", false},
    {"FailedOver", "#4393c3", "failed over to backup", true},
    {"FailingBack", "#92c5de", "failing back", false},
    {"FailedBack", "#e4efe6", "failed back (home again)", false},
    {"home", "#e4efe6", "on home pool", false},
    {"on_backup", "#4393c3", "on backup pool", true},
    {"available", "#e4efe6", "available", false},
    {"unavailable", "#d73027", "unavailable", true},
    {"failing_over", "#fee08b", "automatic failover", false},
    {"steady", "#e4efe6", "steady", false},
    {"lagging", "#fee08b", "lagging (backlog grows)", false},
    {"final", "#92c5de", "final export", false},
    {"detect", "#c6c3e1", "detect", false},
    {"decide", "#8c86c0", "decide", true},
    {"execute", "#54499a", "execute", true},
    {"clients_back", "#2c7fb8", "clients back", true},
    {"cmdlet", "#334155", "cmdlet", true},
}};
constexpr StateStyle kCmdletError = {"cmdlet_error", "#d73027", "failed cmdlet", true};
constexpr StateStyle kUnknown = {"", "#bdbdbd", "other", false};
}  // namespace

const StateStyle& state_style(std::string_view state) {
  for (const StateStyle& s : kStyles) {
    if (state == s.state) return s;
  }
  return state == kCmdletError.state ? kCmdletError : kUnknown;
}

const std::vector<LegendGroup>& legend_groups() {
  static const std::vector<LegendGroup> groups = {
      {"Users", {"full", "resiliency", "voice_only", "signed_out"}},
      {"Components", {"up", "down", "stopped", "awaiting_recovery"}},
      {"Incident RTO", {"detect", "decide", "execute", "clients_back"}},
      {"Runbook", {"cmdlet", "cmdlet_error"}},
      {"Pool DR", {"FailingOver", "FailedOver", "FailingBack", "on_backup"}},
      {"Back End", {"unavailable", "failing_over"}},
      {"Backup Service", {"lagging", "final"}},
  };
  return groups;
}

std::string_view chart_css() {
  return ".t{font:11px 'DejaVu Sans',Verdana,sans-serif;fill:#1f2937}"
         ".ts{font:9px 'DejaVu Sans',Verdana,sans-serif;fill:#374151}"
         ".tb{font:bold 12px 'DejaVu Sans',Verdana,sans-serif;fill:#111827}"
         ".th{font:bold 15px 'DejaVu Sans',Verdana,sans-serif;fill:#111827}"
         ".tw{font:10px 'DejaVu Sans',Verdana,sans-serif;fill:#ffffff}"
         ".tk{font:10px 'DejaVu Sans',Verdana,sans-serif;fill:#111827}"
         ".grid{stroke:#d1d5db;stroke-width:1}"
         ".axis{stroke:#6b7280;stroke-width:1}"
         ".sec{fill:#f3f4f6}"
         ".m-fault{stroke:#b91c1c;stroke-width:1.5;stroke-dasharray:5 3}"
         ".m-repair{stroke:#15803d;stroke-width:1.5;stroke-dasharray:5 3}"
         ".m-detect,.m-decide{stroke:#6d28d9;stroke-width:1;stroke-dasharray:2 2}"
         ".m-restored{stroke:#15803d;stroke-width:1.5}"
         ".box{fill:#ffffff;stroke:#9ca3af;stroke-width:1}"
         ".sw{stroke:#6b7280;stroke-width:0.6}"
         ".site{fill:#f8fafc;stroke:#475569;stroke-width:1.5}"
         ".pool{fill:#ffffff;stroke:#64748b;stroke-width:1.2}"
         ".be{fill:#f1f5f9;stroke:#94a3b8;stroke-width:1}"
         ".srv{fill:#e4efe6;stroke:#64748b;stroke-width:1}"
         ".srv-down{fill:#fde2e1;stroke:#d73027;stroke-width:2}"
         ".pair{fill:none;stroke:#4393c3;stroke-width:2;stroke-dasharray:6 4}"
         ".wan{fill:none;stroke:#334155;stroke-width:3}"
         ".cms{fill:#fee08b;stroke:#b45309;stroke-width:1}";
}

}  // namespace drsim
