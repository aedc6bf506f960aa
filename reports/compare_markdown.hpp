// reports/compare_markdown.hpp — a `mcusim compare` result as Markdown for a
// CI job summary or a pull-request comment: the verdict line, then one table
// with every layer's cycles per run and the speed-up of each run over the
// first, the engine's cycles between layers and the worst inference.
#pragma once

#include "reports/report_view.hpp"

#include <string>

namespace mcusim {

// `comparison`: mcusim.compare/1 (reports/compare_view.hpp).
std::string compare_markdown(const Report& comparison);

}  // namespace mcusim
