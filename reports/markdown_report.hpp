// reports/markdown_report.hpp — the report as Markdown, fit for a CI job
// summary or a pull-request comment: the verdict and the checks first, then
// the run, the layers, the top functions, memory and energy (when measured).
#pragma once

#include "reports/report_view.hpp"

#include <string>

namespace mcusim {

std::string markdown_report(const Report& report);

}  // namespace mcusim
