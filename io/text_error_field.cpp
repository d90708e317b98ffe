// The field at a text-format parse error; see text_error_field.h.
#include "io/text_error_field.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

namespace drsim {

namespace {

namespace pb = google::protobuf;
using Token = pb::io::Tokenizer::Token;

// The parser has already reported the errors; re-reading must not report them again.
class Quiet : public pb::io::ErrorCollector {
 public:
  void AddError(int, pb::io::ColumnNumber, const std::string&) override {}
};

// A message open at this point of the text: its path, its type (null inside a field the
// schema does not have) and how many elements of each repeated field it has had so far.
struct Frame {
  std::string path;
  const pb::Descriptor* type = nullptr;
  std::map<std::string, int> seen;
};

// A token and, when it names a field, that field's path and message type.
struct Seen {
  Token token;
  std::string path;
  const pb::Descriptor* type = nullptr;
};

bool is_symbol(const Token& t, const char* s) {
  return t.type == pb::io::Tokenizer::TYPE_SYMBOL && t.text == s;
}
bool is_identifier(const Token& t) { return t.type == pb::io::Tokenizer::TYPE_IDENTIFIER; }
bool opens(const Token& t) { return is_symbol(t, "{") || is_symbol(t, "<"); }
bool names_field(const Token& next) { return is_symbol(next, ":") || opens(next); }

// Names the field `name` in the innermost frame: its path (with the element index of a
// repeated message field, as validation messages give it) and its message type.
void name_field(Frame& frame, Seen& s) {
  const std::string& name = s.token.text;
  const pb::FieldDescriptor* f =
      frame.type != nullptr ? frame.type->FindFieldByName(name) : nullptr;
  s.path = frame.path.empty() ? name : frame.path + "." + name;
  if (f != nullptr && f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
    if (f->is_repeated()) s.path += "[" + std::to_string(frame.seen[name]++) + "]";
    s.type = f->message_type();
  }
}

// The text between `before` and the next double quote in `message`, or "".
std::string quoted_after(const std::string& message, const std::string& before) {
  const size_t at = message.find(before);
  if (at == std::string::npos) return "";
  const size_t from = at + before.size();
  const size_t to = message.find('"', from);
  return to == std::string::npos ? "" : message.substr(from, to - from);
}

// Edit distance, case-insensitive (names are short: at most a few dozen characters).
size_t distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// The closest of `names` to `wrong`, if it is close enough to be a likely typo.
std::string closest(const std::string& wrong, const std::vector<std::string>& names) {
  std::string best;
  size_t best_d = std::max<size_t>(3, wrong.size() / 2) + 1;
  for (const std::string& n : names) {
    const size_t d = distance(wrong, n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  return best;
}

std::string hint_for(const std::string& message, const pb::Descriptor* enclosing) {
  if (message.rfind("Unknown enumeration value", 0) == 0) {
    const std::string field = quoted_after(message, "for field \"");
    const pb::FieldDescriptor* f =
        enclosing != nullptr ? enclosing->FindFieldByName(field) : nullptr;
    if (f == nullptr || f->enum_type() == nullptr) return "";
    std::vector<std::string> values;
    std::string list;
    for (int i = 0; i < f->enum_type()->value_count(); ++i) {
      const std::string& v = f->enum_type()->value(i)->name();
      if (v.size() > 12 && v.compare(v.size() - 12, 12, "_UNSPECIFIED") == 0) continue;
      values.push_back(v);
      list += (list.empty() ? "" : ", ") + v;
    }
    const std::string near = closest(quoted_after(message, "value of \""), values);
    return " Valid values: " + list + "." + (near.empty() ? "" : " Did you mean " + near + "?");
  }
  if (message.find("has no field named") != std::string::npos) {
    const pb::Descriptor* type = pb::DescriptorPool::generated_pool()->FindMessageTypeByName(
        quoted_after(message, "Message type \""));
    if (type == nullptr) return "";
    std::vector<std::string> names;
    for (int i = 0; i < type->field_count(); ++i) names.push_back(type->field(i)->name());
    const std::string near = closest(quoted_after(message, "no field named \""), names);
    return near.empty() ? "" : " Did you mean \"" + near + "\"?";
  }
  return "";
}

}  // namespace

TextErrorField text_error_field(const std::string& text, int line, int column,
                                const std::string& message) {
  TextErrorField out{"", line, column, ""};
  pb::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
  Quiet quiet;
  pb::io::Tokenizer tokens(&input, &quiet);
  // As TextFormat::Parser configures its tokenizer, so that tokens and columns agree.
  tokens.set_comment_style(pb::io::Tokenizer::SH_COMMENT_STYLE);
  tokens.set_allow_f_after_float(true);
  tokens.set_require_space_after_number(false);

  std::vector<Frame> frames{{"", scenario::Scenario::descriptor(), {}}};
  std::vector<Seen> last;  // the tokens before the error, newest last (at most 4 kept)
  bool at_error = false;   // a token starts exactly at the error
  Seen here;
  while (tokens.Next()) {
    const Token& t = tokens.current();
    if (t.line > line || (t.line == line && t.column >= column)) {
      at_error = t.line == line && t.column == column;
      here.token = t;
      break;
    }
    if (!last.empty() && is_identifier(last.back().token) && names_field(t))
      name_field(frames.back(), last.back());
    if (opens(t)) {
      // `name {` or `name: {` opens the message of the field named; an element of a list
      // (`name: [{...}]`) keeps its list's path, without a type.
      const size_t k = last.size();
      const Seen* named = k >= 1 && !last[k - 1].path.empty() ? &last[k - 1]
                          : k >= 2 && is_symbol(last[k - 1].token, ":") && !last[k - 2].path.empty()
                              ? &last[k - 2]
                              : nullptr;
      frames.push_back(named != nullptr ? Frame{named->path, named->type, {}}
                                        : Frame{frames.back().path, nullptr, {}});
    } else if ((is_symbol(t, "}") || is_symbol(t, ">")) && frames.size() > 1) {
      frames.pop_back();
    }
    last.push_back({t, "", nullptr});
    if (last.size() > 4) last.erase(last.begin());
  }

  const size_t n = last.size();
  auto field_before_colon = [&](size_t value) -> const Seen* {
    // `name: VALUE`: the field of the value at last[value].
    if (value >= 2 && is_symbol(last[value - 1].token, ":") && !last[value - 2].path.empty())
      return &last[value - 2];
    return nullptr;
  };
  const Seen* field = nullptr;
  if (message.rfind("Unknown enumeration value", 0) == 0 && n >= 1 &&
      (field = field_before_colon(n - 1))) {
    // Reported at the token after the value, often on the next line: moved to the value.
    out.line = last[n - 1].token.line;
    out.column = last[n - 1].token.column;
  } else if (at_error) {
    if (n >= 1 && is_identifier(last[n - 1].token) && names_field(here.token)) {
      name_field(frames.back(), last[n - 1]);  // the error is at the ':' or '{' after a name
      field = &last[n - 1];
    } else if (n >= 1 && is_symbol(last[n - 1].token, ":")) {
      last.push_back(here);  // the error is at the value itself
      field = field_before_colon(n);
    }
  } else if (n >= 1) {
    const Token& t = last[n - 1].token;
    const bool inside = t.line == line && column <= t.end_column;
    if (inside)
      field = field_before_colon(n - 1);  // within (or just after) a value: a bad string, say
  }
  out.field = field != nullptr ? field->path : frames.back().path;
  out.hint = hint_for(message, frames.back().type);
  return out;
}

}  // namespace drsim
