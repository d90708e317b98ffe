// The field a Protobuf text-format parse error concerns, for error messages.
//
// Protobuf's text parser reports a syntax or type error with a position and a message, but
// not the field it was parsing ("14:10: Expected integer, got: 1000.5"). This re-reads the
// text with protobuf's own tokenizer up to the error, tracking the messages opened on the
// way, and names the field as validation errors do: "pools[0].users".
#pragma once

#include <string>

#include "proto/scenario.pb.h"

namespace drsim {

struct TextErrorField {
  std::string field;  // "pools[0].users"; the innermost open message, or empty at the top
  int line = 0;       // 0-based, as protobuf's ErrorCollector reports them
  int column = 0;
  // What to write instead, for an unknown field or enum value: " Did you mean
  // \"horizon_s\"?" (the closest name of that message), " Valid values: SFB_2015, SFB_2019."
  // Empty when there is nothing to suggest.
  std::string hint;
};

// The field a parse error at (line, column) with `message` concerns. The position stays
// protobuf's, except for an unknown enum value, which protobuf reports at the token after
// the value (often the next line): that one moves back to the value.
TextErrorField text_error_field(const std::string& text, int line, int column,
                                const std::string& message);

}  // namespace drsim
