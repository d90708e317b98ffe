// The SVG writer; see svg.h.
#include "analysis/svg.h"

#include "analysis/report_format.h"
#include "sim/check.h"

namespace drsim {

std::string svg_num(double value) {
  std::string s = fixed(value, 1);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

namespace {
// UTF-8 continuation bytes do not start a character.
bool starts_char(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
}  // namespace

double text_width_px(std::string_view text, double font_px) {
  // DejaVu Sans and most system sans-serif fonts average a little under 0.6 em per character.
  double chars = 0;
  for (char c : text) chars += starts_char(c) ? 1 : 0;
  return chars * font_px * 0.58;
}

std::string fit_text(std::string_view text, double font_px, double width_px) {
  if (text_width_px(text, font_px) <= width_px) return std::string(text);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (starts_char(text[i]) && text_width_px(out + "\xE2\x80\xA6" + text[i], font_px) > width_px)
      break;
    out += text[i];
  }
  while (!out.empty() && !starts_char(out.back())) out.pop_back();  // never cut a character
  return out.empty() ? "" : out + "\xE2\x80\xA6";
}

void SvgWriter::attrs_out(Attrs attrs) {
  for (const auto& [k, v] : attrs) {
    if (v.empty()) continue;  // absent optional attributes
    out_ += ' ';
    out_ += k;
    out_ += "=\"";
    out_ += xml_escape(v);
    out_ += '"';
  }
}

SvgWriter& SvgWriter::open(std::string_view tag, Attrs attrs) {
  out_ += '<';
  out_ += tag;
  attrs_out(attrs);
  out_ += ">\n";
  open_.emplace_back(tag);
  return *this;
}

SvgWriter& SvgWriter::close() {
  DRSIM_CHECK(!open_.empty(), "SvgWriter::close without a matching open");
  out_ += "</" + open_.back() + ">\n";
  open_.pop_back();
  return *this;
}

SvgWriter& SvgWriter::leaf(std::string_view tag, Attrs attrs, std::string_view text) {
  out_ += '<';
  out_ += tag;
  attrs_out(attrs);
  if (text.empty()) {
    out_ += "/>\n";
    return *this;
  }
  out_ += '>';
  out_ += xml_escape(text);
  out_ += "</";
  out_ += tag;
  out_ += ">\n";
  return *this;
}

SvgWriter& SvgWriter::rect(double x, double y, double w, double h, std::string_view fill,
                           std::string_view css_class, std::string_view tooltip) {
  const std::string xs = svg_num(x), ys = svg_num(y), ws = svg_num(w), hs = svg_num(h);
  if (tooltip.empty())
    return leaf("rect", {{"x", xs},
                         {"y", ys},
                         {"width", ws},
                         {"height", hs},
                         {"fill", fill},
                         {"class", css_class}});
  // A <title> child is the tooltip browsers show on hover.
  open("rect",
       {{"x", xs}, {"y", ys}, {"width", ws}, {"height", hs}, {"fill", fill}, {"class", css_class}});
  leaf("title", {}, tooltip);
  return close();
}

SvgWriter& SvgWriter::line(double x1, double y1, double x2, double y2, std::string_view css_class) {
  return leaf("line", {{"x1", svg_num(x1)},
                       {"y1", svg_num(y1)},
                       {"x2", svg_num(x2)},
                       {"y2", svg_num(y2)},
                       {"class", css_class}});
}

SvgWriter& SvgWriter::text(double x, double y, std::string_view s, std::string_view css_class,
                           std::string_view anchor) {
  if (s.empty()) return *this;
  return leaf("text",
              {{"x", svg_num(x)}, {"y", svg_num(y)}, {"class", css_class}, {"text-anchor", anchor}},
              s);
}

std::string SvgWriter::str() const {
  DRSIM_CHECK(open_.empty(), "an SVG element was opened and never closed");
  return out_;
}

std::string svg_element(double width, double height, std::string_view title, std::string_view css,
                        std::string_view body) {
  const std::string w = svg_num(width), h = svg_num(height);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h +
                    "\" viewBox=\"0 0 " + w + " " + h + "\" role=\"img\" aria-label=\"" +
                    xml_escape(title) + "\">\n";
  out += "<title>" + xml_escape(title) + "</title>\n";
  out += "<style>" + std::string(css) + "</style>\n";
  out += body;
  out += "</svg>\n";
  return out;
}

std::string svg_file(const std::string& element) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element;
}

}  // namespace drsim
