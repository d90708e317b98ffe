// Scripted mouse input for drsim-viz's screenshot mode (--script), so that tests can drive the
// timeline's zoom, pan and clicks under Xvfb without a person or an X input tool.
//
// A script is commands separated by ';' (or ','), each becoming one or more frames of input:
//   move X Y          the pointer to pixel (X, Y) of the window
//   click X Y         move there, press the left button (one frame), release (one frame)
//   drag X0 Y0 X1 Y1  press at (X0, Y0), move to (X1, Y1) over four frames, release
//   wheel N           turn the wheel by N notches (positive: away from the user) at the pointer
//   wait N            N frames without input
//   state             print the timeline's view state on stdout ("state: t0_us=...")
//   whatif            print the what-if panel's state on stdout ("whatif: runs=...")
// Plain data and a parser, tested without a window; main.cpp feeds the frames to ImGui.
#pragma once

#include <string>
#include <vector>

namespace drsim::viz {

struct InputFrame {
  float x = -1, y = -1;  // the pointer; negative: outside the window
  bool is_down = false;  // the left button
  float wheel = 0;
  bool print_state = false;
  bool print_whatif = false;
};

// Where a frame drew its main areas ("lanes", "header", "legend", ...), in window pixels, so
// that a test can check a screenshot's colours inside an area rather than anywhere (a legend
// swatch has every lane colour). drsim-viz --layout FILE writes them with the screenshot.
struct ScreenRegion {
  std::string name;
  float x0, y0, x1, y1;
};
struct ScreenRegions {
  std::vector<ScreenRegion> regions;
  void set(const std::string& name, float x0, float y0, float x1, float y1);
  const ScreenRegion* find(const std::string& name) const;
  // One "region NAME X0 Y0 X1 Y1" line per region, coordinates rounded to pixels.
  std::string text() const;
};
// Reads text(); InputError naming `source` and the line for anything else.
ScreenRegions parse_regions(const std::string& text, const std::string& source);

// Frames of input for `script`; InputError (naming --script and the command) when a command
// is unknown or its numbers are missing or not numbers.
std::vector<InputFrame> parse_input_script(const std::string& script);

}  // namespace drsim::viz
