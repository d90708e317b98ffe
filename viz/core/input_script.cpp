// The --script parser; see input_script.h.
#include "viz/core/input_script.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "io/errors.h"

namespace drsim::viz {

namespace {
// A bound on a script's length in frames: a test, not a session.
constexpr size_t kMaxScriptFrames = 100'000;
}  // namespace

std::vector<InputFrame> parse_input_script(const std::string& script) {
  std::vector<InputFrame> out;
  InputFrame at;  // the pointer and button carry over from frame to frame
  // ',' separates commands too: CMake lists split arguments at ';'.
  std::string separated = script;
  std::replace(separated.begin(), separated.end(), ',', ';');
  std::stringstream commands(separated);
  std::string command;
  while (std::getline(commands, command, ';')) {
    std::istringstream in(command);
    std::string verb;
    if (!(in >> verb)) continue;  // empty command
    auto numbers = [&](int count) {
      std::vector<float> v(static_cast<size_t>(count));
      for (float& x : v) {
        if (!(in >> x))
          throw InputError("--script",
                           "'" + command + "': expected " + std::to_string(count) + " numbers");
      }
      std::string extra;
      if (in >> extra)
        throw InputError("--script", "'" + command + "': unexpected '" + extra + "'");
      return v;
    };
    InputFrame f = at;
    f.wheel = 0;
    f.print_state = false;
    f.print_whatif = false;
    if (verb == "move") {
      const std::vector<float> p = numbers(2);
      f.x = p[0];
      f.y = p[1];
      out.push_back(f);
    } else if (verb == "click") {
      const std::vector<float> p = numbers(2);
      f.x = p[0];
      f.y = p[1];
      f.is_down = false;
      out.push_back(f);  // hover first: ImGui takes the press on the item under the pointer
      f.is_down = true;
      out.push_back(f);
      f.is_down = false;
      out.push_back(f);
    } else if (verb == "drag") {
      const std::vector<float> p = numbers(4);
      f.x = p[0];
      f.y = p[1];
      out.push_back(f);
      f.is_down = true;
      out.push_back(f);
      constexpr int kSteps = 4;
      for (int i = 1; i <= kSteps; ++i) {
        f.x = p[0] + (p[2] - p[0]) * static_cast<float>(i) / kSteps;
        f.y = p[1] + (p[3] - p[1]) * static_cast<float>(i) / kSteps;
        out.push_back(f);
      }
      f.is_down = false;
      out.push_back(f);
    } else if (verb == "wheel") {
      f.wheel = numbers(1)[0];
      out.push_back(f);
      f.wheel = 0;
    } else if (verb == "wait") {
      const float n = numbers(1)[0];
      if (n < 0 || n > static_cast<float>(kMaxScriptFrames))
        throw InputError("--script", "'" + command + "': wait 0 to 100000 frames");
      for (int i = 0; i < static_cast<int>(n); ++i) out.push_back(f);
    } else if (verb == "state") {
      numbers(0);
      f.print_state = true;
      out.push_back(f);
    } else if (verb == "whatif") {
      numbers(0);
      f.print_whatif = true;
      out.push_back(f);
    } else {
      throw InputError("--script", "'" + command + "': unknown command '" + verb +
                                       "' (move, click, drag, wheel, wait, state, whatif)");
    }
    at = f;
    at.print_state = at.print_whatif = false;
    if (out.size() > kMaxScriptFrames) throw InputError("--script", "longer than 100000 frames");
  }
  return out;
}

void ScreenRegions::set(const std::string& name, float x0, float y0, float x1, float y1) {
  for (ScreenRegion& r : regions) {
    if (r.name == name) {
      r = {name, x0, y0, x1, y1};
      return;
    }
  }
  regions.push_back({name, x0, y0, x1, y1});
}

const ScreenRegion* ScreenRegions::find(const std::string& name) const {
  for (const ScreenRegion& r : regions) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

std::string ScreenRegions::text() const {
  std::string out;
  char line[256];
  for (const ScreenRegion& r : regions) {
    std::snprintf(line, sizeof line, "region %s %.0f %.0f %.0f %.0f\n", r.name.c_str(), r.x0, r.y0,
                  r.x1, r.y1);
    out += line;
  }
  return out;
}

ScreenRegions parse_regions(const std::string& text, const std::string& source) {
  ScreenRegions out;
  std::istringstream lines(text);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.empty()) continue;
    std::istringstream in(line);
    std::string word, name;
    ScreenRegion r{};
    if (!(in >> word >> name >> r.x0 >> r.y0 >> r.x1 >> r.y1) || word != "region" || r.x1 < r.x0 ||
        r.y1 < r.y0) {
      throw InputError({Diagnostic{source, n, 1, false, "",
                                   "expected 'region NAME X0 Y0 X1 Y1', got '" + line + "'"}});
    }
    r.name = name;
    out.regions.push_back(r);
  }
  return out;
}

}  // namespace drsim::viz
