// io/source_text.h: byte offsets become 1-based lines and character columns, whatever order
// they are asked in (the column is counted on from the last answer on the same line).
#include <catch2/catch.hpp>
#include <string>

#include "io/source_text.h"

TEST_CASE("source text: positions in any order are the same as from the start of the line",
          "[io]") {
  // "é" is two bytes, one column; a UTF-8 byte-order mark is dropped.
  const drsim::SourceText text(
      "\xEF\xBB\xBF"
      "ab\xC3\xA9"
      "cd\nxy\xC3\xA9z\n");
  const std::string& t = text.utf8();
  REQUIRE(t ==
          "ab\xC3\xA9"
          "cd\nxy\xC3\xA9z\n");
  // Offsets: a0 b1 é2-3 c4 d5 \n6 x7 y8 é9-10 z11 \n12, and 13 the end (line 3).
  const size_t order[] = {4, 5, 0, 4, 9, 11, 2, 7, 11, 5, 12, 13, 8};
  const int line[] = {1, 1, 1, 1, 2, 2, 1, 2, 2, 1, 2, 3, 2};
  const int column[] = {4, 5, 1, 4, 3, 4, 3, 1, 4, 5, 5, 1, 2};
  for (size_t i = 0; i < sizeof order / sizeof order[0]; ++i) {
    INFO("offset " << order[i]);
    const drsim::TextPosition p = text.position(order[i]);
    CHECK(p.line == line[i]);
    CHECK(p.column == column[i]);
  }
  // Past the end: clamped to it.
  CHECK(text.position(1000).line == 3);
}
