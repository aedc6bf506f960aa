// reports/svg_chart.cpp — see svg_chart.hpp.
#include "reports/svg_chart.hpp"

#include "reports/report_view.hpp"
#include "reports/xml_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace mcusim::svg {
namespace {

constexpr double kWidth = 760;
constexpr double kPlotHeight = 260;
constexpr double kLeft = 84;    // y tick labels and the y axis title
constexpr double kRight = 190;  // the legend
constexpr double kTop = 58;     // title and note
constexpr double kLegendRow = 16;
constexpr std::size_t kLegendChars = 26;
constexpr std::size_t kCategoryChars = 18;

// Colour-blind-friendly categorical colours (Okabe-Ito, then greys): series i
// takes kPalette[i % size], so the same series has the same colour in every
// chart drawn from the same list.
constexpr const char* kPalette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9",
                                    "#d55e00", "#f0e442", "#000000", "#7d8793", "#b3b3b3"};
constexpr std::size_t kPaletteSize = sizeof(kPalette) / sizeof(kPalette[0]);

constexpr const char* kStyle =
    "<style>text{font:12px sans-serif;fill:#1d2430}.mc-title{font-size:15px;font-weight:600}"
    ".mc-note{fill:#52606d}.mc-grid{stroke:#dde3ea;stroke-width:1}.mc-axis{stroke:#1d2430;stroke-width:1}"
    ".mc-line{fill:none;stroke-width:2}.mc-reference{stroke:#b3261e;stroke-width:1.5;stroke-dasharray:6 3}"
    ".mc-reference-label{fill:#b3261e}</style>\n";

const char* colour(std::size_t index) { return kPalette[index % kPaletteSize]; }

// One decimal; -0.0 printed as 0.0 so equal pictures are equal bytes.
std::string num(double value) { return fmt::format("{:.1f}", value + 0.0); }

std::string shortened(const std::string& text, std::size_t chars) {
  if (text.size() <= chars) return text;
  return text.substr(0, chars - 1) + "\u2026";
}

std::string svg_open(double height, const std::string& title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{2}\">\n",
      num(kWidth), num(height), xml_escaped(title));
}

std::string header(const std::string& title, const std::string& note) {
  std::string svg = kStyle;
  svg += fmt::format("<text class=\"mc-title\" x=\"{}\" y=\"22\">{}</text>\n", num(kLeft), xml_escaped(title));
  if (!note.empty()) svg += fmt::format("<text class=\"mc-note\" x=\"{}\" y=\"40\">{}</text>\n", num(kLeft), xml_escaped(note));
  return svg;
}

std::string legend(const std::vector<std::string>& names) {
  std::string svg;
  const double x = kWidth - kRight + 16;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const double y = kTop + kLegendRow * static_cast<double>(i);
    svg += fmt::format(
        "<g class=\"mc-legend-entry\"><rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\">{}</text></g>\n",
        num(x), num(y), colour(i), num(x + 14), num(y + 9.5), xml_escaped(shortened(names[i], kLegendChars)));
  }
  return svg;
}

// The chart's height: the plot, the space under it, and a legend that may be longer.
double chart_height(double bottom, std::size_t legend_rows) {
  return std::max(kTop + kPlotHeight + bottom, kTop + kLegendRow * static_cast<double>(legend_rows) + 12);
}

// Horizontal grid lines with their labels on the left, the y axis title rotated.
std::string y_axis(const Ticks& ticks, const std::string& label) {
  std::string svg;
  const double span = ticks.last() - ticks.first;
  for (int i = 0; i < ticks.count; ++i) {
    const double value = ticks.first + ticks.step * i;
    const double y = kTop + kPlotHeight - kPlotHeight * (value - ticks.first) / span;
    svg += fmt::format("<line class=\"mc-grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
                       "<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
                       num(kLeft), num(kWidth - kRight), num(y), num(kLeft - 6), num(y + 4), format_number(value));
  }
  svg += fmt::format("<text x=\"16\" y=\"{0}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {0})\">{1}</text>\n",
                     num(kTop + kPlotHeight / 2), xml_escaped(label));
  svg += fmt::format("<line class=\"mc-axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>\n", num(kLeft), num(kTop),
                     num(kTop + kPlotHeight));
  return svg;
}

std::string empty_plot(const std::string& why) {
  return fmt::format("<text class=\"mc-note mc-empty\" x=\"{}\" y=\"{}\">{}</text>\n", num(kLeft), num(kTop + 40),
                     xml_escaped(why));
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {  // one value: a span around it so the point sits inside the axis
    const double pad = lo == 0 ? 1 : std::fabs(lo) * 0.1;
    const bool non_negative = lo >= 0;
    lo -= pad;
    hi += pad;
    if (non_negative) lo = std::max(lo, 0.0);  // a positive amount keeps a non-negative axis
  }
  const double raw = (hi - lo) / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double normalized = raw / magnitude;
  const double step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude;
  Ticks ticks;
  ticks.step = step;
  ticks.first = std::floor(lo / step + 1e-9) * step;
  ticks.count = static_cast<int>(std::ceil((hi - ticks.first) / step - 1e-9)) + 1;
  ticks.count = std::max(ticks.count, 2);
  return ticks;
}

std::string line_chart(const LineChart& chart) {
  double x_lo = std::numeric_limits<double>::infinity(), x_hi = -x_lo, y_lo = 0, y_hi = -x_lo;
  std::size_t points = 0;
  for (const LineSeries& series : chart.series) {
    for (const auto& [x, y] : series.points) {
      x_lo = std::min(x_lo, x);
      x_hi = std::max(x_hi, x);
      y_lo = std::min(y_lo, y);
      y_hi = std::max(y_hi, y);
      ++points;
    }
  }
  std::vector<std::string> names;
  for (const LineSeries& series : chart.series) names.push_back(series.name);
  const double bottom = 52;
  const double height = chart_height(bottom, names.size());
  std::string svg = svg_open(height, chart.title) + header(chart.title, chart.note);
  if (points == 0) return svg + empty_plot("no point to draw") + "</svg>\n";
  for (const ReferenceLine& reference : chart.references) {
    y_lo = std::min(y_lo, reference.y);
    y_hi = std::max(y_hi, reference.y);
  }
  const Ticks xt = nice_ticks(x_lo, x_hi);
  const Ticks yt = nice_ticks(y_lo, y_hi);
  const double plot_width = kWidth - kLeft - kRight;
  auto px = [&](double x) { return kLeft + plot_width * (x - xt.first) / (xt.last() - xt.first); };
  auto py = [&](double y) { return kTop + kPlotHeight - kPlotHeight * (y - yt.first) / (yt.last() - yt.first); };

  svg += y_axis(yt, chart.y_label);
  const double axis_y = kTop + kPlotHeight;
  svg += fmt::format("<line class=\"mc-axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", num(kLeft),
                     num(kWidth - kRight), num(axis_y));
  for (int i = 0; i < xt.count; ++i) {
    const double value = xt.first + xt.step * i;
    svg += fmt::format("<line class=\"mc-axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
                       "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       num(px(value)), num(axis_y), num(axis_y + 5), num(axis_y + 18), format_number(value));
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", num(kLeft + plot_width / 2),
                     num(axis_y + 40), xml_escaped(chart.x_label));

  for (const ReferenceLine& reference : chart.references) {
    svg += fmt::format("<line class=\"mc-reference\" data-label=\"{0}\" x1=\"{1}\" x2=\"{2}\" y1=\"{3}\" y2=\"{3}\">"
                       "<title>{0}</title></line>\n"
                       "<text class=\"mc-reference-label\" x=\"{2}\" y=\"{4}\" text-anchor=\"end\">{0}</text>\n",
                       xml_escaped(reference.label), num(kLeft), num(kWidth - kRight), num(py(reference.y)),
                       num(py(reference.y) - 4));
  }
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    auto sorted = chart.series[s].points;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string polyline;
    std::string circles;
    for (const auto& [x, y] : sorted) {
      polyline += (polyline.empty() ? "" : " ") + num(px(x)) + "," + num(py(y));
      circles += fmt::format("<circle class=\"mc-point\" cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"><title>{}: {}, {}</title>"
                             "</circle>\n",
                             num(px(x)), num(py(y)), colour(s), xml_escaped(chart.series[s].name), format_number(x),
                             format_number(y));
    }
    svg += fmt::format("<g class=\"mc-series\" data-series=\"{}\">\n<polyline class=\"mc-line\" stroke=\"{}\" points=\"{}\"/>\n{}</g>\n",
                       xml_escaped(chart.series[s].name), colour(s), polyline, circles);
  }
  return svg + legend(names) + "</svg>\n";
}

std::string bar_chart(const BarChart& chart) {
  const std::size_t categories = chart.categories.size();
  const std::size_t series = chart.series.size();
  auto value = [&](std::size_t s, std::size_t c) {
    return s < chart.values.size() && c < chart.values[s].size() ? chart.values[s][c] : 0.0;
  };
  double y_lo = 0, y_hi = 0;
  for (std::size_t c = 0; c < categories; ++c) {
    double stack = 0;
    for (std::size_t s = 0; s < series; ++s) {
      stack += value(s, c);
      y_lo = std::min(y_lo, value(s, c));
      y_hi = std::max(y_hi, chart.layout == BarLayout::Stacked ? stack : value(s, c));
    }
  }
  const double plot_width = kWidth - kLeft - kRight;
  const double group_width = categories ? plot_width / static_cast<double>(categories) : plot_width;
  std::size_t longest = 0;
  for (const std::string& category : chart.categories) longest = std::max(longest, std::min(category.size(), kCategoryChars));
  // Category labels turn when they would not fit side by side.
  const bool rotated = 7.0 * static_cast<double>(longest) > group_width - 4;
  const double bottom = rotated ? 30 + 6.5 * static_cast<double>(longest) : 44;
  const double height = chart_height(bottom, series);
  std::string svg = svg_open(height, chart.title) + header(chart.title, chart.note);
  if (categories == 0 || series == 0) return svg + empty_plot("no bar to draw") + "</svg>\n";
  const Ticks yt = nice_ticks(y_lo, y_hi);
  auto py = [&](double y) { return kTop + kPlotHeight - kPlotHeight * (y - yt.first) / (yt.last() - yt.first); };
  svg += y_axis(yt, chart.y_label);
  const double axis_y = py(std::max(0.0, yt.first));
  svg += fmt::format("<line class=\"mc-axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", num(kLeft),
                     num(kWidth - kRight), num(axis_y));

  const double bar_width = chart.layout == BarLayout::Stacked ? group_width * 0.6
                                                              : group_width * 0.8 / static_cast<double>(series);
  for (std::size_t c = 0; c < categories; ++c) {
    const double group_x = kLeft + group_width * static_cast<double>(c);
    double stack = 0;
    for (std::size_t s = 0; s < series; ++s) {
      const double v = value(s, c);
      double x = 0, top = 0, bottom_value = 0;
      if (chart.layout == BarLayout::Stacked) {
        x = group_x + group_width * 0.2;
        bottom_value = stack;
        stack += v;
        top = stack;
      } else {
        x = group_x + group_width * 0.1 + bar_width * static_cast<double>(s);
        bottom_value = std::min(0.0, v);
        top = std::max(0.0, v);
      }
      svg += fmt::format(
          "<rect class=\"mc-bar\" data-series=\"{}\" data-category=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
          "fill=\"{}\"><title>{}, {}: {}</title></rect>\n",
          xml_escaped(chart.series[s]), xml_escaped(chart.categories[c]), num(x), num(py(top)), num(bar_width),
          num(py(bottom_value) - py(top)), colour(s), xml_escaped(chart.categories[c]), xml_escaped(chart.series[s]),
          format_number(v));
    }
    const double label_x = group_x + group_width / 2;
    const std::string label = xml_escaped(shortened(chart.categories[c], kCategoryChars));
    if (rotated) {
      svg += fmt::format("<text x=\"{0}\" y=\"{1}\" text-anchor=\"end\" transform=\"rotate(-40 {0} {1})\">{2}</text>\n",
                         num(label_x), num(kTop + kPlotHeight + 14), label);
    } else {
      svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", num(label_x),
                         num(kTop + kPlotHeight + 18), label);
    }
  }
  return svg + legend(chart.series) + "</svg>\n";
}

}  // namespace mcusim::svg
