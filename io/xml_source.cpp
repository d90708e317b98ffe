// XML parsing with positions; see xml_source.h.
#include "io/xml_source.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

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

// Windows PowerShell's `>` writes UTF-16 with a byte-order mark, so `Get-CsTopology -AsXml >
// topology.xml` gives UTF-16. The text is turned into UTF-8 (and a UTF-8 mark dropped) before
// parsing, so that pugixml's offsets, and so lines and columns, refer to one encoding.
// Unpaired surrogates become U+FFFD.
std::string as_utf8(std::string text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  if (text.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF)
    return text.substr(3);
  if (text.size() < 2) return text;
  const bool little = byte(0) == 0xFF && byte(1) == 0xFE;
  const bool big = byte(0) == 0xFE && byte(1) == 0xFF;
  if (!little && !big) return text;
  std::string out;
  out.reserve(text.size() / 2);
  const auto unit = [&](size_t i) -> uint32_t {
    return little ? byte(i) | (byte(i + 1) << 8) : (byte(i) << 8) | byte(i + 1);
  };
  for (size_t i = 2; i + 1 < text.size(); i += 2) {
    uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < text.size() && unit(i + 2) >= 0xDC00 &&
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

XmlSource::XmlSource(std::string path, std::string text)
    : path_(std::move(path)), text_(as_utf8(std::move(text))) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  // parse_default keeps offsets valid (no in-place conversion of the caller's text); the
  // declaration is parsed so that a stray one later in the file is reported.
  const pugi::xml_parse_result result =
      doc_.load_buffer(text_.data(), text_.size(), pugi::parse_default | pugi::parse_declaration,
                       pugi::encoding_utf8);
  if (!result) {
    const TextPosition at = position_of_offset(result.offset);
    throw InputError({{path_, at.line, at.column, false, "",
                       std::string("malformed XML: ") + result.description()}});
  }
  if (!root()) throw InputError({{path_, 1, 1, false, "", "malformed XML: no root element"}});
}

TextPosition XmlSource::position_of_offset(ptrdiff_t offset) const {
  const size_t at = std::min(static_cast<size_t>(std::max<ptrdiff_t>(offset, 0)), text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), at);
  DRSIM_CHECK(it != line_starts_.begin(), "the first line starts at offset 0");
  const size_t line = static_cast<size_t>(it - line_starts_.begin());
  return {static_cast<int>(line), static_cast<int>(at - line_starts_[line - 1]) + 1};
}

TextPosition XmlSource::position(const pugi::xml_node& node) const {
  // offset_debug() points at the element's name; step back to its '<'.
  ptrdiff_t offset = node.offset_debug();
  if (offset > 0 && static_cast<size_t>(offset) <= text_.size() && text_[offset - 1] == '<')
    --offset;
  return position_of_offset(offset);
}

Diagnostic XmlSource::error_at(const pugi::xml_node& node, std::string message) const {
  const TextPosition at = position(node);
  return {path_, at.line, at.column, false, "", std::move(message)};
}

void XmlSource::fail(const pugi::xml_node& node, std::string message) const {
  throw InputError({error_at(node, std::move(message))});
}

std::string XmlSource::local_name(const pugi::xml_node& node) {
  const char* name = node.name();
  const char* colon = std::strchr(name, ':');
  return colon != nullptr ? std::string(colon + 1) : std::string(name);
}

std::string XmlSource::namespace_uri(const pugi::xml_node& node) {
  const std::string name = node.name();
  const size_t colon = name.find(':');
  const std::string attr = colon == std::string::npos ? "xmlns" : "xmlns:" + name.substr(0, colon);
  // Walk up to the nearest declaration; the depth of a document bounds the loop.
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent())
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
  return "";
}

pugi::xml_node XmlSource::child(const pugi::xml_node& parent, const char* local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

std::vector<pugi::xml_node> XmlSource::children(const pugi::xml_node& parent, const char* local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == local) out.push_back(c);
  return out;
}

pugi::xml_node XmlSource::required_child(const pugi::xml_node& parent, const char* local) const {
  pugi::xml_node c = child(parent, local);
  if (!c) fail(parent, "element '" + local_name(parent) + "' has no '" + local + "' element");
  return c;
}

std::string XmlSource::required_attribute(const pugi::xml_node& node, const char* name) const {
  pugi::xml_attribute a = node.attribute(name);
  if (!a || a.value()[0] == '\0')
    fail(node, "element '" + local_name(node) + "' lacks the attribute '" + name + "'");
  return a.value();
}

std::string XmlSource::child_text(const pugi::xml_node& parent, const char* local) {
  std::string s = child(parent, local).text().get();
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace drsim
