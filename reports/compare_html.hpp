// reports/compare_html.hpp — a `mcusim compare` result as one self-contained
// HTML page: the verdict banner (id "verdict"), the per-layer table (id
// "layers", the differing layer's row marked "differs") and a grouped bar
// chart with one bar per layer per run (reports/svg_chart.hpp, class
// "mc-bar"). Inline CSS and SVG only: no script, no font, no network.
#pragma once

#include "reports/report_view.hpp"

#include <string>

namespace mcusim {

// `comparison`: mcusim.compare/1 (reports/compare_view.hpp).
std::string compare_html(const Report& comparison);

}  // namespace mcusim
