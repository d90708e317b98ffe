// The sweep results view; see sweep_app.h. The histograms are prepared in viz/core
// (sweep_view.h) and replayed here; this file lays out the windows, the combo boxes and the
// worst-replication table, and turns a click on a row into a replay.
#include <algorithm>
#include <cinttypes>
#include <cstring>

#include "viz/core/format.h"
#include "viz/core/rare_view.h"
#include "viz/core/sweep_view.h"
#include "viz/ui/draw.h"
#include "viz/ui/sweep_app.h"

namespace drsim::viz::ui {

namespace {
constexpr ImGuiWindowFlags kFixed =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;
constexpr float kBarHeight = 34;  // the bar that switches between results and the replay

// The index of `name` among the pairs, or `fallback`.
template <typename Pairs>
int index_of(const Pairs& pairs, const std::string& name, int fallback) {
  for (size_t i = 0; i < pairs.size(); ++i)
    if (pairs[i].first == name) return static_cast<int>(i);
  return fallback;
}

// A combo box over the names of the pairs whose distribution has incidents.
template <typename Pairs>
void distribution_combo(const char* label, const Pairs& pairs, int* index) {
  const std::string shown = pairs.empty() ? "" : pairs[static_cast<size_t>(*index)].first;
  ImGui::SetNextItemWidth(170);
  if (ImGui::BeginCombo(label, shown.c_str())) {
    for (size_t i = 0; i < pairs.size(); ++i) {
      if (pairs[i].second.n == 0) continue;
      const std::string item =
          pairs[i].first + " (" + format_count(static_cast<int64_t>(pairs[i].second.n)) + ")";
      if (ImGui::Selectable(item.c_str(), static_cast<int>(i) == *index))
        *index = static_cast<int>(i);
    }
    ImGui::EndCombo();
  }
}

std::string percent_ci(const DistributionDigest& d) {
  char buf[96];
  if (d.ci95_halfwidth) {
    std::snprintf(buf, sizeof buf, "%.5f %% \xC2\xB1 %.5f", d.mean * 100, *d.ci95_halfwidth * 100);
  } else {
    std::snprintf(buf, sizeof buf, "%.5f %%", d.mean * 100);
  }
  return buf;
}
// A report table (analysis/report_markup.h) as an ImGui table: the sweep page's rows, with
// each cell's tone as a colour and its note on a second line.
void markup_table(const char* id, const Table& t) {
  if (t.rows.empty()) {
    ImGui::TextDisabled("%s", t.empty_note.c_str());
    return;
  }
  if (!t.note.empty()) ImGui::TextWrapped("%s", t.note.c_str());
  if (t.head.empty() || !ImGui::BeginTable(id, static_cast<int>(t.head.size()),
                                           ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                               ImGuiTableFlags_SizingStretchProp))
    return;
  // The first column names the quantity and takes the most room; text wraps in its column.
  for (size_t c = 0; c < t.head.size(); ++c)
    ImGui::TableSetupColumn(t.head[c].c_str(), ImGuiTableColumnFlags_WidthStretch,
                            c == 0 ? 2.6f : 1.0f);
  ImGui::TableHeadersRow();
  for (const std::vector<Cell>& row : t.rows) {
    ImGui::TableNextRow();
    for (size_t c = 0; c < row.size() && c < t.head.size(); ++c) {
      ImGui::TableNextColumn();
      const Cell& cell = row[c];
      const ImVec4 colour = cell.tone == "bad"    ? ImVec4(1, 0.45f, 0.45f, 1)
                            : cell.tone == "warn" ? ImVec4(1, 0.8f, 0.4f, 1)
                            : cell.tone == "good" ? ImVec4(0.55f, 0.85f, 0.55f, 1)
                                                  : ImGui::GetStyleColorVec4(ImGuiCol_Text);
      ImGui::PushStyleColor(ImGuiCol_Text, colour);
      ImGui::TextWrapped("%s", cell.text.c_str());
      ImGui::PopStyleColor();
      // The note (an interval, what a count counts) on a second line, as the page has it.
      if (!cell.note.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", cell.note.c_str());
        ImGui::PopStyleColor();
      }
    }
  }
  ImGui::EndTable();
}
}  // namespace

SweepApp::SweepApp(SweepWorkspace& workspace, ImFont* small_font)
    : workspace_(workspace), small_font_(small_font) {}

void SweepApp::sync_replay_view() {
  if (workspace_.replay_version() == seen_replay_version_) return;
  seen_replay_version_ = workspace_.replay_version();
  replay_view_ = std::make_unique<App>(*workspace_.replay(), small_font_);
  // Open on the incident that put this replication in the list.
  if (workspace_.replay_incident() >= 0) replay_view_->focus_incident(workspace_.replay_incident());
  show_replay_ = true;
}

void SweepApp::frame(float width, float height) {
  if (!workspace_.poll()) {
    progress_window(width, height);
    return;
  }
  sync_replay_view();
  float top = 0;
  if (replay_view_ != nullptr) {
    // A bar to switch between the results and the replayed replication's timeline.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, kBarHeight));
    if (ImGui::Begin("##sweep_bar", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar)) {
      if (ImGui::RadioButton("Sweep results", !show_replay_)) show_replay_ = false;
      ImGui::SameLine();
      const std::string label =
          "Replication " + std::to_string(workspace_.replayed()) + " in the timeline";
      if (ImGui::RadioButton(label.c_str(), show_replay_)) show_replay_ = true;
      ImGui::SameLine(0, 24);
      ImGui::TextDisabled("%s", workspace_.title().c_str());
    }
    ImGui::End();
    top = kBarHeight;
  }
  if (show_replay_) {
    replay_view_->frame(width, height, top);
    return;
  }
  ImGui::SetNextWindowPos(ImVec2(0, top));
  ImGui::SetNextWindowSize(ImVec2(width, height - top));
  if (ImGui::Begin("Sweep", nullptr, kFixed)) results_window();
  ImGui::End();
}

void SweepApp::progress_window(float width, float height) {
  const float w = std::min(width - 40, 640.0f);
  ImGui::SetNextWindowPos(ImVec2((width - w) / 2, height / 2 - 60));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  if (ImGui::Begin("Sweep running", nullptr, kFixed)) {
    const uint64_t done = workspace_.job().done(), target = workspace_.job().target();
    ImGui::Text("%s of %s replications", format_count(static_cast<int64_t>(done)).c_str(),
                format_count(static_cast<int64_t>(target)).c_str());
    ImGui::ProgressBar(static_cast<float>(static_cast<double>(done) /
                                          static_cast<double>(std::max<uint64_t>(target, 1))),
                       ImVec2(-1, 0));
    if (const std::string error = failure(); !error.empty()) {
      ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "The sweep failed:");
      ImGui::TextWrapped("%s", error.c_str());
    } else {
      ImGui::TextDisabled("The results open when the sweep ends.");
    }
  }
  ImGui::End();
}

void SweepApp::summary() {
  const SweepDigest& d = workspace_.results().digest();
  ImGui::Text("%s", workspace_.title().c_str());
  ImGui::SameLine(0, 24);
  ImGui::TextDisabled("%.2f years each  \xC2\xB7  %s %s", d.measured_years, d.version.c_str(),
                      d.commit.c_str());
  if (d.interrupted) {
    ImGui::SameLine(0, 24);
    ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1),
                       "INTERRUPTED: the results cover the replications that finished");
  }
  ImGui::Text(
      "User-weighted availability %s  \xC2\xB7  downtime per user %s per year  \xC2\xB7  %.3f "
      "incidents per year",
      percent_ci(d.user_availability).c_str(), format_seconds(d.downtime_s_per_year.mean).c_str(),
      d.incidents_per_year.mean);
  for (const auto& [fqdn, a] : d.pool_availability) {
    ImGui::SameLine(0, 24);
    ImGui::TextDisabled("%s %s", fqdn.c_str(), percent_ci(a).c_str());
  }
  if (!d.overrides.empty()) {
    std::string all;
    for (const std::string& o : d.overrides) all += " " + o;
    ImGui::TextDisabled("overrides:%s", all.c_str());
  }
}

void SweepApp::histogram(const char* id, const DistributionDigest& d,
                         const std::vector<TargetMark>& targets, float h) {
  const float w = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, ImVec2(w, h));
  regions_.set(id, origin.x, origin.y, origin.x + w, origin.y + h);
  scratch_.clear();
  if (d.n == 0) {
    ImGui::GetWindowDrawList()->AddText(ImVec2(origin.x + 8, origin.y + 8), palette::kAxisText,
                                        "No incidents: nothing to draw.");
    return;
  }
  prepare_sweep_histogram(d, targets, w, h, HistogramLayout{}, text_metrics(), scratch_);
  draw(ImGui::GetWindowDrawList(), scratch_, origin, origin, ImVec2(origin.x + w, origin.y + h));
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "%s incidents; bars are the log-histogram's buckets re-binned to the screen\n"
        "coloured lines: p50, p95, p99; magenta: policy targets",
        format_count(static_cast<int64_t>(d.n)).c_str());
  }
}

void SweepApp::results_window() {
  if (workspace_.results().has_rare()) {
    rare_window();
    return;
  }
  const SweepDigest& d = workspace_.results().digest();
  summary();
  ImGui::Separator();
  const float table_w = std::clamp(ImGui::GetContentRegionAvail().x * 0.44f, 420.0f, 760.0f);
  const float plots_w = ImGui::GetContentRegionAvail().x - table_w - 8;
  ImGui::BeginChild("histograms", ImVec2(plots_w, 0));
  const float each_h = std::max(
      (ImGui::GetContentRegionAvail().y - 2 * ImGui::GetFrameHeightWithSpacing()) / 2 - 8, 120.0f);
  if (rto_stage_ < 0) rto_stage_ = index_of(d.rto_s, "total", 0);
  if (!d.rto_s.empty()) {
    ImGui::TextUnformatted("RTO of incidents with user impact, stage");
    ImGui::SameLine();
    distribution_combo("##rto_stage", d.rto_s, &rto_stage_);
    const auto& [stage, dist] = d.rto_s[static_cast<size_t>(rto_stage_)];
    // The policy's RTO targets are for the whole RTO, not for a stage.
    histogram("rto_histogram", dist,
              stage == "total" ? policy_marks(d, true) : std::vector<TargetMark>{}, each_h);
  }
  if (!d.rpo_s.empty()) {
    ImGui::TextUnformatted("RPO of incidents that lost data, category");
    ImGui::SameLine();
    distribution_combo("##rpo_category", d.rpo_s, &rpo_category_);
    histogram("rpo_histogram", d.rpo_s[static_cast<size_t>(rpo_category_)].second,
              policy_marks(d, false), each_h);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("worst", ImVec2(0, 0));
  worst_table();
  ImGui::EndChild();
}

void SweepApp::rare_window() {
  const RareReport& r = workspace_.results().rare();
  ImGui::Text("%s", workspace_.title().c_str());
  ImGui::TextWrapped("%s", rare_method_line(r).c_str());
  if (r.interrupted)
    ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1),
                       "INTERRUPTED: the figures cover the replications that finished");
  for (const RarePoolEstimate& p : r.pools) {
    const bool is_warned = !p.warning.empty();
    if (is_warned) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.45f, 1));
    ImGui::TextWrapped("%s", rare_pool_note(p).c_str());
    if (is_warned) ImGui::PopStyleColor();
  }
  ImGui::Separator();
  const std::vector<RareRow> rows = rare_rows(r);
  constexpr ImGuiTableFlags kTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("rare_rows", 6, kTable)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("pool");
  ImGui::TableSetupColumn("estimate");
  ImGui::TableSetupColumn("rare-event estimate (95 % CI)");
  ImGui::TableSetupColumn("relative half-width");
  ImGui::TableSetupColumn("plain Monte Carlo, same work");
  ImGui::TableSetupColumn("Markov chain");
  ImGui::TableHeadersRow();
  for (const RareRow& row : rows) {
    ImGui::TableNextRow();
    for (const std::string* cell :
         {&row.pool, &row.quantity, &row.estimate, &row.relative, &row.plain}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(cell->c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(row.markov_color), "%s", row.markov.c_str());
  }
  ImGui::EndTable();
}

void SweepApp::worst_table() {
  ImGui::TextUnformatted("Worst replications by");
  for (int m = 0; m < kWorstMeasureCount; ++m) {
    ImGui::SameLine();
    const char* shown[kWorstMeasureCount] = {"downtime", "longest RTO", "worst RPO"};
    if (ImGui::RadioButton(shown[m], measure_ == m)) measure_ = m;
  }
  const SweepSession& results = workspace_.results();
  if (!results.scenario_note().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, results.has_scenario() ? ImVec4(1, 0.8f, 0.4f, 1)
                                                                : ImVec4(1, 0.45f, 0.45f, 1));
    ImGui::TextWrapped("%s", results.scenario_note().c_str());
    ImGui::PopStyleColor();
  } else {
    ImGui::TextDisabled("Click a row to replay it from %s", results.scenario_path().c_str());
  }
  if (!workspace_.replay_error().empty()) {
    ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", workspace_.replay_error().c_str());
  }
  const std::vector<WorstRow> rows = worst_rows(results.digest(), measure_);
  if (rows.empty()) {
    ImGui::TextDisabled("No replication in this list: none had a value above zero.");
    return;
  }
  constexpr ImGuiTableFlags kTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  const float row_h = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  const float table_h = std::min(ImGui::GetContentRegionAvail().y * 0.62f,
                                 (static_cast<float>(rows.size()) + 1) * row_h + 4);
  if (!ImGui::BeginTable("worst_rows", 5, kTable, ImVec2(0, table_h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("replication");
  ImGui::TableSetupColumn("downtime / year");
  ImGui::TableSetupColumn("longest RTO");
  ImGui::TableSetupColumn("worst RPO");
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < rows.size(); ++i) {
    const WorstRow& r = rows[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string rank = std::to_string(i + 1);
    const bool is_replayed = workspace_.has_replay() && workspace_.replayed() == r.replication;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(rank.c_str(), is_replayed, ImGuiSelectableFlags_SpanAllColumns)) {
      select_worst(measure_, static_cast<int>(i));
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::Text("%" PRIu64, r.replication);
    for (int m = 0; m < kWorstMeasureCount; ++m) {
      ImGui::TableNextColumn();
      const auto& v = r.values[static_cast<size_t>(m)];
      if (!v) {
        ImGui::TextDisabled("-");
      } else if (m == measure_) {
        ImGui::TextColored(ImVec4(1, 0.85f, 0.45f, 1), "%s", format_seconds(*v).c_str());
      } else {
        ImGui::TextUnformatted(format_seconds(*v).c_str());
      }
    }
  }
  ImGui::EndTable();
  policy_table();
}

void SweepApp::policy_table() {
  const SweepDigest& d = workspace_.results().digest();
  ImGui::Spacing();
  ImGui::TextUnformatted(
      "Policy targets: incidents of each kind meeting them (Wilson 95 % interval)");
  if (d.policy.empty()) {
    ImGui::TextDisabled("The scenario's policy sets no targets.");
  } else if (ImGui::BeginTable("policy", 5,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                   ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("disruption");
    ImGui::TableSetupColumn("RTO");
    ImGui::TableSetupColumn("met");
    ImGui::TableSetupColumn("RPO");
    ImGui::TableSetupColumn("met");
    ImGui::TableHeadersRow();
    auto cells = [](const std::optional<int64_t>& target, const ProportionDigest& met) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(target ? round_duration(static_cast<double>(*target)).c_str() : "-");
      ImGui::TableNextColumn();
      if (!target || met.incidents == 0) {
        ImGui::TextDisabled(target ? "no incidents" : "-");
        return;
      }
      ImGui::Text("%.2f %% [%.2f, %.2f]", met.fraction * 100, met.ci95_low * 100,
                  met.ci95_high * 100);
    };
    for (const PolicyDigest& p : d.policy) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const uint64_t n = std::max(p.rto_met.incidents, p.rpo_met.incidents);
      ImGui::Text("%s (%s)", p.disruption.c_str(), format_count(static_cast<int64_t>(n)).c_str());
      cells(p.rto_target_s, p.rto_met);
      cells(p.rpo_target_s, p.rpo_met);
    }
    ImGui::EndTable();
  }
  if (!d.analytic.empty()) {
    ImGui::Spacing();
    ImGui::TextUnformatted("Analytic cross-check (Markov chains)");
    for (const AnalyticDigest& a : d.analytic) {
      ImGui::TextColored(
          a.inside_interval ? ImVec4(0.55f, 0.85f, 0.55f, 1) : ImVec4(1, 0.45f, 0.45f, 1),
          "%s: %.8f, Monte Carlo %.8f \xC2\xB1 %.8f", a.what.c_str(), a.analytic,
          a.monte_carlo_mean, a.monte_carlo_ci95_halfwidth);
    }
  }
  // PSTN calling and remote access, as the sweep page has them.
  for (const TitledTable& t : sweep_service_tables(d)) {
    ImGui::Spacing();
    ImGui::TextUnformatted(t.title.c_str());
    const ImVec2 top = ImGui::GetCursorScreenPos();
    markup_table(t.title.c_str(), t.table);
    const ImVec2 end = ImGui::GetItemRectMax();
    regions_.set(t.title == "PSTN calling" ? "pstn_table" : "access_table", top.x, top.y,
                 std::max(end.x, top.x + 1), std::max(end.y, top.y + 1));
  }
}

bool SweepApp::select_worst(int measure, int rank) {
  if (workspace_.is_busy() || measure < 0 || measure >= kWorstMeasureCount) return false;
  measure_ = measure;
  if (!workspace_.replay_worst(measure, rank)) return false;
  sync_replay_view();  // the previous replay's view must not outlive its Session
  return true;
}

}  // namespace drsim::viz::ui
