// tools/mcusim/model_run.hpp — the main job: a model and a target in, one
// firmware image built, run in the simulator, and the per-inference facts
// out. `mcusim run` is a thin CLI over run_model().
//
//   model (.tflite | spec .toml) ─► compiler::Model ─► plan blob
//   plan + engine + kernel variant + run harness ─► firmware ELF (clang/lld)
//   ELF ─► simulate() ─► markers, captures ─► profiler::ModelProfile
#pragma once

#include "profiler/execution_profile.hpp"
#include "profiler/model_profile.hpp"
#include "reports/budget.hpp"
#include "reports/model_report.hpp"
#include "runtime/compiler/model.hpp"
#include "runtime/compiler/plan_writer.hpp"
#include "runtime/compiler/spec_overrides.hpp"
#include "runtime/compiler/user_kernels.hpp"
#include "runtime/firmware/firmware_builder.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/machine/machine.hpp"
#include "sim/target/target.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mcusim::cli {

struct ModelRunRequest {
  std::filesystem::path model_file;  // .tflite, or a model spec .toml: named in the report
  compiler::Model model;             // load_model(model_file)
  std::string workload;              // the bundled workload's name, for the report; may be empty
  // What this run changed of the model's and the target's files, as the flags
  // were given ("--set fc1.units=32", "--clock-mhz 24"); already applied.
  std::vector<std::string> overrides;
  std::string variant = "auto";      // ref, m0, m4 or auto
  std::uint32_t warm_inferences = 3;  // after the cold one
  // Raw input tensors, one per inference (cycled when fewer than the
  // inferences); empty: deterministic generated inputs.
  std::vector<std::vector<std::uint8_t>> inputs;
  bool dump_tensors = false;
  std::uint32_t stack_bytes = 2048;
  // The plan (operators and weights) copied to RAM at start-up instead of
  // read from flash (--weights-in ram): no flash wait states, its size in RAM.
  bool weights_in_ram = false;
  // Your own kernels in place of the variant's for these operators (--kernel).
  std::vector<compiler::UserKernel> user_kernels;
  std::optional<Budget> budget;
  RunOptions limits;  // cycle limit, timeout; console and semihosting are set here
  std::filesystem::path work_dir;  // firmware build and input files; must exist
  // --profile: function, line, class, stall and traffic attribution
  // (profiler/execution_profiler.hpp); the run is precise and slower.
  bool profile = false;
  // Duty cycle (profiler/energy.hpp): inferences per second and, for the
  // battery life, the battery's capacity. Absent: no duty cycle.
  std::optional<double> rate_hz;
  std::optional<double> battery_mah;
};

struct ModelRunOutcome {
  compiler::Model model;
  std::string variant;  // resolved (auto -> m0 / m4)
  RunResult run;
  std::optional<profiler::ModelProfile> profile;  // absent when the guest faulted
  std::optional<profiler::ExecutionProfile> execution;  // --profile only
  ModelRunFacts facts;
  std::filesystem::path elf;
  std::string toolchain;
  std::vector<std::uint8_t> first_input;  // the cold inference's input tensor
  std::uint32_t input_bytes = 0;
  std::uint32_t output_bytes = 0;
};

// "auto": the fastest variant the core runs (m4 on an M4, m0 on an M0/M0+).
// Throws mcusim::Error (Usage, exit 2) for an unknown variant or one the core
// cannot run (m4 on an ARMv6-M core).
std::string resolve_variant(std::string_view variant, CoreModel core);

// A .tflite file or a model spec; `overrides` (--set) change a spec's layers
// and are refused (Usage, exit 2) for a .tflite file.
compiler::Model load_model(const std::filesystem::path& file, std::span<const compiler::SpecOverride> overrides = {});

// Name, operator and multiply-accumulates of each operator, in order.
std::vector<profiler::LayerInfo> layer_infos(const compiler::Model& model);

// The plan blob of `model` for the kernels of `variant` (resolved): the one
// place `mcusim run` and `mcusim export` make it, so both ship the same bytes.
compiler::PlanBlob model_plan(const compiler::Model& model, std::string_view variant);

// The inference runtime of a model's firmware, without start-up or harness:
// what `mcusim run` measures and `mcusim export` hands the user.
struct RuntimeBuild {
  std::vector<std::filesystem::path> sources;  // the variant's kernels, then runtime/engine/*.c, each sorted
  std::vector<std::string> defines;            // the plan's MCUSIM_OP_<KIND>, sorted
  std::vector<std::string> compile_flags;      // the variant's (kernel_variant_compile_flags)
  bool needs_soft_float = false;               // QUANTIZE from / DEQUANTIZE to float: link libgcc's soft float
};

// Throws mcusim::Error (BadInput) for an unknown variant or a runtime folder
// without sources.
RuntimeBuild runtime_build(const compiler::PlanBlob& plan, std::string_view variant,
                           const std::vector<compiler::UserKernel>& user_kernels = {});

// Throws mcusim::Error: bad model or input (exit 2), firmware that does not
// fit (exit 2, with the bytes). A guest fault does not throw: it comes back in
// outcome.run.fault with no profile.
ModelRunOutcome run_model(const Target& target, const ModelRunRequest& request);

// The firmware of a request, built and loaded once: what run_model()
// simulates. It depends on the target's core and memory map, never on its
// clock, wait states or accelerators, so the points of `mcusim sweep` that
// differ only in those share one (docs/sweep.md "Re-use"). Read-only once
// built: threads may simulate it at the same time.
struct ModelFirmware {
  std::string variant;  // resolved
  compiler::PlanBlob plan;
  firmware::FirmwareImage image;
  ElfImage elf;
  std::filesystem::path input_dir;  // inputs.bin: the semihosting root of every run
  std::vector<std::uint8_t> first_input;
  std::uint32_t input_bytes = 0;
  std::uint32_t output_bytes = 0;
};

// Checks the request and builds its firmware into request.work_dir; throws as
// run_model() does.
ModelFirmware build_model_firmware(const Target& target, const ModelRunRequest& request);

// Simulates a firmware build_model_firmware() made for this request on a
// target with the same core and memory map (its timing may differ).
ModelRunOutcome run_model(const Target& target, const ModelRunRequest& request, const ModelFirmware& firmware);

}  // namespace mcusim::cli
