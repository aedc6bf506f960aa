// reports/compare_report_dir.hpp — `mcusim compare --report DIR`: the
// comparison in every report format, written at once and atomically by
// reports/report_dir's write_files_dir (DIR holds the old set or the new one,
// never a mix; a folder mcusim did not write is refused):
//
//   compare.json  the source of truth (mcusim.compare/1, as --json prints it)
//   compare.md    Markdown for a CI job summary or a pull-request comment
//   compare.xml   JUnit XML: one test case per layer, a failure on the differing one
//   compare.html  one self-contained page with per-layer bars for each run
#pragma once

#include "reports/report_view.hpp"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mcusim {

// (file name, contents) of every format, in the order above.
std::vector<std::pair<std::string, std::string>> compare_report_files(const Report& comparison);

// Throws Error(BadInput, exit 2) when `comparison` is not mcusim.compare/1 or
// DIR cannot be written or is not a folder a comparison wrote.
void write_compare_report_dir(const std::filesystem::path& dir, const Report& comparison);

}  // namespace mcusim
