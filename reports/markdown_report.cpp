// reports/markdown_report.cpp — see markdown_report.hpp.
#include "reports/markdown_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace mcusim {
namespace {

constexpr std::size_t kTopFunctions = 10;

// Table cells must not break the table: pipes and newlines escaped.
std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string text_at(const Report& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return "—";
  return object[key].get<std::string>();
}

void checks_section(const Report& report, std::string& md) {
  const auto rows = check_rows(report);
  if (rows.empty()) return;
  md += "| check | limit | value | margin | verdict |\n| --- | ---: | ---: | ---: | --- |\n";
  for (const CheckRow& row : rows) {
    const std::string name = row.kind == "baseline" ? row.name + " (vs baseline " +
                                                          (row.baseline ? format_number(*row.baseline) : "—") + ")"
                                                    : row.name;
    const std::string value = row.value ? format_number(*row.value) : "not measured";
    const std::string margin = row.margin() ? format_signed(*row.margin()) : "—";
    md += fmt::format("| {} | {} | {} | {} | {} |\n", cell(name), format_number(row.limit), value, margin,
                      row.pass ? "pass" : "**FAIL**");
  }
  md += "\n";
}

void run_section(const Report& report, std::string& md) {
  md += "## Run\n\n| | |\n| --- | --- |\n";
  md += fmt::format("| target | {} ({}, {} MHz) |\n", cell(text_at(report, "target")), text_at(report, "core"),
                    clock_mhz(report));
  if (report.contains("model")) md += fmt::format("| model | `{}` |\n", cell(text_at(report, "model")));
  if (report.contains("variant")) md += fmt::format("| kernel variant | {} |\n", text_at(report, "variant"));
  if (report.contains("elf") && report["elf"].is_string()) md += fmt::format("| ELF | `{}` |\n", cell(text_at(report, "elf")));
  md += fmt::format("| cycles (whole run) | {} |\n", format_number(report.value("cycles", Report())));
  md += fmt::format("| instructions | {} |\n", format_number(report.value("instructions", Report())));
  const Report& inferences = report.contains("inferences") ? report["inferences"] : Report();
  if (inferences.is_object()) {
    md += fmt::format("| inferences | {} |\n", format_number(inferences.value("count", Report())));
    md += fmt::format("| cold inference | {} cycles, {} µs |\n", format_number(inferences.value("cold_cycles", Report())),
                      format_number(inferences.value("cold_latency_us", Report())));
    const Report& warm = inferences.contains("warm") ? inferences["warm"] : Report();
    if (warm.is_object()) {
      md += fmt::format("| warm inferences | min {} / mean {} / max {} cycles |\n",
                        format_number(warm.value("min_cycles", Report())),
                        format_number(warm.value("mean_cycles", Report())),
                        format_number(warm.value("max_cycles", Report())));
    }
    md += fmt::format("| worst inference | {} cycles, **{} µs** |\n", format_number(inferences.value("worst_cycles", Report())),
                      format_number(inferences.value("worst_latency_us", Report())));
  } else {
    md += fmt::format("| latency | {} µs |\n", format_number(report.value("latency_us", Report())));
  }
  md += "\n";
}

void layers_section(const Report& report, std::string& md) {
  if (!report.contains("layers") || !report["layers"].is_array() || report["layers"].empty()) return;
  // const operator[] on a missing key is undefined: look fields up with value().
  const Report inferences = report.value("inferences", Report());
  const double cold = number_at(inferences, "cold_cycles").value_or(0);
  md += "## Layers (cold inference)\n\n";
  md += "| # | layer | op | MACs | cycles | µs | cycles/MAC | share |\n";
  md += "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& layer : report["layers"]) {
    const double cycles = number_at(layer, "cycles").value_or(0);
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", format_number(layer.value("index", Report())),
                      cell(text_at(layer, "name")), text_at(layer, "op"), format_number(layer.value("macs", Report())),
                      format_number(cycles), format_number(layer.value("latency_us", Report())),
                      format_number(layer.value("cycles_per_mac", Report())),
                      cold > 0 ? format_number(std::round(1000.0 * cycles / cold) / 10.0) + " %" : "—");
  }
  if (inferences.is_object()) {
    md += fmt::format("| | *between layers* | | | {} | | | |\n",
                      format_number(inferences.value("between_layers_cycles_cold", Report())));
  }
  md += "\n";
}

// functions[] (the profiler's attribution, when run with --profile): the
// most expensive by exclusive cycles.
void functions_section(const Report& report, std::string& md) {
  if (!report.contains("functions") || !report["functions"].is_array() || report["functions"].empty()) return;
  std::vector<const Report*> functions;
  for (const auto& function : report["functions"]) functions.push_back(&function);
  const auto self = [](const Report* f) {
    return number_at(*f, "self_cycles").value_or(number_at(*f, "exclusive_cycles").value_or(number_at(*f, "cycles").value_or(0)));
  };
  std::stable_sort(functions.begin(), functions.end(), [&](const Report* a, const Report* b) { return self(a) > self(b); });
  md += "## Top functions\n\n| function | self cycles | total cycles | instructions |\n| --- | ---: | ---: | ---: |\n";
  for (std::size_t i = 0; i < std::min(kTopFunctions, functions.size()); ++i) {
    const Report& f = *functions[i];
    const auto total = number_at(f, "total_cycles") ? number_at(f, "total_cycles") : number_at(f, "inclusive_cycles");
    md += fmt::format("| `{}` | {} | {} | {} |\n", cell(text_at(f, "name")), format_number(self(functions[i])),
                      total ? format_number(*total) : "—", format_number(f.value("instructions", Report())));
  }
  md += "\n";
}

void memory_section(const Report& report, std::string& md) {
  if (!report.contains("flash_bytes")) return;
  md += "## Memory\n\n| | bytes |\n| --- | ---: |\n";
  const Report& flash = report["flash_bytes"];
  if (flash.is_object()) {
    md += fmt::format("| flash: code | {} |\n| flash: weights and plan | {} |\n| flash: total | {} |\n",
                      format_number(flash.value("code", Report())), format_number(flash.value("weights", Report())),
                      format_number(flash.value("total", Report())));
  }
  md += fmt::format("| RAM (data + bss + arena + stack reserve) | {} |\n", format_number(report.value("ram_bytes", Report())));
  md += fmt::format("| arena planned | {} |\n", format_number(report.value("arena_bytes", Report())));
  md += fmt::format("| arena peak measured | {} |\n", format_number(report.value("arena_peak_bytes", Report())));
  md += fmt::format("| stack peak measured | {} |\n", format_number(report.value("stack_peak_bytes", Report())));
  md += fmt::format("| stack reserved | {} |\n", format_number(report.value("stack_reserved_bytes", Report())));
  md += "\n";
}

void energy_section(const Report& report, std::string& md) {
  const auto energy = number_at(report, "energy_uj");
  if (!energy) return;
  md += "## Energy\n\n| | |\n| --- | ---: |\n";
  md += fmt::format("| energy per inference | {} µJ |\n", format_number(*energy));
  if (const auto power = number_at(report, "average_power_mw")) {
    md += fmt::format("| average power while running | {} mW |\n", format_number(*power));
  }
  md += "\n";
}

}  // namespace

std::string markdown_report(const Report& report) {
  const Verdict verdict = report_verdict(report);
  std::string md = fmt::format("# mcusim: {}\n\n**{}**\n\n", cell(report_title(report)), cell(verdict.headline));
  checks_section(report, md);
  run_section(report, md);
  layers_section(report, md);
  functions_section(report, md);
  memory_section(report, md);
  energy_section(report, md);
  md += fmt::format("<sub>{} · `{}`</sub>\n", report.value("schema", std::string()), report.value("command", std::string()));
  return md;
}

}  // namespace mcusim
