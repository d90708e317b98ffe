// What a prepare step produces and a draw step consumes: coloured rectangles, lines,
// triangles and labels in pixels relative to the area being drawn. Plain data, so tests can
// look at exactly what would appear on screen without a window.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace drsim::viz {

struct DrawRect {
  float x0, y0, x1, y1;
  uint32_t color;
  bool is_outline = false;
};

struct DrawLine {
  float x0, y0, x1, y1;
  uint32_t color;
  float thickness = 1;
};

struct DrawTri {
  float x0, y0, x1, y1, x2, y2;
  uint32_t color;
};

struct DrawText {
  float x, y;  // top-left of the text
  uint32_t color;
  std::string text;
  float clip_x1 = 1e9f;  // the draw step cuts the text at this x
};

struct DrawList {
  std::vector<DrawRect> rects;
  std::vector<DrawLine> lines;
  std::vector<DrawTri> tris;
  std::vector<DrawText> texts;

  void clear() {
    rects.clear();
    lines.clear();
    tris.clear();
    texts.clear();
  }
  size_t size() const { return rects.size() + lines.size() + tris.size() + texts.size(); }
};

// What prepare steps know of the font: enough to decide whether a label fits. The UI passes
// the font's own measure; tests use the average advance.
struct TextMetrics {
  float char_w_px = 7;  // average advance of a character
  float line_h_px = 13;
  std::function<float(const std::string&)> measure;  // optional exact width
  float width(const std::string& s) const {
    return measure ? measure(s) : static_cast<float>(s.size()) * char_w_px;
  }
};

}  // namespace drsim::viz
