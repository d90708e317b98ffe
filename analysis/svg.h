// A minimal SVG writer for the report charts: elements with escaped attributes and text,
// numbers with one fixed decimal (so a chart is byte-identical for the same input), and a
// check that every element opened was closed. No dependency, nothing fetched at view time.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drsim {

// A coordinate or length as SVG text: one decimal, without a trailing ".0".
std::string svg_num(double value);

// Rough width in pixels of `text` in the charts' sans-serif font at `font_px`: used to decide
// whether a label fits on a bar, never for exact layout.
double text_width_px(std::string_view text, double font_px);
// `text` cut to fit `width_px`, with an ellipsis when cut; empty when not even one character fits.
std::string fit_text(std::string_view text, double font_px, double width_px);

class SvgWriter {
 public:
  using Attrs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  SvgWriter& open(std::string_view tag, Attrs attrs = {});
  SvgWriter& close();
  // <tag attrs>text</tag>, or <tag attrs/> when text is empty.
  SvgWriter& leaf(std::string_view tag, Attrs attrs, std::string_view text = {});

  SvgWriter& rect(double x, double y, double w, double h, std::string_view fill,
                  std::string_view css_class = {}, std::string_view tooltip = {});
  SvgWriter& line(double x1, double y1, double x2, double y2, std::string_view css_class);
  SvgWriter& text(double x, double y, std::string_view s, std::string_view css_class = {},
                  std::string_view anchor = {});

  // The elements written so far; checks that each was closed.
  std::string str() const;

 private:
  void attrs_out(Attrs attrs);
  std::string out_;
  std::vector<std::string> open_;
};

// A whole <svg> element of the given size around `body`, with its own <style> so that the
// chart looks the same inline in report.html and as a separate .svg file.
std::string svg_element(double width, double height, std::string_view title, std::string_view css,
                        std::string_view body);
// The same as a standalone file: an XML declaration, then the element.
std::string svg_file(const std::string& element);

}  // namespace drsim
