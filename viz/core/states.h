// The states a visualiser lane can be in, with the colour, legend name and severity of each,
// taken from the table the report uses (log/states.h).
//
// One enum covers every lane kind so that a lane is just a step function of State over
// time. Severity orders states from "all is well" to "users are cut off"; it decides which
// state shows when several fall inside one pixel, and what a collapsed group shows.
// Colours use Dear ImGui's packed layout (IM_COL32: 0xAABBGGRR) without including ImGui.
#pragma once

#include <cstdint>

#include "log/states.h"
#include "sim/check.h"

namespace drsim::viz {

enum class State : uint8_t {
  // Users of a routing group or pool, by service level.
  kFull,
  kResiliency,
  kVoiceOnly,
  kSignedOut,
  // Sites, links, Front End servers, pools and Back Ends.
  kUp,
  kDown,
  kStopped,
  // A pool's disaster-recovery state; a Back End's failover uses kFailingOver too.
  kFailingOver,
  kFailedOver,
  kFailingBack,
  // A Backup Service direction.
  kSteady,
  kLagging,
  kFinal,
  // A pool's users on the PSTN.
  kPstnOk,
  kPstnDegraded,
  kPstnNone,
  // A remote-access or federation modality.
  kAccessOk,
  kAccessDegraded,
  kAccessDown,
  // A Persistent Chat pool's users.
  kPchatOk,
  kPchatDegraded,
  kPchatDown,
};
inline constexpr int kStateCount = 22;

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
  int severity;  // 0 = all is well; higher is worse
};

// A state's colour and short name from the one table the report uses too (log/states.h);
// a key missing from it does not compile.
constexpr uint32_t state_fill(const char* key) { return packed_color(find_state_style(key)->fill); }
constexpr StateInfo from_table(const char* key) {
  const StateStyle* s = find_state_style(key);
  return {s->name, packed_color(s->fill), s->severity};
}

// Indexed by State: each the report's state of the same meaning. Defined here, inline,
// because the prepare steps look states up once per step of every visible lane.
inline constexpr StateInfo kStateInfo[kStateCount] = {
    from_table("full"),        from_table("resiliency"),  from_table("voice_only"),
    from_table("signed_out"),  from_table("up"),          from_table("down"),
    from_table("stopped"),     from_table("FailingOver"), from_table("FailedOver"),
    from_table("FailingBack"), from_table("steady"),      from_table("lagging"),
    from_table("final"),       from_table("pstn_ok"),     from_table("pstn_degraded"),
    from_table("pstn_none"),   from_table("access_ok"),   from_table("access_degraded"),
    from_table("access_down"), from_table("pchat_ok"),    from_table("pchat_degraded"),
    from_table("pchat_down"),
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
    {"PSTN", {State::kPstnOk, State::kPstnDegraded, State::kPstnNone}, 3},
    {"Remote access, meeting content",
     {State::kAccessOk, State::kAccessDegraded, State::kAccessDown},
     3},
    {"Persistent Chat", {State::kPchatOk, State::kPchatDegraded, State::kPchatDown}, 3},
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
inline constexpr uint32_t kStageDetect = state_fill("detect");
inline constexpr uint32_t kStageDecide = state_fill("decide");
inline constexpr uint32_t kStageExecute = state_fill("execute");
inline constexpr uint32_t kStageClientsBack = state_fill("clients_back");
inline constexpr uint32_t kBracket = rgba(230, 232, 236);
inline constexpr uint32_t kCmdletError = state_fill("cmdlet_error");
inline constexpr uint32_t kViewWindow = rgba(255, 255, 255, 200);
inline constexpr float kGhostAlpha = 0.45f;
}  // namespace palette

}  // namespace drsim::viz
