// reports/html_charts.hpp — the inline SVG pictures of the HTML report, each
// drawn from the report JSON alone: the per-layer bar chart (one <rect
// class="layer-bar"> per layers[] entry), the memory map (flash and RAM as
// stacked bands with the arena and stack high-water marks), and a stacked
// bar for a breakdown (stall causes, instruction classes).
#pragma once

#include "reports/report_view.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mcusim {

std::string layer_bar_chart_svg(const Report& report);
std::string memory_map_svg(const Report& report);
// (label, value) parts of one whole, drawn as one stacked bar with a legend.
// The calling contexts of an execution profile (report.profile.contexts:
// {stack: [outermost..leaf], cycles}) as an icicle: one row per call depth,
// each frame as wide as the cycles spent in it and below it.
std::string icicle_svg(const Report& contexts);
std::string breakdown_svg(const std::vector<std::pair<std::string, double>>& parts, const std::string& unit);

}  // namespace mcusim
