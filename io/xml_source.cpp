// XML parsing with positions; see xml_source.h.
#include "io/xml_source.h"

#include <algorithm>
#include <cstring>

namespace drsim {

namespace {

using Chain = std::vector<pugi::xml_node>;

// The elements that may still be open where pugixml stopped: the document element, its last
// child element, that one's last child element, ... (pugixml keeps the tree it had parsed).
Chain last_element_chain(const pugi::xml_document& doc) {
  Chain chain;
  for (pugi::xml_node n = doc.document_element(); n && chain.size() < 256;) {
    chain.push_back(n);
    pugi::xml_node last;
    for (pugi::xml_node c = n.last_child(); c && !last; c = c.previous_sibling())
      if (c.type() == pugi::node_element) last = c;
    n = last;
  }
  return chain;
}

// Which element an end tag failed to close. pugixml reports the mismatch but not the open
// element, which is one of the chain above (the ones below it were closed). Closing each
// candidate in turn where the bad end tag starts (or at the end of a truncated text) and
// parsing that prefix again tells which: only the open element lets the parser get past
// the inserted tag. At most 32 candidates, deepest first.
pugi::xml_node unclosed_element(const std::string& text, size_t insert_at, const Chain& chain) {
  const std::string prefix = text.substr(0, insert_at);
  for (size_t k = chain.size(); k-- > 0 && chain.size() - k <= 32;) {
    const std::string trial = prefix + "</" + chain[k].name() + ">";
    pugi::xml_document scratch;
    const pugi::xml_parse_result r =
        scratch.load_buffer(trial.data(), trial.size(), pugi::parse_default, pugi::encoding_utf8);
    if (r || static_cast<size_t>(r.offset) > insert_at + 2) return chain[k];
  }
  return {};
}

}  // namespace

XmlSource::XmlSource(std::string path, std::string text)
    : path_(std::move(path)), source_(std::move(text)) {
  const std::string& utf8 = source_.utf8();
  // parse_default keeps offsets valid (no in-place conversion of the caller's text); the
  // declaration is parsed so that a stray one later in the file is reported.
  const pugi::xml_parse_result result = doc_.load_buffer(
      utf8.data(), utf8.size(), pugi::parse_default | pugi::parse_declaration, pugi::encoding_utf8);
  if (!result) throw InputError({malformed(result)});
  if (!root()) throw InputError({{path_, 1, 1, false, "", "malformed XML: no root element"}});
}

Diagnostic XmlSource::malformed(const pugi::xml_parse_result& result) const {
  const std::string& utf8 = source_.utf8();
  size_t at = std::min(static_cast<size_t>(std::max<ptrdiff_t>(result.offset, 0)), utf8.size());
  std::string message = std::string("malformed XML: ") + result.description();
  if (result.status == pugi::status_end_element_mismatch) {
    // pugixml points after the '</' of a wrong end tag, or at the end of a truncated text.
    const bool end_tag = at >= 2 && utf8.compare(at - 2, 2, "</") == 0;
    const size_t insert_at = end_tag ? at - 2 : utf8.size();
    if (const pugi::xml_node open = unclosed_element(utf8, insert_at, last_element_chain(doc_))) {
      const std::string opened =
          "'" + local_name(open) + "' (opened at line " + std::to_string(position(open).line) + ")";
      if (end_tag) {
        size_t end = at;
        while (end < utf8.size() && std::strchr("> \t\r\n", utf8[end]) == nullptr) ++end;
        message = "malformed XML: the end tag '</" + utf8.substr(at, end - at) +
                  ">' does not close element " + opened;
      } else {
        message = "malformed XML: the document ends before element " + opened + " is closed";
      }
    }
    if (end_tag) at -= 2;  // the end tag's '<'
  }
  const TextPosition p = source_.position(at);
  return {path_, p.line, p.column, false, "", std::move(message)};
}

TextPosition XmlSource::position_of_offset(ptrdiff_t offset) const {
  return source_.position(static_cast<size_t>(std::max<ptrdiff_t>(offset, 0)));
}

TextPosition XmlSource::position(const pugi::xml_node& node) const {
  // offset_debug() points at the element's name; step back to its '<'.
  ptrdiff_t offset = node.offset_debug();
  const std::string& utf8 = source_.utf8();
  if (offset > 0 && static_cast<size_t>(offset) <= utf8.size() &&
      utf8[static_cast<size_t>(offset) - 1] == '<')
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
