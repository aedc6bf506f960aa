// reports/report_checks.hpp — the gate of `mcusim check`, judged on a report
// JSON alone (a fresh run's or a stored one): budgets (docs/budgets.md) and a
// baseline (an older report) with a tolerance. Each quantity is read the same
// way as `run` judges it (reports/model_report.cpp, measured_for_budget).
#pragma once

#include "reports/budget.hpp"
#include "reports/report_view.hpp"

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mcusim {

// The measured value of a budget key in a report; nullopt where the report has
// none (energy_uj on a target without power figures, stack on an exec run).
//   latency_us, cycles -> inferences.worst_* (a model run) or the whole run (exec)
//   arena_bytes -> arena_bytes (planned), stack_bytes -> stack_peak_bytes,
//   ram_bytes -> ram_bytes, flash_bytes -> flash_bytes.total, energy_uj -> energy_uj
std::optional<double> report_quantity(const Report& report, std::string_view key);

// budgets[] of a report judged against `budget`, in its key order.
Report judge_report(const Report& report, const Budget& budget);

// The quantities a baseline comparison looks at, in this order: cycles,
// latency_us, arena_bytes, arena_peak_bytes, stack_bytes, ram_bytes, flash_bytes,
// energy_uj. A quantity the baseline lacks is not compared; one the baseline
// has and the new report lacks fails (it can no longer be shown not to regress).
std::span<const std::string_view> baseline_quantities() noexcept;

// The `baseline` object of a report: each quantity's limit is the baseline
// value × (1 + tolerance_percent / 100).
Report compare_with_baseline(const Report& report, const Report& baseline, double tolerance_percent,
                             const std::filesystem::path& baseline_file);

// Reads a report JSON. Throws Error(BadInput, exit 2) naming the file and,
// for a syntax error, its line and column; or when it is not mcusim.report/1.
Report load_report(const std::filesystem::path& file);
// The same for text already in memory (the fuzz target,
// fuzz/fuzz_baseline_json.cpp); `file` names it in messages.
Report parse_report(std::string_view text, const std::filesystem::path& file);

// "2%", "2 %", "0.5" -> percent. Throws Error(Usage) naming the text.
double parse_tolerance(std::string_view text);

}  // namespace mcusim
