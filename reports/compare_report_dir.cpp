// reports/compare_report_dir.cpp — see compare_report_dir.hpp.
#include "reports/compare_report_dir.hpp"

#include "reports/compare_html.hpp"
#include "reports/compare_junit.hpp"
#include "reports/compare_markdown.hpp"
#include "reports/compare_view.hpp"
#include "reports/report_dir.hpp"

namespace mcusim {

std::vector<std::pair<std::string, std::string>> compare_report_files(const Report& comparison) {
  return {
      {"compare.json", comparison.dump(2) + "\n"},
      {"compare.md", compare_markdown(comparison)},
      {"compare.xml", compare_junit(comparison)},
      {"compare.html", compare_html(comparison)},
  };
}

void write_compare_report_dir(const std::filesystem::path& dir, const Report& comparison) {
  // Every writer validates the schema; the files are built before DIR is touched.
  write_files_dir(dir, compare_report_files(comparison), "compare.json", kCompareSchema);
}

}  // namespace mcusim
