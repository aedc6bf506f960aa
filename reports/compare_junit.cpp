// reports/compare_junit.cpp — see compare_junit.hpp. The element and attribute
// names are those of reports/junit_report.cpp (testsuites > testsuite >
// testcase > failure), which Jenkins, GitLab and GitHub reporters read.
#include "reports/compare_junit.hpp"

#include "reports/compare_view.hpp"
#include "reports/xml_text.hpp"

#include <fmt/format.h>

namespace mcusim {
namespace {

std::string cycles_text(const CompareView& view, std::size_t layer) {
  std::string text;
  for (std::size_t r = 0; r < view.runs.size(); ++r) {
    const auto& cycles = view.runs[r].layer_cycles;
    const auto value = layer < cycles.size() ? cycles[layer] : std::nullopt;
    text += fmt::format("{}: {} cycles", view.runs[r].label, value ? format_number(*value) : "—");
    if (r > 0) {
      text += fmt::format(" ({} of {})", speedup_text(layer < view.runs[0].layer_cycles.size() ? view.runs[0].layer_cycles[layer]
                                                                                              : std::nullopt,
                                                      value),
                          view.runs[0].label);
    }
    text += "\n";
  }
  return text;
}

}  // namespace

std::string compare_junit(const Report& comparison) {
  const CompareView view = compare_view(comparison);
  const bool layer_failed = view.mismatch_layer && *view.mismatch_layer < view.layers.size();
  // A difference no layer carries (two reports' outputs, or a layer index out
  // of range) still fails a test case: "outputs".
  const bool outputs_case = view.outputs_only || (!view.identical && !layer_failed);
  const std::size_t tests = view.layers.size() + (outputs_case ? 1 : 0);
  const std::size_t failures = view.identical ? 0 : 1;
  const std::string classname = "mcusim.compare";
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format("<testsuites name=\"mcusim\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", tests, failures);
  xml += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
                     xml_escaped("mcusim compare: " + view.title), tests, failures);
  for (std::size_t l = 0; l < view.layers.size(); ++l) {
    xml += fmt::format("    <testcase classname=\"{}.layers\" name=\"{}\">\n", classname,
                       xml_escaped(fmt::format("layer {} {} ({})", l, view.layers[l].name, view.layers[l].op)));
    if (layer_failed && *view.mismatch_layer == l) {
      xml += fmt::format("      <failure type=\"tensor-mismatch\" message=\"{}\">{}</failure>\n",
                         xml_escaped(view.mismatch.value_or("the layer's output differs")), xml_escaped(cycles_text(view, l)));
    }
    xml += fmt::format("      <system-out>{}</system-out>\n", xml_escaped(cycles_text(view, l)));
    xml += "    </testcase>\n";
  }
  if (outputs_case) {
    xml += fmt::format("    <testcase classname=\"{}\" name=\"outputs\">\n", classname);
    if (!view.identical && !layer_failed) {
      xml += fmt::format("      <failure type=\"output-mismatch\" message=\"{}\"/>\n",
                         xml_escaped(view.mismatch.value_or("the outputs differ")));
    }
    xml += "    </testcase>\n";
  }
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

}  // namespace mcusim
