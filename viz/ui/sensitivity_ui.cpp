// The what-if panel's "What drives the answer": the sensitivity ranking of one metric as a
// small tornado beside the sliders, drawn from the rows viz/core/sensitivity_view.h prepares.
// Each row: rank and parameter (a button to the slider that sets it, when the panel has one),
// then its bars from the base (the metric at the parameter's low value, and at its high value)
// and the effect of low to high with its 95 % interval, or "not sure".
#include <algorithm>
#include <cmath>

#include "viz/ui/app.h"
#include "viz/ui/draw.h"

namespace drsim::viz::ui {

namespace {
const ImVec4 kWarningText(0.95f, 0.8f, 0.35f, 1);
const ImVec4 kNotSureText(0.75f, 0.77f, 0.80f, 1);
constexpr float kBarWidth = 150;
}  // namespace

void App::sensitivity_hint_text() {
  ImGui::TextUnformatted("What drives the answer: no sensitivity ranking opened. Make one with");
  const std::string hint = sensitivity_hint(session_.path());
  ImGui::TextDisabled("%s", hint.c_str());
}

void App::sensitivity_row(const SensitivityRow& row, float bar_w) {
  ImGui::PushID(row.rank);
  ImGui::Text("%d.", row.rank);
  ImGui::SameLine();
  ImGui::TextUnformatted(row.parameter.c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::Text("%s: %s", row.parameter.c_str(), row.range.c_str());
    ImGui::Text("at low: %s   at high: %s", row.at_low.c_str(), row.at_high.c_str());
    if (!row.interval_kind.empty())
      ImGui::Text("interval: %s (%s)", row.interval.c_str(),
                  row.interval_kind == "paired" ? "paired replications"
                                                : "the two sweeps' half-widths added");
    if (!row.why.empty()) ImGui::TextDisabled("range: %s", row.why.c_str());
    ImGui::EndTooltip();
  }
  if (row.slider != nullptr) {
    ImGui::SameLine();
    if (ImGui::SmallButton("slider")) slider_to_focus_ = row.slider;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("the what-if slider \"%s\" sets it", row.slider);
  }

  // The bars: from the base at the middle, the low value's bar and the high value's.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::Dummy(ImVec2(bar_w, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float mid = std::floor(at.x + bar_w / 2), half = bar_w / 2 - 2;
  dl->AddRectFilled(at, ImVec2(at.x + bar_w, at.y + h), palette::kLaneBackground);
  auto bar = [&](const std::optional<float>& share, uint32_t color, float top, float bottom) {
    if (!share) return;
    const float end = mid + std::clamp(*share, -1.0f, 1.0f) * half;
    // At least a pixel: a bar too short to see would read as no effect.
    const float x0 = std::min(mid, end), x1 = std::max(std::max(mid, end), x0 + 1);
    dl->AddRectFilled(ImVec2(x0, at.y + top), ImVec2(x1, at.y + bottom), color);
  };
  const uint32_t low_color = row.is_not_sure ? palette::kNotSure : palette::kAtLow;
  const uint32_t high_color = row.is_not_sure ? palette::kNotSure : palette::kAtHigh;
  bar(row.low_bar, low_color, 2, h / 2);
  bar(row.high_bar, high_color, h / 2, h - 2);
  dl->AddLine(ImVec2(mid, at.y), ImVec2(mid, at.y + h), palette::kAxisText);
  ImGui::SameLine();
  if (row.is_not_sure) {
    ImGui::TextColored(kNotSureText, "not sure: %s", row.effect.c_str());
  } else {
    ImGui::TextUnformatted(row.effect.c_str());
  }
  // The interval beside the effect when it fits, else under it (a narrow column), indented.
  const float interval_w = ImGui::CalcTextSize(row.interval.c_str()).x;
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < interval_w) {
    ImGui::NewLine();
    ImGui::Indent(bar_w + ImGui::GetStyle().ItemSpacing.x);
    ImGui::TextDisabled("%s", row.interval.c_str());
    ImGui::Unindent(bar_w + ImGui::GetStyle().ItemSpacing.x);
  } else {
    ImGui::TextDisabled("%s", row.interval.c_str());
  }
  ImGui::PopID();
}

void App::sensitivity_section() {
  const SensitivityFile& f = *sensitivity_;
  ImGui::TextUnformatted("What drives the answer");
  if (f.metrics.empty()) {
    ImGui::TextWrapped("The ranking has no metric: no parameter was varied.");
    return;
  }
  const std::vector<MetricRanking>& metrics = f.metrics;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  const MetricRanking& chosen = metrics[static_cast<size_t>(sensitivity_metric_)];
  if (ImGui::BeginCombo("##metric", chosen.column.head.c_str())) {
    for (size_t i = 0; i < metrics.size(); ++i) {
      if (ImGui::Selectable(metrics[i].column.head.c_str(),
                            static_cast<int>(i) == sensitivity_metric_))
        sensitivity_metric_ = static_cast<int>(i);
    }
    ImGui::EndCombo();
  }
  if (prepared_metric_ != sensitivity_metric_) {
    const std::string name = session_.has_scenario() ? session_.scenario().name() : "";
    sensitivity_panel_ = prepare_sensitivity(f, sensitivity_metric_, name, session_.sha256());
    prepared_metric_ = sensitivity_metric_;
  }
  const SensitivityPanel& p = sensitivity_panel_;
  std::vector<std::string> warnings = p.warnings;
  if (std::string edited =
          sensitivity_edit_warning(session_.previous() != nullptr, session_.is_draft_changed());
      !edited.empty())
    warnings.push_back(std::move(edited));
  for (const std::string& w : warnings) {
    ImGui::PushStyleColor(ImGuiCol_Text, kWarningText);
    ImGui::TextWrapped("warning: %s", w.c_str());
    ImGui::PopStyleColor();
  }
  // The base is the sweep's mean, not the run on the timeline: say so.
  // Wrapped: the column can be narrower than the line.
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped(
      "as given: %s (mean of %llu runs); effect of low -> high, in %s:", p.base.c_str(),
      static_cast<unsigned long long>(f.replications), p.unit.c_str());
  ImGui::PopStyleColor();
  color_chip(palette::kAtLow, "at low");
  ImGui::SameLine();
  color_chip(palette::kAtHigh, "at high");
  ImGui::SameLine();
  color_chip(palette::kNotSure, "within noise");
  if (p.rows.empty()) ImGui::TextWrapped("No parameter moved this metric.");
  // The rows' area, for the screenshot tests' colour counts (the legend's chips stay out).
  const ImVec2 rows_at = ImGui::GetCursorScreenPos(), rows_size = ImGui::GetContentRegionAvail();
  regions_.set("sensitivity_rows", rows_at.x, rows_at.y, rows_at.x + rows_size.x,
               rows_at.y + rows_size.y);
  ImGui::BeginChild("rows", ImVec2(0, 0));
  for (const SensitivityRow& row : p.rows) sensitivity_row(row, kBarWidth);
  if (!p.unmoved.empty()) {
    std::string names;
    for (const std::string& n : p.unmoved) names += (names.empty() ? "" : ", ") + n;
    ImGui::TextDisabled("Did not move it (no change, or no incident measured it at one end):");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", names.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s", p.stamp.c_str());
  ImGui::PopStyleColor();
  ImGui::EndChild();
}

}  // namespace drsim::viz::ui
