// Checks a drsim-viz screenshot: the PNG decodes, has the expected size, and shows the lane
// colours of full service and of signed-out users (the default scenario has both: pool1's
// users sign out when dc1 is lost). Exit 0 when all holds, 1 with a reason otherwise.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "viz/core/states.h"

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
}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: drsim_viz_png_check IMAGE.png WIDTH HEIGHT\n");
    return 2;
  }
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
  // A lane of a few hundred pixels is some thousands of pixels; 200 rules out stray text.
  constexpr long kMinPixels = 200;
  for (drsim::viz::State s : {drsim::viz::State::kFull, drsim::viz::State::kSignedOut}) {
    const long n = count_pixels(px, w, h, drsim::viz::state_color(s));
    std::printf("%s: %ld pixels of the '%s' colour\n", argv[1], n, drsim::viz::state_info(s).name);
    if (n < kMinPixels) {
      std::fprintf(stderr, "%s: the '%s' lane colour is missing\n", argv[1], drsim::viz::state_info(s).name);
      status = 1;
    }
  }
  stbi_image_free(px);
  return status;
}
