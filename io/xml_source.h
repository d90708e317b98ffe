// An XML document parsed with pugixml that remembers where each element came from, so that
// every complaint about it names file:line:col.
//
// The text is decoded first (io/source_text.h: UTF-8 with or without a byte-order mark, or
// UTF-16 as Windows PowerShell's `>` writes it); pugixml reports byte offsets into that UTF-8,
// which SourceText turns into 1-based lines and columns (columns count characters). A
// malformed document is reported at the place pugixml stopped, and a mismatched end tag
// names the element it failed to close. XmlSource also hides namespace prefixes: Topology
// Builder documents use default namespaces, but a prefixed copy (`t:Cluster`) means the
// same element, so lookups go by local name.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <vector>

#include "io/errors.h"
#include "io/json_locate.h"
#include "io/source_text.h"

namespace drsim {

// XML documents larger than this are refused: the largest real topologies are a few MB.
inline constexpr size_t kMaxXmlBytes = 64u << 20;

class XmlSource {
 public:
  // Parses `text` (UTF-8, or UTF-16 with a byte-order mark); InputError
  // "file:line:col: error: malformed XML: ..." when it is not well-formed XML (for an end tag
  // that closes the wrong element: at its '<', naming the element left open).
  XmlSource(std::string path, std::string text);
  XmlSource(const XmlSource&) = delete;
  XmlSource& operator=(const XmlSource&) = delete;

  const std::string& path() const { return path_; }
  pugi::xml_node root() const { return doc_.document_element(); }

  // Position of an element's opening '<'.
  TextPosition position(const pugi::xml_node& node) const;
  TextPosition position_of_offset(ptrdiff_t offset) const;

  // A finding about `node` in the "file:line:col: error: message" form.
  Diagnostic error_at(const pugi::xml_node& node, std::string message) const;
  [[noreturn]] void fail(const pugi::xml_node& node, std::string message) const;

  // The first child element with this local name (empty node when there is none).
  static pugi::xml_node child(const pugi::xml_node& parent, const char* local);
  // Every child element with this local name, in document order.
  static std::vector<pugi::xml_node> children(const pugi::xml_node& parent, const char* local);
  // The child, or InputError "element 'Parent' has no 'local' element".
  pugi::xml_node required_child(const pugi::xml_node& parent, const char* local) const;
  // The attribute's value, or InputError "element 'E' lacks the attribute 'name'".
  std::string required_attribute(const pugi::xml_node& node, const char* name) const;
  // The text of a child element, trimmed; "" when absent.
  static std::string child_text(const pugi::xml_node& parent, const char* local);

  // The element's name without its namespace prefix.
  static std::string local_name(const pugi::xml_node& node);
  // The namespace URI in scope for the element's prefix (default namespace when none).
  static std::string namespace_uri(const pugi::xml_node& node);

 private:
  Diagnostic malformed(const pugi::xml_parse_result& result) const;

  std::string path_;
  SourceText source_;
  pugi::xml_document doc_;
};

}  // namespace drsim
