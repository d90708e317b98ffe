// The what-if panel: shows the Session's draft, turns each widget change into an edit
// command (Session::apply), re-runs once an edit is complete, and shows the comparison of the
// new run with the previous one, which stays on the timeline as a ghost. Validation is the
// simulator's own (sim/validate.h), run by the Session before every re-run.
//
// Widgets edit local copies of the draft's values: the draft itself is read-only here.
#include <algorithm>

#include "sim/model/product.h"
#include "viz/core/format.h"
#include "viz/ui/app.h"

namespace drsim::viz::ui {

namespace {
const ImVec4 kBetter(0.45f, 0.85f, 0.5f, 1), kWorse(1.0f, 0.45f, 0.45f, 1);
const ImVec4 kWarning(0.95f, 0.8f, 0.35f, 1);

// An editor of a delay in seconds that keeps the distribution's kind; true with *seconds
// when the administrator changed it.
bool delay_input(const char* label, const scenario::Distribution& current, double* seconds) {
  double s = typical_delay_s(current);
  ImGui::SetNextItemWidth(150);
  const double step = 60, step_fast = 600;
  const bool changed =
      ImGui::InputScalar(label, ImGuiDataType_Double, &s, &step, &step_fast, "%.0f");
  ImGui::SameLine();
  ImGui::TextDisabled("(%s)", delay_kind(current));
  *seconds = std::max(s, 0.0);
  return changed;
}

// The Front End counts the product allows for this pool (the validator says the same).
std::pair<int, int> front_end_limits(const scenario::Scenario& sc, const scenario::Pool& p) {
  if (p.edition() == scenario::STANDARD) return {1, 1};
  if (sc.product_version() != scenario::SFB_2015 && sc.product_version() != scenario::SFB_2019) {
    return {1, kMaxFrontEndsEdit};
  }
  const product::VersionLimits& lim = product::limits_for(sc.product_version());
  return {lim.min_front_ends, lim.max_front_ends};
}
}  // namespace

void App::edit(const WhatIfEdit& e) {
  const EditOutcome out = session_.apply(e);
  // The widgets keep values in range, so a refused edit is a bug here, not the user's.
  DRSIM_CHECK(out.error.empty(), "what-if panel made an edit the Session refused");
}

void App::comparison_table() {
  const Run* previous = session_.previous();
  if (previous == nullptr) {
    ImGui::TextDisabled("Edit a value below: the scenario re-runs at once and the run you see now");
    ImGui::TextDisabled("stays on the timeline as a ghost, with the differences here.");
    return;
  }
  constexpr ImGuiTableFlags kTable =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("compare", 4, kTable)) return;
  ImGui::TableSetupColumn("metric", 0, 2.2f);
  ImGui::TableSetupColumn(previous->title.c_str(), 0, 1.3f);
  ImGui::TableSetupColumn(session_.current().title.c_str(), 0, 1.3f);
  ImGui::TableSetupColumn("change", 0, 1.2f);
  ImGui::TableHeadersRow();
  for (const MetricDiff& d : session_.comparison()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.before_text().c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.after_text().c_str());
    ImGui::TableNextColumn();
    const int verdict = d.verdict();
    if (verdict == 0)
      ImGui::TextDisabled("%s", d.delta_text().c_str());
    else
      ImGui::TextColored(verdict < 0 ? kBetter : kWorse, "%s", d.delta_text().c_str());
  }
  ImGui::EndTable();
}

void App::whatif_pools() {
  const scenario::Scenario& d = session_.draft();
  constexpr ImGuiTableFlags kTable = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("pools", 5, kTable)) return;
  ImGui::TableSetupColumn("pool");
  ImGui::TableSetupColumn("users");
  ImGui::TableSetupColumn("active users");
  ImGui::TableSetupColumn("Front Ends");
  ImGui::TableSetupColumn("Back End HA mode", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (int p = 0; p < d.pools_size(); ++p) {
    const scenario::Pool& pool = d.pools(p);
    ImGui::PushID(p);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(pool.fqdn().substr(0, pool.fqdn().find('.')).c_str());
    const int64_t step = 1000, step_fast = 10000;
    ImGui::TableNextColumn();
    int64_t users = pool.users();
    ImGui::SetNextItemWidth(120);
    if (ImGui::InputScalar("##users", ImGuiDataType_S64, &users, &step, &step_fast)) {
      edit(SetPoolUsers{p, std::max<int64_t>(users, 0)});
    }
    ImGui::TableNextColumn();
    // Unset, the model takes every user as active.
    int64_t active = pool.has_active_users() ? pool.active_users() : pool.users();
    ImGui::SetNextItemWidth(120);
    if (ImGui::InputScalar("##active", ImGuiDataType_S64, &active, &step, &step_fast)) {
      edit(SetActiveUsers{p, std::max<int64_t>(active, 0)});
    }
    ImGui::TableNextColumn();
    const auto [fe_min, fe_max] = front_end_limits(d, pool);
    int fes = pool.front_ends_size();
    ImGui::SetNextItemWidth(80);
    if (ImGui::InputInt("##fes", &fes, 1, 1)) {
      const int clamped = std::clamp(fes, fe_min, fe_max);
      if (clamped != pool.front_ends_size()) edit(SetFrontEndCount{p, clamped});
    }
    ImGui::TableNextColumn();
    if (pool.has_back_end()) {
      ImGui::SetNextItemWidth(-1);
      if (ImGui::BeginCombo("##ha", ha_mode_label(pool.back_end().ha_mode()))) {
        for (int mode = scenario::NONE; mode <= scenario::SQL_FAILOVER_CLUSTERING; ++mode) {
          const auto m = static_cast<scenario::HaMode>(mode);
          if (ImGui::Selectable(ha_mode_label(m), m == pool.back_end().ha_mode()))
            edit(SetHaMode{p, m});
        }
        ImGui::EndCombo();
      }
    } else {
      ImGui::TextDisabled("no Back End");
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void App::whatif_faults() {
  const scenario::Scenario& d = session_.draft();
  const std::vector<std::string> components = fault_components(d);
  for (int i = 0; i < d.faults_size(); ++i) {
    const scenario::Fault& f = d.faults(i);
    ImGui::PushID(i);
    ImGui::SetNextItemWidth(150);
    if (ImGui::BeginCombo("##component", f.component().c_str())) {
      for (const std::string& c : components) {
        if (ImGui::Selectable(c.c_str(), c == f.component())) edit(SetFaultComponent{i, c});
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    int64_t at_s = f.at_s();
    const int64_t step = 300, step_fast = 3600;
    ImGui::SetNextItemWidth(110);
    if (ImGui::InputScalar("##at", ImGuiDataType_S64, &at_s, &step, &step_fast, "%lld s")) {
      edit(SetFaultAt{i, std::max<int64_t>(at_s, 0)});
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", format_clock(f.at_s() * 1'000'000, 1'000'000).c_str());
    int64_t repair_s = f.has_repair_after_s() ? f.repair_after_s() : 0;
    ImGui::SameLine();
    ImGui::TextDisabled("for");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    if (ImGui::InputScalar("##repair", ImGuiDataType_S64, &repair_s, &step, &step_fast,
                           repair_s > 0 ? "%lld s" : "ever")) {
      edit(SetFaultRepair{i, std::max<int64_t>(repair_s, 0)});
    }
    ImGui::SameLine();
    const bool remove = ImGui::SmallButton("x");
    ImGui::PopID();
    if (remove) {
      edit(RemoveFault{i});
      break;  // the list changed under the loop; the next frame shows the rest
    }
  }
  if (ImGui::SmallButton("add a fault")) edit(AddFault{});
}

void App::whatif_window() {
  if (!session_.has_scenario()) {
    ImGui::TextWrapped(
        "This is a saved log or a replayed replication of a sweep: open the scenario file "
        "(drsim-viz SCENARIO) to try what-ifs.");
    return;
  }
  if (sensitivity_ == nullptr) {
    whatif_sliders();
    ImGui::Separator();
    sensitivity_hint_text();
    return;
  }
  // The sliders keep the width and place they have without a ranking; the ranking beside.
  ImGui::BeginChild("sliders", ImVec2(sliders_w_ - ImGui::GetStyle().WindowPadding.x, 0));
  whatif_sliders();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("drivers", ImVec2(0, 0), true);
  sensitivity_section();
  ImGui::EndChild();
}

bool App::take_slider_focus(const char* label) {
  if (slider_to_focus_ != label) return false;
  slider_to_focus_.clear();
  ImGui::SetScrollHereY(0.3f);
  ImGui::SetKeyboardFocusHere();
  return true;
}

void App::whatif_sliders() {
  comparison_table();
  // The validator's verdict on the last draft tried, above the fields so that it is seen.
  const ValidationResult& check = session_.last_check();
  for (const std::string& e : check.errors)
    ImGui::TextColored(kWorse, "error: %s (nothing ran)", e.c_str());
  for (const std::string& w : check.warnings)
    ImGui::TextColored(kWarning, "warning: %s", w.c_str());
  if (session_.is_draft_changed()) {
    if (ImGui::SmallButton("discard the edits that did not run")) session_.discard_draft();
  }
  ImGui::Separator();
  const scenario::Scenario& d = session_.draft();
  int64_t sync = d.backup_service().sync_interval_s();
  const int64_t step = 30, step_fast = 600;
  ImGui::SetNextItemWidth(150);
  take_slider_focus(kSyncIntervalSlider);
  if (ImGui::InputScalar(kSyncIntervalSlider, ImGuiDataType_S64, &sync, &step, &step_fast)) {
    edit(SetSyncInterval{sync});
  }
  double seconds = 0;
  take_slider_focus(kDetectDelaySlider);
  if (delay_input(kDetectDelaySlider, d.admin().detect_delay(), &seconds)) {
    edit(SetAdminDelay{AdminDelay::kDetect, seconds});
  }
  take_slider_focus(kDecideDelaySlider);
  if (delay_input(kDecideDelaySlider, d.admin().decide_delay(), &seconds)) {
    edit(SetAdminDelay{AdminDelay::kDecide, seconds});
  }
  whatif_pools();
  ImGui::TextUnformatted("Faults: component, when it fails (s from the start), for how long");
  whatif_faults();

  // Re-run once an edit is complete (no widget still being typed into). The Session counts
  // edits, so an invalid draft is checked once, not every frame.
  if (!ImGui::IsAnyItemActive() && session_.needs_rerun()) session_.rerun();
  for (const std::string& n : session_.notes()) ImGui::TextDisabled("%s", n.c_str());
}

}  // namespace drsim::viz::ui
