// reports/json_report.hpp — the report JSON (schema "mcusim.report/1"), the
// source of truth every other format is derived from. Only reads a finished run.
#pragma once

#include "profiler/energy.hpp"
#include "sim/machine/run_result.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace mcusim {

inline constexpr const char* kReportSchema = "mcusim.report/1";

struct ReportContext {
  std::string command;  // "exec"
  std::string elf;      // path as given
  // The run's energy (profiler/energy.hpp); absent when the target has no
  // power figures: energy_uj, average_power_mw and energy are then null.
  std::optional<profiler::RunEnergy> energy{};
};

// Fields per DESIGN.md "Report JSON": every run carries target, core, clock_hz,
// cycles, instructions, latency_us, exit_status, fault, toolchain, energy_uj.
// A value that was not measured is null, never 0.
nlohmann::ordered_json report_json(const RunResult& run, const ReportContext& context);

// Deterministic text: two-space indentation, trailing newline.
std::string to_text(const nlohmann::ordered_json& report);

}  // namespace mcusim
