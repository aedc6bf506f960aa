// reports/sweep_html.hpp — a sweep (sweep.json, mcusim.sweep/1) as one
// self-contained HTML page: the cheapest point meeting the budget named
// (id "cheapest"), the table of points (id "points"; a row per point, class
// "meets" when it meets every budget limit, "cheapest" on the cheapest) and
// the three charts of reports/sweep_plots inline. Inline CSS and SVG only.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace mcusim {

std::string sweep_html(const nlohmann::json& sweep);

}  // namespace mcusim
