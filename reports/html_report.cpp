// reports/html_report.cpp — see html_report.hpp.
#include "reports/html_report.hpp"

#include "reports/html_charts.hpp"
#include "reports/html_page.hpp"
#include "reports/xml_text.hpp"

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

namespace mcusim {
namespace {

// This page's rules after the shared ones (reports/html_page.cpp).
constexpr const char* kPageRules = R"css(
.verdict.none { background: #52606d; } .verdict.error { background: #7a1f5c; }
tr.failed td { color: #b3261e; font-weight: 600; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2430; } svg text.inbar { fill: #fff; }
svg text.mark { font-size: 11px; fill: #7a1f5c; }
.layer-bar { fill: #2f6fb3; } .high-water { stroke: #7a1f5c; stroke-width: 2; stroke-dasharray: 4 2; }
.part-0 { fill: #2f6fb3; } .part-1 { fill: #e07b39; } .part-2 { fill: #3a9a5b; } .part-3 { fill: #8d5cb8; }
.part-4 { fill: #c9a227; } .part-5 { fill: #c44e76; } .part-6 { fill: #4aa3a8; } .part-7 { fill: #7d8793; }
)css";

std::string verdict_class(Outcome outcome) {
  switch (outcome) {
    case Outcome::Pass: return "pass";
    case Outcome::Fail: return "fail";
    case Outcome::NoChecks: return "none";
    case Outcome::Faulted:
    case Outcome::ExitedNonZero: return "error";
  }
  return "none";
}

std::string checks_table(const Report& report) {
  const auto rows = check_rows(report);
  if (rows.empty()) return {};
  std::string html =
      "<table id=\"checks\"><tr><th>check</th><th class=\"num\">limit</th><th class=\"num\">value</th>"
      "<th class=\"num\">margin</th><th>verdict</th></tr>\n";
  for (const CheckRow& row : rows) {
    const std::string name = row.kind == "baseline" ? row.name + " vs baseline" : row.name;
    html += fmt::format(
        "<tr class=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td>{}</td></tr>\n",
        row.pass ? "passed" : "failed", xml_escaped(name), format_number(row.limit),
        row.value ? format_number(*row.value) : "not measured", row.margin() ? format_signed(*row.margin()) : "—",
        row.pass ? "pass" : "FAIL");
  }
  return html + "</table>\n";
}

std::string facts_table(const Report& report) {
  std::vector<std::pair<std::string, std::string>> rows = {
      {"target", fmt::format("{} ({}, {} MHz)", report.value("target", std::string()), report.value("core", std::string()),
                             clock_mhz(report))},
      {"cycles, whole run", format_number(report.value("cycles", Report()))},
      {"instructions", format_number(report.value("instructions", Report()))},
  };
  if (report.contains("inferences") && report["inferences"].is_object()) {
    const Report& inferences = report["inferences"];
    rows.emplace_back("inferences", format_number(inferences.value("count", Report())));
    rows.emplace_back("cold inference", fmt::format("{} cycles, {} µs", format_number(inferences.value("cold_cycles", Report())),
                                                    format_number(inferences.value("cold_latency_us", Report()))));
    rows.emplace_back("worst inference", fmt::format("{} cycles, {} µs", format_number(inferences.value("worst_cycles", Report())),
                                                     format_number(inferences.value("worst_latency_us", Report()))));
  } else {
    rows.emplace_back("latency", format_number(report.value("latency_us", Report())) + " µs");
  }
  std::string html = "<table id=\"facts\">\n";
  for (const auto& [name, value] : rows) {
    html += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>\n", xml_escaped(name), xml_escaped(value));
  }
  return html + "</table>\n";
}

// The profile's breakdowns when the run was attributed (--profile,
// reports/execution_profile_json.cpp): stall cycles by cause and cycles by
// instruction class, whole run.
std::vector<std::pair<std::string, double>> profile_parts(const Report& report, const char* key) {
  std::vector<std::pair<std::string, double>> parts;
  if (!report.contains("profile") || !report["profile"].is_object()) return parts;
  const Report& profile = report["profile"];
  if (!profile.contains(key) || !profile[key].is_object()) return parts;
  for (const auto& [name, value] : profile[key].items()) {
    if (value.is_number()) parts.emplace_back(name, value.get<double>());
    if (value.is_object()) parts.emplace_back(name, number_at(value, "cycles").value_or(0));
  }
  return parts;
}

std::string breakdown_section(const Report& report, const char* key, const char* title, const char* unit) {
  const std::string svg = breakdown_svg(profile_parts(report, key), unit);
  if (svg.empty()) return {};
  return fmt::format("<h2>{}</h2>\n{}", title, svg);
}

std::string energy_section(const Report& report) {
  const auto energy = number_at(report, "energy_uj");
  if (!energy) {
    return "<h2>Energy</h2>\n<p class=\"note\">Not measured: the target has no power figures.</p>\n";
  }
  std::string html = fmt::format("<h2>Energy</h2>\n<table id=\"energy\"><tr><td>energy per inference</td>"
                                 "<td class=\"num\">{} µJ</td></tr>\n",
                                 format_number(*energy));
  if (const auto power = number_at(report, "average_power_mw")) {
    html += fmt::format("<tr><td>average power while running</td><td class=\"num\">{} mW</td></tr>\n", format_number(*power));
  }
  return html + "</table>\n";
}

}  // namespace

std::string html_report(const Report& report) {
  const Verdict verdict = report_verdict(report);
  const std::string title = report_title(report);
  std::string html = html_page_head("mcusim: " + title, 800, kPageRules);
  html += fmt::format("<h1>mcusim: {}</h1>\n", xml_escaped(title));
  html += fmt::format("<div id=\"verdict\" class=\"verdict {}\">{}</div>\n", verdict_class(verdict.outcome),
                      xml_escaped(verdict.headline));
  html += checks_table(report);
  html += "<h2>Run</h2>\n" + facts_table(report);
  if (const std::string chart = layer_bar_chart_svg(report); !chart.empty()) {
    html += "<h2>Cycles per layer (cold inference)</h2>\n<div id=\"layers\">\n" + chart + "</div>\n";
  }
  if (const std::string map = memory_map_svg(report); !map.empty()) {
    html += "<h2>Memory map</h2>\n<div id=\"memory\">\n" + map + "</div>\n";
  }
  const std::string stalls = breakdown_section(report, "stall_cycles", "Stall cycles by cause", "cycles");
  html += stalls.empty() ? "<h2>Stall cycles by cause</h2>\n<p class=\"note\">Not attributed: run with --profile.</p>\n"
                         : stalls;
  html += breakdown_section(report, "instruction_classes", "Cycles by instruction class", "cycles");
  if (report.contains("profile") && report["profile"].is_object() && report["profile"].contains("contexts")) {
    if (const std::string icicle = icicle_svg(report["profile"]["contexts"]); !icicle.empty()) {
      html += "<h2>Functions: calling contexts (icicle, width = cycles)</h2>\n<div id=\"icicle\">\n" + icicle + "</div>\n";
    }
  }
  if (report.contains("inferences")) html += energy_section(report);
  html += fmt::format("<footer>{} · {}</footer>\n</body>\n</html>\n", xml_escaped(report.value("schema", std::string())),
                      xml_escaped(report.value("command", std::string())));
  return html;
}

}  // namespace mcusim
