// reports/html_report.hpp — the report as one self-contained HTML page for a
// person at a desk: verdict banner, the checks, per-layer bar chart, memory
// map, stall and instruction-class breakdown (with --profile), energy (on a
// target with power figures), the function icicle (with --profile). Inline CSS
// and SVG only: no script, no font, no network, so it opens anywhere offline.
#pragma once

#include "reports/report_view.hpp"

#include <string>

namespace mcusim {

std::string html_report(const Report& report);

}  // namespace mcusim
