// drsim-viz: opens a scenario (and runs it) or a saved .drlog, and shows the run.
//
//   drsim-viz SCENARIO|LOG.drlog [--screenshot out.png [--frames N]] [--size WxH]
//   drsim-viz --bench-prepare [--records N]
//
// This is the one file that knows about windows and OpenGL: GLFW creates the window, Dear
// ImGui's GLFW and OpenGL 3 backends (compiled into Debian's libimgui.a) render, and
// --screenshot reads the back buffer into a PNG (stb_image_write) after N frames and exits,
// for tests under Xvfb and for the documentation's pictures.
// Exit codes as drsim's: 0 success, 2 bad input, 1 internal error or unwritable output.
#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include <CLI/CLI.hpp>
#include <cfloat>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"
#include "io/errors.h"
#include "io/files.h"
#include "viz/core/bench.h"
#include "viz/ui/app.h"

namespace {

constexpr int kExitOk = 0, kExitInternal = 1, kExitInput = 2;

struct Options {
  std::string file;
  std::string screenshot;
  int frames = 6;
  std::string size = "1600x1000";
  std::vector<std::string> what_if;
  bool bench = false;
  size_t records = 1'000'000;
};

void glfw_error(int code, const char* text) { std::fprintf(stderr, "drsim-viz: GLFW error %d: %s\n", code, text); }

void append_png_bytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

// Reads the back buffer (call after rendering, before swapping) and writes it as a PNG, via
// a temporary file and a rename like every drsim output.
void write_screenshot(const std::string& path, int w, int h) {
  std::vector<unsigned char> px(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  // Opaque pixels: the alpha of the back buffer is not meant to be looked at.
  for (size_t i = 3; i < px.size(); i += 4) px[i] = 255;
  stbi_flip_vertically_on_write(1);  // GL's origin is the bottom left
  std::string png;
  if (stbi_write_png_to_func(append_png_bytes, &png, w, h, 4, px.data(), w * 4) == 0) {
    throw drsim::OutputError(path + ": could not encode the PNG");
  }
  drsim::write_file_atomically(path, png);
}

// Loads DejaVu Sans when the system has it (readable at small sizes); ImGui's built-in font
// otherwise. Returns the small font for the thin lanes, or null.
ImFont* load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (!std::filesystem::exists(kFont)) return nullptr;
  io.Fonts->AddFontFromFileTTF(kFont, 15.0f);
  return io.Fonts->AddFontFromFileTTF(kFont, 12.5f);
}

void style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.FrameRounding = 3;
  s.WindowPadding = ImVec2(8, 6);
  s.ItemSpacing = ImVec2(8, 5);
  s.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1);
  s.Colors[ImGuiCol_ChildBg] = ImVec4(0.09f, 0.10f, 0.12f, 1);
}

int run_window(const Options& o, drsim::viz::Session session) {
  int width = 1600, height = 1000;
  if (std::sscanf(o.size.c_str(), "%dx%d", &width, &height) != 2 || width < 400 || height < 300 ||
      width > 16384 || height > 16384) {
    std::fprintf(stderr, "drsim-viz: --size: expected WIDTHxHEIGHT between 400x300 and 16384x16384, got '%s'\n",
                 o.size.c_str());
    return kExitInput;
  }
  glfwSetErrorCallback(glfw_error);
  if (glfwInit() == GLFW_FALSE) {
    std::fprintf(stderr, "drsim-viz: no display (for a headless screenshot: xvfb-run -a drsim-viz ...)\n");
    return kExitInternal;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const std::string title = "drsim-viz - " + session.current().title;
  GLFWwindow* window = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (window == nullptr) {
    glfwTerminate();
    return kExitInternal;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(o.screenshot.empty() ? 1 : 0);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to remember
  style();
  ImFont* small_font = load_fonts();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  int status = kExitOk;
  {
    drsim::viz::ui::App app(std::move(session), small_font);
    // ImGui lays windows out over the first frames: a screenshot waits for a few.
    for (int frame = 1; glfwWindowShouldClose(window) == GLFW_FALSE; ++frame) {
      glfwPollEvents();
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      // A screenshot shows the state as opened: wherever the X server left its pointer, no
      // hover or tooltip gets into the picture.
      if (!o.screenshot.empty()) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      ImGui::NewFrame();
      int fb_w = 0, fb_h = 0;
      glfwGetFramebufferSize(window, &fb_w, &fb_h);
      const ImVec2 display = ImGui::GetIO().DisplaySize;
      app.frame(display.x, display.y);
      ImGui::Render();
      glViewport(0, 0, fb_w, fb_h);
      glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (!o.screenshot.empty() && frame >= o.frames) {
        try {
          write_screenshot(o.screenshot, fb_w, fb_h);
          std::printf("wrote %s (%dx%d) after %d frames\n", o.screenshot.c_str(), fb_w, fb_h, frame);
        } catch (const drsim::OutputError& e) {
          std::fprintf(stderr, "drsim-viz: %s\n", e.what());
          status = kExitInternal;
        }
        break;
      }
      glfwSwapBuffers(window);
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App cli{"drsim-viz: the timeline, incidents and what-ifs of a drsim run"};
  cli.add_option("file", o.file, "a scenario (.pb.txt, .json: run at once) or a saved .drlog");
  cli.add_option("--screenshot", o.screenshot, "render without input, write this PNG and exit");
  cli.add_option("--frames", o.frames, "frames to render before the screenshot")->check(CLI::Range(2, 10000));
  cli.add_option("--size", o.size, "window size, WIDTHxHEIGHT");
  cli.add_option("--what-if", o.what_if,
                 "KEY=VALUE edits re-run at start, the first run kept as a ghost (sync_interval_s, "
                 "detect_delay_s, decide_delay_s, fault_component, fault_at_s, repair_after_s)");
  cli.add_flag("--bench-prepare", o.bench, "time the per-frame prepare step on a synthetic log and exit");
  cli.add_option("--records", o.records, "records in the benchmark's log")->check(CLI::Range(1000, 20'000'000));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? kExitOk : kExitInput;
  }
  if (o.bench) {
    std::printf("%s", drsim::viz::format_bench(drsim::viz::bench_prepare(o.records, 60, 1270, 420)).c_str());
    return kExitOk;
  }
  if (o.file.empty()) {
    std::fprintf(stderr, "drsim-viz: name a scenario or a .drlog to open (drsim-viz --help)\n");
    return kExitInput;
  }
  try {
    drsim::viz::Session session = drsim::viz::Session::open(o.file);
    if (!o.what_if.empty()) {
      if (!session.has_scenario()) {
        std::fprintf(stderr, "drsim-viz: --what-if needs a scenario, not a saved log\n");
        return kExitInput;
      }
      for (const std::string& setting : o.what_if) {
        const std::string error = drsim::viz::apply_setting(&session.draft(), setting);
        if (!error.empty()) {
          std::fprintf(stderr, "drsim-viz: --what-if: %s\n", error.c_str());
          return kExitInput;
        }
      }
      const drsim::viz::ValidationResult check = session.rerun();
      for (const std::string& e : check.errors) std::fprintf(stderr, "drsim-viz: --what-if: %s\n", e.c_str());
      if (!check.errors.empty()) return kExitInput;
    }
    return run_window(o, std::move(session));
  } catch (const drsim::InputError& e) {
    if (e.diagnostics().empty()) std::fprintf(stderr, "drsim-viz: %s\n", e.what());
    for (const drsim::Diagnostic& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.format().c_str());
    return kExitInput;
  }
}
