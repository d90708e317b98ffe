// Always-on assertions for invariants of the simulation.
//
// A broken invariant is a programmer error, not bad input: DRSIM_CHECK stays on in release
// builds, prints what was expected and where, and aborts. Bad input is reported by the
// loaders and validators with file:line:col instead, never through these macros.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace drsim::detail {
[[noreturn]] inline void check_failed(const char* expr, const char* message, const char* file,
                                      int line) {
  std::fprintf(stderr, "drsim: internal invariant broken at %s:%d: %s (%s)\n", file, line, message,
               expr);
  std::fflush(stderr);
  std::abort();
}
}  // namespace drsim::detail

// DRSIM_CHECK(condition, "what the caller probably did wrong")
#define DRSIM_CHECK(cond, message)                                       \
  do {                                                                   \
    if (!(cond)) [[unlikely]] {                                          \
      ::drsim::detail::check_failed(#cond, message, __FILE__, __LINE__); \
    }                                                                    \
  } while (false)
