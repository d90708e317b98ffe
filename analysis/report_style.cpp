// Colours and state names; see report_style.h.
#include "analysis/report_style.h"

namespace drsim {

namespace {
constexpr StateStyle kUnknown = {"", "other", "other", "#bdbdbd", 0, false};
}  // namespace

const StateStyle& state_style(std::string_view state) {
  const StateStyle* s = find_state_style(state);
  return s != nullptr ? *s : kUnknown;
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
