// The incident panel: the selected incident's RTO stages and RPO per data category (from the
// run report, analysis/run_report.h), and two charts over the timeline's visible range: users
// by service level and the Backup Service backlog.
#include <algorithm>
#include <cinttypes>

#include "viz/core/format.h"
#include "viz/core/plots.h"
#include "viz/ui/app.h"
#include "viz/ui/draw.h"

namespace drsim::viz::ui {

namespace {
const IncidentReport* report_of(const RunReport& report, int id) {
  for (const IncidentReport& r : report.incidents) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// A chart's area: reserves it in the layout and replays the prepared list into it.
void chart(const DrawList& list, ImVec2 origin, float w, float h) {
  draw(ImGui::GetWindowDrawList(), list, origin, origin, ImVec2(origin.x + w, origin.y + h));
}
}  // namespace

void App::incident_window() {
  const TimelineModel& m = model();
  const float plots_w = std::max(ImGui::GetContentRegionAvail().x * 0.55f, 200.0f);
  ImGui::BeginChild("incident_facts", ImVec2(ImGui::GetContentRegionAvail().x - plots_w - 8, 0));
  if (m.incidents.empty()) {
    ImGui::TextDisabled("No incident in this run.");
  } else {
    const int sel =
        std::clamp(state_.selected_incident, 0, static_cast<int>(m.incidents.size()) - 1);
    const IncidentSpan& s = m.incidents[static_cast<size_t>(sel)];
    auto name = [](const IncidentSpan& i) {
      return std::to_string(i.id) + ": " + i.disruption + " " + i.cause + " at " +
             format_clock(i.start_us, 1'000'000);
    };
    // As wide as its text (the list opens as wide as its longest entry), leaving room for
    // the button beside it.
    const std::string preview = "Incident " + name(s);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float button_w =
        ImGui::CalcTextSize("Zoom to it").x + 2 * style.FramePadding.x + style.ItemSpacing.x;
    const float combo_w =
        ImGui::CalcTextSize(preview.c_str()).x + ImGui::GetFrameHeight() + 2 * style.FramePadding.x;
    ImGui::SetNextItemWidth(
        std::min(combo_w, std::max(ImGui::GetContentRegionAvail().x - button_w, 80.0f)));
    if (ImGui::BeginCombo("##incident", preview.c_str())) {
      for (size_t k = 0; k < m.incidents.size(); ++k) {
        if (ImGui::Selectable(name(m.incidents[k]).c_str(), static_cast<int>(k) == sel)) {
          select_incident(static_cast<int>(k), true);
        }
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button("Zoom to it")) select_incident(sel, true);
    const IncidentReport* r = report_of(session_.current().report, s.id);
    const std::string also_lost = r != nullptr ? lost_beyond_service(*r, "PSTN calling") : "";
    const IncidentOutcome outcome = incident_outcome(s, also_lost);
    if (outcome.is_bad)
      ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", outcome.text.c_str());
    else
      ImGui::TextWrapped("%s", outcome.text.c_str());
    if (r != nullptr) {
      ImGui::Text("RTO %s", format_seconds(r->total_s).c_str());
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const float bar_w = ImGui::GetContentRegionAvail().x;
      ImGui::Dummy(ImVec2(bar_w, 22));
      scratch_.clear();
      prepare_rto_bar(s, bar_w, 22, text_metrics(), scratch_, also_lost);
      chart(scratch_, at, bar_w, 22);
      regions_.set("rto_bar", at.x, at.y, at.x + bar_w, at.y + 22);
      const double stages[] = {r->detect_s, r->decide_s, r->execute_s, r->clients_back_s};
      static constexpr uint32_t kColors[] = {palette::kStageDetect, palette::kStageDecide,
                                             palette::kStageExecute, palette::kStageClientsBack};
      // Without user impact every stage is 0: the bar says so, the chips would only repeat it.
      for (int k = 0; k < kStageCount && !has_no_user_impact(s); ++k) {
        const std::string label = std::string(stage_name(k)) + " " + format_seconds(stages[k]);
        if (k == 0)
          color_chip(kColors[k], label.c_str());
        else
          flow_chip(kColors[k], label.c_str(), 14);
      }
      if (r->cmdlet_errors > 0) {
        ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1),
                           "%" PRId64 " cmdlet errors cost the admin %s", r->cmdlet_errors,
                           format_seconds(r->admin_time_lost_s).c_str());
      }
      // Per affected pool: one can be back while another is still down.
      if (r->pools.size() > 1) {
        for (const IncidentReport::Pool& p : r->pools) {
          const std::string back = p.rto_s ? "back after " + format_seconds(*p.rto_s)
                                           : std::string("not back by the end");
          ImGui::Text("%s: %" PRId64 " users, %s", p.fqdn.substr(0, p.fqdn.find('.')).c_str(),
                      p.users_affected, back.c_str());
        }
      }
      constexpr ImGuiTableFlags kTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                         ImGuiTableFlags_SizingStretchProp |
                                         ImGuiTableFlags_ScrollY;
      if (ImGui::BeginTable("rpo", 3, kTable, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("data category", 0, 2.0f);
        ImGui::TableSetupColumn("RPO (data lost)", 0, 1.4f);
        ImGui::TableSetupColumn("writes lost", 0, 1.0f);
        ImGui::TableHeadersRow();
        for (size_t c = 0; c < r->rpo_s.size(); ++c) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r->rpo_s[c].first.c_str());
          ImGui::TableNextColumn();
          const bool lost = r->rpo_s[c].second > 0;
          const std::string& category = r->rpo_s[c].first;
          const auto stranded = std::find_if(
              r->stranded.begin(), r->stranded.end(),
              [&](const IncidentReport::Stranded& x) { return x.category == category; });
          // With no backup the window runs from deployment: said in words, never the time
          // since the run began.
          if (has_no_backup(*r, category) && (lost || stranded != r->stranded.end())) {
            ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "no backup");
            if (ImGui::IsItemHovered())
              ImGui::SetTooltip(
                  "no backup configured: every change since deployment is lost, not just this "
                  "run's");
          } else if (lost)
            ImGui::TextUnformatted(format_seconds(r->rpo_s[c].second).c_str());
          else if (stranded != r->stranded.end())
            ImGui::TextColored(ImVec4(1, 0.75f, 0.3f, 1), "stranded %s",
                               format_seconds(stranded->unreachable_s).c_str());
          else
            ImGui::TextDisabled("nothing lost");
          ImGui::TableNextColumn();
          // As drsim prints it: a fraction of a write is "<1", not 0.
          const double expected =
              c < r->lost_writes_expected.size() ? r->lost_writes_expected[c].second : 0;
          ImGui::TextUnformatted(writes_lost_count(expected).c_str());
        }
        ImGui::EndTable();
      }
    } else {
      ImGui::TextDisabled("The log has no closing record for this incident.");
    }
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("incident_plots", ImVec2(0, 0));
  incident_plots(ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();
}

void App::incident_plots(float width) {
  const TimelineModel& m = model();
  const TimelineModel* ghost = state_.show_ghost ? session_.ghost().model : nullptr;
  const TimeView v = view(width);
  const TextMetrics text = text_metrics();
  const float h = std::max(
      (ImGui::GetContentRegionAvail().y - 2 * ImGui::GetTextLineHeightWithSpacing()) / 2 - 8,
      40.0f);

  ImGui::TextUnformatted("Users by service level, all pools");
  if (ghost != nullptr) {
    ImGui::SameLine(0, 16);
    color_chip(IM_COL32(255, 255, 255, 170), "previous run: users at full service");
  }
  ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, h));
  scratch_.clear();
  prepare_users_plot(m, ghost, v, h, state_.cursor_us, text, scratch_);
  chart(scratch_, at, width, h);
  regions_.set("users_plot", at.x, at.y, at.x + width, at.y + h);

  // Prepared before its title line, which carries the legend the prepare step returns.
  std::vector<PlotLegendEntry> legend;
  scratch_.clear();
  prepare_backlog_plot(m, ghost, v, h, state_.cursor_us, text, scratch_, &legend);
  ImGui::TextUnformatted("Backup Service backlog");
  for (const PlotLegendEntry& e : legend) {
    ImGui::SameLine(0, 14);
    color_chip(e.color, e.label.c_str());
  }
  at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, h));
  chart(scratch_, at, width, h);
  regions_.set("backlog_plot", at.x, at.y, at.x + width, at.y + h);
}

}  // namespace drsim::viz::ui
