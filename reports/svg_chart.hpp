// reports/svg_chart.hpp — a small SVG 1.1 chart writer with no dependency:
// a line chart (several series, x and y axes with ticks and labels, optional
// horizontal reference lines such as a budget) and a bar chart (grouped or
// stacked). Each picture is one standalone <svg> (its own <style>, colours as
// attributes), so the same text is a .svg file and an inline figure of an
// HTML page. Output is deterministic: coordinates are printed with one
// decimal, tick labels with format_number (reports/report_view.hpp), series
// coloured by their index, elements in the order given.
//
// Element classes the tests (and a stylesheet) can count on:
//   <g class="mc-series" data-series="NAME">  one per line series, holding
//     <polyline class="mc-line"> and one <circle class="mc-point"> per point
//   <rect class="mc-bar" data-series="S" data-category="C">  one per
//     (series, category) of a bar chart, zero-height ones included
//   <line class="mc-reference" data-label="L">  one per reference line
//   <g class="mc-legend-entry">  one per series
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mcusim::svg {

struct LineSeries {
  std::string name;
  std::vector<std::pair<double, double>> points;  // (x, y) in data units; drawn sorted by x
};

// A horizontal line across the plot at `y` (a budget), labelled at its right end.
struct ReferenceLine {
  std::string label;
  double y = 0;
};

struct LineChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::string note;  // one line under the title (what is held fixed, what is left out); may be empty
  std::vector<LineSeries> series;
  std::vector<ReferenceLine> references;
};

enum class BarLayout { Grouped, Stacked };

struct BarChart {
  std::string title;
  std::string y_label;
  std::string note;
  std::vector<std::string> categories;              // along x: one group or one stack each
  std::vector<std::string> series;                  // the bars of a group / the parts of a stack
  std::vector<std::vector<double>> values;          // values[series][category]; missing entries count as 0
  BarLayout layout = BarLayout::Grouped;
};

// The y axis starts at 0 (every mcusim quantity is a non-negative amount)
// unless a value is negative. A chart with no point says so in place of the
// plot: the file always exists and parses.
std::string line_chart(const LineChart& chart);
std::string bar_chart(const BarChart& chart);

// Tick marks at 1, 2 or 5 times a power of ten covering [lo, hi] with about
// `target` intervals: first (<= lo), step, count (first + (count-1)*step >= hi).
struct Ticks {
  double first = 0;
  double step = 1;
  int count = 2;
  double last() const { return first + step * (count - 1); }
};
Ticks nice_ticks(double lo, double hi, int target = 5);

}  // namespace mcusim::svg
