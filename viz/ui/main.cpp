// drsim-viz: opens a scenario (and runs it) or a saved .drlog, and shows the run.
//
//   drsim-viz SCENARIO|LOG.drlog [--screenshot out.png [--frames N]] [--size WxH]
//   drsim-viz SCENARIO --sensitivity S.json   (drsim sensitivity's ranking beside the what-ifs)
//   drsim-viz SWEEP.json [--scenario FILE] [--select-worst K [--worst-by MEASURE]]
//   drsim-viz SCENARIO --sweep-run N
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
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analysis/sensitivity.h"
#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/scenario_file.h"
#include "viz/core/bench.h"
#include "viz/core/input_script.h"
#include "viz/core/sweep_view.h"
#include "viz/core/sweep_workspace.h"
#include "viz/ui/app.h"
#include "viz/ui/sweep_app.h"

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
  std::string sweep;       // a sweep's JSON (also recognised by content as `file`)
  std::string scenario;    // the swept scenario, when not found by its name
  uint64_t sweep_run = 0;  // > 0: sweep `file` here, in the background
  int select_worst = -1;   // >= 0: replay this row of the worst list at start
  std::string worst_by = "downtime_s_per_year";
  std::string script;       // scripted mouse input (viz/core/input_script.h)
  std::string layout;       // with --screenshot: where the areas were drawn
  std::string sensitivity;  // drsim sensitivity --json: shown in the what-if panel
};

// What the window shows, owned here for the whole run: one scenario's Session, or a sweep's
// workspace. The UI objects made in run_window hold references to it.
struct Model {
  std::optional<drsim::viz::Session> session;
  std::optional<drsim::viz::SweepWorkspace> sweep;
  std::optional<drsim::SensitivityFile> sensitivity;
};

void glfw_error(int code, const char* text) {
  std::fprintf(stderr, "drsim-viz: GLFW error %d: %s\n", code, text);
}

void append_png_bytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<size_t>(size));
}

// Reads the back buffer (call after rendering, before swapping) and writes it as a PNG, via
// a temporary file and a rename like every drsim output.
void write_screenshot(const std::string& path, int w, int h) {
  std::vector<unsigned char> px(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  // RGB only: the alpha of the back buffer is not meant to be looked at, and the file is a
  // quarter smaller without it.
  const size_t pixels = static_cast<size_t>(w) * static_cast<size_t>(h);
  for (size_t i = 0; i < pixels; ++i) {
    for (size_t c = 0; c < 3; ++c) px[i * 3 + c] = px[i * 4 + c];
  }
  stbi_flip_vertically_on_write(1);  // GL's origin is the bottom left
  stbi_write_png_compression_level = 9;
  std::string png;
  if (stbi_write_png_to_func(append_png_bytes, &png, w, h, 3, px.data(), w * 3) == 0) {
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

int run_window(const Options& o, Model& model) {
  int width = 1600, height = 1000;
  if (std::sscanf(o.size.c_str(), "%dx%d", &width, &height) != 2 || width < 400 || height < 300 ||
      width > 16384 || height > 16384) {
    std::fprintf(
        stderr,
        "drsim-viz: --size: expected WIDTHxHEIGHT between 400x300 and 16384x16384, got '%s'\n",
        o.size.c_str());
    return kExitInput;
  }
  glfwSetErrorCallback(glfw_error);
  if (glfwInit() == GLFW_FALSE) {
    std::fprintf(stderr,
                 "drsim-viz: no display (for a headless screenshot: xvfb-run -a drsim-viz ...)\n");
    return kExitInternal;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const std::string title =
      "drsim-viz - " + (model.session            ? model.session->current().title
                        : model.sweep->is_busy() ? std::string("sweep of ") + o.file
                                                 : model.sweep->title());
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
    struct {
      std::unique_ptr<drsim::viz::ui::App> app;
      std::unique_ptr<drsim::viz::ui::SweepApp> sweep_app;
    } views;
    if (model.session) {
      views.app = std::make_unique<drsim::viz::ui::App>(*model.session, small_font);
      if (model.sensitivity) views.app->set_sensitivity(&*model.sensitivity);
    } else
      views.sweep_app = std::make_unique<drsim::viz::ui::SweepApp>(*model.sweep, small_font);
    bool is_worst_selected = o.select_worst < 0;
    bool is_failure_reported = false;
    // Scripted input starts once the windows are laid out, and the picture waits for it.
    const std::vector<drsim::viz::InputFrame> script = drsim::viz::parse_input_script(o.script);
    constexpr int kScriptStart = 3;
    // The last frame is the script's last, so that a final `move` shows its tooltip.
    const int last_frame = std::max(o.frames, kScriptStart + static_cast<int>(script.size()) - 1);
    drsim::viz::ui::App* timeline = nullptr;
    // ImGui lays windows out over the first frames: a screenshot waits for a few, and for a
    // background sweep to end.
    int busy_frames = 0;
    for (int frame = 1; glfwWindowShouldClose(window) == GLFW_FALSE; ++frame) {
      if (views.sweep_app && views.sweep_app->is_busy()) {
        // The progress bar needs only a few frames a second; the cores are the sweep's.
        frame = 0;
        ++busy_frames;
        glfwWaitEventsTimeout(0.05);
      } else if (busy_frames > 0) {
        std::printf("the window drew %d frames while the sweep ran\n", busy_frames);
        busy_frames = 0;
      }
      if (views.sweep_app && !is_failure_reported && !views.sweep_app->failure().empty()) {
        // Bad input found while sweeping, reported as drsim reports it: a screenshot ends
        // with exit 2, a window stays open on the message.
        std::fprintf(stderr, "%s\n", views.sweep_app->failure().c_str());
        if (!o.screenshot.empty()) status = kExitInput;
        is_failure_reported = is_worst_selected = true;
      }
      if (views.sweep_app && !views.sweep_app->is_busy() && !is_worst_selected) {
        is_worst_selected = true;
        int measure = 0;
        for (int m = 0; m < drsim::viz::kWorstMeasureCount; ++m)
          if (o.worst_by == drsim::viz::kWorstMeasures[m]) measure = m;
        if (!views.sweep_app->select_worst(measure, o.select_worst)) {
          std::fprintf(stderr,
                       "drsim-viz: --select-worst %d: cannot replay it (the window says why)\n",
                       o.select_worst);
          if (!o.screenshot.empty()) status = kExitInput;
        }
      }
      glfwPollEvents();
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      // A screenshot shows the state as opened: wherever the X server left its pointer, no
      // hover or tooltip gets into the picture.
      if (!o.screenshot.empty()) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      const int step = frame - kScriptStart;
      const bool is_scripted = step >= 0 && step < static_cast<int>(script.size());
      if (is_scripted) {
        const drsim::viz::InputFrame& in = script[static_cast<size_t>(step)];
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = in.x < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(in.x, in.y);
        io.MouseDown[0] = in.is_down;
        io.MouseWheel = in.wheel;
      }
      ImGui::NewFrame();
      int fb_w = 0, fb_h = 0;
      glfwGetFramebufferSize(window, &fb_w, &fb_h);
      const ImVec2 display = ImGui::GetIO().DisplaySize;
      if (views.app)
        views.app->frame(display.x, display.y);
      else
        views.sweep_app->frame(display.x, display.y);
      timeline = views.app ? views.app.get() : views.sweep_app->replay();
      if (is_scripted && script[static_cast<size_t>(step)].print_state) {
        std::printf("state: %s\n", timeline != nullptr ? timeline->view_state_text().c_str()
                                                       : "no timeline shown");
      }
      if (is_scripted && script[static_cast<size_t>(step)].print_whatif) {
        std::printf("whatif: %s\n", timeline != nullptr
                                        ? drsim::viz::whatif_state_text(timeline->session()).c_str()
                                        : "no timeline shown");
      }
      ImGui::Render();
      glViewport(0, 0, fb_w, fb_h);
      glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (!o.screenshot.empty() && frame >= last_frame && status == kExitOk) {
        try {
          write_screenshot(o.screenshot, fb_w, fb_h);
          std::printf("wrote %s (%dx%d) after %d frames\n", o.screenshot.c_str(), fb_w, fb_h,
                      frame);
          if (!o.layout.empty()) {
            const drsim::viz::ScreenRegions& regions =
                views.app ? views.app->regions() : views.sweep_app->regions();
            drsim::write_file_atomically(o.layout, regions.text());
            std::printf("wrote %s\n", o.layout.c_str());
          }
        } catch (const drsim::OutputError& e) {
          std::fprintf(stderr, "drsim-viz: %s\n", e.what());
          status = kExitInternal;
        }
        break;
      }
      if (status != kExitOk) break;
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
  cli.add_option("file", o.file,
                 "a scenario (.pb.txt, .json: run at once), a saved .drlog, or a sweep's JSON");
  cli.add_option("--sweep", o.sweep,
                 "a sweep's results (drsim sweep --json FILE) to open in the sweep view");
  cli.add_option("--scenario", o.scenario,
                 "the swept scenario, to replay replications (default: found by name)");
  cli.add_option("--sweep-run", o.sweep_run,
                 "sweep the scenario here with this many replications, in the background")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}));
  cli.add_option("--select-worst", o.select_worst,
                 "replay this worst replication at start (0 = the worst)")
      ->check(CLI::Range(0, 1000));
  cli.add_option("--worst-by", o.worst_by, "the worst list --select-worst picks from")
      ->check(CLI::IsMember({"downtime_s_per_year", "rto_total_s", "rpo_user_data_s"}));
  cli.add_option("--screenshot", o.screenshot, "render without input, write this PNG and exit");
  cli.add_option("--frames", o.frames, "frames to render before the screenshot")
      ->check(CLI::Range(2, 10000));
  cli.add_option("--layout", o.layout,
                 "with --screenshot: write where the timeline's areas were drawn to this file");
  cli.add_option("--size", o.size, "window size, WIDTHxHEIGHT");
  cli.add_option(
      "--what-if", o.what_if,
      "KEY=VALUE edits re-run at start, the first run kept as a ghost: any scenario field as "
      "drsim run --set takes it (backup_service.sync_interval_s=60), or sync_interval_s, "
      "detect_delay_s, decide_delay_s, fault_component, fault_at_s, repair_after_s, "
      "ha_mode[POOL], pool_users[POOL], pool_active_users[POOL], pool_front_ends[POOL]");
  cli.add_option("--sensitivity", o.sensitivity,
                 "a sensitivity ranking (drsim sensitivity SCENARIO --json FILE) to show beside "
                 "the what-if sliders: what drives each metric");
  cli.add_option("--script", o.script,
                 "scripted mouse input, e.g. \"move 800 400; wheel 2; drag 800 400 700 400; click "
                 "600 130; state\"");
  cli.add_flag("--bench-prepare", o.bench,
               "time the per-frame prepare step on a synthetic log and exit");
  cli.add_option("--records", o.records, "records in the benchmark's log")
      ->check(CLI::Range(1000, 20'000'000));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? kExitOk : kExitInput;
  }
  if (o.bench) {
    std::printf(
        "%s",
        drsim::viz::format_bench(drsim::viz::bench_prepare(o.records, 200, 1270, 420)).c_str());
    return kExitOk;
  }
  if (o.file.empty() && o.sweep.empty()) {
    std::fprintf(
        stderr,
        "drsim-viz: name a scenario, a .drlog or a sweep's JSON to open (drsim-viz --help)\n");
    return kExitInput;
  }
  try {
    drsim::viz::parse_input_script(o.script);  // bad scripts fail before a window opens
    // As every drsim output: an unwritable picture fails before the run, not after it.
    if (!o.screenshot.empty()) drsim::check_writable(o.screenshot);
    // A sweep's JSON is told from a scenario in JSON by its content.
    if (o.sweep.empty() && o.file.size() > 5 &&
        o.file.compare(o.file.size() - 5, 5, ".json") == 0 &&
        (drsim::viz::is_sweep_json(drsim::read_file(o.file, size_t{64} << 20)) ||
         drsim::is_rare_json(drsim::read_file(o.file, size_t{64} << 20)))) {
      o.sweep = o.file;
    }
    Model model;
    if (!o.sensitivity.empty() && (!o.sweep.empty() || o.sweep_run > 0)) {
      std::fprintf(stderr,
                   "drsim-viz: --sensitivity goes with a scenario's what-if panel, not a sweep\n");
      return kExitInput;
    }
    if (!o.sweep.empty()) {
      if (o.sweep_run > 0 || !o.what_if.empty()) {
        std::fprintf(
            stderr,
            "drsim-viz: --sweep-run and --what-if need a scenario, not a sweep's results\n");
        return kExitInput;
      }
      model.sweep.emplace(std::make_unique<drsim::viz::SweepSession>(
          drsim::viz::SweepSession::open(o.sweep, o.scenario)));
      return run_window(o, model);
    }
    if (o.select_worst >= 0 && o.sweep_run == 0) {
      std::fprintf(stderr,
                   "drsim-viz: --select-worst needs a sweep (SWEEP.json or --sweep-run N)\n");
      return kExitInput;
    }
    if (o.sweep_run > 0) {
      drsim::LoadedScenario loaded = drsim::load_scenario(o.file);
      // One core is left to the window, so that it stays responsive while the sweep runs.
      const int threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1);
      model.sweep.emplace(std::make_unique<drsim::viz::SweepJob>(
          std::move(loaded.scenario), o.file, loaded.sha256, o.sweep_run, threads));
      return run_window(o, model);
    }
    // Bad input in the ranking fails before the scenario runs.
    if (!o.sensitivity.empty())
      model.sensitivity = drsim::read_sensitivity_json(
          drsim::read_file(o.sensitivity, size_t{64} << 20), o.sensitivity);
    drsim::viz::Session& session = model.session.emplace(drsim::viz::Session::open(o.file));
    if (model.sensitivity && !session.has_scenario()) {
      std::fprintf(stderr, "drsim-viz: --sensitivity needs a scenario, not a saved log\n");
      return kExitInput;
    }
    if (!o.what_if.empty()) {
      if (!session.has_scenario()) {
        std::fprintf(stderr, "drsim-viz: --what-if needs a scenario, not a saved log\n");
        return kExitInput;
      }
      for (const std::string& setting : o.what_if) {
        const std::string error = session.apply_setting(setting);
        if (!error.empty()) {
          std::fprintf(stderr, "drsim-viz: --what-if: %s\n", error.c_str());
          return kExitInput;
        }
      }
      const drsim::viz::ValidationResult& check = session.rerun();
      for (const std::string& e : check.errors)
        std::fprintf(stderr, "drsim-viz: --what-if: %s\n", e.c_str());
      if (!check.errors.empty()) return kExitInput;
    }
    return run_window(o, model);
  } catch (const drsim::InputError& e) {
    if (e.diagnostics().empty()) std::fprintf(stderr, "drsim-viz: %s\n", e.what());
    for (const drsim::Diagnostic& d : e.diagnostics())
      std::fprintf(stderr, "%s\n", d.format().c_str());
    return kExitInput;
  } catch (const drsim::OutputError& e) {
    std::fprintf(stderr, "drsim-viz: %s\n", e.what());
    return kExitInternal;
  }
}
