// Text files as Windows tools save them, decoded once for every reader of user files.
//
// Windows PowerShell ISE saves scripts as UTF-8 with a byte-order mark, `Out-File` and `>`
// in Windows PowerShell 5.1 write UTF-16 LE with one, and `Get-CsTopology -AsXml >
// topology.xml` gives UTF-16 too. SourceText turns all of these into UTF-8 (dropping the
// mark) so that lexers and parsers see one encoding, and maps byte offsets into that UTF-8
// back to 1-based lines and columns. Columns count characters (Unicode code points), as an
// editor shows them, so a position means the same place whether the file was UTF-8 or
// UTF-16, and an en dash or a curly quote before it counts as one column.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "io/json_locate.h"

namespace drsim {

class SourceText {
 public:
  // Decodes `bytes`: a UTF-16 text must start with its byte-order mark (as Windows writes
  // it); unpaired surrogates become U+FFFD; anything else is taken as UTF-8.
  explicit SourceText(std::string bytes);

  const std::string& utf8() const { return text_; }

  // Line and column of a byte offset into utf8() (clamped to its end). Readers ask for
  // offsets mostly in increasing order: the column is counted on from the last answer on the
  // same line, so a long line costs its length once, not once per token.
  TextPosition position(size_t offset) const;
  // The text of a 1-based line, without its line break.
  std::string line_text(int line) const;

 private:
  std::string text_;
  std::vector<size_t> line_starts_;  // byte offset of the start of each line
  // The last position answered: its offset, line (index into line_starts_) and column.
  mutable size_t last_offset_ = 0, last_line_ = 0;
  mutable int last_column_ = 1;
};

// Columns of `text` between two byte offsets on one line: its code points.
int code_points(const std::string& text, size_t from, size_t to);

}  // namespace drsim
