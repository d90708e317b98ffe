// A minimal JSON walker that knows positions; see json_locate.h.
#include "io/json_locate.h"

#include <cctype>

namespace drsim {

namespace {

class Walker {
 public:
  explicit Walker(const std::string& text) : t_(text) {}

  // Skips one value starting at the current position. When `path` has steps left, records
  // the position of the matching child and descends into it.
  bool value(const std::vector<JsonStep>& path, size_t depth) {
    ws();
    if (depth == path.size() && !found_) {
      found_ = true;
      found_pos_ = pos();
    }
    if (i_ >= t_.size()) return fail("unexpected end of input");
    const char c = t_[i_];
    if (c == '{' || c == '[') {
      // The walk recurses once per level: bound the nesting, not the path depth (values off
      // the path restart at depth 1), or "[[[[..." overflows the stack.
      if (++nesting_ > 200) return fail("nesting deeper than 200 levels");
      const bool ok = c == '{' ? object(path, depth) : array(path, depth);
      --nesting_;
      return ok;
    }
    if (c == '"') return string(nullptr);
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return number();
    for (const char* word : {"true", "false", "null"}) {
      const std::string w(word);
      if (t_.compare(i_, w.size(), w) == 0) {
        i_ += w.size();
        return true;
      }
    }
    return fail(std::string("unexpected character '") + c + "'");
  }

  bool finish() {
    ws();
    if (i_ != t_.size()) return fail("unexpected text after the document");
    return true;
  }

  bool found_ = false;
  TextPosition found_pos_;
  TextPosition deepest_;
  std::string error_;
  TextPosition error_pos_;

 private:
  bool object(const std::vector<JsonStep>& path, size_t depth) {
    ++i_;  // {
    ws();
    if (peek('}')) return ++i_, true;
    for (;;) {
      ws();
      std::string key;
      const TextPosition key_pos = pos();
      if (!peek('"')) return fail("expected a quoted member name");
      if (!string(&key)) return false;
      ws();
      if (!peek(':')) return fail("expected ':' after member name");
      ++i_;
      const bool on_path =
          depth < path.size() && (key == path[depth].name || key == path[depth].json_name);
      if (on_path) {
        deepest_ = key_pos;
        if (path[depth].index >= 0) {
          ws();
          if (!peek('[')) {
            if (!value({}, 1)) return false;
          } else if (!array_index(path, depth)) {
            return false;
          }
        } else if (!value(path, depth + 1)) {
          return false;
        }
      } else if (!value({}, 1)) {
        return false;
      }
      if (!next_member(path, depth)) return false;
      if (closed_) {
        closed_ = false;
        return true;
      }
    }
  }

  bool next_member(const std::vector<JsonStep>&, size_t) {  // NOLINT(unused)
    ws();
    if (peek(',')) {
      ++i_;
      return true;
    }
    if (peek('}')) {
      ++i_;
      closed_ = true;
      return true;
    }
    return fail("expected ',' or '}' in object");
  }

  bool array_index(const std::vector<JsonStep>& path, size_t depth) {
    ++i_;  // [
    int k = 0;
    ws();
    if (peek(']')) return ++i_, true;
    for (;; ++k) {
      ws();
      if (k == path[depth].index) {
        deepest_ = pos();
        if (!value(path, depth + 1)) return false;
      } else if (!value({}, 1)) {
        return false;
      }
      ws();
      if (peek(',')) {
        ++i_;
        continue;
      }
      if (peek(']')) return ++i_, true;
      return fail("expected ',' or ']' in array");
    }
  }

  bool array(const std::vector<JsonStep>&, size_t) {
    ++i_;
    ws();
    if (peek(']')) return ++i_, true;
    for (;;) {
      if (!value({}, 1)) return false;
      ws();
      if (peek(',')) {
        ++i_;
        continue;
      }
      if (peek(']')) return ++i_, true;
      return fail("expected ',' or ']' in array");
    }
  }

  bool string(std::string* out) {
    ++i_;  // opening quote
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c == '\\') {
        if (i_ + 1 >= t_.size()) break;
        if (out) out->push_back(t_[i_ + 1]);
        i_ += 2;
        continue;
      }
      if (c == '\n') return fail("newline inside a string");
      if (out) out->push_back(c);
      ++i_;
    }
    return fail("unterminated string");
  }

  bool number() {
    const size_t start = i_;
    if (peek('-')) ++i_;
    while (i_ < t_.size() && (std::isdigit(static_cast<unsigned char>(t_[i_])) || t_[i_] == '.' ||
                              t_[i_] == 'e' || t_[i_] == 'E' || t_[i_] == '+' || t_[i_] == '-'))
      ++i_;
    if (i_ == start + (t_[start] == '-' ? 1 : 0)) return fail("malformed number");
    return true;
  }

  void ws() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }
  bool peek(char c) const { return i_ < t_.size() && t_[i_] == c; }

  // The walk only moves forward, so each call continues from the last position counted:
  // counting from the start every time made a large document quadratic (minutes for 1 MB).
  TextPosition pos() const {
    if (i_ < counted_to_) {
      counted_to_ = 0;
      counted_ = TextPosition{};
    }
    for (; counted_to_ < i_ && counted_to_ < t_.size(); ++counted_to_) {
      if (t_[counted_to_] == '\n') {
        ++counted_.line;
        counted_.column = 1;
      } else {
        ++counted_.column;
      }
    }
    return counted_;
  }

  bool fail(std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_pos_ = pos();
    }
    return false;
  }

  const std::string& t_;
  size_t i_ = 0;
  bool closed_ = false;
  size_t nesting_ = 0;
  mutable size_t counted_to_ = 0;
  mutable TextPosition counted_;
};

}  // namespace

TextPosition json_locate(const std::string& text, const std::vector<JsonStep>& path) {
  Walker w(text);
  w.value(path, 0);
  if (w.found_) return w.found_pos_;
  return w.deepest_;
}

std::optional<std::pair<TextPosition, std::string>> json_syntax_error(const std::string& text) {
  Walker w(text);
  if (w.value({}, 1) && w.finish()) return std::nullopt;
  return std::make_pair(w.error_pos_, w.error_);
}

}  // namespace drsim
