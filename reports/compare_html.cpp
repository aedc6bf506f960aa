// reports/compare_html.cpp — see compare_html.hpp.
#include "reports/compare_html.hpp"

#include "reports/compare_view.hpp"
#include "reports/html_page.hpp"
#include "reports/svg_chart.hpp"
#include "reports/xml_text.hpp"

#include <fmt/format.h>

namespace mcusim {
namespace {

// This page's rules after the shared ones (reports/html_page.cpp).
constexpr const char* kPageRules = R"css(
tr.differs td { color: #b3261e; font-weight: 600; } tr.total td { font-weight: 600; }
)css";

std::string number_or_dash(std::optional<double> value) { return value ? format_number(*value) : "—"; }

std::optional<double> layer_cycles(const ComparedRunView& run, std::size_t layer) {
  return layer < run.layer_cycles.size() ? run.layer_cycles[layer] : std::nullopt;
}

std::string layers_table(const CompareView& view) {
  std::string html = "<table id=\"layers\"><tr><th class=\"num\">#</th><th>layer</th><th>op</th><th class=\"num\">MACs</th>";
  for (const ComparedRunView& run : view.runs) html += fmt::format("<th class=\"num\">{}</th>", xml_escaped(run.label));
  for (std::size_t r = 1; r < view.runs.size(); ++r) {
    html += fmt::format("<th class=\"num\">{}/{}</th>", xml_escaped(view.runs[0].label), xml_escaped(view.runs[r].label));
  }
  html += "</tr>\n";
  for (std::size_t l = 0; l < view.layers.size(); ++l) {
    html += fmt::format("<tr class=\"{}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>",
                        view.mismatch_layer == l ? "differs" : "layer", l, xml_escaped(view.layers[l].name),
                        xml_escaped(view.layers[l].op), number_or_dash(view.layers[l].macs));
    for (const ComparedRunView& run : view.runs) {
      html += fmt::format("<td class=\"num\">{}</td>", number_or_dash(layer_cycles(run, l)));
    }
    for (std::size_t r = 1; r < view.runs.size(); ++r) {
      html += fmt::format("<td class=\"num\">{}</td>",
                          speedup_text(layer_cycles(view.runs[0], l), layer_cycles(view.runs[r], l)));
    }
    html += "</tr>\n";
  }
  auto total_row = [&](const char* label, auto field, bool with_speedup) {
    std::string row = fmt::format("<tr class=\"total\"><td></td><td colspan=\"3\">{}</td>", label);
    for (const ComparedRunView& run : view.runs) row += fmt::format("<td class=\"num\">{}</td>", number_or_dash(field(run)));
    for (std::size_t r = 1; r < view.runs.size(); ++r) {
      row += fmt::format("<td class=\"num\">{}</td>",
                         with_speedup ? speedup_text(field(view.runs[0]), field(view.runs[r])) : "");
    }
    return row + "</tr>\n";
  };
  html += total_row("(engine between layers)", [](const ComparedRunView& r) { return r.between_layers_cycles; }, false);
  html += total_row("inference, worst (cycles)", [](const ComparedRunView& r) { return r.worst_cycles; }, true);
  html += total_row("inference, worst (µs)", [](const ComparedRunView& r) { return r.worst_latency_us; }, false);
  return html + "</table>\n";
}

std::string layer_chart(const CompareView& view) {
  svg::BarChart chart;
  chart.title = "Cycles per layer (cold inference)";
  chart.y_label = "cycles";
  chart.layout = svg::BarLayout::Grouped;
  for (std::size_t l = 0; l < view.layers.size(); ++l) chart.categories.push_back(fmt::format("{} {}", l, view.layers[l].name));
  for (const ComparedRunView& run : view.runs) {
    chart.series.push_back(run.label);
    std::vector<double> values;
    for (std::size_t l = 0; l < view.layers.size(); ++l) values.push_back(layer_cycles(run, l).value_or(0));
    chart.values.push_back(std::move(values));
  }
  return svg::bar_chart(chart);
}

}  // namespace

std::string compare_html(const Report& comparison) {
  const CompareView view = compare_view(comparison);
  std::string html = html_page_head("mcusim compare: " + view.title, 800, kPageRules);
  html += fmt::format("<h1>mcusim compare: {}</h1>\n", xml_escaped(view.title));
  html += fmt::format("<div id=\"verdict\" class=\"verdict {}\">{}</div>\n", view.identical ? "pass" : "fail",
                      xml_escaped(compare_headline(view)));
  html += "<h2>Cycles per layer</h2>\n" + layers_table(view);
  html += "<div id=\"layer-chart\">\n" + layer_chart(view) + "</div>\n";
  html += view.outputs_only
              ? "<p class=\"note\">Compared: the final outputs of two run reports.</p>\n"
              : "<p class=\"note\">Compared: every layer's output tensor of the cold inference, byte for byte.</p>\n";
  html += fmt::format("<footer>{}</footer>\n</body>\n</html>\n", kCompareSchema);
  return html;
}

}  // namespace mcusim
