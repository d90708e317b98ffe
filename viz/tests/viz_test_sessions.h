// Sessions over the bundled scenarios, opened (and run) once per test executable and shared
// read-only by the visualiser's tests; a test that edits a session opens its own.
#pragma once

#include <map>
#include <string>

#include "viz/core/session.h"

namespace drsim::viz::testing {

inline std::string scenario_path(const std::string& name) {
  return std::string(DRSIM_SOURCE_DIR).append("/scenarios/").append(name);
}

// The session of scenarios/NAME, e.g. "default.pb.txt".
inline const Session& shared_session(const std::string& name) {
  static std::map<std::string, Session> sessions;
  auto it = sessions.find(name);
  if (it == sessions.end()) it = sessions.emplace(name, Session::open(scenario_path(name))).first;
  return it->second;
}

inline const Session& default_session() { return shared_session("default.pb.txt"); }

}  // namespace drsim::viz::testing
