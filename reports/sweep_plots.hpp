// reports/sweep_plots.hpp — the pictures of a sweep, drawn from its
// sweep.json alone (mcusim.sweep/1, docs/sweep.md) with reports/svg_chart:
//
//   latency_vs_clock.svg  one line per combination of the other parameters
//                         (variant, wait states, ... : those the sweep varies
//                         name the line), the budget's latency_us as a line
//   energy_vs_clock.svg   the same lines for energy_uj (points without power
//                         figures are left out; a note says so)
//   cycles_by_layer.svg   one stacked bar per combination, a part per layer
//                         (cycles do not depend on the clock, so the bar is
//                         the combination's lowest-index ok point)
//
// Only points with status "ok" are drawn. docs/sweep-plots.md.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mcusim {

std::string latency_vs_clock_svg(const nlohmann::json& sweep);
std::string energy_vs_clock_svg(const nlohmann::json& sweep);
std::string cycles_by_layer_svg(const nlohmann::json& sweep);

// The name of a point's line or bar: the parameters the sweep varies other
// than clock_mhz, as "variant=m0, wait_states=1"; the variant when none varies.
std::string sweep_series_name(const nlohmann::json& sweep, const nlohmann::json& point);

// (file name, contents): the three SVGs and sweep.html (reports/sweep_html.hpp).
std::vector<std::pair<std::string, std::string>> sweep_plot_files(const nlohmann::json& sweep);

}  // namespace mcusim
