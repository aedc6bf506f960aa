// reports/sweep_html.cpp — see sweep_html.hpp.
#include "reports/sweep_html.hpp"

#include "reports/html_page.hpp"
#include "reports/report_view.hpp"
#include "reports/sweep_plots.hpp"
#include "reports/xml_text.hpp"

#include <fmt/format.h>

namespace mcusim {
namespace {

using nlohmann::json;

// This page's rules after the shared ones (reports/html_page.cpp): a wide
// table with tighter cells.
constexpr const char* kPageRules = R"css(
td, th { padding: 3px 8px; }
tr.meets td { background: #e8f4ec; } tr.cheapest td { background: #bfe3c9; font-weight: 600; }
tr.faulted td, tr.error td { color: #b3261e; }
)css";

std::string cell(const json& value) {
  if (value.is_null()) return "—";
  if (value.is_number()) return format_number(value.get<double>());
  if (value.is_boolean()) return value.get<bool>() ? "on" : "off";
  if (value.is_string()) return xml_escaped(value.get<std::string>());
  return xml_escaped(value.dump());
}

const json& at(const json& object, const char* key) {
  static const json kNull;
  const auto it = object.find(key);
  return it != object.end() ? *it : kNull;
}

}  // namespace

std::string sweep_html(const json& sweep) {
  const json& points = at(sweep, "points");
  const json& cheapest = at(sweep, "cheapest");
  std::string html = html_page_head("mcusim sweep", 1000, kPageRules);
  html += fmt::format("<h1>mcusim sweep: {} points</h1>\n", points.is_array() ? points.size() : 0);
  const json& shard = at(sweep, "shard");
  if (shard.is_object()) {
    html += fmt::format("<p class=\"note\">Shard {} of {}.</p>\n", cell(at(shard, "k")), cell(at(shard, "n")));
  }
  const json& budget = at(sweep, "budget");
  if (budget.is_object()) {
    std::string limits;
    for (const auto& [name, limit] : budget.items()) limits += (limits.empty() ? "" : ", ") + xml_escaped(name) + " ≤ " + cell(limit);
    html += fmt::format("<p id=\"budget\">Budget: {}.</p>\n", limits);
  } else {
    html += "<p id=\"budget\" class=\"note\">No budget: no point is judged.</p>\n";
  }
  if (cheapest.is_number() && points.is_array()) {
    for (const json& point : points) {
      if (at(point, "index") != cheapest) continue;
      std::string params;
      for (const auto& [name, value] : at(point, "params").items()) params += (params.empty() ? "" : ", ") + xml_escaped(name) + "=" + cell(value);
      html += fmt::format("<p id=\"cheapest\">Cheapest point meeting the budget: #{} ({}): {} µs, {} µJ.</p>\n", cell(cheapest),
                          params, cell(at(point, "latency_us")), cell(at(point, "energy_uj")));
    }
  } else {
    html += "<p id=\"cheapest\" class=\"note\">No point meets the budget.</p>\n";
  }

  html += "<h2>Points</h2>\n<table id=\"points\"><tr><th class=\"num\">#</th><th>target</th><th>model</th><th>variant</th>"
          "<th class=\"num\">MHz</th><th class=\"num\">wait states</th><th>prefetch</th><th>cache</th><th>status</th>"
          "<th class=\"num\">cycles</th><th class=\"num\">latency µs</th><th class=\"num\">energy µJ</th>"
          "<th class=\"num\">flash</th><th class=\"num\">RAM</th><th>budget</th></tr>\n";
  for (const json& point : points.is_array() ? points : json::array()) {
    const json& params = at(point, "params");
    const std::string status = at(point, "status").is_string() ? at(point, "status").get<std::string>() : "";
    const bool meets = at(point, "meets_budget") == true;
    const bool is_cheapest = cheapest.is_number() && at(point, "index") == cheapest;
    const std::string row_class = is_cheapest ? "cheapest" : meets ? "meets" : status == "ok" ? "point" : status;
    html += fmt::format("<tr class=\"{}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td>", xml_escaped(row_class),
                        cell(at(point, "index")), cell(at(params, "target")), cell(at(params, "model")),
                        cell(at(params, "variant")));
    html += fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td>",
                        cell(at(params, "clock_mhz")), cell(at(params, "wait_states")), cell(at(params, "prefetch")),
                        cell(at(params, "cache")),
                        status == "ok" ? "ok" : xml_escaped(status) + ": " + cell(at(point, "message")));
    const json& verdict = at(point, "meets_budget");
    html += fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                        "<td class=\"num\">{}</td><td>{}</td></tr>\n",
                        cell(at(point, "cycles")), cell(at(point, "latency_us")), cell(at(point, "energy_uj")),
                        cell(at(point, "flash_bytes")), cell(at(point, "ram_bytes")),
                        is_cheapest ? "meets ★ cheapest" : verdict.is_null() ? "—" : verdict == true ? "meets" : "fails");
  }
  html += "</table>\n";
  html += "<h2>Latency vs clock</h2>\n<div id=\"latency-chart\">\n" + latency_vs_clock_svg(sweep) + "</div>\n";
  html += "<h2>Cycles by layer</h2>\n<div id=\"layers-chart\">\n" + cycles_by_layer_svg(sweep) + "</div>\n";
  html += "<h2>Energy vs clock</h2>\n<div id=\"energy-chart\">\n" + energy_vs_clock_svg(sweep) + "</div>\n";
  html += fmt::format("<footer>{}</footer>\n</body>\n</html>\n", cell(at(sweep, "schema")));
  return html;
}

}  // namespace mcusim
