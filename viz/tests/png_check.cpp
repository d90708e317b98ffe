// Checks a drsim-viz screenshot: the PNG decodes, has the expected size, and shows the named
// colours, each at least a given number of pixels, anywhere or inside one area of the window
// as the app wrote it with --layout (a legend's swatches hold every lane colour, ~230 pixels
// each, so lane checks count inside the lanes only).
//
//   drsim_viz_png_check IMAGE.png WIDTH HEIGHT [--layout FILE] [REGION:]COLOUR>=MIN ...
//
// COLOUR is a state (full, signed_out, down, failing_over, ... as in the legend, spaces as
// underscores), an RTO stage (detect, decide, execute, clients_back) or histogram_bar,
// target_line, incident, incident_selected, or a sensitivity bar's sensitivity_low,
// sensitivity_high, sensitivity_not_sure. Every count is printed. Exit 0 when all holds, 1
// with the reasons otherwise, 2 for bad arguments.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "io/errors.h"
#include "io/files.h"
#include "viz/core/header_prepare.h"
#include "viz/core/input_script.h"
#include "viz/core/sensitivity_view.h"
#include "viz/core/states.h"
#include "viz/core/sweep_view.h"

namespace {
using drsim::viz::ScreenRegion;

struct NamedColor {
  std::string name;
  uint32_t color;
};

std::vector<NamedColor> known_colors() {
  namespace p = drsim::viz::palette;
  std::vector<NamedColor> out;
  for (const drsim::viz::StateInfo& s : drsim::viz::kStateInfo) {
    std::string name = s.name;
    for (char& c : name)
      if (c == ' ') c = '_';
    out.push_back({name, s.color});
  }
  out.insert(out.end(), {{"detect", p::kStageDetect},
                         {"decide", p::kStageDecide},
                         {"execute", p::kStageExecute},
                         {"clients_back", p::kStageClientsBack},
                         {"histogram_bar", p::kHistogramBar},
                         {"target_line", p::kTargetLine},
                         {"incident", p::kIncident},
                         {"incident_selected", p::kIncidentSelected},
                         {"sensitivity_low", p::kAtLow},
                         {"sensitivity_high", p::kAtHigh},
                         {"sensitivity_not_sure", p::kNotSure}});
  return out;
}

// Pixels of exactly this colour (as ImGui fills rectangles: no blending inside them) in the
// rectangle [x0, x1) x [y0, y1) of the image.
long count_pixels(const unsigned char* px, int w, int h, uint32_t color, const ScreenRegion& r) {
  const auto red = static_cast<unsigned char>(color & 0xFF);
  const auto green = static_cast<unsigned char>((color >> 8) & 0xFF);
  const auto blue = static_cast<unsigned char>((color >> 16) & 0xFF);
  long n = 0;
  const int x0 = std::max(0, static_cast<int>(r.x0)), x1 = std::min(w, static_cast<int>(r.x1));
  const int y0 = std::max(0, static_cast<int>(r.y0)), y1 = std::min(h, static_cast<int>(r.y1));
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const unsigned char* p = px + (static_cast<long>(y) * w + x) * 4;
      if (p[0] == red && p[1] == green && p[2] == blue) ++n;
    }
  }
  return n;
}

struct Check {
  std::string region;  // empty: the whole image
  NamedColor color;
  long min_pixels;
};

int usage(const char* why) {
  std::fprintf(stderr,
               "drsim_viz_png_check: %s\nusage: drsim_viz_png_check IMAGE.png WIDTH HEIGHT "
               "[--layout FILE] [REGION:]COLOUR>=MIN ...\n",
               why);
  return 2;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) return usage("expected an image, its size and at least one check");
  const std::vector<NamedColor> colors = known_colors();
  drsim::viz::ScreenRegions layout;
  std::vector<Check> checks;
  for (int i = 4; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--layout") {
      if (++i >= argc) return usage("--layout needs a file");
      try {
        layout = drsim::viz::parse_regions(drsim::read_file(argv[i], 1 << 20), argv[i]);
      } catch (const drsim::InputError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
      }
      continue;
    }
    const size_t ge = arg.find(">=");
    if (ge == std::string::npos)
      return usage(("expected [REGION:]COLOUR>=MIN, got '" + arg + "'").c_str());
    const size_t colon = arg.find(':');
    Check c;
    c.region = colon < ge ? arg.substr(0, colon) : "";
    const std::string name =
        arg.substr(colon < ge ? colon + 1 : 0, ge - (colon < ge ? colon + 1 : 0));
    c.min_pixels = std::atol(arg.c_str() + ge + 2);
    bool known = false;
    for (const NamedColor& n : colors) {
      if (n.name == name) {
        c.color = n;
        known = true;
      }
    }
    if (!known) return usage(("unknown colour '" + name + "'").c_str());
    checks.push_back(c);
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
  const ScreenRegion whole{"image", 0, 0, static_cast<float>(w), static_cast<float>(h)};
  for (const Check& c : checks) {
    const ScreenRegion* r = c.region.empty() ? &whole : layout.find(c.region);
    if (r == nullptr) {
      std::fprintf(stderr, "%s: no region '%s' in the layout (--layout FILE)\n", argv[1],
                   c.region.c_str());
      status = 1;
      continue;
    }
    const long n = count_pixels(px, w, h, c.color.color, *r);
    std::printf("%s: %ld pixels of '%s' in %s (%.0f,%.0f)-(%.0f,%.0f), %ld wanted\n", argv[1], n,
                c.color.name.c_str(), r->name.c_str(), r->x0, r->y0, r->x1, r->y1, c.min_pixels);
    if (n < c.min_pixels) {
      std::fprintf(stderr, "%s: too little '%s' in %s: %ld pixels, expected %ld or more\n", argv[1],
                   c.color.name.c_str(), r->name.c_str(), n, c.min_pixels);
      status = 1;
    }
  }
  stbi_image_free(px);
  return status;
}
