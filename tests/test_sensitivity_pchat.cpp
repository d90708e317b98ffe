// The sensitivity registry's Persistent Chat parameters (ModelParameters 44-49; docs/model.md,
// "Sensitivity ranges"): varied when the scenario has a Persistent Chat pool, the log-shipping
// ones only when a pool has a log-shipping secondary, and otherwise listed as not varied with
// the reason in words.
#include <catch2/catch.hpp>

#include <string>

#include "experiments/sensitivity_params.h"
#include "story_util.h"

using namespace drsim;
using drsim::testing::load_story;

namespace {

const char* const kChatParameters[] = {"parameters.persistent_chat_log_shipping_interval_s",
                                       "parameters.persistent_chat_log_shipping_delay_s",
                                       "parameters.persistent_chat_messages_per_user_per_hour",
                                       "parameters.persistent_chat_restore_s",
                                       "parameters.persistent_chat_state_change_s",
                                       "parameters.persistent_chat_server_change_s"};

const ParameterLevels* varied(const SensitivityPlan& p, const std::string& name) {
  for (const ParameterLevels& l : p.varied)
    if (l.parameter == name) return &l;
  return nullptr;
}

std::string skipped(const SensitivityPlan& p, const std::string& name) {
  for (const SkippedParameter& s : p.skipped)
    if (s.parameter == name) return s.reason;
  return "";
}

}  // namespace

TEST_CASE(
    "sensitivity persistent chat: a scenario with a stretched chat pool varies every chat "
    "parameter over its documented range",
    "[sensitivity][pchat]") {
  const SensitivityPlan plan = plan_sensitivity(load_story("pchat-site-loss"), {});
  for (const char* name : kChatParameters) {
    INFO(name);
    CHECK(varied(plan, name) != nullptr);
  }
  const ParameterLevels* interval =
      varied(plan, "parameters.persistent_chat_log_shipping_interval_s");
  REQUIRE(interval != nullptr);
  CHECK(interval->base_text == "900 s");
  CHECK(interval->low_sets ==
        std::vector<std::string>{"parameters.persistent_chat_log_shipping_interval_s=300"});
  CHECK(interval->high_sets ==
        std::vector<std::string>{"parameters.persistent_chat_log_shipping_interval_s=3600"});
}

TEST_CASE(
    "sensitivity persistent chat: without a log-shipping secondary the shipping parameters are "
    "skipped, and without a chat pool all are, each with its reason",
    "[sensitivity][pchat]") {
  scenario::Scenario no_secondary = load_story("pchat-site-loss");
  no_secondary.mutable_persistent_chat_pools(0)->clear_secondary_sql();
  const SensitivityPlan plan = plan_sensitivity(no_secondary, {});
  CHECK(skipped(plan, "parameters.persistent_chat_log_shipping_interval_s") ==
        "no Persistent Chat pool has a log-shipping secondary");
  CHECK(skipped(plan, "parameters.persistent_chat_log_shipping_delay_s") ==
        "no Persistent Chat pool has a log-shipping secondary");
  CHECK(varied(plan, "parameters.persistent_chat_restore_s") != nullptr);

  const SensitivityPlan none = plan_sensitivity(load_story("fe-crash"), {});
  for (const char* name : kChatParameters) {
    INFO(name);
    CHECK(varied(none, name) == nullptr);
    CHECK(skipped(none, name) == "the scenario has no Persistent Chat pool: chat not modelled");
  }
}
