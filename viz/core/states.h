// The states a timeline lane can be in, with the colour, legend name and severity of each.
//
// One enum covers every lane kind so that a lane is just a step function of State over
// time. Severity orders states from "all is well" to "users are cut off"; it decides which
// state shows when several fall inside one pixel, and what a collapsed group shows.
// Colours use Dear ImGui's packed layout (IM_COL32: 0xAABBGGRR) without including ImGui.
#pragma once

#include <cstdint>

#include "sim/check.h"

namespace drsim::viz {

enum class State : uint8_t {
  // Users of a routing group or pool, by service level.
  kFull, kResiliency, kVoiceOnly, kSignedOut,
  // Sites, links, Front End servers, pools and Back Ends.
  kUp, kDown, kStopped,
  // A pool's disaster-recovery state; a Back End's failover uses kFailingOver too.
  kFailingOver, kFailedOver, kFailingBack,
  // A Backup Service direction.
  kSteady, kLagging, kFinal,
};
inline constexpr int kStateCount = 13;

// Packs a colour as ImGui's IM_COL32 does.
constexpr uint32_t rgba(uint32_t r, uint32_t g, uint32_t b, uint32_t a = 255) {
  return (a << 24) | (b << 16) | (g << 8) | r;
}
// The same colour with its alpha scaled by `alpha` (0..1): ghosted runs, hover shades.
uint32_t with_alpha(uint32_t color, float alpha);
// The colour mixed toward white by `amount` (0..1): a state's colour as text on the dark
// background, where the muted server tones would be hard to read.
uint32_t lighten(uint32_t color, float amount);

struct StateInfo {
  const char* name;  // for legends and the cursor readout: "voice only"
  uint32_t color;
  int severity;      // 0 = all is well; higher is worse
};

// Indexed by State. Service levels run green -> amber -> orange -> red, the order of
// increasing harm. Server states use muted tones so that the user-facing lanes stand out;
// failover states are blues, distinct from every service level. Defined here, inline,
// because the prepare steps look states up once per step of every visible lane.
inline constexpr StateInfo kStateInfo[kStateCount] = {
    {"full", rgba(46, 170, 92), 0},
    {"resiliency", rgba(236, 196, 64), 3},
    {"voice only", rgba(240, 128, 40), 5},
    {"signed out", rgba(218, 48, 56), 7},
    {"up", rgba(96, 132, 110), 0},
    {"down", rgba(120, 28, 36), 7},
    {"stopped", rgba(150, 80, 170), 6},
    {"failing over", rgba(70, 140, 235), 4},
    {"failed over", rgba(40, 170, 200), 2},
    {"failing back", rgba(140, 180, 250), 4},
    {"steady", rgba(84, 116, 140), 0},
    {"lagging", rgba(200, 160, 40), 3},
    {"final", rgba(150, 156, 168), 1},
};

inline const StateInfo& state_info(State state) {
  const auto i = static_cast<uint8_t>(state);
  DRSIM_CHECK(i < kStateCount, "state_info: not a State (a value cast from a number?)");
  return kStateInfo[i];
}
// Unchecked: a State is one of the enum's values by construction, and the prepare steps call
// these once per step of every visible lane.
inline uint32_t state_color(State s) { return kStateInfo[static_cast<uint8_t>(s)].color; }
inline int state_severity(State s) { return kStateInfo[static_cast<uint8_t>(s)].severity; }
// The worse of two states; the first on a tie, so merging keeps the earlier state.
inline State worse(State a, State b) { return state_severity(b) > state_severity(a) ? b : a; }
inline constexpr int kMaxSeverity = 7;

// "full", "resiliency", "voice_only", "signed_out" as written in service.level records;
// false when the text is none of them.
bool parse_service_level(const char* text, State* out);

// The legend: groups of states in the order an administrator reads them.
struct LegendGroup {
  const char* title;
  State states[4];
  int count;
};
inline constexpr LegendGroup kLegend[] = {
    {"Users", {State::kFull, State::kResiliency, State::kVoiceOnly, State::kSignedOut}, 4},
    {"Servers, sites", {State::kUp, State::kDown, State::kStopped}, 3},
    {"Pool failover", {State::kFailingOver, State::kFailedOver, State::kFailingBack}, 3},
    {"Backup Service", {State::kSteady, State::kLagging, State::kFinal}, 3},
};

// Colours of the other timeline elements.
namespace palette {
inline constexpr uint32_t kLaneBackground = rgba(38, 41, 48);
inline constexpr uint32_t kLaneBackgroundAlt = rgba(44, 47, 55);
inline constexpr uint32_t kGroupBackground = rgba(28, 30, 36);
inline constexpr uint32_t kGrid = rgba(255, 255, 255, 28);
inline constexpr uint32_t kAxisText = rgba(200, 204, 212);
inline constexpr uint32_t kLabelOnColor = rgba(15, 17, 20);
inline constexpr uint32_t kIncident = rgba(235, 87, 87);
inline constexpr uint32_t kIncidentSelected = rgba(255, 214, 102);
inline constexpr uint32_t kCursor = rgba(255, 255, 255, 210);
inline constexpr uint32_t kStageDetect = rgba(155, 110, 205);
inline constexpr uint32_t kStageDecide = rgba(95, 135, 230);
inline constexpr uint32_t kStageExecute = rgba(235, 140, 60);
inline constexpr uint32_t kStageClientsBack = rgba(70, 185, 190);
inline constexpr uint32_t kBracket = rgba(230, 232, 236);
inline constexpr uint32_t kCmdletError = rgba(255, 80, 80);
inline constexpr uint32_t kViewWindow = rgba(255, 255, 255, 200);
inline constexpr float kGhostAlpha = 0.45f;
}  // namespace palette

}  // namespace drsim::viz
