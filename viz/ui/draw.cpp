// Replaying draw lists into ImGui; see draw.h.
#include "viz/ui/draw.h"

#include "viz/core/states.h"

namespace drsim::viz::ui {

// The core packs colours as IM_COL32 does, so they pass through unchanged.
static_assert(rgba(1, 2, 3, 4) == IM_COL32(1, 2, 3, 4), "viz colours must use ImGui's packing");

void draw(ImDrawList* dl, const DrawList& list, ImVec2 origin, ImVec2 clip_min, ImVec2 clip_max) {
  dl->PushClipRect(clip_min, clip_max, true);
  const float ox = origin.x, oy = origin.y;
  for (const DrawRect& r : list.rects) {
    const ImVec2 a(ox + r.x0, oy + r.y0), b(ox + r.x1, oy + r.y1);
    if (r.is_outline)
      dl->AddRect(a, b, r.color, 0, 0, 1.5f);
    else
      dl->AddRectFilled(a, b, r.color);
  }
  for (const DrawTri& t : list.tris) {
    dl->AddTriangleFilled(ImVec2(ox + t.x0, oy + t.y0), ImVec2(ox + t.x1, oy + t.y1),
                          ImVec2(ox + t.x2, oy + t.y2), t.color);
  }
  for (const DrawLine& l : list.lines) {
    dl->AddLine(ImVec2(ox + l.x0, oy + l.y0), ImVec2(ox + l.x1, oy + l.y1), l.color, l.thickness);
  }
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  for (const DrawText& t : list.texts) {
    const ImVec4 clip(clip_min.x, clip_min.y, std::min(clip_max.x, ox + t.clip_x1), clip_max.y);
    dl->AddText(font, size, ImVec2(ox + t.x, oy + t.y), t.color, t.text.c_str(),
                t.text.c_str() + t.text.size(), 0.0f, &clip);
  }
  dl->PopClipRect();
}

TextMetrics text_metrics() {
  // A typical label's mix of letters, capitals and digits gives the average advance.
  static constexpr const char kSample[] = "Invoke-CsPoolFailover pool1 10:45 failed over";
  TextMetrics m;
  m.char_w_px = ImGui::CalcTextSize(kSample).x / static_cast<float>(sizeof kSample - 1);
  m.line_h_px = ImGui::GetTextLineHeight();
  m.measure = [](const std::string& text) { return ImGui::CalcTextSize(text.c_str()).x; };
  return m;
}

void flow_chip(uint32_t color, const char* label, float spacing) {
  const float w = ImGui::GetTextLineHeight() * 1.4f + 4 + ImGui::CalcTextSize(label).x;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(0, spacing);
  if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
  color_chip(color, label);
}

void color_chip(uint32_t color, const char* label) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2),
                                            ImVec2(p.x + h * 1.4f, p.y + h - 2), color);
  ImGui::Dummy(ImVec2(h * 1.4f, h));
  ImGui::SameLine(0, 4);
  ImGui::TextUnformatted(label);
}

}  // namespace drsim::viz::ui
