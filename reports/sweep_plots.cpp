// reports/sweep_plots.cpp — see sweep_plots.hpp.
#include "reports/sweep_plots.hpp"

#include "reports/report_view.hpp"
#include "reports/svg_chart.hpp"
#include "reports/sweep_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace mcusim {
namespace {

using nlohmann::json;

std::string value_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "on" : "off";
  if (value.is_number()) return format_number(value.get<double>());
  return value.dump();
}

std::optional<double> number(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
}

const json& points_of(const json& sweep) {
  static const json kNone = json::array();
  const auto it = sweep.find("points");
  return it != sweep.end() && it->is_array() ? *it : kNone;
}

bool ok(const json& point) { return point.value("status", std::string()) == "ok"; }

// Lines in the order of their first point (the grid's order, deterministic).
std::vector<svg::LineSeries> by_series(const json& sweep, const char* metric, std::size_t& left_out) {
  std::vector<svg::LineSeries> series;
  std::map<std::string, std::size_t> index;
  for (const json& point : points_of(sweep)) {
    if (!ok(point) || !point.contains("params")) continue;
    const auto clock = number(point["params"], "clock_mhz");
    const auto y = number(point, metric);
    if (!clock || !y) {
      ++left_out;
      continue;
    }
    const std::string name = sweep_series_name(sweep, point);
    auto [it, fresh] = index.emplace(name, series.size());
    if (fresh) series.push_back({name, {}});
    series[it->second].points.emplace_back(*clock, *y);
  }
  return series;
}

}  // namespace

std::string sweep_series_name(const json& sweep, const json& point) {
  std::string name;
  const json& params = point.contains("params") ? point["params"] : json::object();
  if (sweep.contains("axes") && sweep["axes"].is_array()) {
    for (const json& axis : sweep["axes"]) {
      const std::string axis_name = axis.value("name", std::string());
      if (axis_name == "clock_mhz" || !axis.contains("values") || axis["values"].size() < 2) continue;
      if (!params.contains(axis_name)) continue;
      name += (name.empty() ? "" : ", ") + axis_name + "=" + value_text(params[axis_name]);
    }
  }
  if (name.empty()) name = params.contains("variant") ? value_text(params["variant"]) : "points";
  return name;
}

std::string latency_vs_clock_svg(const json& sweep) {
  svg::LineChart chart;
  chart.title = "Latency vs clock (worst inference)";
  chart.x_label = "clock (MHz)";
  chart.y_label = "latency (µs)";
  std::size_t left_out = 0;
  chart.series = by_series(sweep, "latency_us", left_out);
  if (sweep.contains("budget") && sweep["budget"].is_object()) {
    if (const auto limit = number(sweep["budget"], "latency_us")) {
      chart.references.push_back({fmt::format("budget {} µs", format_number(*limit)), *limit});
    }
  }
  chart.note = "one line per combination of the other parameters; only points that ran";
  return svg::line_chart(chart);
}

std::string energy_vs_clock_svg(const json& sweep) {
  svg::LineChart chart;
  chart.title = "Energy per inference vs clock (worst inference)";
  chart.x_label = "clock (MHz)";
  chart.y_label = "energy (µJ)";
  std::size_t left_out = 0;
  chart.series = by_series(sweep, "energy_uj", left_out);
  if (sweep.contains("budget") && sweep["budget"].is_object()) {
    if (const auto limit = number(sweep["budget"], "energy_uj")) {
      chart.references.push_back({fmt::format("budget {} µJ", format_number(*limit)), *limit});
    }
  }
  chart.note = left_out ? fmt::format("{} point(s) without energy (target without power figures) left out", left_out)
                        : "one line per combination of the other parameters";
  return svg::line_chart(chart);
}

std::string cycles_by_layer_svg(const json& sweep) {
  svg::BarChart chart;
  chart.title = "Cycles by layer (worst inference)";
  chart.y_label = "cycles";
  chart.layout = svg::BarLayout::Stacked;
  chart.note = "one bar per combination of the parameters other than the clock (its first point)";
  std::map<std::string, std::size_t> layer_index;
  std::vector<std::map<std::size_t, double>> bars;
  for (const json& point : points_of(sweep)) {
    if (!ok(point)) continue;
    const std::string name = sweep_series_name(sweep, point);
    if (std::find(chart.categories.begin(), chart.categories.end(), name) != chart.categories.end()) continue;
    chart.categories.push_back(name);
    std::map<std::size_t, double> parts;
    if (point.contains("layers") && point["layers"].is_array()) {
      for (const json& layer : point["layers"]) {
        const std::string layer_name = layer.value("name", std::string("?"));
        auto [it, fresh] = layer_index.emplace(layer_name, chart.series.size());
        if (fresh) chart.series.push_back(layer_name);
        parts[it->second] += number(layer, "cycles").value_or(0);
      }
    }
    bars.push_back(std::move(parts));
  }
  chart.values.assign(chart.series.size(), std::vector<double>(chart.categories.size(), 0));
  for (std::size_t c = 0; c < bars.size(); ++c) {
    for (const auto& [s, cycles] : bars[c]) chart.values[s][c] = cycles;
  }
  return svg::bar_chart(chart);
}

std::vector<std::pair<std::string, std::string>> sweep_plot_files(const json& sweep) {
  return {
      {"latency_vs_clock.svg", latency_vs_clock_svg(sweep)},
      {"cycles_by_layer.svg", cycles_by_layer_svg(sweep)},
      {"energy_vs_clock.svg", energy_vs_clock_svg(sweep)},
      {"sweep.html", sweep_html(sweep)},
  };
}

}  // namespace mcusim
