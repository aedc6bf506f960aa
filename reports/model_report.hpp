// reports/model_report.hpp — the report JSON of a model run (`mcusim run`):
// every field of an `exec` report plus DESIGN.md's model fields (workload,
// variant, arena, stack, flash, RAM, inferences, layers, outputs, budgets).
#pragma once

#include "profiler/energy.hpp"
#include "profiler/flash_breakdown.hpp"
#include "profiler/model_profile.hpp"
#include "reports/budget.hpp"
#include "reports/json_report.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mcusim {

// The sizes of the firmware image, from the linked ELF.
struct FlashBreakdown {
  std::uint64_t code_bytes = 0;     // .text and read-only data of the runtime
  std::uint64_t weights_bytes = 0;  // the plan blob: operators, quantization, weights
  std::uint64_t total_bytes = 0;    // everything in flash (vectors, .data image included)
};

struct ModelRunFacts {
  std::string workload;  // the bundled workload's name, or empty for --model
  std::string model;     // the model file
  std::vector<std::string> overrides;    // "--set fc1.units=32", "--clock-mhz 24": the files changed for this run
  std::vector<std::string> model_notes;  // what loading the model changed (compiler::Model::notes)
  std::string variant;   // "ref", "m0", "m4"
  std::uint64_t arena_bytes = 0;        // planned by the compiler, scratch included
  std::uint64_t arena_naive_bytes = 0;  // every tensor its own buffer
  std::uint64_t stack_reserved_bytes = 0;
  FlashBreakdown flash;
  bool weights_in_ram = false;  // the plan copied to RAM at start-up (--weights-in ram)
  // --kernel OP=file: the user's kernels that replaced the variant's.
  std::vector<std::pair<std::string, std::string>> user_kernels;
  std::uint64_t ram_bytes = 0;  // data + bss + arena + stack reserve
  bool output_is_int8 = true;   // outputs as int8 values; else the raw bytes in hex
  std::vector<BudgetVerdict> budgets;
  // Energy (profiler/energy.hpp), absent when the target has no [power]:
  // the whole run, each inference, and the duty cycle when --rate was given.
  std::optional<profiler::RunEnergy> run_energy{};
  std::optional<profiler::InferenceEnergy> inference_energy{};
  std::optional<profiler::DutyCycle> duty_cycle{};
  // Where the flash goes (profiler/flash_breakdown.hpp); absent without a link map.
  std::optional<profiler::FlashBreakdown> flash_breakdown{};
};

// The quantity a budget key measures in this run, for judge(); nullopt where
// the run has no such number (energy on a target without power figures).
std::optional<double> measured_for_budget(const std::string& key, const RunResult& run,
                                          const profiler::ModelProfile& profile,
                                          const ModelRunFacts& facts);

nlohmann::ordered_json model_report_json(const RunResult& run, const profiler::ModelProfile* profile,
                                         const ModelRunFacts& facts, const ReportContext& context);

// Cycles to microseconds on the report's grid (a thousandth of a µs).
double cycles_to_us(std::uint64_t cycles, std::uint64_t clock_hz);
double cycles_to_us(double cycles, std::uint64_t clock_hz);

}  // namespace mcusim
