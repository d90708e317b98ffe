// Golden event logs: the full text timeline of a few stories, pinned. Any change in the
// model's predictions shows up here as a diff. Refresh on purpose only:
//   DRSIM_UPDATE_GOLDEN=1 ./build/tests/drsim_tests "[golden]"
#include <catch2/catch.hpp>
#include <cstdlib>

#include "io/files.h"
#include "log/log_file.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;

TEST_CASE("golden: story timelines match their pinned logs", "[golden]") {
  const bool update = std::getenv("DRSIM_UPDATE_GOLDEN") != nullptr;
  for (const char* name :
       {"site-loss-runbook", "rg-quorum-loss", "backend-loss", "link-then-site-loss"}) {
    INFO(name);
    const std::string timeline = format_timeline(run_story(load_story(name)).log.records());
    const std::string path = source_path(std::string("tests/golden/") + name + ".timeline.txt");
    if (update) write_file_atomically(path, timeline);
    const std::string golden = read_file(path, 1 << 24);
    if (golden != timeline) {
      // Show the first line that differs rather than two whole logs.
      size_t at = 0;
      while (at < golden.size() && at < timeline.size() && golden[at] == timeline[at]) ++at;
      const size_t line_start =
          golden.rfind('\n', at) == std::string::npos ? 0 : golden.rfind('\n', at) + 1;
      FAIL("first difference in "
           << path
           << " near:\n  golden: " << golden.substr(line_start, golden.find('\n', at) - line_start)
           << "\n  now:    " << timeline.substr(line_start, timeline.find('\n', at) - line_start));
    }
    CHECK(golden == timeline);
  }
}
