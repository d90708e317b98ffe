// The what-if panel: edits a copy of the scenario (the Session's draft), re-runs it as soon
// as an edit is complete, and compares the new run with the previous one, which stays on
// the timeline as a ghost. Validation is the simulator's own (sim/validate.h).
#include <algorithm>

#include "viz/core/format.h"
#include "viz/ui/app.h"

namespace drsim::viz::ui {

namespace {
const ImVec4 kBetter(0.45f, 0.85f, 0.5f, 1), kWorse(1.0f, 0.45f, 0.45f, 1);
const ImVec4 kWarning(0.95f, 0.8f, 0.35f, 1);

// An editor of a delay in seconds that keeps the distribution's kind. The draft is only
// touched on an edit, so that looking at an absent delay does not count as a change.
void delay_input(const char* label, const scenario::Distribution& current,
                 scenario::Distribution* (*mutable_delay)(scenario::Scenario&), scenario::Scenario& d) {
  double s = typical_delay_s(current);
  ImGui::SetNextItemWidth(150);
  const double step = 60, step_fast = 600;
  if (ImGui::InputScalar(label, ImGuiDataType_Double, &s, &step, &step_fast, "%.0f")) {
    set_typical_delay_s(mutable_delay(d), std::max(s, 0.0));
  }
  ImGui::SameLine();
  ImGui::TextDisabled("(%s)", delay_kind(current));
}
}  // namespace

void App::comparison_table() {
  const Run* previous = session_.previous();
  if (previous == nullptr) {
    ImGui::TextDisabled("Edit a value below: the scenario re-runs at once and the run you see now");
    ImGui::TextDisabled("stays on the timeline as a ghost, with the differences here.");
    return;
  }
  constexpr ImGuiTableFlags kTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                     ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("compare", 4, kTable)) return;
  ImGui::TableSetupColumn("metric", 0, 2.2f);
  ImGui::TableSetupColumn(previous->title.c_str(), 0, 1.3f);
  ImGui::TableSetupColumn(session_.current().title.c_str(), 0, 1.3f);
  ImGui::TableSetupColumn("change", 0, 1.2f);
  ImGui::TableHeadersRow();
  for (const MetricDiff& d : compare_runs(previous->report, session_.current().report)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.before_text().c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.after_text().c_str());
    ImGui::TableNextColumn();
    const int verdict = d.verdict();
    if (verdict == 0) ImGui::TextDisabled("%s", d.delta_text().c_str());
    else ImGui::TextColored(verdict < 0 ? kBetter : kWorse, "%s", d.delta_text().c_str());
  }
  ImGui::EndTable();
}

void App::whatif_faults() {
  scenario::Scenario& d = session_.draft();
  const std::vector<std::string> components = fault_components(d);
  auto* faults = d.mutable_faults();
  for (int i = 0; i < faults->size(); ++i) {
    scenario::Fault& f = *faults->Mutable(i);
    ImGui::PushID(i);
    ImGui::SetNextItemWidth(150);
    if (ImGui::BeginCombo("##component", f.component().c_str())) {
      for (const std::string& c : components) {
        if (ImGui::Selectable(c.c_str(), c == f.component())) f.set_component(c);
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    int64_t at_s = f.at_s();
    const int64_t step = 300, step_fast = 3600;
    ImGui::SetNextItemWidth(110);
    if (ImGui::InputScalar("##at", ImGuiDataType_S64, &at_s, &step, &step_fast, "%lld s")) {
      f.set_at_s(std::max<int64_t>(at_s, 0));
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
      if (repair_s > 0) f.set_repair_after_s(repair_s);
      else f.clear_repair_after_s();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
      faults->DeleteSubrange(i, 1);
      ImGui::PopID();
      break;  // the list changed under the loop; the next frame shows the rest
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton("add a fault")) {
    scenario::Fault* f = faults->Add();
    f->set_component(components.empty() ? "" : components.front());
    f->set_at_s(std::min<int64_t>(36000, d.horizon_s() / 2));
    f->set_repair_after_s(3600);
  }
}

void App::whatif_window() {
  if (!session_.has_scenario()) {
    ImGui::TextWrapped("This is a saved log or a replayed replication of a sweep: open the scenario file (drsim-viz SCENARIO) to try what-ifs.");
    return;
  }
  comparison_table();
  ImGui::Separator();
  scenario::Scenario& d = session_.draft();
  int64_t sync = d.backup_service().sync_interval_s();
  const int64_t step = 30, step_fast = 600;
  ImGui::SetNextItemWidth(150);
  if (ImGui::InputScalar("Backup Service sync interval (s)", ImGuiDataType_S64, &sync, &step, &step_fast)) {
    d.mutable_backup_service()->set_sync_interval_s(sync);
  }
  delay_input("admin detect delay (s)", d.admin().detect_delay(),
              [](scenario::Scenario& s) { return s.mutable_admin()->mutable_detect_delay(); }, d);
  delay_input("admin decide delay (s)", d.admin().decide_delay(),
              [](scenario::Scenario& s) { return s.mutable_admin()->mutable_decide_delay(); }, d);
  for (int p = 0; p < d.pools_size(); ++p) {
    if (!d.pools(p).has_back_end()) continue;
    scenario::Pool& pool = *d.mutable_pools(p);
    ImGui::SetNextItemWidth(250);
    const std::string label = "Back End HA of " + pool.fqdn().substr(0, pool.fqdn().find('.'));
    if (ImGui::BeginCombo(label.c_str(), ha_mode_label(pool.back_end().ha_mode()))) {
      for (int mode = scenario::NONE; mode <= scenario::SQL_FAILOVER_CLUSTERING; ++mode) {
        const auto m = static_cast<scenario::HaMode>(mode);
        if (ImGui::Selectable(ha_mode_label(m), m == pool.back_end().ha_mode())) {
          notes_ = apply_ha_mode(pool.mutable_back_end(), m, pool.fqdn());
        }
      }
      ImGui::EndCombo();
    }
  }
  ImGui::TextUnformatted("Faults: component, when it fails (s from the start), for how long");
  whatif_faults();

  // Re-run once an edit is complete (no widget still being typed into), and only for a
  // draft not tried yet, so that an invalid draft is checked once, not every frame.
  const std::string draft_bytes = d.SerializeAsString();
  if (!ImGui::IsAnyItemActive() && session_.is_draft_changed() && draft_bytes != last_tried_) {
    last_tried_ = draft_bytes;
    rerun();
  }
  if (session_.is_draft_changed()) {
    if (ImGui::SmallButton("discard the edits that did not run")) {
      session_.reset_draft();
      check_ = {};
    }
  }
  for (const std::string& e : check_.errors) ImGui::TextColored(kWorse, "error: %s", e.c_str());
  for (const std::string& w : check_.warnings) ImGui::TextColored(kWarning, "warning: %s", w.c_str());
  for (const std::string& n : notes_) ImGui::TextDisabled("%s", n.c_str());
}

}  // namespace drsim::viz::ui
