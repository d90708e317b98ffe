// Every state a timeline shows, with its colour, its words and its severity, in one table:
// the report (analysis/report_style.h) and the visualiser (viz/core/states.h) both read it, so
// that a state looks the same everywhere (issue 20: "failing over" was yellow in one and blue
// in the other).
//
// Colours follow one rule: healthy states are pale, degraded ones warm, outages red, the
// admin's actions cool. Service levels run green to dark red (ColorBrewer RdYlGn, which stays
// ordered for the common colour-vision deficiencies); the admin's stages are blues and
// purples, so that they never read as a service level. Severity orders states from "all is
// well" (0) to "users are cut off" (7): it decides what a collapsed group or a crowded pixel
// shows. Header only and constexpr: the visualiser looks states up once per visible step.
#pragma once

#include <cstdint>
#include <string_view>

namespace drsim {

struct StateStyle {
  const char* state;  // the key: what a report lane span carries ("FailingOver", "voice_only")
  const char* name;   // a few words for narrow places: legends, the cursor ("failing over")
  const char* label;  // the report's legend ("failing over", "voice only (registrar on backup)")
  const char* fill;   // CSS colour, #rrggbb
  int severity;       // 0 = all is well; higher is worse, at most kMaxSeverity
  bool dark;          // the fill is dark enough for white text on it
};
inline constexpr int kMaxSeverity = 7;

inline constexpr StateStyle kStateStyles[] = {
    // Users of a routing group or pool, by service level.
    {"full", "full", "full service", "#66bd63", 0, false},
    {"resiliency", "resiliency", "resiliency mode", "#fdae61", 3, false},
    {"voice_only", "voice only",
     "voice only (backup registrar, or a branch cut off on its appliance)", "#f46d43", 5, true},
    {"signed_out", "signed out", "signed out", "#a50026", 7, true},
    // Sites, links, servers, pools: up or down; a pool's Windows Fabric quorum.
    {"up", "up", "up", "#e4efe6", 0, false},
    {"down", "down", "down", "#d73027", 7, true},
    {"running", "running", "running", "#e4efe6", 0, false},
    {"stopped", "stopped", "stopped (quorum lost)", "#762a83", 6, true},
    {"awaiting_recovery", "awaiting recovery", "awaiting quorum-loss recovery", "#c2a5cf", 6,
     false},
    // A pool's disaster-recovery state and its voice registrar.
    {"Active", "active", "active", "#e4efe6", 0, false},
    {"FailingOver", "failing over", "failing over", "#fee08b", 4, false},
    {"FailedOver", "failed over", "failed over to backup", "#4393c3", 2, true},
    {"FailingBack", "failing back", "failing back", "#92c5de", 4, false},
    // A completed failback: the product's PoolState FailedBack, home again.
    {"FailedBack", "failed back", "failed back (home again)", "#e4efe6", 0, false},
    {"home", "home", "on home pool", "#e4efe6", 0, false},
    {"on_backup", "on backup", "on backup pool", "#4393c3", 2, true},
    // A Back End.
    {"available", "available", "available", "#e4efe6", 0, false},
    {"unavailable", "unavailable", "unavailable", "#d73027", 7, true},
    {"failing_over", "failing over", "automatic failover", "#fee08b", 4, false},
    // A Backup Service direction.
    {"steady", "steady", "steady", "#e4efe6", 0, false},
    {"lagging", "lagging", "lagging (backlog grows)", "#fee08b", 3, false},
    {"final", "final", "final export", "#92c5de", 1, false},
    // A pool's users on the PSTN (pstn.users).
    {"pstn_ok", "calls ok", "phone network: every user can call and be called", "#e4efe6", 0,
     false},
    {"pstn_degraded", "some calls",
     "phone network: some users, one direction, or after the fast-failover wait", "#fdae61", 4,
     false},
    {"pstn_none", "no calls", "phone network: nobody can call or be called", "#a50026", 7, true},
    // Remote access, federation and meeting content, per modality (access.modality).
    {"access_ok", "works", "remote access / federation / meeting content works", "#e4efe6", 0,
     false},
    {"access_degraded", "in part",
     "remote access / federation / meeting content in part (some remote users, some partners' "
     "attempts, or some meetings without shared content)",
     "#fdae61", 4, false},
    {"access_down", "cut off", "remote access / federation / meeting content down", "#a50026", 7,
     true},
    // A Persistent Chat pool's users (pchat.pool).
    {"pchat_ok", "chat ok", "Persistent Chat: every user has chat", "#e4efe6", 0, false},
    {"pchat_degraded", "some chat",
     "Persistent Chat: some users without chat (a server's users reconnecting, or too few "
     "active servers)",
     "#fdae61", 4, false},
    {"pchat_down", "no chat", "Persistent Chat: no user has chat", "#a50026", 7, true},
    // An incident's RTO stages and the runbook: actions, not states of a component.
    {"detect", "detect", "detect", "#c6c3e1", 0, false},
    {"decide", "decide", "decide", "#8c86c0", 0, true},
    {"execute", "execute", "execute", "#54499a", 0, true},
    {"clients_back", "clients back", "clients back", "#2c7fb8", 0, true},
    {"awaiting_repair", "awaiting repair", "awaiting repair (no action restored it)", "#969696", 0,
     true},
    {"nobody_acted", "nobody acted", "nobody acted", "#525252", 0, true},
    {"cmdlet", "cmdlet", "cmdlet", "#334155", 0, true},
    {"cmdlet_error", "failed cmdlet", "failed cmdlet", "#d73027", 0, true},
};

// The style of a state key; nullptr for a key not in the table.
constexpr const StateStyle* find_state_style(std::string_view state) {
  for (const StateStyle& s : kStateStyles) {
    if (state == s.state) return &s;
  }
  return nullptr;
}

// A #rrggbb colour packed as Dear ImGui's IM_COL32 does (0xAABBGGRR), without ImGui.
constexpr uint32_t packed_color(const char* css, uint32_t alpha = 255) {
  auto hex = [](char c) -> uint32_t {
    return c >= '0' && c <= '9' ? static_cast<uint32_t>(c - '0')
                                : static_cast<uint32_t>(c - 'a' + 10);
  };
  auto byte = [&](int i) { return hex(css[i]) << 4 | hex(css[i + 1]); };
  return alpha << 24 | byte(5) << 16 | byte(3) << 8 | byte(1);
}

}  // namespace drsim
