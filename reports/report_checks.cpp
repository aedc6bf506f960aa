// reports/report_checks.cpp — see report_checks.hpp.
#include "reports/report_checks.hpp"

#include "reports/json_report.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace mcusim {
namespace {

constexpr std::array<std::string_view, 8> kBaselineQuantities = {
    "cycles", "latency_us", "arena_bytes", "arena_peak_bytes", "stack_bytes", "ram_bytes", "flash_bytes", "energy_uj"};

// Percentages on a grid of a thousandth; limits and margins on a grid of a
// millionth (the finest the report's numbers use: energy in µJ), so that the
// same numbers print the same everywhere.
double on_grid(double value) { return std::round(value * 1000.0) / 1000.0; }
double on_fine_grid(double value) { return std::round(value * 1e6) / 1e6; }

Report number_or_null(const std::optional<double>& value) { return value ? Report(*value) : Report(nullptr); }

// 1-based line and column of a byte offset.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

std::optional<double> report_quantity(const Report& report, std::string_view key) {
  const bool model_run = report.contains("inferences") && report["inferences"].is_object();
  if (key == "latency_us") {
    return model_run ? number_at(report["inferences"], "worst_latency_us") : number_at(report, "latency_us");
  }
  if (key == "cycles") return model_run ? number_at(report["inferences"], "worst_cycles") : number_at(report, "cycles");
  if (key == "arena_bytes") return number_at(report, "arena_bytes");
  if (key == "arena_peak_bytes") return number_at(report, "arena_peak_bytes");
  if (key == "stack_bytes") return number_at(report, "stack_peak_bytes");
  if (key == "ram_bytes") return number_at(report, "ram_bytes");
  if (key == "flash_bytes") {
    return report.contains("flash_bytes") ? number_at(report["flash_bytes"], "total") : std::nullopt;
  }
  if (key == "energy_uj") return number_at(report, "energy_uj");
  return std::nullopt;
}

Report judge_report(const Report& report, const Budget& budget) {
  Report budgets = Report::array();
  const auto verdicts = judge(budget, [&](const std::string& key) { return report_quantity(report, key); });
  for (const BudgetVerdict& verdict : verdicts) {
    Report entry;
    entry["name"] = verdict.name;
    entry["limit"] = verdict.limit;
    entry["value"] = number_or_null(verdict.value);
    entry["margin"] = verdict.margin() ? Report(on_fine_grid(*verdict.margin())) : Report(nullptr);
    entry["pass"] = verdict.pass;
    budgets.push_back(std::move(entry));
  }
  return budgets;
}

std::span<const std::string_view> baseline_quantities() noexcept { return kBaselineQuantities; }

Report compare_with_baseline(const Report& report, const Report& baseline, double tolerance_percent,
                             const std::filesystem::path& baseline_file) {
  Report comparisons = Report::array();
  for (const std::string_view key : kBaselineQuantities) {
    const auto old_value = report_quantity(baseline, key);
    if (!old_value) continue;
    const auto value = report_quantity(report, key);
    // Never below the baseline itself: a rounding must not fail an unchanged number.
    const double limit = std::max(*old_value, on_fine_grid(*old_value * (1.0 + tolerance_percent / 100.0)));
    Report entry;
    entry["name"] = std::string(key);
    entry["baseline"] = *old_value;
    entry["value"] = number_or_null(value);
    entry["limit"] = limit;
    entry["margin"] = value ? Report(on_fine_grid(limit - *value)) : Report(nullptr);
    entry["change_percent"] =
        value && *old_value > 0 ? Report(on_grid(100.0 * (*value - *old_value) / *old_value)) : Report(nullptr);
    entry["pass"] = value && *value <= limit;
    comparisons.push_back(std::move(entry));
  }
  Report result;
  result["file"] = baseline_file.string();
  result["tolerance_percent"] = tolerance_percent;
  result["comparisons"] = std::move(comparisons);
  return result;
}

Report load_report(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw_bad_input("give the report JSON an earlier `mcusim run --json` or `--report DIR` wrote (DIR/report.json)",
                    "cannot read report {}", file.string());
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_report(buffer.str(), file);
}

Report parse_report(std::string_view text, const std::filesystem::path& file) {
  Report report;
  try {
    report = Report::parse(text);
  } catch (const Report::parse_error& error) {
    const auto [line, column] = line_and_column(text, error.byte > 0 ? error.byte - 1 : 0);
    throw_bad_input("the file is not valid JSON there; regenerate it with `mcusim run --json`",
                    "{}:{}:{}: not a report JSON: {}", file.string(), line, column,
                    std::string(error.what()).substr(std::string(error.what()).find(':') + 2));
  } catch (const Report::exception& error) {
    // nlohmann's parser throws out_of_range, not parse_error, for a number
    // beyond double ("1e400"; found by fuzz/fuzz_baseline_json.cpp).
    throw_bad_input("the file is not valid JSON for mcusim; regenerate it with `mcusim run --json`",
                    "{}: not a report JSON: {}", file.string(),
                    std::string(error.what()).substr(std::string(error.what()).find(']') + 2));
  }
  // value("schema", string) throws type_error for a schema that is not a
  // string ({"schema": 1}; found with fuzz/fuzz_baseline_json.cpp).
  const auto schema = report.is_object() ? report.find("schema") : report.end();
  if (!report.is_object() || schema == report.end() || !schema->is_string() || *schema != kReportSchema) {
    throw_bad_input(fmt::format("give a report of schema {} (`mcusim run --json`)", kReportSchema),
                    "{}:1:1: not an mcusim report: \"schema\" is not \"{}\"", file.string(), kReportSchema);
  }
  return report;
}

double parse_tolerance(std::string_view text) {
  std::string_view number = text;
  while (!number.empty() && (number.back() == '%' || number.back() == ' ')) number.remove_suffix(1);
  double value = -1;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || error != std::errc() || end != number.data() + number.size() || !(value >= 0) || value > 1000) {
    throw Error(ErrorKind::Usage, fmt::format("--tolerance {}: not a percentage", text),
                "give the allowed growth over the baseline as a percentage, e.g. --tolerance 2%");
  }
  return value;
}

}  // namespace mcusim
