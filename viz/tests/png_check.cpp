// Checks a drsim-viz screenshot: the PNG decodes, has the expected size, and shows the named
// colours: by default the lane colours of full service and of signed-out users (the default
// scenario has both: pool1's users sign out when dc1 is lost); for the sweep view the
// histogram bars and the policy target lines. Exit 0 when all holds, 1 with a reason otherwise.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "viz/core/states.h"
#include "viz/core/sweep_view.h"

namespace {
// Pixels of exactly this colour (as ImGui fills rectangles: no blending inside them).
long count_pixels(const unsigned char* px, int w, int h, uint32_t color) {
  const auto r = static_cast<unsigned char>(color & 0xFF);
  const auto g = static_cast<unsigned char>((color >> 8) & 0xFF);
  const auto b = static_cast<unsigned char>((color >> 16) & 0xFF);
  long n = 0;
  for (long i = 0; i < static_cast<long>(w) * h; ++i) {
    if (px[i * 4] == r && px[i * 4 + 1] == g && px[i * 4 + 2] == b) ++n;
  }
  return n;
}

struct NamedColor {
  const char* name;
  uint32_t color;
  long min_pixels;  // a lane or a bar is thousands of pixels; a 2-pixel line a few hundred
};
const NamedColor kColors[] = {
    {"full", drsim::viz::state_color(drsim::viz::State::kFull), 200},
    {"signed_out", drsim::viz::state_color(drsim::viz::State::kSignedOut), 200},
    {"histogram_bar", drsim::viz::palette::kHistogramBar, 200},
    {"target_line", drsim::viz::palette::kTargetLine, 100},
};
}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: drsim_viz_png_check IMAGE.png WIDTH HEIGHT [COLOUR...]\n"
                         "  colours: full signed_out histogram_bar target_line (default: full signed_out)\n");
    return 2;
  }
  std::vector<NamedColor> wanted;
  for (int i = 4; i < argc; ++i) {
    bool known = false;
    for (const NamedColor& c : kColors) {
      if (std::string(argv[i]) != c.name) continue;
      wanted.push_back(c);
      known = true;
    }
    if (!known) {
      std::fprintf(stderr, "drsim_viz_png_check: unknown colour '%s'\n", argv[i]);
      return 2;
    }
  }
  if (wanted.empty()) wanted = {kColors[0], kColors[1]};
  const int want_w = std::atoi(argv[2]), want_h = std::atoi(argv[3]);
  int w = 0, h = 0, channels = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &channels, 4);
  if (px == nullptr) {
    std::fprintf(stderr, "%s: cannot decode: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  int status = 0;
  if (w != want_w || h != want_h) {
    std::fprintf(stderr, "%s: %dx%d, expected %dx%d\n", argv[1], w, h, want_w, want_h);
    status = 1;
  }
  // The minimum counts rule out stray text of a similar colour.
  for (const NamedColor& c : wanted) {
    const long n = count_pixels(px, w, h, c.color);
    std::printf("%s: %ld pixels of the '%s' colour\n", argv[1], n, c.name);
    if (n < c.min_pixels) {
      std::fprintf(stderr, "%s: the '%s' colour is missing (%ld pixels, expected %ld or more)\n", argv[1], c.name, n,
                   c.min_pixels);
      status = 1;
    }
  }
  stbi_image_free(px);
  return status;
}
