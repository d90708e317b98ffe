// State colours, names and severities; see states.h.
#include "viz/core/states.h"

#include <cstring>

#include "sim/check.h"

namespace drsim::viz {

uint32_t with_alpha(uint32_t color, float alpha) {
  DRSIM_CHECK(alpha >= 0.0f && alpha <= 1.0f, "with_alpha: alpha is a fraction 0..1");
  const auto a = static_cast<uint32_t>(static_cast<float>(color >> 24) * alpha + 0.5f);
  return (color & 0x00FFFFFFu) | (a << 24);
}

uint32_t lighten(uint32_t color, float amount) {
  DRSIM_CHECK(amount >= 0.0f && amount <= 1.0f, "lighten: amount is a fraction 0..1");
  uint32_t out = color & 0xFF000000u;
  for (int shift = 0; shift < 24; shift += 8) {
    const auto c = static_cast<float>((color >> shift) & 0xFF);
    out |= static_cast<uint32_t>(c + (255.0f - c) * amount + 0.5f) << shift;
  }
  return out;
}

bool parse_service_level(const char* text, State* out) {
  DRSIM_CHECK(text != nullptr && out != nullptr, "parse_service_level: null argument");
  static constexpr struct {
    const char* text;
    State state;
  } kLevels[] = {{"full", State::kFull},
                 {"resiliency", State::kResiliency},
                 {"voice_only", State::kVoiceOnly},
                 {"signed_out", State::kSignedOut}};
  for (const auto& level : kLevels) {
    if (std::strcmp(text, level.text) == 0) {
      *out = level.state;
      return true;
    }
  }
  return false;
}

}  // namespace drsim::viz
