// Decoding user text files; see source_text.h.
#include "io/source_text.h"

#include <algorithm>
#include <cstdint>

#include "sim/check.h"

namespace drsim {

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string from_utf16(const std::string& bytes, bool little) {
  const auto byte = [&](size_t i) -> uint32_t { return static_cast<unsigned char>(bytes[i]); };
  const auto unit = [&](size_t i) -> uint32_t {
    return little ? byte(i) | (byte(i + 1) << 8) : (byte(i) << 8) | byte(i + 1);
  };
  std::string out;
  out.reserve(bytes.size() / 2);
  for (size_t i = 2; i + 1 < bytes.size(); i += 2) {
    uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 &&
        unit(i + 2) < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;
    }
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace

SourceText::SourceText(std::string bytes) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
    text_ = bytes.substr(3);
  } else if (bytes.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) {
    text_ = from_utf16(bytes, true);
  } else if (bytes.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) {
    text_ = from_utf16(bytes, false);
  } else {
    text_ = std::move(bytes);
  }
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

int code_points(const std::string& text, size_t from, size_t to) {
  int n = 0;
  for (size_t i = from; i < to && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;  // not a continuation byte
  return n;
}

TextPosition SourceText::position(size_t offset) const {
  const size_t at = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), at);
  DRSIM_CHECK(it != line_starts_.begin(), "the first line starts at offset 0");
  const size_t line = static_cast<size_t>(it - line_starts_.begin());
  const bool on_from_last = line == last_line_ && at >= last_offset_;
  const size_t from = on_from_last ? last_offset_ : line_starts_[line - 1];
  const int column = (on_from_last ? last_column_ : 1) + code_points(text_, from, at);
  last_offset_ = at;
  last_line_ = line;
  last_column_ = column;
  return {static_cast<int>(line), column};
}

std::string SourceText::line_text(int line) const {
  if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return "";
  const size_t from = line_starts_[static_cast<size_t>(line) - 1];
  size_t to = text_.find('\n', from);
  if (to == std::string::npos) to = text_.size();
  if (to > from && text_[to - 1] == '\r') --to;
  return text_.substr(from, to - from);
}

}  // namespace drsim
