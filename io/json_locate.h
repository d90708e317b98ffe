// Finds where a field sits in a JSON document, for error messages.
//
// Protobuf's JSON parser reports no positions, so drsim scans the text itself: a small
// tokenizer that walks objects and arrays and records the position of the value at a path.
// It also reports the first syntax error with its position.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drsim {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based
};

// One step of a path: an object key (both the proto name and its JSON name are tried) and,
// for arrays, the element index (-1 for a plain member).
struct JsonStep {
  std::string name;
  std::string json_name;
  int index = -1;
};

// Position of the value at `path`, or of the deepest enclosing value found.
TextPosition json_locate(const std::string& text, const std::vector<JsonStep>& path);

// The first syntax error in `text`, with its position; nullopt when the text is well-formed.
std::optional<std::pair<TextPosition, std::string>> json_syntax_error(const std::string& text);

}  // namespace drsim
