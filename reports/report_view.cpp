// reports/report_view.cpp — see report_view.hpp.
#include "reports/report_view.hpp"

#include "runtime/firmware/size_breakdown.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

namespace mcusim {
namespace {

CheckRow row_of(const Report& entry, const char* kind) {
  CheckRow row;
  row.kind = kind;
  row.name = entry.value("name", std::string());
  row.limit = number_at(entry, "limit").value_or(0);
  row.value = number_at(entry, "value");
  row.baseline = number_at(entry, "baseline");
  row.pass = entry.value("pass", false);
  return row;
}

}  // namespace

std::optional<double> number_at(const Report& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "—";
  const double rounded = std::round(value * 1000.0) / 1000.0;
  if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e18) {
    const auto magnitude = static_cast<std::uint64_t>(std::fabs(rounded));
    return (rounded < 0 ? "-" : "") + firmware::grouped(magnitude);
  }
  std::string text = fmt::format("{:.3f}", rounded);
  while (text.back() == '0') text.pop_back();
  const auto point = text.find('.');
  const auto whole = static_cast<std::uint64_t>(std::fabs(std::trunc(rounded)));
  return (rounded < 0 ? "-" : "") + firmware::grouped(whole) + text.substr(point);
}

std::string format_number(const Report& value) {
  return value.is_number() ? format_number(value.get<double>()) : "—";
}

std::string format_signed(double value) {
  const double rounded = std::round(value * 1000.0) / 1000.0;  // -0.0002 prints as +0, as 0.0002 does
  return (rounded >= 0 ? "+" : "") + format_number(rounded == 0 ? 0.0 : rounded);
}

std::string clock_mhz(const Report& report) {
  return format_number(number_at(report, "clock_hz").value_or(0) / 1e6);
}

std::optional<double> worst_cycles(const Report& report) {
  const auto inferences = report.find("inferences");
  if (inferences != report.end() && inferences->is_object()) return number_at(*inferences, "worst_cycles");
  return number_at(report, "cycles");
}

std::vector<CheckRow> check_rows(const Report& report) {
  std::vector<CheckRow> rows;
  const auto budgets = report.find("budgets");
  if (budgets != report.end() && budgets->is_array()) {
    for (const auto& entry : *budgets) rows.push_back(row_of(entry, "budget"));
  }
  const auto baseline = report.find("baseline");
  if (baseline != report.end() && baseline->is_object() && baseline->contains("comparisons")) {
    for (const auto& entry : (*baseline)["comparisons"]) rows.push_back(row_of(entry, "baseline"));
  }
  return rows;
}

Verdict report_verdict(const Report& report) {
  Verdict verdict;
  const auto rows = check_rows(report);
  verdict.checks = rows.size();
  std::string failed_names;
  for (const CheckRow& row : rows) {
    if (row.pass) continue;
    ++verdict.failed;
    if (!failed_names.empty()) failed_names += ", ";
    failed_names += row.kind == "baseline" ? row.name + " vs baseline" : row.name;
  }
  const auto fault = report.find("fault");
  if (fault != report.end() && fault->is_object()) {
    verdict.outcome = Outcome::Faulted;
    const bool limit = fault->value("is_limit", false);
    verdict.word = limit ? "LIMIT" : "FAULTED";
    verdict.headline = fmt::format("{}: {}: {}", verdict.word, fault->value("kind", std::string("fault")),
                                   fault->value("detail", std::string()));
    return verdict;
  }
  const auto exit_status = number_at(report, "exit_status");
  if (exit_status && *exit_status != 0) {
    verdict.outcome = Outcome::ExitedNonZero;
    verdict.word = fmt::format("EXIT {}", format_number(*exit_status));
    verdict.headline = fmt::format("{}: the firmware exited with status {}", verdict.word,
                                   format_number(*exit_status));
    return verdict;
  }
  if (rows.empty()) {
    verdict.outcome = Outcome::NoChecks;
    verdict.word = "NO BUDGET";
    verdict.headline = "NO BUDGET: the run completed; no budget or baseline was given";
  } else if (verdict.failed == 0) {
    verdict.outcome = Outcome::Pass;
    verdict.word = "PASS";
    verdict.headline = fmt::format("PASS: all {} checks met", rows.size());
  } else {
    verdict.outcome = Outcome::Fail;
    verdict.word = "FAIL";
    verdict.headline = fmt::format("FAIL: {} of {} checks failed ({})", verdict.failed, rows.size(), failed_names);
  }
  return verdict;
}

std::string report_title(const Report& report) {
  std::string what;
  if (report.contains("workload") && report["workload"].is_string()) {
    what = report["workload"].get<std::string>();
  } else if (report.contains("model") && report["model"].is_string()) {
    what = report["model"].get<std::string>();
  } else if (report.contains("elf") && report["elf"].is_string()) {
    what = report["elf"].get<std::string>();
  } else {
    what = "a program";
  }
  std::string title = fmt::format("{} on {} ({}, {} MHz", what, report.value("target", std::string("?")),
                                  report.value("core", std::string("?")), clock_mhz(report));
  if (report.contains("variant") && report["variant"].is_string()) {
    title += ", variant " + report["variant"].get<std::string>();
  }
  return title + ")";
}

}  // namespace mcusim
